""" "Who else?": more people than the ones already shown, from the same trip if need be.

The documents just cited are read first. When they name nobody new, the other documents of
the same trip are (its announcement, readouts, remarks: index/compose/trip_documents.py), and
when those name nobody new either the reply says so plainly, citing what was shown.
"""

from __future__ import annotations

import re
import time
from dataclasses import replace
from datetime import timedelta

from index.compose.answer import MAX_CHARS, answer_question, overlaps_shown
from index.compose.itinerary import (
    DocSentence,
    doc_sentences,
    itinerary,
    main_travellers,
    trip_range,
)
from index.compose.refusal import elapsed_ms
from index.compose.summary import is_trip
from index.compose.trip_documents import trip_documents
from index.embed.base import Embedder
from index.storage.snapshot import Snapshot
from index.text.dates import format_date
from index.text.entities import NAME, PERSON, Entity, find_entities
from index.text.lexicon.requests import MORE_WORDS
from index.text.places import gazetteer
from index.text.tokens import fold, query_words, stem, term_set
from index.types import Citation, Reply, ReplyKind

ANNOUNCED_DAYS = 21  # a trip's announcement comes out at most this long before its documents
_PREPOSITION_BEFORE = re.compile(r"\s+(?:in|at|to|from|of)\s+$", re.I)
NONE_ELSE = "The documents of this trip name no one else than those already shown:"
MAX_OTHERS = 3  # sentences naming people not shown yet, from the cited documents


def surnames(text: str) -> set[str]:
    """The last word of each person named in `text`."""
    return {_surname(e) for e in find_entities(text) if e.kind == PERSON}


_FIRST_CITATION = re.compile(r"\[1\]")


def _lead(text: str) -> str:
    """An answer's lead: its text up to its first citation mark. "Who else?" is answered when
    the lead names someone new, not a later sentence's aside ("President Biden's commitment")."""
    m = _FIRST_CITATION.search(text)
    return text[: m.start()] if m else text


def without_places(question: str) -> str:
    """`question` without the places it names and the preposition before each."""
    gaz = gazetteer()
    out = question
    mentions = {(p.start, p.end) for p in gaz.find(question) + gaz.find_lower(question)}
    limit = len(question)
    for start, end in sorted(mentions, reverse=True):  # right to left: offsets stay valid
        if end > limit:  # overlaps a place already cut
            continue
        limit = start
        head = _PREPOSITION_BEFORE.search(out[:start])
        out = out[: head.start() if head else start].rstrip() + out[end:]
    return " ".join(out.split())


def same_trip(snap: Snapshot, doc_ids: tuple[str, ...]) -> list[str]:
    """The other documents of the trip `doc_ids` belong to: the announcement published up to
    `ANNOUNCED_DAYS` before the first of them whose trip documents include one of them (or
    the first of them, when it is an announcement), and that trip's documents."""
    cited = {snap.group(d) for d in doc_ids if d in snap.docs}
    days = [snap.published(d) for d in doc_ids if d in snap.docs]
    dated = [d for d in days if d is not None]
    if not dated:
        return []
    first = min(dated)
    candidates = [
        d
        for d in snap.docs
        if is_trip(snap.docs[d])
        and (day := snap.published(d)) is not None
        and first - timedelta(days=ANNOUNCED_DAYS) <= day <= first
    ]
    candidates.sort(key=lambda d: (snap.group(d) not in cited, -snap.published(d).toordinal()))  # type: ignore[union-attr]
    for ann in candidates:
        sents = doc_sentences(snap, ann)
        stops = itinerary(snap, ann)
        rng, _ = trip_range(sents, snap.published(ann))
        docs = trip_documents(snap, ann, stops, rng, main_travellers(sents))
        members = [ann, *(d.doc_id for d in docs)]
        if cited & {snap.group(m) for m in members}:
            return [m for m in members if snap.group(m) not in cited]
    return []


def who_else(
    snap: Snapshot,
    embedder: Embedder,
    question: str,
    doc_ids: tuple[str, ...],
    spans: tuple[tuple[str, int, int], ...],
    typed: str = "",
) -> Reply:
    """More people for `question` than the sentences `shown` name: from the documents
    `doc_ids` just cited, else from the rest of their trip, else from the cited documents'
    sentences naming others in the words of the follow-up as `typed` ("who else is in the
    delegation"), else a plain cited "no one else".
    """
    t0 = time.perf_counter()
    shown = frozenset(spans)
    known = set().union(*(surnames(snap.text(d)[s:e]) for d, s, e in shown if d in snap.docs))
    # the question's names too, a surname alone included ("Whitfield" is no PERSON by itself)
    known |= {_surname(e) for e in find_entities(question) if e.kind in (PERSON, NAME)}
    docs = frozenset(d for d in doc_ids if d in snap.docs)
    reply = answer_question(snap, embedder, question, docs=docs, exclude=shown)
    if reply.found and surnames(_lead(reply.text)) - known:
        return reply
    trip = frozenset(same_trip(snap, tuple(docs)))
    # The rest of the trip, asked as it was; then the cited documents and the rest of the trip,
    # asked of the whole trip: the other stops' people ("Who did she meet in Accra?" then "Who
    # did she meet?", answered by "In Kumasi, she met ...").
    steps = [(trip, question)]
    nowhere = without_places(question)
    if nowhere != question:
        steps.append((docs | trip, nowhere))
    for scope, asked in steps:
        if not scope:
            continue
        wider = answer_question(snap, embedder, asked, docs=scope, exclude=shown)
        if wider.found and surnames(_lead(wider.text)) - known:
            return replace(wider, query=asked)  # the question answered: maybe no place
    named = _naming_others(snap, question, docs, shown, known, typed, t0)
    return named if named is not None else _no_one_else(snap, question, spans, t0)


def _naming_others(
    snap: Snapshot,
    question: str,
    docs: frozenset[str],
    shown: frozenset[tuple[str, int, int]],
    known: set[str],
    typed: str,
    t0: float,
) -> Reply | None:
    """The sentences of the cited documents that name people not shown yet, when asking the
    question again found none: "who else is in the delegation" asks for more names from the
    same documents, and they may be written in words the question does not use ("Other senior
    members of the delegation include ..." after "Who co-chairs the Dialogue?"). A sentence
    must hold a word the follow-up itself asks with ("delegation"); a bare "Who else?" names
    none, and gets no sentence from here. Those naming the most new people come first, up to
    MAX_OTHERS sentences and MAX_CHARS characters; None when no sentence qualifies."""
    asked = {stem(w) for w in query_words(typed) if w not in MORE_WORDS}
    if not asked:
        return None
    found: list[tuple[int, str, DocSentence, list[Entity]]] = []
    for doc_id in sorted(docs):
        for sent in doc_sentences(snap, doc_id):
            if overlaps_shown(doc_id, sent.start, sent.end, shown):
                continue
            if not asked & term_set(sent.text):
                continue
            new = [e for e in sent.entities if e.kind == PERSON and _surname(e) not in known]
            if new:
                found.append((-len({_surname(e) for e in new}), doc_id, sent, new))
    found.sort(key=lambda x: (x[0], x[1], x[2].start))
    picked: dict[str, list[tuple[DocSentence, list[Entity]]]] = {}
    used = 0
    for _, doc_id, sent, new in found[:MAX_OTHERS]:
        if used + len(sent.text) > MAX_CHARS and picked:
            break
        used += len(sent.text)
        picked.setdefault(doc_id, []).append((sent, new))
    if not picked:
        return None
    lines: list[str] = []
    citations: list[Citation] = []
    highlights: list[tuple[int, int]] = []
    at = 0  # where the line being written starts in the reply's text
    for doc_id, sents in picked.items():  # a line per document, its sentences in order
        day = snap.published(doc_id)
        line = f"{format_date(day)}: " if day is not None else ""
        for sent, new in sorted(sents, key=lambda x: x[0].start):
            n = len(citations) + 1
            line += " " if line and not line.endswith(": ") else ""
            highlights += [(at + len(line) + e.start, at + len(line) + e.end) for e in new]
            line += f"{sent.text} [{n}]"
            citations.append(snap.citation(n, sent.chunk_id, sent.start, sent.end, 1.0))
        lines.append(line)
        at += len(line) + 1
    return Reply(
        ReplyKind.ANSWER, question, "\n".join(lines), citations, highlights, elapsed_ms(t0)
    )


def _surname(ent: Entity) -> str:
    """A person's last name, without accents ("Fernández" is "Fernandez" written again)."""
    return fold(ent.text.split()[-1].rstrip(".").lower())


def _no_one_else(
    snap: Snapshot, question: str, spans: tuple[tuple[str, int, int], ...], t0: float
) -> Reply:
    """A plain answer that nobody else is named, citing the sentences already shown."""
    lines = [NONE_ELSE]
    citations: list[Citation] = []
    for doc_id, start, end in dict.fromkeys(spans):
        if doc_id not in snap.docs:
            continue
        chunk = snap.chunk_at(doc_id, start)
        if chunk is None:
            continue
        n = len(citations) + 1
        lines.append(f"{snap.text(doc_id)[start:end]} [{n}]")
        citations.append(snap.citation(n, chunk, start, end, 1.0))
    if not citations:
        return Reply(
            ReplyKind.REFUSAL, question, NONE_ELSE.rstrip(":") + ".", [], [], elapsed_ms(t0)
        )
    return Reply(ReplyKind.ANSWER, question, "\n".join(lines), citations, [], elapsed_ms(t0))
