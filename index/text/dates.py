"""Dates: the time a question names, and the dates a document's text mentions.

Questions name times loosely ("in November 2023", "last February", "2022"); documents carry an
ISO publication date and mention dates in prose ("from November 2 to 10, 2023", "On Tuesday").
Everything here is pure string and calendar work: no index, no model.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta

from index.text.lexicon import (
    MONTH_ABBREVIATIONS,
    MONTH_NAMES,
    MONTH_PREPOSITIONS,
    MONTHS,
    RELATIVE_TIME_WORDS,
    SEASONS,
    TIME_PREPOSITIONS,
    WEEKDAY_NAMES,
    WEEKDAYS,
    YEAR_PARTS,
)
from index.text.patterns import alternation

_MONTH = alternation(MONTH_NAMES + MONTH_ABBREVIATIONS) + r"\.?"
_FULL_MONTH = alternation(MONTH_NAMES)
_DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
_YEAR = r"(?:19|20)\d\d"
_DASH = r"\s*(?:-|–|—|to|through|until|and)\s*"
_WEEKDAY = alternation(WEEKDAY_NAMES)
_RELATIVE = alternation(RELATIVE_TIME_WORDS)


@dataclass(frozen=True)
class DateRange:
    """An inclusive range of calendar days."""

    start: date
    end: date

    def contains(self, day: date) -> bool:
        return self.start <= day <= self.end

    def overlaps(self, other: DateRange) -> bool:
        return self.start <= other.end and other.start <= self.end

    def widened(self, days: int) -> DateRange:
        """The range grown by `days` on both sides."""
        delta = timedelta(days=days)
        return DateRange(self.start - delta, self.end + delta)

    @property
    def label(self) -> str:
        return format_range(self)


@dataclass(frozen=True)
class DateMention:
    """A date expression found in a text, resolved to a range of days."""

    start: int
    end: int
    text: str
    range: DateRange
    exact_day: bool  # names a day (not only a month or a year)


@dataclass(frozen=True)
class TimeQuery:
    """The time a question names, and where in the question it is named."""

    range: DateRange
    start: int
    end: int
    phrase: str


def parse_iso(value: str | None) -> date | None:
    """`YYYY-MM-DD` (or a longer ISO timestamp) as a date; None when absent or malformed."""
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None


def month_range(year: int, month: int) -> DateRange:
    """All days of one month."""
    last = calendar.monthrange(year, month)[1]
    return DateRange(date(year, month, 1), date(year, month, last))


def months_range(year: int, first: int, last: int) -> DateRange:
    """From the first day of month `first` to the last day of month `last` of one year."""
    return DateRange(month_range(year, first).start, month_range(year, last).end)


def year_range(year: int) -> DateRange:
    return DateRange(date(year, 1, 1), date(year, 12, 31))


def format_date(day: date) -> str:
    """`17 November 2023`."""
    return f"{day.day} {MONTH_NAMES[day.month - 1]} {day.year}"


def format_range(rng: DateRange) -> str:
    """A compact human label: `2–10 November 2023`, `November 2023`, `2022`, `17 November 2023`."""
    s, e = rng.start, rng.end
    if s == e:
        return format_date(s)
    if s.month == 1 and s.day == 1 and e.month == 12 and e.day == 31:
        return str(s.year) if s.year == e.year else f"{s.year}–{e.year}"
    whole_months = s.day == 1 and e.day == calendar.monthrange(e.year, e.month)[1]
    if whole_months and s.year == e.year:
        if s.month == e.month:
            return f"{MONTH_NAMES[s.month - 1]} {s.year}"
        return f"{MONTH_NAMES[s.month - 1]}–{MONTH_NAMES[e.month - 1]} {s.year}"
    if s.year == e.year and s.month == e.month:
        return f"{s.day}–{e.day} {MONTH_NAMES[s.month - 1]} {s.year}"
    if s.year == e.year:
        return f"{s.day} {MONTH_NAMES[s.month - 1]} – {format_date(e)}"
    return f"{format_date(s)} – {format_date(e)}"


def _month(token: str) -> int:
    return MONTHS[token.lower().rstrip(".")]


def _day(token: str) -> int:
    return int(re.sub(r"\D", "", token))


def _safe(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


# -- dates in document text --------------------------------------------------------------------

_TEXT_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("iso", re.compile(rf"\b(?P<y>{_YEAR})-(?P<m>0[1-9]|1[0-2])-(?P<d>[0-3]\d)\b")),
    # November 2 to December 1, 2023 / November 2 - December 1
    (
        "md-md",
        re.compile(
            rf"\b(?P<m1>{_MONTH})\s+(?P<d1>{_DAY}){_DASH}(?P<m2>{_MONTH})\s+(?P<d2>{_DAY})"
            rf"(?:,?\s+(?P<y>{_YEAR}))?\b"
        ),
    ),
    # November 2 to 10, 2023 / July 26-29 / May 21-24
    (
        "md-d",
        re.compile(
            rf"\b(?P<m>{_MONTH})\s+(?P<d1>{_DAY}){_DASH}(?P<d2>{_DAY})(?:,?\s+(?P<y>{_YEAR}))?\b"
        ),
    ),
    # 2 to 10 November 2023
    (
        "d-dm",
        re.compile(
            rf"\b(?P<d1>{_DAY}){_DASH}(?P<d2>{_DAY})\s+(?P<m>{_MONTH})(?:,?\s+(?P<y>{_YEAR}))?\b"
        ),
    ),
    # November 2, 2023 / November 2
    ("md", re.compile(rf"\b(?P<m>{_MONTH})\s+(?P<d>{_DAY})(?:,?\s+(?P<y>{_YEAR}))?\b(?!:)")),
    # 2 November 2023
    ("dm", re.compile(rf"\b(?P<d>{_DAY})\s+(?:of\s+)?(?P<m>{_MONTH})(?:,?\s+(?P<y>{_YEAR}))?\b")),
    # November 2023
    ("my", re.compile(rf"\b(?P<m>{_MONTH}),?\s+(?P<y>{_YEAR})\b")),
    ("weekday", re.compile(rf"\b(?P<w>{_WEEKDAY})\b")),
    ("year", re.compile(rf"(?<![\d$£€.,-])\b(?P<y>{_YEAR})\b(?![\d%]|-\d|\.\d)")),
]


def _resolve_weekday(weekday: int, reference: date) -> date:
    """The first such weekday after `reference`: news announces what comes next."""
    ahead = (weekday - reference.weekday()) % 7 or 7
    return reference + timedelta(days=ahead)


def _mention(kind: str, m: re.Match[str], year: int | None, ref: date | None) -> DateRange | None:
    """Resolve one regex match to a range of days; None when it cannot be placed in time."""
    g = m.groupdict()
    y = int(g["y"]) if g.get("y") else year
    if kind == "iso":
        d = _safe(int(g["y"]), int(g["m"]), int(g["d"]))
        return DateRange(d, d) if d else None
    if kind == "year":
        return year_range(int(g["y"]))
    if kind == "weekday":
        if ref is None:
            return None
        d = _resolve_weekday(WEEKDAYS[g["w"].lower()], ref)
        return DateRange(d, d)
    if y is None:
        return None
    if kind == "my":
        return month_range(y, _month(g["m"]))
    if kind in ("md", "dm"):
        d = _safe(y, _month(g["m"]), _day(g["d"]))
        return DateRange(d, d) if d else None
    if kind in ("md-d", "d-dm"):
        mo = _month(g["m"])
        a, b = _safe(y, mo, _day(g["d1"])), _safe(y, mo, _day(g["d2"]))
        return DateRange(a, b) if a and b and a <= b else None
    if kind == "md-md":
        a = _safe(y, _month(g["m1"]), _day(g["d1"]))
        b = _safe(y, _month(g["m2"]), _day(g["d2"]))
        if a and b and b < a:  # December 30 to January 2 crosses a year
            b = _safe(y + 1, b.month, b.day)
        return DateRange(a, b) if a and b and a <= b else None
    return None


def find_dates(text: str, reference: date | None = None) -> list[DateMention]:
    """Date expressions in `text`, longest first when they overlap, in text order.

    Args:
        text: any text.
        reference: the document's date; supplies the year of "July 26-29" and anchors weekdays
            ("On Tuesday" is the first Tuesday after it).

    Returns:
        Non-overlapping mentions sorted by position. Expressions that cannot be placed in time
        (a month and day without a year and no reference) are left out.
    """
    year = reference.year if reference else None
    taken: list[tuple[int, int]] = []
    found: list[DateMention] = []
    for kind, pattern in _TEXT_PATTERNS:
        for m in pattern.finditer(text):
            s, e = m.span()
            if any(s < te and ts < e for ts, te in taken):
                continue
            if kind == "md" and m.group("d") and _looks_like_may_verb(text, m):
                continue
            rng = _mention(kind, m, year, reference)
            if rng is None:
                continue
            taken.append((s, e))
            exact = kind not in ("my", "year")
            found.append(DateMention(s, e, m.group(0), rng, exact))
    found.sort(key=lambda x: x.start)
    return found


def _looks_like_may_verb(text: str, m: re.Match[str]) -> bool:
    """'may 5' in lower case is more likely the verb than the month."""
    return m.group("m").startswith("may") and not m.group("m")[0].isupper()


# -- the time a question names -----------------------------------------------------------------

_Q_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    (
        "between",
        re.compile(
            rf"\b(?:between|from)\s+(?P<m1>{_MONTH})\s+(?:and|to|-|–)\s+(?P<m2>{_MONTH}),?\s+"
            rf"(?P<y>{_YEAR})\b",
            re.I,
        ),
    ),
    ("dated", re.compile(rf"\b(?P<y>{_YEAR})-(?P<m>0[1-9]|1[0-2])(?:-(?P<d>[0-3]\d))?\b")),
    (
        "mdy",
        re.compile(rf"\b(?P<m>{_MONTH})\s+(?P<d>{_DAY}),?\s+(?P<y>{_YEAR})\b", re.I),
    ),
    (
        "dmy",
        re.compile(rf"\b(?P<d>{_DAY})\s+(?:of\s+)?(?P<m>{_MONTH}),?\s+(?P<y>{_YEAR})\b", re.I),
    ),
    ("my", re.compile(rf"\b(?P<m>{_MONTH}),?\s+(?:of\s+)?(?P<y>{_YEAR})\b", re.I)),
    (
        "season",
        re.compile(rf"\b(?P<s>{alternation(SEASONS)})\s+(?:of\s+)?(?P<y>{_YEAR})\b", re.I),
    ),
    (
        "part",
        re.compile(rf"\b(?P<p>{alternation(YEAR_PARTS)})[\s-]+(?P<y>{_YEAR})\b", re.I),
    ),
    ("year", re.compile(rf"(?<![\d$£€.])\b(?P<y>{_YEAR})\b(?![\d%])")),
    (
        "relmonth",
        re.compile(rf"\b(?P<rel>{_RELATIVE})\s+(?P<m>{_FULL_MONTH})\b", re.I),
    ),
    (
        "relunit",
        re.compile(rf"\b(?P<rel>{_RELATIVE})\s+(?P<u>year|month|week)\b", re.I),
    ),
    (  # "in March", "in early March" (a part of a month asks for the month)
        "month",
        re.compile(
            rf"\b{alternation(MONTH_PREPOSITIONS)}\s+(?P<part>(?:{alternation(YEAR_PARTS)})[\s-]+)?"
            rf"(?P<m>{_FULL_MONTH})\b",
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
        a, b = _month(g["m1"]), _month(g["m2"])
        return months_range(int(g["y"]), min(a, b), max(a, b))
    if kind == "dated":
        y, mo = int(g["y"]), int(g["m"])
        if g.get("d"):
            d = _safe(y, mo, int(g["d"]))
            return DateRange(d, d) if d else None
        return month_range(y, mo)
    if kind in ("mdy", "dmy"):
        d = _safe(int(g["y"]), _month(g["m"]), _day(g["d"]))
        return DateRange(d, d) if d else None
    if kind == "my":
        return month_range(int(g["y"]), _month(g["m"]))
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
        return _most_recent_month(_month(g["m"]), ref, strictly)
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
    if kind == "month":
        return _most_recent_month(_month(g["m"]), ref, strictly_before=False)
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
            if kind == "month" and m.group("m") == "may" and not m.group("part"):
                continue  # "in may" lower case is too often the verb ("in late may" is not)
            rng = _query_range(kind, m, reference)
            if rng is not None:
                s, e = m.span()
                if kind == "month":  # keep the preposition in the question text
                    s = m.start("part") if m.group("part") else m.start("m")
                return TimeQuery(rng, s, e, question[s:e])
    return None


_DANGLING = re.compile(rf"\b{alternation(TIME_PREPOSITIONS)}\s*$", re.I)


def strip_time(question: str, tq: TimeQuery | None) -> str:
    """The question without its time phrase (and a dangling 'in'/'during'), for matching text."""
    if tq is None:
        return question
    head = _DANGLING.sub("", question[: tq.start])
    return re.sub(r"\s+", " ", (head + " " + question[tq.end :]).strip())
