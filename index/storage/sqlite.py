"""All of docbot's SQL: documents, chunks, the embedding cache and the manifest.

The indexer's bookkeeping (file hashes, the embedding cache keyed by chunk hash, the manifest)
and the local store's tables (documents, chunks) share one database. SQLite runs in WAL mode,
so readers (the bot) keep reading a consistent snapshot while one writer (`docbot index`)
prepares the next generation inside a single transaction.
"""

from __future__ import annotations

import json
import sqlite3
import time
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from index.storage.base import StoredDoc
from index.types import Chunk, DocRef, Document, SourceInfo

if TYPE_CHECKING:
    import numpy as np

    from index.storage.chunk_table import ChunkTable

SCHEMA_VERSION = "1"

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS documents (
    doc_id     TEXT PRIMARY KEY,
    path       TEXT NOT NULL UNIQUE,
    file_hash  TEXT NOT NULL,
    text_hash  TEXT NOT NULL,
    title      TEXT NOT NULL,
    date       TEXT,
    source     TEXT,
    url        TEXT,
    text       TEXT NOT NULL,
    indexed_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS chunks (
    chunk_id   INTEGER PRIMARY KEY AUTOINCREMENT,
    doc_id     TEXT NOT NULL REFERENCES documents(doc_id),
    ordinal    INTEGER NOT NULL,
    start      INTEGER NOT NULL,
    "end"      INTEGER NOT NULL,
    sentences  TEXT NOT NULL,
    chunk_hash TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS chunks_by_doc ON chunks(doc_id, ordinal);
CREATE INDEX IF NOT EXISTS chunks_by_hash ON chunks(chunk_hash);
CREATE TABLE IF NOT EXISTS embeddings (
    chunk_hash TEXT PRIMARY KEY,
    vector     BLOB NOT NULL,
    sentences  BLOB NOT NULL,
    n_sent     INTEGER NOT NULL,
    last_used  REAL NOT NULL
);
CREATE TABLE IF NOT EXISTS file_stats (
    path      TEXT PRIMARY KEY,
    signature TEXT NOT NULL,
    file_hash TEXT NOT NULL
);
"""


@dataclass(frozen=True)
class Embedding:
    vector: np.ndarray  # (dim,) float32
    sentences: np.ndarray  # (n, dim) float16


def connect(path: Path, *, readonly: bool = False) -> sqlite3.Connection:
    """Open the database; the writer creates it and its schema."""
    if readonly:
        conn = sqlite3.connect(
            f"file:{path}?mode=ro", uri=True, timeout=30, check_same_thread=False
        )
    else:
        conn = sqlite3.connect(path, timeout=30, check_same_thread=False)
        conn.execute("PRAGMA journal_mode=WAL")
        conn.executescript(_SCHEMA)
    # NORMAL is durable against a killed process in WAL mode; only power loss can drop the
    # last commit, and even then the database stays consistent.
    conn.execute("PRAGMA synchronous=NORMAL")
    conn.execute("PRAGMA foreign_keys=ON")
    conn.isolation_level = None  # explicit BEGIN/COMMIT only
    return conn


@contextmanager
def transaction(conn: sqlite3.Connection, mode: str = "") -> Iterator[sqlite3.Connection]:
    """BEGIN [mode] ... COMMIT, or ROLLBACK on any exception."""
    conn.execute(f"BEGIN {mode}")
    try:
        yield conn
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")


def get_meta(conn: sqlite3.Connection) -> dict[str, str]:
    return dict(conn.execute("SELECT key, value FROM meta").fetchall())


def set_meta(conn: sqlite3.Connection, values: dict[str, str]) -> None:
    conn.executemany(
        "INSERT INTO meta(key, value) VALUES(?, ?) "
        "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
        list(values.items()),
    )


def generation(conn: sqlite3.Connection) -> int:
    row = conn.execute("SELECT value FROM meta WHERE key = 'generation'").fetchone()
    return int(row[0]) if row else 0


def stored_docs(conn: sqlite3.Connection) -> dict[str, StoredDoc]:
    """Indexed documents by path."""
    rows = conn.execute("SELECT doc_id, path, file_hash FROM documents").fetchall()
    return {r[1]: StoredDoc(r[0], r[1], r[2]) for r in rows}


def file_signatures(conn: sqlite3.Connection) -> dict[str, tuple[str, str]]:
    """(stat signature, file hash) of the corpus files the last scan read, by path."""
    rows = conn.execute("SELECT path, signature, file_hash FROM file_stats").fetchall()
    return {r[0]: (r[1], r[2]) for r in rows}


def replace_file_signatures(conn: sqlite3.Connection, entries: dict[str, tuple[str, str]]) -> None:
    """Record what a scan found, in place of what the previous one did."""
    with transaction(conn):
        conn.execute("DELETE FROM file_stats")
        conn.executemany(
            "INSERT INTO file_stats(path, signature, file_hash) VALUES(?,?,?)",
            [(path, sig, digest) for path, (sig, digest) in entries.items()],
        )


def chunk_ids_of(conn: sqlite3.Connection, doc_ids: Iterable[str]) -> list[int]:
    out: list[int] = []
    for doc_id in doc_ids:
        out.extend(
            r[0] for r in conn.execute("SELECT chunk_id FROM chunks WHERE doc_id = ?", (doc_id,))
        )
    return out


def delete_docs(conn: sqlite3.Connection, doc_ids: Sequence[str]) -> None:
    for doc_id in doc_ids:
        conn.execute("DELETE FROM chunks WHERE doc_id = ?", (doc_id,))
        conn.execute("DELETE FROM documents WHERE doc_id = ?", (doc_id,))


def insert_doc(
    conn: sqlite3.Connection,
    doc: Document,
    file_hash: str,
    text_hash: str,
    chunks: Sequence[Chunk],
    chunk_hashes: Sequence[str],
    indexed_at: str,
) -> list[int]:
    """Insert a document and its chunks; returns the new chunk ids in order."""
    conn.execute(
        "INSERT INTO documents(doc_id, path, file_hash, text_hash, title, date, source, url, text,"
        " indexed_at) VALUES(?,?,?,?,?,?,?,?,?,?)",
        (
            doc.doc_id,
            doc.path,
            file_hash,
            text_hash,
            doc.title,
            doc.date,
            doc.source,
            doc.url,
            doc.text,
            indexed_at,
        ),
    )
    ids: list[int] = []
    for chunk, chunk_hash in zip(chunks, chunk_hashes, strict=True):
        cur = conn.execute(
            'INSERT INTO chunks(doc_id, ordinal, start, "end", sentences, chunk_hash)'
            " VALUES(?,?,?,?,?,?)",
            (
                doc.doc_id,
                chunk.ordinal,
                chunk.start,
                chunk.end,
                json.dumps(chunk.sentences),
                chunk_hash,
            ),
        )
        ids.append(int(cur.lastrowid or 0))
    return ids


def cached_hashes(conn: sqlite3.Connection, hashes: Iterable[str]) -> set[str]:
    """Which of `hashes` already have an embedding."""
    wanted = list(dict.fromkeys(hashes))
    found: set[str] = set()
    for i in range(0, len(wanted), 500):
        part = wanted[i : i + 500]
        marks = ",".join("?" * len(part))
        found.update(
            r[0]
            for r in conn.execute(
                f"SELECT chunk_hash FROM embeddings WHERE chunk_hash IN ({marks})", part
            )
        )
    return found


def put_embeddings(
    conn: sqlite3.Connection,
    hashes: Sequence[str],
    vectors: np.ndarray,
    sentence_vectors: Sequence[np.ndarray],
) -> None:
    """Cache embeddings by chunk hash, in their own short transaction.

    Committed as they are computed, so a run that is killed part-way loses no embedding work.
    """
    import numpy as np

    now = time.time()
    with transaction(conn):
        conn.executemany(
            "INSERT OR REPLACE INTO embeddings(chunk_hash, vector, sentences, n_sent, last_used)"
            " VALUES(?,?,?,?,?)",
            [
                (
                    h,
                    np.asarray(v, dtype=np.float32).tobytes(),
                    np.asarray(s, dtype=np.float16).tobytes(),
                    int(len(s)),
                    now,
                )
                for h, v, s in zip(hashes, vectors, sentence_vectors, strict=True)
            ],
        )


def touch_embeddings(conn: sqlite3.Connection, hashes: Iterable[str]) -> None:
    now = time.time()
    conn.executemany(
        "UPDATE embeddings SET last_used = ? WHERE chunk_hash = ?", [(now, h) for h in hashes]
    )


def all_chunk_vectors(conn: sqlite3.Connection) -> tuple[np.ndarray, np.ndarray]:
    """Every chunk id and its passage vector: enough to rebuild the FAISS file exactly."""
    import numpy as np

    rows = conn.execute(
        "SELECT c.chunk_id, e.vector FROM chunks c JOIN embeddings e ON e.chunk_hash = c.chunk_hash"
        " ORDER BY c.chunk_id"
    ).fetchall()
    ids = np.array([r[0] for r in rows], dtype=np.int64)
    if not rows:
        return ids, np.zeros((0, 0), dtype=np.float32)
    return ids, np.vstack([np.frombuffer(r[1], dtype=np.float32) for r in rows])


def sentence_vectors(conn: sqlite3.Connection, chunk_id: int, dim: int) -> np.ndarray | None:
    import numpy as np

    row = conn.execute(
        "SELECT e.sentences, e.n_sent FROM chunks c JOIN embeddings e"
        " ON e.chunk_hash = c.chunk_hash WHERE c.chunk_id = ?",
        (chunk_id,),
    ).fetchone()
    if row is None:
        return None
    return np.frombuffer(row[0], dtype=np.float16).reshape(int(row[1]), dim).astype(np.float32)


def load_doc_infos(conn: sqlite3.Connection) -> dict[str, SourceInfo]:
    """All documents' metadata, by doc_id (their texts are read one at a time: `doc_text`)."""
    counts = dict(conn.execute("SELECT doc_id, COUNT(*) FROM chunks GROUP BY doc_id").fetchall())
    infos: dict[str, SourceInfo] = {}
    for row in conn.execute(
        "SELECT doc_id, path, title, date, source, url, text_hash FROM documents"
    ):
        ref = DocRef(row[0], row[1], row[2], row[3], row[4], row[5])
        infos[row[0]] = SourceInfo(ref, chunks=int(counts.get(row[0], 0)), text_hash=row[6])
    return infos


def doc_text(conn: sqlite3.Connection, doc_id: str) -> str | None:
    row = conn.execute("SELECT text FROM documents WHERE doc_id = ?", (doc_id,)).fetchone()
    return None if row is None else str(row[0])


def load_chunks(conn: sqlite3.Connection) -> ChunkTable:
    from index.storage.chunk_table import ChunkTable

    return ChunkTable.from_rows(
        conn.execute(
            'SELECT chunk_id, doc_id, ordinal, start, "end", sentences FROM chunks '
            "ORDER BY chunk_id"
        )
    )


def prune_embedding_cache(conn: sqlite3.Connection, keep_unreferenced: int) -> int:
    """Drop the least recently used embeddings no chunk refers to, beyond `keep_unreferenced`.

    Some unreferenced rows are kept on purpose: a file removed in one run and put back (or
    moved) in a later one is then not embedded again.
    """
    cur = conn.execute(
        "DELETE FROM embeddings WHERE chunk_hash IN ("
        " SELECT chunk_hash FROM embeddings"
        " WHERE chunk_hash NOT IN (SELECT chunk_hash FROM chunks)"
        " ORDER BY last_used DESC LIMIT -1 OFFSET ?)",
        (keep_unreferenced,),
    )
    return int(cur.rowcount or 0)


def counts(conn: sqlite3.Connection) -> tuple[int, int]:
    """How many documents and chunks the database holds."""
    n_docs, n_chunks = conn.execute(
        "SELECT (SELECT COUNT(*) FROM documents), (SELECT COUNT(*) FROM chunks)"
    ).fetchone()
    return int(n_docs), int(n_chunks)


def all_chunk_ids(conn: sqlite3.Connection) -> np.ndarray:
    """Every chunk id, ascending."""
    import numpy as np

    rows = conn.execute("SELECT chunk_id FROM chunks ORDER BY chunk_id").fetchall()
    return np.fromiter((r[0] for r in rows), dtype=np.int64, count=len(rows))


def lexical_rows(conn: sqlite3.Connection) -> list[tuple[int, str, str]]:
    """(chunk_id, document title, chunk text) of every chunk, by chunk id: what BM25 indexes."""
    # substr counts characters (1-based), as Python slices do: only each chunk's own text is
    # read, not its whole document's once per chunk.
    rows = conn.execute(
        'SELECT c.chunk_id, d.title, substr(d.text, c.start + 1, c."end" - c.start) FROM chunks c'
        " JOIN documents d ON d.doc_id = c.doc_id ORDER BY c.chunk_id"
    ).fetchall()
    return [(int(r[0]), r[1], r[2]) for r in rows]


def vectors_by_hash(conn: sqlite3.Connection, chunk_hashes: Sequence[str]) -> np.ndarray:
    """Passage vectors of the given chunk hashes, in that order, from the embedding cache."""
    import numpy as np

    out = []
    for h in chunk_hashes:
        row = conn.execute("SELECT vector FROM embeddings WHERE chunk_hash = ?", (h,)).fetchone()
        if row is None:
            raise LookupError(f"no cached embedding for chunk {h}")
        out.append(np.frombuffer(row[0], dtype=np.float32))
    return np.vstack(out) if out else np.zeros((0, 0), dtype=np.float32)


def sentence_vectors_by_hash(
    conn: sqlite3.Connection, chunk_hashes: Sequence[str], dim: int
) -> list[np.ndarray]:
    """Sentence vectors of the given chunk hashes, in that order, from the embedding cache."""
    import numpy as np

    out = []
    for h in chunk_hashes:
        row = conn.execute(
            "SELECT sentences, n_sent FROM embeddings WHERE chunk_hash = ?", (h,)
        ).fetchone()
        if row is None:
            raise LookupError(f"no cached embedding for chunk {h}")
        out.append(np.frombuffer(row[0], dtype=np.float16).reshape(int(row[1]), dim))
    return out
