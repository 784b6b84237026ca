"""Words, stems and edit distance: the one analysis that BM25, questions and answers share."""

from __future__ import annotations

import re
import unicodedata

import Stemmer

from index.text.lexicon import NEGATED_AUXILIARIES, QUERY_STOPWORDS, STOPWORDS
from index.text.patterns import alternation

_TOKEN = re.compile(r"(?u)\b\w\w+\b")
_NEGATED = re.compile(rf"\b({alternation(NEGATED_AUXILIARIES)})n['’]?t\b")
_STEMMER = Stemmer.Stemmer("english")


def words(text: str) -> list[str]:
    """Lower-cased word tokens of `text` that are not English stop words."""
    return [w for w in _TOKEN.findall(text.lower()) if w not in STOPWORDS]


def query_words(text: str) -> list[str]:
    """Lower-cased word tokens of a question, without question and function words (a negated
    auxiliary, "doesn't" or "wont", among them)."""
    text = _NEGATED.sub(lambda m: f"{NEGATED_AUXILIARIES[m.group(1)]} not", text.lower())
    return [w for w in _TOKEN.findall(text) if w not in QUERY_STOPWORDS]


def stem(word: str) -> str:
    """The Snowball stem of one lower-cased word."""
    return str(_STEMMER.stemWord(word))


def fold(term: str) -> str:
    """`term` without accents ("josé" -> "jose"): users type place names without them."""
    if term.isascii():
        return term
    decomposed = unicodedata.normalize("NFKD", term)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def analyze(text: str) -> list[str]:
    """Lower-case, drop English stop words, Snowball-stem: the terms BM25 indexes and queries."""
    return list(_STEMMER.stemWords(words(text)))


_STEMS: dict[str, str] = {}  # word -> its stem, for `term_set`
_STEMS_KEPT = 200_000  # words; a corpus's vocabulary is a few tens of thousands


def term_set(text: str) -> frozenset[str]:
    """The distinct terms of `text`: `frozenset(analyze(text))`, made faster for a long text by
    stemming each distinct word once (and each word only the first time any text has it)."""
    found = set(_TOKEN.findall(text.lower()))
    found -= STOPWORDS
    stems = _STEMS
    if len(stems) > _STEMS_KEPT:
        stems.clear()
    out = set()
    for w in found:
        s = stems.get(w)
        if s is None:
            s = stems[w] = str(_STEMMER.stemWord(w))
        out.add(s)
    return frozenset(out)


def edit_distance(a: str, b: str, limit: int = 2) -> int:
    """Damerau-Levenshtein distance (adjacent swaps count 1), or `limit + 1` when above it."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    prev2: list[int] = []
    prev = list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        cur = [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            cost = 0 if a[i - 1] == b[j - 1] else 1
            cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                cur[j] = min(cur[j], prev2[j - 2] + 1)
        if min(cur) > limit:
            return limit + 1
        prev2, prev = prev, cur
    return prev[-1]


def deletes(term: str) -> set[str]:
    return {term[:i] + term[i + 1 :] for i in range(len(term))}
