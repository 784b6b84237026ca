"""Index writes (rescan, /reindex, uploads) in a separate process.

A reindex is mostly Python work between embedding calls; in the bot's own process it would hold
the GIL for long stretches and every answer would wait behind it. The knowledge base is built
for several processes (a file lock serialises writers, readers pick up a newly committed
generation by themselves), so the bot hands its index writes to one long-lived worker process
and only calls `kb.refresh()` afterwards. Answers keep coming from the old generation meanwhile.
"""

from __future__ import annotations

import multiprocessing
import os
from concurrent.futures import ProcessPoolExecutor
from typing import Any

from index.config import IndexConfig
from index.errors import DocbotError
from index.types import SourceInfo, SyncReport


class IndexProcess:
    """`sync` and `add_document` of a KnowledgeBase, run in a worker process."""

    def __init__(self, config: IndexConfig) -> None:
        self._config = config
        # "spawn": forking a process that runs threads (asyncio executors, torch) is unsafe.
        self._pool = ProcessPoolExecutor(
            max_workers=1,
            mp_context=multiprocessing.get_context("spawn"),
            initializer=_lower_priority,
        )

    def sync(self, wait: bool = True) -> SyncReport:
        """Index what changed (blocks the calling thread, not the bot)."""
        result: SyncReport = self._call("sync", wait=wait)
        return result

    def add_document(
        self, filename: str, data: bytes, max_bytes: int
    ) -> tuple[SourceInfo, SyncReport]:
        """Save an upload into the corpus and index it (see KnowledgeBase.add_document)."""
        result: tuple[SourceInfo, SyncReport] = self._call(
            "add_document", filename, data, max_bytes
        )
        return result

    def close(self) -> None:
        """Let a running job finish, then stop the worker."""
        self._pool.shutdown(wait=True, cancel_futures=True)

    def _call(self, op: str, *args: Any, **kwargs: Any) -> Any:
        status, value = self._pool.submit(_job, self._config, op, args, kwargs).result()
        if status == "error":
            raise rebuild_error(*value)
        return value


def _lower_priority() -> None:
    """Runs once in the worker: index writes yield the CPU to answers, so a reindex on a small
    machine slows questions down as little as it can.

    On Linux the worker runs under SCHED_IDLE: it gets a core only when no answer wants it (its
    threads, made later, inherit that). Elsewhere, or if that is refused, niceness +10.
    """
    idle = getattr(os, "SCHED_IDLE", None)
    if idle is not None:
        try:
            os.sched_setscheduler(0, idle, os.sched_param(0))
            return
        except OSError:
            pass
    if hasattr(os, "nice"):
        os.nice(10)


def _job(
    config: IndexConfig, op: str, args: tuple[Any, ...], kwargs: dict[str, Any]
) -> tuple[str, Any]:
    """Runs in the worker: a fresh KnowledgeBase per job (cheap; the model loads only if needed)."""
    from index.kb import KnowledgeBase

    kb = KnowledgeBase(config)
    try:
        if op == "sync":
            return "ok", kb.sync(**kwargs)
        if op == "add_document":
            return "ok", kb.add_document(*args)
        raise ValueError(f"unknown index operation {op!r}")
    except DocbotError as exc:
        return "error", error_parts(exc)


def error_parts(exc: DocbotError) -> tuple[str, str, str]:
    """A worker's DocbotError as plain parts to send back. Domain errors take their message,
    not their constructor arguments, so they don't survive pickling whole."""
    return type(exc).__module__, type(exc).__qualname__, str(exc)


def rebuild_error(module: str, qualname: str, message: str) -> DocbotError:
    """The worker's DocbotError again (from `error_parts`), same class and message."""
    import importlib

    cls = getattr(importlib.import_module(module), qualname, None)
    if not (isinstance(cls, type) and issubclass(cls, DocbotError)):
        return DocbotError(message)
    error = cls.__new__(cls)
    Exception.__init__(error, message)
    return error
