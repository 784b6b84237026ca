"""A message asking two questions at once: "When did the partnership hold its second
ministerial, and what does the US say it supports?" Each part is its own question; the second
often leans on the first ("it", "they"), so it is asked of what answered the first
(compose/compound.py)."""

from __future__ import annotations

import re

from index.text.lexicon import AUXILIARY_VERBS, WH_WORDS
from index.text.patterns import alternation

MIN_PART_WORDS = 3  # "and when?" adds a question word, not a question: the whole is asked
_QUESTION_WORD = rf"(?:{alternation(WH_WORDS)}|how|why)"
_OPENS_QUESTION = re.compile(
    rf"^\W*(?:{_QUESTION_WORD}|{alternation(tuple(AUXILIARY_VERBS))})\b", re.I
)
# "<question>, and <wh-word> ...", "<question>? And <wh-word> ...", "<question> and also why ..."
_SECOND = re.compile(
    rf"^(?P<first>.+?)\s*[,;?]?\s+(?:and|also|plus)(?:\s+also)?\s+(?P<second>{_QUESTION_WORD}\b.+)$",
    re.I | re.S,
)
# "the difference between the plan and what Russia wants": one question joining two things
_PAIRED = re.compile(r"\b(?:between|both)\b", re.I)


def split_compound(question: str) -> tuple[str, str] | None:
    """The two questions of a compound one, each ending in "?"; None for a single question
    (or a second part too short to be a question of its own: "Who did they host, and when?")."""
    m = _SECOND.match(" ".join(question.split()))
    if m is None:
        return None
    first, second = m.group("first").rstrip(" ,;?"), m.group("second").rstrip(" ?")
    if not _OPENS_QUESTION.match(first) or _PAIRED.search(first):
        return None
    if min(len(first.split()), len(second.split())) < MIN_PART_WORDS:
        return None
    return f"{first}?", f"{second[0].upper()}{second[1:]}?"
