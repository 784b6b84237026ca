"""One index writer at a time, across processes and threads."""

from __future__ import annotations

import os
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from filelock import FileLock, Timeout

from index.errors import IndexLockedError

LOCK_NAME = "index.lock"
_thread_locks: dict[str, threading.Lock] = {}
_guard = threading.Lock()


def _thread_lock(path: Path) -> threading.Lock:
    with _guard:
        return _thread_locks.setdefault(str(path.resolve()), threading.Lock())


@contextmanager
def writer_lock(
    index_dir: Path,
    *,
    wait: bool = True,
    timeout: float | None = None,
    on_wait: Callable[[str], None] | None = None,
) -> Iterator[None]:
    """Hold the writer lock of `index_dir`.

    The OS releases the lock when its holder dies, even by SIGKILL, so a killed run never
    leaves the index locked.

    Args:
        index_dir: the index folder (created if needed).
        wait: wait for another holder to finish; if False, raise IndexLockedError at once.
        timeout: give up waiting after this many seconds (None: wait for ever).
        on_wait: told, once, who holds the lock when we have to wait.
    """
    index_dir.mkdir(parents=True, exist_ok=True)
    lock_path = index_dir / LOCK_NAME
    owner_path = index_dir / (LOCK_NAME + ".owner")
    tlock = _thread_lock(index_dir)
    if not tlock.acquire(blocking=False):
        if not wait:
            raise IndexLockedError(lock_path, "this process")
        if on_wait:
            on_wait("another index run in this process")
        if not tlock.acquire(timeout=-1 if timeout is None else timeout):
            raise IndexLockedError(lock_path, "this process")
    try:
        flock = FileLock(str(lock_path), thread_local=False)
        try:
            flock.acquire(timeout=0)
        except Timeout:
            holder = _read_owner(owner_path)
            if not wait:
                raise IndexLockedError(lock_path, holder) from None
            if on_wait:
                on_wait(holder or "another process")
            try:
                flock.acquire(timeout=-1 if timeout is None else timeout)
            except Timeout:
                raise IndexLockedError(lock_path, holder) from None
        try:
            owner_path.write_text(f"pid {os.getpid()}")
            yield
        finally:
            flock.release()
    finally:
        tlock.release()


def _read_owner(path: Path) -> str | None:
    try:
        return path.read_text().strip() or None
    except OSError:
        return None
