"""Hybrid retrieval: dense and BM25 candidates from the store, fused, time-aware, diversified.

A time the question names ("in July 2021", "last February") is a filter the store applies
inside both searches: documents published within two months of it. The chunks of documents
published just outside the asked span then stay only if their text dates something in it.
A whole year asked ("us-algeria trade in 2021") also reaches the next year's documents, which
look back on it ("In 2021, even with COVID, it more than doubled").
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import timedelta

import numpy as np

from index.embed.base import Embedder
from index.query import fusion as fu
from index.query.fusion import DEFAULT_FUSION, Fusion, FusionMethod
from index.query.plan import QueryPlan, plan_query
from index.storage.base import SearchFilter
from index.storage.snapshot import Snapshot
from index.text.asked_time import TimeQuery
from index.text.dates import DateRange, find_dates
from index.text.lexicon import MONTH_NAMES
from index.types import Hit

TIME_WINDOW_DAYS = 62  # how far outside the asked span a document may be published
YEAR_LOOKBACK_DAYS = 366  # how long after a whole year asked a document may look back on it
# A release's date is its publication time's calendar day in UTC, a day off the day it tells
# of: a call on the evening of March 7 in Washington is published on March 8 at 00:49 UTC. An
# asked span of at most SHORT_SPAN_DAYS takes documents published DAY_SLACK days either side.
SHORT_SPAN_DAYS = 7
DAY_SLACK = 1


@dataclass(frozen=True, eq=False)
class Candidate:
    """One chunk with the evidence that ranked it."""

    chunk_id: int
    doc_id: str
    dense: float  # cosine of the chunk vector with the question
    bm25: float
    score: float  # fused
    sentence_cos: np.ndarray | None = field(default=None, repr=False)  # per sentence, if scored


@dataclass(frozen=True)
class _Evidence:
    """The candidate chunks and both signals for each, before fusion."""

    ids: list[int]
    dense: list[tuple[int, float]]  # the dense ranking
    lexical: list[tuple[int, float]]  # the BM25 ranking
    dvals: np.ndarray
    bvals: np.ndarray


def retrieve(snap: Snapshot, plan: QueryPlan, fusion: Fusion = DEFAULT_FUSION) -> list[Candidate]:
    """Fused candidates, best first, before diversification.

    Args:
        snap: the snapshot to search.
        plan: the prepared question (see `plan_query`).
        fusion: how to combine the two rankings.

    Returns:
        Candidates with their dense, BM25 and fused scores. When the question names a time,
        only chunks of documents from that time (or whose text dates the event in it) remain;
        the list is empty when nothing in the corpus is from then.
    """
    ev = _gather(snap, plan, fusion)
    if ev is None:
        return []
    return _FUSERS[fusion.method](snap, plan, ev, fusion)


def _gather(snap: Snapshot, plan: QueryPlan, fusion: Fusion) -> _Evidence | None:
    depth = fusion.depth if plan.time is None else max(fusion.depth, 1000)
    where = None
    if plan.time is not None:
        where = SearchFilter(published=_window(plan.time))
    if plan.docs is not None:
        where = SearchFilter(doc_ids=plan.docs, published=where.published if where else None)
    dense = snap.dense_search(plan.qvec, depth, where)
    lex = snap.lexical_search(plan.lexical_terms, depth, where) if plan.terms else []
    dense_of = dict(dense)
    bm25_of = dict(lex)
    ids = list(dict.fromkeys([c for c, _ in dense] + [c for c, _ in lex]))
    if plan.time is not None:
        tq, months = plan.time, asked_months(plan.time)
        ids = [c for c in ids if _in_time(snap, c, tq, months)]
    if not ids:
        return None
    # Chunks found by one list only still get the other signal: BM25 is cheap to score for any
    # chunk; an unseen dense score is bounded by the last one retrieved.
    missing_bm25 = [c for c in ids if c not in bm25_of]
    if missing_bm25 and plan.terms:
        bm25_of.update(
            zip(missing_bm25, snap.lexical_scores(plan.lexical_terms, missing_bm25), strict=True)
        )
    floor = dense[-1][1] if dense else 0.0
    dvals = np.array([float(dense_of.get(c, floor)) for c in ids])
    bvals = np.array([float(bm25_of.get(c, 0.0)) for c in ids])
    return _Evidence(ids, dense, lex, dvals, bvals)


def _fuse_rrf(snap: Snapshot, plan: QueryPlan, ev: _Evidence, fusion: Fusion) -> list[Candidate]:
    fused = fu.rrf(ev.ids, ev.dense, ev.lexical, fusion)
    order = np.argsort(-fused, kind="stable")
    return [_candidate(snap, ev, i, float(fused[i])) for i in order]


def _fuse_combsum(
    snap: Snapshot, plan: QueryPlan, ev: _Evidence, fusion: Fusion
) -> list[Candidate]:
    # Stage 1: dense + BM25 pick the chunks worth a closer look.
    first = fu.first_stage(ev.dvals, ev.bvals)
    order = np.argsort(-first, kind="stable")
    top = order[: fusion.rerank]
    # Stage 2: add the best sentence of each of those chunks.
    sims = [snap.sentence_vectors(ev.ids[i]) @ plan.qvec for i in top]
    svals = np.array([float(s.max()) if len(s) else 0.0 for s in sims])
    fused = fu.combsum(ev.dvals[top], ev.bvals[top], svals, fusion)
    out = [
        _candidate(snap, ev, i, float(f), sim) for i, f, sim in zip(top, fused, sims, strict=True)
    ]
    out.sort(key=lambda c: -c.score)
    # The rest keep their order below the reranked ones.
    low = float(min(fused)) if len(fused) else 0.0
    out.extend(_candidate(snap, ev, i, low - 1 + first[i]) for i in order[fusion.rerank :])
    return out


def _candidate(
    snap: Snapshot, ev: _Evidence, i: int, score: float, sentence_cos: np.ndarray | None = None
) -> Candidate:
    c = ev.ids[i]
    return Candidate(c, snap.chunks[c].doc_id, ev.dvals[i], ev.bvals[i], score, sentence_cos)


_Fuser = Callable[[Snapshot, QueryPlan, _Evidence, Fusion], list[Candidate]]
_FUSERS: dict[FusionMethod, _Fuser] = {
    FusionMethod.COMBSUM: _fuse_combsum,
    FusionMethod.RRF: _fuse_rrf,
}


def _whole_year(tq: TimeQuery) -> bool:
    span = tq.range
    return (span.start.month, span.start.day, span.end.month, span.end.day) == (1, 1, 12, 31)


def _window(tq: TimeQuery) -> DateRange:
    """When the documents that may tell of the asked time were published."""
    window = tq.range.widened(TIME_WINDOW_DAYS)
    if _whole_year(tq):
        window = DateRange(window.start, tq.range.end + timedelta(days=YEAR_LOOKBACK_DAYS))
    return window


def asked_months(tq: TimeQuery) -> set[str]:
    """Names and abbreviations of the months the asked span covers."""
    names: set[str] = set()
    y, m = tq.range.start.year, tq.range.start.month
    while (y, m) <= (tq.range.end.year, tq.range.end.month) and len(names) < 12:
        names.add(MONTH_NAMES[m - 1])
        names.add(MONTH_NAMES[m - 1][:3])
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
    return names


def _in_time(snap: Snapshot, chunk_id: int, tq: TimeQuery, months: set[str]) -> bool:
    """The document is from the asked time, or its text dates something in it (`months`: the
    names of the asked months, from `asked_months`, worked out once per question).

    A trip announced on 30 June for 2-3 July is "in July"; so the chunk's own dates count when
    the document was published within two months of the asked span (the store's filter), and
    so does a month it names within the span ("In April 2022, ..."). A
    day or a week asked also takes the documents published a day either side (DAY_SLACK). A
    whole year asked also takes the chunks of documents published up to a year after it
    (YEAR_LOOKBACK_DAYS) that name the year and date something within it.
    """
    published = snap.published(snap.chunks[chunk_id].doc_id)
    span = tq.range
    if (span.end - span.start).days < SHORT_SPAN_DAYS:
        span = span.widened(DAY_SLACK)
    if published is None or span.contains(published):
        return True  # an undated document cannot be ruled out by date
    text = snap.chunk_text(chunk_id)
    if _whole_year(tq):
        # A later document looking back: its text names the year itself.
        within = str(tq.range.start.year) in text and any(
            span.start <= m.range.start <= m.range.end <= span.end
            for m in find_dates(text, published)
        )
        if within or published > span.end + timedelta(days=TIME_WINDOW_DAYS):
            return within
    # Only a text naming one of the asked months can date something in them: a cheap test
    # that spares the date parser almost every chunk.
    if not any(name in text for name in months):
        return False
    # A day overlapping the span dates something in it, and so does a whole month within it
    # ("In April 2022, the group perpetrated ..." for "in April 2022").
    asked = tq.range
    return any(
        m.range.overlaps(asked) if m.exact_day else asked.contains_range(m.range)
        for m in find_dates(text, published)
    )


def diversify(snap: Snapshot, cands: list[Candidate], k: int, decay: float) -> list[Candidate]:
    """Pick `k` candidates, discounting each further chunk of an already chosen document.

    Identical documents (equal text hash) count as one document, and only the first copy of
    a chunk text is kept, so duplicates never take two places.
    """
    pool = list(cands[: max(4 * k, 50)])
    picked: list[Candidate] = []
    per_group: dict[str, int] = {}
    seen_text: set[tuple[str, int, int]] = set()
    while pool and len(picked) < k:
        best_i, best_v = -1, -math.inf
        for i, c in enumerate(pool):
            v = c.score * decay ** per_group.get(snap.group(c.doc_id), 0)
            if v > best_v:
                best_i, best_v = i, v
        c = pool.pop(best_i)
        rec = snap.chunks[c.chunk_id]
        group = snap.group(c.doc_id)
        key = (group, rec.start, rec.end)
        if key in seen_text:
            continue
        seen_text.add(key)
        per_group[group] = per_group.get(group, 0) + 1
        picked.append(replace(c, score=best_v))  # ranks and scores agree after the discount
    return picked


def hybrid_search(
    snap: Snapshot,
    embedder: Embedder,
    query: str,
    k: int = 5,
    *,
    fusion: Fusion = DEFAULT_FUSION,
    plan: QueryPlan | None = None,
) -> list[Hit]:
    """Ranked chunks for `query`: dense + BM25, fused, time-restricted, diversified.

    Args:
        snap: the snapshot to search.
        embedder: embeds the query.
        query: free text; misspellings are repaired, a named time restricts by document date.
        k: how many hits.
        fusion: fusion settings (the default is the best measured one).
        plan: a prepared query, to avoid embedding it twice.

    Returns:
        Up to `k` hits, best first; `score` is the fused score.
    """
    plan = plan or plan_query(snap, embedder, query)
    cands = retrieve(snap, plan, fusion)
    return [snap.hit(c.chunk_id, c.score) for c in diversify(snap, cands, k, fusion.per_doc_decay)]
