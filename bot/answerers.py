"""Knowledge-base reads (questions, summaries, sources) answered in worker processes.

One Python process answers one question at a time: retrieval, fusion and composition are
Python code holding the interpreter lock, so extra threads only queue behind each other. The
bot therefore hands its reads to a pool of worker processes, each with its own read-only
`KnowledgeBase` over the same index, and keeps the event loop, Telegram I/O and index writes in
its own process. A worker loads each newly committed generation by itself before it answers
(`KnowledgeBase.snapshot` checks the generation file), so a reindex reaches every worker
without a restart, and answers keep coming from the old generation until then.
"""

from __future__ import annotations

import asyncio
import logging
import multiprocessing
import os
import signal
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import TYPE_CHECKING, Any

from bot.indexer import error_parts, rebuild_error
from index.config import IndexConfig
from index.errors import DocbotError

if TYPE_CHECKING:
    from index.kb import KnowledgeBase

log = logging.getLogger(__name__)

_kb: KnowledgeBase | None = None  # the worker's own, made by `_start`


def _start(config: IndexConfig, ready: Any) -> None:
    """Runs once in each worker: open the index and load what every question needs, then
    release `ready` (a semaphore the pool waits on)."""
    global _kb
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the bot's to handle, not ours
    from index.kb import KnowledgeBase
    from index.text.places import gazetteer

    _kb = KnowledgeBase(config)
    gazetteer()
    _kb.embedder.embed_queries(["warm up"])
    try:
        _kb.snapshot()
    except DocbotError as exc:  # no index yet: the first question says so
        log.info("Answer worker %s started without an index: %s", os.getpid(), exc)
    ready.release()


def _read(method: str, args: tuple[Any, ...]) -> tuple[str, Any]:
    """Runs in a worker: one read of its KnowledgeBase, errors sent back as their parts."""
    assert _kb is not None, "the worker was started without its initializer"
    try:
        return "ok", getattr(_kb, method)(*args)
    except DocbotError as exc:
        return "error", error_parts(exc)


def _nothing() -> None:
    pass


class AnswerPool:
    """`processes` workers answering KnowledgeBase reads; see the module docstring."""

    def __init__(self, config: IndexConfig, processes: int) -> None:
        if processes < 1:
            raise ValueError("an answer pool needs at least one process")
        self.config = config
        self.processes = processes
        self._pool = self._new_pool()

    def _new_pool(self) -> ProcessPoolExecutor:
        # "spawn": forking a process that runs threads (asyncio executors, ORT) is unsafe.
        context = multiprocessing.get_context("spawn")
        self._ready = context.Semaphore(0)
        return ProcessPoolExecutor(
            max_workers=self.processes,
            mp_context=context,
            initializer=_start,
            initargs=(self.config, self._ready),
        )

    def start(self, timeout: float = 600.0) -> list[int]:
        """Start every worker now, rather than on the first questions, and wait until each has
        loaded the model and the index; returns their process ids.

        Raises:
            DocbotError: a worker was not ready within `timeout` seconds.
        """
        # The pool starts a worker for each task submitted while none is idle.
        for _ in range(self.processes):
            self._pool.submit(_nothing)
        for _ in range(self.processes):
            if not self._ready.acquire(timeout=timeout):
                raise DocbotError(f"The answer workers were not ready after {timeout:.0f} s.")
        return self.pids()

    def pids(self) -> list[int]:
        """The worker processes' ids (for logs and tests)."""
        return sorted(self._pool._processes)  # the executor's own table: {pid: process}

    async def call(self, method: str, *args: Any) -> Any:
        """`KnowledgeBase.<method>(*args)` in a worker. Its DocbotError is raised here again.

        A worker that died (killed, out of memory) breaks the pool: it is replaced and the read
        is tried once more, reads being safe to repeat.
        """
        for attempt in (1, 2):
            pool = self._pool
            try:
                status, value = await asyncio.wrap_future(pool.submit(_read, method, args))
            except BrokenProcessPool:
                if attempt == 2:
                    raise DocbotError("The answer workers keep failing; try again later.") from None
                log.error("An answer worker died; starting a new pool of %d", self.processes)
                if self._pool is pool:
                    self._pool = self._new_pool()
                    pool.shutdown(wait=False, cancel_futures=True)
                continue
            if status == "error":
                raise rebuild_error(*value)
            return value
        raise AssertionError("unreachable")

    def close(self) -> None:
        """Let running reads finish, then stop the workers."""
        self._pool.shutdown(wait=True, cancel_futures=True)
