"""A best sentence that refers back to what was asked takes the sentence before it.

"What facilities did the senior officials tour at the border?" is matched best by "During the
visit, officials received briefings and tours of the facilities", whose "the facilities" refers
back to the sentence before: "officials traveled to the border to visit a Border Patrol
facility and an Office of Refugee Resettlement facility". That one names them, so it leads.
"""

from __future__ import annotations

import re
from dataclasses import replace

from index.compose.sentences import Sentence
from index.query.plan import QueryPlan
from index.storage.snapshot import Snapshot
from index.text.lexicon import AUXILIARY_VERBS
from index.text.patterns import alternation
from index.text.tokens import stem

# "What facilities did ...", "Which agreements will ...": the noun asked about.
_ASKED_NOUN = re.compile(
    rf"^\s*(?:what|which)\s+(?P<noun>[a-z]+)\s+(?:{alternation(AUXILIARY_VERBS)})\b", re.I
)
_DEFINITE = re.compile(r"\b(?:the|these|those|both)\s+(?:[a-z-]+\s+)?(?P<noun>[a-z]+)\b", re.I)


def asked_noun(question: str) -> str | None:
    """The stem of the noun a "what/which <noun> ..." question asks about ("facilities")."""
    m = _ASKED_NOUN.match(question)
    return stem(m.group("noun")) if m else None


def with_antecedent(snap: Snapshot, plan: QueryPlan, chosen: list[Sentence]) -> list[Sentence]:
    """`chosen` (best first), with the sentence before the best one leading when the best one
    refers back to the noun asked about ("the facilities") and that sentence names it."""
    noun = asked_noun(plan.text)
    if noun is None or not chosen:
        return chosen
    best = chosen[0]
    if not any(stem(m.group("noun")) == noun for m in _DEFINITE.finditer(best.text)):
        return chosen
    before = [(s, e) for s, e in snap.chunks[best.chunk_id].sentences if e <= best.start]
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
