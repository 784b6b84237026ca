""" "What about Tokyo?", "And in 2021?", "what about the irish foreign minister?": the last
question with one detail swapped for the one a follow-up names (index/query/followup.py reads
which follow-up a message is).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date

from index.query.demonyms import is_country_adjective
from index.text.asked_time import TimeQuery, parse_query_time, strip_time
from index.text.lexicon import STOPWORDS
from index.text.lexicon.calendar import (
    BARE_DAY_FOLLOWERS,
    BARE_DAY_PREPOSITIONS,
    MONTHS,
    ORDINAL_SUFFIXES,
)
from index.text.lexicon.grammar import DEMONYM_TAILS
from index.text.lexicon.requests import (
    CONTINENTS,
    DETERMINERS,
    ONE_WORDS,
    REGIONS,
    TIME_LEAD_WORDS,
)
from index.text.patterns import alternation
from index.text.places import gazetteer
from index.text.tokens import analyze

_TIME_PREPOSITION = re.compile(rf"^{alternation(TIME_LEAD_WORDS)}\b", re.I)
# A day with no year, the chat's time gives it: "May 18", "18 May", "the 19th", "on the 19th".
_ORDINAL = r"(?:st|nd|rd|th)?"
_MONTH = alternation(sorted(MONTHS))
_DAY_ONLY = re.compile(
    rf"^(?:on\s+)?(?:(?P<m1>{_MONTH})\.?\s+(?P<d1>\d{{1,2}}){_ORDINAL}"
    rf"|(?:the\s+)?(?P<d2>\d{{1,2}}){_ORDINAL}(?:\s+(?:of\s+)?(?P<m2>{_MONTH}))?)$",
    re.I,
)
# "and what's he doing on the 19th?": a day without its month, after a preposition and before
# no noun ("the 19th century", "the 19th Party Congress" are no days)
_BARE_DAY = re.compile(
    rf"\b(?P<prep>{alternation(BARE_DAY_PREPOSITIONS)})\s+the\s+(?P<day>[1-9]|[12]\d|3[01])"
    rf"(?:{alternation(ORDINAL_SUFFIXES)})\b"
    rf"(?=\s*(?:[?!.,;]|$)|\s+(?:{alternation(BARE_DAY_FOLLOWERS)})\b)",
    re.I,
)
# A run of capitalised words after the first word: a name ("Counselor Chollet").
CAPITALISED = re.compile(r"(?<!^)\b[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)*")
_LOCATED = re.compile(r"^(?:in|to|at)\s+(?P<place>[^\W\d_][\w'’ -]*)$", re.I)
_WORD_BEFORE = re.compile(r"([\w'’-]+)\s+$")


def swap_detail(
    question: str,
    detail: str,
    reference: date | None = None,
    context_time: str | None = None,
    name_of: Callable[[str], str | None] | None = None,
) -> str | None:
    """`question` with `detail` in place of the detail of the same kind: a time for a time, a
    place for a place (both, for "Tokyo in 2021"), otherwise a name for the last name. The
    question keeps its time, or the chat's (`context_time`), unless `detail` names a new one.

    Args:
        question: the previous question ("Who did Blinken meet in Seoul in November 2023?").
        detail: the new detail as typed ("Tokyo", "in 2021", "Tokyo in 2021", "Kishida").
        reference: "now" for relative times.
        context_time: the time phrase the chat's context holds (the question's own, or one an
            earlier message named), kept when neither the question nor `detail` names one.
        name_of: the name `detail` gives when typed in lower case ("joly" -> "Joly").

    Returns:
        The rewritten question, or None when `detail` can't be fitted in.
    """
    detail = detail.strip().rstrip("?!.").strip()
    end = "?" if question.rstrip().endswith("?") else ""
    body = question.rstrip().rstrip("?!.").rstrip()
    known = parse_query_time(body, reference)
    if known is None and context_time:
        known = parse_query_time(context_time, reference)
    detail = dated_day(detail, known) or detail
    new_time = parse_query_time(detail, reference)
    old_time = parse_query_time(body, reference)
    if new_time is not None:
        # The new time replaces the old; whatever else the detail names is swapped in too.
        if old_time is not None:
            kept = strip_time(body, old_time).lstrip(" ,;:-")
            body = kept[:1].upper() + kept[1:] if body[:1].isupper() else kept
        rest = strip_time(detail, new_time)
        time_phrase = detail[new_time.start :].strip()
        if not _TIME_PREPOSITION.match(time_phrase):
            one_day = new_time.range.start == new_time.range.end
            time_phrase = f"{'on' if one_day else 'in'} {new_time.phrase}"
        swapped = _swap_place_or_name(body, rest, None, name_of) if rest else body
        if swapped is None:
            return None
        return f"{swapped} {time_phrase}{end}"
    swapped = _swap_place_or_name(body, detail, old_time, name_of)
    if swapped is None:
        return None
    if context_time and parse_query_time(swapped, reference) is None:
        phrase = context_time if _TIME_PREPOSITION.match(context_time) else f"in {context_time}"
        swapped = f"{swapped} {phrase}"
    return swapped + end


def dated_day(detail: str, known: TimeQuery | None) -> str | None:
    """A day typed without its year ("May 18", "the 19th": without its month too) as a dated
    phrase ("on May 18, 2022"), in the year (and month) of the `known` time of the chat; None
    when `detail` is no such day or the known time does not give what it lacks."""
    m = _DAY_ONLY.match(detail.strip())
    if m is None or known is None:
        return None
    span = known.range
    month_name = m.group("m1") or m.group("m2")
    if month_name is None and (span.start.year, span.start.month) != (
        span.end.year,
        span.end.month,
    ):
        return None  # "the 19th" of which month?
    month = MONTHS[month_name.lower().rstrip(".")] if month_name else span.start.month
    year = span.start.year if span.start.year == span.end.year else None
    try:
        day = date(year, month, int(m.group("d1") or m.group("d2"))) if year else None
    except ValueError:
        return None
    return f"on {day:%B} {day.day}, {day.year}" if day else None


def on_day_of_chat(message: str, context_time: str | None, reference: date | None) -> str:
    """`message` with a day typed without its month ("and what's he doing on the 19th?") dated
    in the month of the chat's time (`context_time`, "May 2022": "on May 19, 2022", as
    `dated_day` dates one); unchanged when the chat names no single month, or the message names
    a time of its own or no such day."""
    m = _BARE_DAY.search(message)
    if m is None or not context_time or parse_query_time(message, reference) is not None:
        return message
    dated = dated_day(f"on the {m.group('day')}", parse_query_time(context_time, reference))
    if dated is None:
        return message
    return (
        f"{message[: m.start()]}{m.group('prep')} {dated.removeprefix('on ')}{message[m.end() :]}"
    )


def _is_region(text: str) -> bool:
    """A continent or region the gazetteer also knows as a town ("Asia")."""
    return text.lower() in CONTINENTS or text.lower() in REGIONS


def _swap_place_or_name(
    body: str,
    detail: str,
    old_time: TimeQuery | None,
    name_of: Callable[[str], str | None] | None = None,
) -> str | None:
    """`body` with the place `detail` names in place of its place (added when it has none),
    else with the name `detail` in place of its last name (never inside its time phrase). A
    detail in lower case swaps in the name `name_of` finds in it ("his call with joly": Joly)."""
    gaz = gazetteer()
    new_places = [  # not a word of a longer name: "Nord Gold" is a company
        p
        for p in gaz.find(detail) or gaz.find_lower(detail)
        if not _in_longer_name(detail, p.start, p.end)
    ]
    located = _LOCATED.match(detail)
    if not new_places and located:  # "and in ramallah": after "in", a small town typed in
        new_places = gaz.find(located.group("place").title())  # lower case is a place too
    name = None
    if new_places:
        name = new_places[0].text
        name = name if name[:1].isupper() else name.title()
    elif located and name_of is not None and not located.group("place")[:1].isupper():
        # "and in rio": after "in", a name the corpus writes capitalised but the gazetteer
        # lacks ("Rio" of "Rio de Janeiro") is the place asked about now
        name = name_of(located.group("place"))
    if name is not None:
        old = gaz.find(body) or gaz.find_lower(body)
        if old:
            # Of several places of the new one's kind, the last: "... did the US announce for
            # the people of Burma" asks about Burma, the actor comes first. Of other kinds,
            # the first ("in Manila on her Asia trip": Manila).
            kind = new_places[0].place.kind if new_places else None
            same = [p for p in old if p.place.kind == kind and not _is_region(p.text)]
            o = same[-1] if same else old[0]
            return f"{body[: o.start]}{name}{body[o.end :]}"
        return f"{body} in {name}"
    headed = _swap_head(body, detail)
    if headed is not None:  # "the irish foreign minister" for "rwanda's foreign minister"
        return headed
    if not detail[:1].isupper():
        named = name_of(detail) if name_of is not None else None
        if named is None:
            return None
        detail = named
    taken = [(p.start, p.end) for p in gaz.find(body)]
    if old_time is not None:
        taken.append((old_time.start, old_time.end))
    names = [
        m
        for m in CAPITALISED.finditer(body)
        if not any(a < m.end() and m.start() < b for a, b in taken)
    ]
    if not names:
        return None
    last_name = names[-1]
    return f"{body[: last_name.start()]}{detail}{body[last_name.end() :]}"


_NAME_BEFORE = re.compile(r"[A-Z][\w’'.-]*[ \t]+$")
_NAME_AFTER = re.compile(r"[ \t]+[A-Z]")


def _in_longer_name(text: str, start: int, end: int) -> bool:
    """Whether the place at text[start:end] is a word of a longer capitalised name: "Gold" of
    "Nord Gold" (a company), "Paris" of "Paris Agreement"."""
    return bool(_NAME_BEFORE.search(text[:start]) or _NAME_AFTER.match(text[end:]))


def _swap_head(body: str, detail: str) -> str | None:
    """`body` with the phrase that ends in `detail`'s last words ("foreign minister"), with the
    words before them that only say whose or which (a determiner, a possessive, a country or
    its adjective: "rwanda's"), replaced by `detail` ("the irish foreign minister"). None when
    `detail` is only those words or `body` lacks them."""
    typed = detail.split()
    if typed[-1].lower() in ONE_WORDS:  # "the latvian one": a new "which" for the same noun
        return _swap_which(body, [w for w in typed[:-1] if not _determiner(w)])
    for k in (2, 1):
        tail = typed[-k:]
        if len(typed) <= k or any(w.lower() in STOPWORDS for w in tail):
            continue
        found = re.search(r"\b" + r"\s+".join(re.escape(w) for w in tail) + r"\b", body, re.I)
        if found is None:
            continue
        start = found.start()
        while (before := _WORD_BEFORE.search(body[:start])) and _says_which(before.group(1)):
            start = before.start(1)
        before = _WORD_BEFORE.search(body[:start])
        if before and before.group(1).lower() not in STOPWORDS and start == found.start():
            continue  # "foreign [minister]": the head is only part of another phrase
        return f"{body[:start]}{detail}{body[found.end() :]}"
    return None


def _swap_which(body: str, which: list[str]) -> str | None:
    """`body` with its first word saying whose or which (not a determiner) replaced by
    `which`: "the swedish foreign minister" with "latvian"."""
    if not which or not all(_says_which(w) for w in which):  # "the other one": no new which
        return None
    for m in re.finditer(r"[\w'’-]+", body):
        if _says_which(m.group(0)) and not _determiner(m.group(0)):
            return f"{body[: m.start()]}{' '.join(which)}{body[m.end() :]}"
    return None


def _determiner(word: str) -> bool:
    return word.lower() in DETERMINERS


def _says_which(word: str) -> bool:
    """A word before a noun that only says whose or which: "the", "rwanda's", "japanese",
    "swedish" (a country's adjective by its ending, when it is not one the gazetteer can
    derive)."""
    low = word.lower()
    if low in DETERMINERS or low.endswith(("'s", "’s")):
        return True
    if len(low) > 4 and low.endswith(DEMONYM_TAILS):
        return True
    return any(is_country_adjective(t) for t in analyze(low)) or bool(
        gazetteer().find(word) or gazetteer().find_lower(low)
    )
