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

from index.text.dates import WEEKDAYS, find_dates
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
    r"(?:Vice\s+|Deputy\s+|Under\s+|Assistant\s+|Acting\s+|Prime\s+|Foreign\s+|Defen[cs]e\s+|"
    r"National\s+Security\s+|Special\s+|Senior\s+|Chief\s+|Crown\s+|Grand\s+|First\s+|"
    r"Former\s+|Executive\s+)*"
    r"(?:President|Minister|Secretary(?:-General)?|Ambassador|Envoy|Advis[oe]r|Spokesperson|"
    r"Spokesman|Spokeswoman|King|Queen|Prince|Princess|Emir|Amir|Sultan|Sheikh|Chancellor|Premier|"
    r"Governor|Senator|Representative|Mayor|Chairman|Chairwoman|Chair|Director|Commander|"
    r"Admiral|General|Administrator|Coordinator|Counselor|Pope|Cardinal|Archbishop|Judge|"
    r"Justice|Leader|Speaker|Dr\.|Mr\.|Mrs\.|Ms\.|Sir|Dame|Lord|Lady|Colonel|Captain|Lieutenant)"
)
# Words that belong to a title's portfolio ("Minister for Foreign Affairs"), not to a name.
_PORTFOLIO = frozenset(
    """Foreign Affairs External Defense Defence State Home Homeland Security National Finance
    Treasury Trade Commerce Economy Economic Interior Justice Health Energy Environment Education
    Labor Labour Agriculture Transport Transportation Culture Tourism Industry Development
    International Internal Public Political Military Cooperation Relations Planning Information
    Communications Digital Science Technology Research Immigration Migration Refugees Population
    Human Rights Democracy Arms Control Nonproliferation Counterterrorism Management Resources
    Western Hemisphere European Eurasian African Asian Pacific East Eastern Near South Central
    Global Multilateral Climate Legislative Policy Diplomacy Strategic Office Department General
    Staff Joint Chiefs Forces Army Navy Air Force Affairs Bureau Council Cabinet Ministry Minister
    Secretary Administration Services Assistant Deputy Senior Special Regional""".split()
)
_NOT_NAME = frozenset(
    """The A An This That These Those It Its He She They We I You Our Their His Her In On At To
    For From By With As Of And Or But If When While After Before During Since Until Also Both
    Each Every All Some Many Most Other Such No Not Yes Today Yesterday Tomorrow Then There Here
    However Meanwhile Although Though Because Following Lastly Finally Additionally Further
    Furthermore Moreover Subsequently Together Beyond Through Throughout Under Over About Against
    Among Between Within Without Arriving Continuing According Discussions""".split()
)
_ORG_WORDS = frozenset(
    """Department Ministry Office Bureau Council Committee Commission Agency Organization
    Organisation Union Association Institute University College School Company Corporation
    Group Forum Summit Conference Meeting Ministerial Dialogue Assembly Parliament Congress
    Senate House Court Party Bank Fund Program Programme Initiative Partnership Alliance Treaty
    Agreement Act Declaration Strategy Framework Plan Force Forces Army Navy Guard Embassy
    Consulate Mission Center Centre Foundation Network Airport Station Museum Memorial Hall
    Square Street Road Avenue Bridge Canal Sea Ocean Gulf Strait River Lake Mountains Islands
    Region Province Administration Government Nations Security Consultative Dialogue Quad Month
    Day Week Year Pride Festival Games Cup Award Prize""".split()
)
_CAP = (
    r"(?:(?:[A-Z]\.){2,}|[A-Z][a-z'’]+(?:-[A-Za-z][a-z'’]+)*|[A-Z]\.|[A-Z][a-z]*[A-Z][\w'’-]*"
    r"|I{2,3}|IV|Jr\.)"
)
_PORTFOLIO_WORD = "(?:" + "|".join(sorted(_PORTFOLIO, key=len, reverse=True)) + r")\b"
_NAME_AFTER_TITLE = re.compile(
    rf"(?P<title>\b(?i:{_TITLE_WORDS})(?:[ \t]+(?:of|for|to)[ \t]+(?:the[ \t]+)?{_PORTFOLIO_WORD}"
    rf"(?:[ \t]+(?:and[ \t]+)?{_PORTFOLIO_WORD})*)?)[ \t]+(?P<name>{_CAP}(?:[ \t]+{_CAP}){{0,4}})"
)
_CAP_RUN = re.compile(rf"{_CAP}(?:[ \t]+(?:(?:de|da|del|van|von|bin|al|el|la|le)[ \t]+)?{_CAP})*")
_NUMBER = re.compile(
    r"(?:[$£€¥]\s?)?\b\d{1,3}(?:,\d{3})+(?:\.\d+)?\b|(?:[$£€¥]\s?)?\b\d+(?:\.\d+)?(?:bn|m|k)?\b"
    r"(?:\s?(?:%|percent|per\s+cent|million|billion|trillion|thousand|hundred))?"
    r"|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|"
    r"fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|"
    r"eighty|ninety|hundred|thousand|million|billion|dozen|half|twice|thrice|first|second|third|"
    r"fourth|fifth|sixth|seventh|eighth|ninth|tenth)\b(?:[\s-]+(?:one|two|three|four|five|six|"
    r"seven|eight|nine|hundred|thousand|million|billion|percent))*",
    re.I,
)


def _strip_portfolio(name: str) -> str:
    """'Defense Nobuo Kishi' -> 'Nobuo Kishi': drop leading portfolio words left in a name."""
    words = name.split()
    while words and (words[0].strip(",") in _PORTFOLIO or words[0].lower() in ("of", "for")):
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
            if w in _NOT_NAME or w in _ORG_WORDS or w in WEEKDAY_NAMES or w in MONTH_NAMES:
                break
            words.append(w)
        if not words:
            continue
        name = " ".join(words).rstrip(",.’'")
        if name.endswith("’s") or name.endswith("'s"):
            name = name[:-2]
        if name.isupper() or re.search(r"[’'](?:m|re|ve|ll|d)\b", name):
            continue  # a speaker label ("NICHOLS") or speech ("So I'm"), not a name
        start = m.start("name") + len(m.group("name")) - len(m.group("name").lstrip())
        start = text.index(name, m.start("name")) if name in text[m.start("name") :] else start
        out.append(Entity(PERSON, start, start + len(name), name))
    return out


_ANY_DAY = date(2000, 1, 3)
_TITLES = frozenset(
    """President Minister Secretary Ambassador Envoy Advisor Adviser Spokesperson King Queen
    Chancellor Premier Governor Senator Mayor Chairman Director Commander""".split()
)
WEEKDAY_NAMES = frozenset(d.capitalize() for d in WEEKDAYS)
MONTH_NAMES = frozenset(
    "January February March April May June July August September October November December".split()
)


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
    people = _people(text)
    for p in people:
        add(p)
    person_words = frozenset(w.lower() for p in people for w in p.text.split())
    for pm in gazetteer().find(text, exclude=person_words):
        add(Entity(PLACE, pm.start, pm.end, pm.text))
    for m in _NUMBER.finditer(text):
        add(Entity(NUMBER, m.start(), m.end(), m.group(0)))
    for m in _CAP_RUN.finditer(text):
        s, run = m.start(), m.group(0)
        words = run.split()
        while words and (words[0] in _NOT_NAME or words[0] in MONTH_NAMES):
            s += len(words[0]) + 1
            words.pop(0)
        if not words:
            continue
        run = " ".join(words)
        at_sentence_start = not text[:s].strip() or text[:s].rstrip()[-1:] in '.!?"“:'
        if at_sentence_start and len(words) == 1:
            continue  # a capitalised first word says nothing
        if any(w in _TITLES for w in words) or all(
            w in _PORTFOLIO or w in _ORG_WORDS or w in WEEKDAY_NAMES for w in words
        ):
            continue  # "Secretary", "Japan's Minister", "Department": titles and offices
        kind = PERSON if _looks_like_person(words) else NAME
        add(Entity(kind, s, s + len(run), run))
    found.sort(key=lambda e: e.start)
    return found


def _looks_like_person(words: list[str]) -> bool:
    """Two or three plain capitalised words, none an organisation word: 'Lloyd Austin'."""
    if not 2 <= len(words) <= 3:
        return False
    return all(
        w not in _ORG_WORDS and w not in _PORTFOLIO and w[:1].isupper() and not w.isupper()
        for w in words
    )
