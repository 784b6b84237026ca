"""A document's title when its metadata names none: its first line, else its file name."""

from __future__ import annotations

import re
from pathlib import PurePosixPath

from index.ingest.cleaning import clean_line
from index.ingest.scan import SUPPORTED_SUFFIXES

__all__ = ["TITLE_MAX_CHARS", "cap_title", "first_line_title", "title_from_path"]

TITLE_MAX_CHARS = 200


def first_line_title(lines: list[str]) -> str | None:
    """The first non-empty line, if it reads like a title rather than a paragraph."""
    for line in lines:
        if line:
            if len(line) <= 150 and not re.search(r"[.?!][\"'”’)]*\s+\S", line):
                return line
            return None
    return None


def title_from_path(rel_path: str) -> str:
    """The file name as words: suffix and `YYYY-MM-DD[-n]` prefix dropped, dashes as spaces."""
    stem = PurePosixPath(rel_path).name
    for suffix in sorted(SUPPORTED_SUFFIXES, key=len, reverse=True):
        if stem.lower().endswith(suffix):
            stem = stem[: -len(suffix)]
            break
    stem = re.sub(r"^\d{4}-\d{2}-\d{2}[-_ ]*(?:\d+[-_ ]+)?", "", stem)
    words = re.sub(r"[-_]+", " ", stem).strip()
    return (words[:1].upper() + words[1:]) if words else PurePosixPath(rel_path).name


def cap_title(title: str) -> str:
    """The title cleaned, cut at a word boundary with '…' when over TITLE_MAX_CHARS."""
    title = clean_line(title)
    if len(title) <= TITLE_MAX_CHARS:
        return title
    cut = title[:TITLE_MAX_CHARS].rsplit(" ", 1)[0]
    return cut.rstrip(" ,;:-") + "…"
