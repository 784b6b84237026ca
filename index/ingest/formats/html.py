"""HTML: metadata from <head>, and the visible text of the main content as paragraphs."""

from __future__ import annotations

import re
import warnings
from typing import Any

from index.ingest.cleaning import clean_lines, decode_text
from index.ingest.formats.base import Extracted

__all__ = ["read_html"]


def _tags(names: str) -> frozenset[str]:
    return frozenset(names.split())


_DROP = _tags(
    "script style noscript nav header footer aside form template svg iframe button select "
    "head object embed canvas"
)
_BLOCK = _tags(
    "p div section article main blockquote pre ul ol li dl dt dd table thead tbody tfoot tr "
    "h1 h2 h3 h4 h5 h6 figure figcaption address hr caption fieldset details summary"
)
# Private-use characters stand in for breaks while whitespace is collapsed.
_PARA, _BREAK = "\ue000", "\ue001"


def read_html(data: bytes) -> Extracted:
    """Read an HTML page.

    Args:
        data: the file's bytes, in any encoding `decode_bytes` reads.

    Returns:
        Title, date, url and site name from meta tags (Open Graph, Dublin Core, <title>,
        <time>, the canonical link), and the visible text as lines, one paragraph per block
        element. Navigation, scripts and page headers and footers are dropped; <main>, or
        the page's only <article>, is the body when there is one.

    Raises:
        DocumentError: the file is empty or binary.
    """
    text = decode_text(data)
    # bs4 and lxml are imported here, not at the top: most commands never read HTML.
    from bs4 import BeautifulSoup

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        soup = BeautifulSoup(text, "lxml")
    meta: dict[str, Any] = {}

    def content(attr: str, *names: str) -> str | None:
        for name in names:
            tag = soup.find("meta", attrs={attr: re.compile(f"^{re.escape(name)}$", re.I)})
            if tag is not None and str(tag.get("content") or "").strip():
                return str(tag["content"]).strip()
        return None

    h1 = soup.find("h1")
    title_tag = soup.find("title")
    meta["title"] = (
        content("property", "og:title")
        or content("name", "twitter:title", "title", "dc.title")
        or (title_tag.get_text(" ", strip=True) if title_tag else None)
        or (h1.get_text(" ", strip=True) if h1 else None)
    )
    time_tag = soup.find("time", attrs={"datetime": True})
    meta["date"] = (
        content("property", "article:published_time", "og:published_time")
        or content("name", "date", "pubdate", "publish-date", "dc.date", "article:published_time")
        or content("itemprop", "datePublished")
        or (str(time_tag["datetime"]) if time_tag else None)
    )
    canonical = soup.find("link", rel="canonical", href=True)
    meta["url"] = content("property", "og:url") or (
        str(canonical["href"]).strip() if canonical else None
    )
    meta["source"] = content("property", "og:site_name") or content(
        "name", "application-name", "publisher"
    )
    for tag in soup.find_all(list(_DROP)):
        # A page's header/footer is furniture; an article's own header holds its headline.
        if tag.name in ("header", "footer") and tag.find_parent(["article", "main"]):
            continue
        tag.decompose()
    for br in soup.find_all("br"):
        br.replace_with(_BREAK)
    for pre in soup.find_all("pre"):
        for node in pre.find_all(string=True):
            node.replace_with(str(node).replace("\n", _BREAK))
    for tag in soup.find_all(list(_BLOCK)):
        tag.insert_before(_PARA)
        tag.insert_after(_PARA)
    for cell in soup.find_all(["td", "th"]):
        cell.insert_after(" ")
    # The page's main content when it says which it is; else the whole body.
    articles = soup.find_all("article")
    body = soup.find("main") or (articles[0] if len(articles) == 1 else None) or soup.body or soup
    flat = re.sub(r"\s+", " ", body.get_text())
    flat = flat.replace(_BREAK, "\n").replace(_PARA, "\n\n")
    return Extracted({k: v for k, v in meta.items() if v}, clean_lines(flat))
