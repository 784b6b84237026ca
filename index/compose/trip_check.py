"""Whether someone goes to the place a yes/no question asks about.

"Is Biden stopping in Buenos Aires on his Peru and Brazil trip?" was answered with a readout
of an official's visit to Buenos Aires that names Biden only for a phone call: the sentences
match the place and the name, but nobody in them has Biden go there. A yes/no question about
a journey ("is X going to P", "will X visit P", "did X stop in P") is answered only when one of
the answer's documents has P (or a place in its country) as a stop and X among whoever makes
that stop: the trip's travellers (its first travel sentence's subjects, or the title's
"Secretary Blinken's Travel"), or the one who makes that stop alone ("Austin will also visit
India"). A question naming no one by name ("is the Secretary going to China?") needs the stop
only; a document whose travellers can't be read doesn't refuse it.
"""

from __future__ import annotations

import re

from index.compose.asked_names import GENERIC
from index.compose.itinerary import (
    TRAVEL,
    TRAVELLER_IN_TITLE,
    doc_sentences,
    itinerary,
    main_travellers,
    other_traveller,
)
from index.compose.sentences import Sentence
from index.query.plan import QueryPlan
from index.query.question import asks_yes_no
from index.storage.snapshot import Snapshot
from index.text.lexicon.grammar import STOPWORDS
from index.text.lexicon.paraphrase import MOTION_VERB_FORMS
from index.text.lexicon.questions import AUXILIARY_VERBS
from index.text.lexicon.travel import TRAVEL_WORDS
from index.text.patterns import alternation
from index.text.places import PlaceMention, gazetteer
from index.text.tokens import analyze

_AUXILIARY = alternation(sorted(AUXILIARY_VERBS))
_JOURNEY = alternation((*TRAVEL_WORDS, *sorted(MOTION_VERB_FORMS)))  # "stopping", "going"
# A journey's verb right before the place: "stopping in", "going to the", "visit".
_GOES_TO = re.compile(rf"\b(?:{_JOURNEY})\s+(?:(?:to|in|into|through|at|by)\s+)?(?:the\s+)?$", re.I)
_NEXT_WORD = re.compile(r"\W*([\w'’-]+)")
# Who the question asks about: the words between its auxiliary and the journey's verb.
_SUBJECT = re.compile(rf"^\W*(?:{_AUXILIARY})\s+(?P<who>.+?)\s+(?:{_JOURNEY})\b", re.I)


def asked_destinations(question: str) -> list[PlaceMention]:
    """The places a yes/no question asks whether someone goes to: right after a journey's verb
    ("is biden stopping in buenos aires"), and ending its phrase ("going to the Panama
    migration ministerial" asks about a meeting, not a journey to Panama)."""
    if not asks_yes_no(question):
        return []
    gaz = gazetteer()
    found = []
    for p in gaz.find(question) or gaz.find_lower(question):
        if not _GOES_TO.search(question[: p.start]):
            continue
        after = _NEXT_WORD.match(question, p.end)
        if after is None or after.group(1).lower() in STOPWORDS:
            found.append(p)
    return found


def asked_traveller(question: str) -> tuple[tuple[str, ...], ...]:
    """The name a yes/no question asks about, as `asked_names` gives names: the words before
    its journey's verb that are no title ("is [the VP] going": none; "will [Sherman] visit")."""
    m = _SUBJECT.match(question)
    return _named(m) if m is not None else ()


def _named(subject: re.Match[str]) -> tuple[tuple[str, ...], ...]:
    terms = tuple(t for t in analyze(subject.group("who")) if t not in GENERIC)
    return (terms,) if terms else ()


def no_trip_there(snap: Snapshot, plan: QueryPlan, chosen: list[Sentence]) -> bool:
    """Whether `plan` asks if someone goes to a place (a yes/no question) and none of the
    documents of the `chosen` sentences has them (anyone, when it names no one by name) make
    that stop."""
    places = asked_destinations(plan.text)
    subject = _SUBJECT.match(plan.text)
    if not places or not chosen or subject is None:
        return False
    people = _named(subject)
    countries = {p.place.country for p in places}
    for doc_id in dict.fromkeys(s.doc_id for s in chosen):
        trip = itinerary(snap, doc_id)
        stops = [st for st in trip if st.country in countries]
        if not trip:
            # No itinerary read: a chosen sentence of the document with the person, the place
            # and a journey's word still answers.
            if any(_goes_in(s.text, people, countries) for s in chosen if s.doc_id == doc_id):
                return False
            continue
        if not stops:
            continue
        if not people:  # "is the Secretary going to China?": any traveller's stop will do
            return False
        sents = doc_sentences(snap, doc_id)
        main = main_travellers(sents)
        going = main | {m.group(1) for m in TRAVELLER_IN_TITLE.finditer(snap.docs[doc_id].title)}
        for st in stops:
            going.update((other_traveller(sents, st, main) or "").split(" and "))
        terms = {t for name in going for t in analyze(name)}
        if not terms or any(set(name) & terms for name in people):
            return False
    return True


def _goes_in(text: str, people: tuple[tuple[str, ...], ...], countries: set[str]) -> bool:
    """Whether a sentence names one of `people` (if any), a place in `countries` and a journey."""
    terms = set(analyze(text))
    if (people and not any(set(name) & terms for name in people)) or not TRAVEL.search(text):
        return False
    return any(p.place.country in countries for p in gazetteer().find(text))
