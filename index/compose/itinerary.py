"""Trip itineraries read from a travel announcement: stops in order, their dates, whom he meets.

Stops are places (the GeoNames gazetteer of index/text/places.py) introduced by travel wording
("will travel to", "In Fiji on February 12", "then Seoul"); a stop's sentences are those naming
it or following it; people (index/text/entities.py) met there are those in its meeting
sentences, minus the traveller and companions ("alongside Secretary of Defense ...").
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date

from index.compose.analysed import analysed
from index.storage.snapshot import Snapshot
from index.text.dates import DateRange, find_dates
from index.text.entities import NAME, PERSON, PLACE, Entity, find_entities
from index.text.lexicon import (
    EARLIER_TRIP_WORDS,
    SEQUENCE_WORDS,
    STOP_CONTINUE_WORDS,
    STOP_HEAD_WORDS,
    TRAVEL_PHRASES,
    TRAVEL_WORDS,
    TRIP_WORDS,
    WHILE_WORDS,
)
from index.text.patterns import WHITESPACE, after_locative, alternation
from index.text.places import gazetteer

TRAVEL = re.compile(rf"\b{alternation(TRAVEL_WORDS + TRAVEL_PHRASES)}\b", re.I)
# How a stop is introduced: right after a travel word ("travel to", "visits to", "journey in",
# "travel on March 29 to"),
# at the head of a sentence ("In Fiji on February 12, ..."), or continuing a list of stops.
# A travel phrase counts by its last word but one ("heading", "be", "while"): the pattern
# supplies the preposition.
_AFTER_TRAVEL = re.compile(
    rf"\b{alternation(TRAVEL_WORDS + tuple(p.split()[-2] for p in TRAVEL_PHRASES))}"
    r"(?:\s+(?:\w+\s+){0,2}?(?:to|in|at|for)|\s+(?:on|with)\s+\w+\s+(?:to|in)"
    r"|\s+(?:on\s+)?[A-Z][a-z]+\.?\s+\d{1,2}(?:[–-]\d{1,2})?,?\s+to|)\s+(?:the\s+)?$",
    re.I,
)
_HEAD_START = rf"^\W*(?:{alternation(SEQUENCE_WORDS)},?\s+)?(?:{alternation(WHILE_WORDS)}\s+)?"
_SENTENCE_HEAD = re.compile(
    rf"{_HEAD_START}(?:{alternation(STOP_CONTINUE_WORDS, space=WHITESPACE)}|After\s+\w+\s+in)"
    r"\s+(?:the\s+)?$",
    re.I,
)
_SENTENCE_HEAD_PLACE = re.compile(
    rf"{_HEAD_START}{alternation(STOP_HEAD_WORDS, space=WHITESPACE)}\s+(?:the\s+)?[A-Z]"
)
_LIST_GAP = re.compile(r"^(?:\s*\([A-Z]{2,5}\))?\s*(?:,|,?\s+and|,?\s+then)\s+(?:the\s+)?$")
# "stops in Hawaii, where ...; Fiji, where ...; and Papua New Guinea, where ...": a list of
# stops, each with what happened there.
_ITEM_BEFORE = re.compile(r";\s+(?:and\s+)?(?:the\s+)?$")
_WHERE_AFTER = re.compile(r",\s+where\b")
_RETURN = re.compile(r"\breturn\w*\s+(?:home\s+)?to\s+$", re.I)
# An earlier trip, named to set this one in context: "builds on her August 2021 visit to
# Singapore", "his previous trip to Kyiv".
_TRAVEL_NOUN = re.compile(rf"\s*\b{alternation(TRIP_WORDS)}\s+(?:to|in)\s+(?:the\s+)?$", re.I)
_PAST_TRAVEL = re.compile(
    rf"\b{alternation(EARLIER_TRIP_WORDS)}\s+(?:\w+\s+)?{alternation(TRIP_WORDS)}"
    r"\s+(?:to|in)\s+(?:the\s+)?$",
    re.I,
)
PAST_DAYS = 31  # a trip dated this long before its document is an earlier one


@dataclass
class Stop:
    """One stop of a trip, filled in while the document is read."""

    key: str  # city name, or the country code while only the country is known
    country: str
    name: str  # as written in the text ("New Delhi")
    first: int  # position of the first mention
    sentences: list[int] = field(default_factory=list)  # indexes into the sentence list
    dates: list[DateRange] = field(default_factory=list)
    date_sentence: int | None = None
    intro: int = -1  # the sentence that introduced it


@dataclass(frozen=True)
class DocSentence:
    """A sentence of a document (document offsets) with the entities found in it."""

    start: int
    end: int
    text: str
    chunk_id: int
    entities: tuple[Entity, ...]


def doc_sentences(snap: Snapshot, doc_id: str) -> list[DocSentence]:
    """Every sentence of a document once, in order, with its entities.

    Args:
        snap: the snapshot holding the document.
        doc_id: the document.

    Returns:
        Sentences in document order (chunk overlaps removed), entities dated against the
        document's own date. Read once per snapshot (index/compose/analysed.py).
    """
    made = analysed(snap).per_document("sentences", doc_id, lambda: _read(snap, doc_id))
    return list(made)


def _read(snap: Snapshot, doc_id: str) -> tuple[DocSentence, ...]:
    text = snap.text(doc_id)
    ref = snap.published(doc_id)
    seen: set[tuple[int, int]] = set()
    out: list[DocSentence] = []
    for cid in snap.chunks_of(doc_id):
        for s, e in snap.chunks[cid].sentences:
            if (s, e) in seen:
                continue
            seen.add((s, e))
            body = text[s:e]
            out.append(DocSentence(s, e, body, cid, tuple(find_entities(body, ref))))
    out.sort(key=lambda x: x.start)
    return tuple(out)


def itinerary(snap: Snapshot, doc_id: str) -> list[Stop]:
    """The stops of the trip `doc_id` with their sentences (indexes into `doc_sentences`) and
    dates: in order of first mention, or in date order when two or more stops have dates; empty
    when the document introduces no place as a destination. Made once per document and
    snapshot, so shared: read them, never change them."""
    made = analysed(snap).per_document(
        "itinerary", doc_id, lambda: tuple(_stops(snap, doc_id, doc_sentences(snap, doc_id)))
    )
    return list(made)


def _stops(snap: Snapshot, doc_id: str, sents: list[DocSentence]) -> list[Stop]:
    stops: dict[str, Stop] = {}
    order: list[str] = []
    ref = snap.published(doc_id)
    current: str | None = None
    for i, sent in enumerate(sents):
        headed = _SENTENCE_HEAD_PLACE.match(sent.text)  # "In Honolulu, Hawaii on February 12"
        if sent.text.rstrip().endswith("?") or not (TRAVEL.search(sent.text) or headed):
            here = _mentioned(sent, stops)
            current = here[0] if len(here) == 1 else current if not here else None
            if current is not None:
                stops[current].sentences.append(i)
            if len(here) == 1:
                _placed_at(stops[here[0]], sent, ref, i)
            continue
        found: list[str] = []
        last_end: int | None = None
        past = False
        for ent in sent.entities:
            if ent.kind != PLACE:
                continue
            before = sent.text[max(0, ent.start - 40) : ent.start]
            continues = last_end is not None and (
                _LIST_GAP.match(sent.text[last_end : ent.start])
                or (_ITEM_BEFORE.search(before) and _WHERE_AFTER.match(sent.text, ent.end))
            )
            introduced = _AFTER_TRAVEL.search(before) or _SENTENCE_HEAD.match(
                sent.text[: ent.start]
            )
            if _RETURN.search(before) or not (continues or introduced):
                continue
            last_end = ent.end
            if not continues:
                past = _past_visit(sent.text[: ent.start], ref)
            if past:  # "her November 2022 visit to Thailand and the Philippines"
                continue
            place = gazetteer().lookup(ent.text)
            if place is None or (place.country == "US" and place.kind != "city"):
                continue
            key = _stop_key(stops, place.kind, place.country, ent.text)
            if key not in stops:
                stops[key] = Stop(key, place.country, ent.text, sent.start + ent.start, intro=i)
                order.append(key)
            elif place.kind == "city" and stops[key].key == place.country:
                stops[key].name = ent.text  # a city names the stop better than its country
            found.append(key)
        found = list(dict.fromkeys(found + _mentioned(sent, stops)))
        if not found and current is not None:
            # "Over the course of her visit, she met with ...": a travel word and no place
            # goes on at the stop the sentences before are at.
            stops[current].sentences.append(i)
            continue
        for key in found:
            stops[key].sentences.append(i)
        current = found[0] if len(found) == 1 else None
        if len(found) == 1:
            _add_dates(stops[found[0]], sent, ref, i)
    listed = [stops[k] for k in order]
    if sum(1 for st in listed if st.dates) >= 2:
        # Stops with dates go in date order; an undated one keeps its place after its predecessor.
        keyed, last = [], None
        for n, st in enumerate(listed):
            last = st.dates[0].start if st.dates else last
            keyed.append(((last.toordinal() if last else 0), n, st))
        listed = [st for _, _, st in sorted(keyed, key=lambda x: (x[0], x[1]))]
    return listed


def _placed_at(stop: Stop, sent: DocSentence, ref: date | None, index: int) -> None:
    """A sentence placing the traveller at `stop` without a travel word ("Finally, on May 7,
    the Deputy Secretary will meet in Paris, France, with ..."): a city of a stop known only by
    its country names it ("Paris"), and the sentence's day dates it when nothing did."""
    for ent in sent.entities:
        if ent.kind != PLACE or not after_locative(sent.text, ent.start):
            continue
        place = gazetteer().lookup(ent.text)
        if place is None or place.country != stop.country:
            continue
        if place.kind == "city" and stop.key == stop.country:
            stop.name = ent.text  # a city names the stop better than its country
        _add_dates(stop, sent, ref, index)
        return


def _past_visit(head: str, ref: date | None) -> bool:
    """Whether the travel phrase `head` ends in names an earlier trip, not this one: "her
    November 2022 visit to" (a month more than PAST_DAYS before the document), "his previous
    trip to"."""
    tail = head[-60:]
    if _PAST_TRAVEL.search(tail):
        return True
    noun = _TRAVEL_NOUN.search(tail)
    if noun is None or ref is None:
        return False
    return any(
        m.end >= noun.start() - 1 and (ref - m.range.end).days > PAST_DAYS
        for m in find_dates(tail[: noun.start()], ref)
    )


def _stop_key(stops: dict[str, Stop], kind: str, country: str, name: str) -> str:
    """Merge a country with a city of it already listed, and vice versa."""
    for key, stop in stops.items():
        if stop.country == country and (kind == "country" or stop.key == country):
            return key
    return country if kind == "country" else name


def _mentioned(sent: DocSentence, stops: dict[str, Stop]) -> list[str]:
    """Stops a sentence names, by city or by country."""
    return list(dict.fromkeys(stop.key for _, stop in stop_mentions(sent, stops.values())))


def stop_mentions(sent: DocSentence, stops: Iterable[Stop]) -> Iterator[tuple[int, Stop]]:
    """Where `sent` names one of `stops` (by its name, or a place of its country), in text
    order: (offset in the sentence, stop)."""
    stops = list(stops)
    for ent in sent.entities:
        if ent.kind != PLACE:
            continue
        place = gazetteer().lookup(ent.text)
        for stop in stops:
            if ent.text == stop.name or (place is not None and place.country == stop.country):
                yield ent.start, stop


def _add_dates(stop: Stop, sent: DocSentence, ref: date | None, index: int) -> None:
    for m in find_dates(sent.text, ref):
        if m.exact_day and not stop.dates:
            stop.dates.append(m.range)
            stop.date_sentence = index


def trip_range(sents: list[DocSentence], ref: date | None) -> tuple[DateRange | None, int | None]:
    """The trip's overall dates: the longest day range a travel sentence gives."""
    best: tuple[int, DateRange, int] | None = None
    for i, sent in enumerate(sents):
        if not TRAVEL.search(sent.text):
            continue
        for m in find_dates(sent.text, ref):
            if not m.exact_day:
                continue
            days = (m.range.end - m.range.start).days
            if best is None or days > best[0]:
                best = (days, m.range, i)
    return (best[1], best[2]) if best else (None, None)


TRAVELLER_IN_TITLE = re.compile(
    rf"\b([A-Z][a-z]+)(?:’s|'s)?\s+(?:to\s+)?{alternation(TRIP_WORDS)}", re.I
)


def travellers(title: str, sents: list[DocSentence]) -> set[str]:
    """Names of whoever travels: in the title ("Secretary Blinken’s Travel to ...") and before
    the travel verb of the first travel sentence ("Secretary ... Blinken will travel to")."""
    names = {m.group(1) for m in TRAVELLER_IN_TITLE.finditer(title)}
    seen = 0
    for sent in sents:
        verb = TRAVEL.search(sent.text)
        if verb is None:
            continue
        for ent in sent.entities:
            if ent.kind == PERSON and ent.end <= verb.start():
                names.update(ent.text.split())
        seen += 1
        if seen == 2:
            break
    return {n for n in names if n[:1].isupper() and len(n) > 2}


def _subjects(
    sent: DocSentence, known: set[str] | None = None, before: int | None = None
) -> set[str]:
    """Surnames of the people right before a travel verb of a sentence: who travels in it.

    The verb is the last travel word before offset `before` (a stop's mention), else the first
    one with people before it; the people are those between it and the travel word before it
    ("The Department of Defense said Austin will also visit India": Austin). A bare surname the
    entity finder could not type ("Austin") counts when it is a `known` one.
    """
    matches = [m for m in TRAVEL.finditer(sent.text) if before is None or m.start() < before]
    if before is not None:
        matches = matches[-1:]
    for m in matches:
        floor = max(
            (p.end() for p in TRAVEL.finditer(sent.text) if p.end() <= m.start()), default=0
        )
        found = set()
        for e in sent.entities:
            if not (floor <= e.start and e.end <= m.start()):
                continue
            last = e.text.split()[-1]
            if e.kind == PERSON or (known and e.kind == NAME and last in known):
                found.add(last)
        if found:
            return found
    return set()


def main_travellers(sents: list[DocSentence]) -> set[str]:
    """Who makes the trip: the people before the travel verb of its first such sentence."""
    for sent in sents:
        found = _subjects(sent)
        if found:
            return found
    return set()


def other_traveller(sents: list[DocSentence], stop: Stop, main: set[str]) -> str | None:
    """The name(s) of whoever else makes this stop alone ("Austin will also visit India" in a
    trip of Blinken and Austin), or None when it is the main travellers' stop."""
    who = _others(sents, stop, main)
    return " and ".join(sorted(who)) if who else None


def asked_travellers(
    sents: list[DocSentence], stops: list[Stop], main: set[str], places: frozenset[str]
) -> set[str]:
    """Whose trip a summary asked about a place is: the one who makes the stop in `places`
    (country codes) when it is not a stop of the main travellers ("the VP's Jakarta trip" in
    a release on the President's trip to New Delhi and the Vice President's to Jakarta);
    `main` otherwise."""
    asked = [st for st in stops if st.country in places]
    if not asked or any(not _others(sents, st, main) for st in asked):
        return main
    return _others(sents, asked[0], main) or main


def _others(sents: list[DocSentence], stop: Stop, main: set[str]) -> set[str]:
    if stop.intro < 0 or not main:
        return set()
    intro = sents[stop.intro]
    who = _subjects(intro, main, stop.first - intro.start)
    return who if who and (who < main or not who & main) else set()
