"""Fetching from the web safely, and extracting the article from a news page (a local server)."""

from __future__ import annotations

import re

import pytest
from support.fake_web import CHROME, FakeWeb, Route, load_releases
from support.pdfs import make_pdf

from index.errors import DocumentError
from index.ingest.article import extract_article, save_article
from index.ingest.documents import load_document
from index.ingest.web import FEED_TYPES, FetchError, FetchPolicy, check_url, fetch, resolve

LOCAL = FetchPolicy(allow_private=True, timeout=1.0, deadline=5.0, max_bytes=2_000_000)


@pytest.fixture
def web():
    with FakeWeb() as site:
        yield site


@pytest.mark.parametrize(
    "url",
    [
        "ftp://example.com/a",
        "file:///etc/passwd",
        "javascript:alert(1)",
        "http://",
        "https://u:p@x.org/",
    ],
)
def test_only_plain_http_and_https_urls(url: str) -> None:
    with pytest.raises(FetchError):
        check_url(url)


@pytest.mark.parametrize(
    "host", ["127.0.0.1", "localhost", "10.1.2.3", "192.168.0.10", "169.254.169.254", "::1"]
)
def test_private_and_local_addresses_are_refused_by_default(host: str) -> None:
    with pytest.raises(FetchError, match="private network"):
        resolve(host, 80, allow_private=False)
    assert resolve(host, 80, allow_private=True)


def test_a_local_page_is_refused_unless_allowed(web: FakeWeb) -> None:
    release = load_releases(1)[0]
    url = web.serve_release(release)
    with pytest.raises(FetchError, match="DOCBOT_ALLOW_PRIVATE_URLS"):
        fetch(url, FetchPolicy())
    assert web.page_fetches() == 0  # refused before connecting
    assert fetch(url, LOCAL).status == 200


def test_redirects_are_followed_and_each_hop_checked(web: FakeWeb) -> None:
    release = load_releases(1)[0]
    target = web.serve_release(release)
    web.serve("/short", Route(status=302, location=release.path))
    assert fetch(web.url("/short"), LOCAL).url == target
    web.serve("/loop", Route(status=301, location="/loop"))
    with pytest.raises(FetchError, match="redirects more than"):
        fetch(web.url("/loop"), LOCAL)
    web.serve("/away", Route(status=302, location="ftp://example.com/file"))
    with pytest.raises(FetchError, match="http and https"):
        fetch(web.url("/away"), LOCAL)


@pytest.mark.parametrize(
    ("route", "reason"),
    [
        (Route(b"gone", status=404), "HTTP 404"),
        (Route(b"oops", status=500), "HTTP 500"),
        (Route(b"\x89PNG....", content_type="image/png"), "image/png"),
        (Route(b"x" * 3_000_000), "cap"),  # declared too big
        (Route(chunked_bytes=5_000_000), "cap"),  # streamed without a length
        (Route(hang=True), "in time"),
    ],
)
def test_bad_pages_fail_with_a_reason(web: FakeWeb, route: Route, reason: str) -> None:
    web.serve("/bad", route)
    with pytest.raises(FetchError, match=reason):
        fetch(web.url("/bad"), LOCAL)


def test_conditional_get_answers_304_without_a_body(web: FakeWeb) -> None:
    web.serve("/feed.xml", Route(b"<rss version='2.0'></rss>", "application/rss+xml", etag=True))
    first = fetch(web.url("/feed.xml"), LOCAL, accept=FEED_TYPES)
    assert first.status == 200 and first.etag and first.last_modified
    again = fetch(web.url("/feed.xml"), LOCAL, accept=FEED_TYPES, etag=first.etag)
    assert again.not_modified and again.data == b""


def _sentences(paragraphs: list[str]) -> list[str]:
    text = " ".join(paragraphs)
    return [s for s in re.split(r"(?<=[.?!])\s+", text) if len(s.split()) >= 4]


def test_the_article_is_extracted_without_the_page_chrome(web: FakeWeb) -> None:
    releases = load_releases(5)
    for release in releases:
        url = web.serve_release(release, [r for r in releases if r is not release])
        article = extract_article(fetch(url, LOCAL))
        assert article.title == " ".join(release.title.split())
        assert article.date == release.date[:10]
        flat = " ".join(article.text.split())
        sentences = _sentences(release.paragraphs)
        found = sum(1 for s in sentences if " ".join(s.split()) in flat)
        assert found >= 0.9 * len(sentences), (release.title, found, len(sentences))
        assert not [c for c in CHROME if c in flat]
        assert not [r.title for r in releases if r is not release and r.title in flat]


def test_a_saved_page_reads_back_as_a_document_with_its_metadata(web: FakeWeb, tmp_path) -> None:
    release = load_releases(1)[0]
    article = extract_article(fetch(web.serve_release(release), LOCAL))
    rel = save_article(tmp_path, article)
    assert save_article(tmp_path, article) == rel  # the same URL: the same file
    assert [p.name for p in (tmp_path / "web").iterdir()] == [rel.split("/")[-1]]
    doc = load_document(rel, (tmp_path / rel).read_bytes())
    assert doc.title == " ".join(release.title.split())
    assert (doc.date, doc.url) == (release.date[:10], article.url)
    assert doc.source == "United States Department of State"


def test_a_pdf_behind_a_link_is_kept_as_a_pdf_with_a_sidecar(web: FakeWeb, tmp_path) -> None:
    lines = ["Joint statement on maritime cooperation.", "The parties met in Manila in May."]
    web.serve("/doc.pdf", Route(make_pdf(lines), "application/pdf"))
    article = extract_article(
        fetch(web.url("/doc.pdf"), LOCAL), title="Joint Statement", date="2022-05-04"
    )
    rel = save_article(tmp_path, article)
    assert rel.endswith(".pdf")
    sidecar = (tmp_path / (rel + ".meta.yaml")).read_bytes()
    doc = load_document(rel, (tmp_path / rel).read_bytes(), sidecar)
    assert (doc.title, doc.date) == ("Joint Statement", "2022-05-04")
    assert "Manila" in doc.text


def test_a_page_without_article_text_is_refused(web: FakeWeb) -> None:
    web.serve("/empty", Route(b"<html><body><nav><a href='/'>Home</a></nav></body></html>"))
    with pytest.raises(DocumentError):
        extract_article(fetch(web.url("/empty"), LOCAL))
