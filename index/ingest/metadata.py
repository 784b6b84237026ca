"""Title, date, source and url from what a file carries about itself, and from its sidecar.

Text files may open with YAML front matter, `Title:`/`Published:`/`URL:` header lines or a
`date YYYY-MM-DD` marker, and end with a `Source:` line; a `<name>.meta.yaml` sidecar overrides
all of them. Dates in any of these places, in any common form, go through `normalize_date`.

PyYAML costs ~20 ms to import, so it is imported only when a file has front matter or a
sidecar: `docbot sources` imports this module (through the format registry) and never pays.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from email.utils import parsedate_to_datetime
from typing import Any

from index.errors import DocumentError
from index.text.lexicon import MONTHS

__all__ = [
    "URL",
    "normalize_date",
    "parse_sidecar",
    "site_name",
    "split_source_line",
    "split_text_metadata",
]

_META_KEYS = ("title", "date", "source", "url")

URL = re.compile(r"^(?:https?://|www\.)\S+$", re.I)


@functools.cache
def _yaml_loader() -> type:
    """Safe loader (C parser when available: ~10x faster) that keeps timestamps as strings.

    PyYAML turns `date: 2021-13-45` into a ValueError and `2021-05-20` into a date object;
    as strings, every date goes through `normalize_date`, which returns None when invalid.
    """
    import yaml

    class _YamlLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
        pass

    _YamlLoader.add_constructor(
        "tag:yaml.org,2002:timestamp", lambda loader, node: loader.construct_scalar(node)
    )
    return _YamlLoader


# ---------------------------------------------------------------------------------------------
# Dates
# ---------------------------------------------------------------------------------------------
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

    Args:
        value: a string, a date or datetime; anything else gives None.

    Returns:
        The calendar date as `YYYY-MM-DD`, or None.
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
        month = MONTHS.get(m[1].lower())
        if month:
            return _ymd(int(m[3]), month, int(m[2]))
    if m := _DMY.match(s):
        month = MONTHS.get(m[2].lower())
        if month:
            return _ymd(int(m[3]), month, int(m[1]))
    try:
        return parsedate_to_datetime(s).date().isoformat()
    except (TypeError, ValueError, IndexError, OverflowError):
        return None


# ---------------------------------------------------------------------------------------------
# Header metadata inside text files
# ---------------------------------------------------------------------------------------------
_FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(.*?)\r?\n(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)", re.S)
_HEADER_LINE = re.compile(
    r"^(title|author|authors|by|published|date|updated|url|link|source)\s*:\s*(.*)$", re.I
)
_LEADING_DATE = re.compile(r"\A\s*date\s*:?\s+(\d{4}-\d{2}-\d{2})\b[ \t]*", re.I)
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
    import yaml

    try:
        data = yaml.load(m.group(1), Loader=_yaml_loader())
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
            field == "url" and not URL.match(value)
        ):
            return {}, text
        if field and value and field not in meta:
            meta[field] = value
        n += 1
    if n == 0 or (n < len(lines) and lines[n].strip()):
        return {}, text
    return meta, "\n".join(lines[n:])


def split_text_metadata(text: str) -> tuple[dict[str, Any], str]:
    """Front matter, header lines and a leading `date YYYY-MM-DD`, removed from the text.

    Args:
        text: a plain-text or Markdown file's decoded text, '\\n' line endings.

    Returns:
        The metadata found (title/date/source/url; front matter wins over header lines), and
        the text that follows it.
    """
    meta, text = _split_front_matter(text)
    header, text = _split_header_lines(text)
    for key, value in header.items():
        meta.setdefault(key, value)
    if m := _LEADING_DATE.match(text):
        meta.setdefault("date", m.group(1))
        text = text[m.end() :]
    return meta, text


_SOURCE_LINE = re.compile(r"^source\s*:\s*(.{1,100})$", re.IGNORECASE)


def split_source_line(meta: dict[str, Any], lines: list[str]) -> tuple[dict[str, Any], list[str]]:
    """A trailing `Source: Reuters` line as the source (or `Source: <url>` as the url).

    Args:
        meta: metadata found so far; a source already there wins and the line stays.
        lines: cleaned body lines, '' for paragraph breaks.

    Returns:
        The metadata with the line's source or url added, and the lines without it.
    """
    if "source" in meta:
        return meta, lines
    last = next((i for i in range(len(lines) - 1, -1, -1) if lines[i]), None)
    if last is None or not (m := _SOURCE_LINE.match(lines[last])):
        return meta, lines
    value = m.group(1).strip()
    if not URL.match(value):
        return {**meta, "source": value}, lines[:last]
    if "url" not in meta:
        return {**meta, "url": value}, lines[:last]
    return meta, lines


# ---------------------------------------------------------------------------------------------
# Outside the file
# ---------------------------------------------------------------------------------------------
def parse_sidecar(sidecar: bytes) -> dict[str, Any]:
    """The title/date/source/url a `<name>.meta.yaml` sidecar sets.

    Args:
        sidecar: the sidecar's bytes.

    Returns:
        The non-empty fields among title, date, source and url; other keys are ignored.

    Raises:
        DocumentError: the sidecar is not YAML, or not a mapping.
    """
    import yaml

    try:
        data = yaml.load(sidecar.decode("utf-8-sig", errors="replace"), Loader=_yaml_loader())
    except yaml.YAMLError as exc:
        first = str(exc).strip().splitlines()[0] if str(exc).strip() else "parse error"
        raise DocumentError(f"invalid sidecar YAML: {first}") from exc
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise DocumentError("invalid sidecar YAML: expected a mapping of title/date/source/url")
    return {k: data[k] for k in _META_KEYS if data.get(k) is not None and str(data[k]).strip()}


def site_name(url: str) -> str | None:
    """The web site a URL belongs to ("state.gov"): the source when nothing names one."""
    from urllib.parse import urlsplit

    host = urlsplit(url).hostname or ""
    host = host.removeprefix("www.")
    return host or None
