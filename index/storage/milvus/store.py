"""The milvus store's write side: publish a run's changes as the next generation, safely.

A commit writes the new rows with `added = G+1` and marks replaced rows `removed = G+1`; both
are invisible to, or still visible to, readers of generation G. One upsert of the `current`
meta row then publishes G+1 (a rebuild instead fills a new set and switches the alias). A run
killed before that leaves G whole; the next run first undoes what the killed one wrote.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import numpy as np

from index.config import IndexConfig
from index.errors import NoIndexError
from index.storage.base import Changes, EmbeddingLookup, IndexedDocument, StoredDoc
from index.storage.layout import lexical_text
from index.storage.milvus.engine import TEXT_PART_CHARS, Engine, quoted, visible
from index.storage.milvus.reader import MilvusReader, read_meta, read_vocabulary
from index.storage.vocabulary import Vocabulary, chunk_terms
from index.types import Chunk

SENTENCE_SLOTS = 4096  # sentence row id = chunk_id * SENTENCE_SLOTS + sentence number
VOCAB_PART_BYTES = 60_000


class MilvusStore:
    """Documents, chunks, vectors, BM25 terms and texts of one alias on one Milvus."""

    def __init__(self, config: IndexConfig) -> None:
        self.uri = config.milvus_uri or str(config.index_dir / "milvus.db")
        self._token = config.milvus_token
        self._alias = config.milvus_collection
        self._engine: Engine | None = None

    @property
    def engine(self) -> Engine:
        if self._engine is None:
            if "://" not in self.uri:  # an embedded milvus-lite file: its folder must exist
                Path(self.uri).parent.mkdir(parents=True, exist_ok=True)
            self._engine = Engine(self.uri, self._token, self._alias)
        return self._engine

    # -- what is published ------------------------------------------------------------------
    def _published(self) -> tuple[str, int] | None:
        """The live set and its generation (None before the first commit)."""
        live = self.engine.live_set()
        if live is None:
            return None
        current = read_meta(self.engine, live, "current")
        return (live, int(current["generation"])) if current else None

    def committed_generation(self) -> int:
        published = self._published()
        if published is None:
            raise NoIndexError(f"{self.uri} ({self._alias})")
        return published[1]

    def manifest(self) -> dict[str, str]:
        published = self._published()
        if published is None:
            return {}
        live, gen = published
        return {**read_meta(self.engine, live, f"gen:{gen}"), "generation": str(gen)}

    def stored_documents(self) -> dict[str, StoredDoc]:
        published = self._published()
        if published is None:
            return {}
        live, gen = published
        rows = self.engine.query(live + "_docs", visible(gen), ["doc_id", "path", "file_hash"])
        return {r["path"]: StoredDoc(r["doc_id"], r["path"], r["file_hash"]) for r in rows}

    def counts(self) -> tuple[int, int]:
        published = self._published()
        if published is None:
            return (0, 0)
        stats = read_meta(self.engine, published[0], f"stats:{published[1]}")
        return int(stats["docs"]), int(stats["chunks"])

    def open_reader(self) -> MilvusReader:
        published = self._published()
        if published is None:
            raise NoIndexError(f"{self.uri} ({self._alias})")
        return MilvusReader.open(self.engine, *published)

    def generation_ok(self, gen: int) -> bool:
        published = self._published()
        return published is not None and bool(read_meta(self.engine, published[0], f"stats:{gen}"))

    def tidy(self, gen: int) -> None:
        """Undo what a run killed before publishing wrote; clear what one killed after left."""
        published = self._published()
        if published is not None:
            self._undo(published[0], published[1])
            self._collect(published[0], published[1])
            self._drop_old_sets(published[0])

    # -- writing ----------------------------------------------------------------------------
    def commit(self, changes: Changes, manifest: dict[str, str], cache: EmbeddingLookup) -> int:
        """Write the next generation's rows, then publish it in one step."""
        eng = self.engine
        published = self._published()
        gen = published[1] if published else 0
        dim = int(manifest["dim"])
        if published is None or changes.fresh:
            target = eng.new_set(dim)
            vocab, next_id, n_docs = Vocabulary({}, 0, 0), 1, 0
        else:
            target = published[0]
            self._undo(target, gen)
            stats = read_meta(eng, target, f"stats:{gen}")
            vocab = read_vocabulary(eng, target, gen, stats)
            next_id, n_docs = int(stats["next_id"]), int(stats["docs"])
        new_gen = gen + 1
        removed_terms: list[list[str]] = []
        if published is not None and not changes.fresh:
            gone = list(changes.deletes) + [u.doc.doc_id for u in changes.upserts]
            removed_terms, n_gone = self._mark_removed(target, gen, new_gen, gone)
            n_docs -= n_gone
        added_terms: list[list[str]] = []
        for i in range(0, len(changes.upserts), 64):
            batch = changes.upserts[i : i + 64]
            next_id = self._insert(target, new_gen, batch, cache, next_id, added_terms)
        n_docs += len(changes.upserts)
        vocab = vocab.updated(added_terms, removed_terms)
        now = datetime.now(UTC).isoformat(timespec="seconds")
        stats = {"docs": n_docs, "chunks": vocab.n, "total": vocab.total, "next_id": next_id}
        self._write_meta(target, new_gen, {**manifest, "last_indexed": now}, stats, vocab)
        eng.flush(target)
        self._publish(target, new_gen)
        if published is not None and target == published[0]:
            self._collect(target, new_gen)
        self._drop_old_sets(target)
        return new_gen

    def _publish(self, target: str, gen: int) -> None:
        """The one step that makes generation `gen` what readers open (the crash tests pause
        just before it)."""
        self._put_meta(target, "current", {"generation": gen})
        self.engine.flush(target)
        if self.engine.live_set() != target:
            self.engine.switch(target)

    def _mark_removed(
        self, target: str, gen: int, new_gen: int, doc_ids: Sequence[str]
    ) -> tuple[list[list[str]], int]:
        """Mark the documents' rows removed as of `new_gen`; their chunks' terms, and how many
        documents were there."""
        eng = self.engine
        terms: list[list[str]] = []
        n_docs = 0
        for i in range(0, len(doc_ids), 200):
            where = f"doc_id in {quoted(doc_ids[i : i + 200])} and {visible(gen)}"
            docs = eng.query(target + "_docs", where, ["doc_key"])
            chunks = eng.query(target, where, ["chunk_id", "terms"])
            terms += [row["terms"].split(" ") for row in chunks]
            eng.upsert(
                target + "_docs",
                [{"doc_key": r["doc_key"], "removed": new_gen} for r in docs],
                True,
            )
            eng.upsert(
                target, [{"chunk_id": r["chunk_id"], "removed": new_gen} for r in chunks], True
            )
            n_docs += len(docs)
        return terms, n_docs

    def _insert(
        self,
        target: str,
        gen: int,
        docs: list[IndexedDocument],
        cache: EmbeddingLookup,
        next_id: int,
        added_terms: list[list[str]],
    ) -> int:
        """Write documents' rows as of `gen`; returns the next free chunk id."""
        hashes = [h for d in docs for h in d.chunk_hashes]
        vectors = cache.vectors(hashes)
        sentence_vectors = cache.sentence_vectors(hashes)
        doc_rows, text_rows, chunk_rows, sent_rows = [], [], [], []
        j = 0
        for d in docs:
            doc = d.doc
            key = f"{doc.doc_id}@{gen}"
            parts = [
                doc.text[k : k + TEXT_PART_CHARS] for k in range(0, len(doc.text), TEXT_PART_CHARS)
            ] or [""]
            doc_rows.append(_doc_row(d, key, gen, len(parts)))
            for n, part in enumerate(parts):
                text_rows.append(
                    {"key": f"{key}#{n}", "doc_key": key, "part": n, "text": part}
                    | {"vector": [1.0, 0.0]}
                )
            published = _ordinal(doc.date)
            for chunk in d.chunks:
                terms = chunk_terms(lexical_text(doc.title, chunk.text))
                added_terms.append(terms)
                sents = sentence_vectors[j].astype(np.float32)
                if len(sents) >= SENTENCE_SLOTS:
                    raise ValueError(f"{doc.path}: a chunk of {len(sents)} sentences")
                chunk_rows.append(
                    _chunk_row(next_id, doc.doc_id, key, chunk, gen, published, terms)
                    | {"dense": vectors[j].astype(np.float32).tolist()}
                )
                sent_rows += [
                    {"id": next_id * SENTENCE_SLOTS + n, "chunk_id": next_id, "vector": v.tolist()}
                    for n, v in enumerate(sents)
                ]
                next_id += 1
                j += 1
        eng = self.engine
        eng.upsert(target + "_texts", text_rows)
        eng.upsert(target + "_sents", sent_rows)
        eng.upsert(target, chunk_rows)
        eng.upsert(target + "_docs", doc_rows)
        return next_id

    def _write_meta(
        self,
        target: str,
        gen: int,
        manifest: dict[str, str],
        stats: dict[str, int],
        vocab: Vocabulary,
    ) -> None:
        parts: list[dict[str, int]] = [{}]
        size = 0
        for term, df in vocab.df.items():
            cost = len(term.encode()) + 12
            if size + cost > VOCAB_PART_BYTES:
                parts.append({})
                size = 0
            parts[-1][term] = df
            size += cost
        for n, part in enumerate(parts):
            self._put_meta(target, f"vocab:{gen}:{n}", part)
        self._put_meta(target, f"stats:{gen}", {**stats, "parts": len(parts)})
        self._put_meta(target, f"gen:{gen}", manifest)

    def _put_meta(self, target: str, key: str, value: dict[str, Any]) -> None:
        row = {"key": key, "value": json.dumps(value), "vector": [1.0, 0.0]}
        self.engine.upsert(target + "_meta", [row])

    # -- cleaning up ------------------------------------------------------------------------
    def _undo(self, target: str, gen: int) -> None:
        """Take back what a run killed before publishing `gen + 1` wrote."""
        eng = self.engine
        for suffix, key in (("", "chunk_id"), ("_docs", "doc_key")):
            marked = eng.query(target + suffix, f"removed > {gen}", [key])
            eng.upsert(target + suffix, [{key: r[key], "removed": 0} for r in marked], True)
        self._delete_rows(target, f"added > {gen}")

    def _collect(self, target: str, gen: int) -> None:
        """Delete rows no reader of `gen` or `gen - 1` can see, and older meta rows."""
        self._delete_rows(target, f"removed != 0 and removed < {gen}")
        old = self.engine.query(target + "_meta", 'key like "stats:%"', ["key"])
        for row in old:
            g = int(row["key"].split(":")[1])
            if g < gen - 1:
                self.engine.delete(
                    target + "_meta", f'key like "vocab:{g}:%" or key in ["stats:{g}", "gen:{g}"]'
                )

    def _delete_rows(self, target: str, where: str) -> None:
        eng = self.engine
        chunks = [r["chunk_id"] for r in eng.query(target, where, ["chunk_id"])]
        docs = [r["doc_key"] for r in eng.query(target + "_docs", where, ["doc_key"])]
        for i in range(0, len(chunks), 1000):
            eng.delete(target + "_sents", f"chunk_id in {chunks[i : i + 1000]}")
        for i in range(0, len(docs), 500):
            eng.delete(target + "_texts", f"doc_key in {quoted(docs[i : i + 500])}")
        eng.delete(target, where)
        eng.delete(target + "_docs", where)

    def _drop_old_sets(self, live: str) -> None:
        """Keep the live set and the one before it (readers may still hold it)."""
        sets = self.engine.sets()
        older = [s for s in sets if s < live]
        keep = {live, *older[-1:]}
        for name in sets:
            if name not in keep:
                self.engine.drop_set(name)

    def close(self) -> None:
        self._engine = None


# The two row builders below name the Milvus columns (see engine.py's schema); the house's
# word-list check knows them as a format vocabulary.
def _doc_row(d: IndexedDocument, key: str, gen: int, parts: int) -> dict[str, Any]:
    doc = d.doc
    return {
        "doc_key": key,
        "doc_id": doc.doc_id,
        "path": doc.path,
        "title": doc.title,
        "date": doc.date or "",
        "source": doc.source or "",
        "url": doc.url or "",
        "file_hash": d.file_hash,
        "text_hash": d.text_hash,
        "chunks": len(d.chunks),
        "parts": parts,
        "added": gen,
        "removed": 0,
        "vector": [1.0, 0.0],
    }


def _chunk_row(
    chunk_id: int, doc_id: str, key: str, chunk: Chunk, gen: int, published: int, terms: list[str]
) -> dict[str, Any]:
    return {
        "chunk_id": chunk_id,
        "doc_id": doc_id,
        "doc_key": key,
        "ordinal": chunk.ordinal,
        "start": chunk.start,
        "end": chunk.end,
        "published": published,
        "added": gen,
        "removed": 0,
        "sentences": json.dumps([list(s) for s in chunk.sentences]),
        "terms": " ".join(terms),
    }


def _ordinal(day: str | None) -> int:
    """A publication date as a day number for Milvus filters (-1: undated)."""
    from index.text.dates import parse_iso

    parsed = parse_iso(day) if day else None
    return parsed.toordinal() if parsed else -1
