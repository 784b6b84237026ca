"""Whether the documents answer a question at all: a small calibrated model, and suggestions.

Logistic regression on answerability features (order as in `Features.vector`), fitted by
bench/calibrate_refusal.py on SQuAD 2.0 questions and our dev questions; XQuAD, which
`docbot eval` reports on, is held out.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from index.compose.sentences import Sentence
from index.query.fusion import DEFAULT_FUSION
from index.query.plan import QueryPlan
from index.query.retrieve import Candidate, retrieve
from index.storage.snapshot import Snapshot
from index.text.tokens import analyze

REFUSAL_WEIGHTS = (4.664, 4.91, 5.872, -0.805, 0.342)
REFUSAL_BIAS = -7.391
REFUSAL_THRESHOLD = 0.5
SUGGEST_MIN_PROBABILITY = 0.15  # refused, but close enough to point at documents
SUGGEST_MIN_COS = 0.35


@dataclass(frozen=True)
class Features:
    """What the refusal decision looks at."""

    best_cos: float  # best sentence cosine with the question
    chunk_cos: float  # the best chunk's dense cosine
    coverage: float  # idf-weighted share of the question's words found in the best chunk
    unknown: float  # idf-weighted share of the question's words the corpus lacks entirely
    type_fit: float  # the best sentence holds the kind of entity asked for

    @property
    def vector(self) -> tuple[float, ...]:
        return (self.best_cos, self.chunk_cos, self.coverage, self.unknown, self.type_fit)


def probability(feats: Features) -> float:
    """The calibrated probability that the documents answer the question."""
    z = REFUSAL_BIAS + sum(w * f for w, f in zip(REFUSAL_WEIGHTS, feats.vector, strict=True))
    return 1 / (1 + math.exp(-z))


def features(
    snap: Snapshot, plan: QueryPlan, picked: list[Candidate], sentences: list[Sentence]
) -> Features:
    """The answerability features of a question, from what retrieval and scoring found."""
    if not picked or not sentences:
        return Features(0.0, 0.0, 0.0, 1.0, 0.0)
    head = plan.head
    weights = {t: w for t, w in plan.weights.items() if t != head}
    unknown_w = snap.max_idf()
    total = sum(weights.values()) + unknown_w * sum(1 for t in plan.unknown if t != head)
    if total <= 0:
        return Features(sentences[0].cos, picked[0].dense, 0.0, 1.0, sentences[0].type_fit)
    best = picked[0]
    rec = snap.chunks[best.chunk_id]
    chunk_terms = set(analyze(snap.docs[rec.doc_id].title + "\n" + snap.chunk_text(rec.chunk_id)))
    covered = sum(w for t, w in weights.items() if plan.found_in(t, chunk_terms)) / total
    unknown = unknown_w * sum(1 for t in plan.unknown if t != head) / total
    top = sentences[0]
    return Features(top.cos, best.dense, covered, unknown, top.type_fit)


def suggestions(
    snap: Snapshot, plan: QueryPlan, candidates: list[Candidate], answerable: float
) -> list[str]:
    """Titles (with dates) of the closest documents, when the question is near the corpus.

    A question about a time no document covers gets the documents that match it otherwise:
    "nothing from July 2021, but see the March 2021 and November 2023 trips".
    """
    cands = candidates
    if not cands and plan.time is not None:
        cands = retrieve(snap, plan.without_time(), DEFAULT_FUSION)
        near = bool(cands) and max(c.dense for c in cands[:10]) >= SUGGEST_MIN_COS
    else:
        near = answerable >= SUGGEST_MIN_PROBABILITY
    if not near:
        return []
    titles: list[str] = []
    for c in cands[:10]:
        doc = snap.docs[c.doc_id]
        label = f"{doc.title} ({doc.date})" if doc.date else doc.title
        if label not in titles:
            titles.append(label)
        if len(titles) == 3:
            break
    return titles
