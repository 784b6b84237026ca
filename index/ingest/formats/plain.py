"""Plain text: header metadata, then hard-wrapped lines joined into paragraphs."""

from __future__ import annotations

from index.ingest.cleaning import clean_lines, decode_text, join_wrapped
from index.ingest.formats.base import Extracted
from index.ingest.metadata import split_text_metadata

__all__ = ["read_plain"]


def read_plain(data: bytes) -> Extracted:
    """Read a plain-text file.

    Args:
        data: the file's bytes, in any encoding `decode_bytes` reads.

    Returns:
        Metadata from front matter, header lines or a leading date, and the body's lines.

    Raises:
        DocumentError: the file is empty or binary.
    """
    meta, text = split_text_metadata(decode_text(data))
    return Extracted(meta, _reflow(clean_lines(text)))


def _reflow(lines: list[str]) -> list[str]:
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
    return join_wrapped(lines, lambda last: len(last) >= min_len, blank_between=False)
