"""What each chat remembers between messages, durable across restarts.

A chat's context (index/query/followup.py `ChatContext`: the last question as read, the cited
documents and spans, its time) is saved under every message id of the reply it belongs to, and
as the chat's latest. A Telegram reply to one of the bot's answers reads that answer's context;
any other message reads the latest. Contexts expire (30 minutes by default) and `/new` forgets
a chat's. One small SQLite file of its own (next to the index, never inside it, so a rebuild
or another store backend leaves it alone); a broken or unwritable file only costs the memory,
never an answer.
"""

from __future__ import annotations

import logging
import sqlite3
import threading
import time
from collections.abc import Callable, Iterable
from pathlib import Path

from index.query.followup import ChatContext

log = logging.getLogger(__name__)
LATEST = 0  # the message id under which a chat's latest context is kept
DEFAULT_TTL_SECONDS = 30 * 60

_SCHEMA = """
CREATE TABLE IF NOT EXISTS chat_context (
    chat_id INTEGER NOT NULL,
    message_id INTEGER NOT NULL,
    saved REAL NOT NULL,
    context TEXT NOT NULL,
    PRIMARY KEY (chat_id, message_id)
);
CREATE INDEX IF NOT EXISTS chat_context_saved ON chat_context(saved);
"""
PRUNE_EVERY_SECONDS = 60.0  # expired contexts are deleted at most this often


def memory_path(index_dir: Path) -> Path:
    """Where the chat memory of the index in `index_dir` lives: beside it."""
    return index_dir.parent / f"{index_dir.name}-chats.sqlite"


class ChatMemory:
    """Chat contexts in SQLite; thread-safe (the bot answers on worker threads)."""

    def __init__(
        self,
        path: Path | str,
        ttl_seconds: float = DEFAULT_TTL_SECONDS,
        clock: Callable[[], float] = time.time,
    ) -> None:
        """Open (or create) the memory at `path` (":memory:" for a process-local one)."""
        self.ttl = ttl_seconds
        self._clock = clock
        self._lock = threading.Lock()
        if str(path) != ":memory:":
            Path(path).parent.mkdir(parents=True, exist_ok=True)
        self._db = sqlite3.connect(str(path), check_same_thread=False, isolation_level=None)
        self._db.execute("PRAGMA journal_mode=WAL")
        # Saved twice per answer, on the event loop: WAL with NORMAL commits without an fsync
        # and survives a killed process; a power cut can lose the last few contexts, no more.
        self._db.execute("PRAGMA synchronous=NORMAL")
        self._db.executescript(_SCHEMA)
        self._pruned = 0.0

    def get(self, chat_id: int, reply_to: int | None = None) -> ChatContext | None:
        """The context of the bot message `reply_to`, else the chat's latest; None if expired."""
        for message_id in ([reply_to] if reply_to else []) + [LATEST]:
            row = self._read(chat_id, message_id)
            if row is None or self._clock() - row[0] > self.ttl:
                continue
            try:
                return ChatContext.from_json(row[1])
            except (ValueError, KeyError, TypeError):
                log.warning("unreadable chat context for chat %s; ignoring it", chat_id)
        return None

    def put(
        self,
        chat_id: int,
        message_ids: Iterable[int],
        context: ChatContext,
        *,
        latest: bool = True,
    ) -> None:
        """Remember `context` under each of the reply's message ids and (unless `latest` is
        False) as the chat's latest."""
        now = self._clock()
        raw = context.to_json()
        keys = {*message_ids, *([LATEST] if latest else [])}
        rows = [(chat_id, m, now, raw) for m in keys]
        try:
            with self._lock:
                self._db.execute("BEGIN")
                self._db.executemany(
                    "INSERT OR REPLACE INTO chat_context VALUES (?, ?, ?, ?)", rows
                )
                if now - self._pruned >= PRUNE_EVERY_SECONDS:
                    self._db.execute("DELETE FROM chat_context WHERE saved < ?", (now - self.ttl,))
                    self._pruned = now
                self._db.execute("COMMIT")
        except sqlite3.Error as exc:
            log.warning("could not save chat context: %s", exc)
            with self._lock:
                if self._db.in_transaction:
                    self._db.execute("ROLLBACK")

    def forget(self, chat_id: int) -> None:
        """`/new`: the chat starts again with no context."""
        with self._lock:
            self._db.execute("DELETE FROM chat_context WHERE chat_id = ?", (chat_id,))

    def close(self) -> None:
        with self._lock:
            self._db.close()

    def _read(self, chat_id: int, message_id: int) -> tuple[float, str] | None:
        with self._lock:
            row = self._db.execute(
                "SELECT saved, context FROM chat_context WHERE chat_id = ? AND message_id = ?",
                (chat_id, message_id),
            ).fetchone()
        return (float(row[0]), str(row[1])) if row else None
