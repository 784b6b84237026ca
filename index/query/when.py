"""A month named without a year, in a corpus that has it in several years.

"What will Emhoff visit on January 27?" names January without a year. docbot reads a bare month
as its latest occurrence before the newest document, which is right when the corpus has that
month once (the State Department releases have one March). In a corpus of several years (the
White House releases run from 2021 to 2026) the latest January is a guess, and a wrong one
filters out the release that answers. There the month is not a filter: its words stay in the
question, so a sentence that names the day still scores them.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from index.storage.snapshot import Snapshot
from index.text.asked_time import TimeQuery

if TYPE_CHECKING:
    from index.query.plan import QueryPlan

_YEAR = re.compile(r"\b\d{4}\b")


def ambiguous_month(snap: Snapshot, tq: TimeQuery) -> bool:
    """Whether `tq` is a single month (or a day of one) named without a year (nor "last",
    "this": those are anchored) that the corpus's documents were published in, in more than
    one year, or in none ("the elections in November", asked of releases from May to
    August): the month is then words of the question, not a filter."""
    start, end = tq.range.start, tq.range.end
    if (start.year, start.month) != (end.year, end.month) or _YEAR.search(tq.phrase):
        return False
    if len([w for w in tq.phrase.split() if not w[0].isdigit()]) > 1:
        # "last February", "this month": anchored to now ("January 27" is not)
        return False
    return len(_years_of_month(snap, start.month, enough=2)) != 1


def _years_of_month(snap: Snapshot, month: int, enough: int = 0) -> set[int]:
    """The years in which the corpus's documents were published in `month` (once `enough`
    are found, no more are looked for)."""
    years: set[int] = set()
    for doc_id in snap.docs:
        published = snap.published(doc_id)
        if published is not None and published.month == month:
            years.add(published.year)
            if len(years) == enough:
                break
    return years


def in_each_year(snap: Snapshot, plan: QueryPlan) -> list[str]:
    """The planned question once for each year the corpus has the day it names without a year
    (`QueryPlan.undated`), the year written after the day: "authorized on may 6?" ->
    "authorized on may 6 2021?", "... may 6 2022?". Asked of releases from two Mays, "on may 6"
    is no filter (`ambiguous_month`), and the release of that day is lost among the others of
    the same words; asked with a year it is found. Empty when the question names no such day
    (a month alone is too wide to guess between)."""
    tq = plan.undated
    if tq is None or tq.range.start != tq.range.end:
        return []
    head, tail = plan.text[: tq.end], plan.text[tq.end :]
    return [f"{head} {year}{tail}" for year in sorted(_years_of_month(snap, tq.range.start.month))]
