"""Markdown: header metadata, then a light de-markup into one line per paragraph."""

from __future__ import annotations

import re

from index.ingest.cleaning import clean_line, decode_text
from index.ingest.formats.base import Extracted
from index.ingest.metadata import split_text_metadata

__all__ = ["read_markdown"]

_FENCE = re.compile(r"^\s*(```|~~~)")
_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+(.*?)(?:\s+#+)?\s*$")
_BLOCK = re.compile(r"^\s{0,3}(?:#{1,6}\s|[-*+]\s|\d{1,3}[.)]\s|>|\|)")
# An ordered item interrupts a paragraph only when it starts at 1 (as in CommonMark): a
# hard-wrapped "on March" / "12. The leaders ..." is one sentence.
_ORDERED = re.compile(r"^\s{0,3}(\d{1,3})[.)]\s")
_INLINE = [
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
_MARKUP_CHARS = re.compile(r"[\[<`*_\\]")
_LINK_DEF = re.compile(r"^\s{0,3}\[[^\]]+\]:\s+\S+")  # "[1]: http://..." reference definitions
_RULE = re.compile(r"^\s{0,3}(?:[-*_=]\s*){3,}$")  # thematic breaks and setext underlines


def read_markdown(data: bytes) -> Extracted:
    """Read a Markdown file.

    Args:
        data: the file's bytes, in any encoding `decode_bytes` reads.

    Returns:
        Metadata from front matter, header lines or a leading date, and the body's lines:
        headings as their own paragraphs, markup and link targets removed.

    Raises:
        DocumentError: the file is empty or binary.
    """
    meta, text = split_text_metadata(decode_text(data))
    return Extracted(meta, _markdown_lines(text))


def _markdown_lines(text: str) -> list[str]:
    """Light de-markup. Soft line breaks become spaces, as in CommonMark."""
    out: list[str] = []
    in_fence = False
    hard_break = False
    in_list = False  # the paragraph being read is a list
    for raw in text.split("\n"):
        if _FENCE.match(raw):
            in_fence = not in_fence
            out.append("")
            continue
        if in_fence:
            out.append(clean_line(raw))
            hard_break = True
            continue
        if _LINK_DEF.match(raw):
            continue
        if _RULE.match(raw):
            out.append("")
            continue
        ends_hard = raw.endswith("  ") or raw.rstrip(" ").endswith("\\")
        line = clean_line(raw.rstrip(" ").removesuffix("\\") if ends_hard else raw)
        if heading := _HEADING.match(line):
            out.extend(["", heading.group(1), ""])
            hard_break = False
            continue
        if line.startswith(">"):
            line = line[1:].lstrip()
        starts_block = bool(_BLOCK.match(raw))
        ordered = _ORDERED.match(raw)
        if ordered and ordered.group(1) != "1" and not in_list and out and out[-1]:
            starts_block = False  # "12." carrying on a paragraph, not a list
        in_list = starts_block or (in_list and bool(line))
        if line and out and out[-1] and not hard_break and not starts_block:
            out[-1] = out[-1] + " " + line
        else:
            out.append(line)
        hard_break = ends_hard
    lines: list[str] = []
    for line in out:
        if not _MARKUP_CHARS.search(line):
            lines.append(line)
            continue
        for pattern, repl in _INLINE:
            line = pattern.sub(repl, line)
        lines.extend(clean_line(part) for part in line.split("\n"))
    return lines
