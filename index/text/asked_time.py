"""The time a question names: "in November 2023", "last February", "2022", "early 2022".

Questions name times loosely; `parse_query_time` resolves the first (most specific) one to a
range of days, relative ones against a reference date (the newest document's). Pure string and
calendar work: no index, no model.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from index.text.dates import (
    DAY_RE,
    MONTH_RE,
    YEAR_RE,
    DateRange,
    day_number,
    month_number,
    month_range,
    months_range,
    safe_date,
    year_range,
)
from index.text.lexicon import (
    DAY_PREPOSITIONS,
    MONTH_PARTS,
    MONTH_PREPOSITIONS,
    RELATIVE_TIME_WORDS,
    SEASONS,
    TIME_PREPOSITIONS,
    YEAR_PARTS,
)
from index.text.patterns import alternation

_RELATIVE = alternation(RELATIVE_TIME_WORDS)


@dataclass(frozen=True)
class TimeQuery:
    """The time a question names, and where in the question it is named."""

    range: DateRange
    start: int
    end: int
    phrase: str


_Q_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    (
        "between",
        re.compile(
            rf"\b(?:between|from)\s+(?P<m1>{MONTH_RE})\s+(?:and|to|-|–)\s+(?P<m2>{MONTH_RE}),?\s+"
            rf"(?P<y>{YEAR_RE})\b",
            re.I,
        ),
    ),
    ("dated", re.compile(rf"\b(?P<y>{YEAR_RE})-(?P<m>0[1-9]|1[0-2])(?:-(?P<d>[0-3]\d))?\b")),
    (
        "mdy",
        re.compile(rf"\b(?P<m>{MONTH_RE})\s+(?P<d>{DAY_RE}),?\s+(?P<y>{YEAR_RE})\b", re.I),
    ),
    (
        "dmy",
        re.compile(
            rf"\b(?P<d>{DAY_RE})\s+(?:of\s+)?(?P<m>{MONTH_RE}),?\s+(?P<y>{YEAR_RE})\b", re.I
        ),
    ),
    (  # "March 2022", "early March 2022" (`MONTH_PARTS`)
        "my",
        re.compile(
            rf"\b(?:(?P<part>{alternation(MONTH_PARTS)})[\s-]+)?(?P<m>{MONTH_RE}),?\s+"
            rf"(?:of\s+)?(?P<y>{YEAR_RE})\b",
            re.I,
        ),
    ),
    (
        "season",
        re.compile(rf"\b(?P<s>{alternation(SEASONS)})\s+(?:of\s+)?(?P<y>{YEAR_RE})\b", re.I),
    ),
    (
        "part",
        re.compile(rf"\b(?P<p>{alternation(YEAR_PARTS)})[\s-]+(?P<y>{YEAR_RE})\b", re.I),
    ),
    ("year", re.compile(rf"(?<![\d$£€.])\b(?P<y>{YEAR_RE})\b(?![\d%])")),
    (
        "relmonth",
        # "last February", "last feb" (an abbreviation too: after "last", a month)
        re.compile(rf"\b(?P<rel>{_RELATIVE})\s+(?P<m>{MONTH_RE})(?!\w)", re.I),
    ),
    (
        "relunit",
        re.compile(rf"\b(?P<rel>{_RELATIVE})\s+(?P<u>year|month|week)\b", re.I),
    ),
    (  # "in april 22": after "in", a month's two-digit number is its year, as typed in chat
        "my2",
        re.compile(rf"\bin\s+(?P<m>{MONTH_RE})\s+'?(?P<y>\d\d)\b(?!\s*,?\s*\d)", re.I),
    ),
    (  # "her feb 23 call", "on March 7th": a day with no year, in the latest such month (not
        # a span of days: "the March 7-9 trip")
        "monthday",
        re.compile(rf"\b(?P<m>{MONTH_RE})\s+(?P<d>{DAY_RE})\b(?!\s*[,–+-]?\s*\d)", re.I),
    ),
    (  # "in March", "in early March" (a part of a month asks for its days, `MONTH_PARTS`),
        # "in aug" as chat types it
        "month",
        re.compile(
            rf"\b{alternation(MONTH_PREPOSITIONS)}\s+(?P<part>(?:{alternation(MONTH_PARTS)})[\s-]+)?"
            rf"(?P<m>{MONTH_RE})(?!\w)",
            re.I,
        ),
    ),
]


def _most_recent_month(month: int, ref: date, strictly_before: bool) -> DateRange:
    """The latest `month` at or before (or strictly before) the reference month."""
    year = ref.year
    if month > ref.month or (strictly_before and month == ref.month):
        year -= 1
    return month_range(year, month)


def _query_range(kind: str, m: re.Match[str], ref: date | None) -> DateRange | None:
    """Resolve one question time expression; relative ones need the reference date."""
    g = m.groupdict()
    if kind == "between":
        a, b = month_number(g["m1"]), month_number(g["m2"])
        return months_range(int(g["y"]), min(a, b), max(a, b))
    if kind == "dated":
        y, mo = int(g["y"]), int(g["m"])
        if g.get("d"):
            d = safe_date(y, mo, int(g["d"]))
            return DateRange(d, d) if d else None
        return month_range(y, mo)
    if kind in ("mdy", "dmy"):
        d = safe_date(int(g["y"]), month_number(g["m"]), day_number(g["d"]))
        return DateRange(d, d) if d else None
    if kind == "my":
        return month_range(int(g["y"]), month_number(g["m"]))
    if kind == "my2":
        return month_range(2000 + int(g["y"]), month_number(g["m"]))
    if kind == "season":
        first, last = SEASONS[g["s"].lower()]
        return months_range(int(g["y"]), first, last)
    if kind == "part":
        first, last = YEAR_PARTS[g["p"].lower()]
        return months_range(int(g["y"]), first, last)
    if kind == "year":
        return year_range(int(g["y"]))
    if ref is None:
        return None
    if kind == "relmonth":
        strictly = g["rel"].lower() != "this"
        return _most_recent_month(month_number(g["m"]), ref, strictly)
    if kind == "relunit":
        unit, this = g["u"].lower(), g["rel"].lower() == "this"
        if unit == "year":
            return year_range(ref.year if this else ref.year - 1)
        if unit == "month":
            if this:
                return month_range(ref.year, ref.month)
            prev = ref.replace(day=1) - timedelta(days=1)
            return month_range(prev.year, prev.month)
        start = ref - timedelta(days=ref.weekday()) - (timedelta(0) if this else timedelta(7))
        return DateRange(start, start + timedelta(days=6))
    if kind == "monthday":
        month = _most_recent_month(month_number(g["m"]), ref, strictly_before=False)
        d = safe_date(month.start.year, month.start.month, day_number(g["d"]))
        return DateRange(d, d) if d else None
    if kind == "month":
        return _most_recent_month(month_number(g["m"]), ref, strictly_before=False)
    return None


def parse_query_time(question: str, reference: date | None = None) -> TimeQuery | None:
    """The time span a question asks about, if it names one.

    Args:
        question: the user's question.
        reference: "now" for relative expressions ("last February", "this year"); docbot
            passes the newest document's date, so answers do not drift with the wall clock.

    Returns:
        The first (most specific) time expression, or None when the question names no time.
    """
    for kind, pattern in _Q_PATTERNS:
        for m in pattern.finditer(question):
            if (
                kind in ("month", "monthday")
                and m.group("m") == "may"
                and not m.groupdict().get("part")
                and not (kind == "monthday" and _BEFORE_DAY.search(question, 0, m.start()))
            ):
                # "in may" lower case is too often the verb ("in late may" is not), and so is
                # "may 5" before a noun ("who may 5 people meet"); not "on may 6?".
                continue
            rng = _query_range(kind, m, reference)
            if rng is not None and m.groupdict().get("part"):
                rng = rng.days(*MONTH_PARTS[m.group("part").strip(" -").lower()])
            if rng is not None:
                s, e = m.span()
                if kind == "month":  # keep the preposition in the question text
                    s = m.start("part") if m.group("part") else m.start("m")
                return TimeQuery(rng, s, e, question[s:e])
    return None


_BEFORE_DAY = re.compile(rf"\b(?:{alternation(DAY_PREPOSITIONS)})\s+$", re.I)
_DANGLING = re.compile(rf"\b{alternation(TIME_PREPOSITIONS)}\s*$", re.I)


def strip_time(question: str, tq: TimeQuery | None) -> str:
    """The question without its time phrase (and a dangling 'in'/'during'), for matching text."""
    if tq is None:
        return question
    head = _DANGLING.sub("", question[: tq.start])
    return re.sub(r"\s+", " ", (head + " " + question[tq.end :]).strip())
