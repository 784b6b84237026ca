"""BM25 over chunk texts, updated in place of being rebuilt: a base segment, a delta, tombstones.

A generation's BM25 is a large base segment (shared, unchanged, by many generations), a small
delta segment of the chunks added since, and the base rows deleted since. Adding or deleting
a document rewrites only the delta and the tombstones; when they grow past a share of the
base, the commit merges them into a new base from the postings arrays (no text is analysed
again). Segments store term counts, not scores: idf and the average length are those of the
whole live corpus, computed at question time, so every ranking equals a full rebuild's.

Scoring is Lucene's BM25 (k1 = 1.5, b = 0.75), as bm25s computed it before.

Besides ranking, the index knows its vocabulary, which the retrieval layer uses to repair
misspelt query words ("blinkin" -> "blinken", "seul" -> "seoul") and to tell how much of a
question the corpus can speak to at all.
"""

from __future__ import annotations

import json
import os
import uuid
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from index.storage.bm25_segment import Segment
from index.storage.vocabulary import accent_index, accent_variants, closest_term, spelling_index
from index.text.tokens import analyze

K1 = 1.5
B = 0.75
MIN_DELTA = 2048  # rows the delta and tombstones may reach before a merge, at least...
DELTA_SHARE = 32  # ...or one base row in this many


class LexicalIndex:
    """A BM25 index whose documents are chunk ids.

    Rows: the base segment's rows, then the delta's. `row_ids()` maps rows to chunk ids;
    dead base rows stay in place (masked) until the next merge.
    """

    def __init__(
        self, base: Segment, delta: Segment, dead: np.ndarray, base_name: str | None
    ) -> None:
        self._base = base
        self._delta = delta
        self._dead = dead  # bool per base row
        self.base_name = base_name  # the base's folder, None until it is saved
        self._n_dead = int(dead.sum())
        self._n = base.n_rows - self._n_dead + delta.n_rows
        total = float(base.lengths.sum(dtype=np.float64) + delta.lengths.sum(dtype=np.float64))
        if self._n_dead:
            total -= float(base.lengths[dead].sum(dtype=np.float64))
        self._avgdl = total / self._n if self._n else 1.0
        self._row_ids = np.concatenate([base.ids, delta.ids]).astype(np.int64)
        self._order: np.ndarray | None = None  # rows by chunk id, for `scores`
        self._df: dict[str, int] = {}
        self._neighbours: dict[str, list[str]] | None = None  # spelling index, built on demand
        self._accents: dict[str, list[str]] | None = None  # accent index, built on demand

    @classmethod
    def build(cls, chunk_ids: Sequence[int], texts: Sequence[str]) -> LexicalIndex:
        """Index `texts`, the i-th known as `chunk_ids[i]`, as one fresh base."""
        base = Segment.from_texts(chunk_ids, texts)
        return cls(base, Segment.empty(), np.zeros(base.n_rows, dtype=bool), None)

    def updated(
        self, gone: Sequence[int], chunk_ids: Sequence[int], texts: Sequence[str]
    ) -> LexicalIndex:
        """The next generation's index: chunks `gone` deleted, `texts` added as `chunk_ids`.

        Only the delta is rebuilt; past a size it is merged into a new base.
        """
        gone_arr = np.asarray(list(gone), dtype=np.int64)
        dead = self._dead | np.isin(self._base.ids, gone_arr)
        delta_dead = np.isin(self._delta.ids, gone_arr)
        added = Segment.from_texts(chunk_ids, texts)
        delta = Segment.merge([(self._delta, delta_dead), (added, None)])
        if delta.n_rows + int(dead.sum()) <= max(MIN_DELTA, self._base.n_rows // DELTA_SHARE):
            return LexicalIndex(self._base, delta, dead, self.base_name)
        base = Segment.merge([(self._base, dead), (delta, None)])
        return LexicalIndex(base, Segment.empty(), np.zeros(base.n_rows, dtype=bool), None)

    def __len__(self) -> int:
        """How many live chunks the index holds."""
        return self._n

    def row_ids(self) -> np.ndarray:
        """Chunk id of every row, dead rows included (their scores are always 0)."""
        return self._row_ids

    def ids(self) -> np.ndarray:
        """The live chunk ids."""
        alive = np.concatenate([~self._dead, np.ones(self._delta.n_rows, dtype=bool)])
        return self._row_ids[alive]

    # -- ranking ----------------------------------------------------------------------------
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
            allowed: a boolean mask over `row_ids()` of the chunks that may be returned.
        """
        scores = self._scores(terms) if k > 0 else None
        if scores is None:
            return []
        if allowed is not None:
            scores = np.where(allowed, scores, 0.0)
        k = min(k, len(scores))
        # Every row scoring at least the k-th best, then ties broken by row (chunk id order).
        kth = -np.partition(-scores, k - 1)[k - 1]
        cand = np.flatnonzero(scores >= max(kth, np.float32(1e-30)))
        top = cand[np.lexsort((cand, -scores[cand]))][:k]
        return [(int(self._row_ids[i]), float(scores[i])) for i in top]

    def scores(self, terms: Sequence[str], chunk_ids: Sequence[int]) -> list[float]:
        """BM25 scores of the given chunks for analysed `terms` (0 for unknown chunks)."""
        all_scores = self._scores(terms)
        if all_scores is None or not len(chunk_ids):
            return [0.0] * len(chunk_ids)
        if self._order is None:
            self._order = np.argsort(self._row_ids, kind="stable")
        wanted = np.asarray(list(chunk_ids), dtype=np.int64)
        pos = np.searchsorted(self._row_ids[self._order], wanted)
        pos = np.minimum(pos, len(self._order) - 1)
        rows = self._order[pos]
        found = self._row_ids[rows] == wanted
        return [float(all_scores[r]) if f else 0.0 for r, f in zip(rows, found, strict=True)]

    def _scores(self, terms: Sequence[str]) -> np.ndarray | None:
        """Every row's BM25 score for `terms` (None when no term is known)."""
        known = [t for t in terms if self.doc_freq(t) > 0]
        if not known:
            return None
        nb = self._base.n_rows
        out = np.zeros(nb + self._delta.n_rows, dtype=np.float32)
        for term in known:
            idf = np.float32(self.idf(term))
            for seg, offset in ((self._base, 0), (self._delta, nb)):
                post = seg.postings(term)
                if post is None:
                    continue
                rows, tf = post
                norm = np.float32(K1) * (
                    np.float32(1 - B) + np.float32(B) * seg.lengths[rows] / np.float32(self._avgdl)
                )
                out[rows + offset] += idf * (tf / (tf + norm))
        if self._n_dead:
            out[:nb][self._dead] = 0.0
        return out

    # -- vocabulary -------------------------------------------------------------------------
    def terms(self) -> set[str]:
        """The analysed terms at least one live chunk holds."""
        known = dict.fromkeys(self._base.terms + self._delta.terms)
        return {t for t in known if t and self.doc_freq(t) > 0}

    def has_term(self, term: str) -> bool:
        return self.doc_freq(term) > 0

    def doc_freq(self, term: str) -> int:
        """How many live chunks contain the analysed `term`."""
        df = self._df.get(term)
        if df is None:
            df = self._base.doc_freq(term) + self._delta.doc_freq(term)
            if self._n_dead:
                post = self._base.postings(term)
                if post is not None:
                    df -= int(np.count_nonzero(self._dead[post[0]]))
            self._df[term] = df
        return df

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
        """The indexed term a misspelt, unindexed `term` most likely meant, or None (the rule
        is `vocabulary.closest_term`'s)."""
        if not self._n or self.has_term(term):
            return None
        return closest_term(term, self._spelling_index(), self.doc_freq)

    def variants(self, term: str) -> tuple[str, ...]:
        """The indexed spellings of `term` with other accents (`vocabulary.accent_variants`)."""
        if self._accents is None:
            self._accents = accent_index(dict.fromkeys(self._base.terms + self._delta.terms))
        return accent_variants(term, self._accents, self.doc_freq)

    def _spelling_index(self) -> dict[str, list[str]]:
        """Each alphabetic vocabulary term under itself and its one-letter deletions."""
        if self._neighbours is None:
            self._neighbours = spelling_index(dict.fromkeys(self._base.terms + self._delta.terms))
        return self._neighbours

    # -- files ------------------------------------------------------------------------------
    def save(self, directory: Path) -> None:
        """Write this generation's folder; a new base goes beside it, in a folder of its own.

        The base is written first and renamed into place whole; the folder names it, so a
        generation never points at a half-written base.
        """
        if self.base_name is None:
            name = f"bm25base-{uuid.uuid4().hex[:12]}"
            tmp = directory.parent / (name + ".tmp")
            self._base.save(tmp)
            tmp.rename(directory.parent / name)
            self.base_name = name
        self._delta.save(directory / "delta")
        np.save(directory / "dead.npy", np.flatnonzero(self._dead).astype(np.int64))
        with open(directory / "ok.json", "w", encoding="utf-8") as fh:
            json.dump({"n": len(self), "base": self.base_name}, fh)
            fh.flush()
            os.fsync(fh.fileno())

    @classmethod
    def load(cls, directory: Path) -> LexicalIndex:
        """Read a generation's folder; the base's postings stay on disk, paged in as read."""
        info = json.loads((directory / "ok.json").read_text(encoding="utf-8"))
        base = Segment.load(directory.parent / info["base"], mmap=True)
        delta = Segment.load(directory / "delta")
        dead = np.zeros(base.n_rows, dtype=bool)
        dead[np.load(directory / "dead.npy")] = True
        out = cls(base, delta, dead, info["base"])
        if len(out) != int(info["n"]):
            raise ValueError(f"BM25 in {directory} holds {len(out)} chunks, expected {info['n']}")
        return out


def base_of(generation_dir: Path) -> str | None:
    """The base folder a generation's BM25 uses (None when its folder can't be read)."""
    try:
        return str(json.loads((generation_dir / "ok.json").read_text(encoding="utf-8"))["base"])
    except (OSError, ValueError, KeyError):
        return None
