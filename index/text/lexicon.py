"""Every word list docbot reads text with, each written once.

Most lists are general English or general news-writing knowledge. The few entries fitted to
this corpus carry a comment saying so, and each has a sentence in tests/text/test_lexicon.py.
"""

from __future__ import annotations

# The index keeps the short stop list bm25s ships (changing it would need a rebuild); it is
# copied here so that only index/storage/bm25.py imports bm25s.
STOPWORDS = frozenset(
    """a an and are as at be but by for if in into is it no not of on or such that the their
    then there these they this to was will with""".split()
)

# Questions are full of function words BM25 should not chase ("who", "did", "many"), so
# queries drop more.
QUERY_STOPWORDS = STOPWORDS | frozenset(
    """about above after again against all also am any because been before being below between
    both can could did do does doing done down during each few from further had has have having
    he her here hers herself him himself his how i its itself just me more most my myself nor
    now off once only other ought our ours ourselves out over own same she should so some than
    theirs them themselves those through too under until up very we were what when where which
    while who whom whose why would you your yours yourself yourselves many much""".split()
)

# -- calendar ------------------------------------------------------------------------------------
MONTH_NAMES = (
    "January February March April May June July August September October November December".split()
)
WEEKDAY_NAMES = "Monday Tuesday Wednesday Thursday Friday Saturday Sunday".split()
# Lower-cased month names and abbreviations ("sept" too) -> month number.
MONTHS: dict[str, int] = {
    **{name.lower(): i for i, name in enumerate(MONTH_NAMES, 1)},
    **{name[:3].lower(): i for i, name in enumerate(MONTH_NAMES, 1)},
    "sept": 9,
}
