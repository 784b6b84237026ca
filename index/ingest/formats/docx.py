"""Word .docx: title and date from the core properties; paragraphs and table rows as lines."""

from __future__ import annotations

import io
import zipfile
from typing import Any

from index.errors import DocumentError
from index.ingest.cleaning import clean_lines
from index.ingest.formats.base import Extracted

__all__ = ["read_docx"]


def read_docx(data: bytes) -> Extracted:
    """Read a Word document.

    Args:
        data: the file's bytes.

    Returns:
        Title (core property `title`) and date (`created`, else `modified`) as metadata, and
        the body's paragraphs, then each table row as one line of cells, '' between
        paragraphs.

    Raises:
        DocumentError: the file is empty or not a valid .docx.
    """
    if not data.strip():
        raise DocumentError("empty file")
    # python-docx is imported here, not at the top: most commands never read a .docx.
    import docx

    try:
        document = docx.Document(io.BytesIO(data))
    except (zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise DocumentError(f"invalid .docx: {exc}") from exc
    except Exception as exc:  # python-docx raises its own types on malformed packages
        raise DocumentError(f"invalid .docx: {type(exc).__name__}: {exc}") from exc
    props = document.core_properties
    meta: dict[str, Any] = {}
    if props.title and props.title.strip():
        meta["title"] = props.title.strip()
    when = props.created or props.modified
    if when is not None:
        meta["date"] = when
    blocks = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            cells = list(dict.fromkeys(c.text.strip() for c in row.cells if c.text.strip()))
            if cells:
                blocks.append(" | ".join(cells))
    return Extracted(meta, clean_lines("\n\n".join(b for b in blocks if b.strip())))
