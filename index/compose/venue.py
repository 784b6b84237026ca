"""Where an event took place, from the opening lines of its transcript.

A transcript of remarks opens with who speaks, then where: the city ("San Jose, Costa Rica")
and the venue ("Civic Center in Desamparados"), each on a line of its own, before the first
speaker's turn. No sentence of the remarks need say it again, and those short lines are never
answer sentences (`usable_sentence`, compose/quotable.py; `is_dateline`,
compose/continuation.py). "Where in Costa Rica did Blinken
visit the Sembremos Seguridad program?" asks for them: a where question about an event (not a
trip's stop: no motion verb, no "after X") is answered by the opening lines of the document
whose title names the event, when that document opens so: the title holds the question's most
specific word that is no place, and a third of the weight of all of them ("Secretary Blinken
at Sembremos Seguridad Site Visit").
"""

from __future__ import annotations

import re
from dataclasses import replace

from index.compose.itinerary import DocSentence, doc_sentences
from index.compose.sentences import Sentence
from index.query.plan import QueryPlan
from index.storage.snapshot import Snapshot
from index.text.entities import PLACE
from index.text.places import gazetteer
from index.text.tokens import analyze

OPENING_LINES = 4  # lines read before the first turn: the speaker, the city, the venue
MAX_LINE = 80  # a longer line is text, not a dateline
DOCUMENTS_READ = 6  # documents of the best sentences whose titles are read
TITLE_SHARE = 1 / 3  # of the weight of the question's words that are no place, in the title
_TURN = re.compile(r"^[A-Z][A-Z.'’ -]+:")  # "SECRETARY BLINKEN:", "MS OBALDIA:"
_INITIALS = re.compile(r"\b(?:[A-Z]\.){2,}$")  # "D.C.", "U.S.": the stop ends no sentence


def opening_place(snap: Snapshot, doc_id: str) -> list[DocSentence]:
    """A transcript's dateline and venue lines: from its first line naming a place to the
    first speaker's turn, among its opening lines; empty when it opens otherwise (a statement's
    dateline, followed by its text, says where it was issued, not where anything happened)."""
    lines: list[DocSentence] = []
    gaz = gazetteer()
    for sent in doc_sentences(snap, doc_id)[:OPENING_LINES]:
        text = sent.text.strip()
        if _TURN.match(text):
            return lines
        if len(text) > MAX_LINE or (text.endswith((".", "?", "!")) and not _INITIALS.search(text)):
            return []  # a sentence: no dateline ("Washington, D.C." is one)
        if lines or gaz.find(text):
            lines.append(sent)
    return []  # no turn after them: not a transcript's opening


def venue_lines(snap: Snapshot, plan: QueryPlan, sentences: list[Sentence]) -> list[Sentence]:
    """The opening place lines answering a where question about an event, as sentences
    scored as the best one (for layout and citation); empty when they do not answer it."""
    if plan.qtype != PLACE or plan.order is not None or plan.head is not None or not sentences:
        return []
    event = {t: w for t, w in plan.weights.items() if t not in plan.places}
    total = sum(event.values())
    if total <= 0:
        return []
    rarest = max(event, key=lambda t: event[t])
    best = sentences[0]
    for doc_id in list(dict.fromkeys(s.doc_id for s in sentences))[:DOCUMENTS_READ]:
        title = set(analyze(snap.docs[doc_id].title))
        held = sum(w for t, w in event.items() if plan.found_in(t, title))
        if not plan.found_in(rarest, title) or held < TITLE_SHARE * total:
            continue
        lines = opening_place(snap, doc_id)
        if lines:
            return [
                replace(
                    best,
                    chunk_id=line.chunk_id,
                    doc_id=doc_id,
                    group=snap.group(doc_id),
                    start=line.start,
                    end=line.end,
                    text=line.text,
                    entities=line.entities,
                )
                for line in lines
            ]
    return []
