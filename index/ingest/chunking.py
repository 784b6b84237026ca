"""Sentence splitting and sentence-aware chunking.

Chunks are runs of whole sentences that fit the embedding model's window together with the
document's title context; consecutive chunks overlap by one sentence so that a fact stated
across a chunk boundary is still whole in one of them.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from index.text.sentences import split_sentences
from index.types import Chunk, Document, Span

# Recorded in the index manifest; a change forces a rebuild. Bump it whenever chunk boundaries,
# embed_text, sentence spans, or the cleaned text from index/ingest/documents.py would change.
CHUNKER_VERSION = "5"


def title_context(doc: Document) -> str:
    """What precedes every chunk in the embedded text: the title, and the date when known."""
    return f"{doc.title} ({doc.date})" if doc.date else doc.title


def _fit_context(context: str, count: Callable[[str], int], limit: int) -> str:
    """The title context, cut at a word boundary if it would take over a third of the window."""
    if count(context + "\n") <= limit:
        return context
    words = context.split(" ")
    while len(words) > 1 and count(" ".join(words) + "…\n") > limit:
        words = words[: max(1, len(words) * 3 // 4)]
    cut = " ".join(words) + "…"
    if count(cut + "\n") > limit:  # one enormous "word"
        (_, end), _ = _cut_chars(cut, (0, len(cut)), limit - 1, count)
        cut = cut[:end]
    return cut


def _split_long(
    text: str, span: Span, budget: int, count: Callable[[str], int]
) -> list[tuple[Span, int]]:
    """Cut one over-long sentence at word boundaries into pieces of at most `budget` tokens."""
    s, e = span
    words = [(m.start(), m.end()) for m in re.finditer(r"\S+", text[s:e])]
    pieces: list[tuple[Span, int]] = []
    i = 0
    while i < len(words):
        # Largest j with words[i:j] fitting, by binary search on the token count.
        lo, hi = i + 1, len(words)
        best = i + 1
        while lo <= hi:
            mid = (lo + hi) // 2
            n = count(text[s + words[i][0] : s + words[mid - 1][1]])
            if n <= budget:
                best = mid
                lo = mid + 1
            else:
                hi = mid - 1
        piece = (s + words[i][0], s + words[best - 1][1])
        n = count(text[piece[0] : piece[1]])
        if n > budget:  # a single "word" longer than the window: cut it by characters
            piece, n = _cut_chars(text, piece, budget, count)
            pieces.append((piece, n))
            rest = (piece[1], s + words[i][1])
            words[i] = (rest[0] - s, rest[1] - s)
            continue
        pieces.append((piece, n))
        i = best
    return pieces


def _cut_chars(text: str, span: Span, budget: int, count: Callable[[str], int]) -> tuple[Span, int]:
    s, e = span
    lo, hi, best = s + 1, e, s + 1
    while lo <= hi:
        mid = (lo + hi) // 2
        if count(text[s:mid]) <= budget:
            best, lo = mid, mid + 1
        else:
            hi = mid - 1
    return (s, best), count(text[s:best])


def chunk_document(
    doc: Document,
    count_tokens: Callable[[str], int],
    max_tokens: int = 256,
    overlap_sentences: int = 1,
) -> list[Chunk]:
    """Pack whole sentences of `doc` into chunks that fit the model window.

    Greedy: sentences are added while `count_tokens(embed_text) + 2` (for [CLS]/[SEP]) stays
    within `max_tokens`; when the next sentence does not fit and the chunk is already at least
    two-thirds full at a paragraph break, the chunk ends at that break. Each chunk after the
    first starts with the last `overlap_sentences` sentences of the previous one, unless they
    leave no room for a new sentence. A sentence longer than the window on its own is the only
    thing ever cut: it is split at word boundaries into window-sized pieces, which then act as
    sentences. `embed_text` is `title_context(doc) + "\n" + text`; a title context longer than
    a third of the window is cut at a word boundary and ends with "…".

    Args:
        doc: the document; offsets refer to doc.text.
        count_tokens: wordpieces of a string, without special tokens.
        max_tokens: the model window, special tokens included.
        overlap_sentences: sentences repeated at the start of the next chunk.

    Returns:
        Chunks in document order (ordinal from 0); none when the text is blank.
    """
    text = doc.text
    prefix = _fit_context(title_context(doc), count_tokens, (max_tokens - 2) // 3) + "\n"
    budget = max_tokens - 2 - count_tokens(prefix)

    units: list[Span] = []
    sizes: list[int] = []
    for span in split_sentences(text):
        n = count_tokens(text[span[0] : span[1]])
        if n <= budget:
            units.append(span)
            sizes.append(n)
        else:
            for piece, pn in _split_long(text, span, budget, count_tokens):
                units.append(piece)
                sizes.append(pn)
    if not units:
        return []

    def fits(first: int, last: int) -> bool:
        # BERT's pre-tokenizer splits at whitespace, so when every unit is separated from the
        # next by whitespace the sum of their counts is exact and re-counting is wasted work.
        # Only pieces cut inside a word (over-long "sentences") need the real count.
        if all(units[j][1] < units[j + 1][0] for j in range(first, last)):
            return True
        body = text[units[first][0] : units[last][1]]
        return count_tokens(prefix + body) + 2 <= max_tokens

    ranges: list[tuple[int, int]] = []  # [first, last] unit indices, inclusive
    i = 0
    while i < len(units):
        last = i
        total = sizes[i]
        while last + 1 < len(units) and total + sizes[last + 1] <= budget:
            total += sizes[last + 1]
            last += 1
        while last > i and not fits(i, last):  # the sum is an estimate: verify the real text
            last -= 1
        if last + 1 < len(units):
            last = _prefer_paragraph_end(text, units, sizes, i, last, budget)
        ranges.append((i, last))
        if last + 1 >= len(units):
            break
        nxt = last + 1
        back = min(overlap_sentences, last - i)
        while back > 0 and sum(sizes[nxt - back : nxt + 1]) > budget:
            back -= 1
        i = nxt - back if back > 0 else nxt

    chunks: list[Chunk] = []
    for ordinal, (first, last) in enumerate(ranges):
        s, e = units[first][0], units[last][1]
        body = text[s:e]
        chunks.append(
            Chunk(
                ordinal=ordinal,
                start=s,
                end=e,
                text=body,
                embed_text=prefix + body,
                sentences=tuple(units[first : last + 1]),
            )
        )
    return chunks


def _prefer_paragraph_end(
    text: str, units: list[Span], sizes: list[int], first: int, last: int, budget: int
) -> int:
    """Move the chunk end back to the last paragraph break if the chunk stays 2/3 full."""
    if "\n\n" in text[units[last][1] : units[last + 1][0]]:
        return last
    total = sum(sizes[first : last + 1])
    for j in range(last - 1, first - 1, -1):
        total -= sizes[j + 1]
        if total < budget * 2 // 3:
            break
        if "\n\n" in text[units[j][1] : units[j + 1][0]]:
            return j
    return last
