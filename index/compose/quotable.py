"""Which of a document's lines a summary or a trip's lead may quote: not a question, a lead-in,
the release speaking of itself, a link, a fragment, an attribution, or a list's label and its
value (compose/summary.py, compose/trip_documents.py)."""

from __future__ import annotations

import re

from index.text.lexicon import SELF_REFERENCE_PHRASES
from index.text.patterns import WHITESPACE, alternation

MIN_LIST_CLAUSE = 80  # a list's item this long is a clause a summary may quote
LABEL_CHARS = 40  # a colon this early in an item ends its label ("Japan: H.E. ...")

_SELF_REFERENCE = re.compile(r"\b" + alternation(SELF_REFERENCE_PHRASES, WHITESPACE) + r"\b", re.I)


def introduces_text(text: str) -> bool:
    """A release's line about itself or what follows ("The text of the following statement was
    released by ...", "Begin Text:"), not the text itself."""
    t = text.strip()
    return t.endswith(":") or _SELF_REFERENCE.search(t) is not None


def usable_sentence(text: str) -> bool:
    """Not a question, a lead-in ("The below is attributable to ...:"), the release speaking
    of itself ("The text of the following statement was released by ..."), a link or a
    fragment. A line opened by a dash is an attribution ("– President Biden, June 11") or a
    list's item; an item is usable when it is a long clause ("- Condemned the Taliban's
    decision ..."), not a label and its value ("- Japan: H.E. Suematsu, Minister of ...",
    "- 10:30 a.m. ...")."""
    t = text.strip()
    if t.startswith("- "):
        t = t[2:]
        if len(t) < MIN_LIST_CLAUSE or ":" in t[:LABEL_CHARS]:
            return False
    return (
        len(t) > 40
        and not t.endswith(("?", ":"))
        and "http" not in t
        and not t.startswith(("–", "-"))
        and _SELF_REFERENCE.search(t) is None
    )
