"""Sentence splitting: spans of whole sentences, as offsets into the text."""

from __future__ import annotations

import re

from index.text.lexicon import ABBREVIATIONS, ABBREVIATIONS_BEFORE_NUMBER, SENTENCE_STARTERS
from index.types import Span

_STOP = re.compile(r"(?:[.?!]+|…)[\"'”’)\]»]*(?=\s)|\n")
_INITIALISM = re.compile(r"(?:[A-Za-z]\.)+[A-Za-z]?$")
_LIST_NUMBER = re.compile(r"(?:\d{1,3}|[ivxlcIVXLC]{1,5}|[A-Za-z])$")
SHORT_QUOTE = 200  # characters: a quotation this short is kept whole, whatever stops it holds


def _in_short_quote(text: str, stop_start: int, stop_end: int, line_start: int) -> bool:
    """Whether the terminator at text[stop_start:stop_end] is inside a short quotation that
    closes later on the same line: a slogan or a short quote ("“Whoever. Wherever. Whenever.
    Everyone has the right to safety.”") is one sentence, not a fragment opening a quote and
    another closing it. A terminator that closes the quote itself ("safety.”") is not inside
    it. Longer quotations (a speech quoted at length) are split as usual."""
    if text[stop_start:stop_end].rstrip("\"'”’)]»") != text[stop_start:stop_end]:
        return False  # the stop carries a closing quote or bracket: the quotation ends here
    before = text[line_start:stop_start]
    curly = before.rfind("“")
    if curly >= 0 and "”" not in before[curly:]:
        opened, mark = line_start + curly, "”"
    elif before.count('"') % 2 == 1:
        opened, mark = line_start + before.rfind('"'), '"'
    else:
        return False
    closed = text.find(mark, stop_end, opened + SHORT_QUOTE + 1)  # read no further than that
    return closed >= 0 and "\n" not in text[stop_end:closed]


def _is_boundary(text: str, stop_start: int, stop_end: int, line_start: int) -> bool:
    """Whether the terminator text[stop_start:stop_end] (followed by whitespace) ends a sentence."""
    n = len(text)
    j = stop_end
    while j < n and text[j] in " \t":
        j += 1
    if j >= n or text[j] == "\n":
        return True
    k = j
    while k < n and text[k] in "\"'“‘([«":
        k += 1
    nxt = text[k] if k < n else ""
    if nxt.islower():
        return False  # '“Why?” he asked.', 'etc. and', '... and then'
    if _in_short_quote(text, stop_start, stop_end, line_start):
        return False
    if text[stop_start] != ".":
        return True
    if stop_end - stop_start > 1 and text[stop_start + 1] == ".":
        return True  # ellipsis followed by a capital
    w = stop_start
    while w > line_start and (text[w - 1].isalnum() or text[w - 1] in "._-"):
        w -= 1
    token = text[w:stop_start]
    lowered = token.lower()
    if lowered in ABBREVIATIONS:
        return False
    if lowered in ABBREVIATIONS_BEFORE_NUMBER and nxt.isdigit():
        return False
    if len(token) == 1 and token.isalpha() and token.isupper():
        return False  # an initial: "Antony J. Blinken"
    if _INITIALISM.fullmatch(token.rsplit("-", 1)[-1]):
        # "U.S. Embassy" vs "... in the U.S. The ...": only a typical sentence opener ends it
        # (also after a hyphen: "the Mekong-U.S. Partnership").
        m = re.match(r"[A-Za-z]+", text[k : k + 20])
        return m is not None and m.group(0).lower() in SENTENCE_STARTERS
    # "1. What is ...", "a. First", "IV. Scope" at the start of a line are list markers.
    return not (_LIST_NUMBER.fullmatch(token) and not text[line_start:w].strip())


def split_sentences(text: str, start: int = 0, end: int | None = None) -> list[Span]:
    """Sentence spans of text[start:end], as offsets into `text`.

    A newline always ends a sentence (documents keep one line per paragraph, heading or list
    item); inside a line, ".", "?", "!" and "…" (with any closing quotes or brackets) end one
    unless the next word is lower-case, the stop is inside a short quotation that closes later
    on the line, or the period belongs to an abbreviation, an initial, an initialism such as
    "U.S." before a name, or a list number at the start of a line.

    Args:
        text: the document text.
        start: where to begin.
        end: where to stop (default: the end of `text`).

    Returns:
        Spans stripped of surrounding whitespace, in order, covering every non-space character
        of text[start:end] exactly once.
    """
    end = len(text) if end is None else min(end, len(text))
    spans: list[Span] = []
    seg_start = start
    line_start = start
    for m in _STOP.finditer(text, start, end):
        if m.group(0) == "\n":
            cut = m.start()
            line_start = m.end()
        elif _is_boundary(text, m.start(), m.end(), line_start):
            cut = m.end()
        else:
            continue
        _add_span(text, seg_start, cut, spans)
        seg_start = cut
    _add_span(text, seg_start, end, spans)
    return spans


def _add_span(text: str, s: int, e: int, spans: list[Span]) -> None:
    while s < e and text[s].isspace():
        s += 1
    while e > s and text[e - 1].isspace():
        e -= 1
    if e > s:
        spans.append((s, e))
