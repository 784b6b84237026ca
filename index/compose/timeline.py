"""Timelines: the trips of a person, a place or a period as dated lines, each cited.

A trip is a travel announcement (a document whose title names travel). A topic narrows them:
the time it names (publication within a month of it), the places, continents or regions it
names (a stop of the trip, or a place in its title), and any other word of it that trip titles
use (the traveller: "Blinken", "Sherman"). Each line is the trip's dates, its title and its stops
in order, cited to the sentence that gives the dates (or the first travel sentence).
"""

from __future__ import annotations

import re
import time
from dataclasses import dataclass

from index.compose.itinerary import (
    doc_sentences,
    itinerary,
    main_travellers,
    other_traveller,
    trip_range,
)
from index.compose.refusal import elapsed_ms, refusal
from index.compose.summary import is_transcript, is_trip
from index.embed.base import Embedder
from index.query.plan import plan_query
from index.storage.snapshot import Snapshot
from index.text.dates import DateRange, format_range
from index.text.lexicon import SUMMARY_REQUEST_WORDS, TRAVEL_WORDS, TRIP_WORDS
from index.text.lexicon.requests import (
    CONTINENTS,
    GOING_VERBS,
    PLACE_NOUNS,
    REGIONS,
    TIMELINE_NOUNS,
)
from index.text.patterns import alternation
from index.text.places import gazetteer
from index.text.tokens import analyze
from index.types import Reply, ReplyKind, SourceInfo

LEAD_CHARS = 400  # a trip's traveller is named in its title or its first sentence
MAX_TRIPS = 12  # lines of one timeline; the newest when more match
TIME_SLACK_DAYS = 31  # an announcement may be published up to a month before its trip
_AREA = re.compile(rf"\b(?P<area>{alternation(tuple(CONTINENTS) + tuple(REGIONS))})\b", re.I)
_GENERIC = frozenset(
    analyze(
        " ".join(
            TRIP_WORDS
            + TIMELINE_NOUNS
            + GOING_VERBS
            + PLACE_NOUNS
            + SUMMARY_REQUEST_WORDS
            + tuple(w.rstrip("*") for w in TRAVEL_WORDS)
            + ("take took taken make made went go include included list show timeline",)
        )
    )
)


@dataclass(frozen=True)
class TripFilter:
    """What a timeline topic asks for."""

    period: DateRange | None
    countries: frozenset[str]  # any of these among the stops or title places
    title_terms: frozenset[str]  # every one of these in the title (the traveller)


def read_topic(snap: Snapshot, embedder: Embedder, topic: str) -> TripFilter:
    """The period, places and title words a timeline topic names."""
    plan = plan_query(snap, embedder, topic)
    countries = set(plan.countries)
    area_terms: set[str] = set()
    for m in _AREA.finditer(topic):
        area = m.group("area").lower()
        area_terms.update(analyze(area))
        if area in CONTINENTS:
            code = CONTINENTS[area]
            countries.update(gazetteer().countries_in(code))
        else:
            countries.update(REGIONS[area])
    rest = set(plan.terms) - _GENERIC - plan.places - area_terms
    titles = _trip_title_terms(snap)
    return TripFilter(
        plan.time.range if plan.time else None,
        frozenset(countries),
        frozenset(t for t in rest if t in titles),
    )


def timeline(snap: Snapshot, embedder: Embedder, topic: str) -> Reply:
    """The trips `topic` names, oldest first, one dated and cited line each.

    Args:
        snap: the snapshot.
        embedder: embeds the topic (to read its time and names).
        topic: "Blinken in 2022", "trips to Seoul", "Where did Blinken travel in 2022?".

    Returns:
        A TIMELINE reply, or a refusal when no trip matches.
    """
    t0 = time.perf_counter()
    want = read_topic(snap, embedder, topic)
    rows: list[Row] = []
    seen_groups: set[str] = set()
    for doc in _trip_documents(snap, want):
        group = snap.group(doc.doc_id)
        if group in seen_groups:
            continue
        row = _trip_row(snap, doc, want)
        if row is not None:
            seen_groups.add(group)
            rows.append(row)
    rows = sorted(_latest_versions(rows), key=lambda r: r.key)[-MAX_TRIPS:]
    if not rows:
        return refusal(topic, t0)
    lines, citations = [], []
    for n, row in enumerate(rows, 1):
        lines.append(f"{row.text} [{n}]")
        citations.append(snap.citation(n, row.chunk_id, row.start, row.end, 1.0))
    return Reply(
        kind=ReplyKind.TIMELINE,
        query=topic,
        text="\n".join(lines),
        citations=citations,
        highlights=[],
        latency_ms=elapsed_ms(t0),
    )


def _trip_documents(snap: Snapshot, want: TripFilter) -> list[SourceInfo]:
    """Trip announcements whose date and title fit (stops are checked afterwards)."""
    out = []
    for doc in snap.docs.values():
        if not is_trip(doc) or is_transcript(doc.title):
            continue
        if want.period is not None:
            day = snap.published(doc.doc_id)
            if day is None or not want.period.widened(TIME_SLACK_DAYS).contains(day):
                continue
        if want.title_terms and not want.title_terms <= _lead_terms(snap, doc):
            continue
        out.append(doc)
    return out


@dataclass(frozen=True)
class Row:
    """One trip's line, and what tells an updated announcement of the same trip."""

    key: str  # sorts the lines: the trip's first day, then the document
    text: str
    chunk_id: int  # the cited sentence
    start: int
    end: int
    when: str  # the trip's dates as shown
    stops: frozenset[str]  # the main travellers' stops
    travellers: frozenset[str]
    published: str  # the document's date (ISO), "" when unknown


def _latest_versions(rows: list[Row]) -> list[Row]:
    """`rows` without a trip announced again: the same travellers on the same dates, every
    stop of the earlier one among the later one's ("Secretary Blinken's Travel to Germany
    and France", then "... to Germany, France, and the United Arab Emirates"). The fuller
    one, else the later one, stays."""

    def covers(a: Row, b: Row) -> bool:  # b adds nothing to a
        return (
            a is not b
            and bool(a.travellers)
            and (a.when, a.travellers) == (b.when, b.travellers)
            and b.stops <= a.stops
            and (b.stops < a.stops or (a.published, a.key) > (b.published, b.key))
        )

    return [b for b in rows if not any(covers(a, b) for a in rows)]


def _trip_row(snap: Snapshot, doc: SourceInfo, want: TripFilter) -> Row | None:
    """One timeline line for a trip document, or None when it does not go where asked."""
    sents = doc_sentences(snap, doc.doc_id)
    if not sents:
        return None
    stops = itinerary(snap, doc.doc_id)
    if want.countries:
        title_countries = {pm.place.country for pm in gazetteer().find(doc.title)}
        if not want.countries & ({s.country for s in stops} | title_countries):
            return None
    ref = snap.published(doc.doc_id)
    rng, rng_sent = trip_range(sents, ref)
    if want.period is not None and rng is not None and not rng.overlaps(want.period):
        return None
    when = format_range(rng) if rng else (doc.date or "undated")
    main = main_travellers(sents)
    mine = [s for s in stops if other_traveller(sents, s, main) is None]
    route = " → ".join(s.name for s in mine)
    if rng_sent is not None:
        cite = sents[rng_sent]
    else:
        cite = sents[stops[0].sentences[0]] if stops and stops[0].sentences else sents[0]
    key = (rng.start.isoformat() if rng else doc.date or "") + doc.doc_id
    text = f"{when}: {doc.title}" + (f": {route}" if route else "")
    stops_of = frozenset(s.country for s in mine)
    day = snap.published(doc.doc_id)
    published = day.isoformat() if day else ""
    return Row(
        key, text, cite.chunk_id, cite.start, cite.end, when, stops_of, frozenset(main), published
    )


def _trip_title_terms(snap: Snapshot) -> frozenset[str]:
    """Every term of every trip's title and lead: the words a topic can narrow trips by."""
    terms: set[str] = set()
    for doc in snap.docs.values():
        if is_trip(doc):
            terms.update(_lead_terms(snap, doc))
    return frozenset(terms)


def _lead_terms(snap: Snapshot, doc: SourceInfo) -> set[str]:
    """Terms of a document's title and first lines, where its traveller is named."""
    return set(analyze(doc.title + "\n" + snap.text(doc.doc_id)[:LEAD_CHARS]))
