"""The knowledge base facade: one object the CLI and the bot hold."""

from __future__ import annotations

import os
import re
import threading
import time
import unicodedata
from collections.abc import Callable
from pathlib import Path

from index.storage import sqlite as store
from index.embed.sbert import Embedder, SentenceTransformerEmbedder
from index.errors import DocbotError, DocumentError, NoIndexError, UploadError
from index.ingest.scan import DEFAULT_MAX_FILE_BYTES, SUPPORTED_SUFFIXES
from index.storage.snapshot import Snapshot, load_snapshot
from index.indexing.sync import Progress, sync
from index.types import (
    Answer,
    DocInfo,
    Hit,
    IndexStats,
    SourceInfo,
    Summary,
    SyncReport,
    doc_id_for,
)

DEFAULT_MAX_UPLOAD_BYTES = 10 * 1024 * 1024
_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")


class KnowledgeBase:
    """A corpus folder, its index, and the questions asked of them.

    Thread-safe: any number of threads may search and ask while one of them runs `sync`;
    readers keep the snapshot they hold and pick up a newly committed one on their next call.
    """

    def __init__(
        self,
        corpus: Path,
        index_dir: Path,
        model: str | None = None,
        embedder: Embedder | None = None,
        max_file_bytes: int = DEFAULT_MAX_FILE_BYTES,
    ) -> None:
        self.corpus = Path(corpus)
        self.index_dir = Path(index_dir)
        self.embedder: Embedder = embedder or SentenceTransformerEmbedder(model)
        self.max_file_bytes = max_file_bytes
        self._snap: Snapshot | None = None
        self._load_lock = threading.Lock()
        self._probe_lock = threading.Lock()
        self._probe: object = None  # a read-only sqlite connection, opened lazily

    # -- writing ----------------------------------------------------------------------------
    def sync(
        self,
        *,
        rebuild: bool = False,
        wait: bool = True,
        progress: Progress | None = None,
        on_wait: Callable[[str], None] | None = None,
    ) -> SyncReport:
        """Run an incremental index of the corpus (see `index.sync.sync`)."""
        return sync(
            self.corpus,
            self.index_dir,
            self.embedder,
            rebuild=rebuild,
            wait=wait,
            progress=progress,
            on_wait=on_wait,
            max_file_bytes=self.max_file_bytes,
        )

    def add_document(
        self, filename: str, data: bytes, max_bytes: int = DEFAULT_MAX_UPLOAD_BYTES
    ) -> tuple[SourceInfo, SyncReport]:
        """Save an uploaded file into the corpus under a safe, new name, then index it.

        Args:
            filename: the name the sender gave; only its base name and suffix are used.
            data: the file's bytes.
            max_bytes: the upload size cap.

        Returns:
            The new document as indexed, and the sync report.

        Raises:
            UploadError: the type, size or name is not acceptable.
            DocumentError: the content can't be read as a document; nothing is written.
        """
        from index.ingest.documents import load_document

        name = safe_filename(filename)
        if len(data) > max_bytes:
            raise UploadError(
                f"{name} is {len(data) / 1e6:.1f} MB; the limit is {max_bytes / 1e6:.0f} MB."
            )
        if not self.corpus.is_dir():
            raise UploadError(f"The corpus folder {self.corpus} does not exist.")
        load_document(name, data, None)  # refuse unreadable content before writing anything
        final = _write_new_file(self.corpus, name, data)
        rel = final.relative_to(self.corpus).as_posix()
        report = self.sync()
        self.refresh()
        snap = self.snapshot()
        info = snap.docs.get(doc_id_for(rel))
        if info is None:
            reasons = [s.reason for s in report.skipped if s.path == rel]
            raise DocumentError(f"{rel} was saved but not indexed: {'; '.join(reasons) or '?'}")
        return _source(info), report

    # -- reading ----------------------------------------------------------------------------
    def snapshot(self) -> Snapshot:
        """The newest committed snapshot (loaded when a newer generation appears).

        Raises:
            NoIndexError: nothing has been built yet.
        """
        gen = self._committed_generation()
        snap = self._snap
        if snap is not None and snap.generation == gen:
            return snap
        if snap is not None and not self._load_lock.acquire(blocking=False):
            return snap  # another thread is loading the new one; keep answering meanwhile
        if snap is None:
            self._load_lock.acquire()
        try:
            current = self._snap
            if current is None or current.generation != gen:
                self._snap = load_snapshot(self.index_dir)
            assert self._snap is not None
            return self._snap
        finally:
            self._load_lock.release()

    def refresh(self) -> bool:
        """Load a newer committed generation now, if there is one; True if it changed."""
        before = self._snap.generation if self._snap is not None else None
        try:
            return self.snapshot().generation != before
        except NoIndexError:
            return False

    def _committed_generation(self) -> int:
        db = self.index_dir / store.DB_NAME
        if not db.exists():
            raise NoIndexError(self.index_dir)
        with self._probe_lock:
            if self._probe is None:
                self._probe = store.connect(db, readonly=True)
            gen = store.generation(self._probe)  # type: ignore[arg-type]
        if gen == 0:
            raise NoIndexError(self.index_dir)
        return gen

    def search(self, query: str, k: int = 5) -> list[Hit]:
        """Ranked chunks for `query`: hybrid dense + BM25 retrieval."""
        from index.query.retrieve import hybrid_search

        return hybrid_search(self.snapshot(), self.embedder, query, k=k)

    def ask(self, question: str) -> Answer:
        """An extractive, cited answer, or an honest refusal."""
        from index.compose.answer import answer_question

        return answer_question(self.snapshot(), self.embedder, question)

    def summarize(self, topic: str) -> Summary:
        """A cited trip or document summary."""
        from index.compose.summary import summarize

        return summarize(self.snapshot(), self.embedder, topic)

    def sources(self) -> list[SourceInfo]:
        """Every indexed document, newest first (undated last, then by title)."""
        snap = self.snapshot()
        infos = sorted(snap.docs.values(), key=lambda d: d.title.lower())
        infos.sort(key=lambda d: d.date or "", reverse=True)
        return [_source(d) for d in infos]

    def stats(self) -> IndexStats:
        snap = self.snapshot()
        return IndexStats(
            documents=len(snap.docs),
            chunks=len(snap.chunks),
            generation=snap.generation,
            last_indexed=snap.meta.get("last_indexed"),
            model=snap.meta.get("model", "?"),
        )

    def passage(self, doc_id: str, start: int, end: int) -> tuple[DocInfo, str]:
        """A document and the text of [start, end) in it."""
        snap = self.snapshot()
        info = snap.docs.get(doc_id)
        if info is None:
            raise DocbotError("That document is no longer in the index.")
        text = snap.text(doc_id)
        if not 0 <= start <= end <= len(text):
            raise DocbotError("That passage is no longer in the document.")
        return info, text[start:end]

    def document_text(self, doc_id: str) -> str:
        snap = self.snapshot()
        if doc_id not in snap.docs:
            raise DocbotError("That document is no longer in the index.")
        return snap.text(doc_id)


def _source(d: DocInfo) -> SourceInfo:
    return SourceInfo(
        doc_id=d.doc_id,
        path=d.path,
        title=d.title,
        date=d.date,
        source=d.source,
        url=d.url,
        chunks=d.n_chunks,
    )


def safe_filename(filename: str) -> str:
    """A plain file name for an upload: no folders, no traversal, no hidden names.

    Raises:
        UploadError: the type is not one docbot reads.
    """
    base = unicodedata.normalize("NFKD", filename.replace("\\", "/").rsplit("/", 1)[-1])
    base = base.encode("ascii", "ignore").decode("ascii")
    stem, dot, suffix = base.rpartition(".")
    if not dot:
        stem, suffix = base, ""
    suffix = "." + suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        allowed = ", ".join(sorted(SUPPORTED_SUFFIXES))
        raise UploadError(f"I can only add {allowed} files, not {filename!r}.")
    stem = _UNSAFE.sub("-", stem).strip(".-_")[:80] or "document"
    return stem + suffix


def _write_new_file(folder: Path, name: str, data: bytes) -> Path:
    """Write `data` as a new file in `folder` atomically; never replaces an existing file."""
    tmp_dir = folder / ".uploads"
    tmp_dir.mkdir(exist_ok=True)
    tmp = tmp_dir / f"{os.getpid()}-{time.monotonic_ns()}.part"
    with open(tmp, "wb") as fh:
        fh.write(data)
        fh.flush()
        os.fsync(fh.fileno())
    stem, suffix = os.path.splitext(name)
    try:
        for n in range(1000):
            final = folder / (name if n == 0 else f"{stem}-{n}{suffix}")
            try:
                os.link(tmp, final)  # atomic, and fails rather than overwrite
            except FileExistsError:
                continue
            return final
        raise UploadError(f"Too many files named like {name} already.")
    finally:
        tmp.unlink(missing_ok=True)
