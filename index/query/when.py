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

from index.storage.snapshot import Snapshot
from index.text.asked_time import TimeQuery

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
    years = set()
    for doc_id in snap.docs:
        published = snap.published(doc_id)
        if published is not None and published.month == start.month:
            years.add(published.year)
            if len(years) > 1:
                return True
    return not years
