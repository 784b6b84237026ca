"""A local web site standing in for the public web: an RSS feed, its pages, and broken URLs.

The pages are State Department releases from ../shared/data/statedept (a small built-in set
when that is missing), each wrapped in realistic page chrome: a navigation bar, a cookie
banner, a header, "related releases" links, share buttons and a footer, as state.gov's pages
have. The feed is RSS 2.0 with ETag and Last-Modified; the server answers conditional GETs with
304. Any path can be made to answer 404/500, hang, or send a huge body. Every request is logged.
"""

from __future__ import annotations

import contextlib
import email.utils
import hashlib
import html
import re
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
STATEDEPT = ROOT.parent / "shared" / "data" / "statedept" / "text"

# Chrome every page carries: none of these strings may end up in an extracted article.
CHROME = (
    "Skip to main content",
    "This site uses cookies to improve your experience",
    "Subscribe to updates from the Office of the Spokesperson",
    "Related Articles",
    "Share on Facebook",
    "Privacy Policy",
    "Copyright Information",
    "Back to top",
)

_BUILT_IN = [
    {
        "title": "Secretary Blinken's Travel to the Republic of Korea",
        "date": "2021-03-15T10:00:00+00:00",
        "slug": "secretary-blinkens-travel-to-the-republic-of-korea",
        "body": [
            "Secretary of State Antony J. Blinken will travel to Seoul, Republic of Korea, "
            "from March 17 to March 18.",
            "In Seoul, the Secretary will meet with Foreign Minister Chung Eui-yong to discuss "
            "the alliance between our two countries and the situation on the Korean Peninsula.",
            "The Secretary will also hold a joint meeting with the Minister of National Defense "
            "together with the Secretary of Defense.",
        ],
    },
    {
        "title": "Secretary Blinken's Call with Mexican Foreign Secretary Ebrard",
        "date": "2021-06-02T16:30:00+00:00",
        "slug": "secretary-blinkens-call-with-mexican-foreign-secretary-ebrard",
        "body": [
            "Secretary Blinken spoke today with Mexican Foreign Secretary Marcelo Ebrard.",
            "The Secretary and the Foreign Secretary discussed migration, the reopening of the "
            "shared border to non-essential travel, and vaccine cooperation.",
            "They agreed to continue the High-Level Economic Dialogue in September in Washington.",
        ],
    },
    {
        "title": "Deputy Secretary Sherman's Travel to Mongolia",
        "date": "2021-07-20T09:00:00+00:00",
        "slug": "deputy-secretary-shermans-travel-to-mongolia",
        "body": [
            "Deputy Secretary of State Wendy Sherman will travel to Ulaanbaatar, Mongolia, on "
            "July 27 and 28.",
            "In Ulaanbaatar, the Deputy Secretary will meet senior government officials to mark "
            "the 35th anniversary of diplomatic relations between the two countries.",
            "She will also meet members of civil society to discuss democracy and human rights.",
        ],
    },
]


@dataclass(frozen=True)
class Release:
    """A press release: what the page shows, and the text it was built from."""

    title: str
    date: str  # ISO with time
    slug: str
    paragraphs: list[str]

    @property
    def path(self) -> str:
        return f"/releases/{self.slug}/"


def load_releases(n: int, offset: int = 0) -> list[Release]:
    """`n` State Department releases (built-in ones when ../shared is missing)."""
    out: list[Release] = []
    if STATEDEPT.is_dir():
        files = sorted(STATEDEPT.rglob("*.txt"))
        for path in files[offset:]:
            release = _read_release(path)
            if release is not None and len(release.paragraphs) >= 3:
                out.append(release)
            if len(out) == n:
                return out
    built = [Release(r["title"], r["date"], r["slug"], r["body"]) for r in _BUILT_IN]
    return (out + built)[:n]


def _read_release(path: Path) -> Release | None:
    text = path.read_text(encoding="utf-8")
    head, _, body = text.partition("\n\n")
    meta = dict(line.split(": ", 1) for line in head.splitlines() if ": " in line)
    if "Title" not in meta or "Published" not in meta:
        return None
    paragraphs = [" ".join(p.split()) for p in body.split("\n\n") if p.strip()]
    slug = re.sub(r"[^a-z0-9]+", "-", meta["Title"].lower()).strip("-")[:80]
    return Release(meta["Title"], meta["Published"], slug, paragraphs[:40])


def page_html(release: Release, related: list[Release]) -> str:
    """The release inside a full page, as a news site serves it."""
    nav = "".join(
        f'<li><a href="/section/{s.lower()}/">{s}</a></li>'
        for s in ("Countries", "Policy Issues", "Bureaus", "Careers", "Travel", "Press")
    )
    links = "".join(
        f'<li><a href="{r.path}">{html.escape(r.title)}</a><span>{r.date[:10]}</span></li>'
        for r in related
    )
    body = "\n".join(f"<p>{html.escape(p)}</p>" for p in release.paragraphs)
    return f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>{html.escape(release.title)} - United States Department of State</title>
<meta property="og:title" content="{html.escape(release.title)}">
<meta property="og:site_name" content="United States Department of State">
<meta property="article:published_time" content="{release.date}">
<script>window.analytics = {{"page": "release"}};</script>
<style>body {{ font-family: sans-serif; }}</style>
</head><body>
<a class="skip" href="#main">Skip to main content</a>
<div class="cookie-banner">This site uses cookies to improve your experience.
<button>Accept</button></div>
<header class="site-header"><div class="logo">U.S. Department of State</div>
<nav aria-label="Main"><ul>{nav}</ul></nav>
<form role="search"><input name="s" placeholder="Search"></form></header>
<div class="breadcrumbs"><a href="/">Home</a> &gt;
<a href="/press/">Office of the Spokesperson</a></div>
<main id="main"><article>
<h1 class="featured-content__headline">{html.escape(release.title)}</h1>
<p class="article-meta__author-bar">Office of the Spokesperson</p>
<p class="article-meta__publish-date">{release.date[:10]}</p>
<div class="entry-content">
{body}
</div>
<div class="share"><a href="#">Share on Facebook</a> <a href="#">Share on Twitter</a></div>
</article></main>
<aside class="related"><h2>Related Articles</h2><ul>{links}</ul></aside>
<section class="subscribe">
<p>Subscribe to updates from the Office of the Spokesperson.</p></section>
<footer><ul><li><a href="/privacy/">Privacy Policy</a></li><li><a href="/copyright/">Copyright
Information</a></li><li><a href="/foia/">FOIA</a></li></ul><a href="#top">Back to top</a></footer>
</body></html>"""


def rss(title: str, items: list[tuple[str, str, str]]) -> bytes:
    """An RSS 2.0 feed of (title, link, ISO date) items, newest first."""
    entries = "".join(
        f"<item><title>{html.escape(t)}</title><link>{html.escape(link)}</link>"
        f"<guid>{html.escape(link)}</guid>"
        f"<pubDate>{_rfc2822(date)}</pubDate></item>"
        for t, link, date in items
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel>'
        f"<title>{html.escape(title)}</title><link>https://www.state.gov/</link>"
        f"<description>Press releases</description>{entries}</channel></rss>"
    ).encode()


def _rfc2822(iso: str) -> str:
    from datetime import datetime

    return email.utils.format_datetime(datetime.fromisoformat(iso))


@dataclass
class Route:
    body: bytes = b""
    content_type: str = "text/html; charset=utf-8"
    status: int = 200
    hang: bool = False  # never answer (until the server stops)
    etag: bool = False  # send an ETag and Last-Modified, answer conditional GETs with 304
    chunked_bytes: int = 0  # stream this many bytes without a Content-Length
    modified: float = field(default_factory=time.time)
    location: str | None = None  # a Location header (redirects)


class FakeWeb:
    """The local web site. Use as a context manager; `url(path)` gives a page's address."""

    def __init__(self) -> None:
        self.routes: dict[str, Route] = {}
        self.requests: list[tuple[str, dict[str, str]]] = []
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._server: ThreadingHTTPServer | None = None

    # -- content ------------------------------------------------------------------------------
    def serve(self, path: str, route: Route) -> None:
        with self._lock:
            self.routes[path] = route

    def serve_release(self, release: Release, related: list[Release] | None = None) -> str:
        self.serve(release.path, Route(page_html(release, related or []).encode()))
        return self.url(release.path)

    def serve_feed(self, path: str, releases: list[Release], title: str = "Press Releases") -> None:
        """(Re)publish the feed at `path` listing `releases`, newest first; pages served too."""
        for r in releases:
            self.serve_release(r, [x for x in releases if x is not r][:4])
        items = [(r.title, self.url(r.path), r.date) for r in reversed(releases)]
        self.serve(path, Route(rss(title, items), "application/rss+xml", etag=True))

    def fetches_of(self, path: str) -> int:
        with self._lock:
            return sum(1 for p, _ in self.requests if p == path)

    def page_fetches(self) -> int:
        with self._lock:
            return sum(1 for p, _ in self.requests if p.startswith("/releases/"))

    def url(self, path: str) -> str:
        assert self._server is not None
        return f"http://127.0.0.1:{self._server.server_address[1]}{path}"

    # -- lifecycle ------------------------------------------------------------------------------
    def __enter__(self) -> FakeWeb:
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(self))
        self._server.daemon_threads = True
        threading.Thread(target=self._server.serve_forever, daemon=True).start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()

    def _answer(self, handler: BaseHTTPRequestHandler) -> None:
        path = handler.path.split("?", 1)[0]
        with self._lock:
            self.requests.append((path, dict(handler.headers.items())))
            route = self.routes.get(path)
        if route is None:
            route = Route(b"<h1>Not found</h1>", status=404)
        if route.hang:
            self._stop.wait(120)
            return
        headers: dict[str, Any] = {"Content-Type": route.content_type}
        if route.location:
            headers["Location"] = route.location
        if route.etag:
            tag = '"' + hashlib.sha1(route.body).hexdigest()[:16] + '"'
            modified = email.utils.formatdate(route.modified, usegmt=True)
            headers.update({"ETag": tag, "Last-Modified": modified})
            if handler.headers.get("If-None-Match") == tag:
                handler.send_response(304)
                for k, v in headers.items():
                    handler.send_header(k, v)
                handler.end_headers()
                return
        handler.send_response(route.status)
        for k, v in headers.items():
            handler.send_header(k, v)
        if route.chunked_bytes:
            handler.end_headers()
            block = b"<p>" + b"x" * 65530 + b"</p>"
            sent = 0
            try:
                while sent < route.chunked_bytes and not self._stop.is_set():
                    handler.wfile.write(block)
                    sent += len(block)
            except OSError:
                pass  # the client hung up, as it should past its size cap
            handler.close_connection = True
            return
        handler.send_header("Content-Length", str(len(route.body)))
        handler.end_headers()
        with contextlib.suppress(OSError):  # the client may hang up first
            handler.wfile.write(route.body)


def _handler(web: FakeWeb) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.0"

        def log_message(self, format: str, *args: Any) -> None:  # noqa: A002
            pass

        def do_GET(self) -> None:  # noqa: N802
            web._answer(self)

    return Handler
