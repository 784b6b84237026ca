"""Does a new document match a followed topic ("Seoul", "Blinken in Asia")? And where?

The topic is planned like a question (`plan_query`: analysed and spell-repaired terms, names
boosted, idf weights, its embedding), then the store's two searches, dense and BM25, run over
the candidate documents only (a `SearchFilter` on their ids), exactly as retrieval does for a
question. A document matches when

- its words cover enough of the topic: the idf-weighted share of the topic's terms found in
  its title and text is at least `MIN_COVERAGE` (a document about Paris never matches "Seoul",
  however close its embedding), and
- either its title covers the topic as well (a release headlined "Travel to Belgium" is about
  Belgium), or its best sentence is close enough in meaning: the cosine of the topic with the
  best sentence of the document's best chunks, blended with the best chunk's own cosine, is at
  least `THRESHOLD` (a release that only mentions Belgium in passing is not).

`THRESHOLD` was calibrated by bench/calibrate_follow.py on the State Department releases
(see that file and the README): topics are the places named in release titles; among releases
whose title does not name the topic, one that names it three times or more is about it, one
that names it once is not; the threshold maximising F0.5 (an unwanted alert costs more than a
missed one) on half of the topics was kept, and is reported on the other half.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass

import numpy as np

from index.embed.base import Embedder
from index.query.plan import QueryPlan, plan_query
from index.storage.base import SearchFilter
from index.storage.snapshot import Snapshot
from index.text.tokens import analyze

__all__ = ["MIN_COVERAGE", "THRESHOLD", "TopicMatch", "match_topic", "topic_scores"]

# Calibrated by bench/calibrate_follow.py (see the module doc).
MIN_COVERAGE = 0.75
THRESHOLD = 0.30
SENTENCE_WEIGHT = 0.6  # the score: 0.6 x best sentence cosine + 0.4 x best chunk cosine
_CHUNKS_LOOKED_AT = 3  # per document, for the best sentence


@dataclass(frozen=True)
class TopicMatch:
    """How well one document matches a topic, and its best sentence."""

    doc_id: str
    score: float  # the blended cosine (see the module doc)
    coverage: float  # idf-weighted share of the topic's terms in the document
    title_coverage: float  # the same, in its title alone
    chunk_id: int
    sentence: tuple[int, int]  # the best sentence's span in the document text

    @property
    def matches(self) -> bool:
        if self.coverage < MIN_COVERAGE:
            return False
        return self.title_coverage >= MIN_COVERAGE or self.score >= THRESHOLD


def topic_scores(
    snap: Snapshot,
    embedder: Embedder,
    topic: str,
    doc_ids: Collection[str],
    plan: QueryPlan | None = None,
) -> list[TopicMatch]:
    """Score every document in `doc_ids` against `topic`, best first (matching or not).

    Args:
        snap: the snapshot holding the documents.
        embedder: embeds the topic (skipped when `plan` is given).
        topic: the followed topic, as the user wrote it.
        doc_ids: the documents to consider (e.g. those an index run just added).
        plan: the topic already planned against `snap`.

    Returns:
        One TopicMatch per document that has any chunk, best score first.
    """
    docs = [d for d in doc_ids if d in snap.docs]
    if not docs:
        return []
    plan = plan or plan_query(snap, embedder, topic)
    where = SearchFilter(doc_ids=frozenset(docs))
    n_chunks = sum(len(snap.chunks_of(d)) for d in docs)
    dense = snap.dense_search(plan.qvec, n_chunks, where)
    best_chunks: dict[str, list[tuple[int, float]]] = {}
    for chunk_id, cos in dense:
        doc = snap.chunks[chunk_id].doc_id
        picked = best_chunks.setdefault(doc, [])
        if len(picked) < _CHUNKS_LOOKED_AT:
            picked.append((chunk_id, float(cos)))
    weights = {t: w for t, w in plan.weights.items() if w > 0}
    total = sum(weights.values()) + snap.max_idf() * len(plan.unknown)
    out = []
    for doc, chunks in best_chunks.items():
        title = snap.docs[doc].title
        coverage = _coverage(title + "\n" + snap.text(doc), weights, total)
        in_title = _coverage(title, weights, total)
        chunk_id, sentence, sent_cos = _best_sentence(snap, plan.qvec, chunks)
        score = SENTENCE_WEIGHT * sent_cos + (1 - SENTENCE_WEIGHT) * chunks[0][1]
        out.append(TopicMatch(doc, score, coverage, in_title, chunk_id, sentence))
    out.sort(key=lambda m: (-m.matches, -m.score))
    return out


def match_topic(
    snap: Snapshot,
    embedder: Embedder,
    topic: str,
    doc_ids: Collection[str],
    plan: QueryPlan | None = None,
) -> list[TopicMatch]:
    """The documents of `doc_ids` that match `topic` (see the module doc), best first."""
    return [m for m in topic_scores(snap, embedder, topic, doc_ids, plan) if m.matches]


def _coverage(text: str, weights: dict[str, float], total: float) -> float:
    if total <= 0:
        return 0.0
    present = set(analyze(text))
    return sum(w for t, w in weights.items() if t in present) / total


def _best_sentence(
    snap: Snapshot, qvec: np.ndarray, chunks: list[tuple[int, float]]
) -> tuple[int, tuple[int, int], float]:
    """The best sentence among the given chunks: (chunk id, span, cosine)."""
    best = (chunks[0][0], (snap.chunks[chunks[0][0]].start, snap.chunks[chunks[0][0]].end), -1.0)
    for chunk_id, _ in chunks:
        rec = snap.chunks[chunk_id]
        sims = snap.sentence_vectors(chunk_id) @ qvec
        if len(sims) and len(rec.sentences) == len(sims):
            i = int(np.argmax(sims))
            if float(sims[i]) > best[2]:
                best = (chunk_id, rec.sentences[i], float(sims[i]))
    if best[2] < 0:
        best = (best[0], best[1], chunks[0][1])
    return best
