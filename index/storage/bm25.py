"""BM25 over chunk texts. The only module that imports `bm25s`.

Besides ranking, the index knows its vocabulary, which the retrieval layer uses to repair
misspelt query words ("blinkin" -> "blinken", "seul" -> "seoul") and to tell how much of a
question the corpus can speak to at all.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Sequence
from pathlib import Path

import bm25s
import numpy as np

from index.text.tokens import analyze, deletes, edit_distance

# bm25s logs every index build at DEBUG through a handler of its own: noise for our users.
logging.getLogger("bm25s").setLevel(logging.WARNING)


class LexicalIndex:
    """A BM25 index whose documents are chunk ids."""

    def __init__(self, model: bm25s.BM25 | None, chunk_ids: np.ndarray) -> None:
        self._model = model
        self._ids = chunk_ids.astype(np.int64)
        self._vocab: dict[str, int] = dict(model.vocab_dict) if model is not None else {}
        self._row_of: dict[int, int] | None = None
        self._df: np.ndarray | None = None
        self._neighbours: dict[str, list[str]] | None = None  # spelling index, built on demand

    @classmethod
    def build(cls, chunk_ids: Sequence[int], texts: Sequence[str]) -> LexicalIndex:
        """Index `texts`, the i-th known as `chunk_ids[i]`."""
        ids = np.asarray(list(chunk_ids), dtype=np.int64)
        if len(texts) == 0:
            return cls(None, ids)
        corpus_tokens = [analyze(t) or ["\u2205"] for t in texts]
        model = bm25s.BM25()
        model.index(corpus_tokens, show_progress=False)
        return cls(model, ids)

    def __len__(self) -> int:
        return int(self._ids.shape[0])

    def search(self, query: str, k: int) -> list[tuple[int, float]]:
        """Up to `k` (chunk_id, score) pairs with a positive score, best first."""
        return self.search_terms(analyze(query), k)

    def search_terms(
        self, terms: Sequence[str], k: int, allowed: np.ndarray | None = None
    ) -> list[tuple[int, float]]:
        """Like `search`, for already analysed (and possibly corrected) terms.

        Args:
            terms: analysed query terms.
            k: how many chunks at most.
            allowed: a boolean mask over `ids()` of the chunks that may be returned.
        """
        if self._model is None or k <= 0:
            return []
        known = [t for t in terms if t in self._vocab]
        if not known:
            return []
        scores = self._model.get_scores(known)
        if allowed is not None:
            scores = np.where(allowed, scores, 0.0)
        k = min(k, len(self))
        top = np.argpartition(-scores, k - 1)[:k] if k < len(scores) else np.arange(len(scores))
        top = top[np.argsort(-scores[top], kind="stable")]
        return [(int(self._ids[i]), float(scores[i])) for i in top if scores[i] > 0]

    def scores(self, terms: Sequence[str], chunk_ids: Sequence[int]) -> list[float]:
        """BM25 scores of the given chunks for analysed `terms` (0 for unknown chunks)."""
        if self._model is None:
            return [0.0] * len(chunk_ids)
        known = [t for t in terms if t in self._vocab]
        if not known:
            return [0.0] * len(chunk_ids)
        if self._row_of is None:
            self._row_of = {int(c): i for i, c in enumerate(self._ids)}
        all_scores = self._model.get_scores(known)
        rows = [self._row_of.get(int(c)) for c in chunk_ids]
        return [float(all_scores[r]) if r is not None else 0.0 for r in rows]

    def ids(self) -> np.ndarray:
        """Chunk ids in row order (the row -> chunk id mapping lives here)."""
        return self._ids

    def has_term(self, term: str) -> bool:
        return term in self._vocab

    def doc_freq(self, term: str) -> int:
        """How many chunks contain the analysed `term`."""
        if self._model is None or term not in self._vocab:
            return 0
        if self._df is None:
            self._df = np.diff(np.asarray(self._model.scores["indptr"]))
        return int(self._df[self._vocab[term]])

    def idf(self, term: str) -> float:
        """Inverse document frequency of an analysed term (0 if unseen)."""
        n = len(self)
        df = self.doc_freq(term)
        if df == 0 or n == 0:
            return 0.0
        return float(np.log(1 + (n - df + 0.5) / (df + 0.5)))

    def max_idf(self) -> float:
        """The idf of a term seen in exactly one chunk: the scale of `idf`."""
        n = len(self)
        return float(np.log(1 + (n - 0.5) / 1.5)) if n else 0.0

    def correct(self, term: str) -> str | None:
        """The indexed term a misspelt, unindexed `term` most likely meant, or None.

        Only terms of 4+ letters are corrected: within 1 edit up to 7 letters, 2 edits beyond.
        Among equally close terms the most frequent one wins.
        """
        if self._model is None or term in self._vocab or len(term) < 4 or not term.isalpha():
            return None
        limit = 1 if len(term) <= 7 else 2
        index = self._spelling_index()
        probes = {term} | deletes(term)
        if limit == 2:
            probes |= {d2 for d in deletes(term) for d2 in deletes(d)}
        candidates = {v for p in probes for v in index.get(p, ())}
        best: tuple[int, int, str] | None = None
        for cand in candidates:
            dist = edit_distance(term, cand, limit)
            if dist > limit:
                continue
            key = (dist, -self.doc_freq(cand), cand)
            if best is None or key < best:
                best = key
        return best[2] if best else None

    def _spelling_index(self) -> dict[str, list[str]]:
        """Each alphabetic vocabulary term under itself and its one-letter deletions."""
        if self._neighbours is None:
            index: dict[str, list[str]] = {}
            for term in self._vocab:
                if len(term) >= 3 and term.isalpha():
                    for key in deletes(term) | {term}:
                        index.setdefault(key, []).append(term)
            self._neighbours = index
        return self._neighbours

    def save(self, directory: Path) -> None:
        directory.mkdir(parents=True, exist_ok=True)
        np.save(directory / "chunk_ids.npy", self._ids)
        if self._model is not None:
            self._model.save(str(directory), show_progress=False)
        (directory / "ok.json").write_text(json.dumps({"n": len(self)}))

    @classmethod
    def load(cls, directory: Path) -> LexicalIndex:
        ids = np.load(directory / "chunk_ids.npy")
        if len(ids) == 0:
            return cls(None, ids)
        model = bm25s.BM25.load(str(directory), show_progress=False, verbosity=0)
        return cls(model, ids)
