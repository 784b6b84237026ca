"""The local store: FAISS vectors and BM25 postings per generation, beside one SQLite database.

The embedded default: one machine, no server. A commit writes the next generation's FAISS file
and BM25 folder under new names, then switches documents, chunks and the generation number in
one SQLite transaction. BM25 is updated, not rebuilt: only the new chunks' texts are analysed
(bm25.py), so adding one document costs the same at any corpus size. Readers
(local_reader.py) open one generation at a time; the writer never touches a committed
generation's files, so a reader stays valid while the next generation is written.
"""

from __future__ import annotations

import shutil
import sqlite3
import threading
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from index.config import IndexConfig
from index.errors import NoIndexError
from index.storage import sqlite as db
from index.storage.base import Changes, EmbeddingLookup, StoredDoc
from index.storage.layout import (
    DB_NAME,
    lexical_path,
    lexical_text,
    remove_old_generations,
    vectors_path,
)

T = TypeVar("T")

if TYPE_CHECKING:
    from index.storage.bm25 import LexicalIndex
    from index.storage.faiss_index import VectorIndex
    from index.storage.local_reader import LocalReader


class LocalStore:
    """The FAISS + BM25 + SQLite backend of one index folder."""

    def __init__(self, config: IndexConfig) -> None:
        self.index_dir = config.index_dir
        self._probe_lock = threading.Lock()
        self._probe: sqlite3.Connection | None = None  # read-only, opened lazily

    def committed_generation(self) -> int:
        """The newest committed generation (one indexed read of the meta table).

        Raises:
            NoIndexError: nothing has been built yet.
        """
        path = self.index_dir / DB_NAME
        if not path.exists():
            raise NoIndexError(self.index_dir)
        with self._probe_lock:
            if self._probe is None:
                self._probe = db.connect(path, readonly=True)
            gen = db.generation(self._probe)
        if gen == 0:
            raise NoIndexError(self.index_dir)
        return gen

    def open_reader(self) -> LocalReader:
        from index.storage.local_reader import load_reader

        return load_reader(self.index_dir)

    def _read(self, query: Callable[[sqlite3.Connection], T], empty: T) -> T:
        """`query` on a read-only connection to the database (`empty` when there is none)."""
        path = self.index_dir / DB_NAME
        if not path.exists():
            return empty
        conn = db.connect(path, readonly=True)
        try:
            with db.transaction(conn):
                return query(conn)
        finally:
            conn.close()

    def manifest(self) -> dict[str, str]:
        return self._read(db.get_meta, {})

    def stored_documents(self) -> dict[str, StoredDoc]:
        return self._read(db.stored_docs, {})

    def counts(self) -> tuple[int, int]:
        return self._read(db.counts, (0, 0))

    def commit(self, changes: Changes, manifest: dict[str, str], cache: EmbeddingLookup) -> int:
        """Write the next generation's files, then switch the database to it in one transaction.

        Chunk vectors come from `cache`; sentence vectors stay in the cache, which shares
        this store's database, and readers join them by chunk hash.
        """
        conn = db.connect(self.index_dir / DB_NAME)
        try:
            gen = db.generation(conn)
            new_gen = self._commit(conn, gen, changes, manifest, cache)
        finally:
            conn.close()
        self._cleanup(self.index_dir, keep={new_gen, gen})
        return new_gen

    def _commit(
        self,
        conn: sqlite3.Connection,
        gen: int,
        changes: Changes,
        manifest: dict[str, str],
        cache: EmbeddingLookup,
    ) -> int:
        import numpy as np

        from index.storage.bm25 import LexicalIndex
        from index.storage.faiss_index import VectorIndex

        new_gen = gen + 1
        now = datetime.now(UTC).isoformat(timespec="seconds")
        dim = int(manifest["dim"])
        with db.transaction(conn, "IMMEDIATE"):
            vectors = VectorIndex.empty(dim) if changes.fresh else self._vectors_of(conn, gen, dim)
            # An upsert replaces whatever the document had; a new document simply has nothing.
            gone_docs = list(changes.deletes) + [u.doc.doc_id for u in changes.upserts]
            gone = db.chunk_ids_of(conn, gone_docs)
            db.delete_docs(conn, gone_docs)
            new_ids: list[int] = []
            for u in changes.upserts:
                new_ids += db.insert_doc(
                    conn, u.doc, u.file_hash, u.text_hash, u.chunks, u.chunk_hashes, now
                )
            vectors.remove(np.asarray(gone, dtype=np.int64))
            hashes = [h for u in changes.upserts for h in u.chunk_hashes]
            vectors.add(np.asarray(new_ids, dtype=np.int64), cache.vectors(hashes))
            db_ids = db.all_chunk_ids(conn)
            if not np.array_equal(np.sort(vectors.ids()), db_ids):
                # Never commit vectors that disagree with the chunks; rebuild them from the cache.
                ids, mat = db.all_chunk_vectors(conn)
                vectors = VectorIndex.build(dim, ids, mat)
            vectors = vectors.resized()  # exact while small, approximate (IVF) when large
            vectors.save(vectors_path(self.index_dir, new_gen))
            texts = [
                lexical_text(u.doc.title, u.doc.text[c.start : c.end])
                for u in changes.upserts
                for c in u.chunks
            ]
            lexical = None if changes.fresh else self._lexical_of(gen)
            if lexical is not None:
                lexical = lexical.updated(gone, new_ids, texts)
            if lexical is None or not np.array_equal(np.sort(lexical.ids()), db_ids):
                # A fresh build, or the last generation's BM25 is unreadable or out of step:
                # index every chunk again from the database.
                rows = db.lexical_rows(conn)
                lexical = LexicalIndex.build(
                    [r[0] for r in rows], [lexical_text(title, text) for _, title, text in rows]
                )
            lex_dir = lexical_path(self.index_dir, new_gen)
            shutil.rmtree(lex_dir, ignore_errors=True)  # left by a run killed before its commit
            tmp_dir = lex_dir.with_name(lex_dir.name + ".tmp")
            shutil.rmtree(tmp_dir, ignore_errors=True)
            lexical.save(tmp_dir)
            tmp_dir.rename(lex_dir)
            db.set_meta(conn, {**manifest, "generation": str(new_gen), "last_indexed": now})
        return new_gen

    def _vectors_of(self, conn: sqlite3.Connection, gen: int, dim: int) -> VectorIndex:
        """Generation `gen`'s vectors, or all of them rebuilt from the embedding cache."""
        from index.storage.faiss_index import VectorIndex

        path = vectors_path(self.index_dir, gen)
        if gen > 0 and path.exists():
            try:
                loaded = VectorIndex.load(path)
                if loaded.dim == dim:
                    return loaded
            except RuntimeError:
                pass  # unreadable: rebuilt from the embedding cache below, nothing is lost
        ids, mat = db.all_chunk_vectors(conn)
        return VectorIndex.build(dim, ids, mat) if len(ids) else VectorIndex.empty(dim)

    def _lexical_of(self, gen: int) -> LexicalIndex | None:
        """Generation `gen`'s BM25, or None when there is none or it can't be read."""
        from index.storage.bm25 import LexicalIndex

        path = lexical_path(self.index_dir, gen)
        if gen == 0 or not path.exists():
            return None
        try:
            return LexicalIndex.load(path)
        except (OSError, ValueError, KeyError):
            return None  # rebuilt from the database by the caller, nothing is lost

    def generation_ok(self, gen: int) -> bool:
        """Generation `gen`'s files are on disk."""
        d = self.index_dir
        return vectors_path(d, gen).exists() and lexical_path(d, gen).exists()

    def tidy(self, gen: int) -> None:
        """Remove what a run killed after its commit left: files of older generations."""
        self._cleanup(self.index_dir, keep={gen, gen - 1})

    @staticmethod
    def _cleanup(index_dir: Path, keep: set[int]) -> None:
        """Delete the files of generations other than `keep` (the crash tests pause here)."""
        remove_old_generations(index_dir, keep)

    def close(self) -> None:
        with self._probe_lock:
            if self._probe is not None:
                self._probe.close()
                self._probe = None
