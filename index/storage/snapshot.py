"""What a reader holds: one committed generation of any store, and the facts derived from it.

The store answers searches; the snapshot adds what every backend would otherwise repeat:
document dates and duplicate groups, chunks in document order, and the `Hit` and `Citation`
built from a chunk. All of it is derived once per generation, on first use.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from functools import cached_property

import numpy as np

from index.lru import Lru
from index.storage.base import ChunkRecord, SearchFilter, StoreReader
from index.storage.chunk_table import chunks_by_doc
from index.text.initials import initials_table
from index.types import Citation, Hit, SourceInfo

SENTENCE_VECTORS_KEPT = 1024  # chunks (about 12 KB each as float32)


def _frozen(array: np.ndarray) -> np.ndarray:
    array.setflags(write=False)  # shared by every later question: nobody writes into it
    return array


class Snapshot:
    """An immutable, consistent view of one generation, for any number of reader threads."""

    def __init__(self, reader: StoreReader) -> None:
        self.reader = reader
        self.generation = reader.generation
        self.meta = reader.meta
        self.docs: dict[str, SourceInfo] = reader.docs
        self.chunks: Mapping[int, ChunkRecord] = reader.chunks
        self.dim = reader.dim
        # Questions on one subject score the same chunks' sentences again.
        self._sentence_vectors: Lru[np.ndarray] = Lru(SENTENCE_VECTORS_KEPT)

    # -- documents and chunks ---------------------------------------------------------------
    def text(self, doc_id: str) -> str:
        """The cleaned text of a document; every offset points into it."""
        return self.reader.text(doc_id)

    def chunk_text(self, chunk_id: int) -> str:
        rec = self.chunks[chunk_id]
        return self.reader.text(rec.doc_id)[rec.start : rec.end]

    @cached_property
    def _by_doc(self) -> dict[str, tuple[int, ...]]:
        return chunks_by_doc(self.chunks)

    def chunks_of(self, doc_id: str) -> list[int]:
        """Chunk ids of a document, in document order."""
        return list(self._by_doc.get(doc_id, ()))

    def chunk_at(self, doc_id: str, offset: int) -> int | None:
        """The chunk of `doc_id` whose span holds the document offset `offset`, if any."""
        for cid in self._by_doc.get(doc_id, ()):
            rec = self.chunks[cid]
            if rec.start <= offset < rec.end:
                return cid
        return None

    def published(self, doc_id: str) -> date | None:
        """A document's publication date, when it has one."""
        return self.reader.published(doc_id)

    @cached_property
    def date_span(self) -> tuple[date | None, date | None]:
        """The oldest and the newest publication date in the corpus."""
        known = [d for d in (self.reader.published(i) for i in self.docs) if d is not None]
        return (min(known), max(known)) if known else (None, None)

    @property
    def oldest(self) -> date | None:
        return self.date_span[0]

    @property
    def newest(self) -> date | None:
        return self.date_span[1]

    @cached_property
    def name_initials(self) -> dict[str, str]:
        """The names the documents' titles write, by their initials ("MBZ": "Mohamed bin
        Zayed"; index/text/initials.py)."""
        return initials_table(info.title for info in self.docs.values())

    @cached_property
    def _groups(self) -> dict[str, str]:
        return {d: info.text_hash or d for d, info in self.docs.items()}

    def group(self, doc_id: str) -> str:
        """The duplicate group of a document: identical texts share one."""
        return self._groups[doc_id]

    # -- search -----------------------------------------------------------------------------
    def dense_search(
        self, qvec: np.ndarray, k: int, where: SearchFilter | None = None
    ) -> list[tuple[int, float]]:
        """Up to `k` (chunk_id, cosine) pairs, best first."""
        return self.reader.dense_search(qvec, k, where)

    def lexical_search(
        self, terms: Sequence[str], k: int, where: SearchFilter | None = None
    ) -> list[tuple[int, float]]:
        """Up to `k` (chunk_id, BM25) pairs for analysed terms, best first."""
        return self.reader.lexical_search(terms, k, where)

    def lexical_scores(self, terms: Sequence[str], chunk_ids: Sequence[int]) -> list[float]:
        return self.reader.lexical_scores(terms, chunk_ids)

    def has_term(self, term: str) -> bool:
        return self.reader.has_term(term)

    def idf(self, term: str) -> float:
        return self.reader.idf(term)

    def max_idf(self) -> float:
        return self.reader.max_idf()

    def correct(self, term: str) -> str | None:
        """The indexed term a misspelt, unindexed `term` most likely meant, or None."""
        return self.reader.correct(term)

    def variants(self, term: str) -> tuple[str, ...]:
        """The indexed spellings of `term` with other accents ("jose" -> ("josé",))."""
        return self.reader.variants(term)

    def sentence_vectors(self, chunk_id: int) -> np.ndarray:
        """One normalised vector per sentence of the chunk (zeros if no longer stored), read
        once per snapshot for the last SENTENCE_VECTORS_KEPT chunks asked (a read-only array)."""
        return self._sentence_vectors.get(
            chunk_id, lambda: _frozen(self.reader.sentence_vectors(chunk_id))
        )

    # -- result types -----------------------------------------------------------------------
    def hit(self, chunk_id: int, score: float) -> Hit:
        rec = self.chunks[chunk_id]
        ref = self.docs[rec.doc_id].ref
        return Hit(ref, chunk_id, self.chunk_text(chunk_id), rec.start, rec.end, float(score))

    def citation(self, n: int, chunk_id: int, start: int, end: int, score: float) -> Citation:
        """Marker [n]: the span [start, end) of a document, inside the chunk `chunk_id`."""
        rec = self.chunks[chunk_id]
        return Citation(
            n=n,
            ref=self.docs[rec.doc_id].ref,
            passage=self.chunk_text(chunk_id),
            start=start,
            end=end,
            score=score,
            passage_start=rec.start,
            passage_end=rec.end,
        )

    def close(self) -> None:
        self.reader.close()
