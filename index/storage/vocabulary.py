"""BM25 by the numbers, without a BM25 library: term statistics, exact scores, spelling repair.

A store whose engine ranks BM25 itself (Milvus) still has to give docbot the very scores, idf
and vocabulary the local store's bm25s index gives, or the same question would be answered
differently on the two stores. This module is that arithmetic: the Lucene variant of BM25 that
bm25s computes by default (k1=1.5, b=0.75), over the analysed terms of each chunk.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Sequence

import numpy as np

from index.text.tokens import analyze, deletes, edit_distance, fold, stem

K1 = 1.5
B = 0.75
EMPTY_TERM = "\u2205"  # what a chunk without a single term is indexed as, so it still counts


def chunk_terms(text: str) -> list[str]:
    """The analysed terms BM25 indexes for a chunk's lexical text (never empty)."""
    return analyze(text) or [EMPTY_TERM]


class Vocabulary:
    """Document frequencies of every indexed term, and the corpus size BM25 needs."""

    def __init__(self, df: dict[str, int], n_chunks: int, total_terms: int) -> None:
        self.df = df
        self.n = n_chunks
        self.total = total_terms
        self._neighbours: dict[str, list[str]] | None = None  # spelling index, built on demand
        self._accents: dict[str, list[str]] | None = None  # accent index, built on demand

    @property
    def avgdl(self) -> float:
        return self.total / self.n if self.n else 0.0

    def updated(
        self, added: Iterable[Sequence[str]], removed: Iterable[Sequence[str]]
    ) -> Vocabulary:
        """The vocabulary after some chunks (their term lists) are added and others removed."""
        df = Counter(self.df)
        n, total = self.n, self.total
        for terms in added:
            df.update(set(terms))
            n, total = n + 1, total + len(terms)
        for terms in removed:
            df.subtract(set(terms))
            n, total = n - 1, total - len(terms)
        return Vocabulary({t: c for t, c in df.items() if c > 0}, n, total)

    def has_term(self, term: str) -> bool:
        return term in self.df

    def doc_freq(self, term: str) -> int:
        return self.df.get(term, 0)

    def idf(self, term: str) -> float:
        """Inverse document frequency of an analysed term (0 if unseen)."""
        df = self.df.get(term, 0)
        if df == 0 or self.n == 0:
            return 0.0
        return float(np.log(1 + (self.n - df + 0.5) / (df + 0.5)))

    def max_idf(self) -> float:
        """The idf of a term seen in exactly one chunk: the scale of `idf`."""
        return float(np.log(1 + (self.n - 0.5) / 1.5)) if self.n else 0.0

    def score(self, query: Sequence[str], counts: Counter[str], length: int) -> float:
        """BM25 of one chunk (its term counts and length) for analysed query terms.

        Each query term counts as often as it is given, as bm25s counts it.
        """
        if not self.n:
            return 0.0
        norm = K1 * (1 - B + B * length / self.avgdl)
        total = 0.0
        for term in query:
            tf = counts.get(term, 0)
            if tf and term in self.df:
                total += self.idf(term) * tf / (tf + norm)
        return total

    def correct(self, term: str) -> str | None:
        """The indexed term a misspelt, unindexed `term` most likely meant, or None."""
        if term in self.df:
            return None
        if self._neighbours is None:
            self._neighbours = spelling_index(self.df)
        return closest_term(term, self._neighbours, self.doc_freq)

    def variants(self, term: str) -> tuple[str, ...]:
        """The indexed spellings of `term` with other accents (see `accent_variants`)."""
        if self._accents is None:
            self._accents = accent_index(self.df)
        return accent_variants(term, self._accents, self.doc_freq)


def accent_index(terms: Iterable[str]) -> dict[str, list[str]]:
    """Each accented term under its unaccented form ("jose": ["josé"]), and under that form's
    stem where it differs: the stemmer leaves "chargé" whole but makes "charge" "charg", the
    term of a question typing "charge d'affaires"."""
    index: dict[str, list[str]] = {}
    for term in terms:
        if not term.isascii():
            plain = fold(term)
            if plain != term:
                for key in dict.fromkeys((plain, stem(plain))):
                    index.setdefault(key, []).append(term)
    return index


def accent_variants(
    term: str, index: dict[str, list[str]], doc_freq: Callable[[str], int]
) -> tuple[str, ...]:
    """The other spellings of `term`, with or without accents, that live chunks hold ("jose"
    -> ("josé",), "josé" -> ("jose",)); both stores' vocabularies answer with this."""
    plain = fold(term)
    # an accented question term ("chargé") also stands for its unaccented form's stem ("charg")
    unaccented = (plain,) if term.isascii() else (plain, stem(plain))
    found = dict.fromkeys([*index.get(plain, ()), *unaccented])
    return tuple(t for t in found if t != term and doc_freq(t) > 0)


def spelling_index(terms: Iterable[str]) -> dict[str, list[str]]:
    """Each alphabetic term of 3+ letters under itself and its one-letter deletions."""
    index: dict[str, list[str]] = {}
    for term in terms:
        if len(term) >= 3 and term.isalpha():
            for key in deletes(term) | {term}:
                index.setdefault(key, []).append(term)
    return index


def closest_term(
    term: str, index: dict[str, list[str]], doc_freq: Callable[[str], int]
) -> str | None:
    """The term of a `spelling_index` that a misspelt `term` most likely meant, or None.

    Only terms of 4+ letters are corrected: within 1 edit up to 7 letters, 2 edits beyond.
    Among equally close terms the most frequent one wins; a term no live chunk holds any more
    is never proposed. Both stores' vocabularies repair spelling with this.
    """
    if len(term) < 4 or not term.isalpha():
        return None
    limit = 1 if len(term) <= 7 else 2
    probes = {term} | deletes(term)
    if limit == 2:
        probes |= {d2 for d in deletes(term) for d2 in deletes(d)}
    best: tuple[int, int, str] | None = None
    for cand in {v for p in probes for v in index.get(p, ())}:
        dist = edit_distance(term, cand, limit)
        df = doc_freq(cand) if dist <= limit else 0
        if df > 0:
            key = (dist, -df, cand)
            best = key if best is None or key < best else best
    return best[2] if best else None
