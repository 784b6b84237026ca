"""Month, weekday and season words: what dates are written with."""

from __future__ import annotations

# -- months and weekdays -------------------------------------------------------------------------
MONTH_NAMES = tuple(
    "January February March April May June July August September October November December".split()
)
# The abbreviations news writes ("Jan. 5", "Sept. 30"); "May" is never shortened.
MONTH_ABBREVIATIONS = tuple("Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec".split())
WEEKDAY_NAMES = tuple("Monday Tuesday Wednesday Thursday Friday Saturday Sunday".split())
# Words capitalised by the calendar's convention, never a person's name ("the November trip").
CALENDAR_WORDS = frozenset(w.lower() for w in (*MONTH_NAMES, *MONTH_ABBREVIATIONS, *WEEKDAY_NAMES))

# Lower-cased month names and abbreviations -> month number (1-12).
MONTHS: dict[str, int] = {
    **{name.lower(): i for i, name in enumerate(MONTH_NAMES, 1)},
    **{
        abbr.lower(): next(i for i, name in enumerate(MONTH_NAMES, 1) if name.startswith(abbr))
        for abbr in MONTH_ABBREVIATIONS
    },
}
# Lower-cased weekday names -> weekday number, Monday = 0 (as `date.weekday()`).
WEEKDAYS: dict[str, int] = {name.lower(): i for i, name in enumerate(WEEKDAY_NAMES)}

# -- loose times in questions ("summer 2021", "early 2022", "last February") ---------------------
# Seasons as first and last month, northern hemisphere as US news means them.
SEASONS: dict[str, tuple[int, int]] = {
    "spring": (3, 5),
    "summer": (6, 8),
    "autumn": (9, 11),
    "fall": (9, 11),
}
# Parts of a year as first and last month: "early 2022" is January to April.
YEAR_PARTS: dict[str, tuple[int, int]] = {"early": (1, 4), "mid": (5, 8), "late": (9, 12)}
# Parts of a month as first and last day, overlapping: "early March" is March 1 to 15.
MONTH_PARTS: dict[str, tuple[int, int]] = {"early": (1, 15), "mid": (6, 25), "late": (16, 31)}
# Words that make a month or a unit relative to now: "last February", "this year".
RELATIVE_TIME_WORDS = ("last", "this", "previous", "past")
# A bare month name in a question is a time only after one of these ("in May", "during March").
MONTH_PREPOSITIONS = ("in", "during", "since", "of", "on")
# Prepositions left dangling when a time phrase is cut out of a question ("trips in [2022]").
# Two lists on purpose: "from"/"for" before a bare month ("for June") are not read as a time;
# allowing them changed parse_query_time on the dev sample.
TIME_PREPOSITIONS = MONTH_PREPOSITIONS + ("from", "for")
# Prepositions after which lower-case "may" and a day's number are a date ("on may 6").
DAY_PREPOSITIONS = TIME_PREPOSITIONS + ("by", "until", "before", "after")
# "and what's he doing on the 19th?": a day typed without its month, after one of these and
# before the end or one of the next (a noun after it is no day: "the 19th century").
ORDINAL_SUFFIXES = ("st", "nd", "rd", "th")  # "19th", "2nd"
BARE_DAY_PREPOSITIONS = ("on", "for", "by", "until", "from", "since")
BARE_DAY_FOLLOWERS = ("and", "or", "in", "at", "of", "when", "while", "to", "with")
