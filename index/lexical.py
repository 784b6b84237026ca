"""BM25 over chunk texts. The only module that imports `bm25s`."""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Sequence
from pathlib import Path

import bm25s
import numpy as np
import Stemmer

# bm25s logs every index build at DEBUG through its own handler; that is noise for our users.
logging.getLogger("bm25s").setLevel(logging.WARNING)

_TOKEN = re.compile(r"(?u)\b\w\w+\b")
_STEMMER = Stemmer.Stemmer("english")


def _stopwords() -> frozenset[str]:
    from bm25s.stopwords import STOPWORDS_EN

    return frozenset(STOPWORDS_EN)


STOPWORDS = _stopwords()


def analyze(text: str) -> list[str]:
    """Lower-case, drop English stop words, Snowball-stem: the terms BM25 indexes and queries."""
    words = [w for w in _TOKEN.findall(text.lower()) if w not in STOPWORDS]
    return list(_STEMMER.stemWords(words))


class LexicalIndex:
    """A BM25 index whose documents are chunk ids."""

    def __init__(self, model: bm25s.BM25 | None, chunk_ids: np.ndarray) -> None:
        self._model = model
        self._ids = chunk_ids.astype(np.int64)
        self._vocab: dict[str, int] = dict(model.vocab_dict) if model is not None else {}

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
        if self._model is None or k <= 0:
            return []
        terms = [t for t in analyze(query) if t in self._vocab]
        if not terms:
            return []
        k = min(k, len(self))
        docs, scores = self._model.retrieve([terms], k=k, show_progress=False, n_threads=1)
        out: list[tuple[int, float]] = []
        for row, score in zip(docs[0], scores[0], strict=True):
            if score > 0:
                out.append((int(self._ids[int(row)]), float(score)))
        return out

    def idf(self, term: str) -> float:
        """Inverse document frequency of an analysed term (0 if unseen)."""
        n = len(self)
        if self._model is None or term not in self._vocab or n == 0:
            return 0.0
        col = self._vocab[term]
        df = int(self._model.scores["indptr"][col + 1] - self._model.scores["indptr"][col])
        return float(np.log(1 + (n - df + 0.5) / (df + 0.5)))

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
