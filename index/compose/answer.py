"""Extractive answers with exact citations, and honest refusals.

The sentences of the retrieved chunks are scored (compose/sentences.py); the best one to three
become the answer, each followed by its [n] marker; when several documents answer, each gets its
own line with its date, newest first. A small calibrated model (compose/refusal.py) decides
whether the corpus answers at all.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field, replace

import numpy as np

from index.compose.aims import (
    aim_check,
    asks_agenda_of,
    instance_check,
    states_topics,
    with_topics,
)
from index.compose.antecedent import with_antecedent, with_opening
from index.compose.asked_names import asked_names, naming_documents, unknown_name
from index.compose.asked_place import (
    AskedPlaces,
    about_asked_place,
    asked_places,
    with_place_chunks,
)
from index.compose.besides import set_aside
from index.compose.continuation import complete, goes_elsewhere
from index.compose.lacks import lacks_asked
from index.compose.layout import MAX_CHARS, SENTENCE_MARKS, answer_length, layout
from index.compose.lead import following, lead_first, near_first
from index.compose.next_chunks import with_instance_chunks, with_next_chunks
from index.compose.refusal import (
    REFUSAL_THRESHOLD,
    Features,
    elapsed_ms,
    features,
    probability,
    refusal,
    suggestions,
)
from index.compose.same_subject import SameSubject, about_the_same
from index.compose.sentences import (
    Sentence,
    answer_type_fit,
    asks_whom_met,
    ranked,
    score_sentences,
)
from index.compose.speech import answered_in_turn, with_speaker_chunks
from index.compose.stops import at_other_stops, dated_at_stop, met_at_stop, next_stop
from index.compose.trip_check import no_trip_there
from index.compose.venue import venue_lines
from index.embed.base import Embedder
from index.query.plan import QueryPlan, plan_query
from index.query.retrieve import Candidate, diversify, retrieve
from index.query.when import in_each_year
from index.storage.snapshot import Snapshot
from index.text.entities import DATE, OTHER
from index.types import Reply, ReplyKind

MAX_SENTENCES = 3
READ_CHUNKS = 8  # retrieved chunks whose sentences are read
EXTRA_RATIO = 0.6  # a further sentence must score this share of the best one
NEXT_RATIO = 0.5  # the sentence right after the best one joins at this share of its score
OTHER_DOC_RATIO = 0.8  # another document's best sentence joins the answer above this share
# ... or above this one when it sets up the answer its next sentence gives ("Sullivan visited
# New Delhi, June 13-14. He met with Prime Minister Modi ...": another trip to the same place)
OTHER_SET_UP_RATIO = 0.75
NEAR_RATIO = 0.9  # a sentence scoring this share of the best one is the last to give way


@dataclass(frozen=True)
class Analysis:
    """Everything answer_question works out before writing the answer."""

    plan: QueryPlan
    candidates: list[Candidate]
    sentences: list[Sentence]  # best first
    features: Features
    probability: float  # that the corpus answers the question
    picked: list[Candidate] = field(default_factory=list)  # the chunks read
    places: AskedPlaces = AskedPlaces()  # the places the question asks about


def answer_question(
    snap: Snapshot,
    embedder: Embedder,
    question: str,
    *,
    docs: frozenset[str] | None = None,
    exclude: frozenset[tuple[str, int, int]] = frozenset(),
) -> Reply:
    """Answer `question` from the documents with cited sentences, or refuse.

    Args:
        snap: the index snapshot to answer from.
        embedder: embeds the question.
        question: the user's question, as typed.
        docs: answer only from these documents ("Who else?" after an answer).
        exclude: (doc_id, start, end) spans already shown: never offered again.

    Returns:
        A Reply: a refusal with a plain message, no citations and possibly a few
        "you might look at" titles when the documents don't answer; otherwise up to three
        sentences (<= 700 characters) with [n] markers, the citations they point to, and the
        spans of the answering words.
    """
    t0 = time.perf_counter()
    question = question.strip()
    if not question or not snap.chunks:
        return refusal(question, t0)
    an = analyse(snap, embedder, question, docs=docs)
    if exclude:
        kept = [s for s in an.sentences if not overlaps_shown(s.doc_id, s.start, s.end, exclude)]
        an = replace(an, sentences=kept)
    if an.places.names:
        an = _about_asked_place(snap, an)
    an = _naming_asked(snap, an)
    # A reporter's question in a transcript leads to its answer, the next speaker's turn.
    an = replace(an, sentences=answered_in_turn(snap, an.sentences))
    if not an.sentences or an.probability < REFUSAL_THRESHOLD:
        near = suggestions(snap, an.plan, an.candidates, an.probability)
        return refusal(question, t0, near)
    # "Where did Blinken visit the Sembremos Seguridad program?": its transcript's dateline.
    chosen = venue_lines(snap, an.plan, an.sentences)
    if not chosen:
        chosen, check = _choose(snap, an, about_the_same(snap, an.plan)), aim_check(an.plan.text)
        if check is states_topics:  # "What did X and Y discuss?": all of the readout's topics
            chosen = with_topics(chosen, an.sentences, check)
        chosen = _fit_length(with_antecedent(snap, an.plan, chosen))
        chosen = with_opening(snap, an.plan, chosen, MAX_CHARS)
        chosen = complete(snap, chosen, an.plan, _fit_length, MAX_CHARS)
    if lacks_asked(snap, an.plan, chosen) or no_trip_there(snap, an.plan, chosen):
        # "How much aid ...?" with no amount given; "is Biden stopping in Buenos Aires?" and
        # no document has him go there
        return refusal(question, t0, suggestions(snap, an.plan, an.candidates, an.probability))
    text, citations, highlights = layout(snap, chosen, an.plan)
    return Reply(
        kind=ReplyKind.ANSWER,
        query=question,
        text=text,
        citations=citations,
        highlights=highlights,
        latency_ms=elapsed_ms(t0),
    )


def analyse(
    snap: Snapshot,
    embedder: Embedder,
    question: str,
    qvec: np.ndarray | None = None,
    docs: frozenset[str] | None = None,
) -> Analysis:
    """Retrieve, score sentences and compute the answerability features of `question`.

    Args:
        snap: the snapshot to answer from.
        embedder: embeds the question (unless `qvec` is given).
        question: the question.
        qvec: its embedding, when already computed (batch evaluation, calibration).
        docs: only these documents.

    Returns:
        The plan, the candidates, the scored sentences (best first), the answerability
        features and the calibrated probability that the documents answer.
    """
    an = _analysed(snap, plan_query(snap, embedder, question, qvec), docs)
    for dated in in_each_year(snap, an.plan):  # "on may 6", asked of two Mays: in each year
        other = _analysed(snap, plan_query(snap, embedder, dated, an.plan.qvec), docs)
        if other.probability > an.probability:
            an = other
    return an


def _analysed(snap: Snapshot, plan: QueryPlan, docs: frozenset[str] | None) -> Analysis:
    """`analyse` of one reading of the question."""
    if docs is not None:
        plan = replace(plan, docs=docs)
    cands = retrieve(snap, plan)
    picked = diversify(snap, cands, READ_CHUNKS, 0.7)
    places = asked_places(plan) if plan.places or plan.regions else AskedPlaces()
    if places.names:
        picked = with_place_chunks(snap, places, cands, picked)
    if plan.order is not None and plan.order.way == "after":
        picked = with_next_chunks(snap, plan.order.anchor, picked)
    if plan.speaker:
        picked = with_speaker_chunks(snap, plan.speaker, cands, picked)
    if (names := instance_check(plan.text)) is not None:  # "what unit are they in?"
        picked = with_instance_chunks(snap, names, cands, picked)
    sentences = score_sentences(snap, plan, picked)
    feats = features(snap, plan, cands, picked, sentences)
    return Analysis(plan, cands, sentences, feats, probability(feats), picked, places)


def _about_asked_place(snap: Snapshot, an: Analysis) -> Analysis:
    """ "What did X discuss in Uganda?" is answered from documents about Uganda only
    (compose/asked_place.py)."""
    read: dict[str, list[str]] = {}
    for s in an.sentences:
        read.setdefault(s.doc_id, []).append(s.text)
    docs = about_asked_place(snap, an.places, read)
    about = [s for s in an.sentences if s.doc_id in docs]
    # "Where will Chollet go after Tbilisi?" names a stop to ask for the next one.
    elsewhere = at_other_stops(snap, an.places, about) if an.plan.order is None else set()
    return _only_kept(snap, an, [s for s in about if (s.doc_id, s.start) not in elsewhere])


def _naming_asked(snap: Snapshot, an: Analysis) -> Analysis:
    """ "Who did Witkowsky meet in Nairobi?" is answered from documents naming Witkowsky only
    (compose/asked_names.py)."""
    if unknown_name(an.plan) is not None:  # "Is Blinken meeting Netanyahu?", and no document
        return replace(an, sentences=[])  # ever names Netanyahu
    names = asked_names(snap, an.plan)
    if not names:
        return an
    read = {s.doc_id for s in an.sentences}
    return _only_from(snap, an, naming_documents(snap, an.plan, names, read))


def _only_from(snap: Snapshot, an: Analysis, docs: set[str]) -> Analysis:
    """`an` with only the sentences of `docs` (see `_only_kept`)."""
    return _only_kept(snap, an, [s for s in an.sentences if s.doc_id in docs])


def _only_kept(snap: Snapshot, an: Analysis, kept: list[Sentence]) -> Analysis:
    """`an` with only the sentences `kept`; when that leaves out the best sentence, whether
    the documents answer is judged again on what is left."""
    if len(kept) == len(an.sentences):
        return an
    # Ranked again: sentences that were too low to be scanned for entities move up.
    asked = ranked(snap, an.plan, kept) if kept else kept
    if not kept or kept[0] is an.sentences[0]:
        return replace(an, sentences=asked)
    docs = {s.doc_id for s in kept}
    picked = [c for c in an.picked if c.doc_id in docs]
    feats = features(snap, an.plan, an.candidates, picked or an.picked, asked)
    return replace(an, sentences=asked, features=feats, probability=probability(feats))


def overlaps_shown(
    doc_id: str, start: int, end: int, spans: frozenset[tuple[str, int, int]]
) -> bool:
    """Whether the text [start, end) of `doc_id` overlaps a span already shown in the chat."""
    return any(d == doc_id and s < end and start < e for d, s, e in spans)


def _choose(
    snap: Snapshot, an: Analysis, same_subject: SameSubject = lambda best, other: True
) -> list[Sentence]:
    """The best sentence, the best ones of other documents that answer as well (or whose next
    sentence does), the sentence right after the best one, then more.

    The sentence that shares the question's words is often the one that sets up the answer,
    and the answer comes next ("The plugs-out test ... was plagued with problems. First the
    crew noticed a strange odor ..."), so the next sentence joins when it scores at least
    NEXT_RATIO of the best one (whatever its opening words, unlike a continuation).
    """
    sentences, qtype = lead_first(an.plan, an.sentences), an.plan.qtype
    # "Who did he meet in Tokyo?"; "who else did he meet besides ...?" leads with what follows
    if asks_whom_met(an.plan) and not sentences[0].met and not set_aside(an.plan):
        sentences = met_at_stop(snap, an.plan, an.places, sentences)
    elif an.plan.order is not None and not sentences[0].order:  # "Where after Prague?"
        sentences = next_stop(snap, an.plan, sentences)
    elif qtype == DATE and an.places.names:  # "What day is Donfried in Serbia?"
        sentences = dated_at_stop(snap, an.plan, an.places, sentences)
    best = sentences[0]
    chosen = [best]
    groups = {best.group}
    # Whether what was asked has a type (an entity of a kind, or the agenda of "What will
    # Biden and Starmer discuss?"): another document, or a further sentence, then joins only
    # holding it as well.
    typed = (
        qtype != OTHER
        or asks_agenda_of(aim_check(an.plan.text))
        or instance_check(an.plan.text) is not None  # "What agreement will they sign?"
    )
    # A sentence of the best one's document that answers nearly as well comes before other
    # documents ("... arrived in Saudi Arabia today" and "The Special Envoy will address ...");
    # when the best one lacks what was asked, the one holding it most ("Senior delegations
    # met ... . Atul Keshap led the U.S. delegation, ..."), which may score down to
    # OTHER_SET_UP_RATIO of the best when it holds it fully.
    twins = [
        s
        for s in sentences[1:]
        if s.group == best.group
        and s.score >= NEAR_RATIO * best.score
        and not _filler(s, best, typed)
    ]
    lacking = typed and best.type_fit < 1.0
    if lacking:  # one holding what was asked joins from further down ("Today, the White House
        # released the plan" and "Deputy Secretary McKeon has led its implementation")
        twins += [
            s
            for s in sentences[1:]
            if s.group == best.group
            and s.type_fit >= 1.0
            and NEAR_RATIO * best.score > s.score >= OTHER_SET_UP_RATIO * best.score
        ]
    twin = (max(twins, key=lambda s: s.type_fit) if lacking else twins[0]) if twins else None
    if twin is not None:
        chosen.append(twin)
    for s in sentences[1:]:
        if len(chosen) >= MAX_SENTENCES:
            break
        if s.group in groups or s.score < OTHER_SET_UP_RATIO * best.score:
            continue
        if not same_subject(best, s):
            continue
        typed_next = typed and s.type_fit < best.type_fit and _typed_next(snap, s, an)
        if s.score < OTHER_DOC_RATIO * best.score and not typed_next:
            continue
        if typed and s.type_fit < best.type_fit and not typed_next:
            continue
        if typed_next and qtype == OTHER:  # an agenda: only continuations of typed answers
            s = following(s, an.sentences) or s  # are added later, so its next one joins now
            if s in chosen:
                continue
        chosen.append(s)
        groups.add(s.group)
    after = following(best, sentences)
    if (
        after is not None
        and after not in chosen
        and len(chosen) < MAX_SENTENCES
        and after.score >= NEXT_RATIO * best.score
        and not _filler(after, best, typed)
    ):
        chosen.append(after)
    for s in sentences[1:]:
        if len(chosen) >= MAX_SENTENCES:
            break
        if s in chosen or s.score < EXTRA_RATIO * best.score or s.group not in groups:
            continue
        # "During his time in Israel, ..." says nothing of what was asked about Jordan.
        if not _filler(s, best, typed) and not goes_elsewhere(s.text, an.plan):
            chosen.append(s)
    # When the answer is too long, a sentence scoring nearly as well as the best one stays
    # before the rest, whichever rule took it; another document's goes before the best one's
    # own that score lower (the readout of the visit before the announcement's next sentence).
    # (and so does the twin holding what the best one lacks, however much lower it scores).
    held = twin if lacking and twin is not None and twin.type_fit >= 1.0 else None
    near = near_first(
        best, [s for s in chosen[1:] if s.score >= NEAR_RATIO * best.score or s is held]
    )
    chosen = [best, *near, *(s for s in chosen[1:] if s not in near)]
    return _fit_length(chosen)


def _typed_next(snap: Snapshot, sent: Sentence, an: Analysis) -> bool:
    """The sentence after `sent` holds what was asked for as well as the best sentence does:
    `sent` sets the answer up ("Arriving in Tokyo, the Secretary will ... . Beyond ...,
    Secretary Blinken will engage in bilateral talks with Prime Minister Kishida ..."), and
    the continuation step adds the next one after it."""
    best = an.sentences[0]
    after = following(sent, an.sentences)
    if after is None or best.type_fit <= 0:
        return False
    fit = after.type_fit if after.entities else answer_type_fit(snap, an.plan, after)
    return fit >= best.type_fit


def _filler(sent: Sentence, best: Sentence, typed: bool) -> bool:
    """A "who" answer names people, an agenda answer gives an agenda: a further sentence
    without one is filler."""
    return typed and best.type_fit >= 1.0 and sent.type_fit < 1.0


def _fit_length(chosen: list[Sentence]) -> list[Sentence]:
    """The sentences that fit the answer's length, best first: one that does not fit beside
    those before it is left out, and a shorter one after it may still fit. A single overlong
    sentence is clipped later."""
    kept = chosen[:1]
    used = answer_length(kept)
    for s in chosen[1:]:
        if used + len(s.text) + SENTENCE_MARKS <= MAX_CHARS:
            kept.append(s)
            used += len(s.text) + SENTENCE_MARKS
    return kept
