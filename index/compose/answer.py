"""Extractive answers with exact citations, and honest refusals.

The sentences of the retrieved chunks are scored against the question with their precomputed
sentence vectors (nothing is embedded at question time but the question), the question words
they contain, whether they hold the kind of thing asked for (a person for "who", a date for
"when") and how well their chunk was retrieved. The best one to three sentences become the
answer, each followed by its [n] marker; when several documents answer, each gets its own line
with its date, newest first. A small calibrated model decides whether the corpus answers at all.
"""

from __future__ import annotations

import math
import re
import time
from dataclasses import dataclass, replace

import numpy as np

from index.text.dates import format_date, parse_iso
from index.embed.sbert import Embedder
from index.text.tokens import analyze, stem, words
from index.text.places import gazetteer
from index.text.entities import ANSWER_KINDS, OTHER, Entity, answer_head, find_entities, question_type
from index.query.retrieve import (
    DEFAULT_FUSION,
    Candidate,
    QueryPlan,
    diversify,
    plan_query,
    retrieve,
    snap_info,
)
from index.storage.snapshot import Snapshot
from index.types import Answer, Citation, Span

# For questions of no particular type, the entities worth emphasising.
_UNTYPED = {"person": 1.0, "place": 1.0, "date": 1.0, "number": 1.0}
NOT_FOUND = "I couldn't find that in the documents."
MAX_CHARS = 700
MAX_SENTENCES = 3
READ_CHUNKS = 8  # retrieved chunks whose sentences are read
TYPED_SENTENCES = 8  # best sentences that get the (slower) entity scan; more changes nothing

# Sentence score weights: W_COS..W_RETRIEVAL by grid search on the 242 answerable SQuAD 2.0 dev
# sample questions (share whose top sentence holds the answer), W_NAMES on tests/questions/
# (it costs ~1 point on SQuAD, whose paragraphs share one topic, and keeps "Who did X meet in
# Seoul?" on sentences about Seoul when documents cover several cities).
W_COS, W_LEX, W_TYPE, W_RETRIEVAL, W_NAMES = 1.0, 1.0, 0.35, 0.4, 0.4
NAME_BOOST = 2.0  # weight of name terms in the question (see _term_weights)
TITLE_SHARE = 0.5  # a question term found only in the sentence's document title counts this much
EXTRA_RATIO = 0.7  # a further sentence must score this share of the best one
OTHER_DOC_RATIO = 0.85  # another document's best sentence joins the answer above this share

# Refusal model: logistic regression on answerability features (order as in `Features.vector`),
# fitted by bench/calibrate_refusal.py on SQuAD 2.0 questions and our dev questions; XQuAD,
# which `docbot eval` reports on, is held out.
_LINK = re.compile(r"https?://\S+|www\.\S+")
_WORD = re.compile(r"[^\W\d_]{2,}")

REFUSAL_WEIGHTS = (4.664, 4.91, 5.872, -0.805, 0.342)
REFUSAL_BIAS = -7.391
REFUSAL_THRESHOLD = 0.5
SUGGEST_MIN_PROBABILITY = 0.15  # refused, but close enough to point at documents
SUGGEST_MIN_COS = 0.35


@dataclass(frozen=True)
class Sentence:
    """A candidate answer sentence and the evidence for it."""

    chunk_id: int
    doc_id: str
    group: str  # duplicate group of the document
    start: int  # document offsets
    end: int
    text: str
    cos: float
    lexical: float
    retrieval: float
    names: float = 0.0  # share of the question's places in the sentence (or its title, half)
    type_fit: float = 0.0
    score: float = 0.0
    entities: tuple[Entity, ...] = ()


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


@dataclass(frozen=True)
class Analysis:
    """Everything answer_question works out before writing the answer."""

    plan: QueryPlan
    qtype: str
    candidates: list[Candidate]
    sentences: list[Sentence]  # best first
    features: Features
    probability: float  # that the corpus answers the question


def answer_question(snap: Snapshot, embedder: Embedder, question: str) -> Answer:
    """Answer `question` from the documents with cited sentences, or refuse.

    Args:
        snap: the index snapshot to answer from.
        embedder: embeds the question.
        question: the user's question, as typed.

    Returns:
        An Answer: `found=False` with a plain refusal, no citations and possibly a few
        "you might look at" titles when the documents don't answer; otherwise up to three
        sentences (<= 700 characters) with [n] markers, the citations they point to, and the
        spans of the answering words.
    """
    t0 = time.perf_counter()
    question = question.strip()
    if not question or not snap.chunks:
        return _refusal(question, [], t0)
    an = analyse(snap, embedder, question)
    if not an.sentences or an.probability < REFUSAL_THRESHOLD:
        return _refusal(question, _suggestions(snap, embedder, an), t0)
    chosen = _choose(an.sentences, an.qtype)
    text, citations, highlights = _compose(snap, chosen, an)
    return Answer(
        question=question,
        answer=text,
        found=True,
        citations=citations,
        highlights=highlights,
        latency_ms=(time.perf_counter() - t0) * 1000,
    )


def analyse(
    snap: Snapshot, embedder: Embedder, question: str, qvec: np.ndarray | None = None
) -> Analysis:
    """Retrieve, score sentences and compute the answerability features of `question`.

    Args:
        snap: the snapshot to answer from.
        embedder: embeds the question (unless `qvec` is given).
        question: the question.
        qvec: its embedding, when already computed (batch evaluation, calibration).

    Returns:
        The plan, the candidates, the scored sentences (best first), the answerability
        features and the calibrated probability that the documents answer.
    """
    plan = plan_query(snap, embedder, question, qvec)
    qtype = question_type(question)
    cands = retrieve(snap, plan)
    picked = diversify(snap, cands, READ_CHUNKS, 0.7)
    sentences = _score_sentences(snap, plan, qtype, picked)
    features = _features(snap, plan, picked, sentences)
    z = REFUSAL_BIAS + sum(w * f for w, f in zip(REFUSAL_WEIGHTS, features.vector, strict=True))
    return Analysis(plan, qtype, cands, sentences, features, 1 / (1 + math.exp(-z)))


def _term_weights(snap: Snapshot, plan: QueryPlan) -> dict[str, float]:
    """idf of each distinct question term, doubled for names.

    Names (capitalised words after the first, places the gazetteer knows, repaired
    misspellings) pin down what the question is about: "Seoul" in "Who did Blinken meet in
    Seoul?" matters more than "meet", whatever their idf in a small corpus.
    """
    names = _name_terms(plan)
    return {
        t: snap.lexical.idf(t) * (NAME_BOOST if t in names else 1.0)
        for t in dict.fromkeys(plan.terms)
    }


def _place_terms(plan: QueryPlan) -> set[str]:
    """Analysed terms of the places a question names ("Seoul", "seul" repaired)."""
    gaz = gazetteer()
    found: set[str] = set()
    for pm in gaz.find_lower(plan.text) + gaz.find(plan.text):
        found.update(analyze(pm.text))
    found |= {t for w, t in plan.corrections.items() if gaz.lookup(w) is not None}
    return {plan.corrections.get(t, t) for t in found}


def _name_terms(plan: QueryPlan) -> set[str]:
    q = plan.text
    found = set(plan.corrections.values())
    for m in re.finditer(r"(?<![.?!]\s)(?<!^)\b[A-Z][\w'’-]+", q.strip()):
        found.update(analyze(m.group(0)))
    gaz = gazetteer()
    for pm in gaz.find_lower(q) + gaz.find(q):
        found.update(analyze(pm.text))
    return {plan.corrections.get(t, t) for t in found}


def _score_sentences(
    snap: Snapshot, plan: QueryPlan, qtype: str, picked: list[Candidate]
) -> list[Sentence]:
    if not picked:
        return []
    weights = _term_weights(snap, plan)
    total = sum(weights.values()) or 1.0
    names = _place_terms(plan) & set(weights)
    top = max(c.score for c in picked)
    bottom = min(c.score for c in picked)
    span = top - bottom if top > bottom else 1.0
    info = snap_info(snap)
    best: dict[tuple[str, int, int], Sentence] = {}
    for cand in picked:
        rec = snap.chunks[cand.chunk_id]
        text = snap.text(rec.doc_id)
        cos = cand.sentence_cos
        if cos is None:
            cos = snap.sentence_vectors(cand.chunk_id) @ plan.qvec
        retr = (cand.score - bottom) / span
        group = info.group[rec.doc_id]
        # A sentence inherits its document's title as context ("the Secretary" of a release
        # titled "Secretary Blinken's Travel ..." is Blinken), at half weight.
        title_terms = set(analyze(snap.docs[rec.doc_id].title))
        for (s, e), c in zip(rec.sentences, cos, strict=True):
            body = text[s:e]
            if body.rstrip().endswith("?") or _is_reference_line(body):
                continue  # a question (an FAQ heading, a reporter's) never answers one
            terms = set(analyze(body))
            lex = (
                sum(
                    w if t in terms else TITLE_SHARE * w
                    for t, w in weights.items()
                    if t in terms or t in title_terms
                )
                / total
            )
            named = (
                sum(1.0 if t in terms else TITLE_SHARE * (t in title_terms) for t in names)
                / len(names)
                if names
                else 0.0
            )
            sent = Sentence(
                cand.chunk_id, rec.doc_id, group, s, e, body, float(c), lex, retr, named
            )
            key = (group, s, e)  # overlapping chunks and duplicate documents share sentences
            if key not in best or best[key].retrieval < retr:
                best[key] = sent
    pre = sorted(best.values(), key=lambda x: -_base(x))
    kinds = ANSWER_KINDS.get(qtype, {})
    given = _given_words(plan)
    out: list[Sentence] = []
    for i, sent in enumerate(pre):
        ents: tuple[Entity, ...] = ()
        fit = 0.0
        if i < TYPED_SENTENCES:
            ref = info.dates.get(sent.doc_id)
            ents = tuple(e for e in find_entities(sent.text, ref) if not _is_given(e, given))
            fit = max((kinds.get(e.kind, 0.0) for e in ents), default=0.0)
        score = _base(sent) + W_TYPE * fit
        out.append(replace(sent, type_fit=fit, score=score, entities=ents))
    out.sort(key=lambda x: -x.score)
    return out


def _base(s: Sentence) -> float:
    """A sentence's score before the answer-type check."""
    return W_COS * s.cos + W_LEX * s.lexical + W_RETRIEVAL * s.retrieval + W_NAMES * s.names


def _given_words(plan: QueryPlan) -> set[str]:
    """Stems of the question's words (as repaired): entities made of them are not answers."""
    return set(plan.terms) | {stem(w) for w in words(plan.text)}


def _is_given(ent: Entity, given: set[str]) -> bool:
    """The question already names this entity: all its words, or for a person any name."""
    terms = [t for t in analyze(ent.text) if len(t) > 2]
    if not terms:
        return False
    if ent.kind == "person":
        return any(t in given for t in terms)
    return all(t in given for t in terms)


def _features(
    snap: Snapshot, plan: QueryPlan, picked: list[Candidate], sentences: list[Sentence]
) -> Features:
    if not picked or not sentences:
        return Features(0.0, 0.0, 0.0, 1.0, 0.0)
    head = answer_head(plan.text)
    weights = {t: w for t, w in _term_weights(snap, plan).items() if t != head}
    unknown_w = snap.lexical.max_idf()
    total = sum(weights.values()) + unknown_w * sum(1 for t in plan.unknown if t != head)
    if total <= 0:
        return Features(sentences[0].cos, picked[0].dense, 0.0, 1.0, sentences[0].type_fit)
    best = picked[0]
    rec = snap.chunks[best.chunk_id]
    chunk_terms = set(analyze(snap.docs[rec.doc_id].title + "\n" + snap.chunk_text(rec.chunk_id)))
    covered = sum(w for t, w in weights.items() if t in chunk_terms) / total
    unknown = unknown_w * sum(1 for t in plan.unknown if t != head) / total
    top = sentences[0]
    return Features(top.cos, best.dense, covered, unknown, top.type_fit)


def _choose(sentences: list[Sentence], qtype: str) -> list[Sentence]:
    """The best sentence, the best ones of other documents that answer as well, then more."""
    best = sentences[0]
    chosen = [best]
    groups = {best.group}
    for s in sentences[1:]:
        if len(chosen) >= MAX_SENTENCES:
            break
        if s.group not in groups and s.score >= OTHER_DOC_RATIO * best.score:
            if qtype != OTHER and s.type_fit < best.type_fit:
                continue
            chosen.append(s)
            groups.add(s.group)
    for s in sentences[1:]:
        if len(chosen) >= MAX_SENTENCES:
            break
        if s in chosen or s.score < EXTRA_RATIO * best.score or s.group not in groups:
            continue
        if qtype != OTHER and best.type_fit >= 1.0 and s.type_fit < 1.0:
            continue  # a "who" answer names people: no filler sentence without one
        chosen.append(s)
    return _fit_length(chosen)


def _fit_length(chosen: list[Sentence]) -> list[Sentence]:
    """Drop the weakest sentences until the answer fits; clip a single overlong sentence."""
    while len(chosen) > 1 and sum(len(s.text) + 24 for s in chosen) > MAX_CHARS:
        chosen = chosen[:-1]
    return chosen


def _doc_order(snap: Snapshot, chosen: list[Sentence]) -> list[list[Sentence]]:
    """Sentences grouped by document: newest document first, undated last; document order."""
    by_doc: dict[str, list[Sentence]] = {}
    for s in chosen:
        by_doc.setdefault(s.doc_id, []).append(s)
    info = snap_info(snap)

    def key(doc_id: str) -> tuple[int, int]:
        d = info.dates.get(doc_id)
        return (0, -d.toordinal()) if d else (1, 0)

    return [sorted(by_doc[d], key=lambda s: s.start) for d in sorted(by_doc, key=key)]


def _compose(
    snap: Snapshot, chosen: list[Sentence], an: Analysis
) -> tuple[str, list[Citation], list[Span]]:
    parts: list[str] = []
    citations: list[Citation] = []
    highlights: list[Span] = []
    kinds = ANSWER_KINDS.get(an.qtype, {})
    length = 0
    for i, group in enumerate(_doc_order(snap, chosen)):
        if i:
            parts.append("\n")
            length += 1
        doc = snap.docs[group[0].doc_id]
        published = parse_iso(doc.date)
        if published is not None:
            prefix = f"{format_date(published)}: "
            parts.append(prefix)
            length += len(prefix)
        for j, sent in enumerate(group):
            if j:
                parts.append(" ")
                length += 1
            body, offset = _clip(sent)
            n = len(citations) + 1
            for ent in sent.entities:
                fit = kinds.get(ent.kind, 0.0) if kinds else _UNTYPED.get(ent.kind, 0.0)
                if fit >= 0.8 and ent.start >= offset and ent.end <= offset + len(body):
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


def _is_reference_line(body: str) -> bool:
    """A link with a few words ("- G7 Summit: https://..."): a reference, never an answer."""
    if not _LINK.search(body):
        return False
    return len(_WORD.findall(_LINK.sub(" ", body))) < 6


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


def _suggestions(snap: Snapshot, embedder: Embedder, an: Analysis) -> list[str]:
    """Titles (with dates) of the closest documents, when the question is near the corpus.

    A question about a time no document covers gets the documents that match it otherwise:
    "nothing from July 2021, but see the March 2021 and November 2023 trips".
    """
    cands = an.candidates
    if not cands and an.plan.time is not None:
        untimed = QueryPlan(an.plan.text, an.plan.terms, {}, an.plan.unknown, None, an.plan.qvec)
        cands = retrieve(snap, untimed, DEFAULT_FUSION)
        near = bool(cands) and max(c.dense for c in cands[:10]) >= SUGGEST_MIN_COS
    else:
        near = an.probability >= SUGGEST_MIN_PROBABILITY
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


def _refusal(question: str, suggestions: list[str], t0: float) -> Answer:
    return Answer(
        question=question,
        answer=NOT_FOUND,
        found=False,
        citations=[],
        highlights=[],
        latency_ms=(time.perf_counter() - t0) * 1000,
        suggestions=suggestions,
    )
