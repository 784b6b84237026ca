"""The knowledge base facade: one object the CLI and the bot hold.

It only wires the stages together: files and SQL belong to `indexing/`, `ingest/` and
`storage/`, questions to `query/` and `compose/`.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from index.config import IndexConfig
from index.embed import Embedder, build_embedder
from index.errors import DocbotError, DocumentError, NoIndexError, UploadError
from index.indexing.sync import Progress, sync
from index.ingest.uploads import DEFAULT_MAX_UPLOAD_BYTES, safe_filename, write_new_file
from index.storage import Store, open_store
from index.types import Hit, IndexStats, Reply, SourceInfo, SyncReport, doc_id_for

if TYPE_CHECKING:
    from index.compose.respond import Responded
    from index.query.followup import ChatContext
    from index.storage.snapshot import Snapshot


class KnowledgeBase:
    """A corpus folder, its index, and the questions asked of them.

    Thread-safe: any number of threads may search and ask while one of them runs `sync`;
    readers keep the snapshot they hold and pick up a newly committed one on their next call.
    """

    def __init__(self, config: IndexConfig, embedder: Embedder | None = None) -> None:
        """Open the knowledge base `config` describes; nothing is loaded until it is needed.

        Args:
            config: folders, embedding runtime and model, store backend.
            embedder: an embedder to use instead of the one `config` names (it must make the
                same vectors: tests share one loaded model, the bot a batching wrapper).
        """
        self.config = config
        self.embedder: Embedder = embedder or build_embedder(config)
        self.store: Store = open_store(config)
        self._snap: Snapshot | None = None
        self._load_lock = threading.Lock()

    @property
    def corpus(self) -> Path:
        return self.config.corpus

    @property
    def index_dir(self) -> Path:
        return self.config.index_dir

    # -- writing ----------------------------------------------------------------------------
    def sync(
        self,
        *,
        rebuild: bool = False,
        wait: bool = True,
        progress: Progress | None = None,
        on_wait: Callable[[str], None] | None = None,
    ) -> SyncReport:
        """Run an incremental index of the corpus (see `index.indexing.sync.sync`)."""
        return sync(
            self.config,
            self.embedder,
            self.store,
            rebuild=rebuild,
            wait=wait,
            progress=progress,
            on_wait=on_wait,
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
        final = write_new_file(self.corpus, name, data)
        rel = final.relative_to(self.corpus).as_posix()
        report = self.sync()
        self.refresh()
        info = self.snapshot().docs.get(doc_id_for(rel))
        if info is None:
            reasons = [s.reason for s in report.skipped if s.path == rel]
            raise DocumentError(f"{rel} was saved but not indexed: {'; '.join(reasons) or '?'}")
        return info, report

    # -- reading ----------------------------------------------------------------------------
    def snapshot(self) -> Snapshot:
        """The newest committed snapshot (loaded when a newer generation appears).

        Raises:
            NoIndexError: nothing has been built yet.
        """
        gen = self.store.committed_generation()
        snap = self._snap
        if snap is not None and snap.generation == gen:
            return snap
        if snap is not None and not self._load_lock.acquire(blocking=False):
            return snap  # another thread is loading the new one; keep answering meanwhile
        if snap is None:
            self._load_lock.acquire()
        try:
            from index.storage.snapshot import Snapshot  # numpy: not for a no-op index

            current = self._snap
            if current is None or current.generation != gen:
                current = self._snap = Snapshot(self.store.open_reader())
            return current
        finally:
            self._load_lock.release()

    def refresh(self) -> bool:
        """Load a newer committed generation now, if there is one; True if it changed."""
        before = self._snap.generation if self._snap is not None else None
        try:
            return self.snapshot().generation != before
        except NoIndexError:
            return False

    def search(self, query: str, k: int = 5) -> list[Hit]:
        """Ranked chunks for `query`: hybrid dense + BM25 retrieval."""
        from index.query.retrieve import hybrid_search

        return hybrid_search(self.snapshot(), self.embedder, query, k=k)

    def ask(self, question: str) -> Reply:
        """An extractive, cited answer, or an honest refusal."""
        from index.compose.answer import answer_question

        return answer_question(self.snapshot(), self.embedder, question)

    def summarize(self, topic: str) -> Reply:
        """A cited trip or document summary (a refusal when no document matches)."""
        from index.compose.summary import summarize

        return summarize(self.snapshot(), self.embedder, topic)

    def respond(self, message: str, context: ChatContext | None = None) -> Responded:
        """The reply to a plain-text message, routed by intent and read against `context`
        (see `index.compose.respond`), and the chat's context after it."""
        from index.compose.respond import respond

        return respond(self.snapshot(), self.embedder, message, context)

    def timeline(self, topic: str) -> Reply:
        """The trips of a person, a place or a period, one dated and cited line each."""
        from index.compose.timeline import timeline

        return timeline(self.snapshot(), self.embedder, topic)

    def sources(self) -> list[SourceInfo]:
        """Every indexed document, newest first (undated last, then by title)."""
        infos = sorted(self.snapshot().docs.values(), key=lambda d: d.title.lower())
        infos.sort(key=lambda d: d.date or "", reverse=True)
        return infos

    def stats(self) -> IndexStats:
        snap = self.snapshot()
        return IndexStats(
            documents=len(snap.docs),
            chunks=len(snap.chunks),
            generation=snap.generation,
            last_indexed=snap.meta.get("last_indexed"),
            model=snap.meta.get("model", "?"),
            runtime=snap.meta.get("runtime", "sentence-transformers"),
        )

    def passage(self, doc_id: str, start: int, end: int) -> tuple[SourceInfo, str]:
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
