"""Whom a traveller meets at a stop of a trip: the people named in the stop's meeting sentences
(not the traveller, nor a companion), with their titles ("Foreign Minister Park Jin")."""

from __future__ import annotations

import re

from index.compose.itinerary import DocSentence, Stop, stop_mentions
from index.text.entities import PERSON, Entity, is_possessive
from index.text.lexicon import TITLES_OF_PEOPLE_MET
from index.text.patterns import COMPANION, COMPANION_REACH, MEETING, TITLED_GROUP, alternation


def people_met(
    sents: list[DocSentence], stop: Stop, travellers: set[str], stops: list[Stop] | None = None
) -> tuple[list[str], list[int]]:
    """Whom the traveller meets at a stop: `people_in` the stop's sentences. A sentence that
    names other stops of the trip (`stops`) too ("Fiji, where they met with Prime Minister
    Bainimarama ...; and Papua New Guinea, where they met with Prime Minister Marape") gives
    only the people between this stop's name and the next stop's."""
    spans = {i: _segment(sents[i], stop, stops or [stop]) for i in stop.sentences}
    return people_in(sents, stop.sentences, travellers, spans)


def _segment(sent: DocSentence, stop: Stop, stops: list[Stop]) -> tuple[int, int]:
    """The part of `sent` about `stop`: from its first mention to the next mention of another
    stop; the whole sentence when it names no other stop (or not this one)."""
    here: list[int] = []
    elsewhere: list[int] = []
    for at, other in stop_mentions(sent, stops):
        (here if other is stop else elsewhere).append(at)
    if not here or not elsewhere:
        return 0, len(sent.text)
    start = here[0]
    return start, min((p for p in elsewhere if p > start), default=len(sent.text))


def people_in(
    sents: list[DocSentence],
    indexes: list[int],
    travellers: set[str],
    spans: dict[int, tuple[int, int]] | None = None,
) -> tuple[list[str], list[int]]:
    """Whom the traveller meets, in the meeting sentences among `indexes`.

    Args:
        sents: the document's sentences.
        indexes: which of them to read (a stop's sentences, a readout's lead).
        travellers: name words of the traveller (from `travellers`), never listed as met.
        spans: for some of the sentences, the part of it to read (`_segment`).

    Returns:
        Names with their titles when given ("Foreign Minister Park Jin"), in order, and the
        indexes of the sentences that name them (for citations).
    """
    people: list[str] = []
    where: list[int] = []
    for i in indexes:
        sent = sents[i]
        if not MEETING.search(sent.text):
            continue
        found = False
        lo, hi = (spans or {}).get(i, (0, len(sent.text)))
        for ent in sent.entities:
            if ent.kind != PERSON or any(t in ent.text.split() for t in travellers):
                continue
            if not lo <= ent.start < hi:
                continue
            if is_possessive(sent.text, ent):  # "Putin's war": not met
                continue
            if COMPANION.search(sent.text[max(0, ent.start - COMPANION_REACH) : ent.start]):
                continue
            name = _with_title(sent.text, ent)
            if name not in people and not any(ent.text in p for p in people):
                people.append(name)
                found = True
        # "they met with the Governors of Hadhramaut, Mahra, and Shabwa": office holders named
        # by their offices
        group = None if found else TITLED_GROUP.search(sent.text, lo, hi)
        if group is not None and group.group("who") not in people:
            people.append(group.group("who"))
            found = True
        if found:
            where.append(i)
    return people, where


_TITLE_BEFORE = re.compile(
    rf"((?:[A-Z][\w’'-]*\s+){{0,4}}?{alternation(TITLES_OF_PEOPLE_MET)}"
    r"(?:\s+(?:of|for)\s+(?:[A-Z][\w-]*\s*){1,3})?)\s+$"
)


def _with_title(text: str, ent: Entity) -> str:
    """'Foreign Minister Park Jin' rather than 'Park Jin' when the title is right before it."""
    m = _TITLE_BEFORE.search(text[max(0, ent.start - 80) : ent.start])
    if m:
        title = m.group(1).strip()
        title = re.sub(r"^(?:and|with|the|by)\s+", "", title, flags=re.I)
        return f"{title} {ent.text}"
    return ent.text
