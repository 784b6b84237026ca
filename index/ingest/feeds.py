"""RSS and Atom feeds, and links sent in chat: fetch what is new, save it into the corpus.

`poll_feeds` polls every active feed once. For each feed it sends a conditional GET (a 304 costs
nothing more), parses the feed with feedparser, and records its new items as *pending* together
with the feed's new ETag, in one transaction. Then every pending item that is due is fetched,
its main text extracted and saved into the corpus (see `article.py`), and marked done. A crash
at any point therefore loses nothing (pending items are picked up by the next poll, even when
the feed itself answers 304) and duplicates nothing (an item's URL is a primary key, and saving
the same URL again rewrites the same file). The same content under another URL is recognised by
its hash and not saved twice.

Every failure (timeout, HTTP error, malformed feed, a page that is not HTML/text/PDF, a page over
the size cap, a page with no text) is logged, reported, and retried later with exponential
backoff; it never stops the other feeds or items. Indexing what was saved is the caller's job
(`docbot feeds poll` and the bot run the ordinary incremental sync).

feedparser is this module's only third-party import (tests/test_house.py checks it).
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urljoin

import feedparser

from index.errors import DocbotError, DocumentError
from index.ingest.article import extract_article, save_article
from index.ingest.feedstate import FeedState, ItemRow
from index.ingest.web import FEED_TYPES, PAGE_TYPES, FetchError, FetchPolicy, check_url, fetch

__all__ = ["FeedEntry", "LinkResult", "PollReport", "add_link", "parse_feed", "poll_feeds"]

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class FeedEntry:
    url: str
    title: str | None
    published: str | None


@dataclass
class PollReport:
    """What one poll did. `saved` are corpus paths written (to be indexed)."""

    feeds: int = 0
    new_items: int = 0
    not_modified: int = 0
    backing_off: int = 0
    pages_fetched: int = 0
    saved: list[str] = field(default_factory=list)
    duplicates: int = 0
    failed: list[tuple[str, str]] = field(default_factory=list)  # (url, reason)


@dataclass(frozen=True)
class LinkResult:
    """A link sent in chat: saved now, or already in the corpus (`known`)."""

    url: str
    path: str
    title: str | None
    known: bool


def parse_feed(data: bytes, feed_url: str) -> tuple[str | None, list[FeedEntry]]:
    """The title and items of an RSS or Atom document.

    Raises:
        DocumentError: the body is not a feed (malformed XML with nothing recoverable).
    """
    parsed = feedparser.parse(data)
    entries: list[FeedEntry] = []
    for entry in parsed.entries:
        link = entry.get("link") or (entry.get("id") if _is_url(entry.get("id")) else None)
        if not link:
            continue
        try:
            url = check_url(urljoin(feed_url, str(link)))
        except FetchError:
            continue  # a mailto: or ftp: link is not a page docbot can fetch
        published = entry.get("published") or entry.get("updated") or entry.get("created")
        title = entry.get("title")
        entries.append(FeedEntry(url, str(title) if title else None, published))
    if not entries and (parsed.bozo or not parsed.version):
        reason = getattr(parsed, "bozo_exception", None) or "no RSS or Atom content"
        raise DocumentError(f"not a valid feed: {str(reason)[:120]}")
    if parsed.bozo:
        log.warning(
            "Feed %s is not well-formed, read what could be: %s",
            feed_url,
            parsed.get("bozo_exception"),
        )
    title = parsed.feed.get("title") if hasattr(parsed, "feed") else None
    return (str(title) if title else None), list({e.url: e for e in entries}.values())


def _is_url(value: object) -> bool:
    return isinstance(value, str) and value.startswith(("http://", "https://"))


def poll_feeds(
    state: FeedState, corpus: Path, policy: FetchPolicy, *, now: float | None = None
) -> PollReport:
    """Poll every active feed whose backoff has passed, then fetch every due item.

    Args:
        state: the feed reader's database.
        corpus: the corpus folder pages are saved into.
        policy: fetch limits (size cap, timeouts, private addresses).
        now: the time backoff is measured against (tests move it forward).

    Returns:
        What was polled, saved and failed.
    """
    now = time.time() if now is None else now
    report = PollReport()
    titles: dict[str, str | None] = {}
    for feed in state.feeds():
        report.feeds += 1
        titles[feed.url] = feed.title
        if feed.next_try > now:
            report.backing_off += 1
            continue
        try:
            got = fetch(
                feed.url,
                policy,
                accept=FEED_TYPES,
                etag=feed.etag,
                last_modified=feed.last_modified,
            )
            if got.not_modified:
                report.not_modified += 1
                state.feed_ok(
                    feed.url, got.etag or feed.etag, got.last_modified or feed.last_modified, None
                )
                continue
            title, entries = parse_feed(got.data, got.url)
        except DocbotError as exc:
            log.warning("Feed %s failed: %s", feed.url, exc)
            state.feed_failed(feed.url, str(exc), now)
            report.failed.append((feed.url, str(exc)))
            continue
        titles[feed.url] = title or feed.title
        new = state.add_items(
            feed.url,
            [(e.url, e.title, e.published) for e in entries],
            got.etag,
            got.last_modified,
            title,
        )
        report.new_items += new
        if new:
            log.info("Feed %s: %d new items", feed.url, new)
    corpus.mkdir(parents=True, exist_ok=True)
    for item in state.due_items(now):
        _ingest(state, corpus, item, policy, titles.get(item.feed or ""), now, report)
    return report


def _ingest(
    state: FeedState,
    corpus: Path,
    item: ItemRow,
    policy: FetchPolicy,
    feed_title: str | None,
    now: float,
    report: PollReport,
) -> DocbotError | None:
    """Fetch, extract and save one item; the error, if it failed (already recorded)."""
    report.pages_fetched += 1
    try:
        page = fetch(item.url, policy, accept=PAGE_TYPES)
        article = extract_article(page, title=item.title, date=item.published, source=feed_title)
    except DocbotError as exc:
        final = state.item_failed(item.url, str(exc), now)
        log.warning("Page %s failed%s: %s", item.url, " for good" if final else "", exc)
        report.failed.append((item.url, str(exc)))
        return exc
    fingerprint = article.fingerprint
    other = state.same_content(fingerprint, item.url)
    if other is not None:
        state.item_duplicate(item.url, fingerprint, other)
        report.duplicates += 1
        log.info("Page %s has the same text as %s: not saved again", item.url, other.url)
        return None
    path = save_article(corpus, article)
    state.item_done(item.url, path, fingerprint, article.title)
    report.saved.append(path)
    return None


def add_link(state: FeedState, corpus: Path, url: str, policy: FetchPolicy) -> LinkResult:
    """Fetch a link an admin sent, and save it into the corpus unless it is already there.

    Raises:
        FetchError: the URL is refused or could not be fetched.
        DocumentError: the page has no text docbot can read.
    """
    url = check_url(url)
    row = state.add_link(url)
    if row.status in ("done", "duplicate") and row.path and (corpus / row.path).exists():
        return LinkResult(url, row.path, row.title, known=True)
    state.retry_now(url)
    report = PollReport()
    error = _ingest(state, corpus, row, policy, None, time.time(), report)
    if error is not None:
        state.forget_link(url)  # sending the link again retries it; no background retries
        raise error
    done = state.item(url)
    assert done is not None and done.path is not None
    return LinkResult(url, done.path, done.title, known=bool(report.duplicates))
