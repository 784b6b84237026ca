"""The local store's reader: one committed generation's documents, chunks, FAISS and BM25.

A reader opens one SQLite read transaction and keeps it for its life: the generation number,
documents and chunks are loaded in it, then that generation's files; document texts and
sentence vectors are read in it when asked for, so they need no memory and always belong to
the reader's generation (WAL keeps that state readable while the writer commits the next).
The writer (local.py) never touches a committed generation's files, so a reader stays valid
while the next generation is written.
"""

from __future__ import annotations

import sqlite3
import threading
import time
from collections import Counter
from collections.abc import Mapping, Sequence
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from index.errors import NoIndexError
from index.storage import sqlite as db
from index.storage.base import ChunkRecord, SearchFilter
from index.storage.chunk_table import chunks_by_doc
from index.storage.layout import DB_NAME, lexical_path, lexical_text, vectors_path
from index.storage.snapshot import Snapshot
from index.text.dates import parse_iso
from index.types import SourceInfo

if TYPE_CHECKING:
    # Imported where used: a no-op `docbot index` needs neither FAISS nor BM25.
    from index.storage.bm25 import LexicalIndex
    from index.storage.faiss_index import VectorIndex


TEXTS_KEPT = 256  # document texts a reader keeps in memory


class LocalReader:
    """Documents, chunks, vectors and BM25 of one committed generation."""

    def __init__(
        self,
        generation: int,
        meta: dict[str, str],
        docs: dict[str, SourceInfo],
        chunks: Mapping[int, ChunkRecord],
        vectors: VectorIndex,
        lexical: LexicalIndex,
        conn: sqlite3.Connection,
    ) -> None:
        self.generation = generation
        self.meta = meta
        self.docs = docs
        self.chunks = chunks
        self.vectors = vectors
        self.lexical = lexical
        self.dim = vectors.dim
        self._texts: dict[str, str] = {}  # the most recently read texts, oldest first
        self._dates = {d: parse_iso(info.date) for d, info in docs.items()}
        self._conn = conn
        self._conn_lock = threading.Lock()
        self._filters: dict[SearchFilter, tuple[np.ndarray, np.ndarray]] = {}
        self._by_doc = chunks_by_doc(chunks)

    def text(self, doc_id: str) -> str:
        """A document's text, read from this generation (the last few are kept)."""
        with self._conn_lock:
            text = self._texts.pop(doc_id, None)
            if text is None:
                text = db.doc_text(self._conn, doc_id)
                if text is None:
                    raise KeyError(doc_id)
                if len(self._texts) >= TEXTS_KEPT:
                    del self._texts[next(iter(self._texts))]
            self._texts[doc_id] = text
        return text

    def published(self, doc_id: str) -> date | None:
        return self._dates.get(doc_id)

    def _allowed(self, where: SearchFilter | None) -> tuple[np.ndarray, np.ndarray] | None:
        """Chunk ids the filter lets through, and the same as a mask over BM25's rows (None:
        all). A question runs both searches with one filter, so the last few are kept."""
        if where is None or (where.doc_ids is None and where.published is None):
            return None
        known = self._filters.get(where)
        if known is None:
            ids = self._allowed_ids(where)
            known = (ids, np.isin(self.lexical.row_ids(), ids))
            if len(self._filters) >= 16:
                self._filters.clear()
            self._filters[where] = known
        return known

    def _allowed_ids(self, where: SearchFilter) -> np.ndarray:
        ids: list[int] = []
        for doc_id, chunk_ids in self._by_doc.items():
            if where.doc_ids is not None and doc_id not in where.doc_ids:
                continue
            day = self._dates.get(doc_id)
            if (
                where.published is not None
                and day is not None
                and not where.published.contains(day)
            ):
                continue
            ids.extend(chunk_ids)
        return np.asarray(sorted(ids), dtype=np.int64)

    def dense_search(
        self, qvec: np.ndarray, k: int, where: SearchFilter | None = None
    ) -> list[tuple[int, float]]:
        """Up to `k` (chunk_id, cosine) pairs, best first."""
        allowed = self._allowed(where)
        hits = self.vectors.search(qvec, k, None if allowed is None else allowed[0])
        return [(c, s) for c, s in hits if c in self.chunks]

    def lexical_search(
        self, terms: Sequence[str], k: int, where: SearchFilter | None = None
    ) -> list[tuple[int, float]]:
        """Up to `k` (chunk_id, BM25) pairs with a positive score, best first."""
        allowed = self._allowed(where)
        return self.lexical.search_terms(terms, k, None if allowed is None else allowed[1])

    def lexical_scores(self, terms: Sequence[str], chunk_ids: Sequence[int]) -> list[float]:
        return self.lexical.scores(terms, chunk_ids)

    def has_term(self, term: str) -> bool:
        return self.lexical.has_term(term)

    def doc_freq(self, term: str) -> int:
        return self.lexical.doc_freq(term)

    def idf(self, term: str) -> float:
        return self.lexical.idf(term)

    def max_idf(self) -> float:
        return self.lexical.max_idf()

    def correct(self, term: str) -> str | None:
        return self.lexical.correct(term)

    def variants(self, term: str) -> tuple[str, ...]:
        return self.lexical.variants(term)

    def sentence_vectors(self, chunk_id: int) -> np.ndarray:
        """One normalised vector per sentence of the chunk (zeros if no longer stored)."""
        rec = self.chunks[chunk_id]
        with self._conn_lock:
            vecs = db.sentence_vectors(self._conn, chunk_id, self.dim)
        if vecs is None or len(vecs) != len(rec.sentences):
            return np.zeros((len(rec.sentences), self.dim), dtype=np.float32)
        return vecs

    def close(self) -> None:
        with self._conn_lock:
            self._conn.close()


def load_reader(index_dir: Path, attempts: int = 5) -> LocalReader:
    """Load the newest committed generation.

    Raises:
        NoIndexError: nothing has been built in `index_dir` yet.
    """
    path = index_dir / DB_NAME
    if not path.exists():
        raise NoIndexError(index_dir)
    from index.storage.bm25 import LexicalIndex
    from index.storage.faiss_index import VectorIndex

    conn = db.connect(path, readonly=True)
    try:
        for attempt in range(attempts):
            # The read transaction stays open for the reader's life: texts are read from this
            # generation's state of the database when asked for, not all held in memory.
            conn.execute("BEGIN")
            gen = db.generation(conn)
            if gen == 0:
                raise NoIndexError(index_dir)
            meta = db.get_meta(conn)
            docs = db.load_doc_infos(conn)
            chunks = db.load_chunks(conn)
            try:
                vectors = VectorIndex.load(vectors_path(index_dir, gen), mapped=True)
                lexical = LexicalIndex.load(lexical_path(index_dir, gen))
                break
            except (OSError, RuntimeError, ValueError, KeyError):
                if attempt + 1 < attempts:
                    # A newer generation was committed and this one's files cleaned up
                    # between our read and the file loads: read again.
                    conn.execute("ROLLBACK")
                    time.sleep(0.05 * (attempt + 1))
                    continue
                vectors, lexical = _rebuild_in_memory(conn, chunks, int(meta["dim"]))
    except BaseException:
        conn.close()
        raise
    return LocalReader(gen, meta, docs, chunks, vectors, lexical, conn)


def _rebuild_in_memory(
    conn: sqlite3.Connection, chunks: Mapping[int, ChunkRecord], dim: int
) -> tuple[VectorIndex, LexicalIndex]:
    """Last resort when a generation's files can't be read: rebuild both from the database
    (`conn` is inside the reader's transaction, so it sees the same generation)."""
    from index.storage.bm25 import LexicalIndex
    from index.storage.faiss_index import VectorIndex

    ids, mat = db.all_chunk_vectors(conn)
    keep = np.isin(ids, np.fromiter(chunks, dtype=np.int64))
    vectors = VectorIndex.build(dim, ids[keep], mat[keep]) if keep.any() else VectorIndex.empty(dim)
    rows = db.lexical_rows(conn)
    lexical = LexicalIndex.build(
        [r[0] for r in rows], [lexical_text(title, text) for _, title, text in rows]
    )
    return vectors, lexical


def verify(target: LocalReader | Snapshot) -> list[str]:
    """Consistency problems of a generation (empty when it is sound).

    Args:
        target: a local reader, or a snapshot over one.

    Returns:
        One line per problem: vectors and chunks disagreeing, spans outside their document,
        BM25 out of step, chunks of unknown documents.
    """
    reader = target.reader if isinstance(target, Snapshot) else target
    if not isinstance(reader, LocalReader):
        raise TypeError(f"verify checks the local store's files, not {type(reader).__name__}")
    problems: list[str] = []
    vec_ids = set(reader.vectors.ids().tolist())
    chunk_ids = set(reader.chunks)
    if vec_ids != chunk_ids:
        problems.append(
            f"vectors hold {len(vec_ids)} ids, chunks {len(chunk_ids)}; "
            f"{len(vec_ids - chunk_ids)} without a chunk, "
            f"{len(chunk_ids - vec_ids)} without a vector"
        )
    lex_ids = set(reader.lexical.ids().tolist())
    if len(reader.lexical) != len(chunk_ids) or lex_ids != chunk_ids:
        problems.append(
            f"BM25 holds {len(reader.lexical)} chunks, the database {len(chunk_ids)}; "
            f"{len(lex_ids ^ chunk_ids)} differ"
        )
    for rec in reader.chunks.values():
        if rec.doc_id not in reader.docs:
            problems.append(f"chunk {rec.chunk_id} belongs to unknown document {rec.doc_id}")
            continue
        n = len(reader.text(rec.doc_id))
        if not 0 <= rec.start < rec.end <= n:
            problems.append(f"chunk {rec.chunk_id} span {rec.start}-{rec.end} outside 0-{n}")
    per_doc = Counter(r.doc_id for r in reader.chunks.values())
    for doc_id, info in reader.docs.items():
        if info.chunks != per_doc[doc_id]:
            problems.append(f"document {info.path} chunk count disagrees")
    return problems
