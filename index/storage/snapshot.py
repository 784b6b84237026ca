"""An immutable, consistent view of one committed index generation, for readers.

A reader loads the generation number, documents and chunks inside one SQLite read transaction,
then that generation's FAISS and BM25 files. The writer never touches a committed
generation's files, so a snapshot stays valid, and queries keep being answered from it,
while the next generation is written.
"""

from __future__ import annotations

import sqlite3
import threading
import time
from pathlib import Path

import numpy as np

from index.storage import sqlite as store
from index.errors import NoIndexError
from index.storage.bm25 import LexicalIndex
from index.storage.sqlite import ChunkRecord
from index.indexing.sync import lexical_path, lexical_text, vectors_path
from index.types import Citation, DocInfo, Hit
from index.storage.faiss_index import VectorIndex

__all__ = ["ChunkRecord", "Snapshot", "committed_generation", "load_snapshot"]


class Snapshot:
    """Documents, chunks, vectors and BM25 of one generation."""

    def __init__(
        self,
        generation: int,
        meta: dict[str, str],
        docs: dict[str, DocInfo],
        texts: dict[str, str],
        chunks: dict[int, ChunkRecord],
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
        self._texts = texts
        self._conn = conn
        self._conn_lock = threading.Lock()
        by_doc: dict[str, list[int]] = {}
        for rec in chunks.values():
            by_doc.setdefault(rec.doc_id, []).append(rec.chunk_id)
        self._by_doc = {
            d: sorted(ids, key=lambda c: chunks[c].ordinal) for d, ids in by_doc.items()
        }

    def text(self, doc_id: str) -> str:
        """The cleaned text of a document; every offset points into it."""
        return self._texts[doc_id]

    def chunk_text(self, chunk_id: int) -> str:
        rec = self.chunks[chunk_id]
        return self._texts[rec.doc_id][rec.start : rec.end]

    def chunks_of(self, doc_id: str) -> list[int]:
        """Chunk ids of a document, in document order."""
        return list(self._by_doc.get(doc_id, ()))

    def dense_search(self, qvec: np.ndarray, k: int) -> list[tuple[int, float]]:
        """Up to `k` (chunk_id, cosine) pairs, best first."""
        return [(c, s) for c, s in self.vectors.search(qvec, k) if c in self.chunks]

    def sentence_vectors(self, chunk_id: int) -> np.ndarray:
        """One normalised vector per sentence of the chunk (zeros if no longer stored)."""
        rec = self.chunks[chunk_id]
        with self._conn_lock:
            vecs = store.sentence_vectors(self._conn, chunk_id, self.dim)
        if vecs is None or len(vecs) != len(rec.sentences):
            return np.zeros((len(rec.sentences), self.dim), dtype=np.float32)
        return vecs

    def hit(self, chunk_id: int, score: float) -> Hit:
        rec = self.chunks[chunk_id]
        doc = self.docs[rec.doc_id]
        return Hit(
            chunk_id=chunk_id,
            doc_id=doc.doc_id,
            path=doc.path,
            title=doc.title,
            date=doc.date,
            source=doc.source,
            url=doc.url,
            text=self.chunk_text(chunk_id),
            start=rec.start,
            end=rec.end,
            score=float(score),
        )

    def citation(self, n: int, chunk_id: int, start: int, end: int, score: float) -> Citation:
        """Marker [n]: the span [start, end) of a document, inside the chunk `chunk_id`."""
        rec = self.chunks[chunk_id]
        doc = self.docs[rec.doc_id]
        return Citation(
            n=n,
            doc_id=doc.doc_id,
            path=doc.path,
            title=doc.title,
            date=doc.date,
            source=doc.source,
            url=doc.url,
            passage=self.chunk_text(chunk_id),
            start=start,
            end=end,
            score=score,
            passage_start=rec.start,
            passage_end=rec.end,
        )

    def close(self) -> None:
        with self._conn_lock:
            self._conn.close()


def committed_generation(conn: sqlite3.Connection) -> int:
    return store.generation(conn)


def load_snapshot(index_dir: Path, attempts: int = 5) -> Snapshot:
    """Load the newest committed generation.

    Raises:
        NoIndexError: nothing has been built in `index_dir` yet.
    """
    db = index_dir / store.DB_NAME
    if not db.exists():
        raise NoIndexError(index_dir)
    conn = store.connect(db, readonly=True)
    try:
        for attempt in range(attempts):
            with store.transaction(conn):
                gen = store.generation(conn)
                if gen == 0:
                    raise NoIndexError(index_dir)
                meta = store.get_meta(conn)
                docs, texts = store.load_docs(conn)
                chunks = store.load_chunks(conn)
            try:
                vectors = VectorIndex.load(vectors_path(index_dir, gen))
                lexical = LexicalIndex.load(lexical_path(index_dir, gen))
                break
            except (OSError, RuntimeError, ValueError):
                if attempt + 1 < attempts:
                    # A newer generation was committed and this one's files cleaned up
                    # between our read and the file loads: read again.
                    time.sleep(0.05 * (attempt + 1))
                    continue
                vectors, lexical = _rebuild_in_memory(conn, chunks, texts, docs, int(meta["dim"]))
    except BaseException:
        conn.close()
        raise
    return Snapshot(gen, meta, docs, texts, chunks, vectors, lexical, conn)


def _rebuild_in_memory(
    conn: sqlite3.Connection,
    chunks: dict[int, ChunkRecord],
    texts: dict[str, str],
    docs: dict[str, DocInfo],
    dim: int,
) -> tuple[VectorIndex, LexicalIndex]:
    """Last resort when a generation's files can't be read: rebuild both from the database."""
    with store.transaction(conn):
        ids, mat = store.all_chunk_vectors(conn)
    keep = np.isin(ids, np.fromiter(chunks, dtype=np.int64))
    vectors = VectorIndex.build(dim, ids[keep], mat[keep]) if keep.any() else VectorIndex.empty(dim)
    order = sorted(chunks)
    lexical = LexicalIndex.build(
        order,
        [lexical_text(docs[chunks[c].doc_id].title, _chunk_text(texts, chunks[c])) for c in order],
    )
    return vectors, lexical


def _chunk_text(texts: dict[str, str], rec: ChunkRecord) -> str:
    return texts[rec.doc_id][rec.start : rec.end]


def verify(snap: Snapshot) -> list[str]:
    """Consistency problems of a snapshot (empty when it is sound).

    Returns:
        One line per problem: vectors and chunks disagreeing, spans outside their document,
        BM25 out of step, chunks of unknown documents.
    """
    problems: list[str] = []
    vec_ids = set(snap.vectors.ids().tolist())
    chunk_ids = set(snap.chunks)
    if vec_ids != chunk_ids:
        problems.append(
            f"vectors hold {len(vec_ids)} ids, chunks {len(chunk_ids)}; "
            f"{len(vec_ids - chunk_ids)} without a chunk, "
            f"{len(chunk_ids - vec_ids)} without a vector"
        )
    if len(snap.lexical) != len(chunk_ids):
        problems.append(f"BM25 holds {len(snap.lexical)} chunks, the database {len(chunk_ids)}")
    for rec in snap.chunks.values():
        if rec.doc_id not in snap.docs:
            problems.append(f"chunk {rec.chunk_id} belongs to unknown document {rec.doc_id}")
            continue
        n = len(snap.text(rec.doc_id))
        if not 0 <= rec.start < rec.end <= n:
            problems.append(f"chunk {rec.chunk_id} span {rec.start}-{rec.end} outside 0-{n}")
    for doc_id, info in snap.docs.items():
        if info.n_chunks != len(snap.chunks_of(doc_id)):
            problems.append(f"document {info.path} chunk count disagrees")
    return problems
