"""Complete answers: the next sentence when it carries on the answer, aim sentences for "why"
questions, and lines that are never answers (a dateline: a place and a date alone).

A sentence carries on its predecessor when it opens with a discourse signal: a pronoun or
demonstrative subject ("He will also ...", "These talks ..."), "There, ...", "Together, ...",
"During the visit, ...". It does too when its subject is the same as its predecessor's ("Arriving
in Tokyo, the Secretary will ... . Beyond ..., Secretary Blinken will engage with ...") and it
names no country its predecessor does not (it goes on about the same place). Such a sentence
often holds the names the question asks for ("Lastly, he will travel to New Delhi. Together,
the delegation will engage with ... Jaishankar").
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace
from typing import TYPE_CHECKING

from index.query.plan import QueryPlan
from index.query.question import ANSWER_KINDS, asks_purpose
from index.storage.snapshot import Snapshot
from index.text.entities import find_entities
from index.text.lexicon import AUXILIARY_VERBS
from index.text.lexicon.requests import AIM_PHRASES, CONTINUATION_OPENERS
from index.text.patterns import WHITESPACE, alternation
from index.text.places import gazetteer

if TYPE_CHECKING:
    from index.compose.sentences import Sentence

# A sentence's subject: after an opening phrase ending in a comma, the words before its verb.
_SUBJECT = re.compile(
    rf"^\W*(?:[^,]{{0,120}},\s+)?(?P<subject>(?:[\w.’'-]+\s+){{1,5}}?)"
    rf"(?:{alternation(AUXILIARY_VERBS)}|also)\b"
)
_OPENS = re.compile(rf"^\W*(?:{alternation(CONTINUATION_OPENERS, space=WHITESPACE)})\b", re.I)
_AIM = re.compile(rf"\b{alternation(AIM_PHRASES, space=WHITESPACE)}\b", re.I)
_LOWER_WORD = re.compile(r"\b[a-z][a-z'’-]+\b")
_ANY_WORD = re.compile(r"\b\w+\b")


__all__ = [
    "asks_purpose",
    "carries_on",
    "complete",
    "is_dateline",
    "next_sentence",
    "same_subject",
    "states_aim",
]


def carries_on(text: str) -> bool:
    """Whether a sentence opens with a signal that it continues the one before."""
    return bool(_OPENS.match(text))


def same_subject(previous: str, text: str) -> bool:
    """Whether `text` goes on about its predecessor's subject: both subjects share a capitalised
    word ("the Secretary" / "Secretary Blinken"), and `text` names no country `previous` does
    not."""
    a, b = _SUBJECT.match(previous), _SUBJECT.match(text)
    if a is None or b is None:
        return False
    words_a = {w for w in a.group("subject").split() if w[:1].isupper() and w.lower() != "the"}
    words_b = {w for w in b.group("subject").split() if w[:1].isupper() and w.lower() != "the"}
    if not words_a & words_b:
        return False
    gaz = gazetteer()
    before = {p.place.country for p in gaz.find(previous)}
    return {p.place.country for p in gaz.find(text)} <= before


def states_aim(text: str) -> bool:
    """A sentence that states an aim or a reason ("to discuss", "aims to", "will focus on")."""
    return bool(_AIM.search(text))


def is_dateline(text: str) -> bool:
    """A line that is only a place and/or a date ("WASHINGTON", "Tokyo, Japan, May 3, 2022"):
    no run of ordinary lower-case words, so no statement to offer as an answer."""
    words = _ANY_WORD.findall(text)
    return len(words) <= 10 and len(_LOWER_WORD.findall(text)) < 3


def next_sentence(snap: Snapshot, chunk_id: int, end: int) -> tuple[int, int, int] | None:
    """The sentence right after the one ending at `end` in chunk `chunk_id`'s document:
    (chunk_id, start, end), looking into the following chunk when needed."""
    rec = snap.chunks[chunk_id]
    for s, e in rec.sentences:
        if s >= end:
            return chunk_id, s, e
    chunks = snap.chunks_of(rec.doc_id)
    i = chunks.index(chunk_id) if chunk_id in chunks else -1
    if 0 <= i < len(chunks) - 1:
        nxt = snap.chunks[chunks[i + 1]]
        for s, e in nxt.sentences:
            if s >= end:
                return nxt.chunk_id, s, e
    return None


def complete(
    snap: Snapshot,
    chosen: list[Sentence],
    plan: QueryPlan,
    fit: Callable[[list[Sentence]], list[Sentence]],
) -> list[Sentence]:
    """The chosen answer sentences, each followed by the next sentence of its document when
    that one carries it on and adds what was asked for.

    Args:
        snap: the snapshot the sentences come from.
        chosen: the answer's sentences, best first.
        plan: the question (its type says what a continuation must add).
        fit: trims a list of sentences to the answer's length limit, keeping the first ones.

    Returns:
        The sentences with continuations right after the sentence they continue; weaker
        sentences make room for a continuation, never the best one.
    """
    kinds = ANSWER_KINDS.get(plan.qtype, {})
    taken = {(s.doc_id, s.start) for s in chosen}
    out: list[Sentence] = []
    for i, sent in enumerate(chosen):
        out.append(sent)
        nxt = next_sentence(snap, sent.chunk_id, sent.end)
        if nxt is None:
            continue
        chunk_id, start, end = nxt
        if (sent.doc_id, start) in taken:
            continue
        body = snap.text(sent.doc_id)[start:end]
        goes_on = carries_on(body) or same_subject(sent.text, body)
        if not goes_on or is_dateline(body) or body.rstrip().endswith("?"):
            continue
        ents = tuple(find_entities(body, snap.published(sent.doc_id)))
        adds = max((kinds.get(e.kind, 0.0) for e in ents), default=0.0)
        if kinds and adds < 1.0:
            continue  # a typed question: only a continuation that holds more of the answer
        if not kinds and i > 0:
            continue  # untyped: the best sentence's continuation only
        out.append(
            replace(
                sent,
                chunk_id=chunk_id,
                start=start,
                end=end,
                text=body,
                type_fit=adds,
                entities=ents,
            )
        )
        taken.add((sent.doc_id, start))
    if len(out) == len(chosen):
        return chosen
    # Room for a continuation comes from the weakest sentences, never from the best one's.
    first = (
        out[:2]
        if len(out) > 1 and (out[1].doc_id, out[1].start) not in _starts(chosen)
        else out[:1]
    )
    trimmed = fit(first + [s for s in out if s not in first])
    if not kinds and any(s not in trimmed for s in chosen):
        return chosen  # untyped: a continuation only where it fits beside the chosen sentences
    return [s for s in out if s in trimmed]


def _starts(sentences: list[Sentence]) -> set[tuple[str, int]]:
    return {(s.doc_id, s.start) for s in sentences}
