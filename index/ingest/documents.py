"""Turn the bytes of one corpus file into a cleaned `Document` with metadata.

The file's suffix picks a reader in `index.ingest.formats` (plain text, Markdown, HTML, PDF),
which returns the file's own metadata and its body as lines. This module does what is common
to every format: boilerplate removal, a trailing `Source:` line, the `<name>.meta.yaml`
sidecar (which wins over the file), and the fallbacks (a title from the first line or the file
name, a date from a `YYYY-MM-DD` file-name prefix, a source from the url's site).
`Document.text` is the cleaned body every citation offset points into: paragraphs separated
by one blank line, one line per paragraph or structural line (heading, list item), no
boilerplate.
"""

from __future__ import annotations

import re
from pathlib import PurePosixPath

from index.errors import DocumentError
from index.ingest.cleaning import clean_line, join_paragraphs, remove_boilerplate
from index.ingest.formats import format_for
from index.ingest.metadata import normalize_date, parse_sidecar, site_name, split_source_line
from index.ingest.titles import cap_title, first_line_title, title_from_path
from index.types import Document

__all__ = ["load_document"]

_FILE_DATE = re.compile(r"^(\d{4}-\d{2}-\d{2})")


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
    side = parse_sidecar(sidecar) if sidecar is not None else {}
    fmt = format_for(PurePosixPath(rel_path).suffix.lower())
    extracted = fmt.read(data)
    meta, lines = split_source_line(extracted.meta, remove_boilerplate(extracted.lines))
    body = join_paragraphs(lines)
    if not body.strip():
        raise DocumentError(fmt.no_text)
    meta = {**meta, **side}

    title = meta.get("title")
    title = cap_title(str(title)) if title is not None and str(title).strip() else ""
    if not title:
        title = cap_title(first_line_title(lines) or title_from_path(rel_path))
    date = normalize_date(meta.get("date"))
    if (
        date is None
        and "date" not in side
        and (m := _FILE_DATE.match(PurePosixPath(rel_path).name))
    ):
        date = normalize_date(m.group(1))
    source = clean_line(str(meta["source"])) if meta.get("source") else None
    url = str(meta["url"]).strip() if meta.get("url") else None
    if not source and url:
        source = site_name(url)
    return Document.of(
        path=rel_path, title=title, date=date, source=source or None, url=url or None, text=body
    )
