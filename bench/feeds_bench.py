"""Feeds, alerts and extraction, measured against local servers (the public web and Telegram are
stood in for by tests/support's fake web site and fake Bot API).

1. Publication to answerable: a feed polled every `--poll` seconds (5) gains one release at a
   time; the clock runs from the moment the item is in the feed to the moment a search for
   one of its sentences returns it first. Baseline, same run: dropping the same kind of file
   into the corpus folder and running the incremental index (what a rescan costs).
2. Alert fan-out: `--chats` (1,000) chats follow a topic; a matching page is added through the
   real bot; alerts per second from the first alert to the last, with and without 429s.
3. Extraction: `--pages` State Department releases wrapped in page chrome (navigation, cookie
   banner, related links, share buttons, footer); the share of each release's sentences found
   in the extracted text, and the pages where any chrome leaked in. Baseline, same pages: the
   corpus's own HTML reader (index/ingest/formats/html.py).

    .venv/bin/python bench/feeds_bench.py [--poll 5] [--items 5] [--chats 1000] [--pages 200]
"""

from __future__ import annotations

import argparse
import re
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from support.fake_web import CHROME, FakeWeb, load_releases  # noqa: E402

from bench.machine import print_table  # noqa: E402


def _sentences(paragraphs: list[str]) -> list[str]:
    text = " ".join(paragraphs)
    return [" ".join(s.split()) for s in re.split(r"(?<=[.?!])\s+", text) if len(s.split()) >= 4]


def extraction(n_pages: int) -> list[tuple[str, str, str]]:
    from index.ingest.article import extract_article
    from index.ingest.cleaning import join_paragraphs
    from index.ingest.formats.html import read_html
    from index.ingest.web import FetchPolicy, fetch

    releases = [r for r in load_releases(n_pages * 2) if len(_sentences(r.paragraphs)) >= 3]
    releases = releases[:n_pages]
    policy = FetchPolicy(allow_private=True)
    ours, base, leaks_ours, leaks_base, seconds = [], [], 0, 0, []
    with FakeWeb() as web:
        for i, release in enumerate(releases):
            related = releases[max(0, i - 3) : i] + releases[i + 1 : i + 3]
            page = fetch(web.serve_release(release, related), policy)
            t0 = time.perf_counter()
            text = " ".join(extract_article(page).text.split())
            seconds.append(time.perf_counter() - t0)
            plain = " ".join(join_paragraphs(read_html(page.data).lines).split())
            sentences = _sentences(release.paragraphs)
            others = [r.title for r in related]
            for got, shares in ((text, ours), (plain, base)):
                shares.append(sum(1 for s in sentences if s in got) / len(sentences))
            leaks_ours += any(c in text for c in CHROME) or any(t in text for t in others)
            leaks_base += any(c in plain for c in CHROME) or any(t in plain for t in others)
    n = len(releases)
    return [
        (
            f"sentences recovered, mean / median / min ({n} pages)",
            f"{statistics.mean(ours):.3f} / {statistics.median(ours):.3f} / {min(ours):.3f}",
            f"baseline html reader {statistics.mean(base):.3f} / "
            f"{statistics.median(base):.3f} / {min(base):.3f}",
        ),
        (
            "pages with chrome or related links in the text",
            f"{leaks_ours} of {n}",
            f"baseline html reader {leaks_base} of {n}",
        ),
        ("extraction time per page, median", f"{statistics.median(seconds) * 1000:.0f} ms", ""),
    ]


def publication_to_answerable(poll: float, items: int) -> list[tuple[str, str, str]]:
    from bot.feeds import FeedService
    from bot.settings import Settings
    from index.config import IndexConfig
    from index.kb import KnowledgeBase

    releases = load_releases(items + 2)
    work = Path(tempfile.mkdtemp(prefix="docbot-feeds-bench-"))
    corpus = work / "corpus"
    corpus.mkdir()
    latencies: list[float] = []
    with FakeWeb() as web:
        web.serve_feed("/feed.xml", releases[:2])
        settings = Settings(
            _env_file=None,  # type: ignore[call-arg]
            DOCBOT_CORPUS=str(corpus),
            DOCBOT_INDEX_DIR=str(work / "index"),
            DOCBOT_FEEDS=web.url("/feed.xml"),
            DOCBOT_FEEDS_DB=str(work / "feeds.sqlite"),
            DOCBOT_ALLOW_PRIVATE_URLS="1",
        )
        kb = KnowledgeBase(IndexConfig(corpus, work / "index"))
        service = FeedService(settings)
        service.poll_and_index(kb)  # the feed's first items, and the model loaded
        stop = threading.Event()

        def poller() -> None:
            while not stop.wait(poll):
                service.poll_and_index(kb)

        thread = threading.Thread(target=poller, daemon=True)
        thread.start()
        for n, release in enumerate(releases[2:], start=3):
            probe = " ".join(release.paragraphs[-1].split())[:200]
            web.serve_feed("/feed.xml", releases[:n])
            published = time.monotonic()
            while True:
                hits = kb.search(probe, k=1)
                if hits and hits[0].title == " ".join(release.title.split()):
                    latencies.append(time.monotonic() - published)
                    break
                time.sleep(0.1)
        stop.set()
        thread.join()
        baseline = []
        for i, release in enumerate(load_releases(items, offset=200)):
            (corpus / f"dropped-{i}.txt").write_text(
                f"Title: {release.title}\nPublished: {release.date}\n\n"
                + "\n\n".join(release.paragraphs),
                encoding="utf-8",
            )
            t0 = time.monotonic()
            kb.sync()
            kb.refresh()
            baseline.append(time.monotonic() - t0)
    return [
        (
            f"feed item published -> answerable, poll every {poll:g} s, median of {len(latencies)}",
            f"{statistics.median(latencies):.1f} s (min {min(latencies):.1f}, "
            f"max {max(latencies):.1f})",
            f"baseline: file dropped -> indexed {statistics.median(baseline):.1f} s",
        )
    ]


def fan_out(chats: int) -> list[tuple[str, str, str]]:
    release = load_releases(1)[0]
    return [_fan_out_once(chats, release, inject) for inject in (False, True)]


def _fan_out_once(chats: int, release, inject: bool) -> tuple[str, str, str]:  # type: ignore[no-untyped-def]
    from support.bot_harness import ADMIN, Conversation, bulletins, running_bot

    from bot.subscriptions import Subscriptions
    from index.config import IndexConfig
    from index.kb import KnowledgeBase

    work = Path(tempfile.mkdtemp(prefix="docbot-fanout-bench-"))
    corpus = work / "corpus"
    corpus.mkdir()
    for name, text in bulletins(2).items():
        (corpus / name).write_text(text, encoding="utf-8")
    kb = KnowledgeBase(IndexConfig(corpus, work / "index"))
    kb.sync()
    subs = Subscriptions(work / "feeds.sqlite")
    ids = list(range(200_001, 200_001 + chats))
    topic = " ".join(release.title.split()[:6])
    for chat in ids:
        subs.follow(chat, topic)
    subs.close()
    env = {
        "DOCBOT_ALLOW_PRIVATE_URLS": "1",
        "DOCBOT_FEEDS_DB": str(work / "feeds.sqlite"),
        "DOCBOT_FEED_SECONDS": "0",
    }
    with FakeWeb() as web, running_bot(kb, work, **env) as (fake, _app):
        fake.open_chats(ids)
        Conversation(fake, ADMIN).say(web.serve_release(release), timeout=300)
        if inject:
            fake.wait_for(lambda: len(fake.sent) > 50, 300)
            for _ in range(5):
                fake.fail("sendMessage", 429, retry_after=1, count=3)
                time.sleep(3)
        fake.wait_for(lambda: all(fake.messages_to(c) for c in ids), 900)
        times = sorted(m.sent_at for m in fake.sent if m.chat_id >= ids[0])
    per_second = (len(times) - 1) / (times[-1] - times[0])
    busiest = max(sum(1 for t in times[i : i + 60] if t - s < 1.0) for i, s in enumerate(times))
    label = "429s injected" if inject else "no 429s"
    return (
        f"alert fan-out to {chats} chats, {label}",
        f"{per_second:.1f} alerts/s ({times[-1] - times[0]:.0f} s), busiest second {busiest}",
        "limit 25/s (DOCBOT_BROADCAST_PER_SECOND), Telegram's ~30/s",
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--poll", type=float, default=5.0)
    parser.add_argument("--items", type=int, default=5)
    parser.add_argument("--chats", type=int, default=1000)
    parser.add_argument("--pages", type=int, default=200)
    parser.add_argument(
        "--skip", action="append", default=[], choices=["latency", "fanout", "extract"]
    )
    args = parser.parse_args()
    rows: list[tuple[str, str, str]] = []
    if "extract" not in args.skip:
        rows += extraction(args.pages)
    if "latency" not in args.skip:
        rows += publication_to_answerable(args.poll, args.items)
    if "fanout" not in args.skip:
        rows += fan_out(args.chats)
    print_table("Feeds, links and alerts", rows)
    return 0


if __name__ == "__main__":
    sys.exit(main())
