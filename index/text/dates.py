"""Dates: ranges of days, and the dates a document's text mentions.

Documents carry an ISO publication date and mention dates in prose ("from November 2 to 10,
2023", "On Tuesday"); the time a question names is read in `asked_time`. Everything here is
pure string and calendar work: no index, no model.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta

from index.text.lexicon import (
    MONTH_ABBREVIATIONS,
    MONTH_NAMES,
    MONTHS,
    WEEKDAY_NAMES,
    WEEKDAYS,
)
from index.text.patterns import alternation

MONTH_RE = alternation(MONTH_NAMES + MONTH_ABBREVIATIONS) + r"\.?"
DAY_RE = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
YEAR_RE = r"(?:19|20)\d\d"
_DASH = r"\s*(?:-|–|—|to|through|until|and)\s*"
_WEEKDAY = alternation(WEEKDAY_NAMES)


@dataclass(frozen=True)
class DateRange:
    """An inclusive range of calendar days."""

    start: date
    end: date

    def contains(self, day: date) -> bool:
        return self.start <= day <= self.end

    def contains_range(self, other: DateRange) -> bool:
        return self.start <= other.start and other.end <= self.end

    def overlaps(self, other: DateRange) -> bool:
        return self.start <= other.end and other.start <= self.end

    def widened(self, days: int) -> DateRange:
        """The range grown by `days` on both sides."""
        delta = timedelta(days=days)
        return DateRange(self.start - delta, self.end + delta)

    def days(self, first: int, last: int) -> DateRange:
        """Days `first` to `last` of the range's month ("early March": March 1 to 15)."""
        end = self.end.replace(day=min(last, self.end.day))
        return DateRange(self.start.replace(day=first), end)

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


def month_number(token: str) -> int:
    return MONTHS[token.lower().rstrip(".")]


def day_number(token: str) -> int:
    return int(re.sub(r"\D", "", token))


def safe_date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


# -- dates in document text --------------------------------------------------------------------

_TEXT_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("iso", re.compile(rf"\b(?P<y>{YEAR_RE})-(?P<m>0[1-9]|1[0-2])-(?P<d>[0-3]\d)\b")),
    # November 2 to December 1, 2023 / November 2 - December 1
    (
        "md-md",
        re.compile(
            rf"\b(?P<m1>{MONTH_RE})\s+(?P<d1>{DAY_RE}){_DASH}(?P<m2>{MONTH_RE})\s+(?P<d2>{DAY_RE})"
            rf"(?:,?\s+(?P<y>{YEAR_RE}))?\b"
        ),
    ),
    # November 2 to 10, 2023 / July 26-29 / May 21-24
    (
        "md-d",
        re.compile(
            rf"\b(?P<m>{MONTH_RE})\s+(?P<d1>{DAY_RE}){_DASH}(?P<d2>{DAY_RE})(?:,?\s+(?P<y>{YEAR_RE}))?\b"
        ),
    ),
    # 2 to 10 November 2023
    (
        "d-dm",
        re.compile(
            rf"\b(?P<d1>{DAY_RE}){_DASH}(?P<d2>{DAY_RE})\s+(?P<m>{MONTH_RE})(?:,?\s+(?P<y>{YEAR_RE}))?\b"
        ),
    ),
    # November 2, 2023 / November 2
    ("md", re.compile(rf"\b(?P<m>{MONTH_RE})\s+(?P<d>{DAY_RE})(?:,?\s+(?P<y>{YEAR_RE}))?\b(?!:)")),
    # 2 November 2023
    (
        "dm",
        re.compile(rf"\b(?P<d>{DAY_RE})\s+(?:of\s+)?(?P<m>{MONTH_RE})(?:,?\s+(?P<y>{YEAR_RE}))?\b"),
    ),
    # November 2023
    ("my", re.compile(rf"\b(?P<m>{MONTH_RE}),?\s+(?P<y>{YEAR_RE})\b")),
    ("weekday", re.compile(rf"\b(?P<w>{_WEEKDAY})\b")),
    ("year", re.compile(rf"(?<![\d$£€.,-])\b(?P<y>{YEAR_RE})\b(?![\d%]|-\d|\.\d)")),
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
        d = safe_date(int(g["y"]), int(g["m"]), int(g["d"]))
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
        return month_range(y, month_number(g["m"]))
    if kind in ("md", "dm"):
        d = safe_date(y, month_number(g["m"]), day_number(g["d"]))
        return DateRange(d, d) if d else None
    if kind in ("md-d", "d-dm"):
        mo = month_number(g["m"])
        a, b = safe_date(y, mo, day_number(g["d1"])), safe_date(y, mo, day_number(g["d2"]))
        return DateRange(a, b) if a and b and a <= b else None
    if kind == "md-md":
        a = safe_date(y, month_number(g["m1"]), day_number(g["d1"]))
        b = safe_date(y, month_number(g["m2"]), day_number(g["d2"]))
        if a and b and b < a:  # December 30 to January 2 crosses a year
            b = safe_date(y + 1, b.month, b.day)
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
            if reference is not None and not m.groupdict().get("y") and kind != "weekday":
                rng = _looking_back(text, s, rng, reference)
            taken.append((s, e))
            exact = kind not in ("my", "year")
            found.append(DateMention(s, e, m.group(0), rng, exact))
    found.sort(key=lambda x: x.start)
    return found


_SINCE = re.compile(r"\bsince\s+(?:the\s+)?$", re.I)


def _looking_back(text: str, start: int, rng: DateRange, reference: date) -> DateRange:
    """A yearless date after "since" is in the past: "since July 11" in a release of June
    2022 is July 11, 2021, not the July 11 the release's year still has to come."""
    if rng.start <= reference or not _SINCE.search(text, max(0, start - 12), start):
        return rng
    a = safe_date(rng.start.year - 1, rng.start.month, rng.start.day)
    b = safe_date(rng.end.year - 1, rng.end.month, rng.end.day)
    return DateRange(a, b) if a and b else rng


def _looks_like_may_verb(text: str, m: re.Match[str]) -> bool:
    """'may 5' in lower case is more likely the verb than the month."""
    return m.group("m").startswith("may") and not m.group("m")[0].isupper()
