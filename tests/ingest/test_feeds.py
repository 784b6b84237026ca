"""The feed reader end to end: a local web site, the real model, FAISS and SQLite.

The feed and its pages are built from State Department releases (see support/fake_web.py).
"""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from support.fake_web import FakeWeb, Route, load_releases, rss
from support.pdfs import make_pdf

from index.ingest.feeds import poll_feeds
from index.ingest.feedstate import FeedState, backoff
from index.ingest.web import FetchPolicy
from index.types import doc_id_for

ROOT = Path(__file__).resolve().parents[2]
LOCAL = FetchPolicy(allow_private=True, timeout=1.0, deadline=5.0, max_bytes=2_000_000)


@pytest.fixture
def web():
    with FakeWeb() as site:
        yield site


@pytest.fixture
def state(tmp_path):
    with FeedState(tmp_path / "feeds.sqlite") as st:
        yield st


def _web_files(corpus: Path) -> list[str]:
    folder = corpus / "web"
    return sorted(p.name for p in folder.iterdir()) if folder.is_dir() else []


def _opening(paragraphs: list[str]) -> str:
    """The first 20 words of the release's first real paragraph: enough to tell it apart.

    (Its first sentence, cut at ". ", was sometimes "The U.S", which names no release.)
    """
    for p in paragraphs:
        if len(p.split()) >= 12:
            return " ".join(p.split()[:20])
    return paragraphs[-1]


def test_new_items_become_answerable_and_an_unchanged_feed_costs_no_page_fetch(
    web: FakeWeb, state: FeedState, make_kb
) -> None:
    releases = load_releases(5)
    web.serve_feed("/feed.xml", releases[:3])
    state.seed_feeds([web.url("/feed.xml")])
    kb = make_kb()

    first = poll_feeds(state, kb.corpus, LOCAL)
    assert (first.feeds, first.new_items, len(first.saved), first.failed) == (1, 3, 3, [])
    kb.sync()
    docs = {d.path: d for d in kb.sources()}
    assert set(first.saved) <= set(docs)
    saved = [docs[p] for p in first.saved]
    assert {d.title for d in saved} == {" ".join(r.title.split()) for r in releases[:3]}
    assert all(d.url and d.url.startswith(web.url("/releases/")) for d in saved)
    assert {d.date for d in saved} == {r.date[:10] for r in releases[:3]}

    # Unchanged feed: a 304, and not one page is fetched.
    pages = web.page_fetches()
    again = poll_feeds(state, kb.corpus, LOCAL)
    assert (again.not_modified, again.new_items, again.pages_fetched) == (1, 0, 0)
    assert web.page_fetches() == pages

    # The feed gains two items: only those are fetched, and they become answerable.
    web.serve_feed("/feed.xml", releases)
    later = poll_feeds(state, kb.corpus, LOCAL)
    assert (later.new_items, len(later.saved), later.pages_fetched) == (2, 2, 2)
    kb.sync()
    kb.refresh()
    for release, path in zip(releases[3:], sorted(later.saved, key=_order(releases)), strict=True):
        hits = kb.search(_opening(release.paragraphs), k=3)
        assert hits and hits[0].path == path, (release.title, [h.path for h in hits])
    assert len(_web_files(kb.corpus)) == 5


def _order(releases):
    titles = [r.slug for r in releases]

    def key(path: str) -> int:
        return next(i for i, slug in enumerate(titles) if slug[:40] in path)

    return key


def test_failures_are_logged_retried_later_and_never_stop_the_rest(
    web: FakeWeb, state: FeedState, tmp_path
) -> None:
    good = load_releases(2)
    for r in good:
        web.serve_release(r)
    web.serve("/missing", Route(b"gone", status=404))
    web.serve("/broken", Route(b"oops", status=500))
    web.serve("/slow", Route(hang=True))
    web.serve("/huge", Route(chunked_bytes=5_000_000))
    web.serve("/photo", Route(b"\x89PNG", content_type="image/png"))
    pdf = make_pdf(["Joint statement on maritime cooperation.", "The parties met in Manila."])
    web.serve("/statement.pdf", Route(pdf, content_type="application/pdf"))
    items = [(r.title, web.url(r.path), r.date) for r in good]
    bad_paths = ["/missing", "/broken", "/slow", "/huge", "/photo"]
    items += [(p, web.url(p), "2022-05-01T10:00:00+00:00") for p in bad_paths]
    items.append(("Joint Statement", web.url("/statement.pdf"), "2022-05-04T10:00:00+00:00"))
    web.serve("/good.xml", Route(rss("Good", items), "application/rss+xml", etag=True))
    web.serve("/malformed.xml", Route(b"<rss><channel><item><<<&&& not xml", "application/rss+xml"))
    web.serve("/html-feed", Route(b"<html><body>Not a feed</body></html>"))
    web.serve("/500.xml", Route(b"", status=500))
    feeds = ["/malformed.xml", "/404.xml", "/500.xml", "/html-feed", "/good.xml"]
    state.seed_feeds([web.url(f) for f in feeds])
    corpus = tmp_path / "corpus"
    t0 = time.time()

    report = poll_feeds(state, corpus, LOCAL, now=t0)
    failed = dict(report.failed)
    assert len(report.saved) == 3  # two releases and the PDF
    assert any(p.endswith(".pdf") for p in report.saved)
    expected = {
        "/malformed.xml": "not a valid feed",
        "/404.xml": "HTTP 404",
        "/500.xml": "HTTP 500",
        "/html-feed": "text/html",
        "/missing": "HTTP 404",
        "/broken": "HTTP 500",
        "/slow": "in time",
        "/huge": "cap",
        "/photo": "image/png",
    }
    assert set(failed) == {web.url(p) for p in expected}
    for path, reason in expected.items():
        assert reason in failed[web.url(path)], (path, failed[web.url(path)])

    # Before the backoff has passed nothing failed is tried again.
    fetched = {p: web.fetches_of(p) for p in [*expected, "/good.xml"]}
    soon = poll_feeds(state, corpus, LOCAL, now=t0 + 1)
    assert soon.backing_off == 4 and soon.failed == [] and soon.saved == []
    assert {p: web.fetches_of(p) for p in expected} == {p: fetched[p] for p in expected}

    # The page comes back; after the backoff it is fetched and saved, nothing else twice.
    web.serve("/missing", Route(b"<html><body><article><p>" + b"Restored text. " * 20 + b"</p>"))
    later = poll_feeds(state, corpus, LOCAL, now=t0 + backoff(1) + 1)
    assert [p for p in later.saved] and web.url("/missing") not in dict(later.failed)
    assert len(_web_files(corpus)) == 3 + 1 + 1  # one sidecar beside the PDF


def test_the_same_url_or_the_same_text_is_never_added_twice(
    web: FakeWeb, state: FeedState, tmp_path
) -> None:
    release = load_releases(1)[0]
    url = web.serve_release(release)
    copy = "/mirror/copy-of-the-release/"
    web.serve(copy, Route(web.routes[release.path].body))
    a = [(release.title, url, release.date)]
    b = [(release.title, url, release.date), ("Mirror", web.url(copy), release.date)]
    web.serve("/a.xml", Route(rss("A", a), "application/rss+xml"))
    web.serve("/b.xml", Route(rss("B", b), "application/rss+xml"))
    state.seed_feeds([web.url("/a.xml"), web.url("/b.xml")])
    report = poll_feeds(state, tmp_path / "corpus", LOCAL)
    assert report.new_items == 2  # the shared URL counts once
    assert (len(report.saved), report.duplicates) == (1, 1)
    assert len(_web_files(tmp_path / "corpus")) == 1
    again = poll_feeds(state, tmp_path / "corpus", LOCAL)
    assert again.saved == [] and again.new_items == 0


def test_a_restart_in_the_middle_of_a_poll_loses_nothing_and_duplicates_nothing(
    web: FakeWeb, tmp_path, embedder, monkeypatch, capsys
) -> None:
    releases = load_releases(5)
    web.serve_feed("/feed.xml", releases)
    stuck = sorted(r.path for r in releases)[2]  # items are fetched in URL order
    web.routes[stuck] = Route(hang=True)
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    env = {
        **os.environ,
        "PYTHONPATH": str(ROOT),
        "HF_HUB_OFFLINE": "1",
        "DOCBOT_CORPUS": str(corpus),
        "DOCBOT_INDEX_DIR": str(tmp_path / "index"),
        "DOCBOT_FEEDS": web.url("/feed.xml"),
        "DOCBOT_FEEDS_DB": str(tmp_path / "feeds.sqlite"),
        "DOCBOT_ALLOW_PRIVATE_URLS": "1",
        "DOCBOT_FETCH_TIMEOUT": "120",
    }
    child = subprocess.Popen(
        [sys.executable, "-c", "from bot.cli import main; main(['feeds', 'poll'])"],
        env=env,
        cwd=tmp_path,
        start_new_session=True,
    )
    try:
        deadline = time.monotonic() + 120
        while web.fetches_of(stuck) == 0:
            assert child.poll() is None, "the poll ended before reaching the stuck page"
            assert time.monotonic() < deadline, "the poll never reached the stuck page"
            time.sleep(0.05)
        os.killpg(child.pid, signal.SIGKILL)  # the process dies in the middle of the poll
    finally:
        child.wait(30)
    assert len(_web_files(corpus)) == 2  # the two pages before the stuck one
    with FeedState(tmp_path / "feeds.sqlite") as st:
        assert sorted(i.status for i in st.items()) == ["done"] * 2 + ["pending"] * 3

    web.serve_feed("/feed.xml", releases)  # the stuck page answers again
    for key, value in env.items():
        if key.startswith("DOCBOT_"):
            monkeypatch.setenv(key, value)
    monkeypatch.chdir(tmp_path)
    from bot.cli import main

    assert main(["feeds", "poll", "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out == {"feeds": 1, "new_items": 0, "indexed": 3, "failed": []}
    files = _web_files(corpus)
    assert len(files) == 5
    from index.config import IndexConfig
    from index.kb import KnowledgeBase

    kb = KnowledgeBase(IndexConfig(corpus, tmp_path / "index"), embedder=embedder)
    titles = sorted(d.title for d in kb.sources())
    assert titles == sorted(" ".join(r.title.split()) for r in releases)
    assert all(doc_id_for(f"web/{f}") in kb.snapshot().docs for f in files)
