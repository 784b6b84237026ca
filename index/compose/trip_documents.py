"""The other documents of one trip: readouts, remarks and joint statements, by general signals.

A trip announcement names its traveller, its stops and its dates. Another document belongs to
the same trip when

- it is published within the trip's dates, from a day before to two days after (a readout
  often comes out the next morning, and publication times are UTC),
- its title or lead names one of the same travellers (by surname), and
- its title or lead names one of the trip's places: a stop's city, or a place in a stop's
  country. A mention of the country a stop is only kept as a city of (the home country, where
  the itinerary keeps only cities) must be that city.

It is filed under the stop it names (a city before a country, a stop whose dates hold its
publication day before one whose don't). A readout ("Secretary Blinken's Meeting with …", "…'s
Call with …") says whom the traveller met or spoke with: the people of its first meeting
sentence, with their titles, cited to that sentence. Remarks and joint statements are listed
under their stop by title, cited to their first sentence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from index.compose.itinerary import (
    DocSentence,
    Stop,
    doc_sentences,
)
from index.compose.people_met import people_in
from index.compose.quotable import usable_sentence
from index.storage.snapshot import Snapshot
from index.text.dates import DateRange
from index.text.entities import PLACE, find_entities
from index.text.lexicon import TRANSCRIPT_WORDS
from index.text.lexicon.travel import (
    CALL_TITLE_WORDS,
    READOUT_TITLE_NOUNS,
    READOUT_TITLE_VERBS,
)
from index.text.patterns import STATEMENT_TITLE, alternation
from index.text.places import gazetteer
from index.text.sentences import split_sentences

LEAD_CHARS = 600  # where a release names its traveller and its place
DAYS_BEFORE = 1  # a trip's documents may be published this long before its first day
DAYS_AFTER = 2  # ... and this long after its last
UNDATED_TRIP_DAYS = 10  # an announcement without dates: documents this long after it
ANNOUNCED_DAYS_BEFORE = 7  # a readout's trip may have been announced this long before it
LEAD_SENTENCES = 4  # a readout names whom the traveller met in its first sentences
HOME_COUNTRY_CITIES_ONLY = frozenset({"US"})  # as in the itinerary: only cities are stops there

_READOUT = re.compile(
    rf"(?:[’']s\s+(?:\w+\s+){{0,2}}?{alternation(READOUT_TITLE_NOUNS)}"
    rf"|\b{alternation(READOUT_TITLE_VERBS)})\s+with\b",
    re.I,
)
# A title of a document written after the trip it tells ("Readout of ... Travel to Fiji").
_TELLS_AFTER = re.compile(r"\s*readout\b", re.I)
_CALL = re.compile(rf"\b{alternation(CALL_TITLE_WORDS)}\b", re.I)
_TRANSCRIPT = re.compile(rf"\b{alternation(TRANSCRIPT_WORDS)}\b", re.I)


class TripDocKind(StrEnum):
    READOUT = "readout"  # whom the traveller met
    CALL = "call"  # whom the traveller spoke with
    STATEMENT = "statement"  # a joint statement, a communique
    REMARKS = "remarks"  # a transcript: remarks, a press availability, an interview
    OTHER = "other"


@dataclass(frozen=True)
class TripDocument:
    """A document of the trip other than its announcement."""

    doc_id: str
    title: str
    kind: TripDocKind
    stop: str  # the key of the Stop it is filed under
    published: date | None
    met: tuple[str, ...]  # people met or spoken with (readouts), titles included
    cite: DocSentence  # the sentence naming them, else the document's first real sentence


def document_kind(title: str) -> TripDocKind:
    """What a trip document is, from its title."""
    if _READOUT.search(title):
        return TripDocKind.CALL if _CALL.search(title) else TripDocKind.READOUT
    if STATEMENT_TITLE.search(title):
        return TripDocKind.STATEMENT
    if _TRANSCRIPT.search(title):
        return TripDocKind.REMARKS
    return TripDocKind.OTHER


def trip_window(published: date | None, trip: DateRange | None) -> DateRange | None:
    """The days another document of the trip may be published on."""
    if trip is not None:
        return DateRange(
            trip.start - timedelta(days=DAYS_BEFORE), trip.end + timedelta(days=DAYS_AFTER)
        )
    if published is not None:
        return DateRange(published, published + timedelta(days=UNDATED_TRIP_DAYS))
    return None


def trip_documents(
    snap: Snapshot,
    doc_id: str,
    stops: list[Stop],
    trip: DateRange | None,
    travellers: set[str],
) -> list[TripDocument]:
    """The documents of the trip announced by `doc_id`, in publication order.

    Args:
        snap: the snapshot.
        doc_id: the trip's announcement.
        stops: its stops (`itinerary`).
        trip: its dates (`trip_range`), or None.
        travellers: surnames of whoever makes the trip (`main_travellers`).

    Returns:
        One TripDocument per other document of the trip (duplicates counted once), each filed
        under a stop; empty when the trip has no stops, no traveller or no dates to go by.
    """
    window = trip_window(snap.published(doc_id), trip)
    names = {t for t in travellers if len(t) > 2}
    if window is None or not stops or not names:
        return []
    title = snap.docs[doc_id].title
    if _TELLS_AFTER.match(title) or document_kind(title) == TripDocKind.READOUT:
        # A readout tells a trip that was announced before it ("This week, ... will lead a
        # delegation to ..."): the announcement is a document of the trip too.
        window = DateRange(window.start - timedelta(days=ANNOUNCED_DAYS_BEFORE), window.end)
    traveller = re.compile(rf"\b{alternation(tuple(sorted(names)))}\b")
    seen = {snap.group(doc_id)}
    found: list[TripDocument] = []
    for other in sorted(snap.docs, key=lambda d: (str(snap.published(d)), d)):
        day = snap.published(other)
        if day is None or not window.contains(day) or snap.group(other) in seen:
            continue
        title = snap.docs[other].title
        lead = title + "\n\n" + snap.text(other)[:LEAD_CHARS]
        if not traveller.search(lead):
            continue
        stop = _stop_named(lead, stops, day)
        if stop is None or not _title_fits(title, traveller, stops):
            continue
        doc = _read(snap, other, title, stop, day, names)
        if doc is not None:
            seen.add(snap.group(other))
            found.append(doc)
    return found


def _title_fits(title: str, traveller: re.Pattern[str], stops: list[Stop]) -> bool:
    """A title that belongs to the trip: the places it names include a stop (a preview of the
    traveller's next trip elsewhere does not), and a title that is not a readout or a statement
    names the traveller or a stop (a daily schedule or press briefing does neither)."""
    countries = {s.country for s in stops}
    named = {
        pm.place.country
        for pm in gazetteer().find(title)
        if pm.place.country not in HOME_COUNTRY_CITIES_ONLY
    }
    at_stop = bool(named & countries) or any(s.name in title for s in stops)
    if named and not at_stop:
        return False
    kind = document_kind(title)
    if kind in (TripDocKind.READOUT, TripDocKind.CALL, TripDocKind.STATEMENT):
        return True
    return at_stop or bool(traveller.search(title))


def _stop_named(lead: str, stops: list[Stop], day: date) -> Stop | None:
    """The stop a document's title and lead name: a city first, then a country; a stop whose
    dates hold the publication day (give or take a day) first."""
    best: tuple[int, int, Stop] | None = None
    mentions = [e for s, t in split_sentences(lead) for e in find_entities(lead[s:t])]
    for ent in mentions:
        place = gazetteer().lookup(ent.text) if ent.kind == PLACE else None
        if place is None:
            continue
        for n, stop in enumerate(stops):
            by_name = ent.text == stop.name or place.name == stop.name
            home = stop.country in HOME_COUNTRY_CITIES_ONLY
            by_country = place.country == stop.country and not home
            if not (by_name or by_country):
                continue
            fits = any(d.widened(1).contains(day) for d in stop.dates)
            score = 2 * by_name + fits
            if best is None or (score, -n) > (best[0], -best[1]):
                best = (score, n, stop)
    return best[2] if best else None


def _read(
    snap: Snapshot, doc_id: str, title: str, stop: Stop, day: date, travellers: set[str]
) -> TripDocument | None:
    sents = doc_sentences(snap, doc_id)
    real = [s for s in sents if usable_sentence(s.text)]
    if not real:
        return None
    kind = document_kind(title)
    met: tuple[str, ...] = ()
    cite = real[0]
    if kind in (TripDocKind.READOUT, TripDocKind.CALL):
        lead = [i for i, s in enumerate(sents) if usable_sentence(s.text)][:LEAD_SENTENCES]
        for i in lead:
            people, where = people_in(sents, [i], travellers)
            if people:
                met, cite = tuple(people), sents[where[0]]
                break
    return TripDocument(doc_id, title, kind, stop.key, day, met, cite)
