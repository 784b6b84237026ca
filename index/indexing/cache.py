"""The embedding cache: vectors keyed by chunk hash, committed as they are computed.

A run that is killed part-way loses no embedding work, and a renamed or moved file is never
embedded again. The cache is the indexer's own bookkeeping, in its SQLite database.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from index.embed.base import Embedder
from index.storage import sqlite as db
from index.storage.base import IndexedDocument
from index.types import Chunk

if TYPE_CHECKING:
    import numpy as np

EMBED_BATCH = 64  # chunks embedded (and committed to the cache) per step
KEEP_UNREFERENCED_EMBEDDINGS = 20_000

Progress = Callable[[str, int, int], None]  # (stage, done, total)


class EmbeddingCache:
    """Chunk vectors and sentence vectors by chunk hash."""

    def __init__(self, conn: sqlite3.Connection, dim: int) -> None:
        self._conn = conn
        self._dim = dim

    def embed_missing(
        self, embedder: Embedder, docs: Sequence[IndexedDocument], progress: Progress | None
    ) -> int:
        """Embed every chunk whose hash is not cached yet; returns how many were embedded."""
        todo: dict[str, Chunk] = {}
        for d in docs:
            for chunk, h in zip(d.chunks, d.chunk_hashes, strict=True):
                todo.setdefault(h, chunk)
        cached = db.cached_hashes(self._conn, todo)
        missing = [(h, c) for h, c in todo.items() if h not in cached]
        if cached:
            with db.transaction(self._conn):
                db.touch_embeddings(self._conn, cached)
        done = 0
        if progress:
            progress("embedding", 0, len(missing))
        batch_size = EMBED_BATCH
        for i in range(0, len(missing), batch_size):
            batch = missing[i : i + batch_size]
            vecs, sent_vecs = embedder.embed_passages(
                [c.embed_text for _, c in batch], [local_spans(c) for _, c in batch]
            )
            db.put_embeddings(self._conn, [h for h, _ in batch], vecs, sent_vecs)
            done += len(batch)
            if progress:
                progress("embedding", done, len(missing))
        return len(missing)

    def vectors(self, chunk_hashes: Sequence[str]) -> np.ndarray:
        return db.vectors_by_hash(self._conn, chunk_hashes)

    def sentence_vectors(self, chunk_hashes: Sequence[str]) -> list[np.ndarray]:
        return db.sentence_vectors_by_hash(self._conn, chunk_hashes, self._dim)

    def prune(self) -> int:
        """Drop the oldest unreferenced embeddings beyond KEEP_UNREFERENCED_EMBEDDINGS."""
        with db.transaction(self._conn):
            return db.prune_embedding_cache(self._conn, KEEP_UNREFERENCED_EMBEDDINGS)


def local_spans(chunk: Chunk) -> list[tuple[int, int]]:
    """Sentence spans relative to `chunk.embed_text`, which ends with the chunk's text."""
    offset = len(chunk.embed_text) - len(chunk.text) - chunk.start
    return [(s + offset, e + offset) for s, e in chunk.sentences]
