"""Feeds, links and follow alerts, wired to the settings, the index and the command line.

The feed reader itself lives in `index/ingest/feeds.py` (fetch, extract, save into the corpus);
this module runs it with the settings' limits, indexes what it saved through the ordinary
incremental sync, and provides `docbot feeds …` and `docbot follow TOPIC`.
"""

from __future__ import annotations

import argparse
import json
import logging
import threading
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from bot.settings import Settings
from index.ingest.feeds import LinkResult, PollReport, add_link, poll_feeds
from index.ingest.feedstate import FeedState
from index.ingest.web import FetchPolicy, check_url
from index.types import doc_id_for

if TYPE_CHECKING:
    from bot.indexer import IndexProcess
    from index.kb import KnowledgeBase
    from index.types import SourceInfo, SyncReport

log = logging.getLogger(__name__)

__all__ = [
    "FeedService",
    "poll_json",
]


def fetch_policy(settings: Settings) -> FetchPolicy:
    return FetchPolicy(
        max_bytes=settings.fetch_max_bytes,
        timeout=settings.fetch_timeout,
        deadline=max(3 * settings.fetch_timeout, 30.0),
        allow_private=settings.allow_private_urls,
    )


@dataclass(frozen=True)
class PollRun:
    """A poll and the index run that followed it."""

    poll: PollReport
    indexed: int
    sync: SyncReport


class FeedService:
    """Everything the feed reader needs from the settings; safe to share between threads.

    Polls are serialised (one at a time, whichever thread or job asks); each opens its own
    database connection, as SQLite wants.
    """

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self.db_path = settings.feeds_db_path()
        self.policy = fetch_policy(settings)
        self._poll_lock = threading.Lock()
        self.unindexed = False  # pages saved whose index run has not succeeded yet
        with self.state() as state:
            state.seed_feeds(_checked(settings.feeds))

    def state(self) -> FeedState:
        return FeedState(self.db_path)

    def poll(self, now: float | None = None) -> PollReport:
        """Poll every feed once and save what is new (no indexing)."""
        with self._poll_lock, self.state() as state:
            report = poll_feeds(state, self.settings.corpus, self.policy, now=now)
        if report.saved:
            self.unindexed = True
        return report

    def poll_and_index(
        self, kb: KnowledgeBase, indexer: IndexProcess | None = None, now: float | None = None
    ) -> PollRun:
        """Poll, then run the incremental index (a no-op when nothing changed), so pages a
        killed earlier run saved but never indexed are indexed too."""
        from bot.context import sync_and_refresh

        report = self.poll(now)
        sync = sync_and_refresh(kb, indexer)
        self.unindexed = False
        docs = kb.snapshot().docs
        indexed = sum(1 for path in report.saved if doc_id_for(path) in docs)
        return PollRun(report, indexed, sync)

    def add_link(
        self, kb: KnowledgeBase, indexer: IndexProcess | None, url: str
    ) -> tuple[LinkResult, SourceInfo | None]:
        """Fetch a link, save it and index it; the document as indexed (None if it was not)."""
        from bot.context import sync_and_refresh

        with self.state() as state:
            link = add_link(state, self.settings.corpus, url, self.policy)
        sync_and_refresh(kb, indexer)
        return link, kb.snapshot().docs.get(doc_id_for(link.path))


def _checked(urls: tuple[str, ...]) -> list[str]:
    good = []
    for url in urls:
        try:
            good.append(check_url(url))
        except Exception as exc:  # a typo in DOCBOT_FEEDS must not stop the bot
            log.warning("DOCBOT_FEEDS: ignoring %r: %s", url, exc)
    return good


def poll_json(run: PollRun) -> dict[str, Any]:
    """`docbot feeds poll --json`."""
    return {
        "feeds": run.poll.feeds,
        "new_items": run.poll.new_items,
        "indexed": run.indexed,
        "failed": [{"url": u, "reason": r} for u, r in run.poll.failed],
    }


# -- the command line ---------------------------------------------------------------------------


def cmd_feeds(settings: Settings, args: argparse.Namespace) -> int:
    """`docbot feeds poll|list|add|remove`."""
    service = FeedService(settings)
    if args.action == "poll":
        from index.kb import KnowledgeBase

        run = service.poll_and_index(KnowledgeBase(settings.index_config()))
        if args.json:
            print(json.dumps(poll_json(run), ensure_ascii=False))
        else:
            p = run.poll
            print(
                f"Polled {p.feeds} feeds: {p.new_items} new items, {len(p.saved)} pages saved, "
                f"{run.indexed} indexed, {p.duplicates} duplicates, {p.not_modified} unchanged."
            )
            for url, reason in p.failed:
                print(f"  failed: {url}: {reason}")
        return 0
    with service.state() as state:
        if args.action == "list":
            for feed in state.feeds():
                status = f"failing ({feed.last_error})" if feed.failures else "ok"
                print(f"{feed.url}  [{feed.origin}] {feed.title or ''} — {status}")
            return 0
        url = check_url(args.url)
        if args.action == "add":
            print("Added." if state.add_feed(url, origin="cli") else "Already followed.")
        else:
            print("Removed." if state.remove_feed(url) else "Not in the list.")
    return 0


def cmd_follow(settings: Settings, args: argparse.Namespace) -> int:
    """`docbot follow TOPIC`: what the topic would have matched among the latest documents."""
    from bot.alerts import preview_matches
    from index.kb import KnowledgeBase

    matches = preview_matches(KnowledgeBase(settings.index_config()), args.topic, args.latest)
    if args.json:
        print(json.dumps(matches, ensure_ascii=False, indent=2))
        return 0
    if not matches:
        print(f"None of the latest {args.latest} documents matches {args.topic!r}.")
    for m in matches:
        print(f"{m['date'] or 'undated':>10}  {m['title']}  (score {m['score']:.2f})")
        print(f"            “{m['sentence']}”")
    return 0
