"""Summary lines and how they are rendered: each line ends with the [n] of the sentences it
rests on, numbered in order of first use across every document a summary reads."""

from __future__ import annotations

from dataclasses import dataclass

from index.compose.itinerary import DocSentence
from index.storage.snapshot import Snapshot
from index.types import Citation, Span


@dataclass(frozen=True)
class Line:
    """One line of a summary and the sentences it cites (of any document), in order."""

    text: str
    cite: tuple[DocSentence, ...]
    emphasis: tuple[str, ...] = ()  # words in `text` to highlight


def render(snap: Snapshot, lines: list[Line]) -> tuple[str, list[Citation], list[Span]]:
    """The lines as text with their [n] markers, the citations and the highlighted spans.

    A sentence cited by several lines keeps the number it got first.
    """
    out: list[str] = []
    citations: list[Citation] = []
    number: dict[tuple[int, int, int], int] = {}
    highlights: list[Span] = []
    pos = 0
    for line in lines:
        markers = []
        for sent in line.cite:
            key = (sent.chunk_id, sent.start, sent.end)
            if key not in number:
                number[key] = len(citations) + 1
                citations.append(
                    snap.citation(number[key], sent.chunk_id, sent.start, sent.end, 1.0)
                )
            markers.append(f"[{number[key]}]")
        text = line.text + " " + "".join(dict.fromkeys(markers))
        for word in line.emphasis:
            k = text.find(word)
            if word and k >= 0:
                highlights.append((pos + k, pos + k + len(word)))
        out.append(text)
        pos += len(text) + 1
    return "\n".join(out), citations, sorted(highlights)
