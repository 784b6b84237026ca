"""Bytes to clean lines: decoding, whitespace, boilerplate removal and paragraph joining.

Every format reader ends in the same shape: a list of cleaned lines where '' is a paragraph
break. The helpers here are shared by all of them and know nothing about any one format.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from index.errors import DocumentError

__all__ = [
    "clean_line",
    "clean_lines",
    "decode_bytes",
    "decode_text",
    "join_paragraphs",
    "join_wrapped",
    "remove_boilerplate",
]

# ---------------------------------------------------------------------------------------------
# Bytes -> str
# ---------------------------------------------------------------------------------------------
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")


def decode_bytes(data: bytes) -> str:
    """UTF-8 (BOM stripped), else cp1252, else latin-1; UTF-16 if it has a BOM.

    Args:
        data: the file's bytes.

    Returns:
        The decoded text, line endings untouched.

    Raises:
        DocumentError: empty files and binaries (NUL bytes, or more than 5% control
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


def decode_text(data: bytes) -> str:
    """`decode_bytes` with Windows and old Mac line endings turned into '\\n'.

    Args:
        data: the file's bytes.

    Returns:
        The decoded text with '\\n' line endings only.

    Raises:
        DocumentError: as `decode_bytes`.
    """
    return decode_bytes(data).replace("\r\n", "\n").replace("\r", "\n")


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
_PAGE_NUMBER = re.compile(r"(?:page\s+)?\d{1,4}(?:\s*(?:of|/)\s*\d{1,4})?", re.IGNORECASE)


def clean_line(line: str) -> str:
    """One line without invisible characters, with runs of spaces as one, stripped."""
    line = _INVISIBLE.sub("", line)
    return _SPACES.sub(" ", line).strip()


def clean_lines(text: str) -> list[str]:
    """The text's lines, each cleaned; blank lines become '' (paragraph breaks)."""
    return [clean_line(line) for line in text.split("\n")]


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

    Args:
        lines: cleaned lines, '' for paragraph breaks.

    Returns:
        The lines that remain, in order.
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
        if _PAGE_NUMBER.fullmatch(line):
            continue
        out.append(line)
    return out


# ---------------------------------------------------------------------------------------------
# Lines -> paragraphs
# ---------------------------------------------------------------------------------------------
_HYPHEN_END = re.compile(r"[^\W\d]-$")
_LIST_START = re.compile(r"^(?:[-*+•▪◦‣–]\s|\d{1,3}[.)]\s|[a-zA-Z][.)]\s|\(\w{1,3}\)\s|#|>|\|)")
# A number or a letter with a period opens a list item, or is the wrapped rest of a sentence
# ("... at the White House on March" / "12. The leaders ...", "Secretary Antony" / "J. Blinken").
_NUMBERED_START = re.compile(r"^(?:\d{1,3}[.)]|[a-zA-Z][.)])\s")
_MID_SENTENCE = re.compile(r"[^\W\d_],?$")  # a line that stops on a word (or its comma)


def _starts_item(line: str, last: str) -> bool:
    """Whether `line` starts a list item rather than carrying on `last`: a bullet or heading
    always does; "12. " or "J. " does unless `last` stops mid-sentence on a word and is no
    list item itself."""
    if not _LIST_START.match(line):
        return False
    if not _NUMBERED_START.match(line):
        return True
    return bool(_LIST_START.match(last)) or not _MID_SENTENCE.search(last)


def join_paragraphs(lines: list[str]) -> str:
    """Lines with '' as paragraph breaks -> text with single '\\n' and '\\n\\n' breaks."""
    text = "\n".join(lines)
    return re.sub(r"\n{3,}", "\n\n", text).strip("\n")


def join_wrapped(lines: list[str], wraps: Callable[[str], bool], blank_between: bool) -> list[str]:
    """Append each line to the previous one when that one `wraps`; undo "exam-\\nple" splits.

    Args:
        lines: cleaned lines, '' for paragraph breaks.
        wraps: sees the previous printed line, not the paragraph joined so far, and says
            whether the layout wrapped it. A line that starts a list item is never appended
            (`_starts_item`).
        blank_between: lines that are not joined become separate paragraphs.

    Returns:
        One line per paragraph or structural line, '' between paragraphs.
    """
    out: list[str] = []
    last = ""
    for line in lines:
        if not line:
            out.append("")
            last = ""
            continue
        if last and wraps(last) and not _starts_item(line, last):
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
