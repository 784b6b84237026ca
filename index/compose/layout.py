"""The answer's text: its sentences grouped by document, newest document first, each group
headed by its date, every sentence followed by its [n] marker; an overlong sentence clipped to
the window around its answer words."""

from __future__ import annotations

from index.compose.emphasis import emphasised
from index.compose.sentences import Sentence
from index.compose.speech import speaker_prefix
from index.query.plan import QueryPlan
from index.storage.snapshot import Snapshot
from index.text.dates import format_date
from index.types import Citation, Span

MAX_CHARS = 700  # an answer's length at most
SENTENCE_MARKS = 24  # what a sentence adds to an answer's length besides its text: its [n], a date


def answer_length(sentences: list[Sentence]) -> int:
    """An answer's length as fitted to MAX_CHARS: each sentence with its marks."""
    return sum(len(s.text) + SENTENCE_MARKS for s in sentences)


def _doc_order(snap: Snapshot, chosen: list[Sentence]) -> list[list[Sentence]]:
    """Sentences grouped by document: newest document first, undated last. In a document the
    best sentence leads, followed by the chosen sentences after it (its continuation among
    them) and then those before it, each run in document order: the answer comes first."""
    by_doc: dict[str, list[Sentence]] = {}
    for s in chosen:
        by_doc.setdefault(s.doc_id, []).append(s)

    def key(doc_id: str) -> tuple[int, int]:
        d = snap.published(doc_id)
        return (0, -d.toordinal()) if d else (1, 0)

    groups = []
    for d in sorted(by_doc, key=key):
        lead, *rest = by_doc[d]  # `chosen` is best first
        rest.sort(key=lambda s: s.start)
        groups.append(
            [lead]
            + [s for s in rest if s.start >= lead.start]
            + [s for s in rest if s.start < lead.start]
        )
    return groups


def layout(
    snap: Snapshot, chosen: list[Sentence], plan: QueryPlan
) -> tuple[str, list[Citation], list[Span]]:
    """The text of an answer made of `chosen` (best first), its citations, and the spans of
    the words that answer `plan`'s question."""
    parts: list[str] = []
    citations: list[Citation] = []
    highlights: list[Span] = []
    length = 0
    for i, group in enumerate(_doc_order(snap, chosen)):
        if i:
            parts.append("\n")
            length += 1
        published = snap.published(group[0].doc_id)
        if published is not None:
            prefix = f"{format_date(published)}: "
            parts.append(prefix)
            length += len(prefix)
        speaker = None
        for j, sent in enumerate(group):
            if j:
                parts.append(" ")
                length += 1
            # A transcript's sentence says who speaks it when its speaker changes ("FOREIGN
            # MINISTER DE MAIO: And actually, I'd like to thank you ..."), as the document does.
            said, speaker = speaker_prefix(snap, sent.doc_id, sent.start, sent.text, speaker)
            parts.append(said)
            length += len(said)
            body, offset = _clip(sent)
            n = len(citations) + 1
            for ent in emphasised(plan, sent):
                if offset <= ent.start and ent.end <= offset + len(body):
                    highlights.append((length + ent.start - offset, length + ent.end - offset))
            parts.append(body)
            length += len(body)
            marker = f" [{n}]"
            parts.append(marker)
            length += len(marker)
            citations.append(
                snap.citation(
                    n,
                    sent.chunk_id,
                    sent.start + offset,
                    sent.start + offset + len(body),
                    round(sent.score, 4),
                )
            )
    return "".join(parts), citations, highlights


def _clip(sent: Sentence) -> tuple[str, int]:
    """The sentence, or for an overlong one the window around its answer words; and its offset."""
    limit = MAX_CHARS - 40
    if len(sent.text) <= limit:
        return sent.text, 0
    anchor = sent.entities[0].start if sent.entities else 0
    start = max(0, min(anchor - limit // 3, len(sent.text) - limit))
    space = sent.text.find(" ", start)
    start = space + 1 if 0 < space < start + 40 else start
    body = sent.text[start : start + limit]
    cut = body.rfind(" ")
    body = body[:cut] if cut > limit // 2 else body
    return body.strip(), start + (len(body) - len(body.lstrip()))
