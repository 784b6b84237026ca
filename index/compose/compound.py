"""Answers to a message asking two questions at once (query/compound.py): the first part's
answer, then the second's, asked of the documents that answered the first ("where was it
held?" is about the dialogue just found), and of any when they do not answer it. One reply,
its [n] markers numbered on. The second answer shows no sentence the first already shows."""

from __future__ import annotations

import re
from dataclasses import replace

from index.compose.answer import answer_question
from index.embed.base import Embedder
from index.query.compound import split_compound
from index.storage.snapshot import Snapshot
from index.types import Reply

_MARKER = re.compile(r"\[(\d+)\]")


def answer_compound(snap: Snapshot, embedder: Embedder, question: str) -> Reply | None:
    """The reply to a compound `question`, or None when it is a single question or a part
    finds no answer (then the whole is asked as typed)."""
    parts = split_compound(question)
    if parts is None:
        return None
    first = answer_question(snap, embedder, parts[0])
    if not first.found:
        return None
    shown = frozenset((c.doc_id, c.start, c.end) for c in first.citations)
    cited = frozenset(d for d, _, _ in shown)
    second = answer_question(snap, embedder, parts[1], docs=cited, exclude=shown)
    if not second.found:
        second = answer_question(snap, embedder, parts[1], exclude=shown)
    # One part the documents do not answer: the whole is asked as typed, and may be refused.
    return joined(first, second, question) if second.found else None


def joined(first: Reply, second: Reply, question: str) -> Reply:
    """`second`'s text after `first`'s, on a new line, its markers numbered on from `first`'s
    and its highlights moved with its words."""
    shift = len(first.citations)
    base = len(first.text) + 1
    pieces: list[str] = []
    moved: list[tuple[int, int]] = []  # (position in second's text, growth of the text so far)
    pos, growth = 0, 0
    for m in _MARKER.finditer(second.text):
        pieces.append(second.text[pos : m.start()])
        marker = f"[{int(m.group(1)) + shift}]"
        pieces.append(marker)
        growth += len(marker) - len(m.group(0))
        moved.append((m.end(), growth))
        pos = m.end()
    pieces.append(second.text[pos:])

    def at(offset: int) -> int:
        grown = max((g for end, g in moved if end <= offset), default=0)
        return base + offset + grown

    return replace(
        first,
        query=question,
        text=f"{first.text}\n{''.join(pieces)}",
        citations=[*first.citations, *(replace(c, n=c.n + shift) for c in second.citations)],
        highlights=[*first.highlights, *((at(a), at(b)) for a, b in second.highlights)],
        latency_ms=first.latency_ms + second.latency_ms,
    )
