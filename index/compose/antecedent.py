"""A best sentence that refers back to what was asked, or ends a quotation, takes the
sentences before it.

"What facilities did the senior officials tour at the border?" is matched best by "During the
visit, officials received briefings and tours of the facilities", whose "the facilities" refers
back to the sentence before: "officials traveled to the border to visit a Border Patrol
facility and an Office of Refugee Resettlement facility". That one names them, so it leads.

"Why did the Department not debar Keysight?" is matched best by "For these reasons, the
Department has determined that it is not appropriate to administratively debar Keysight", whose
reasons are the sentence before.

"What did the Latvian economy minister say?" is matched best by the sentence that names him,
the last of his quotation ("... will foster our energy security,” said Latvian Minister of
Economics Janis Vitenbergs."); what he said opens two sentences before, at the opening mark.
"""

from __future__ import annotations

import re
from dataclasses import replace

from index.compose.layout import answer_length
from index.compose.sentences import Sentence
from index.query.plan import QueryPlan
from index.query.question import asks_purpose
from index.storage.snapshot import Snapshot
from index.text.lexicon import AUXILIARY_VERBS, REASON_REFERENCES
from index.text.patterns import QUOTE_ATTRIBUTION, alternation, opens_quote
from index.text.tokens import stem

# "What facilities did ...", "Which agreements will ...": the noun asked about.
_ASKED_NOUN = re.compile(
    rf"^\s*(?:what|which)\s+(?P<noun>[a-z]+)\s+(?:{alternation(AUXILIARY_VERBS)})\b", re.I
)
# "For these reasons, ...": the reasons are in the sentence before (lexicon REASON_REFERENCES).
_REASONS_BACK = re.compile(rf"^\W*(?:{alternation(REASON_REFERENCES)})\b", re.I)
QUOTE_BACK = 3  # sentences a quotation may open before the one attributing it
_DEFINITE = re.compile(r"\b(?:the|these|those|both)\s+(?:[a-z-]+\s+)?(?P<noun>[a-z]+)\b", re.I)


def referred_noun(question: str) -> str | None:
    """The stem of the noun a "what/which <noun> ..." question asks about ("facilities"), which
    the best sentence may refer back to ("the facilities"); any noun, unlike the untyped one
    `QueryPlan.noun` holds (index/query/question.py, `asked_noun`)."""
    m = _ASKED_NOUN.match(question)
    return stem(m.group("noun")) if m else None


def with_antecedent(snap: Snapshot, plan: QueryPlan, chosen: list[Sentence]) -> list[Sentence]:
    """`chosen` (best first), with the sentence before the best one leading when the best one
    refers back to the noun asked about ("the facilities") and that sentence names it."""
    noun = referred_noun(plan.text)
    if noun is None or not chosen:
        return chosen
    best = chosen[0]
    if not any(stem(m.group("noun")) == noun for m in _DEFINITE.finditer(best.text)):
        return chosen
    before = _spans_before(snap, best)
    if not before:
        return chosen
    start, end = before[-1]
    text = snap.text(best.doc_id)[start:end]
    if noun not in {stem(w) for w in re.findall(r"[A-Za-z]+", text)}:
        return chosen
    taken = next((s for s in chosen if s.doc_id == best.doc_id and s.start == start), None)
    if taken is not None:  # already in the answer, after the best one: it leads instead
        return [taken, *(s for s in chosen if s is not taken)]
    previous = replace(best, start=start, end=end, text=text, entities=(), type_fit=0.0)
    return [previous, *chosen]


def with_opening(
    snap: Snapshot, plan: QueryPlan, chosen: list[Sentence], max_chars: int
) -> list[Sentence]:
    """`chosen` (best first, fitted to `max_chars`) with the first sentence that goes on from
    sentences before it led by them: one that closes a quotation opened before it (at most
    QUOTE_BACK sentences back, in the same chunk) and attributes it ("... security,” said the
    Minister"); for a why question, also one that refers back to the reasons ("For these
    reasons, the Department has determined ..."). Sentences ranked after it make room; if
    they can't, the answer stays as it was."""
    why = asks_purpose(plan.text)
    for i, sent in enumerate(chosen):
        spans = _quotation_before(snap, sent) or (_reasons_before(snap, sent) if why else [])
        if not spans:
            continue
        text = snap.text(sent.doc_id)
        shown = {(s.doc_id, s.start) for s in chosen}
        opening = [
            replace(sent, start=start, end=end, text=text[start:end], entities=(), type_fit=0.0)
            for start, end in spans
            if (sent.doc_id, start) not in shown
        ]
        kept = list(chosen)
        while answer_length([*kept, *opening]) > max_chars and len(kept) > i + 1:
            kept.pop()
        if answer_length([*kept, *opening]) > max_chars:
            return chosen
        return [*kept[:i], *opening, *kept[i:]]
    return chosen


def _spans_before(snap: Snapshot, sent: Sentence) -> list[tuple[int, int]]:
    """The spans of the sentences of `sent`'s chunk before it, in order."""
    return [(s, e) for s, e in snap.chunks[sent.chunk_id].sentences if e <= sent.start]


def _quotation_before(snap: Snapshot, sent: Sentence) -> list[tuple[int, int]]:
    """The spans of the sentences before `sent` that its attributed quotation opened in."""
    closing = QUOTE_ATTRIBUTION.search(sent.text)
    if closing is None or opens_quote(sent.text[: closing.start()]):
        return []
    before = _spans_before(snap, sent)
    text = snap.text(sent.doc_id)
    for back in range(1, min(QUOTE_BACK, len(before)) + 1):
        start, end = before[-back]
        if opens_quote(text[start:end]):
            return before[-back:]
    return []


def _reasons_before(snap: Snapshot, sent: Sentence) -> list[tuple[int, int]]:
    """The span of the sentence before `sent` when `sent` opens by referring back to the
    reasons it gives ("For these reasons, ...", "As a result, ...")."""
    if not _REASONS_BACK.match(sent.text):
        return []
    before = _spans_before(snap, sent)
    return before[-1:]
