"""Regular-expression alternations built from the word lists of index/text/lexicon/."""

from __future__ import annotations

import re
from collections.abc import Iterable

from index.text.lexicon import MEETING_WORDS

# For `space`: a space in an entry matches any run of whitespace.
WHITESPACE = r"\s+"


def alternation(words: Iterable[str], space: str = " ") -> str:
    """A non-capturing group matching any one entry of a word list.

    Args:
        words: entries as written in the lexicon; an entry ending in "*" is a stem that matches
            any word it starts ("travel*" matches "travels"), other characters match literally.
        space: the pattern a space inside an entry becomes (WHITESPACE for any whitespace).

    Returns:
        `(?:...)`, longest entries first, so that an entry wins over a shorter one it starts
        with ("Sept" before "Sep"), as a greedy `Sept?` would.
    """
    return "(?:" + "|".join(_entry(w, space) for w in sorted(set(words), key=_longest_first)) + ")"


def _longest_first(word: str) -> tuple[int, str]:
    return -len(word), word


def _entry(word: str, space: str) -> str:
    return space.join(
        re.escape(part[:-1]) + r"\w*" if part.endswith("*") else re.escape(part)
        for part in word.split(" ")
    )


# A word of meeting someone ("met", "talks", "bilateral" ...: lexicon MEETING_WORDS).
MEETING = re.compile(rf"\b{alternation(MEETING_WORDS)}\b", re.I)
