"""Turn the bytes of one corpus file into a cleaned `Document` with metadata.

Formats: plain text, Markdown, HTML and PDF. Metadata (title, date, source, url) comes from
whatever the file carries (YAML front matter, `Title:`/`Published:` header lines, a leading
`date YYYY-MM-DD` marker, a trailing `Source:` line, a `YYYY-MM-DD` file-name prefix, HTML meta
tags, PDF metadata) and is overridden by a `<name>.meta.yaml` sidecar. `Document.text` is the
cleaned body every citation offset points into: paragraphs separated by one blank line, one
line per paragraph or structural line (heading, list item), no boilerplate.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import unicodedata
import warnings
from collections.abc import Callable
from email.utils import parsedate_to_datetime
from pathlib import PurePosixPath
from typing import Any

import yaml

from index.errors import DocumentError
from index.ingest.scan import SIDECAR_SUFFIX, SUPPORTED_SUFFIXES
from index.types import Document

__all__ = [
    "SIDECAR_SUFFIX",
    "SUPPORTED_SUFFIXES",
    "decode_bytes",
    "load_document",
    "normalize_date",
    "remove_boilerplate",
]

TITLE_MAX_CHARS = 200
_META_KEYS = ("title", "date", "source", "url")


class _YamlLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    """Safe loader (C parser when available: ~10x faster) that keeps timestamps as strings.

    PyYAML turns `date: 2021-13-45` into a ValueError and `2021-05-20` into a date object;
    as strings, every date goes through `normalize_date`, which returns None when invalid.
    """


_YamlLoader.add_constructor(
    "tag:yaml.org,2002:timestamp", lambda loader, node: loader.construct_scalar(node)
)
_YAML_LOADER = _YamlLoader

# ---------------------------------------------------------------------------------------------
# Dates
# ---------------------------------------------------------------------------------------------
_MONTHS = {
    name: number
    for number, names in enumerate(
        [
            "jan january",
            "feb february",
            "mar march",
            "apr april",
            "may",
            "jun june",
            "jul july",
            "aug august",
            "sep sept september",
            "oct october",
            "nov november",
            "dec december",
        ],
        start=1,
    )
    for name in names.split()
}
_ISO_DATE = re.compile(r"^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:$|[T\s_]|\d{2}:)")
_COMPACT_DATE = re.compile(r"^(?:D:)?(\d{4})(\d{2})(\d{2})(?:\d|$|[TZ+\-'])")  # PDF "D:2022..."
_MDY = re.compile(r"^(?:[A-Za-z]+,?\s+)?([A-Za-z]+)\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})\b")
_DMY = re.compile(r"^(?:[A-Za-z]+,?\s+)?(\d{1,2})(?:st|nd|rd|th)?\s+([A-Za-z]+)\.?,?\s+(\d{4})\b")


def _ymd(year: int, month: int, day: int) -> str | None:
    try:
        return dt.date(year, month, day).isoformat()
    except ValueError:
        return None


def normalize_date(value: Any) -> str | None:
    """ISO `YYYY-MM-DD` for a date in any common form, or None when it is not a valid date.

    Accepts ISO dates with or without time and zone (the calendar date as written is kept,
    not converted to UTC), `March 4, 2022`, `4 March 2022`, RFC 2822, PDF `D:YYYYMMDD...`,
    and `datetime.date` objects (what YAML produces for unquoted dates).
    """
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()[:10]
    if not isinstance(value, str):
        return None
    s = value.strip()
    if not s:
        return None
    if m := _ISO_DATE.match(s):
        return _ymd(int(m[1]), int(m[2]), int(m[3]))
    if m := _COMPACT_DATE.match(s):
        return _ymd(int(m[1]), int(m[2]), int(m[3]))
    if m := _MDY.match(s):
        month = _MONTHS.get(m[1].lower())
        if month:
            return _ymd(int(m[3]), month, int(m[2]))
    if m := _DMY.match(s):
        month = _MONTHS.get(m[2].lower())
        if month:
            return _ymd(int(m[3]), month, int(m[1]))
    try:
        return parsedate_to_datetime(s).date().isoformat()
    except (TypeError, ValueError, IndexError, OverflowError):
        return None


# ---------------------------------------------------------------------------------------------
# Bytes -> str
# ---------------------------------------------------------------------------------------------
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")


def decode_bytes(data: bytes) -> str:
    """UTF-8 (BOM stripped), else cp1252, else latin-1; UTF-16 if it has a BOM.

    Raises DocumentError for empty files and binaries (NUL bytes, or more than 5% control
    characters in the first 8 KB).
    """
    if not data.strip():
        raise DocumentError("empty file")
    if data[:2] in (b"\xff\xfe", b"\xfe\xff"):  # UTF-16 with a BOM: NULs are expected
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise DocumentError("binary file") from exc
    head = data[:8192]
    if b"\x00" in head or (len(_CONTROL.findall(head.decode("latin-1"))) > max(8, len(head) // 20)):
        raise DocumentError("binary file")
    for encoding in ("utf-8-sig", "cp1252"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    return data.decode("latin-1")


# ---------------------------------------------------------------------------------------------
# Line-level cleaning shared by every format
# ---------------------------------------------------------------------------------------------
_SPACES = re.compile(r"[ \t\f\v\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]+")
_INVISIBLE = re.compile(r"[\u200b-\u200d\u2060\ufeff\u00ad]|[\x00-\x08\x0b-\x1f\x7f]")
_HAS_WORD = re.compile(r"\w", re.UNICODE)
_SENTENCE_END = re.compile(r"[.?!:;…][\"'”’)\]]*$")
_FRAGMENT_CONTENT = re.compile(r"\d|:|[-–—]$")
_PHOTO_CREDIT = re.compile(  # "[File: Saul Loeb/AFP]", "[Jane Doe/Reuters]", "(Photo: AP)"
    r"(?:\[(?:(?:file|photo|image|picture)[^:\]\d]{0,12}:\s*[^\[\]/\d]{2,60}"
    r"|[^\W\d_][^\[\]/\d\s]*\s[^\[\]/\d]{1,50})/[^\W\d_][^\[\]/\d]{1,39}\]"
    r"|\((?:file|photo|image|picture)[^:)]{0,12}:[^()]{2,80}\))\s*$",
    re.IGNORECASE,
)
_PHOTO_PREFIX = re.compile(r"^(?:photo|image|picture|photo credit)\s*:", re.IGNORECASE)
_SOURCE_LINE = re.compile(r"^source\s*:\s*(.{1,100})$", re.IGNORECASE)


def _clean_line(line: str) -> str:
    line = _INVISIBLE.sub("", line)
    return _SPACES.sub(" ", line).strip()


def _is_short_fragment(line: str) -> bool:
    """A few words, no digits, no sentence punctuation: a label, button or heading.

    Digits (a date, a dateline) and a colon or a trailing dash (a speaker's interrupted line in
    a transcript: "MR PRICE: So —") mark real content.
    """
    return (
        len(line) <= 40
        and len(line.split()) <= 4
        and not _SENTENCE_END.search(line)
        and not _FRAGMENT_CONTENT.search(line)
    )


def remove_boilerplate(lines: list[str]) -> list[str]:
    """Drop lines that carry no document content; '' lines (paragraph breaks) are kept.

    Rules, each general rather than tied to one site:
    - A line with no letter or digit ("# # #", "* * *", "---", a lone "|") is a separator.
    - A short fragment (<= 4 words, <= 40 chars, no sentence punctuation) that occurs 2+ times
      in the same document is page furniture ("Advertisement", "Share", "Read more", a running
      PDF header). Real headings rarely repeat verbatim within one document.
    - A line ending in a bracketed "Name/Agency" credit ("[File: Saul Loeb/AFP]") or starting
      "Photo:" is an image caption: it describes a picture the reader cannot see.
    - A line that is only a page number (digits, optionally "Page n of m") is PDF furniture.
    """
    counts: dict[str, int] = {}
    for line in lines:
        if line and _is_short_fragment(line):
            key = line.casefold()
            counts[key] = counts.get(key, 0) + 1
    out: list[str] = []
    for line in lines:
        if not line:
            out.append(line)
            continue
        if not _HAS_WORD.search(line):
            continue
        if _is_short_fragment(line) and counts.get(line.casefold(), 0) >= 2:
            continue
        if _PHOTO_CREDIT.search(line) or (_PHOTO_PREFIX.match(line) and len(line) < 300):
            continue
        if re.fullmatch(r"(?:page\s+)?\d{1,4}(?:\s*(?:of|/)\s*\d{1,4})?", line, re.IGNORECASE):
            continue
        out.append(line)
    return out


def _join_paragraphs(lines: list[str]) -> str:
    """Lines with '' as paragraph breaks -> text with single '\\n' and '\\n\\n' breaks."""
    text = "\n".join(lines)
    return re.sub(r"\n{3,}", "\n\n", text).strip("\n")


_HYPHEN_END = re.compile(r"[^\W\d]-$")
_PARA_END = re.compile(r"[.?!:][\"'”’)]*$")
_LIST_START = re.compile(r"^(?:[-*+•▪◦‣–]\s|\d{1,3}[.)]\s|[a-zA-Z][.)]\s|\(\w{1,3}\)\s|#|>|\|)")


def _reflow_plain(lines: list[str]) -> list[str]:
    """Join the lines of hard-wrapped plain text into paragraphs.

    Only when the document looks hard-wrapped (most lines inside multi-line paragraphs are
    40-100 characters): otherwise a single newline is meaningful (a heading above its
    paragraph, an address, a list) and is kept.
    """
    inner = sorted(len(a) for a, b in zip(lines, lines[1:], strict=False) if a and b)
    if len(inner) < 3:
        return lines
    median = inner[len(inner) // 2]
    if not 40 <= median <= 100 or inner[int(len(inner) * 0.9)] > 110:
        return lines
    min_len = int(median * 0.6)
    return _join_wrapped(lines, lambda last: len(last) >= min_len, blank_between=False)


def _join_wrapped(lines: list[str], wraps: Callable[[str], bool], blank_between: bool) -> list[str]:
    """Append each line to the previous one when that one `wraps`; undo "exam-\nple" splits.

    `wraps` sees the previous printed line, not the paragraph joined so far. With
    `blank_between`, lines that are not joined become separate paragraphs.
    """
    out: list[str] = []
    last = ""
    for line in lines:
        if not line:
            out.append("")
            last = ""
            continue
        if last and wraps(last) and not _LIST_START.match(line):
            if _HYPHEN_END.search(last) and line[:1].islower():
                out[-1] = out[-1][:-1] + line
            else:
                out[-1] = out[-1] + " " + line
        else:
            if last and blank_between:
                out.append("")
            out.append(line)
        last = line
    return out


def _first_line_title(lines: list[str]) -> str | None:
    """The first non-empty line, if it reads like a title rather than a paragraph."""
    for line in lines:
        if line:
            if len(line) <= 150 and not re.search(r"[.?!][\"'”’)]*\s+\S", line):
                return line
            return None
    return None


def _title_from_path(rel_path: str) -> str:
    stem = PurePosixPath(rel_path).name
    for suffix in sorted(SUPPORTED_SUFFIXES, key=len, reverse=True):
        if stem.lower().endswith(suffix):
            stem = stem[: -len(suffix)]
            break
    stem = re.sub(r"^\d{4}-\d{2}-\d{2}[-_ ]*(?:\d+[-_ ]+)?", "", stem)
    words = re.sub(r"[-_]+", " ", stem).strip()
    return (words[:1].upper() + words[1:]) if words else PurePosixPath(rel_path).name


def _cap(title: str) -> str:
    title = _clean_line(title)
    if len(title) <= TITLE_MAX_CHARS:
        return title
    cut = title[:TITLE_MAX_CHARS].rsplit(" ", 1)[0]
    return cut.rstrip(" ,;:-") + "…"


# ---------------------------------------------------------------------------------------------
# Header metadata inside text files
# ---------------------------------------------------------------------------------------------
_FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(.*?)\r?\n(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)", re.S)
_HEADER_LINE = re.compile(
    r"^(title|author|authors|by|published|date|updated|url|link|source)\s*:\s*(.*)$", re.I
)
_LEADING_DATE = re.compile(r"\A\s*date\s*:?\s+(\d{4}-\d{2}-\d{2})\b[ \t]*", re.I)
_URL = re.compile(r"^(?:https?://|www\.)\S+$", re.I)
_FILE_DATE = re.compile(r"^(\d{4}-\d{2}-\d{2})")
_FM_KEYS = {
    "title": ("title", "headline", "name"),
    "date": ("date", "published_time", "published", "pubdate", "publish_date", "created"),
    "url": ("url", "source_url", "link", "canonical_url", "permalink"),
    "source": ("source", "publisher", "site_name", "site"),
}
_HEADER_KEYS = {
    "title": "title",
    "published": "date",
    "date": "date",
    "updated": "date",
    "url": "url",
    "link": "url",
    "source": "source",
}


def _meta_from_mapping(mapping: dict[Any, Any], keys: dict[str, tuple[str, ...]]) -> dict:
    meta: dict[str, Any] = {}
    lowered = {str(k).strip().lower(): v for k, v in mapping.items()}
    for field, candidates in keys.items():
        for key in candidates:
            value = lowered.get(key)
            if value is not None and str(value).strip():
                meta[field] = value
                break
    return meta


def _split_front_matter(text: str) -> tuple[dict, str]:
    """YAML front matter as a dict, and the rest. Not a mapping -> not front matter."""
    m = _FRONT_MATTER.match(text)
    if not m:
        return {}, text
    try:
        data = yaml.load(m.group(1), Loader=_YAML_LOADER)
    except yaml.YAMLError:
        return {}, text
    if not isinstance(data, dict):
        return {}, text
    return _meta_from_mapping(data, _FM_KEYS), text[m.end() :]


def _split_header_lines(text: str) -> tuple[dict, str]:
    """`Title:`/`Author:`/`Published:`/`URL:` lines at the very top, ended by a blank line."""
    lines = text.lstrip("\n").split("\n")
    meta: dict[str, str] = {}
    n = 0
    while n < len(lines) and (m := _HEADER_LINE.match(lines[n].strip())):
        field = _HEADER_KEYS.get(m.group(1).lower())
        value = m.group(2).strip()
        # "Date: tomorrow we meet" opens a body, not a header block.
        if (field == "date" and normalize_date(value) is None) or (
            field == "url" and not _URL.match(value)
        ):
            return {}, text
        if field and value and field not in meta:
            meta[field] = value
        n += 1
    if n == 0 or (n < len(lines) and lines[n].strip()):
        return {}, text
    return meta, "\n".join(lines[n:])


def _text_metadata(text: str) -> tuple[dict, str]:
    """Front matter, header lines and a leading `date YYYY-MM-DD`, removed from the text."""
    meta, text = _split_front_matter(text)
    header, text = _split_header_lines(text)
    for key, value in header.items():
        meta.setdefault(key, value)
    if m := _LEADING_DATE.match(text):
        meta.setdefault("date", m.group(1))
        text = text[m.end() :]
    return meta, text


# ---------------------------------------------------------------------------------------------
# Formats
# ---------------------------------------------------------------------------------------------
def _plain_lines(text: str) -> list[str]:
    return [_clean_line(line) for line in text.split("\n")]


_MD_FENCE = re.compile(r"^\s*(```|~~~)")
_MD_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+(.*?)(?:\s+#+)?\s*$")
_MD_BLOCK = re.compile(r"^\s{0,3}(?:#{1,6}\s|[-*+]\s|\d{1,3}[.)]\s|>|\|)")
_MD_INLINE = [
    (re.compile(r"!\[[^\]]*\]\([^)]*\)"), ""),  # images: nothing to read
    (re.compile(r"\[([^\]]+)\]\((?:[^()]|\([^)]*\))*\)"), r"\1"),  # [text](url)
    (re.compile(r"\[([^\]]+)\]\[[^\]]*\]"), r"\1"),  # [text][ref]
    (re.compile(r"<(https?://[^>\s]+)>"), r"\1"),  # autolinks
    (re.compile(r"<!--.*?-->"), ""),  # HTML comments
    (
        re.compile(r"</?(?:tr|p|div|table|thead|tbody|li|ul|ol|h[1-6]|figure|br)\b[^>]*>", re.I),
        "\n",
    ),
    (re.compile(r"</?[A-Za-z][A-Za-z0-9]*(?:\s[^<>]*)?/?>"), ""),  # other inline HTML tags
    (re.compile(r"`([^`]+)`"), r"\1"),
    (re.compile(r"(\*\*|__)(?=\S)(.+?)\1"), r"\2"),
    (re.compile(r"(?<![\w*])\*(?=[^\s*])(.+?)(?<=[^\s*])\*(?![\w*])"), r"\1"),
    (re.compile(r"(?<![\w_])_(?=[^\s_])(.+?)(?<=[^\s_])_(?![\w_])"), r"\1"),
    (re.compile(r"\\([\\`*_{}\[\]()#+\-.!|~<>\"'$])"), r"\1"),  # backslash escapes
]


_MD_MARKUP_CHARS = re.compile(r"[\[<`*_\\]")
_MD_LINK_DEF = re.compile(r"^\s{0,3}\[[^\]]+\]:\s+\S+")  # "[1]: http://..." reference definitions
_MD_RULE = re.compile(r"^\s{0,3}(?:[-*_=]\s*){3,}$")  # thematic breaks and setext underlines


def _markdown_lines(text: str) -> list[str]:
    """Light de-markup. Soft line breaks become spaces, as in CommonMark."""
    out: list[str] = []
    in_fence = False
    hard_break = False
    for raw in text.split("\n"):
        if _MD_FENCE.match(raw):
            in_fence = not in_fence
            out.append("")
            continue
        if in_fence:
            out.append(_clean_line(raw))
            hard_break = True
            continue
        if _MD_LINK_DEF.match(raw):
            continue
        if _MD_RULE.match(raw):
            out.append("")
            continue
        ends_hard = raw.endswith("  ") or raw.rstrip(" ").endswith("\\")
        line = _clean_line(raw.rstrip(" ").removesuffix("\\") if ends_hard else raw)
        if heading := _MD_HEADING.match(line):
            out.extend(["", heading.group(1), ""])
            hard_break = False
            continue
        if line.startswith(">"):
            line = line[1:].lstrip()
        starts_block = bool(_MD_BLOCK.match(raw))
        if line and out and out[-1] and not hard_break and not starts_block:
            out[-1] = out[-1] + " " + line
        else:
            out.append(line)
        hard_break = ends_hard
    lines: list[str] = []
    for line in out:
        if not _MD_MARKUP_CHARS.search(line):
            lines.append(line)
            continue
        for pattern, repl in _MD_INLINE:
            line = pattern.sub(repl, line)
        lines.extend(_clean_line(part) for part in line.split("\n"))
    return lines


def _tags(names: str) -> frozenset[str]:
    return frozenset(names.split())


_HTML_DROP = _tags(
    "script style noscript nav header footer aside form template svg iframe button select "
    "head object embed canvas"
)
_HTML_BLOCK = _tags(
    "p div section article main blockquote pre ul ol li dl dt dd table thead tbody tfoot tr "
    "h1 h2 h3 h4 h5 h6 figure figcaption address hr caption fieldset details summary"
)
_PARA, _BREAK = "\ue000", "\ue001"


def _html(text: str) -> tuple[dict, list[str]]:
    """Metadata from <head>, and the visible text as lines (block elements = paragraphs)."""
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
    for tag in soup.find_all(list(_HTML_DROP)):
        # A page's header/footer is furniture; an article's own header holds its headline.
        if tag.name in ("header", "footer") and tag.find_parent(["article", "main"]):
            continue
        tag.decompose()
    for br in soup.find_all("br"):
        br.replace_with(_BREAK)
    for pre in soup.find_all("pre"):
        for node in pre.find_all(string=True):
            node.replace_with(str(node).replace("\n", _BREAK))
    for tag in soup.find_all(list(_HTML_BLOCK)):
        tag.insert_before(_PARA)
        tag.insert_after(_PARA)
    for cell in soup.find_all(["td", "th"]):
        cell.insert_after(" ")
    # The page's main content when it says which it is; else the whole body.
    articles = soup.find_all("article")
    body = soup.find("main") or (articles[0] if len(articles) == 1 else None) or soup.body or soup
    flat = re.sub(r"\s+", " ", body.get_text())
    flat = flat.replace(_BREAK, "\n").replace(_PARA, "\n\n")
    return {k: v for k, v in meta.items() if v}, _plain_lines(flat)


def _pdf(data: bytes) -> tuple[dict, list[str]]:
    """PDF metadata and text; pages are reflowed into paragraphs."""
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    meta: dict[str, Any] = {}
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            reader = PdfReader(io.BytesIO(data))
            if reader.is_encrypted and not reader.decrypt(""):
                raise DocumentError("encrypted PDF")
            info = reader.metadata
            if info is not None:
                if info.title and str(info.title).strip():
                    meta["title"] = str(info.title)
                raw_date = info.get("/CreationDate") or info.get("/ModDate")
                if raw_date:
                    meta["date"] = str(raw_date)
            pages = [page.extract_text() or "" for page in reader.pages]
    except DocumentError:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError, AttributeError, OSError) as exc:
        raise DocumentError(f"invalid PDF: {exc}") from exc
    except Exception as exc:  # pypdf raises many internal types on malformed files
        raise DocumentError(f"invalid PDF: {type(exc).__name__}: {exc}") from exc
    text = unicodedata.normalize("NFKC", "\n\n".join(pages))
    # Page furniture (running headers, page numbers) goes before reflow, or it would be glued
    # to the last line of the page above.
    lines = remove_boilerplate(_plain_lines(text))
    return meta, _pdf_paragraphs(lines)


def _pdf_paragraphs(lines: list[str]) -> list[str]:
    """PDF text has one line per printed line: a short line ending a sentence ends a paragraph."""
    lengths = sorted(len(line) for line in lines if line)
    if not lengths:
        return lines
    typical = max(lengths[int(len(lengths) * 0.8)], 50)

    def wraps(last: str) -> bool:
        # A short line ends a paragraph or is a heading; so does a nearly full one ending a
        # sentence. Anything else was wrapped by the PDF's layout.
        if len(last) < 0.6 * typical:
            return False
        return not (_PARA_END.search(last) and len(last) < 0.8 * typical)

    return _join_wrapped(lines, wraps, blank_between=True)


# ---------------------------------------------------------------------------------------------
# Entry point
# ---------------------------------------------------------------------------------------------
def _parse_sidecar(sidecar: bytes) -> dict:
    try:
        data = yaml.load(sidecar.decode("utf-8-sig", errors="replace"), Loader=_YAML_LOADER)
    except yaml.YAMLError as exc:
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else "parse error"
        raise DocumentError(f"invalid sidecar YAML: {first}") from exc
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise DocumentError("invalid sidecar YAML: expected a mapping of title/date/source/url")
    return {k: data[k] for k in _META_KEYS if data.get(k) is not None and str(data[k]).strip()}


def load_document(rel_path: str, data: bytes, sidecar: bytes | None = None) -> Document:
    """Parse one corpus file into a cleaned Document.

    Args:
        rel_path: path relative to the corpus root, posix separators; its suffix picks the
            format and a `YYYY-MM-DD` file-name prefix is a date fallback.
        data: the file's bytes.
        sidecar: bytes of `<file name>.meta.yaml`, if present; its title/date/source/url win.

    Returns:
        The Document; `text` is non-empty.

    Raises:
        DocumentError: the file must be skipped (empty, binary, no text, invalid PDF or
            sidecar); the message is a short reason for the user.
    """
    side = _parse_sidecar(sidecar) if sidecar is not None else {}
    suffix = PurePosixPath(rel_path).suffix.lower()
    if suffix == ".pdf":
        if not data.strip():
            raise DocumentError("empty file")
        meta, lines = _pdf(data)
    else:
        text = decode_bytes(data).replace("\r\n", "\n").replace("\r", "\n")
        if suffix in (".html", ".htm"):
            meta, lines = _html(text)
        else:
            meta, text = _text_metadata(text)
            if suffix in (".md", ".markdown"):
                lines = _markdown_lines(text)
            else:
                lines = _reflow_plain(_plain_lines(text))
    lines = remove_boilerplate(lines)
    if "source" not in meta:
        last = next((i for i in range(len(lines) - 1, -1, -1) if lines[i]), None)
        if last is not None and (m := _SOURCE_LINE.match(lines[last])):
            value = m.group(1).strip()
            if not _URL.match(value):
                meta["source"] = value
                lines = lines[:last]
            elif "url" not in meta:
                meta["url"] = value
                lines = lines[:last]
    body = _join_paragraphs(lines)
    if not body.strip():
        raise DocumentError(
            "no extractable text (scanned PDF?)" if suffix == ".pdf" else "no extractable text"
        )
    meta.update(side)

    title = meta.get("title")
    title = _cap(str(title)) if title is not None and str(title).strip() else ""
    if not title:
        title = _cap(_first_line_title(lines) or _title_from_path(rel_path))
    date = normalize_date(meta.get("date"))
    if (
        date is None
        and "date" not in side
        and (m := _FILE_DATE.match(PurePosixPath(rel_path).name))
    ):
        date = normalize_date(m.group(1))
    source = _clean_line(str(meta["source"])) if meta.get("source") else None
    url = str(meta["url"]).strip() if meta.get("url") else None
    if not source and url:
        source = _site_name(url)
    return Document(
        path=rel_path, title=title, date=date, source=source or None, url=url or None, text=body
    )


def _site_name(url: str) -> str | None:
    """The web site a URL belongs to ("state.gov"): the source when nothing names one."""
    from urllib.parse import urlsplit

    host = urlsplit(url).hostname or ""
    host = host.removeprefix("www.")
    return host or None
