"""The lexicon: a sentence for every entry fitted to the corpus, and no word list outside it."""

from __future__ import annotations

import ast
import functools
import re
from collections.abc import Iterator
from pathlib import Path
from typing import NamedTuple

import pytest

from index.compose.summary import is_transcript
from index.text.entities import PERSON, find_entities
from index.text.lexicon import CORPUS_FITTED
from index.text.places import Gazetteer, gazetteer

ROOT = Path(__file__).resolve().parents[2]


class Fitted(NamedTuple):
    """Entries of the lexicon fitted to the corpus, and a sentence showing what they do.

    A row without entries shows the other side: what those entries must not stop.
    """

    entries: tuple[str, ...]
    check: str  # a key of CHECKS
    text: str
    expected: str  # what the check looks for in `text`


@functools.cache
def _small_town_gazetteer() -> Gazetteer:
    """A gazetteer with towns of 5,000 people, which knows Price, Utah."""
    return Gazetteer(min_population=5000)


def _person(text: str, expected: str) -> None:
    people = [e.text for e in find_entities(text) if e.kind == PERSON]
    assert people == [expected]


def _not_person(text: str, expected: str) -> None:
    entities = [(e.kind, e.text) for e in find_entities(text)]
    assert any(t == expected for _, t in entities), entities
    assert (PERSON, expected) not in entities


def _no_place(text: str, expected: str) -> None:
    assert expected not in [m.text for m in gazetteer().find(text)]


def _no_small_town(text: str, expected: str) -> None:
    assert expected not in [m.text for m in _small_town_gazetteer().find(text)]


def _small_town(text: str, expected: str) -> None:
    assert expected in [m.text for m in _small_town_gazetteer().find(text)]


def _place(text: str, expected: str) -> None:
    """`expected` is 'name=CC': a place `name` in the country with ISO code CC."""
    name, code = expected.split("=")
    found = {m.text: m.place for m in gazetteer().find(text)}
    assert name in found, found
    assert found[name].country == code


def _country(text: str, expected: str) -> None:
    """Like _place, and the place is the country itself (not a city of it)."""
    _place(text, expected)
    name = expected.split("=")[0]
    assert {m.text: m.place.kind for m in gazetteer().find(text)}[name] == "country"


def _transcript(text: str, expected: str) -> None:
    assert is_transcript(text) is (expected == "yes")


CHECKS = {
    "person": _person,
    "not person": _not_person,
    "no place": _no_place,
    "no small town": _no_small_town,
    "small town": _small_town,
    "place": _place,
    "country": _country,
    "transcript": _transcript,
}

FITTED = [
    # State Department bureaus and offices are part of the title, not of the name after it.
    Fitted(
        ("Western", "Hemisphere"),
        "person",
        "Assistant Secretary for Western Hemisphere Affairs Brian Nichols will travel to Panama.",
        "Brian Nichols",
    ),
    Fitted(
        ("European", "Eurasian"),
        "person",
        "Assistant Secretary for European and Eurasian Affairs Karen Donfried met the minister.",
        "Karen Donfried",
    ),
    # An honorific with its period belongs to the title: "Dr" is no name of its own.
    Fitted(
        (),
        "person",
        "Assistant Secretary for European and Eurasian Affairs Dr. Karen Donfried met him.",
        "Karen Donfried",
    ),
    Fitted(
        (),
        "person",
        "Blinken met External Affairs Minister Dr. S. Jaishankar in New Delhi.",
        "S. Jaishankar",
    ),
    Fitted(
        (),
        "person",
        "They welcomed Dr. Tedros Adhanom Ghebreyesus to Geneva.",
        "Tedros Adhanom Ghebreyesus",
    ),
    Fitted(
        ("East", "Asian", "Pacific"),
        "person",
        "Deputy Assistant Secretary for East Asian and Pacific Affairs Atul Keshap spoke.",
        "Atul Keshap",
    ),
    Fitted(
        ("Near", "Eastern"),
        "person",
        "Acting Assistant Secretary for Near Eastern Affairs Yael Lempert will travel to Cairo.",
        "Yael Lempert",
    ),
    Fitted(
        ("South", "Central", "Asian"),
        "person",
        "Assistant Secretary for South and Central Asian Affairs Donald Lu met officials.",
        "Donald Lu",
    ),
    Fitted(
        ("African",),
        "person",
        "Assistant Secretary for African Affairs Molly Phee will travel to Addis Ababa.",
        "Molly Phee",
    ),
    Fitted(
        ("Global",),
        "person",
        "Assistant Secretary for Global Public Affairs Elizabeth Trudeau briefed the press.",
        "Elizabeth Trudeau",
    ),
    Fitted(
        ("Multilateral",),
        "person",
        "Senior Director for Multilateral Affairs Curtis Ried attended.",
        "Curtis Ried",
    ),
    Fitted(
        ("Counterterrorism",),
        "person",
        "Principal Deputy Coordinator for Counterterrorism Chris Landberg will travel to Rome.",
        "Chris Landberg",
    ),
    Fitted(
        ("Nonproliferation",),
        "person",
        "Assistant Secretary for International Security and Nonproliferation Eliot Kang spoke.",
        "Eliot Kang",
    ),
    Fitted(
        ("Arms", "Control"),
        "person",
        "Under Secretary for Arms Control and International Security Bonnie Jenkins spoke.",
        "Bonnie Jenkins",
    ),
    Fitted(
        ("Management", "Resources"),
        "person",
        "Deputy Secretary for Management and Resources Richard Verma will travel to Tokyo.",
        "Richard Verma",
    ),
    Fitted(
        ("Joint", "Chiefs"),
        "person",
        "Chairman of the Joint Chiefs Mark Milley joined the meeting.",
        "Mark Milley",
    ),
    # "Quad" names a group of countries, so "Quad Leaders" is no person.
    Fitted(
        ("Quad",),
        "not person",
        "Biden hosted the Quad Leaders at the White House.",
        "Quad Leaders",
    ),
    # Officials named by one name are not the towns of that name, unless a locative says so.
    # An accord is an instrument, like a treaty: "Abraham Accords" names no one.
    Fitted((), "not person", "The Abraham Accords were signed in 2020.", "Abraham Accords"),
    Fitted(("Austin",), "no place", "Austin and Blinken met Japanese officials.", "Austin"),
    Fitted((), "person", "Secretary Austin spoke with reporters.", "Austin"),
    Fitted((), "place", "The delegation then traveled to Austin.", "Austin=US"),
    Fitted(("Price",), "no small town", "Price told reporters the talks went well.", "Price"),
    Fitted((), "small town", "The team flew to Price.", "Price"),
    Fitted(("Sherman",), "no place", "Sherman met Vice Foreign Minister Choi.", "Sherman"),
    Fitted(("Victoria",), "no place", "Victoria will lead the delegation to Kyiv.", "Victoria"),
    Fitted(("Elizabeth",), "no place", "Elizabeth welcomed the Secretary to London.", "Elizabeth"),
    # The country names US government releases use.
    Fitted(
        ("Republic of Korea",),
        "country",
        "Blinken met counterparts from the Republic of Korea.",
        "Republic of Korea=KR",
    ),
    Fitted(("ROK",), "country", "the alliance of the United States and the ROK", "ROK=KR"),
    Fitted(("DPRK",), "country", "new sanctions on the DPRK", "DPRK=KP"),
    Fitted(
        ("Democratic People's Republic of Korea",),
        "country",
        "the Democratic People’s Republic of Korea launched a missile",
        "Democratic People’s Republic of Korea=KP",
    ),
    Fitted(("Burma",), "country", "the people of Burma", "Burma=MM"),
    Fitted(("West Bank",), "country", "violence in the West Bank", "West Bank=PS"),
    Fitted(("Gaza",), "country", "humanitarian aid for Gaza", "Gaza=PS"),
    Fitted(("Holy See",), "country", "Ambassador to the Holy See", "Holy See=VA"),
    Fitted((), "country", "Blinken traveled to Turkiye and Greece.", "Turkiye=TR"),
    Fitted(("Türkiye",), "country", "talks with Türkiye on NATO", "Türkiye=TR"),
    # A press availability is a transcript, not the announcement of a trip.
    Fitted(
        ("press availability",),
        "transcript",
        "Secretary Antony J. Blinken at a Press Availability",
        "yes",
    ),
    Fitted((), "transcript", "Secretary Blinken's Travel to Panama", "no"),
]


@pytest.mark.parametrize("row", FITTED, ids=lambda r: f"{r.check}: {r.text[:40]}")
def test_fitted_entry_does_what_it_is_for(row: Fitted) -> None:
    CHECKS[row.check](row.text, row.expected)


def test_every_fitted_entry_has_a_sentence() -> None:
    covered = {entry for row in FITTED for entry in row.entries}
    assert sorted(CORPUS_FITTED - covered) == []
    assert sorted(covered - CORPUS_FITTED) == []


# -- no word list outside the lexicon ---------------------------------------------------------

LEXICON = ROOT / "index" / "text" / "lexicon"
MAX_WORDS = 5  # a list of more distinct words than this is a word list
# Vocabularies of file formats, not words read in prose: HTML element names and the field
# names of metadata headers.
FORMAT_VOCABULARIES = {
    ("index/ingest/formats/html.py", "_DROP"),
    ("index/ingest/formats/markdown.py", "_INLINE"),
    ("index/ingest/metadata.py", "_HEADER_LINE"),
    ("index/ingest/metadata.py", "_HEADER_KEYS"),
    # The milvus store's column names.
    ("index/storage/milvus/engine.py", "CHUNK_INTS"),
    ("index/storage/milvus/store.py", "_doc_row"),
    ("index/storage/milvus/store.py", "_chunk_row"),
}
_WORD = re.compile(r"[A-Za-z][A-Za-z'’.-]*")
# One alternative of a regex alternation that is a word or phrase: "travel\w*", "per\s+cent".
_REGEX_WORD = re.compile(
    r"(?:\(\?:|\(\?P<\w+>|\(\?[a-z]+:|\(|\\b|\^)*"
    r"(?P<word>[A-Za-z]+(?:\\s\+[A-Za-z]+| [A-Za-z]+)*)"
    r"(?:\\w\*|s\?|\\b|\\\.|\.|\)|\?|\$)*"
)


def _strings(nodes: list[ast.expr | None]) -> list[str]:
    return [n.value for n in nodes if isinstance(n, ast.Constant) and isinstance(n.value, str)]


def _words(node: ast.AST, module_level: bool) -> set[str]:
    """The words of a word list written at `node`, if it is one.

    A string argument counts only at module level (`_wordset("a b c")`): in a function it is
    more likely a message.
    """
    if isinstance(node, (ast.Set, ast.List, ast.Tuple)):
        return {s for s in _strings(list(node.elts)) if _WORD.fullmatch(s)}
    if isinstance(node, ast.Dict):
        return {s for s in _strings(node.keys) if _WORD.fullmatch(s)}
    if isinstance(node, ast.Call):
        # "a b c".split() anywhere, _wordset("a b c") at module level: words made a collection
        receiver = node.func.value if isinstance(node.func, ast.Attribute) else None
        tokens = [t for s in _strings([receiver]) for t in s.split()]
        if module_level:
            tokens += [t for s in _strings(list(node.args)) for t in s.split()]
        return set(tokens) if all(_WORD.fullmatch(t) for t in tokens) else set()
    if isinstance(node, ast.Constant) and isinstance(node.value, str) and "|" in node.value:
        # a regex alternation of words: "\b(meet\w*|met|talks?|...)\b"
        parts = (_REGEX_WORD.fullmatch(p.strip()) for p in node.value.split("|"))
        return {m.group("word") for m in parts if m}
    return set()


def word_lists(source: str) -> Iterator[tuple[str, int, set[str]]]:
    """(name of the top-level statement, line, words) of each word list written in `source`."""
    for stmt in ast.parse(source).body:
        module_level = True
        if isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            module_level, name = False, stmt.name
        elif isinstance(stmt, ast.Assign):
            name = ast.unparse(stmt.targets[0])
        elif isinstance(stmt, ast.AnnAssign):
            name = ast.unparse(stmt.target)
        else:
            name = type(stmt).__name__
        docstrings = {id(n.value) for n in ast.walk(stmt) if isinstance(n, ast.Expr)}
        for node in ast.walk(stmt):
            if id(node) in docstrings:
                continue
            words = _words(node, module_level)
            if len(words) > MAX_WORDS:
                yield name, getattr(node, "lineno", stmt.lineno), words


@pytest.mark.parametrize(
    ("source", "is_word_list"),
    [
        (
            '_TITLES = frozenset("President Minister Secretary Ambassador Envoy Mayor".split())',
            True,
        ),
        ('_S = _wordset("mr mrs ms dr gen sen")', True),
        ('X = {"us", "of", "the", "and", "or", "who"}', True),
        (
            'A = {"Korea": "KR", "ROK": "KR", "UK": "GB", "UAE": "AE", "USA": "US", "DRC": "CD"}',
            True,
        ),
        (r'R = re.compile(r"\b(meet\w*|met|confer\w*|talks?|engage\w*|host\w*)\b", re.I)', True),
        ('def f(w):\n    return w in ("one", "two", "three", "four", "five", "six")', True),
        ('X = frozenset("is was are were did".split())', False),  # five words are not a list
        ('def f():\n    raise ValueError("That document is no longer in the index")', False),
        ('def f(w):\n    return w in "one two three four five six".split()', True),
        (r'N = re.compile(r"(?:\d{1,3}|[ivxlcIVXLC]{1,5}|[A-Za-z])$")', False),
        ('"""A docstring | with | bars | in | it | somewhere."""', False),
    ],
)
def test_word_list_detector(source: str, is_word_list: bool) -> None:
    assert bool(list(word_lists(source))) is is_word_list


def test_no_word_list_outside_the_lexicon() -> None:
    found = []
    for path in sorted((ROOT / "index").rglob("*.py")):
        if LEXICON in path.parents:
            continue
        rel = path.relative_to(ROOT).as_posix()
        for name, line, words in word_lists(path.read_text(encoding="utf-8")):
            if name != "__all__" and (rel, name) not in FORMAT_VOCABULARIES:
                found.append(f"{rel}:{line} {name}: {sorted(words)[:6]}")
    assert found == [], "word lists belong in index/text/lexicon/"


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("challenges in the Atlantic Basin.", "Atlantic Basin"),
        ("and Mandela Washington Fellowship alumni who promote", "Mandela Washington Fellowship"),
        ("She laid a wreath at Arlington National Cemetery.", "Arlington National Cemetery"),
    ],
)
def test_a_run_ending_in_a_place_or_programme_word_is_no_person(text: str, name: str) -> None:
    """A trip summary listed "Atlantic Basin" and "Mandela Washington Fellowship" among the
    people Sherman met in Luanda."""
    _not_person(text, name)


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("He will meet with Foreign Minister Park Jin in Seoul.", "Park Jin"),
        ("Senator Frank Church chaired the committee.", "Frank Church"),
    ],
)
def test_a_surname_that_is_also_a_place_word_stays_a_person(text: str, name: str) -> None:
    _person(text, name)


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("In the Democratic Republic of the Congo on August 9-10, he will meet", "CD"),
        ("President of the Democratic Republic of the Congo Felix Tshisekedi", "CD"),
        ("She will visit Brazzaville, Republic of the Congo.", "CG"),
    ],
)
def test_a_country_whose_name_holds_of_the_is_one_place(text: str, place: str) -> None:
    """No run of capitalised words spans "of the": the Democratic Republic of the Congo was
    "Democratic Republic", taken for a person, and "Congo", the other country."""
    found = gazetteer().find(text)
    assert place in [m.place.country for m in found], found
    assert "Democratic Republic" not in [e.text for e in find_entities(text)]
    if place == "CD":
        assert "CG" not in [m.place.country for m in found], found


def test_two_places_named_with_of_the_are_both_found() -> None:
    """The second "of the" name was dropped as if it overlapped the first, leaving its
    "Congo" to be read as the Republic of the Congo."""
    text = "talks between the Republic of the Congo and the Democratic Republic of the Congo"
    found = [(m.text, m.place.country) for m in gazetteer().find(text)]
    assert found == [
        ("Republic of the Congo", "CG"),
        ("Democratic Republic of the Congo", "CD"),
    ], found
