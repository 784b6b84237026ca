"""Candidate answer sentences: every sentence of the retrieved chunks, scored.

A sentence is scored on its precomputed vector's cosine with the question (nothing is embedded
at question time but the question), the question terms it (or its document's title) contains,
the places the question names, how well its chunk was retrieved, and whether it holds the kind
of thing asked for (a person for "who", a date for "when").
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, replace

from index.compose.aims import aim_check, asks_agenda_of, instance_check
from index.compose.analysed import analysed
from index.compose.asked_place import country_of_asked, outside_asked, place_in_names
from index.compose.continuation import companions_named, never_answers
from index.compose.speech import (
    in_voice,
    is_spoken,
    is_transcript_document,
    opens_with_label,
    quoted_by,
    read_turns,
    statement_voice,
)
from index.query.plan import QueryPlan
from index.query.question import ANSWER_KINDS, asks_several, asks_travelling_with
from index.query.retrieve import Candidate, asked_months
from index.query.sequence import tells_order
from index.storage.snapshot import Snapshot
from index.text.abbreviations import name_initials
from index.text.dates import DateRange, find_dates
from index.text.entities import Entity, EntityKind, is_possessive
from index.text.lexicon.questions import DETERMINERS
from index.text.paraphrase import by_agent
from index.text.patterns import COMPANION, FUTURE, MEETING, TITLED_GROUP, alternation
from index.text.tokens import analyze, term_set

TYPED_SENTENCES = 8  # best sentences that get the (slower) entity scan; more changes nothing

# Sentence score weights: W_COS..W_RETRIEVAL by grid search on the 242 answerable SQuAD 2.0 dev
# sample questions (share whose top sentence holds the answer), W_NAMES on tests/questions/
# (it costs ~1 point on SQuAD, whose paragraphs share one topic, and keeps "Who did X meet in
# Seoul?" on sentences about Seoul when documents cover several cities).
W_COS, W_LEX, W_TYPE, W_RETRIEVAL, W_NAMES = 1.0, 1.0, 0.35, 0.4, 0.4
W_SPOKEN = 0.3  # speech in a transcript answers less surely than a report (compose/speech.py)
# ... but answers "What did Maas say?" best, when it is his (query/quoted.py): his sentences'
# scores are multiplied (not added to, which would let his weaker sentences join the answer).
SAID_FACTOR = 1.2
# "Where will he go after Seoul?": the sentence departing from Seoul (query/sequence.py).
W_ORDER = 0.4
# "What will she do on July 16?": a sentence dating something on the asked day (or week).
W_ON_DAY = 0.3
ONE_OF_SEVERAL_FIT = 0.5  # the fit of a sentence naming one thing where several are asked for
# "When is he going to Georgia?": the announcement ("he will travel") over the readout.
W_TENSE = 0.1
# "What did Blinken and Faki sign?": a sentence saying the asked verb (or one of its family:
# "signed", "signing") over one about the same people and event that does not; "What tool is
# the US using against them?": one naming the asked kind ("the “Khashoggi Ban,” a tool ...").
W_ACTION = W_NOUN = 0.2
W_AGENT = 0.6  # "Who designed it?": a sentence naming who, in the passive ("designed by ...")
DAY_SPAN = 7  # days: a question asking about a span this short asks about a day
TITLE_SHARE = 0.5  # a question term found only in the sentence's document title counts this much
# "Who did X meet?": a person named after a meeting word ("In a meeting with President Bukele")
# answers; one named before it ("X and Deputy Administrator Coleman ... met with officials")
# is more likely the traveller's companion, and fits this much.
MET_BEFORE_FIT = 0.6

_BY = re.compile(r"\s+by\b", re.I)  # "in his meetings by": a companion, not someone met
# "who's going with him to the TTC meeting?": "meeting" after a determiner asks for no one met
_MEETING_NOUN = re.compile(rf"\b(?:{alternation(DETERMINERS)})\s+(?:\S+\s+)?meetings?$", re.I)
_NUMBER = re.compile(r"\d+")


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
    spoken: bool = False  # speech in a transcript (compose/speech.py)
    said: bool = False  # in a transcript turn of the speaker whose words are asked for
    order: bool = False  # tells the stop after / before the one asked (query/sequence.py)
    on_day: bool = False  # dates something on the day the question asks about
    met: bool = False  # "Who did X meet?": names a person after a meeting word (`_names_met`)
    companion: bool = False  # "Who went with X?": names someone travelling with X


def score_sentences(snap: Snapshot, plan: QueryPlan, picked: list[Candidate]) -> list[Sentence]:
    """Every sentence of the picked chunks, scored against the question, best first.

    Args:
        snap: the snapshot the chunks are from.
        plan: the question.
        picked: the retrieved chunks to read.

    Returns:
        One Sentence per distinct sentence (overlapping chunks and duplicate documents share
        them), with its evidence; the best TYPED_SENTENCES also carry their entities.
    """
    if not picked:
        return []
    weights = plan.weights
    total = sum(weights.values()) or 1.0
    names = plan.places & set(weights)
    in_names = place_in_names(plan) if names else None  # "the Paris Peace Agreements"
    forms = plan.forms  # "latvian" is in a sentence that says "Latvia"
    top = max(c.score for c in picked)
    bottom = min(c.score for c in picked)
    span = top - bottom if top > bottom else 1.0
    best: dict[tuple[str, int, int], Sentence] = {}
    asked = plan.time.range if plan.time else None
    day = asked if asked and (asked.end - asked.start).days < DAY_SPAN else None
    months = asked_months(plan.time) if day is not None and plan.time else set[str]()
    tables = analysed(snap)  # each chunk's sentences and terms, analysed once per snapshot
    # "What will Biden and Lula talk about?": a sentence giving an agenda holds the question's
    # verb whatever its own ("the two Presidents will discuss ...").
    agenda = aim_check(plan.text)
    if not asks_agenda_of(agenda):
        agenda = None
    frame = plan.head if agenda is not None and plan.head in weights else None
    for cand in picked:
        rec = snap.chunks[cand.chunk_id]
        cos = cand.sentence_cos
        if cos is None:
            cos = snap.sentence_vectors(cand.chunk_id) @ plan.qvec
        retr = (cand.score - bottom) / span
        group = snap.group(rec.doc_id)
        # A sentence inherits its document's title as context ("the Secretary" of a release
        # titled "Secretary Blinken's Travel ..." is Blinken), at half weight.
        title_terms = tables.title_terms(rec.doc_id)
        if forms:
            title_terms = plan.with_forms(title_terms)
        if plan.place_names:
            title_terms |= {t for t in plan.place_names if plan.found_in(t, title_terms)}
        transcript = is_transcript_document(snap, rec.doc_id)
        turns = read_turns(snap, rec.doc_id, plan) if transcript else None  # compose/speech.py
        voice = statement_voice(snap, rec.doc_id)  # who says a statement's "we"
        # The two sentences before, for "He will then travel to ...", from the chunk before
        # when the sentence opens its chunk.
        previous = _sentences_before(snap, rec.doc_id, rec.start) if plan.order else []
        heading = _folded(snap.docs[rec.doc_id].title)
        for (s, e, body, terms), c in zip(
            tables.sentences(cand.chunk_id, never_answers), cos, strict=True
        ):
            before = " ".join(previous[-2:])
            previous.append(body)
            if terms is None:
                continue  # a question, a dateline or a lead-in line never answers
            if _folded(body) == heading:
                continue  # the title again, as the body's heading: it is what the text tells
            speaking, own = turns(s) if turns is not None else (frozenset[str](), False)
            if turns is None and plan.speaker:  # "... ,” said the Minister, in a release
                own = quoted_by(body, plan.speaker)
            if own is None:
                continue  # another speaker's words, where the asked speaker's are read
            terms = terms | speaking | (name_initials(body) if plan.initials else frozenset())
            if in_names is not None and names & terms and in_names.search(body):
                terms = terms - (names - term_set(in_names.sub(" ", body)))
            if voice and in_voice(body):  # "we" of a statement: its authors (compose/speech.py)
                terms = terms | voice
            if forms:
                terms = plan.with_forms(terms)
            if plan.place_names:  # "the Gulf" in a sentence saying "Qatar", "UAE" in one
                # saying "the United Arab Emirates"
                terms = terms | {t for t in plan.place_names if plan.found_in(t, terms)}
            if frame is not None and agenda is not None and frame not in terms and agenda(body):
                terms = terms | {frame}
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
                cand.chunk_id,
                rec.doc_id,
                group,
                s,
                e,
                body,
                float(c),
                lex,
                retr,
                named,
                # Speech, unless it is the asked speaker's: but their label's line stays
                # speech, as the name it holds makes it look more like the question.
                spoken=transcript and (opens_with_label(body) or not own and is_spoken(body)),
                said=own,
                order=plan.order is not None and tells_order(body, plan.order, before),
                on_day=day is not None and _dates_day(body, day, months, snap, rec.doc_id),
            )
            key = (group, s, e)  # overlapping chunks and duplicate documents share sentences
            if key not in best or best[key].retrieval < retr:
                best[key] = sent
    return ranked(snap, plan, list(best.values()))


def ranked(snap: Snapshot, plan: QueryPlan, sentences: list[Sentence]) -> list[Sentence]:
    """`sentences` ranked: the best TYPED_SENTENCES by their score before the answer-type
    check are scanned for entities, and each scores W_TYPE times its answer-type fit more
    (the others fit only by giving the agenda asked for).
    Sentences ranked before are ranked afresh (a filter that dropped the best ones leaves
    others to scan)."""
    pre = sorted(sentences, key=lambda x: -base_score(x))
    asked, future = AskedFor.of(plan), FUTURE.search(plan.text) is not None
    out: list[Sentence] = []
    for i, sent in enumerate(pre):
        if i < TYPED_SENTENCES:
            sent = scanned(snap, plan, sent, asked)
        else:  # not scanned; whether it gives an agenda is a quick check
            agenda = asked.aim if asks_agenda_of(asked.aim) else None
            fit = 1.0 if agenda is not None and agenda(sent.text) else 0.0
            sent = replace(sent, type_fit=fit, entities=(), met=False, companion=False)
        fit = sent.type_fit
        rank_fit = _met_fit(sent.met, fit) if asked.meeting else fit
        tense = W_TENSE if future and FUTURE.search(sent.text) else 0.0
        score = base_score(sent) + W_TYPE * rank_fit + tense
        if plan.action is not None or plan.noun is not None:  # its terms, read once for both
            terms = term_set(sent.text)
            score += W_ACTION * (plan.action is not None and plan.found_in(plan.action, terms))
            score += W_NOUN * (plan.noun is not None and plan.found_in(plan.noun, terms))
        score += W_AGENT * (plan.agent is not None and by_agent(sent.text, plan.agent))
        out.append(replace(sent, score=score * SAID_FACTOR if sent.said else score))
    out.sort(key=lambda x: -x.score)
    return out


@dataclass(frozen=True)
class AskedFor:
    """What a question asks a sentence to hold, read once for all the sentences scanned."""

    kinds: dict[EntityKind, float]  # how much each kind of entity answers it
    aim: Callable[[str], bool] | None  # "why ...", "what will they discuss": what is stated
    elsewhere: Callable[[Entity], bool] | None  # a place that is no answer (`outside_asked`)
    meeting: bool  # "Who did X meet?"
    companions: bool  # "Who went with X?"
    several: bool = False  # "Which cities ...?": a plural asked for (`asks_several`)

    @classmethod
    def of(cls, plan: QueryPlan) -> AskedFor:
        return cls(
            ANSWER_KINDS.get(plan.qtype, {}),
            aim_check(plan.text) or instance_check(plan.text),
            outside_asked(plan),
            asks_whom_met(plan),
            asks_travelling_with(plan.text),
            asks_several(plan.text),
        )


def scanned(
    snap: Snapshot, plan: QueryPlan, sent: Sentence, asked: AskedFor | None = None
) -> Sentence:
    """`sent` with its entities, its answer-type fit and, for "Who did X meet?", whether it
    names a person after a meeting word; `asked` is what `plan` asks for, when already read."""
    asked = AskedFor.of(plan) if asked is None else asked
    ents, fit = _typed(snap, sent, plan, asked)
    met = asked.meeting and _names_met(sent.text, ents)
    if asked.meeting and not met and TITLED_GROUP.search(sent.text):
        met, fit = True, 1.0  # "they met with the Governors of Hadhramaut, Mahra, and Shabwa"
    companion = asked.companions and bool(companions_named(sent.text, ents, plan))
    return replace(sent, type_fit=fit, entities=ents, met=met, companion=companion)


def _dates_day(body: str, day: DateRange, months: set[str], snap: Snapshot, doc_id: str) -> bool:
    """Whether `body` dates something on `day` (`months`: the asked months' names; a sentence
    naming none of them is not parsed)."""
    if not any(name in body for name in months):
        return False
    found = find_dates(body, snap.published(doc_id))
    return any(m.exact_day and m.range.overlaps(day) for m in found)


def _folded(text: str) -> str:
    return " ".join(text.split()).casefold()


def _sentences_before(snap: Snapshot, doc_id: str, offset: int) -> list[str]:
    """The last two sentences of `doc_id` that end by `offset` (the start of a chunk), from the
    chunk before it."""
    before = snap.chunk_at(doc_id, offset - 1) if offset > 0 else None
    if before is None:
        return []
    sentences = analysed(snap).sentences(before, never_answers)
    return [t for _, e, t, _ in sentences if e <= offset][-2:]


def answer_type_fit(snap: Snapshot, plan: QueryPlan, sent: Sentence) -> float:
    """How well `sent` holds the kind of thing asked for (for one `score_sentences` did not
    scan: only its best TYPED_SENTENCES are)."""
    return scanned(snap, plan, sent).type_fit


def asks_whom_met(plan: QueryPlan) -> bool:
    """A "who" question about a meeting: "Who did X meet in Y?", "Who is X seeing?"."""
    return plan.qtype == EntityKind.PERSON and any(
        not _MEETING_NOUN.search(plan.text, 0, m.end()) for m in MEETING.finditer(plan.text)
    )


def _typed(
    snap: Snapshot, sent: Sentence, plan: QueryPlan, asked: AskedFor
) -> tuple[tuple[Entity, ...], float]:
    """The sentence's entities the question does not already name, and its answer-type fit.
    The country of a place the question names is named too: "Germany" does not answer "Where
    will he go after Berlin?". An entity `asked.elsewhere` holds does not fit. Where several
    are asked for ("which cities"), a sentence naming one thing that fits fits by
    ONE_OF_SEVERAL_FIT."""
    ref = snap.published(sent.doc_id)
    found = analysed(snap).entities(sent.text, ref)
    ents = tuple(
        e
        for e in found
        if not _is_given(e, plan.given, plan.places) and not country_of_asked(e, plan.countries)
    )
    elsewhere = asked.elsewhere
    fits = [e for e in ents if elsewhere is None or not elsewhere(e)]
    fit = max((asked.kinds.get(e.kind, 0.0) for e in fits), default=0.0)
    if asked.aim is not None:  # a purpose or agenda question: whether the sentence gives one
        return ents, 1.0 if asked.aim(sent.text) else 0.0
    if asked.several and fit > 0:
        answering = {e.text for e in fits if asked.kinds.get(e.kind, 0.0) >= fit}
        fit *= 1.0 if len(answering) > 1 else ONE_OF_SEVERAL_FIT
    return ents, fit


def _met_fit(met: bool, fit: float) -> float:
    """The answer-type fit of a sentence for "Who did X meet?" (see MET_BEFORE_FIT), `met`
    telling whether it names someone met (`_names_met`, read once in `scanned`); only its rank
    uses it, the refusal model reads the plain fit."""
    return fit if met else min(fit, MET_BEFORE_FIT)


def _names_met(text: str, ents: tuple[Entity, ...]) -> bool:
    """Whether `text` names someone met: a person whose nearest cue before it is a meeting
    word ("In a meeting with President Bukele"), not a companion word ("joined by", "was
    joined in his meetings by Ambassador Nides": a meeting word followed by "by" is part of
    the companion phrase). A name written as a possessive is not met ("They also discussed
    King Mohammed VI’s reform agenda")."""
    cues = [(m.start(), True) for m in MEETING.finditer(text) if not _BY.match(text, m.end())]
    cues += [(m.start(), False) for m in COMPANION.finditer(text)]
    if not any(met for _, met in cues):
        return False
    cues.sort()
    for e in ents:
        if e.kind != EntityKind.PERSON or is_possessive(text, e):
            continue
        before = [met for at, met in cues if at < e.start]
        if before and before[-1]:
            return True
    return False


def base_score(s: Sentence) -> float:
    """A sentence's score before the answer-type check."""
    return (
        W_COS * s.cos
        + W_LEX * s.lexical
        + W_RETRIEVAL * s.retrieval
        + W_NAMES * s.names
        - W_SPOKEN * s.spoken
        + W_ORDER * s.order
        + W_ON_DAY * s.on_day
    )


def _is_given(ent: Entity, given: frozenset[str], places: frozenset[str] = frozenset()) -> bool:
    """The question already names this entity: all its words (and a date's numbers: "July 3"
    answers "When was the summit welcomed in July 2022?"), or for a person any name but a
    place the question names ("President of Ecuador Daniel Noboa" is not given by "Ecuador")."""
    terms = [t for t in analyze(ent.text) if len(t) > 2]
    if ent.kind == EntityKind.DATE:
        terms += _NUMBER.findall(ent.text)
    if not terms:
        return False
    if ent.kind == "person":
        return any(t in given and t not in places for t in terms)
    return all(t in given for t in terms)
