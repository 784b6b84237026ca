"""One module per file format, and the registry that picks one by file-name suffix.

A new format is one module with a `read_<format>(data: bytes) -> Extracted` function (see
`base.py`) and one line in `FORMATS`. Readers import their parsing libraries (bs4, pypdf,
python-docx) inside the function, so importing this registry (as `scan.SUPPORTED_SUFFIXES`
does) is cheap.
"""

from __future__ import annotations

from index.ingest.formats.base import Format
from index.ingest.formats.docx import read_docx
from index.ingest.formats.html import read_html
from index.ingest.formats.markdown import read_markdown
from index.ingest.formats.pdf import NO_TEXT as PDF_NO_TEXT
from index.ingest.formats.pdf import read_pdf
from index.ingest.formats.plain import read_plain

__all__ = ["FORMATS", "PLAIN", "format_for"]

PLAIN = Format(read_plain)

# Lower-case suffix -> format. These suffixes are the corpus's documents (scan.py).
FORMATS: dict[str, Format] = {
    ".txt": PLAIN,
    ".md": Format(read_markdown),
    ".markdown": Format(read_markdown),
    ".html": Format(read_html),
    ".htm": Format(read_html),
    ".pdf": Format(read_pdf, no_text=PDF_NO_TEXT),
    ".docx": Format(read_docx),
}


def format_for(suffix: str) -> Format:
    """The format for a lower-case file-name suffix; anything unknown is read as plain text.

    Args:
        suffix: e.g. ".md", as `PurePosixPath.suffix.lower()` gives it.

    Returns:
        The registered Format, or PLAIN.
    """
    return FORMATS.get(suffix, PLAIN)
