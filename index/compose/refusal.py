"""Whether the documents answer a question at all: a small calibrated model, suggestions and
the refusal reply (whether an answer gives the number, span or names asked for is
compose/lacks.py).

Logistic regression on answerability features (order as in `Features.vector`), fitted by
bench/calibrate_refusal.py. A large index finds a chunk that looks relevant for almost any
question, so besides how close the best sentence is, the model asks how much of the question
the answer actually covers (its sentence and neighbours, its document) and how far the best
chunk stands out from what the same index gives the same question anyway, and whether one
sentence holds the question's words together (an off-topic question finds its rare words
scattered over sentences about something else). It is calibrated on
the XQuAD articles (and SQuAD 2.0 questions) of one half of the titles, on small indexes and on
the 2,031-document State Department index; `docbot eval` reports on the other half.
"""

from __future__ import annotations

import heapq
import math
import time
from dataclasses import dataclass

from index.compose.analysed import analysed
from index.compose.sentences import Sentence
from index.query.fusion import DEFAULT_FUSION
from index.query.plan import QueryPlan, typed_as_name
from index.query.question import motion_frame
from index.query.retrieve import Candidate, retrieve
from index.storage.snapshot import Snapshot
from index.text.abbreviations import name_initials, with_abbreviations
from index.text.tokens import term_set
from index.types import Reply, ReplyKind

NOT_FOUND = "I couldn't find that in the documents."
REFUSAL_WEIGHTS = (3.076, 10.698, 2.101, -3.330, 0.173, 7.892, 7.447, 3.525, -1.452, 4.060)
REFUSAL_BIAS = -14.890
REFUSAL_THRESHOLD = 0.6  # the strictest that keeps in-corpus errors <= 2.5% on calibration
SUGGEST_MIN_PROBABILITY = 0.15  # refused, but close enough to point at documents
SUGGEST_MIN_COS = 0.35
JOINT_SENTENCES = 8  # sentences `joint_share` reads (those with the most question words)
MARGIN_RANKS = (5, 30)  # the ranks a best chunk is compared with (what the index gives anyway)


@dataclass(frozen=True)
class Features:
    """What the refusal decision looks at."""

    best_cos: float  # best sentence cosine with the question
    chunk_cos: float  # the best chunk's dense cosine
    coverage: float  # idf-weighted share of the question's words found in the best chunk
    unknown: float  # idf-weighted share of the question's words the corpus lacks entirely
    # (a capitalised name it has only as another name, "Ghandi" for "Ghani", among them)
    type_fit: float  # the best sentence holds the kind of entity asked for
    dense_margin: float = 0.0  # top dense cosine minus the mean of ranks 6-30 for this question
    bm25_margin: float = 0.0  # the same for BM25, as a share of the top score
    window_share: float = 0.0  # share of the question's words in the best sentence or a neighbour
    doc_cover: float = 0.0  # idf-weighted share of the question's words in the answer's document
    joint_share: float = 0.0  # largest share of its words one read sentence (with title) holds

    @property
    def vector(self) -> tuple[float, ...]:
        return (
            self.best_cos,
            self.chunk_cos,
            self.coverage,
            self.unknown,
            self.type_fit,
            self.dense_margin,
            self.bm25_margin,
            self.window_share,
            self.doc_cover,
            self.joint_share,
        )


NO_ANSWER = Features(0.0, 0.0, 0.0, 1.0, 0.0)


def probability(feats: Features) -> float:
    """The calibrated probability that the documents answer the question."""
    z = REFUSAL_BIAS + sum(w * f for w, f in zip(REFUSAL_WEIGHTS, feats.vector, strict=True))
    return 1 / (1 + math.exp(-max(-60.0, min(60.0, z))))


def features(
    snap: Snapshot,
    plan: QueryPlan,
    candidates: list[Candidate],
    picked: list[Candidate],
    sentences: list[Sentence],
) -> Features:
    """The answerability features of a question, from what retrieval and scoring found.

    Args:
        snap: the snapshot answered from.
        plan: the question.
        candidates: every fused candidate (their dense and BM25 scores say what the index
            gives the question anyway).
        picked: the chunks whose sentences were read, best first.
        sentences: their scored sentences, best first.
    """
    if not picked or not sentences:
        return NO_ANSWER
    # What the question asks for ("which countries") and the motion that frames it ("did he go
    # to"): words an answer need not hold ("traveled to Jordan, Kuwait, and Qatar").
    asked = {plan.head, motion_frame(plan.text)} - {None}
    # A name typed with a capital that the corpus only has as another name ("Ghandi" read as
    # "Ghani") is no evidence the corpus answers: it counts as a word the corpus lacks.
    guessed = {t for w, t in plan.corrections.items() if typed_as_name(plan.text, w)}
    weights = {t: w for t, w in plan.weights.items() if t not in asked and t not in guessed}
    unknown = [t for t in plan.unknown if t not in asked] + sorted(guessed - asked)
    unknown_w = snap.max_idf()
    total = sum(weights.values()) + unknown_w * len(unknown)
    top = sentences[0]
    margin = standing([c.dense for c in candidates])
    bm25 = [c.bm25 for c in candidates]
    lexical = standing(bm25) / max(bm25) if max(bm25, default=0.0) > 0 else 0.0
    if total <= 0:
        return Features(top.cos, picked[0].dense, 0.0, 1.0, top.type_fit, margin, lexical, 0, 0)
    best = picked[0]
    chunk_terms = analysed(snap).chunk_terms(best.chunk_id)  # title + chunk, analysed once
    title = snap.docs[top.doc_id].title
    window = sentence_window(snap, top)
    defined = analysed(snap).abbreviations(top.doc_id)  # "GL" of "general licenses ("GL")"
    window_terms = set(with_abbreviations(window, term_set(title + "\n" + window), defined))
    if plan.initials:  # "VOA" typed, "the Voice of America" spelt out
        window_terms |= name_initials(window)
        chunk_terms = chunk_terms | name_initials(snap.chunk_text(best.chunk_id))
    doc_terms = analysed(snap).doc_terms(top.doc_id)  # title + text, analysed once
    if top.said:  # the asked speaker's own words: "what did Maas say" (compose/speech.py)
        # hold the question's "say" and "according to" wherever they are read
        window_terms |= plan.in_own_words
        chunk_terms = chunk_terms | plan.in_own_words
        doc_terms = doc_terms | plan.in_own_words
    if plan.forms:  # "uzbek" where the text says "Uzbekistan" (query/demonyms.py)
        chunk_terms, doc_terms = plan.with_forms(chunk_terms), plan.with_forms(doc_terms)
        window_terms = set(plan.with_forms(window_terms))
    words = list(weights) + unknown
    return Features(
        best_cos=top.cos,
        chunk_cos=best.dense,
        coverage=share(plan, weights, chunk_terms) / total,
        unknown=unknown_w * len(unknown) / total,
        type_fit=top.type_fit,
        dense_margin=margin,
        bm25_margin=lexical,
        window_share=sum(plan.found_in(t, window_terms) for t in words) / len(words),
        doc_cover=share(plan, weights, doc_terms) / total,
        joint_share=joint_share(snap, plan, words, sentences),
    )


def share(plan: QueryPlan, weights: dict[str, float], terms: set[str] | frozenset[str]) -> float:
    """The weight of the question terms found in `terms`, or a paraphrase of them ("met" for
    "meeting", the Department of Defense for "the Pentagon"; `QueryPlan.found_in`)."""
    return sum(w for t, w in weights.items() if plan.found_in(t, terms))


def joint_share(
    snap: Snapshot, plan: QueryPlan, words: list[str], sentences: list[Sentence]
) -> float:
    """The largest share of the question's `words` that one sentence holds together, with its
    document's title (a document names its subject there once for all its sentences). A
    question the documents answer finds a sentence that says most of it; an off-topic one
    that a large index still matches finds its rare words in different sentences ("Amazon" in
    one, "basin" in another). Only the JOINT_SENTENCES sentences with the most question words
    (idf-weighted, `Sentence.lexical`) are read: one of them holds the most."""
    if not words:
        return 0.0
    best = 0
    tables = analysed(snap)
    for sent in heapq.nlargest(JOINT_SENTENCES, sentences, key=lambda s: s.lexical):
        own = with_abbreviations(sent.text, term_set(sent.text), tables.abbreviations(sent.doc_id))
        if plan.initials:
            own |= name_initials(sent.text)
        terms = plan.with_forms(own | tables.title_terms(sent.doc_id))
        if sent.said:
            terms |= plan.in_own_words
        best = max(best, sum(plan.found_in(t, terms) for t in words))
    return best / len(words)


def standing(scores: list[float]) -> float:
    """How far the best score (dense cosine, BM25) stands out from the question's other
    candidates: its margin over the mean of ranks 6-30. Any question finds a chunk that looks
    related in a large index; a question the index answers finds one that is clearly closer
    than the rest. A small index, one that gives fewer than 30 candidates, compares with all
    the others: its ranks 6-30 would be the few chunks sharing no word with the question, and
    any best chunk would stand out from those. A lone candidate (a one-chunk corpus) stands
    out from nothing: its margin is its score."""
    if len(scores) < 2:
        return float(scores[0]) if scores else 0.0
    ranked = sorted(scores, reverse=True)
    lo, hi = MARGIN_RANKS
    rest = ranked[lo:hi] if len(ranked) >= hi else ranked[1:]
    return float(ranked[0] - sum(rest) / len(rest))


def sentence_window(snap: Snapshot, sent: Sentence) -> str:
    """The sentence with its neighbours in its chunk: where an answer's words would be."""
    spans = snap.chunks[sent.chunk_id].sentences
    for i, (s, _) in enumerate(spans):
        if s == sent.start:
            lo, hi = max(0, i - 1), min(len(spans), i + 2)
            return snap.text(sent.doc_id)[spans[lo][0] : spans[hi - 1][1]]
    return sent.text


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


def elapsed_ms(t0: float) -> float:
    """Milliseconds since `t0` (a `time.perf_counter()` reading): a reply's latency."""
    return (time.perf_counter() - t0) * 1000


def refusal(query: str, t0: float, suggested: list[str] | None = None) -> Reply:
    """The documents don't answer `query`; `t0` is when answering started."""
    return Reply(
        kind=ReplyKind.REFUSAL,
        query=query,
        text=NOT_FOUND,
        citations=[],
        highlights=[],
        latency_ms=elapsed_ms(t0),
        suggestions=suggested or [],
    )
