"""A question that names a place asks about that place.

"What did Haines discuss in Uganda?" is not answered by a readout of her trip to Rwanda and
the Congo, however well its sentences match "Haines" and "discuss". A sentence answers a
question naming a place only if its document speaks of that place: it holds the place's name
(or its other form: "Nigerien" for Niger, "San José" for San Jose), or its title or a sentence
read names a place in the same country ("Kampala" for Uganda). When no candidate's document
does, the documents do not answer the question.

Nor is every place an answer to a question naming one: a place outside the one asked about
("Honolulu" for "Where will she go in Los Angeles?"), or the country of a place it names
("Germany" for "Where will he go after Berlin?"), is not (`outside_asked`, `country_of_asked`).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

from index.compose.next_chunks import with_wanted_chunks
from index.query.demonyms import country_forms
from index.query.plan import QueryPlan, place_mentions
from index.query.retrieve import Candidate
from index.storage.snapshot import Snapshot
from index.text.entities import Entity, EntityKind
from index.text.lexicon import COUNTRY_HEAD_NOUNS
from index.text.lexicon.people import ORG_WORDS
from index.text.paraphrase import aliases_in, region_codes
from index.text.patterns import after_locative
from index.text.places import Place, gazetteer
from index.text.tokens import analyze, stem

# Capitalised words ending in an institution, event or agreement word: "Peace Agreements".
_ORG_TAIL = re.compile(
    r"(?:\s+[A-Z][\w'’-]*)*?\s+(?:" + "|".join(sorted(ORG_WORDS, key=len, reverse=True)) + r")s?\b"
)
PLACE_CHUNKS = 3  # further chunks read that name the place asked about
PLACE_POOL = 30  # ... from the candidates ranked this high


@dataclass(frozen=True)
class AskedPlaces:
    """The places a question asks about: how they are written (lower case, and the other
    forms the corpus uses: "nigerien", "josé") and their countries."""

    names: tuple[str, ...] = ()
    countries: frozenset[str] = frozenset()
    cities: frozenset[Place] = frozenset()  # the cities it asks about

    def named_in(self, text: str) -> bool:
        """Whether `text` names a place asked about, or its country, also by a word beginning
        with the name ("Indian officials"), and also where the gazetteer finds none or reads
        another ("the People's Republic of China (PRC)"; "traveling to San Jose ... convened
        by Costa Rican President Alvarado", its San Jose being California's)."""
        gaz = gazetteer()
        names = [*self.names, *(gaz.country_name(c).lower() for c in self.countries)]
        names = [n for n in dict.fromkeys(names) if n]
        return bool(names) and _places_pattern(tuple(names), r"\w*").search(text) is not None


def asked_places(plan: QueryPlan) -> AskedPlaces:
    """The places a question asks about: those it names with a capital (but not as its first
    word: "Name a common ..."), or after "in", "to", "visit" ... ("who did he meet in seul"
    repaired to Seoul); a common word that is also somewhere's name ("the name of ...") is not
    one, nor is an institution's nickname ("Foggy Bottom"). A region ("the Gulf") is asked
    about as its countries."""
    regions = region_codes(plan.text) if plan.regions else {}
    nicknames = [(a.start, a.end) for a in aliases_in(plan.text)]  # "Foggy Bottom", "the UN"
    mentions = [
        m
        for m in place_mentions(plan.text)
        if (
            (m.text[:1].isupper() and plan.text[: m.start].strip())  # not the first word
            or after_locative(plan.text, m.start)
        )
        and not any(s < m.end and m.start < e for s, e in nicknames)
    ]
    if not mentions and not regions:
        return AskedPlaces()
    terms = {t for m in mentions for t in analyze(m.text)}
    names = [m.text.lower() for m in mentions]
    names += [t for t in plan.places if t in plan.corrections.values()]  # "seul" -> "seoul"
    names += [plan.forms[t] for t in terms if t in plan.forms]
    countries = {m.place.country for m in mentions}
    gaz = gazetteer()
    for area, codes in regions.items():  # "the Gulf": a document naming Qatar speaks of it
        names += [area, *(gaz.country_name(c).lower() for c in codes)]
        countries.update(codes)
    # The cities asked about as where something happens ("meet in Houston"), not a name that
    # is also a city's ("Secretary Austin").
    cities = frozenset(
        m.place for m in mentions if m.place.kind == "city" and after_locative(plan.text, m.start)
    )
    return AskedPlaces(tuple(dict.fromkeys(names)), frozenset(countries), cities)


def about_asked_place(snap: Snapshot, asked: AskedPlaces, read: dict[str, list[str]]) -> set[str]:
    """The documents read (`read`: each with its sentences read) that speak of a place the
    question asks about: their text holds one of its names, or their title or a sentence read
    names a place of the same country ("Kampala" for Uganda) or its adjective ("Libyan interim
    Prime Minister Dabaiba" for Tripoli). A document whose title or sentences read name
    another city of the country of a city asked ("Toronto" for Vancouver) does not speak of
    it; a state does not count, "Washington" naming the capital as often as the state."""
    gaz = gazetteer()
    names = {stem(gaz.country_name(c).lower()) for c in asked.countries}
    adjectives = set(country_forms(names, snap.has_term).values()) - names
    city_countries = {p.country for p in asked.cities}
    out = set()
    for doc_id, sentences in read.items():
        text = snap.text(doc_id).lower()
        title = snap.docs[doc_id].title
        if any(n in text or n in title.lower() for n in asked.names):
            out.add(doc_id)
            continue
        seen = " ".join([title, *sentences])
        found = gaz.find(seen)
        if any(
            m.place.country in city_countries
            and m.place.kind == "city"
            and m.place not in asked.cities
            for m in found
        ):
            continue  # another place of the asked city's country: not the city asked
        if asked.countries & {m.place.country for m in found}:
            out.add(doc_id)
            continue
        if adjectives & set(analyze(seen)):
            out.add(doc_id)
    return out


def with_place_chunks(
    snap: Snapshot, asked: AskedPlaces, cands: list[Candidate], picked: list[Candidate]
) -> list[Candidate]:
    """`picked`, and up to PLACE_CHUNKS more of the best candidates whose chunk names a place
    the question asks about (`asked`). "Who did she meet in Niger?" is asked of a traveller
    with many trips: her other readouts fill the chunks read, and the one paragraph about Niger
    ("In Niamey, they met with Nigerien President Bazoum") ranks below them, since it calls her
    "they". Those readouts are dropped later as not about Niger; this paragraph must be read."""
    names = asked.names
    if not names:
        return picked
    pattern = _places_pattern(names)

    def names_place(c: Candidate) -> bool:
        rec = snap.chunks[c.chunk_id]
        return pattern.search(snap.text(c.doc_id)[rec.start : rec.end].lower()) is not None

    return with_wanted_chunks(picked, cands, PLACE_POOL, PLACE_CHUNKS, names_place)


@dataclass(frozen=True)
class PlaceInNames:
    """Finds a question's places used as the first words of a name ending in an institution,
    event or agreement word."""

    places: re.Pattern[str]  # the places, any case

    def spans(self, text: str) -> list[tuple[int, int]]:
        """Where `text` uses one of the places inside such a name (the whole name)."""
        out = []
        for m in self.places.finditer(text):
            tail = _ORG_TAIL.match(text, m.end())
            if tail is not None:
                out.append((m.start(), tail.end()))
        return out

    def search(self, text: str) -> bool:
        return bool(self.spans(text))

    def sub(self, repl: str, text: str) -> str:
        """`text` with every such name replaced by `repl`."""
        for start, end in reversed(self.spans(text)):
            text = text[:start] + repl + text[end:]
        return text


def place_in_names(plan: QueryPlan) -> PlaceInNames | None:
    """The places `plan` names as used as the first words of the name of an institution, event
    or agreement ("the 1991 Paris Peace Agreements", "the Brussels Forum"): such a sentence does
    not say anyone is in Paris. None when the question names no place, or itself names one
    that way ("What does the Paris Agreement require?")."""
    places = tuple(dict.fromkeys(m.text for m in place_mentions(plan.text)))
    if not places:
        return None
    found = PlaceInNames(_places_pattern(places))
    return None if found.search(plan.text) else found


@lru_cache(maxsize=256)
def _places_pattern(places: tuple[str, ...], end: str = r"\b") -> re.Pattern[str]:
    r"""Any of `places`, any case, as whole words (or, with `end` r"\w*", as the start of one)."""
    return re.compile(r"\b(?:" + "|".join(re.escape(p) for p in places) + r")" + end, re.I)


_COUNTRY_HEADS = frozenset(t for w in COUNTRY_HEAD_NOUNS for t in analyze(w))


def outside_asked(plan: QueryPlan) -> Callable[[Entity], bool] | None:
    """For "where" asked inside a place ("Where will she go in Los Angeles?"), whether a place
    is outside it and so no answer ("Honolulu"): any other place for a city asked, a place of
    another country for a country asked. None for other questions, and for "where after
    Seoul?", which asks for another place, and for "which countries ...?": no country lies
    inside the one named."""
    if plan.qtype != EntityKind.PLACE or plan.order is not None or not plan.countries:
        return None
    if plan.head in _COUNTRY_HEADS:
        return None
    cities = {m.place for m in place_mentions(plan.text) if m.place.kind == "city"}
    gaz = gazetteer()

    def outside(ent: Entity) -> bool:
        place = gaz.lookup(ent.text) if ent.kind == EntityKind.PLACE else None
        if place is None:
            return False
        return place not in cities if cities else place.country not in plan.countries

    return outside


def country_of_asked(ent: Entity, countries: frozenset[str]) -> bool:
    """Whether `ent` is the country of a place the question names (`countries`: their codes)."""
    if ent.kind != EntityKind.PLACE or not countries:
        return False
    place = gazetteer().lookup(ent.text)
    return place is not None and place.kind == "country" and place.country in countries
