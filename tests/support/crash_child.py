"""Run one sync in a child process and stop at a named stage, for the crash tests.

Usage: crash_child.py CORPUS INDEX_DIR STAGE MARKER SECONDS
At STAGE it writes MARKER and sleeps SECONDS, or until a file MARKER.release appears (the test
SIGKILLs it there, or lets it go on).
Stages: embedding (after the first batch is cached), before-commit (new generation files
written, transaction still open), after-commit (committed, old files not yet cleaned up).
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

import index.indexing.cache as cache_mod
from index.config import IndexConfig
from index.kb import KnowledgeBase
from index.storage.bm25 import LexicalIndex
from index.storage.local import LocalStore

corpus, index_dir, stage, marker, seconds = sys.argv[1:6]
cache_mod.EMBED_BATCH = 8  # small batches, so a kill can land between two of them


def pause(name: str) -> None:
    if name == stage:
        Path(marker).write_text(name)
        deadline = time.monotonic() + float(seconds)
        while time.monotonic() < deadline and not Path(f"{marker}.release").exists():
            time.sleep(0.05)


def progress(_stage: str, done: int, _total: int) -> None:
    if done >= cache_mod.EMBED_BATCH:
        pause("embedding")


_save = LexicalIndex.save
_cleanup = LocalStore._cleanup


def save(self: LexicalIndex, directory: Path) -> None:
    _save(self, directory)
    pause("before-commit")


def cleanup(index_dir: Path, keep: set[int]) -> None:
    pause("after-commit")
    _cleanup(index_dir, keep)


LexicalIndex.save = save  # type: ignore[method-assign]
LocalStore._cleanup = staticmethod(cleanup)  # type: ignore[method-assign]
report = KnowledgeBase(IndexConfig(Path(corpus), Path(index_dir))).sync(progress=progress)
print(report.documents, report.chunks_embedded, flush=True)
