"""What a question asks for: a person for "who", a date for "when", a place for "where"."""

from __future__ import annotations

import re

from index.text.entities import DATE, NAME, NUMBER, OTHER, PERSON, PLACE, EntityKind
from index.text.tokens import stem

# How much an entity of each kind counts as an answer to each question type.
ANSWER_KINDS: dict[EntityKind, dict[EntityKind, float]] = {
    PERSON: {PERSON: 1.0, NAME: 0.6},
    PLACE: {PLACE: 1.0, NAME: 0.5},
    DATE: {DATE: 1.0},
    NUMBER: {NUMBER: 1.0, DATE: 0.3},
    OTHER: {},
}

_HEAD_NOUNS: dict[str, EntityKind] = {}
for _kind, _words in {
    DATE: "year years date day month century decade time era period season week",
    PLACE: "city country state region place location continent town village capital nation "
    "province area island river mountain county territory port venue stadium",
    PERSON: "person man woman people president king queen leader author minister player "
    "scientist emperor general founder official secretary ruler writer inventor artist "
    "composer poet philosopher actor singer coach ambassador chancellor senator governor pope "
    "who owner director",
    NUMBER: "percentage percent number amount proportion share fraction ratio rate size "
    "population cost price length height distance weight speed temperature age score total "
    "sum much many",
}.items():
    for _w in _words.split():
        _HEAD_NOUNS[stem(_w)] = _kind

_WH = re.compile(
    r"\b(?P<wh>who|whom|whose|when|where|how\s+(?:many|much|long|old|far|large|big|often|tall|"
    r"high|deep|wide)|what|which|in\s+what|in\s+which)\b",
    re.I,
)


_FILLERS = frozenset("is was are were did does do the a an of kind type sort name names".split())
_VERBS = frozenset(
    "is was are were did does do will would can could should has have had may might must".split()
)


def question_type(question: str) -> EntityKind:
    """The kind of entity that answers `question`: person, place, date, number or other."""
    return analyse_question(question)[0]


def answer_head(question: str) -> str | None:
    """The stem of the noun naming what is asked for ("cities" in "which cities ..."), if any.

    That word describes the answer, not the topic: the documents need not contain it.
    """
    return analyse_question(question)[1]


def analyse_question(question: str) -> tuple[EntityKind, str | None]:
    """The question type, and the stem of the noun naming what is asked for (or None)."""
    m = _WH.search(question.strip())
    if m is None:
        return OTHER, None
    wh = re.sub(r"\s+", " ", m.group("wh").lower())
    if wh in ("who", "whom", "whose"):
        return PERSON, None
    if wh == "when":
        return DATE, None
    if wh == "where":
        return PLACE, None
    if wh.startswith("how "):
        return NUMBER, None
    # what / which / in what: the noun phrase right after, up to its verb ("which [japanese
    # leaders] was").
    rest = re.findall(r"[a-z]+", question.strip()[m.end() :].lower())
    while rest and rest[0] in _FILLERS:
        rest.pop(0)
    for word in rest[:3]:
        if word in _VERBS:
            break
        kind = _HEAD_NOUNS.get(stem(word))
        if kind is not None:
            return kind, stem(word)
    return OTHER, None
