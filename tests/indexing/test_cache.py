"""The embedding cache, read as a store reads it when it publishes."""

from __future__ import annotations

import numpy as np

from index.indexing.cache import EmbeddingCache
from index.storage import sqlite as db
from index.storage.layout import DB_NAME

DOCS = {
    "a.txt": "Talks in Seoul\n\nThe ministers met in Seoul. They agreed.",
    "b.txt": "Notes\n\nA.",
}


def test_the_cache_serves_what_readers_hold(make_kb) -> None:
    kb = make_kb(DOCS)
    kb.sync()
    snap = kb.snapshot()
    conn = db.connect(kb.index_dir / DB_NAME, readonly=True)
    try:
        rows = conn.execute("SELECT chunk_id, chunk_hash FROM chunks ORDER BY chunk_id").fetchall()
        cache = EmbeddingCache(conn, snap.dim)
        hashes = [h for _, h in rows]
        vectors = cache.vectors(hashes)
        sentences = cache.sentence_vectors(hashes)
    finally:
        conn.close()
    qvec = kb.embedder.embed_queries(["ministers met in Seoul"])[0]
    dense = dict(snap.dense_search(qvec, 10))
    for (chunk_id, _), vec, sent in zip(rows, vectors, sentences, strict=True):
        assert abs(float(vec @ qvec) - dense[chunk_id]) < 1e-5
        assert np.allclose(sent.astype(np.float32), snap.sentence_vectors(chunk_id), atol=1e-3)
