"""`docbot index`: bring the index in step with the corpus folder, incrementally and crash-safely.

A run compares the folder with the index by content hash, embeds what the cache lacks, and
hands the store one set of changes, which it publishes as the next *generation* in one atomic
step. Until then, readers and a restarted run see the previous generation, whole.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from index.config import IndexConfig
from index.embed.base import Embedder
from index.errors import DocumentError, RebuildRequiredError
from index.indexing.cache import EmbeddingCache, Progress
from index.indexing.lock import writer_lock
from index.indexing.manifest import cache_namespace, check_manifest, manifest_for
from index.ingest.scan import ScannedFile, scan_corpus
from index.storage import sqlite as db
from index.storage.base import Changes, IndexedDocument, Store
from index.storage.layout import DB_NAME
from index.types import SkippedFile, SyncReport

__all__ = ["Progress", "sync"]


def sync(
    config: IndexConfig,
    embedder: Embedder,
    store: Store,
    *,
    rebuild: bool = False,
    wait: bool = True,
    progress: Progress | None = None,
    on_wait: Callable[[str], None] | None = None,
) -> SyncReport:
    """Index what changed in the corpus since the last run.

    Args:
        config: the corpus and index folders, and the file size cap.
        embedder: the model; it is only loaded if some chunk is not in the embedding cache.
        store: where the new generation is published.
        rebuild: read every file afresh and replace the whole index.
        wait: wait for another run's lock; if False, raise IndexLockedError instead.
        progress: told (stage, done, total) while embedding.
        on_wait: told who holds the lock when this run has to wait.

    Returns:
        What the run did.
    """
    t0 = time.perf_counter()
    if not config.corpus.is_dir():
        # Checked before taking the lock so a typo never creates an index folder.
        scan_corpus(config.corpus, {})
    with writer_lock(config.index_dir, wait=wait, on_wait=on_wait):
        # The indexer's own database: the embedding cache. (The local store keeps its tables in
        # the same file; another store keeps them on its engine.)
        conn = db.connect(config.index_dir / DB_NAME)
        try:
            return _sync_locked(conn, config, embedder, store, rebuild, progress, t0)
        finally:
            conn.close()


def _sync_locked(
    conn,  # type: ignore[no-untyped-def]
    config: IndexConfig,
    embedder: Embedder,
    store: Store,
    rebuild: bool,
    progress: Progress | None,
    t0: float,
) -> SyncReport:
    wanted = manifest_for(embedder)
    published = store.manifest()
    differences = check_manifest(published, wanted)
    if differences and not rebuild:
        raise RebuildRequiredError(differences)
    gen = int(published.get("generation", 0))
    stored = store.stored_documents()
    # A rebuild reads every file afresh and replaces every document in the same single
    # transaction as any other run, so a rebuild killed half-way leaves the old index whole.
    known = {} if rebuild else {path: d.file_hash for path, d in stored.items()}
    signatures = {} if rebuild else db.file_signatures(conn)
    files, skipped = scan_corpus(config.corpus, known, config.max_file_bytes, signatures)

    new_paths = [p for p, f in files.items() if f.data is not None and p not in stored]
    changed_paths = [p for p, f in files.items() if f.data is not None and p in stored]
    unchanged = len(files) - len(new_paths) - len(changed_paths)

    namespace = cache_namespace(wanted)
    prepared: dict[str, IndexedDocument] = {}
    if new_paths or changed_paths:
        # Loading, chunking and dates are imported only when there is a file to read: a no-op
        # run is mostly interpreter start-up, and they would be a fifth of it.
        from index.indexing.prepare import prepare
    for rel in new_paths + changed_paths:
        try:
            prepared[rel] = prepare(files[rel], embedder, namespace)
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

    cache = EmbeddingCache(conn, int(wanted["dim"]))
    embedded = cache.embed_missing(embedder, list(prepared.values()), progress)

    nothing_changed = not prepared and not removed_ids
    whole = gen == 0 or store.generation_ok(gen)
    if nothing_changed and (gen > 0 or not files) and whole and not rebuild:
        store.tidy(gen)  # what a run killed after its commit left
        _record_signatures(conn, files, signatures)
        return SyncReport(
            documents=len(stored),
            chunks=store.counts()[1],
            added=0,
            updated=0,
            removed=0,
            unchanged=unchanged,
            chunks_embedded=embedded,
            seconds=round(time.perf_counter() - t0, 3),
            skipped=sorted(skipped, key=lambda s: s.path),
            generation=gen,
        )

    changes = Changes(list(prepared.values()), removed_ids, fresh=rebuild)
    new_gen = store.commit(changes, wanted, cache)
    cache.prune()
    _record_signatures(conn, files, signatures)

    added_hashes = {prepared[p].file_hash for p in new_paths if p in prepared}
    removed_hashes = {stored[p].file_hash for p in removed_paths}
    renamed = len(added_hashes & removed_hashes)
    n_docs, n_chunks = store.counts()
    return SyncReport(
        documents=n_docs,
        chunks=n_chunks,
        added=sum(1 for p in new_paths if p in prepared) - renamed,
        updated=len(replaced_paths),
        removed=len(removed_ids) - renamed,
        unchanged=unchanged,
        chunks_embedded=embedded,
        seconds=round(time.perf_counter() - t0, 3),
        skipped=sorted(skipped, key=lambda s: s.path),
        renamed=renamed,
        generation=new_gen,
    )


def _record_signatures(
    conn,  # type: ignore[no-untyped-def]
    files: dict[str, ScannedFile],
    before: dict[str, tuple[str, str]],
) -> None:
    """Remember each file's stat signature with its hash, once the index holds that hash.

    Written only after a run has published (or found nothing to publish), so a recorded hash
    is never one the index lacks; a file recorded with another hash than the index's is read.
    """
    now = {f.rel: (f.signature, f.file_hash) for f in files.values() if f.signature is not None}
    if now != before:
        db.replace_file_signatures(conn, now)
