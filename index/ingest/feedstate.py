"""What the feed reader remembers, in its own SQLite file: feeds, their poll state, and items.

Kept apart from the index's database (the store owns that one) so that a rebuild, another
store backend or another engineer's tables never touch it. Every change is one short
transaction, so a process killed at any point leaves a consistent state:

- `feeds`: each feed URL, whether it is active, where it came from (DOCBOT_FEEDS or chat), its
  ETag and Last-Modified for conditional GET, and its failures with the time of the next try.
- `items`: every page URL ever seen (from a feed or sent in chat), with its state: `pending`
  (seen, not yet saved), `done` (saved as `path`), `duplicate` (same content as another item)
  or `failed` (given up after MAX_ATTEMPTS). A URL is a primary key, so it is never added
  twice; `content_hash` finds the same text under another URL.
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

__all__ = ["FeedRow", "FeedState", "ItemRow", "backoff"]

MAX_ATTEMPTS = 8  # a page failing this many times in a row is given up
BACKOFF_BASE = 60.0  # seconds after the first failure; doubles with each further one
BACKOFF_CAP = 6 * 3600.0

_SCHEMA = """
CREATE TABLE IF NOT EXISTS feeds (
    url TEXT PRIMARY KEY,
    active INTEGER NOT NULL DEFAULT 1,
    origin TEXT NOT NULL,
    added_at REAL NOT NULL,
    title TEXT,
    etag TEXT,
    last_modified TEXT,
    failures INTEGER NOT NULL DEFAULT 0,
    next_try REAL NOT NULL DEFAULT 0,
    last_error TEXT,
    last_polled REAL
);
CREATE TABLE IF NOT EXISTS items (
    url TEXT PRIMARY KEY,
    feed TEXT,
    title TEXT,
    published TEXT,
    status TEXT NOT NULL,
    failures INTEGER NOT NULL DEFAULT 0,
    next_try REAL NOT NULL DEFAULT 0,
    last_error TEXT,
    path TEXT,
    content_hash TEXT,
    first_seen REAL NOT NULL,
    done_at REAL
);
CREATE INDEX IF NOT EXISTS items_by_hash ON items(content_hash);
CREATE INDEX IF NOT EXISTS items_by_status ON items(status, next_try);
"""


def backoff(failures: int, base: float = BACKOFF_BASE, cap: float = BACKOFF_CAP) -> float:
    """Seconds to wait after `failures` failures in a row (1 -> base, doubling, capped)."""
    return min(cap, base * 2 ** max(0, failures - 1))


@dataclass(frozen=True)
class FeedRow:
    url: str
    active: bool
    origin: str  # "env" (DOCBOT_FEEDS) or "chat"
    title: str | None
    etag: str | None
    last_modified: str | None
    failures: int
    next_try: float
    last_error: str | None
    last_polled: float | None


@dataclass(frozen=True)
class ItemRow:
    url: str
    feed: str | None
    title: str | None
    published: str | None
    status: str
    failures: int
    path: str | None
    first_seen: float
    done_at: float | None


class FeedState:
    """The feed reader's database. Open one per thread; every method commits what it changes."""

    def __init__(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self.path = path
        self.conn = sqlite3.connect(path, timeout=30.0, isolation_level=None)
        self.conn.execute("PRAGMA journal_mode=WAL")
        self.conn.execute("PRAGMA synchronous=NORMAL")
        self.conn.executescript(_SCHEMA)

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> FeedState:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- feeds ------------------------------------------------------------------------------
    def seed_feeds(self, urls: Iterable[str]) -> None:
        """Add the configured feeds; one an admin removed stays removed."""
        now = time.time()
        with self.conn:
            self.conn.executemany(
                "INSERT OR IGNORE INTO feeds(url, origin, added_at) VALUES (?, 'env', ?)",
                [(u, now) for u in urls],
            )

    def add_feed(self, url: str, origin: str = "chat") -> bool:
        """Add (or re-activate) a feed; False when it was already active."""
        now = time.time()
        with self.conn:
            row = self.conn.execute("SELECT active FROM feeds WHERE url = ?", (url,)).fetchone()
            if row is not None and row[0]:
                return False
            if row is None:
                self.conn.execute(
                    "INSERT INTO feeds(url, origin, added_at) VALUES (?, ?, ?)", (url, origin, now)
                )
            else:
                self.conn.execute(
                    "UPDATE feeds SET active = 1, failures = 0, next_try = 0 WHERE url = ?", (url,)
                )
        return True

    def remove_feed(self, url: str) -> bool:
        """Stop polling a feed (its items stay in the corpus); False when it was not active."""
        with self.conn:
            cur = self.conn.execute(
                "UPDATE feeds SET active = 0 WHERE url = ? AND active = 1", (url,)
            )
        return cur.rowcount > 0

    def feeds(self, active_only: bool = True) -> list[FeedRow]:
        sql = (
            "SELECT url, active, origin, title, etag, last_modified, failures, next_try, "
            "last_error, last_polled FROM feeds"
        )
        if active_only:
            sql += " WHERE active = 1"
        rows = self.conn.execute(sql + " ORDER BY added_at, url").fetchall()
        return [FeedRow(r[0], bool(r[1]), *r[2:]) for r in rows]

    def feed_ok(
        self, url: str, etag: str | None, last_modified: str | None, title: str | None
    ) -> None:
        with self.conn:
            self._polled_ok(url, etag, last_modified, title, time.time())

    def _polled_ok(
        self, url: str, etag: str | None, last_modified: str | None, title: str | None, now: float
    ) -> None:
        """A poll of `url` succeeded: its validators and title, and no failures (no commit)."""
        self.conn.execute(
            "UPDATE feeds SET etag = ?, last_modified = ?, title = COALESCE(?, title), "
            "failures = 0, next_try = 0, last_error = NULL, last_polled = ? WHERE url = ?",
            (etag, last_modified, title, now, url),
        )

    def feed_failed(self, url: str, reason: str, now: float) -> None:
        with self.conn:
            row = self.conn.execute("SELECT failures FROM feeds WHERE url = ?", (url,)).fetchone()
            failures = (row[0] if row else 0) + 1
            self.conn.execute(
                "UPDATE feeds SET failures = ?, next_try = ?, last_error = ?, last_polled = ? "
                "WHERE url = ?",
                (failures, now + backoff(failures), reason, time.time(), url),
            )

    # -- items ------------------------------------------------------------------------------
    def add_items(
        self,
        feed: str,
        items: Iterable[tuple[str, str | None, str | None]],
        etag: str | None,
        last_modified: str | None,
        title: str | None,
    ) -> int:
        """Record a feed's items as pending and its new ETag, in one transaction.

        Args:
            feed: the feed URL.
            items: (url, title, published) of each item; URLs already known are ignored.
            etag, last_modified, title: what the feed's response said.

        Returns:
            How many items were new.
        """
        now = time.time()
        with self.conn:
            before = self.conn.total_changes
            self.conn.executemany(
                "INSERT OR IGNORE INTO items(url, feed, title, published, status, first_seen) "
                "VALUES (?, ?, ?, ?, 'pending', ?)",
                [(u, feed, t, p, now) for u, t, p in items],
            )
            new = self.conn.total_changes - before
            self._polled_ok(feed, etag, last_modified, title, now)
        return new

    def add_link(self, url: str) -> ItemRow:
        """Record a URL sent in chat as pending (unless known); return its row."""
        with self.conn:
            self.conn.execute(
                "INSERT OR IGNORE INTO items(url, status, first_seen) VALUES (?, 'pending', ?)",
                (url, time.time()),
            )
        item = self.item(url)
        assert item is not None
        return item

    def item(self, url: str) -> ItemRow | None:
        row = self.conn.execute(
            "SELECT url, feed, title, published, status, failures, path, first_seen, done_at "
            "FROM items WHERE url = ?",
            (url,),
        ).fetchone()
        return ItemRow(*row) if row else None

    def due_items(self, now: float, feed: str | None = None) -> list[ItemRow]:
        """Pending items whose next try has come, oldest first."""
        sql = (
            "SELECT url, feed, title, published, status, failures, path, first_seen, done_at "
            "FROM items WHERE status = 'pending' AND next_try <= ?"
        )
        args: tuple[object, ...] = (now,)
        if feed is not None:
            sql += " AND feed = ?"
            args += (feed,)
        rows = self.conn.execute(sql + " ORDER BY first_seen, url", args).fetchall()
        return [ItemRow(*r) for r in rows]

    def same_content(self, content_hash: str, url: str) -> ItemRow | None:
        """A saved item of another URL with this content, if there is one."""
        row = self.conn.execute(
            "SELECT url, feed, title, published, status, failures, path, first_seen, done_at "
            "FROM items WHERE content_hash = ? AND status = 'done' AND url != ? LIMIT 1",
            (content_hash, url),
        ).fetchone()
        return ItemRow(*row) if row else None

    def item_done(self, url: str, path: str, content_hash: str, title: str) -> None:
        with self.conn:
            self.conn.execute(
                "UPDATE items SET status = 'done', path = ?, content_hash = ?, title = ?, "
                "last_error = NULL, done_at = ? WHERE url = ?",
                (path, content_hash, title, time.time(), url),
            )

    def item_duplicate(self, url: str, content_hash: str, of: ItemRow) -> None:
        with self.conn:
            self.conn.execute(
                "UPDATE items SET status = 'duplicate', path = ?, content_hash = ?, done_at = ? "
                "WHERE url = ?",
                (of.path, content_hash, time.time(), url),
            )

    def item_failed(self, url: str, reason: str, now: float) -> bool:
        """Count a failure; True when the item is given up for good."""
        with self.conn:
            row = self.conn.execute("SELECT failures FROM items WHERE url = ?", (url,)).fetchone()
            failures = (row[0] if row else 0) + 1
            final = failures >= MAX_ATTEMPTS
            self.conn.execute(
                "UPDATE items SET failures = ?, next_try = ?, last_error = ?, status = ? "
                "WHERE url = ?",
                (failures, now + backoff(failures), reason, "failed" if final else "pending", url),
            )
        return final

    def retry_now(self, url: str) -> None:
        """Make a pending or failed item due at once (a link sent again by an admin)."""
        with self.conn:
            self.conn.execute(
                "UPDATE items SET status = 'pending', next_try = 0, failures = 0 "
                "WHERE url = ? AND status IN ('pending', 'failed')",
                (url,),
            )

    def forget_link(self, url: str) -> None:
        """Drop a chat link that failed (feed items are kept and retried instead)."""
        with self.conn:
            self.conn.execute(
                "DELETE FROM items WHERE url = ? AND feed IS NULL AND status != 'done'", (url,)
            )

    def items(self) -> list[ItemRow]:
        rows = self.conn.execute(
            "SELECT url, feed, title, published, status, failures, path, first_seen, done_at "
            "FROM items ORDER BY first_seen, url"
        ).fetchall()
        return [ItemRow(*r) for r in rows]
