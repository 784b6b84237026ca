"""What a trip's itinerary says about the asked stop: whom the traveller met there, told further
down the readout, and the stop that comes after (or before) it.

"Who did Sullivan meet in Tokyo?" is best matched by the readout's opening ("Sullivan traveled
to Tokyo, Japan, for two landmark trilateral meetings"), which names no one. Whom he met comes
three paragraphs later ("Sullivan met bilaterally with his counterparts Akiba Takeo of Japan,
..."), a sentence sharing only his name with the question, so it ranks too low to be checked
for people. The document's itinerary (compose/itinerary.py) says which of its sentences belong
to which stop: the first meeting sentence of the asked stop that names someone met answers, or,
when none does and the best sentence names no person, the first naming an organisation ("In
Vienna, the Assistant Secretary will meet with the leadership of the International Atomic
Energy Agency").

"Where does Donfried go after Prague?" is answered by "On March 30, Dr. Donfried will travel to
Bratislava", which neither names Prague nor says "then": the itinerary (Copenhagen, Prague,
Bratislava) does.
"""

from __future__ import annotations

import re
from dataclasses import replace

from index.compose.analysed import analysed
from index.compose.asked_names import asked_names
from index.compose.asked_place import AskedPlaces
from index.compose.itinerary import (
    DocSentence,
    Stop,
    doc_sentences,
    itinerary,
    stop_mentions,
    travellers,
)
from index.compose.people_met import people_in
from index.compose.sentences import AskedFor, Sentence, scanned
from index.query.plan import QueryPlan
from index.query.sequence import StopOrder
from index.storage.snapshot import Snapshot
from index.text.dates import find_dates
from index.text.entities import NAME
from index.text.lexicon.people import ORG_WORDS
from index.text.patterns import MEETING
from index.text.places import gazetteer
from index.text.tokens import analyze, term_set

OTHER_DOCUMENTS = 2  # documents read for whom was met, after the best one's
OTHER_STOP_DOCUMENTS = 2  # documents whose sentences at other stops are dropped, best first
OTHER_DOCUMENT_RATIO = 0.9  # ... those of sentences scoring this share of the best one


def met_at_stop(
    snap: Snapshot, plan: QueryPlan, places: AskedPlaces, sentences: list[Sentence]
) -> list[Sentence]:
    """`sentences` (best first, the best naming no one met), with the sentence naming whom the
    traveller met at the asked stop moved first, when there is one (a person, else, when the
    best sentence names no person, an organisation).

    The stop is the one the question names (by its name, else by its country); a question
    naming no place asks about a document with a single stop. The best document is read
    first; when it names no one met there (an announcement: "Singh will be in New Delhi"),
    the other documents of sentences scoring nearly as well that name the same people (the
    readout of the same trip: "Singh met with Principal Secretary P.K. Mishra, ..."), up to
    OTHER_DOCUMENTS of them. The moved sentence takes the best one's score: it answers in its
    place, and the others are weighed against that.
    """
    best = sentences[0]
    asked = AskedFor.of(plan)  # what the question asks for, read once for the sentences below
    people = asked_names(snap, plan)  # read once for the documents and sentences below
    for doc_id in _documents_to_read(snap, people, sentences):
        found = _met_in(snap, plan, places, people, sentences, doc_id, asked)
        if found is not None:
            return _leading(found[0], found[1], best, sentences)
    if best.type_fit >= 1.0:
        return sentences  # the best one names someone, if not as met
    # No one met by name: whom by office ("will meet with the leadership of the International
    # Atomic Energy Agency").
    sents = doc_sentences(snap, best.doc_id)
    stops = _asked_stops(itinerary(snap, best.doc_id), places)
    read = {x.start: x for x in sentences if x.doc_id == best.doc_id}
    for i in sorted({i for st in stops for i in st.sentences}):
        s = read.get(sents[i].start)
        if s is None or s is best or not _meets_organisation(sents[i]):
            continue
        return _leading(scanned(snap, plan, s, asked), s, best, sentences)
    return sentences


def dated_at_stop(
    snap: Snapshot, plan: QueryPlan, places: AskedPlaces, sentences: list[Sentence]
) -> list[Sentence]:
    """`sentences` with the one giving the asked stop's date moved first: "What day is
    Donfried in Serbia?" is answered by "She will travel to Serbia on April 26", not by the
    trip's opening ("... from April 25 to 29, with stops in Albania, ... and Serbia"), which
    names her and every stop. The stop is one of the best document's itinerary that the
    question names and that has a date; the sentence names the stop and that date."""
    best = sentences[0]
    published = snap.published(best.doc_id)
    stops = [st for st in _asked_stops(itinerary(snap, best.doc_id), places) if st.dates]
    if not stops:
        return sentences
    sents = doc_sentences(snap, best.doc_id)
    read = {x.start: x for x in sentences if x.doc_id == best.doc_id}
    for st in stops:
        for i in st.sentences:
            text = sents[i].text
            if not places.named_in(text) or not any(
                d.range == st.dates[0] for d in find_dates(text, published)
            ):
                continue
            s = read.get(sents[i].start)
            if s is None or s is best:
                return sentences
            return _leading(scanned(snap, plan, s), s, best, sentences)
    return sentences


def _documents_to_read(
    snap: Snapshot, people: tuple[tuple[str, ...], ...], sentences: list[Sentence]
) -> list[str]:
    """The best sentence's document, then those of other sentences scoring at least
    OTHER_DOCUMENT_RATIO of it whose documents name the question's `people` (`asked_names`)."""
    best = sentences[0]
    tables = analysed(snap)
    docs = [best.doc_id]
    for s in sentences[1:]:
        if len(docs) > OTHER_DOCUMENTS or s.score < OTHER_DOCUMENT_RATIO * best.score:
            break
        if s.doc_id in docs or not people:
            continue
        if all(_holds(name, tables.doc_terms(s.doc_id)) for name in people):
            docs.append(s.doc_id)
    return docs


def _met_in(
    snap: Snapshot,
    plan: QueryPlan,
    places: AskedPlaces,
    people: tuple[tuple[str, ...], ...],
    sentences: list[Sentence],
    doc_id: str,
    asked: AskedFor,
) -> tuple[Sentence, Sentence] | None:
    """The sentence of `doc_id` naming whom its traveller met at the asked stop, scanned, with
    the sentence it was read from; None when the document names no one met there."""
    sents = doc_sentences(snap, doc_id)
    stops = _asked_stops(itinerary(snap, doc_id), places)
    at_stop = sorted({i for st in stops for i in st.sentences})
    if not stops and doc_id != sentences[0].doc_id and _names_places(snap, doc_id, places):
        # A readout of a one-stop trip tells no itinerary ("Singh was in New Delhi"): all of
        # it is about the stop it names.
        at_stop = list(range(len(sents)))
    if not at_stop:
        return None
    going = travellers(snap.docs[doc_id].title, sents)
    _, where = people_in(sents, at_stop, going)
    read = {x.start: x for x in sentences if x.doc_id == doc_id}
    for i in where:
        s = read.get(sents[i].start)
        if s is None:
            continue  # not in a chunk read
        found = scanned(snap, plan, s, asked)
        if found.met and (doc_id == sentences[0].doc_id or _names_any(people, s.text)):
            return found, s
    return None


def _names_any(people: tuple[tuple[str, ...], ...], text: str) -> bool:
    """Whether `text` names one of the question's `people` ("Singh met with ..."): in another
    document, a sentence about someone else's meeting ("This meeting follows up on a
    commitment made between President Biden and Russian President Putin") is no answer."""
    terms = term_set(text)
    return any(_holds(name, terms) for name in people)


def _holds(name: tuple[str, ...], terms: set[str] | frozenset[str]) -> bool:
    """Whether `terms` hold a name, by any of its words ("Daleep Singh" as "Singh")."""
    return any(t in terms for t in name)


def _names_places(snap: Snapshot, doc_id: str, places: AskedPlaces) -> bool:
    """Whether `doc_id` names every place the question does (by all the words of its name)."""
    terms = analysed(snap).doc_terms(doc_id)
    return bool(places.names) and all(set(analyze(n)) <= terms for n in places.names)


def _leading(
    lead: Sentence, original: Sentence, best: Sentence, sentences: list[Sentence]
) -> list[Sentence]:
    """`sentences` with `lead` (the scanned `original`) first, at the best one's score."""
    return [replace(lead, score=best.score), *(x for x in sentences if x is not original)]


def _meets_organisation(sent: DocSentence) -> bool:
    """A meeting word followed by an organisation's name ("meet with the leadership of the
    International Atomic Energy Agency (IAEA)")."""
    first = MEETING.search(sent.text)
    return first is not None and any(
        e.kind == NAME and e.start > first.start() and any(w in ORG_WORDS for w in e.text.split())
        for e in sent.entities
    )


def _asked_stops(stops: list[Stop], places: AskedPlaces) -> list[Stop]:
    """The stops the question asks about: named by it, else in a country it names; the only
    stop when it names no place."""
    if not places.names:
        return stops if len(stops) == 1 else []
    named = [st for st in stops if st.name.lower() in places.names]
    return named or [st for st in stops if st.country in places.countries]


def at_other_stops(
    snap: Snapshot, places: AskedPlaces, sentences: list[Sentence]
) -> set[tuple[str, int]]:
    """The sentences (doc_id, start) that their document's itinerary sets only at a stop the
    question does not ask about, in a document whose trip also stops where it asks.

    "Who is Blinken meeting in India?" is asked of an announcement of stops in Japan, Korea and
    India: "Beyond expressing gratitude for Japan's successful G7 presidency, Secretary
    Blinken will engage in bilateral talks with Prime Minister Kishida" matches "meeting" as
    well as the India paragraph does, and says nothing about India. A sentence of no stop
    (the trip's purpose) or of the asked one as well stays.
    """
    # "In Erbil, McGurk met with ...": a sentence set at another city by its opening words,
    # whatever document it is in, does not answer "Who did McGurk see in Baghdad?".
    out = {(s.doc_id, s.start) for s in sentences if _opens_at_other_city(s.text, places)}
    # The documents of the best sentences only, whose titles name places in two countries or
    # more ("Travel to Israel, Jordan, Japan, the Republic of Korea and India"): reading an
    # itinerary reads the entities of all a document's sentences, a long transcript's too.
    gaz = gazetteer()
    for doc_id in list(dict.fromkeys(s.doc_id for s in sentences))[:OTHER_STOP_DOCUMENTS]:
        if len({m.place.country for m in gaz.find(snap.docs[doc_id].title)}) < 2:
            continue
        sents = doc_sentences(snap, doc_id)
        stops = itinerary(snap, doc_id)
        asked = _asked_stops(stops, places)
        if len(stops) < 2 or not asked:
            continue
        asked_keys = {st.key for st in asked}
        placed: dict[int, set[str]] = {}
        for st in stops:
            for k in st.sentences:
                placed.setdefault(k, set()).add(st.key)
        index = {sent.start: k for k, sent in enumerate(sents)}
        for s in sentences:
            i = index.get(s.start) if s.doc_id == doc_id else None
            if i is None:
                continue
            # A sentence naming the asked stop is about it, whichever stop the itinerary gave
            # it ("travels to Uganda July 9-15 and Geneva July 16-19"); one naming two stops
            # is placed at neither.
            named = {stop.key for _, stop in stop_mentions(sents[i], stops)}
            at = named | placed.get(i, set())
            if at and not at & asked_keys and not places.named_in(s.text):
                out.add((doc_id, s.start))
    return out


# A sentence's opening locative frame: "In Erbil, ...", "While in Kyiv, ...".
_OPENING_FRAME = re.compile(r"^\W*(?:While\s+in|In|At)\s+(?P<where>[^,;:.]{2,60}),")


def _opens_at_other_city(text: str, places: AskedPlaces) -> bool:
    """`text` opens by setting itself at a city when the question asks about another one."""
    m = _OPENING_FRAME.match(text)
    if m is None or not places.cities or places.named_in(m.group("where")):
        return False
    found = gazetteer().find(m.group("where"))
    return bool(found) and found[0].place.kind == "city" and found[0].place not in places.cities


def stop_terms(stop: Stop) -> frozenset[str]:
    """The terms a question may name a stop by: its name's and its country's ("Jordan" for a
    stop in Amman)."""
    return frozenset((*analyze(stop.name), *analyze(gazetteer().country_name(stop.country))))


def stop_after(stops: list[Stop], order: StopOrder) -> tuple[int, int] | None:
    """The index of the stop `order` asks about (by `stop_terms`) and of the stop after (or
    before) it in the itinerary, which may lie outside it; None when no stop is the asked one."""
    at = next((i for i, st in enumerate(stops) if order.anchor & stop_terms(st)), None)
    return None if at is None else (at, at + (1 if order.way == "after" else -1))


def next_stop(snap: Snapshot, plan: QueryPlan, sentences: list[Sentence]) -> list[Sentence]:
    """`sentences` (best first, the best telling no order), with the sentence introducing the
    stop after (or before) the asked one moved first, from the itinerary of the first document
    read that makes the asked stop and one after (or before) it. It takes the best one's
    score, as in `met_at_stop`.

    The asked stop is found by its name or its country's ("after Jordan" is after Amman). When
    the sentence introducing the next stop introduced the asked one too (the opening's list,
    "visits to Tel Aviv, Amman, Tokyo ..."), the next stop's first sentence of its own leads
    ("In Jordan, ..."): the list names every stop, the stop's own sentence tells that one."""
    order = plan.order
    if order is None:
        return sentences
    best = sentences[0]
    for doc_id in dict.fromkeys(s.doc_id for s in sentences):
        sents = doc_sentences(snap, doc_id)
        stops = itinerary(snap, doc_id)
        found = stop_after(stops, order)
        if found is None:
            continue
        asked, i = found
        if not 0 <= i < len(stops) or stops[i].intro < 0:
            continue
        shared = set(stops[asked].sentences)
        own = [k for k in stops[i].sentences if k not in shared and k != stops[i].intro]
        intros = [sents[k].start for k in own[:1]] if stops[i].intro in shared else []
        for start in [*intros, sents[stops[i].intro].start]:
            s = next((x for x in sentences if x.doc_id == doc_id and x.start == start), None)
            if s is not None:
                lead = replace(s, score=best.score, order=True)
                return [lead, *(x for x in sentences if x is not s)]
    return sentences
