"""Abbreviations a document defines for itself, so a sentence using one reads as the long form.

A release names a thing in full once, with its short form after it in brackets, and then uses
only the short form: "the Department of the Treasury issued two new general licenses ("GL")"
and, two paragraphs on, "Under GL 36, all transactions ... are authorized through August 31".
A question asks in full words ("When does the wind-down license for Severstal run out?"), so the
sentence holding the answer shares none of them. `defined_abbreviations` reads the definitions
of one document, and `with_abbreviations` gives a sentence of it the terms of both forms.

A definition counts only when the bracketed letters are the initials of the words before it,
in order: "Withhold Release Orders (WROs)", "Office of Foreign Assets Control (OFAC)" (a short
word may give its initial or be passed over), "Nuclear Non-Proliferation Treaty (NPT)" (so may
the second part of a hyphenated word). "Daesh (ISIS)" or "(2021)" define nothing.
"""

from __future__ import annotations

import re
from functools import cache, lru_cache

from index.text.lexicon.grammar import STOPWORDS
from index.text.lexicon.paraphrase import INSTITUTION_ALIASES
from index.text.lexicon.places import COUNTRY_ALIASES
from index.text.lexicon.questions import NAME_LINKS
from index.text.patterns import alternation
from index.text.tokens import term_set

SHORT_FORMS_KEPT = 4096  # short forms whose compiled pattern is kept (`_used`)
MAX_WORDS = 10  # the words before a bracket a definition may take
_BRACKETED = re.compile(r"\([“\"‘']?([A-Z][A-Za-z]{1,7})[”\"’']?\)")
_WORD = re.compile(r"[A-Za-z][\w.’'-]*")


def _initials(words: list[tuple[str, bool]], letters: str) -> int | None:
    """How many of the last `words` spell `letters` by their initials, the most that do, or
    None. Each word is (its initials, optional): an optional one may also be passed over, but
    neither open nor close the long form."""

    @cache
    def match(i: int, j: int) -> int | None:
        # the most words before i that spell letters[:j], or None
        if j == 0:
            return 0
        if i == 0:
            return None
        initials, optional = words[i - 1]
        best = None
        if letters[:j].endswith(initials) and not (optional and j == len(initials)):
            used = match(i - 1, j - len(initials))
            if used is not None:
                best = used + 1
        if optional and j < len(letters):  # passed over, inside the long form only
            used = match(i - 1, j)
            if used is not None and (best is None or used + 1 > best):
                best = used + 1
        return best

    return match(len(words), len(letters))


def _words(before: str) -> list[tuple[int, str, bool]]:
    """The words of `before` as (offset, initials, optional): "U.S." gives "us", a short word
    is optional, and so is each part of a hyphenated word after the first."""
    out = []
    for m in _WORD.finditer(before):
        offset = m.start()
        for k, part in enumerate(m.group(0).split("-")):
            if part:
                dotted = re.fullmatch(r"(?:[A-Za-z]\.){2,}", part)
                initials = part.replace(".", "").lower() if dotted else part[0].lower()
                out.append((offset, initials, k > 0 or part.lower() in STOPWORDS))
            offset += len(part) + 1
    return out[-MAX_WORDS:]


def defined_abbreviations(text: str) -> dict[str, str]:
    """Each abbreviation `text` defines ("GL") with its long form ("general licenses")."""
    out: dict[str, str] = {}
    for m in _BRACKETED.finditer(text):
        short = m.group(1)
        before = text[max(0, m.start() - 200) : m.start()].split("\n")[-1]
        words = _words(before)
        for letters in dict.fromkeys((short.lower(), short.lower().removesuffix("s"))):
            if len(letters) < 2:
                continue
            used = _initials([(i, o) for _, i, o in words], letters)
            if used:
                key = short if letters == short.lower() else short.removesuffix("s")
                out.setdefault(key, before[words[len(words) - used][0] :].strip())
                break
    return out


_LINKS = tuple(w for w in NAME_LINKS if w.isalpha())  # "Voice of America"
_NAME_RUN = re.compile(
    rf"(?<![\w.])[A-Z][a-z]+(?:[ \t]+(?:{alternation(_LINKS)}[ \t]+)*[A-Z][a-z]+)+(?![\w-])"
)
_SMALL = frozenset(_LINKS)
INITIALS_KEPT = 8192  # sentences and windows whose names' initials are kept (refusal reads
# the same best sentences again for each question on a subject)
MIN_INITIALS = 3  # "EU" and "UN" are in the alias tables; two letters would match words


# Short forms the alias tables already read ("USA", "UN", "DOD"): a name's initials that spell
# one ("Ukraine Security Assistance" -> "usa") are no use of it.
_TABLED = frozenset(
    term
    for short in (*COUNTRY_ALIASES, *INSTITUTION_ALIASES)
    if short.replace(".", "").isupper()
    for term in term_set(short.replace(".", ""))
)


@lru_cache(maxsize=INITIALS_KEPT)
def name_initials(body: str) -> frozenset[str]:
    """The initials of the names `body` spells out in capitalised words, as terms: "voa" for
    "the Voice of America", "bbc" for "the British Broadcasting Corporation". A question may
    use the short form a document never defines. Each run of two or more capitalised words
    (with "of", "and", ... between them) gives the initials of every stretch of it that opens
    and closes on a capitalised word ("nsa" of "Readout of National Security Advisor Jake
    Sullivan"), with and without its short words."""
    spelt: set[str] = set()
    for m in _NAME_RUN.finditer(body):
        words = m.group(0).split()
        caps = [i for i, w in enumerate(words) if w.lower() not in _SMALL]
        for i, j in ((i, j) for a, i in enumerate(caps) for j in caps[a + 1 :]):
            span = words[i : j + 1]
            spelt.add("".join(w[0] for w in span))
            spelt.add("".join(w[0] for w in span if w.lower() not in _SMALL))
    long_enough = [s.upper() for s in spelt if len(s) >= MIN_INITIALS]
    return term_set(" ".join(long_enough)) - _TABLED if long_enough else frozenset()


@lru_cache(maxsize=SHORT_FORMS_KEPT)
def _used(short: str) -> re.Pattern[str]:
    """A short form used as a word ("GL 36", "WROs"), compiled once: each sentence of its
    document, and each answer's window and joint share, is searched for it."""
    return re.compile(rf"(?<![\w-]){re.escape(short)}s?(?![\w-])")


def with_abbreviations(body: str, terms: frozenset[str], defined: dict[str, str]) -> frozenset[str]:
    """`terms` of a sentence, with the long form's terms for each abbreviation it uses and the
    abbreviation's for each long form it spells out."""
    extra: set[str] = set()
    lowered = body.lower()
    for short, long in defined.items():
        if _used(short).search(body):
            extra |= term_set(long)
        elif long.lower() in lowered:
            extra |= term_set(short)
    return terms | extra if extra else terms
