"""A fetched web page (or a PDF behind a link) as a corpus document: main text, title, date, url.

News pages carry navigation, footers, share buttons and lists of related stories around the
article. trafilatura, a library made for exactly this, keeps the article's own text and reads
its title and date; the existing HTML reader's meta-tag parsing fills what it misses, then what
the feed said about the item. A PDF behind a link is kept as the PDF itself plus a sidecar, so
it goes through the corpus's own PDF reader.

A page is saved under `web/` in the corpus with a name made from its date, its title and a
hash of its URL: saving the same URL again writes the same file, so a fetch repeated after a
crash replaces its own half-finished work instead of adding a second copy. Files are written
to a temporary name and renamed into place, so the indexer never reads half a file.

trafilatura is this module's only third-party import (tests/test_house.py checks it).
"""

from __future__ import annotations

import hashlib
import os
import re
import time
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from index.errors import DocumentError
from index.ingest.cleaning import decode_text
from index.ingest.formats.html import read_html
from index.ingest.formats.pdf import read_pdf
from index.ingest.metadata import normalize_date, site_name
from index.ingest.web import Fetched

__all__ = ["WEB_FOLDER", "Article", "content_hash", "extract_article", "save_article"]

WEB_FOLDER = "web"  # where fetched pages go, inside the corpus
_MIN_TEXT_CHARS = 40
_SLUG = re.compile(r"[^a-z0-9]+")


@dataclass(frozen=True)
class Article:
    """A page ready to be saved: its text (or, for a PDF, its bytes) and how to cite it."""

    url: str
    title: str
    date: str | None  # ISO
    source: str | None
    text: str  # the main text, paragraphs separated by blank lines ('' for a PDF)
    pdf: bytes | None = None

    @property
    def fingerprint(self) -> str:
        """Identifies the content, whatever URL it came from (see `content_hash`)."""
        if self.pdf is not None:
            return hashlib.blake2b(self.pdf, digest_size=16).hexdigest()
        return content_hash(self.text)


def content_hash(text: str) -> str:
    """A hash of a text that ignores spacing and case: the same release twice hashes the same."""
    words = " ".join(unicodedata.normalize("NFKC", text).lower().split())
    return hashlib.blake2b(words.encode("utf-8"), digest_size=16).hexdigest()


def extract_article(
    page: Fetched, *, title: str | None = None, date: Any = None, source: str | None = None
) -> Article:
    """The article in a fetched page.

    Args:
        page: what `web.fetch` returned (HTML, plain text or PDF).
        title: the title the feed gave the item, used when the page names none.
        date: the date the feed gave it (any form `normalize_date` reads).
        source: the feed's title, used when the page names no site.

    Returns:
        Main text, title, ISO date and source.

    Raises:
        DocumentError: the page has no main text, or the PDF is unreadable.
    """
    if page.content_type == "application/pdf" or page.data[:5] == b"%PDF-":
        info = read_pdf(page.data).meta  # refuses a broken or encrypted PDF
        return Article(
            page.url,
            _title(title, info.get("title"), page.url),
            normalize_date(date) or normalize_date(info.get("date")),
            source or site_name(page.url),
            "",
            pdf=page.data,
        )
    meta: dict[str, Any] = {}
    if page.content_type == "text/plain":
        text = decode_text(page.data).strip()
    else:
        text, meta = _main_text(page.data, page.url)
    if len(text) < _MIN_TEXT_CHARS:
        raise DocumentError(f"{page.url} has no article text docbot can find.")
    return Article(
        page.url,
        _title(meta.get("title"), title, page.url),
        # The page's own date tag, else the feed's date, else trafilatura's reading of the page.
        normalize_date(meta.get("date"))
        or normalize_date(date)
        or normalize_date(meta.get("guess")),
        meta.get("source") or source or site_name(page.url),
        text,
    )


def _main_text(data: bytes, url: str) -> tuple[str, dict[str, Any]]:
    """trafilatura's main text and metadata, completed from the page's meta tags."""
    import trafilatura

    html = decode_text(data)
    found = trafilatura.bare_extraction(
        html,
        url=url,
        with_metadata=True,
        include_comments=False,
        include_tables=True,
        include_images=False,
        # Not `deduplicate`: it remembers text across calls in a process-wide cache and would
        # drop a page seen before; duplicates are found by content hash in feeds.py instead.
        deduplicate=False,
    )
    info: dict[str, Any] = {}
    if found is not None:
        info = found.as_dict() if hasattr(found, "as_dict") else dict(found)
    text = str(info.get("text") or "").strip()
    # Paragraphs come one per line; the corpus's readers expect a blank line between them.
    text = "\n\n".join(line.strip() for line in text.splitlines() if line.strip())
    tags = read_html(data).meta
    meta = {
        "title": info.get("title") or tags.get("title"),
        "date": tags.get("date"),
        "guess": info.get("date"),
        "source": tags.get("source") or info.get("sitename"),
    }
    return text, meta


def _title(first: Any, second: Any, url: str) -> str:
    for candidate in (first, second):
        if candidate and str(candidate).strip():
            return " ".join(str(candidate).split())
    return url


def _file_stem(article: Article) -> str:
    slug = _SLUG.sub("-", unicodedata.normalize("NFKD", article.title).lower()).strip("-")
    slug = slug[:60].rstrip("-") or "page"
    key = hashlib.sha256(article.url.encode("utf-8")).hexdigest()[:10]
    return f"{article.date or 'undated'}-{slug}-{key}"


def save_article(corpus: Path, article: Article) -> str:
    """Write the article into the corpus; the same URL always gets the same file.

    A page becomes a `.txt` file with YAML front matter (title, date, source, url); a PDF is
    written as it is, with a `.meta.yaml` sidecar holding the same fields.

    Returns:
        The path written, relative to the corpus (posix).
    """
    import yaml

    folder = corpus / WEB_FOLDER
    folder.mkdir(parents=True, exist_ok=True)
    meta = {"title": article.title, "date": article.date, "source": article.source}
    meta["url"] = article.url
    header = yaml.safe_dump(
        {k: v for k, v in meta.items() if v}, allow_unicode=True, sort_keys=False, width=1000
    )
    stem = _file_stem(article)
    if article.pdf is not None:
        name = stem + ".pdf"
        # The sidecar first: a PDF without it would be indexed with the PDF's own metadata.
        _write(corpus, folder / (name + ".meta.yaml"), header.encode("utf-8"))
        _write(corpus, folder / name, article.pdf)
    else:
        name = stem + ".txt"
        _write(corpus, folder / name, f"---\n{header}---\n\n{article.text}\n".encode())
    return f"{WEB_FOLDER}/{name}"


def _write(corpus: Path, path: Path, data: bytes) -> None:
    """Atomically (re)place `path` with `data`; the temporary file is hidden from the scan."""
    tmp_dir = corpus / ".uploads"
    tmp_dir.mkdir(exist_ok=True)
    tmp = tmp_dir / f"web-{os.getpid()}-{time.monotonic_ns()}.part"
    try:
        with open(tmp, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    finally:
        tmp.unlink(missing_ok=True)
