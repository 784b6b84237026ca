"""The entities a sentence offers: people, places, dates, numbers and other proper names.

Sentences are scanned with regular expressions, the date parser and the GeoNames gazetteer - no
tagger model - so the answer layer can prefer sentences that hold the kind of thing a question
asks for (index/query/question.py) and emphasise exactly those words.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from index.text.dates import find_dates
from index.text.lexicon import (
    HONORIFICS,
    MONTH_NAMES,
    NAME_PARTICLES,
    NOT_NAME_WORDS,
    NUMBER_UNITS,
    NUMBER_WORD_TAILS,
    NUMBER_WORDS,
    OFFICE_TITLES,
    ORG_WORDS,
    PORTFOLIO_WORDS,
    REGION_TAILS,
    THING_NOUN_ENDINGS,
    TITLE_MODIFIERS,
    TITLES_BEFORE_NAME,
    WEEKDAY_NAMES,
)
from index.text.lexicon.grammar import ONE_AS_PRONOUN_AFTER, ONE_AS_PRONOUN_BEFORE
from index.text.patterns import LOWER, UPPER, WHITESPACE, alternation
from index.text.places import gazetteer


class EntityKind(StrEnum):
    """What a span of text names, and what a question asks for."""

    PERSON = "person"
    PLACE = "place"
    DATE = "date"
    NUMBER = "number"
    NAME = "name"  # another proper name
    OTHER = "other"  # only as a question type: nothing in particular


PERSON, PLACE, DATE, NUMBER, NAME, OTHER = (
    EntityKind.PERSON,
    EntityKind.PLACE,
    EntityKind.DATE,
    EntityKind.NUMBER,
    EntityKind.NAME,
    EntityKind.OTHER,
)


@dataclass(frozen=True)
class Entity:
    kind: EntityKind  # person, place, date, number or name
    start: int
    end: int
    text: str


_TITLE_WORDS = (
    rf"(?:{alternation(TITLE_MODIFIERS, space=WHITESPACE)}\s+)*{alternation(TITLES_BEFORE_NAME)}"
)
_OFFICES = frozenset(OFFICE_TITLES)
_WEEKDAYS = frozenset(WEEKDAY_NAMES)
_MONTHS = frozenset(MONTH_NAMES)
_CAP = (
    rf"(?:(?:[A-Z]\.){{2,}}|[{UPPER}][{LOWER}'’]+(?:-[{UPPER}{LOWER}][{LOWER}'’]+)*|[A-Z]\."
    rf"|[{UPPER}][{LOWER}]*[{UPPER}][\w'’-]*|I{{2,3}}|IV|Jr\.)"
)
_PARTICLE = alternation(NAME_PARTICLES)  # "Ahmed bin Mubarak", "Ursula von der Leyen"
_NICKNAME = r"[“\"][A-Z][\w'’.-]*[”\"]"  # "C.B. “Sully” Sullenberger", "Charles Q. “CQ” Brown"
_PORTFOLIO_WORD = alternation(PORTFOLIO_WORDS) + r"\b"
# Honorifics written with a period, which ends a run of capitalised words: "Dr" of "Dr. S.
# Jaishankar" is part of the title before the name, never a name of its own.
_ABBREVIATED = tuple(h for h in HONORIFICS if h.endswith("."))
_ABBREVIATED_NAMES = frozenset(h.rstrip(".") for h in _ABBREVIATED)
_NAME_AFTER_TITLE = re.compile(
    rf"(?P<title>\b(?i:{_TITLE_WORDS})(?:[ \t]+(?:of|for|to)[ \t]+(?:the[ \t]+)?{_PORTFOLIO_WORD}"
    rf"(?:[ \t]+(?:and[ \t]+)?{_PORTFOLIO_WORD})*){{0,3}}(?:[ \t]+{alternation(_ABBREVIATED)})?)"
    rf"[ \t]+(?P<name>{_CAP}(?:[ \t]+(?:{_PARTICLE}[ \t]+){{0,2}}(?:{_NICKNAME}|{_CAP})){{0,4}})"
)
_CONTRACTION = re.compile(r"[’'](?:m|re|ve|ll|d)\b")  # "I’ll", "So I'm": speech, no name
_CAP_RUN = re.compile(rf"{_CAP}(?:[ \t]+(?:{_PARTICLE}[ \t]+)?{_CAP})*")
_NUMBER = re.compile(
    r"(?:[$£€¥]\s?)?\b\d{1,3}(?:,\d{3})+(?:\.\d+)?\b|(?:[$£€¥]\s?)?\b\d+(?:\.\d+)?(?:bn|m|k)?\b"
    rf"(?:\s?(?:%|{alternation(NUMBER_UNITS, space=WHITESPACE)}))?"
    rf"|\b{alternation(NUMBER_WORDS)}\b(?:[\s-]+{alternation(NUMBER_WORD_TAILS)})*",
    re.I,
)
# A time of day: "12:00 p.m.", "9:30am", "14:45".
_CLOCK_TIME = re.compile(r"\b(?:[01]?\d|2[0-3]):[0-5]\d(?:\s?[ap]\.?m\b\.?)?", re.I)
_ONE_AFTER = re.compile(rf"\s+{alternation(ONE_AS_PRONOUN_AFTER)}\b", re.I)
_ONE_BEFORE = re.compile(rf"\b{alternation(ONE_AS_PRONOUN_BEFORE)}\s+$", re.I)


def _pronoun_one(text: str, m: re.Match[str]) -> bool:
    """A "one" that stands for a thing or a person ("one of the most vital things", "no one"),
    or a rank ("the number one priority"), not a count: no answer to "how many"."""
    return m.group(0).lower() == "one" and bool(
        _ONE_AFTER.match(text, m.end()) or _ONE_BEFORE.search(text, 0, m.start())
    )


def _strip_portfolio(name: str) -> str:
    """'Defense Nobuo Kishi' -> 'Nobuo Kishi': drop leading portfolio words left in a name."""
    words = name.split()
    while words and (words[0].strip(",") in PORTFOLIO_WORDS or words[0].lower() in ("of", "for")):
        words.pop(0)
    return " ".join(words)


def _people(text: str) -> list[Entity]:
    """People named after a title ("Foreign Minister Park Jin", "foreign minister Chung")."""
    out: list[Entity] = []
    for m in _NAME_AFTER_TITLE.finditer(text):
        name = m.group("name")
        if not name[:1].isupper():
            continue
        stripped = _strip_portfolio(name)
        if not stripped:
            continue
        # cut at the first word that starts a new clause or an organisation
        words = []
        for w in stripped.split():
            if w in NOT_NAME_WORDS or w in ORG_WORDS or w in _WEEKDAYS or w in _MONTHS:
                break
            words.append(w)
        if not words:
            continue
        name = " ".join(words).rstrip(",.’'")
        if name.endswith("’s") or name.endswith("'s"):
            name = name[:-2]
        if name.isupper() or _CONTRACTION.search(name):
            continue  # a speaker label ("NICHOLS") or speech ("So I'm"), not a name
        start = m.start("name") + len(m.group("name")) - len(m.group("name").lstrip())
        start = text.index(name, m.start("name")) if name in text[m.start("name") :] else start
        out.append(Entity(PERSON, start, start + len(name), name))
    return out


_ANY_DAY = date(2000, 1, 3)


def find_entities(text: str, reference: date | None = None) -> list[Entity]:
    """People, places, dates, numbers and other proper names in `text`, in text order.

    Args:
        text: a sentence or passage.
        reference: the document's date, to place "July 26-29" and weekdays in time.

    Returns:
        Non-overlapping entities; when two overlap, the earlier kind in the order date, person,
        place, number, name wins.
    """
    found: list[Entity] = []
    taken: list[tuple[int, int]] = []

    def add(ent: Entity) -> None:
        if ent.end <= ent.start or any(ent.start < e and s < ent.end for s, e in taken):
            return
        taken.append((ent.start, ent.end))
        found.append(ent)

    # Without the document's date, "July 26-29" and "Tuesday" are still dates, just unplaced:
    # any reference year will do for spotting them.
    for d in find_dates(text, reference or _ANY_DAY):
        add(Entity(DATE, d.start, d.end, d.text))
    for m in _CLOCK_TIME.finditer(text):  # "from 12:00 p.m. to 1:30 p.m.": a time, no count
        add(Entity(DATE, m.start(), m.end(), m.group(0)))
    people = _people(text)
    for p in people:
        add(p)
    person_words = frozenset(w.lower() for p in people for w in p.text.split())
    for pm in gazetteer().find(text, exclude=person_words):
        add(Entity(PLACE, pm.start, pm.end, pm.text))
    for m in _NUMBER.finditer(text):
        if not _pronoun_one(text, m):
            add(Entity(NUMBER, m.start(), m.end(), m.group(0)))
    for m in _CAP_RUN.finditer(text):
        s, run = m.start(), m.group(0)
        words = run.split()
        while words and (
            words[0] in NOT_NAME_WORDS or words[0] in _MONTHS or _CONTRACTION.search(words[0])
        ):
            s += len(words[0]) + 1
            words.pop(0)
        if words[-1:] and words[-1] in _ABBREVIATED_NAMES and text[m.end() : m.end() + 1] == ".":
            words.pop()  # "Dr" of "Affairs Dr. Karen Donfried": a title, the name follows
        if not words:
            continue
        run = " ".join(words)
        at_sentence_start = not text[:s].strip() or text[:s].rstrip()[-1:] in '.!?"“:'
        if at_sentence_start and len(words) == 1:
            continue  # a capitalised first word says nothing
        bare = [_bare(w) for w in words]  # "Administration’s" is "Administration"
        if any(w in _OFFICES for w in bare) or all(
            w in PORTFOLIO_WORDS or w in ORG_WORDS or w in _WEEKDAYS for w in bare
        ):
            continue  # "Secretary", "Japan's Minister", "Department": titles and offices
        # "Human Rights Moushira Khattab", "Palestinian Affairs Hady Amr": the end of an
        # office's name, then a person; the person starts after its last office word.
        lead = next(
            (
                i + 1
                for i in range(len(words) - 3, -1, -1)
                if words[i] in PORTFOLIO_WORDS or words[i] in ORG_WORDS
            ),
            0,
        )
        if lead > 0 and not _looks_like_person(words) and _looks_like_person(words[lead:]):
            s += sum(len(w) + 1 for w in words[:lead])
            words = words[lead:]
            run = " ".join(words)
        kind = PERSON if _looks_like_person(words) else NAME
        add(Entity(kind, s, s + len(run), run))
    found.sort(key=lambda e: e.start)
    return found


def _looks_like_person(words: list[str]) -> bool:
    """Two or three plain capitalised words, none an organisation word nor an abstract noun
    (`THING_NOUN_ENDINGS`), not ending as a region's name does (`REGION_TAILS`): 'Lloyd
    Austin', not 'Russian Federation', 'Press Availability' or 'West Africa'."""
    if not 2 <= len(words) <= 3 or _bare(words[-1]) in REGION_TAILS:
        return False
    return all(
        _bare(w) not in ORG_WORDS
        and _bare(w) not in PORTFOLIO_WORDS
        and _bare(w) not in _OFFICES
        and not _bare(w).lower().endswith(THING_NOUN_ENDINGS)
        and w[:1].isupper()
        and not w.isupper()
        for w in words
    )


_POSSESSIVES = ("’s", "'s")


def is_possessive(text: str, ent: Entity) -> bool:
    """Whether `ent` is written as a possessive in `text` ("Putin's war", "King Mohammed VI’s
    reform agenda"): a name owning something, not someone met or spoken to."""
    return ent.text.endswith(_POSSESSIVES) or text[ent.end : ent.end + 2] in _POSSESSIVES


def _bare(word: str) -> str:
    """A word without its possessive: "Administration’s" -> "Administration"."""
    return word[:-2] if word.endswith(_POSSESSIVES) else word
