"""Regular-expression alternations built from the word lists of index/text/lexicon/."""

from __future__ import annotations

import re
from collections.abc import Iterable

from index.text.lexicon import (
    ATTRIBUTION_VERBS,
    COMPANION_WORDS,
    FUTURE_WORDS,
    LOCATIVE_WORDS,
    MEETING_WORDS,
    TITLES_OF_PEOPLE_MET,
)
from index.text.lexicon.travel import STATEMENT_TITLE_WORDS

# For `space`: a space in an entry matches any run of whitespace.
WHITESPACE = r"\s+"
# Letters for character classes, beyond ASCII: names are written "Flávio", "López", "Đặng".
# The Latin extensions mix cases letter by letter, so they count as both.
_LATIN_EXTENDED = "\u0100-\u024f\u1e00-\u1eff"
UPPER = "A-ZÀ-ÖØ-Þ" + _LATIN_EXTENDED
LOWER = "a-zß-öø-ÿ" + _LATIN_EXTENDED


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

# Words before a person who travels with someone ("joined by", "accompanied by": lexicon
# COMPANION_WORDS), not someone met.
COMPANION = re.compile(rf"\b{alternation(COMPANION_WORDS)}\b", re.I)
COMPANION_REACH = 60  # characters before a person a companion word is looked for in

# A title naming a statement ("Joint Statement on ...", "... Communique"): lexicon
# STATEMENT_TITLE_WORDS.
STATEMENT_TITLE = re.compile(rf"\b{alternation(STATEMENT_TITLE_WORDS)}\b", re.I)

# "met with the Governors of Hadhramaut, Mahra, and Shabwa": office holders named by their
# offices, in the plural, of places in a list (group "who").
_PLACE_WORD = r"[A-Z][\w'’-]*(?:\s+[A-Z][\w'’-]*)*"
TITLED_GROUP = re.compile(
    rf"(?i:{MEETING.pattern})\s+with\s+(?:the\s+)?"
    rf"(?P<who>(?:[A-Z][a-z]+\s+){{0,2}}(?:{alternation(TITLES_OF_PEOPLE_MET)})s"
    rf"\s+of\s+{_PLACE_WORD}(?:,?\s+(?:and\s+)?{_PLACE_WORD})*)"
)

# A closing quotation mark and the attribution after it: ”, said the Minister; ," he added
# (lexicon ATTRIBUTION_VERBS).
QUOTE_ATTRIBUTION = re.compile(
    rf"[”\"]\s*(?:\S+\s+){{0,3}}?(?:{alternation(ATTRIBUTION_VERBS)})\b", re.I
)


def opens_quote(text: str) -> bool:
    """Whether `text` opens a quotation it does not close: more curly opening marks than
    closing ones, or an odd number of straight ones."""
    return text.count("“") > text.count("”") or text.count('"') % 2 == 1


# A word that puts a sentence in the future ("will", "is scheduled to": lexicon FUTURE_WORDS).
FUTURE = re.compile(rf"\b{alternation(FUTURE_WORDS, space=WHITESPACE)}\b", re.I)

# A word like "in", "to", "visit" (and maybe "the") ending the text before a place: the place
# is gone to or asked about, not merely named (lexicon LOCATIVE_WORDS).
LOCATIVE_BEFORE = re.compile(rf"\b{alternation(LOCATIVE_WORDS)}\s+(?:the\s+)?$", re.I)


def after_locative(text: str, start: int) -> bool:
    """`text` before `start` ends with a word like "in", "to", "visit" (and maybe "the"): what
    is named at `start` is a place gone to or asked about, not merely named."""
    return bool(LOCATIVE_BEFORE.search(text[:start]))
