"""PDF: document info for metadata, and page text reflowed into paragraphs."""

from __future__ import annotations

import io
import re
import unicodedata
import warnings
from typing import Any

from index.errors import DocumentError
from index.ingest.cleaning import clean_lines, join_wrapped, remove_boilerplate
from index.ingest.formats.base import Extracted

__all__ = ["NO_TEXT", "read_pdf"]

# A PDF that parses but has no text is almost always a scan: say so, the user can OCR it.
NO_TEXT = "no extractable text (scanned PDF?)"

_PARA_END = re.compile(r"[.?!:][\"'”’)]*$")


def read_pdf(data: bytes) -> Extracted:
    """Read a PDF.

    Args:
        data: the file's bytes.

    Returns:
        Title and creation (else modification) date from the document info, and the pages'
        text as lines: running headers and page numbers removed, printed lines joined into
        paragraphs.

    Raises:
        DocumentError: the file is empty, encrypted with a password, or not a valid PDF.
    """
    if not data.strip():
        raise DocumentError("empty file")
    # pypdf is imported here, not at the top: most commands never read a PDF.
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
    lines = remove_boilerplate(clean_lines(text))
    return Extracted(meta, _paragraphs(lines))


def _paragraphs(lines: list[str]) -> list[str]:
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

    return join_wrapped(lines, wraps, blank_between=True)
