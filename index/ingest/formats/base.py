"""What a format reader returns, and what the registry holds for each suffix."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

__all__ = ["Extracted", "Format", "Reader"]


@dataclass(frozen=True)
class Extracted:
    """A file's own metadata and its body as cleaned lines, before boilerplate removal.

    `meta` holds raw values under "title", "date", "source" and "url" (any subset; dates in
    any form `normalize_date` reads). `lines` has '' for paragraph breaks.
    """

    meta: dict[str, Any]
    lines: list[str]


Reader = Callable[[bytes], Extracted]


@dataclass(frozen=True)
class Format:
    """How to read one file type.

    `read` raises DocumentError for files that must be skipped; `no_text` is the reason given
    when the file reads fine but leaves no body text.
    """

    read: Reader
    no_text: str = "no extractable text"
