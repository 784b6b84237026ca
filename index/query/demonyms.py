"""A country's adjective stands for the country: "Which Latvian officials ..." is answered by
"... travel to Riga, Latvia, to meet with President Egils Levits", "the Fijian prime minister"
by "Fiji Prime Minister Bainimarama".

English forms a country's adjective (its demonym) from the name by a short ending: Latvia ->
Latvian, Fiji -> Fijian, Japan -> Japanese, Israel -> Israeli, Kuwait -> Kuwaiti; a "-stan"
("land of") name drops it, as a few in "-ia" do: Uzbekistan -> Uzbek, Slovakia -> Slovak.
A name term of the question is paired with the other form when one of the two is a country
the gazetteer knows and the corpus has the other: the pair is checked against the gazetteer,
never taken from a word list, so "Blinken" is not read as "blink" nor "Paris" as a town "Pari".
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator

from index.text.lexicon.grammar import DEMONYM_ENDINGS, IRREGULAR_DEMONYMS, STAN_ENDINGS
from index.text.places import gazetteer
from index.text.tokens import stem


def country_forms(terms: Iterable[str], has_term: Callable[[str], bool]) -> dict[str, str]:
    """For each term that is a country's adjective or name, the other form, when the corpus
    (`has_term`) has it: {"latvian": "latvia", "fiji": "fijian", ...}."""
    out: dict[str, str] = {}
    for term in terms:
        other = _other_form(term, has_term)
        if other is not None:
            out[term] = other
    return out


def _other_form(term: str, has_term: Callable[[str], bool]) -> str | None:
    name = _country(term)
    if name is not None:
        for adjective in _adjectives(name):
            # "Nigerian" is Nigeria's adjective, not Niger's ("Nigerien"): a longer country
            # name in the adjective claims it.
            of_another = any(len(base) > len(name) for base in _countries_in(adjective))
            if adjective != term and has_term(adjective) and not of_another:
                return adjective
        return None
    return next((stem(base) for base in _countries_in(term) if has_term(stem(base))), None)


def is_country_adjective(term: str, irregular: bool = True) -> bool:
    """Whether analysed `term` is a country's adjective: "latvian", "japanes", "german" (not
    "kenyatta", which only begins with "Kenya"); with `irregular`, also one no ending derives
    ("swedish", "french")."""
    if not irregular and term in _IRREGULAR:
        return False
    return any(term in _adjectives(base) for base in _countries_in(term))


def _country(term: str) -> str | None:
    """The country an analysed term names: "latvia", and "germany" for "germani" (the stem
    of a name ending in "y")."""
    gaz = gazetteer()
    for name in (term, term[:-1] + "y" if term.endswith("i") else ""):
        if name and _is_country(gaz.lookup(name)):
            return name
    return None


def _adjectives(name: str) -> list[str]:
    """The analysed forms a country's adjective may take: its name with a demonym ending
    ("latvian", "japanes"), and for a name ending in "y" the name without it, alone or with
    an ending ("german", "italian", "hungarian"); and those no ending derives ("swedish",
    "french": lexicon IRREGULAR_DEMONYMS)."""
    out = [stem(name + ending) for ending in DEMONYM_ENDINGS]
    out += _IRREGULAR_OF.get(name, [])
    if name.endswith("y"):
        out += [stem(name[:-1] + ending) for ending in ("", *DEMONYM_ENDINGS)]
    for land in (*STAN_ENDINGS, "ia"):  # "uzbek" for Uzbekistan, "slovak" for Slovakia
        if name.endswith(land) and len(name) - len(land) >= (5 if land == "ia" else 4):
            out.append(stem(name[: -len(land)]))
            break
    return [a for a in dict.fromkeys(out) if a != stem(name)]  # "germani" is Germany itself


def _countries_in(word: str) -> Iterator[str]:
    """The countries `word` is an adjective of by its ending: `word` cut by 1-3 letters to a
    country's name of 4+ letters ("latvian" -> "latvia", "japanes" -> "japan"), or to one
    ending in "y" ("german" -> "germany", "italian" -> "italy")."""
    gaz = gazetteer()
    irregular = _IRREGULAR.get(word)  # "swedish", "french": no ending derives them
    if irregular is not None and _is_country(gaz.lookup(irregular)):
        yield irregular
    for cut in (1, 2, 3):
        base = word[:-cut]
        if len(base) >= 4 and _is_country(gaz.lookup(base)):
            yield base
    for cut in (0, 1, 2, 3):
        base = word[: len(word) - cut] + "y"
        if len(base) >= 5 and _is_country(gaz.lookup(base)):
            yield base
    for land in (*STAN_ENDINGS, "ia"):  # "uzbek" -> "uzbekistan", "slovak" -> "slovakia"
        if len(word) >= (5 if land == "ia" else 4) and _is_country(gaz.lookup(word + land)):
            yield word + land


# The demonyms no ending derives, analysed once: demonym -> country, and country -> demonyms.
_IRREGULAR = {stem(word): country for word, country in IRREGULAR_DEMONYMS.items()}
_IRREGULAR_OF: dict[str, list[str]] = {}
for _demonym, _land in _IRREGULAR.items():
    _IRREGULAR_OF.setdefault(_land, []).append(_demonym)


def _is_country(place: object) -> bool:
    return place is not None and getattr(place, "kind", None) == "country"
