"""Who follows which topic, which documents have been looked at, and every alert: durable state.

Kept in the feed reader's SQLite file (DOCBOT_FEEDS_DB), in tables of its own, apart from the
index and from other bot state:

- `follows`: (chat, topic) pairs; the topic's lower-cased, space-collapsed form is the key.
- `seen_docs`: every document (id and text hash) the alert planner has already considered. The
  first run records the whole index without alerting; afterwards a document not in it (or
  whose text changed) is new.
- `alerts`: one row per (chat, document) ever planned, which makes "each document alerts each
  chat at most once" a primary key. `status` is `pending`, `sending` (handed to Telegram),
  `sent`, `dropped` (the chat blocked the bot) or `failed`. A row is marked `sending` before
  the request and `sent` after it, so a crash in between never sends it twice (the row stays
  `sending` and is reported, not resent: a possibly lost alert is better than a duplicate,
  as for replies in bot/delivery.py). A 429 or a connection that was never made puts it back
  to `pending`.
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

__all__ = ["Alert", "Subscriptions", "topic_key"]

MAX_TOPIC_CHARS = 100
MAX_TOPICS_PER_CHAT = 20

_SCHEMA = """
CREATE TABLE IF NOT EXISTS follows (
    chat_id INTEGER NOT NULL,
    topic_key TEXT NOT NULL,
    topic TEXT NOT NULL,
    created REAL NOT NULL,
    PRIMARY KEY (chat_id, topic_key)
);
CREATE TABLE IF NOT EXISTS seen_docs (
    doc_id TEXT PRIMARY KEY,
    text_hash TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS alert_meta (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS alerts (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    chat_id INTEGER NOT NULL,
    doc_id TEXT NOT NULL,
    topic TEXT NOT NULL,
    text TEXT NOT NULL,
    button_label TEXT,
    button_data TEXT,
    status TEXT NOT NULL DEFAULT 'pending',
    attempts INTEGER NOT NULL DEFAULT 0,
    created REAL NOT NULL,
    sent_at REAL,
    UNIQUE (chat_id, doc_id)
);
CREATE INDEX IF NOT EXISTS alerts_by_status ON alerts(status, id);
"""


def topic_key(topic: str) -> str:
    return " ".join(topic.lower().split())


@dataclass(frozen=True)
class Alert:
    id: int
    chat_id: int
    doc_id: str
    topic: str
    text: str
    button_label: str | None
    button_data: str | None
    attempts: int


class Subscriptions:
    """The follow/alert tables. Open one per thread; every method commits what it changes."""

    def __init__(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self.conn = sqlite3.connect(path, timeout=30.0, isolation_level=None)
        self.conn.execute("PRAGMA journal_mode=WAL")
        self.conn.execute("PRAGMA synchronous=NORMAL")
        self.conn.executescript(_SCHEMA)

    def close(self) -> None:
        self.conn.close()

    # -- follows ----------------------------------------------------------------------------
    def follow(self, chat_id: int, topic: str) -> bool:
        """Subscribe; False when the chat already follows it. ValueError when over the limits."""
        topic = " ".join(topic.split())
        if not topic or len(topic) > MAX_TOPIC_CHARS:
            raise ValueError(f"A topic has 1 to {MAX_TOPIC_CHARS} characters.")
        with self.conn:
            if len(self.topics_of(chat_id)) >= MAX_TOPICS_PER_CHAT:
                raise ValueError(f"A chat can follow at most {MAX_TOPICS_PER_CHAT} topics.")
            cur = self.conn.execute(
                "INSERT OR IGNORE INTO follows(chat_id, topic_key, topic, created) "
                "VALUES (?, ?, ?, ?)",
                (chat_id, topic_key(topic), topic, time.time()),
            )
        return cur.rowcount > 0

    def unfollow(self, chat_id: int, topic: str) -> bool:
        with self.conn:
            cur = self.conn.execute(
                "DELETE FROM follows WHERE chat_id = ? AND topic_key = ?",
                (chat_id, topic_key(topic)),
            )
        return cur.rowcount > 0

    def topics_of(self, chat_id: int) -> list[str]:
        rows = self.conn.execute(
            "SELECT topic FROM follows WHERE chat_id = ? ORDER BY created, topic_key", (chat_id,)
        ).fetchall()
        return [r[0] for r in rows]

    def followers(self) -> dict[str, tuple[str, list[int]]]:
        """Every followed topic: key -> (the topic as first written, its chats)."""
        out: dict[str, tuple[str, list[int]]] = {}
        for chat_id, key, topic in self.conn.execute(
            "SELECT chat_id, topic_key, topic FROM follows ORDER BY created, chat_id"
        ):
            out.setdefault(key, (topic, []))[1].append(chat_id)
        return out

    def drop_chat(self, chat_id: int) -> None:
        """The chat blocked the bot (or is gone): forget its topics and its unsent alerts."""
        with self.conn:
            self.conn.execute("DELETE FROM follows WHERE chat_id = ?", (chat_id,))
            self.conn.execute(
                "UPDATE alerts SET status = 'dropped' WHERE chat_id = ? AND status = 'pending'",
                (chat_id,),
            )

    # -- documents seen ---------------------------------------------------------------------
    def has_baseline(self) -> bool:
        row = self.conn.execute("SELECT 1 FROM alert_meta WHERE key = 'baseline'").fetchone()
        return row is not None

    def new_documents(self, docs: dict[str, str]) -> list[str]:
        """Ids among `docs` (id -> text hash) not seen before, or seen with another text."""
        seen = dict(self.conn.execute("SELECT doc_id, text_hash FROM seen_docs").fetchall())
        return [d for d, h in docs.items() if seen.get(d) != h]

    def record(
        self,
        seen: dict[str, str],
        alerts: Iterable[tuple[int, str, str, str, str | None, str | None]],
    ) -> int:
        """Plan alerts and mark documents seen, in one transaction.

        Args:
            seen: documents (id -> text hash) now considered.
            alerts: (chat, doc, topic, text, button label, button data); a (chat, doc) pair
                already planned once is ignored.

        Returns:
            How many alerts were new.
        """
        now = time.time()
        with self.conn:
            before = self.conn.total_changes
            self.conn.executemany(
                "INSERT OR IGNORE INTO alerts(chat_id, doc_id, topic, text, button_label, "
                "button_data, created) VALUES (?, ?, ?, ?, ?, ?, ?)",
                [(*a, now) for a in alerts],
            )
            planned = self.conn.total_changes - before
            self.conn.executemany(
                "INSERT OR REPLACE INTO seen_docs(doc_id, text_hash) VALUES (?, ?)",
                list(seen.items()),
            )
            self.conn.execute("INSERT OR IGNORE INTO alert_meta VALUES ('baseline', '1')")
        return planned

    # -- the outbox -------------------------------------------------------------------------
    def pending(self, limit: int = 500) -> list[Alert]:
        rows = self.conn.execute(
            "SELECT id, chat_id, doc_id, topic, text, button_label, button_data, attempts "
            "FROM alerts WHERE status = 'pending' ORDER BY id LIMIT ?",
            (limit,),
        ).fetchall()
        return [Alert(*r) for r in rows]

    def set_status(self, alert_id: int, status: str, *, attempt: bool = False) -> None:
        with self.conn:
            self.conn.execute(
                "UPDATE alerts SET status = ?, attempts = attempts + ?, "
                "sent_at = CASE WHEN ? = 'sent' THEN ? ELSE sent_at END WHERE id = ?",
                (status, int(attempt), status, time.time(), alert_id),
            )

    def counts(self) -> dict[str, int]:
        return dict(self.conn.execute("SELECT status, COUNT(*) FROM alerts GROUP BY status"))

    def interrupted(self) -> int:
        """Alerts a previous process handed to Telegram without learning the outcome."""
        with self.conn:
            cur = self.conn.execute("UPDATE alerts SET status = 'unknown' WHERE status = 'sending'")
        return cur.rowcount
