"""The milvus store's reader: one published generation, read from Milvus alone.

Documents and chunk offsets are loaded when the reader opens (as the local reader loads them);
texts, BM25 term counts and sentence vectors are fetched when first needed and kept, since a
row of a generation never changes. Both searches run in Milvus with the generation, time and
document filters inside the query. Milvus' BM25 picks the lexical candidates; their scores are
then computed exactly from the generation's vocabulary, so they equal the local store's.
"""

from __future__ import annotations

import json
import threading
from collections import Counter, OrderedDict
from collections.abc import Sequence
from datetime import date
from typing import Any

import numpy as np

from index.storage.base import ChunkRecord, SearchFilter
from index.storage.milvus.engine import MAX_LIMIT, Engine, quoted, visible
from index.storage.vocabulary import Vocabulary
from index.text.dates import parse_iso
from index.types import DocRef, SourceInfo

CACHE_CHUNKS = 50_000  # term counts and sentence vectors kept per reader
CACHE_TEXTS = 2_000
LEXICAL_OVERFETCH = 50  # extra BM25 candidates, so exact rescoring settles the top k
PREFETCH = 40  # sentence vectors fetched at once: the best of this thread's last searches


def read_meta(engine: Engine, live: str, key: str) -> dict[str, Any]:
    rows = engine.query(live + "_meta", f'key == "{key}"', ["value"], limit=1)
    return dict(json.loads(rows[0]["value"])) if rows else {}


def read_vocabulary(engine: Engine, live: str, gen: int, stats: dict[str, Any]) -> Vocabulary:
    df: dict[str, int] = {}
    for row in engine.query(live + "_meta", f'key like "vocab:{gen}:%"', ["value"]):
        df.update(json.loads(row["value"]))
    return Vocabulary(df, int(stats.get("chunks", 0)), int(stats.get("total", 0)))


class _Lru(OrderedDict[Any, Any]):
    def __init__(self, size: int) -> None:
        super().__init__()
        self.size = size

    def put(self, key: Any, value: Any) -> None:
        self[key] = value
        self.move_to_end(key)
        while len(self) > self.size:
            self.popitem(last=False)


class MilvusReader:
    """Documents, chunks, vectors and BM25 of one published generation on Milvus."""

    def __init__(
        self,
        engine: Engine,
        live: str,
        generation: int,
        meta: dict[str, str],
        vocab: Vocabulary,
        docs: dict[str, tuple[SourceInfo, str]],
        chunks: dict[int, ChunkRecord],
    ) -> None:
        self._engine = engine
        self._live = live
        self.generation = generation
        self.meta = meta
        self.vocab = vocab
        self.docs = {d: info for d, (info, _) in docs.items()}
        self._keys = {d: key for d, (_, key) in docs.items()}
        self.chunks = chunks
        self.dim = int(meta["dim"])
        self._dates = {d: parse_iso(i.date) if i.date else None for d, i in self.docs.items()}
        self._lock = threading.Lock()
        self._texts: _Lru = _Lru(CACHE_TEXTS)
        self._counts: _Lru = _Lru(CACHE_CHUNKS)
        self._sentences: _Lru = _Lru(CACHE_CHUNKS)
        self._recent = threading.local()  # this thread's last search results, for prefetching

    @classmethod
    def open(cls, engine: Engine, live: str, gen: int) -> MilvusReader:
        stats = read_meta(engine, live, f"stats:{gen}")
        meta = {**read_meta(engine, live, f"gen:{gen}"), "generation": str(gen)}
        vocab = read_vocabulary(engine, live, gen, stats)
        docs: dict[str, tuple[SourceInfo, str]] = {}
        fields = ["doc_key", "doc_id", "path", "title", "date", "source", "url", "text_hash"]
        for r in engine.query(live + "_docs", visible(gen), fields + ["chunks"]):
            ref = DocRef(
                r["doc_id"], r["path"], r["title"], r["date"] or None, r["source"] or None,
                r["url"] or None,
            )  # fmt: skip
            docs[r["doc_id"]] = (SourceInfo(ref, int(r["chunks"]), r["text_hash"]), r["doc_key"])
        chunks: dict[int, ChunkRecord] = {}
        fields = ["chunk_id", "doc_id", "ordinal", "start", "end", "sentences"]
        for r in engine.query(live, visible(gen), fields):
            cid = int(r["chunk_id"])
            spans = tuple((int(a), int(b)) for a, b in json.loads(r["sentences"]))
            chunks[cid] = ChunkRecord(
                cid, r["doc_id"], int(r["ordinal"]), int(r["start"]), int(r["end"]), spans
            )
        return cls(engine, live, gen, meta, vocab, docs, dict(sorted(chunks.items())))

    # -- documents --------------------------------------------------------------------------
    def text(self, doc_id: str) -> str:
        key = self._keys[doc_id]
        with self._lock:
            text = self._texts.get(key)
        if text is None:
            rows = self._engine.query(
                self._live + "_texts", f"doc_key == {quoted([key])[1:-1]}", ["part", "text"], 1000
            )
            text = "".join(r["text"] for r in sorted(rows, key=lambda r: r["part"]))
            with self._lock:
                self._texts.put(key, text)
        return str(text)

    def published(self, doc_id: str) -> date | None:
        return self._dates.get(doc_id)

    # -- search -----------------------------------------------------------------------------
    def _filter(self, where: SearchFilter | None) -> str:
        expr = visible(self.generation)
        if where is None:
            return expr
        if where.doc_ids is not None:
            expr += f" and doc_id in {quoted(sorted(where.doc_ids))}"
        if where.published is not None:
            lo, hi = where.published.start.toordinal(), where.published.end.toordinal()
            expr += f" and (published < 0 or (published >= {lo} and published <= {hi}))"
        return expr

    def dense_search(
        self, qvec: np.ndarray, k: int, where: SearchFilter | None = None
    ) -> list[tuple[int, float]]:
        """Up to `k` (chunk_id, cosine) pairs, best first."""
        if k <= 0 or not self.chunks:
            return []
        hits = self._engine.search(self._live, qvec, "dense", "IP", k, self._filter(where))
        found = [(c, s) for c, s in hits if c in self.chunks]
        self._recent.dense = [c for c, _ in found[:PREFETCH]]
        return found

    def lexical_search(
        self, terms: Sequence[str], k: int, where: SearchFilter | None = None
    ) -> list[tuple[int, float]]:
        """Up to `k` (chunk_id, BM25) pairs with a positive score, best first."""
        known = [t for t in terms if self.vocab.has_term(t)]
        if k <= 0 or not known:
            return []
        hits = self._engine.search(
            self._live,
            " ".join(known),
            "sparse",
            "BM25",
            k + LEXICAL_OVERFETCH,
            self._filter(where),
        )
        ids = [c for c, _ in hits if c in self.chunks]
        scored = sorted(
            zip(ids, self.lexical_scores(known, ids), strict=True), key=lambda h: (-h[1], h[0])
        )
        found = [(c, s) for c, s in scored[:k] if s > 0]
        self._recent.lexical = [c for c, _ in found[:PREFETCH]]
        return found

    def lexical_scores(self, terms: Sequence[str], chunk_ids: Sequence[int]) -> list[float]:
        """BM25 of the given chunks for analysed `terms`, as bm25s computes it (0: unknown)."""
        counts = self._term_counts(chunk_ids)
        return [
            self.vocab.score(terms, counts[c][0], counts[c][1]) if c in counts else 0.0
            for c in chunk_ids
        ]

    def _term_counts(self, chunk_ids: Sequence[int]) -> dict[int, tuple[Counter[str], int]]:
        out: dict[int, tuple[Counter[str], int]] = {}
        with self._lock:
            for c in chunk_ids:
                if (got := self._counts.get(c)) is not None:
                    out[c] = got
        missing = [c for c in dict.fromkeys(chunk_ids) if c not in out and c in self.chunks]
        for i in range(0, len(missing), 1000):
            rows = self._engine.query(
                self._live, f"chunk_id in {missing[i : i + 1000]}", ["chunk_id", "terms"], 1000
            )
            for r in rows:
                terms = r["terms"].split(" ")
                out[int(r["chunk_id"])] = (Counter(terms), len(terms))
        with self._lock:
            for c in missing:
                if c in out:
                    self._counts.put(c, out[c])
        return out

    def sentence_vectors(self, chunk_id: int) -> np.ndarray:
        """One normalised vector per sentence of the chunk (zeros if no longer stored).

        Answers score the sentences of a question's best chunks one chunk at a time; the first
        miss fetches them for the best hits of this thread's last searches in one query.
        """
        n = len(self.chunks[chunk_id].sentences)
        with self._lock:
            vecs = self._sentences.get(chunk_id)
        if vecs is None:
            recent = getattr(self._recent, "dense", []) + getattr(self._recent, "lexical", [])
            with self._lock:
                wanted = [c for c in dict.fromkeys([chunk_id, *recent]) if c not in self._sentences]
            fetched = self._fetch_sentences(wanted)
            with self._lock:
                for c in wanted:
                    self._sentences.put(c, fetched.get(c, np.zeros((0, self.dim), np.float32)))
            vecs = fetched.get(chunk_id, np.zeros((0, self.dim), np.float32))
        if len(vecs) != n:
            return np.zeros((n, self.dim), dtype=np.float32)
        return np.asarray(vecs)

    def _fetch_sentences(self, chunk_ids: list[int]) -> dict[int, np.ndarray]:
        rows = self._engine.query(
            self._live + "_sents",
            f"chunk_id in {chunk_ids}",
            ["id", "chunk_id", "vector"],
            MAX_LIMIT,
        )
        rows.sort(key=lambda r: r["id"])
        by_chunk: dict[int, list[list[float]]] = {}
        for r in rows:
            by_chunk.setdefault(int(r["chunk_id"]), []).append(r["vector"])
        return {
            c: np.asarray(v, dtype=np.float32).reshape(-1, self.dim) for c, v in by_chunk.items()
        }

    # -- vocabulary -------------------------------------------------------------------------
    def has_term(self, term: str) -> bool:
        return self.vocab.has_term(term)

    def doc_freq(self, term: str) -> int:
        return self.vocab.doc_freq(term)

    def idf(self, term: str) -> float:
        return self.vocab.idf(term)

    def max_idf(self) -> float:
        return self.vocab.max_idf()

    def correct(self, term: str) -> str | None:
        return self.vocab.correct(term)

    def variants(self, term: str) -> tuple[str, ...]:
        return self.vocab.variants(term)

    def close(self) -> None:
        """Nothing to release: the connection belongs to the process (see engine.connect)."""
