"""Answers, summaries, passages and source lists as Telegram HTML (or terminal text).

Everything is first built as lines of `Run`s (plain text plus bold/link), then rendered. Document
text only ever reaches the output through `html.escape`, and a long reply is split between lines
(or, for one huge line, between words), so every message part has balanced tags and stays below
Telegram's 4,096-character limit. This module never imports `telegram`: the terminal chat uses it.
"""

from __future__ import annotations

import html
import re
import zlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from index.types import Citation, IndexStats, Reply, SourceInfo, Span, SyncReport

TELEGRAM_LIMIT = 4096
BUTTON_LABEL_CHARS = 48
MAX_BUTTONS = 10
SOURCES_PER_PAGE = 8
_SAFE_URL = re.compile(r"^https?://[^\s<>\"]+$", re.IGNORECASE)


@dataclass(frozen=True)
class Run:
    """A piece of one line: plain text, optionally bold or a link."""

    text: str
    bold: bool = False
    href: str | None = None


Line = tuple[Run, ...]


@dataclass(frozen=True)
class Button:
    """An inline button: its label and its callback data (at most 64 bytes)."""

    label: str
    data: str


@dataclass(frozen=True)
class PassageRef:
    """What a citation button points at: a passage of a document and the sentence to bold."""

    doc_id: str
    passage_start: int
    passage_end: int
    start: int
    end: int
    check: int  # crc32 of the cited sentence: detects a document changed since the answer


# -- building lines ---------------------------------------------------------------------------


def emphasised(text: str, spans: Iterable[Span]) -> list[Run]:
    """`text` as runs, with the (merged, clamped) `spans` in bold."""
    merged: list[list[int]] = []
    for start, end in sorted((max(0, s), min(len(text), e)) for s, e in spans):
        if start >= end:
            continue
        if merged and start <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    runs: list[Run] = []
    pos = 0
    for start, end in merged:
        if start > pos:
            runs.append(Run(text[pos:start]))
        runs.append(Run(text[start:end], bold=True))
        pos = end
    if pos < len(text):
        runs.append(Run(text[pos:]))
    return runs


def _split_lines(runs: list[Run]) -> list[Line]:
    """Break runs at newlines into lines."""
    lines: list[list[Run]] = [[]]
    for run in runs:
        parts = run.text.split("\n")
        for i, part in enumerate(parts):
            if i:
                lines.append([])
            if part:
                lines[-1].append(Run(part, run.bold, run.href))
    return [tuple(line) for line in lines]


def _date_text(date: str | None) -> str:
    return date or "undated"


def _safe_url(url: str | None) -> str | None:
    return url if url and _SAFE_URL.match(url) else None


def source_lines(citations: Sequence[Citation]) -> list[Line]:
    """The source list: one line per document, listing the markers that cite it."""
    by_doc: dict[str, list[Citation]] = {}
    for c in citations:
        by_doc.setdefault(c.doc_id, []).append(c)
    lines: list[Line] = []
    for cites in by_doc.values():
        first = cites[0]
        markers = "".join(f"[{c.n}]" for c in cites)
        runs = [Run(markers + " "), Run(first.title, href=_safe_url(first.url))]
        runs.append(Run(f" — {_date_text(first.date)}"))
        if first.source:
            runs.append(Run(f", {first.source}"))
        lines.append(tuple(runs))
    return lines


def result_lines(result: Reply) -> list[Line]:
    """An answer or summary: the text with its answering words bold, then its sources."""
    lines = _split_lines(emphasised(result.text, result.highlights))
    if result.reading:  # a follow-up: show how it was read, so a misreading is visible
        lines = [(Run(f"Reading this as: {result.reading}"),), *lines]
    if result.citations:
        lines += [(), (Run("Sources", bold=True),)]
        lines += source_lines(result.citations)
    suggestions = result.suggestions
    if not result.found and suggestions:
        lines += [(), (Run("You might look at:"),)]
        lines += [(Run("• " + title),) for title in suggestions]
    return lines


def passage_lines(
    title: str, date: str | None, url: str | None, passage: str, bold: Span
) -> list[Line]:
    """A cited passage: its document, then the passage with the answering sentence bold."""
    header: Line = (Run(title, bold=True, href=_safe_url(url)), Run(f" — {_date_text(date)}"))
    return [header, (), *_split_lines(emphasised(passage, [bold]))]


def sources_page(sources: Sequence[SourceInfo], page: int) -> tuple[list[Line], int, int]:
    """One page of the document list; returns (lines, page actually shown, page count)."""
    pages = max(1, -(-len(sources) // SOURCES_PER_PAGE))
    page = min(max(page, 0), pages - 1)
    shown = sources[page * SOURCES_PER_PAGE : (page + 1) * SOURCES_PER_PAGE]
    lines: list[Line] = [
        (Run(f"{len(sources)} documents", bold=True), Run(f" — page {page + 1} of {pages}")),
        (),
    ]
    if not sources:
        lines.append((Run("The index is empty: add documents to the corpus folder."),))
    for i, s in enumerate(shown, page * SOURCES_PER_PAGE + 1):
        lines.append(
            (
                Run(f"{i}. "),
                Run(_clip(s.title, 200), href=_safe_url(s.url)),
                Run(f" — {_date_text(s.date)} ({s.chunks} chunks)"),
            )
        )
    return lines, page, pages


def report_lines(report: SyncReport, heading: str = "Index updated") -> list[Line]:
    """A sync report: what changed, and any file skipped with its reason."""
    lines: list[Line] = [
        (
            Run(heading, bold=True),
            Run(
                f" in {report.seconds:.1f} s: {report.documents} documents, {report.chunks} "
                f"chunks (generation {report.generation})."
            ),
        ),
        (
            Run(
                f"added {report.added}, updated {report.updated}, removed {report.removed}, "
                f"renamed {report.renamed}, unchanged {report.unchanged}; "
                f"chunks embedded {report.chunks_embedded}."
            ),
        ),
    ]
    if report.skipped:
        lines.append((Run(f"Skipped {len(report.skipped)}:"),))
        lines += [(Run(f"• {s.path}: {s.reason}"),) for s in report.skipped[:20]]
    return lines


def stats_lines(index: IndexStats, bot: Sequence[tuple[str, str]]) -> list[Line]:
    """The /stats reply: the index, then the bot's own figures (label, value)."""
    rows = [
        ("Documents", str(index.documents)),
        ("Chunks", str(index.chunks)),
        ("Index generation", str(index.generation)),
        ("Last indexed", index.last_indexed or "never"),
        ("Model", index.model),
        *bot,
    ]
    return [(Run("Index and bot statistics", bold=True),), ()] + [
        (Run(f"{label}: "), Run(value, bold=True)) for label, value in rows
    ]


def text_lines(text: str) -> list[Line]:
    """Plain text (no markup) as lines."""
    return _split_lines([Run(text)])


# -- citation buttons ---------------------------------------------------------------------------


def _b36(n: int) -> str:
    digits = "0123456789abcdefghijklmnopqrstuvwxyz"
    out = ""
    while True:
        n, r = divmod(n, 36)
        out = digits[r] + out
        if n == 0:
            return out


def sentence_check(sentence: str) -> int:
    """A short fingerprint of the cited sentence; never 0, which means "not checked"."""
    return (zlib.crc32(sentence.encode("utf-8")) & 0xFFFFFF) or 1


def passage_ref(citation: Citation) -> PassageRef:
    """Where a citation's button points: its passage, with the cited sentence to bold."""
    start, end = citation.start, citation.end
    p_start, p_end = citation.passage_start, citation.passage_end
    if p_end <= p_start or not p_start <= start <= end <= p_end:
        # No passage span given: show the cited sentence itself, unchecked.
        return PassageRef(citation.doc_id, start, end, start, end, 0)
    sentence = citation.passage[start - p_start : end - p_start]
    return PassageRef(citation.doc_id, p_start, p_end, start, end, sentence_check(sentence))


def encode_passage(ref: PassageRef) -> str:
    """Callback data for a passage button (well under 64 bytes)."""
    nums = (ref.passage_start, ref.passage_end, ref.start, ref.end, ref.check)
    return "p:" + ref.doc_id + ":" + ":".join(_b36(n) for n in nums)


def decode_passage(data: str) -> PassageRef | None:
    """The PassageRef in callback data, or None when it is not one (or is malformed)."""
    parts = data.split(":")
    if len(parts) != 7 or parts[0] != "p" or not re.fullmatch(r"[0-9a-f]{6,64}", parts[1]):
        return None
    try:
        nums = [int(p, 36) for p in parts[2:]]
    except ValueError:
        return None
    ps, pe, s, e, check = nums
    if not ps <= s <= e <= pe:
        return None
    return PassageRef(parts[1], ps, pe, s, e, check)


def citation_buttons(citations: Sequence[Citation]) -> list[Button]:
    """One button per citation (up to MAX_BUTTONS), each opening the cited passage."""
    buttons = []
    for c in citations[:MAX_BUTTONS]:
        data = encode_passage(passage_ref(c))
        if len(data.encode("utf-8")) > 64:
            continue  # cannot happen with 12-char doc ids; never send what Telegram refuses
        buttons.append(Button(_clip(f"[{c.n}] {c.title}", BUTTON_LABEL_CHARS), data))
    return buttons


def _clip(text: str, limit: int) -> str:
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[: limit - 1].rsplit(" ", 1)[0] or text[: limit - 1]
    return cut + "…"


# -- rendering ----------------------------------------------------------------------------------


def _run_html(run: Run) -> str:
    body = html.escape(run.text, quote=False)
    if run.bold:
        body = f"<b>{body}</b>"
    if run.href:
        body = f'<a href="{html.escape(run.href, quote=True)}">{body}</a>'
    return body


def _size(text: str) -> int:
    """Length as Telegram counts it (UTF-16 code units), of the markup too, to be safe."""
    return len(text.encode("utf-16-le")) // 2


def _line_html(line: Line) -> str:
    return "".join(_run_html(r) for r in line)


def _words(line: Line) -> list[list[Run]]:
    """The line's words (with trailing space), each as the runs it spans."""
    text = "".join(r.text for r in line)
    bounds = []  # (start, end, run) in line coordinates
    pos = 0
    for run in line:
        bounds.append((pos, pos + len(run.text), run))
        pos += len(run.text)
    words = []
    for m in re.finditer(r"\S+\s*|\s+", text):
        pieces = [
            Run(text[max(a, m.start()) : min(b, m.end())], run.bold, run.href)
            for a, b, run in bounds
            if a < m.end() and b > m.start()
        ]
        words.append(pieces)
    return words


def _split_long_line(line: Line, limit: int) -> list[Line]:
    """Split one line between words so each piece renders within `limit`."""
    pieces: list[Line] = []
    current: list[Run] = []
    size = 0
    for word in _words(line):
        cost = sum(_size(_run_html(r)) for r in word)
        if size + cost > limit and current:
            pieces.append(tuple(current))
            current, size = [], 0
        if cost <= limit:
            current += word
            size += cost
            continue
        for run in word:  # a single "word" longer than a message: cut it by characters
            rest = run.text
            while rest:
                cut = len(rest)
                while cut and _size(_run_html(Run(rest[:cut], run.bold, run.href))) > limit - size:
                    cut = cut * 3 // 4
                if cut == 0 and current:
                    pieces.append(tuple(current))
                    current, size = [], 0
                    continue
                cut = max(cut, 1)
                part = Run(rest[:cut], run.bold, run.href)
                current.append(part)
                size += _size(_run_html(part))
                rest = rest[cut:]
    if current:
        pieces.append(tuple(current))
    return pieces


def to_html(lines: Sequence[Line], limit: int = TELEGRAM_LIMIT) -> list[str]:
    """Render lines as Telegram HTML messages, each within `limit`, split between lines."""
    messages: list[str] = []
    current: list[str] = []
    size = 0
    for line in lines:
        rendered = _line_html(line)
        parts = (
            [rendered]
            if _size(rendered) <= limit
            else [_line_html(p) for p in _split_long_line(line, limit)]
        )
        for part in parts:
            cost = _size(part) + (1 if current else 0)
            if current and size + cost > limit:
                messages.append("\n".join(current).strip("\n"))
                current, size = [], 0
                cost = _size(part)
            if not current and not part:
                continue  # never start a message with a blank line
            current.append(part)
            size += cost
    if current:
        messages.append("\n".join(current).strip("\n"))
    return [m for m in messages if m.strip()]


def to_text(lines: Sequence[Line], bold: tuple[str, str] = ("", "")) -> str:
    """Render lines for a terminal: bold between the `bold` markers, links as `title <url>`."""
    out = []
    for line in lines:
        parts = []
        for run in line:
            text = f"{bold[0]}{run.text}{bold[1]}" if run.bold else run.text
            parts.append(f"{text} <{run.href}>" if run.href else text)
        out.append("".join(parts))
    return "\n".join(out)


# -- help examples --------------------------------------------------------------------------------

_MONTHS = [
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
]  # fmt: skip
_SMALL = {"a", "an", "and", "at", "by", "for", "from", "in", "of", "on", "the", "to", "with"}


def _names_in(title: str) -> list[str]:
    """Runs of capitalised words in a title ("Republic of Korea"), except its first word."""
    tokens = re.findall(r"[\w'’-]+|[^\w\s]", title)
    names: list[str] = []
    current: list[str] = []

    def close() -> None:
        while current and current[-1] == "of":
            current.pop()
        if current:
            names.append(" ".join(current))
        current.clear()

    for i, token in enumerate(tokens):
        base = re.sub(r"['’]s$", "", token)
        capital = base[:1].isupper() and base.lower() not in _SMALL
        if i > 0 and capital and base not in _MONTHS and not base.isdigit():
            current.append(base)
            if base != token:  # a possessive ends the name
                close()
        elif token == "of" and current:
            current.append(token)
        else:
            close()
    close()
    return names


def _short_title(title: str) -> str:
    """The head of a title, before a comma, colon or dash, when that is long enough."""
    head = re.split(r",|:| [-–—] |\(", title, maxsplit=1)[0].strip()
    return _clip(head if len(head) >= 12 else title, 60).rstrip("…")


def help_examples(sources: Sequence[SourceInfo], limit: int = 3) -> list[str]:
    """Example questions built from the corpus itself: a name, a document, a month."""
    examples: list[str] = []
    names = [n for s in sources for n in _names_in(s.title)]
    if names:
        examples.append(f"What do the documents say about {max(names[:12], key=len)}?")
    if sources:
        examples.append("/summary " + _short_title(sources[0].title))
    dated = [s.date for s in sources if s.date and re.match(r"\d{4}-\d{2}", s.date)]
    if dated:
        year, month = dated[0][:4], int(dated[0][5:7])
        examples.append(f"What happened in {_MONTHS[month - 1]} {year}?")
    return examples[:limit]
