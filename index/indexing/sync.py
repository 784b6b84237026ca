"""`docbot index`: bring the index in step with the corpus folder, incrementally and crash-safely.

A run compares the folder with the index by content hash and then commits a new *generation*:
new FAISS and BM25 files written under new names, then one SQLite transaction that switches
the documents, chunks and generation number together. Until that commit, readers and a
restarted run see the previous generation, whole. Embeddings are cached by chunk hash and
committed as they are computed, so a killed run loses no embedding work and a renamed or moved
file is never embedded again.
"""

from __future__ import annotations

import hashlib
import shutil
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from index.storage import sqlite as store
from index.embed.sbert import Embedder
from index.errors import DocumentError, RebuildRequiredError
from index.indexing.lock import writer_lock
from index.ingest.scan import DEFAULT_MAX_FILE_BYTES, ScannedFile, scan_corpus
from index.types import Chunk, Document, SkippedFile, SyncReport

EMBED_BATCH = 64  # chunks embedded (and committed to the cache) per step
KEEP_UNREFERENCED_EMBEDDINGS = 20_000

Progress = Callable[[str, int, int], None]  # (stage, done, total)


@dataclass(frozen=True)
class _Prepared:
    doc: Document
    file_hash: str
    text_hash: str
    chunks: list[Chunk]
    chunk_hashes: list[str]


def vectors_path(index_dir: Path, gen: int) -> Path:
    return index_dir / f"vectors-{gen:06d}.faiss"


def lexical_path(index_dir: Path, gen: int) -> Path:
    return index_dir / f"bm25-{gen:06d}"


def lexical_text(title: str, chunk_text: str) -> str:
    """What BM25 indexes for a chunk: its document's title and its text."""
    return title + "\n" + chunk_text


def manifest_for(embedder: Embedder) -> dict[str, str]:
    """What the stored vectors depend on: if any of it changes, a full rebuild is needed."""
    from index.ingest.chunking import CHUNKER_VERSION

    return {
        "model": embedder.name,
        "dim": str(embedder.dim),
        "chunker_version": CHUNKER_VERSION,
        "schema_version": store.SCHEMA_VERSION,
    }


def check_manifest(stored: dict[str, str], wanted: dict[str, str]) -> list[str]:
    """Human-readable differences between the index's manifest and the current settings."""
    if "model" not in stored:
        return []
    return [
        f"{key} is {stored.get(key)!r} in the index but {value!r} now"
        for key, value in wanted.items()
        if stored.get(key) != value
    ]


def sync(
    corpus: Path,
    index_dir: Path,
    embedder: Embedder,
    *,
    rebuild: bool = False,
    wait: bool = True,
    progress: Progress | None = None,
    on_wait: Callable[[str], None] | None = None,
    max_file_bytes: int = DEFAULT_MAX_FILE_BYTES,
) -> SyncReport:
    """Index what changed in `corpus` since the last run.

    Args:
        corpus: the documents folder.
        index_dir: where the index lives (created if needed).
        embedder: the model; it is only loaded if some chunk is not in the embedding cache.
        rebuild: discard the index (and its embedding cache) and build it anew.
        wait: wait for another run's lock; if False, raise IndexLockedError instead.
        progress: told (stage, done, total) while embedding.
        on_wait: told who holds the lock when this run has to wait.
        max_file_bytes: files larger than this are skipped.

    Returns:
        What the run did.
    """
    t0 = time.perf_counter()
    if not corpus.is_dir():
        # Checked before taking the lock so a typo never creates an index folder.
        scan_corpus(corpus, {})
    with writer_lock(index_dir, wait=wait, on_wait=on_wait):
        conn = store.connect(index_dir / store.DB_NAME)
        try:
            return _sync_locked(
                conn, corpus, index_dir, embedder, rebuild, progress, max_file_bytes, t0
            )
        finally:
            conn.close()


def _sync_locked(
    conn,  # type: ignore[no-untyped-def]
    corpus: Path,
    index_dir: Path,
    embedder: Embedder,
    rebuild: bool,
    progress: Progress | None,
    max_file_bytes: int,
    t0: float,
) -> SyncReport:
    wanted = manifest_for(embedder)
    meta = store.get_meta(conn)
    differences = check_manifest(meta, wanted)
    if differences and not rebuild:
        raise RebuildRequiredError(differences)
    gen = store.generation(conn)
    stored = store.stored_docs(conn)
    # A rebuild reads every file afresh and replaces every document in the same single
    # transaction as any other run, so a rebuild killed half-way leaves the old index whole.
    known = {} if rebuild else {path: d.file_hash for path, d in stored.items()}
    files, skipped = scan_corpus(corpus, known, max_file_bytes)

    new_paths = [p for p, f in files.items() if f.data is not None and p not in stored]
    changed_paths = [p for p, f in files.items() if f.data is not None and p in stored]
    unchanged = len(files) - len(new_paths) - len(changed_paths)

    prepared: dict[str, _Prepared] = {}
    for rel in new_paths + changed_paths:
        try:
            prepared[rel] = _prepare(files[rel], embedder, wanted)
        except DocumentError as exc:
            skipped.append(SkippedFile(rel, str(exc)))
    if rebuild:
        removed_paths = [p for p in stored if p not in prepared]
        replaced_paths = [p for p in stored if p in prepared]
    else:
        # A file that was indexed and is now unreadable or broken keeps its old version: bad
        # input loses nothing. Only a file that is gone from the folder is removed.
        skipped_paths = {s.path for s in skipped}
        removed_paths = [p for p in stored if p not in files and p not in skipped_paths]
        replaced_paths = [p for p in changed_paths if p in prepared]
        skipped = [
            SkippedFile(s.path, s.reason + " (the previously indexed version is kept)")
            if s.path in stored
            else s
            for s in skipped
        ]
    removed_ids = [stored[p].doc_id for p in removed_paths]
    replaced_ids = [stored[p].doc_id for p in replaced_paths]

    embedded = _embed_missing(conn, embedder, list(prepared.values()), progress)

    vectors_ok = vectors_path(index_dir, gen).exists() and lexical_path(index_dir, gen).exists()
    nothing_changed = not prepared and not removed_ids
    if nothing_changed and (gen > 0 or not files) and (vectors_ok or gen == 0) and not rebuild:
        _cleanup(index_dir, keep={gen, gen - 1})  # what a run killed after its commit left
        counts = conn.execute("SELECT COUNT(*) FROM chunks").fetchone()[0]
        return SyncReport(
            documents=len(stored),
            chunks=int(counts),
            added=0,
            updated=0,
            removed=0,
            unchanged=unchanged,
            chunks_embedded=embedded,
            seconds=round(time.perf_counter() - t0, 3),
            skipped=sorted(skipped, key=lambda s: s.path),
            generation=gen,
        )

    new_gen = _commit_generation(
        conn, index_dir, gen, wanted, prepared, removed_ids, replaced_ids, fresh=rebuild
    )
    _cleanup(index_dir, keep={new_gen, gen})

    added_hashes = {prepared[p].file_hash for p in new_paths if p in prepared}
    removed_hashes = {stored[p].file_hash for p in removed_paths}
    renamed = len(added_hashes & removed_hashes)
    n_docs, n_chunks = conn.execute(
        "SELECT (SELECT COUNT(*) FROM documents), (SELECT COUNT(*) FROM chunks)"
    ).fetchone()
    return SyncReport(
        documents=int(n_docs),
        chunks=int(n_chunks),
        added=sum(1 for p in new_paths if p in prepared) - renamed,
        updated=len(replaced_ids),
        removed=len(removed_ids) - renamed,
        unchanged=unchanged,
        chunks_embedded=embedded,
        seconds=round(time.perf_counter() - t0, 3),
        skipped=sorted(skipped, key=lambda s: s.path),
        renamed=renamed,
        generation=new_gen,
    )


def _prepare(file: ScannedFile, embedder: Embedder, manifest: dict[str, str]) -> _Prepared:
    from index.ingest.chunking import chunk_document
    from index.ingest.documents import load_document

    assert file.data is not None
    doc = load_document(file.rel, file.data, file.sidecar)
    if not doc.text.strip():
        raise DocumentError("no text")
    chunks = chunk_document(doc, _token_counter(doc, embedder))
    text_hash = hashlib.blake2b(doc.text.encode("utf-8"), digest_size=16).hexdigest()
    salt = f"{manifest['model']}|{manifest['chunker_version']}|"
    hashes = [
        hashlib.blake2b(
            (salt + c.embed_text + "|" + repr(_local_spans(c))).encode("utf-8"), digest_size=20
        ).hexdigest()
        for c in chunks
    ]
    return _Prepared(doc, file.file_hash, text_hash, chunks, hashes)


def _token_counter(doc: Document, embedder: Embedder) -> Callable[[str], int]:
    """`embedder.count_tokens`, with every sentence of `doc` counted up front in one batch.

    The chunker asks for each sentence's count; one batched call is several times faster
    than a call per sentence.
    """
    from index.text.sentences import split_sentences

    sentences = [doc.text[s:e] for s, e in split_sentences(doc.text)]
    known = dict(zip(sentences, embedder.count_tokens_many(sentences), strict=True))

    def count(text: str) -> int:
        n = known.get(text)
        return embedder.count_tokens(text) if n is None else n

    return count


def _local_spans(chunk: Chunk) -> list[tuple[int, int]]:
    """Sentence spans relative to `chunk.embed_text`, which ends with the chunk's text."""
    offset = len(chunk.embed_text) - len(chunk.text) - chunk.start
    return [(s + offset, e + offset) for s, e in chunk.sentences]


def _embed_missing(conn, embedder: Embedder, prepared: list[_Prepared], progress) -> int:  # type: ignore[no-untyped-def]
    """Embed every chunk whose hash is not cached yet; returns how many were embedded."""
    todo: dict[str, Chunk] = {}
    for p in prepared:
        for chunk, h in zip(p.chunks, p.chunk_hashes, strict=True):
            todo.setdefault(h, chunk)
    cached = store.cached_hashes(conn, todo)
    missing = [(h, c) for h, c in todo.items() if h not in cached]
    if cached:
        with store.transaction(conn):
            store.touch_embeddings(conn, cached)
    done = 0
    if progress:
        progress("embedding", 0, len(missing))
    for i in range(0, len(missing), EMBED_BATCH):
        batch = missing[i : i + EMBED_BATCH]
        vecs, sent_vecs = embedder.embed_passages(
            [c.embed_text for _, c in batch], [_local_spans(c) for _, c in batch]
        )
        store.put_embeddings(conn, [h for h, _ in batch], vecs, sent_vecs)
        done += len(batch)
        if progress:
            progress("embedding", done, len(missing))
    return len(missing)


def _commit_generation(
    conn,  # type: ignore[no-untyped-def]
    index_dir: Path,
    gen: int,
    manifest: dict[str, str],
    prepared: dict[str, _Prepared],
    removed_ids: list[str],
    replaced_ids: list[str],
    *,
    fresh: bool = False,
) -> int:
    """Write generation gen+1's files, then switch the database to it in one transaction."""
    from index.storage.bm25 import LexicalIndex
    from index.storage.faiss_index import VectorIndex

    new_gen = gen + 1
    now = datetime.now(UTC).isoformat(timespec="seconds")
    dim = int(manifest["dim"])
    with store.transaction(conn, "IMMEDIATE"):
        vectors = (
            VectorIndex.empty(dim) if fresh else _load_or_rebuild_vectors(conn, index_dir, gen, dim)
        )
        gone = store.chunk_ids_of(conn, removed_ids + replaced_ids)
        store.delete_docs(conn, removed_ids + replaced_ids)
        new_ids: list[int] = []
        for p in prepared.values():
            new_ids += store.insert_doc(
                conn, p.doc, p.file_hash, p.text_hash, p.chunks, p.chunk_hashes, now
            )
        vectors.remove(_array(gone))
        vectors.add(_array(new_ids), store.vectors_for(conn, new_ids))
        chunk_rows = conn.execute(
            'SELECT c.chunk_id, d.text, c.start, c."end", d.title FROM chunks c'
            " JOIN documents d ON d.doc_id = c.doc_id ORDER BY c.chunk_id"
        ).fetchall()
        db_ids = [int(r[0]) for r in chunk_rows]
        if sorted(vectors.ids().tolist()) != db_ids:
            # Never commit vectors that disagree with the chunks; rebuild them from the cache.
            ids, mat = store.all_chunk_vectors(conn)
            vectors = VectorIndex.build(dim, ids, mat)
        vectors.save(vectors_path(index_dir, new_gen))
        lexical = LexicalIndex.build(
            db_ids, [lexical_text(r[4], r[1][r[2] : r[3]]) for r in chunk_rows]
        )
        lex_dir = lexical_path(index_dir, new_gen)
        shutil.rmtree(lex_dir, ignore_errors=True)  # left by a run killed before its commit
        tmp_dir = lex_dir.with_name(lex_dir.name + ".tmp")
        shutil.rmtree(tmp_dir, ignore_errors=True)
        lexical.save(tmp_dir)
        tmp_dir.rename(lex_dir)
        store.set_meta(conn, {**manifest, "generation": str(new_gen), "last_indexed": now})
        store.prune_embedding_cache(conn, KEEP_UNREFERENCED_EMBEDDINGS)
    return new_gen


def _load_or_rebuild_vectors(conn, index_dir: Path, gen: int, dim: int):  # type: ignore[no-untyped-def]
    from index.storage.faiss_index import VectorIndex

    path = vectors_path(index_dir, gen)
    if gen > 0 and path.exists():
        try:
            loaded = VectorIndex.load(path)
            if loaded.dim == dim:
                return loaded
        except RuntimeError:
            pass  # unreadable: rebuilt from the embedding cache below, nothing is lost
    ids, mat = store.all_chunk_vectors(conn)
    return VectorIndex.build(dim, ids, mat) if len(ids) else VectorIndex.empty(dim)


def _array(ids: list[int]):  # type: ignore[no-untyped-def]
    import numpy as np

    return np.asarray(ids, dtype=np.int64)


def _cleanup(index_dir: Path, keep: set[int]) -> None:
    """Delete generation files other than the current and the previous one."""
    for path in index_dir.glob("vectors-*.faiss*"):
        _remove_if_old(path, keep)
    for path in index_dir.glob("bm25-*"):
        _remove_if_old(path, keep)


def _remove_if_old(path: Path, keep: set[int]) -> None:
    number = path.name.split("-", 1)[1].split(".", 1)[0]
    if ".tmp" not in path.name and number.isdigit() and int(number) in keep:
        return
    if path.is_dir():
        shutil.rmtree(path, ignore_errors=True)
    else:
        path.unlink(missing_ok=True)
