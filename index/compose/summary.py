"""Trip and document summaries, every line cited.

`summarize` finds the document a topic refers to ("the November 2023 trip", "Blinken's trip to
Panama"). A trip announcement becomes a headline with the date range, the stops in order with
their dates and whom the traveller meets there, and a few key points; any other document an
extractive summary. Places come from the GeoNames gazetteer (index/text/places.py), people
and dates from index/text/entities.py and index/text/dates.py.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable

import numpy as np

from index.compose.itinerary import (
    DocSentence,
    Stop,
    asked_travellers,
    doc_sentences,
    itinerary,
    main_travellers,
    other_traveller,
    travellers,
    trip_range,
)
from index.compose.lines import Line, render
from index.compose.people_met import people_met
from index.compose.quotable import introduces_text, usable_sentence
from index.compose.refusal import elapsed_ms, refusal
from index.compose.speech import is_transcript_document, said_by, speaker_prefix
from index.compose.trip_documents import TripDocKind, TripDocument, trip_documents
from index.embed.base import Embedder
from index.query.plan import place_mentions, plan_query
from index.query.retrieve import retrieve
from index.storage.snapshot import Snapshot
from index.text.dates import DateRange, format_range
from index.text.lexicon import (
    PURPOSE_WORDS,
    SPOKEN_REQUEST_WORDS,
    SUMMARY_REQUEST_WORDS,
    TRANSCRIPT_WORDS,
    TRIP_WORDS,
)
from index.text.lexicon.grammar import (
    BACK_REFERRING_OPENERS,
    BACK_REFERRING_VERBS,
    LEANING_OPENERS,
)
from index.text.lexicon.questions import NUMBER_SCALE_WORDS
from index.text.lexicon.travel import ANNOUNCEMENT_WORDS
from index.text.patterns import alternation
from index.text.places import gazetteer
from index.text.tokens import analyze
from index.types import Reply, ReplyKind, SourceInfo

_TRIP_TOPIC = re.compile(rf"\b{alternation(TRIP_WORDS)}\b", re.I)
_PURPOSE = re.compile(rf"\b{alternation(PURPOSE_WORDS)}\b", re.I)
# A sentence announcing an amount ("today the United States is announcing nearly $585 million
# in new humanitarian aid"): news a summary keeps (lexicon ANNOUNCEMENT_WORDS). A date or a
# year is no amount.
_ANNOUNCES = re.compile(
    rf"\b{alternation(ANNOUNCEMENT_WORDS)}\b[^.;]*?"
    rf"(?:[$€£]\s?\d|\d[\d,.]*\s*(?:{alternation(NUMBER_SCALE_WORDS)}|percent)\b)",
    re.I,
)
NEWS_BONUS = 0.2
MIN_TOPIC_COVERAGE = 0.5
SPOKEN_SHIFT = 0.3  # a transcript's score, down when a release is wanted, up when what was said
_TRANSCRIPT = re.compile(rf"\b{alternation(TRANSCRIPT_WORDS)}\b", re.I)
_SPOKEN_REQUEST = re.compile(rf"\b{alternation(SPOKEN_REQUEST_WORDS)}\b", re.I)
_BACK_REFERRING = re.compile(
    rf"^\W*{alternation(BACK_REFERRING_OPENERS)}\b\s*{alternation(BACK_REFERRING_VERBS)}\b", re.I
)
# Case-sensitive: "So" opening a sentence, not "so-called" or "Or Yehuda".
_LEANING = re.compile(rf"^\W*{alternation(LEANING_OPENERS)}\b(?![-’'])")
_GENERIC_TOPIC = frozenset(analyze(" ".join(SUMMARY_REQUEST_WORDS)))


def summarize(snap: Snapshot, embedder: Embedder, topic: str) -> Reply:
    """Summarise the trip or document `topic` refers to.

    Args:
        snap: the index snapshot.
        embedder: embeds the topic to find the document.
        topic: free text such as "the November 2023 trip" or "Blinken's trip to Panama".

    Returns:
        A summary Reply with one cited line per point (`summary_of` "trip" or "document"),
        or `found=False` when no document matches.
    """
    t0 = time.perf_counter()
    doc_id = find_document(snap, embedder, topic)
    if doc_id is None:
        return refusal(topic, t0)
    sentences = doc_sentences(snap, doc_id)
    if not sentences:
        return refusal(topic, t0)
    trip = (
        itinerary(snap, doc_id) if _TRIP_TOPIC.search(topic) or is_trip(snap.docs[doc_id]) else None
    )
    if trip:
        asked = frozenset(m.place.country for m in place_mentions(topic))
        lines, kind = _trip_lines(snap, doc_id, sentences, trip, asked), "trip"
    else:
        lines, kind = _document_lines(snap, doc_id, sentences), "document"
    if not lines:
        return refusal(topic, t0)
    text, citations, highlights = render(snap, lines)
    return Reply(
        kind=ReplyKind.SUMMARY,
        query=topic,
        text=text,
        citations=citations,
        highlights=highlights,
        latency_ms=elapsed_ms(t0),
        summary_of=kind,
    )


def find_document(snap: Snapshot, embedder: Embedder, topic: str) -> str | None:
    """The document a topic refers to.

    Args:
        snap: the snapshot to search.
        embedder: embeds the topic.
        topic: "the November 2023 trip", "Blinken's trip to Panama", "the Al Jazeera article".

    Returns:
        The doc_id of the best match - hybrid retrieval (which applies a named time), boosted
        for trip documents when a trip is asked for, for places in the title and for topic words
        in the title or source - or None when no candidate contains most of the topic's words.
    """
    plan = plan_query(snap, embedder, topic)
    cands = retrieve(snap, plan)
    if not cands:
        return None
    wants_trip = bool(_TRIP_TOPIC.search(topic))
    # "summarize Blinken's remarks in Kyiv", "... his keynote at the luncheon"
    wants_spoken = bool(_SPOKEN_REQUEST.search(topic))
    places = plan.countries
    topic_terms = set(plan.terms) - _GENERIC_TOPIC
    topic_weight = sum(snap.idf(t) for t in topic_terms) or 1.0
    score: dict[str, float] = {}
    for c in cands[:30]:
        doc = snap.docs[c.doc_id]
        s = c.score
        if wants_trip and is_trip(doc):
            s += 0.5
        if not wants_spoken and (
            is_transcript(doc.title) or is_transcript_document(snap, c.doc_id)
        ):
            # A briefing about a trip is not its announcement, nor remarks before a meeting
            # its readout: the release says what happened.
            s -= SPOKEN_SHIFT
        elif wants_spoken and is_transcript_document(snap, c.doc_id):
            # What was said is in the transcript, not in the notice that it will be said
            # ("Secretary Blinken to Deliver Keynote Remarks at ...").
            s += SPOKEN_SHIFT
        if topic_terms:
            meta = set(analyze(f"{doc.title} {doc.source or ''} {doc.path}"))
            meta |= {t for t, form in plan.forms.items() if form in meta}  # "uzbek": Uzbekistan
            # It names the title or source, each word by how rarely the corpus says it: "Tigray
            # and Afar" tells "... to Tigray and Afar Regions" from "... in Tigray", where
            # "statement" or "aid" tells nothing.
            s += sum(snap.idf(t) for t in topic_terms & meta) / topic_weight
        if places:
            title_places = {p.place.country for p in gazetteer().find(doc.title)}
            s += 0.3 * len(places & title_places) / len(places)
        score[c.doc_id] = max(score.get(c.doc_id, -1e9), s)
    wanted = (topic_terms | set(plan.unknown)) - _GENERIC_TOPIC
    for doc_id in sorted(score, key=lambda d: -score[d])[:5]:
        doc = snap.docs[doc_id]
        have = set(analyze(f"{doc.title} {doc.source or ''} {snap.text(doc_id)}"))
        # The topic's own words must mostly be in the document: a summary of the nearest
        # unrelated document would be a confident wrong answer.
        if not wanted or len(wanted & have) >= MIN_TOPIC_COVERAGE * len(wanted):
            return doc_id
    return None


def is_transcript(title: str) -> bool:
    """Whether a title names a transcript (a briefing, remarks, an interview), not a release."""
    return bool(_TRANSCRIPT.search(title))


def is_trip(doc: SourceInfo) -> bool:
    return bool(_TRIP_TOPIC.search(doc.title)) or "travel" in doc.path.lower()


def _trip_lines(
    snap: Snapshot,
    doc_id: str,
    sents: list[DocSentence],
    stops: list[Stop],
    asked: frozenset[str] = frozenset(),  # the countries the request names
) -> list[Line]:
    doc = snap.docs[doc_id]
    ref = snap.published(doc_id)
    rng, rng_sent = trip_range(sents, ref)
    for stop in stops:  # the headline spans every dated stop too
        for d in stop.dates:
            rng = d if rng is None else DateRange(min(rng.start, d.start), max(rng.end, d.end))
    when = format_range(rng) if rng else (doc.date or "undated")
    # The traveller the request asks about leads: "the VP's Jakarta trip".
    main = asked_travellers(sents, stops, main_travellers(sents), asked)
    others = {id(s): other_traveller(sents, s, main) for s in stops}
    route = " → ".join(s.name for s in stops if others[id(s)] is None)
    first_cite = rng_sent if rng_sent is not None else (stops[0].sentences or [0])[0]
    lines = [Line(f"{doc.title}: {route}, {when}", (sents[first_cite],), (when,))]
    used = {first_cite}
    who = travellers(doc.title, sents) | main
    later = trip_documents(snap, doc_id, stops, rng, main or who)
    n = 0
    for stop in stops:
        other = others[id(stop)]
        if other is not None:  # "Austin also visits India": not the main traveller's stop
            country = gazetteer().country_name(stop.country)
            place = stop.name if stop.name == country else f"{stop.name}, {country}"
            used.add(stop.intro)
            lines.append(Line(f"{other} also visits {place}", (sents[stop.intro],), (other,)))
            continue
        n += 1
        stop_when = format_range(stop.dates[0]) if stop.dates else (f"during {when}" if rng else "")
        people, people_sents = people_met(sents, stop, who, stops)
        country = gazetteer().country_name(stop.country)
        label = stop.name if stop.name == country else f"{stop.name}, {country}"
        text = f"{n}. {label}" + (f" ({stop_when})" if stop_when else "")
        text += f": meets {', '.join(people)}" if people else ""
        cites = list(
            dict.fromkeys(
                ([stop.date_sentence] if stop.date_sentence is not None else []) + people_sents
            )
        )
        if not cites:
            cites = stop.sentences[:1]
        used.update(cites)
        emph = tuple(people) + ((stop.name,) if stop.name else ())
        lines.append(Line(text, tuple(sents[i] for i in sorted(cites or [first_cite])), emph))
        lines.extend(_stop_documents([d for d in later if d.stop == stop.key]))
    for i in _key_points(snap, doc_id, sents, used, 2, 3):
        lines.append(Line("Key point: " + sents[i].text, (sents[i],)))
    return lines


MAX_STOP_DOCUMENTS = 3  # remarks and statements listed under one stop
_LISTED_FIRST = [
    TripDocKind.STATEMENT,
    TripDocKind.READOUT,
    TripDocKind.CALL,
    TripDocKind.REMARKS,
    TripDocKind.OTHER,
]


def _stop_documents(docs: list[TripDocument]) -> list[Line]:
    """Under a stop: whom the readouts say the traveller met there, then its other documents,
    each line cited to the document it comes from."""
    lines = []
    for d in docs:
        if d.met:
            verb = "spoke with" if d.kind is TripDocKind.CALL else "met"
            day = f" ({format_range(DateRange(d.published, d.published))})" if d.published else ""
            lines.append(Line(f"   {verb}{day}: {', '.join(d.met)}", (d.cite,), d.met))
    rest = sorted((d for d in docs if not d.met), key=lambda d: _LISTED_FIRST.index(d.kind))
    for d in rest[:MAX_STOP_DOCUMENTS]:
        lines.append(Line(f"   also: {d.title}", (d.cite,)))
    return lines


def _key_points(
    snap: Snapshot, doc_id: str, sents: list[DocSentence], used: set[int], low: int, high: int
) -> list[int]:
    """Central sentences not used yet, preferring ones that state a purpose; document order."""
    scores = _centrality(snap, doc_id, sents)
    ranked = []
    for i, sent in enumerate(sents):
        if i in used or not usable_sentence(sent.text):
            continue
        bonus = 0.1 if _PURPOSE.search(sent.text) else 0.0
        ranked.append((scores[i] + bonus, i))
    ranked.sort(reverse=True)
    take = [i for _, i in ranked[:high]]
    return sorted(take[: max(low, len(take))])


def _centrality(snap: Snapshot, doc_id: str, sents: list[DocSentence]) -> np.ndarray:
    """Cosine of each sentence with the document's mean sentence vector (no embedding needed)."""
    vecs: dict[tuple[int, int], np.ndarray] = {}
    for cid in snap.chunks_of(doc_id):
        mat = snap.sentence_vectors(cid)
        for span, v in zip(snap.chunks[cid].sentences, mat, strict=True):
            vecs.setdefault(span, v)
    dim = snap.dim
    m = np.vstack([vecs.get((s.start, s.end), np.zeros(dim, np.float32)) for s in sents])
    centroid = m.mean(axis=0)
    norm = float(np.linalg.norm(centroid)) or 1.0
    return m @ (centroid / norm)


def document_sentences(snap: Snapshot, doc_id: str, count: int) -> list[int]:
    """Which sentences an extractive summary of a document keeps.

    Each sentence scores its cosine with the document centroid (precomputed sentence vectors)
    plus a lead bonus that fades over the first sentences: news and press releases put their
    substance first. A release's introduction of its text ("The text of the following
    statement was released by ...", "Begin Text:") does not count as a first sentence. In a
    transcript whose title names its speakers, their turns come before the others' (a host's
    introduction, a reporter's question), which are read only when theirs are too few
    (`MIN_SPOKEN`).

    Args:
        snap: the snapshot holding the document.
        doc_id: the document.
        count: how many sentences to keep.

    Returns:
        Indexes into `doc_sentences(snap, doc_id)`, in document order.
    """
    sents = doc_sentences(snap, doc_id)
    scores = _centrality(snap, doc_id, sents)
    ranked: list[tuple[float, int]] = []
    leaning: list[tuple[float, int]] = []
    others: list[tuple[float, int]] = []  # a transcript's speakers whom its title does not name
    said = _by_title_speakers(snap, doc_id)
    introductions = 0  # "The text of the following statement ...", "Begin Text:"
    for i, sent in enumerate(sents):
        if introduces_text(sent.text):
            introductions += 1  # the lead is the text's, not its introduction's
        if not usable_sentence(sent.text) or _BACK_REFERRING.match(sent.text):
            continue  # "This is what we all deserve": nothing out of its place
        news = NEWS_BONUS if _ANNOUNCES.search(sent.text) else 0.0
        score = (float(scores[i]) + LEAD_BONUS / (1 + i - introductions) + news, i)
        if said is not None and not said(sent.start):
            others.append(score)  # the introducer's or a reporter's words, not the keynote
        # "And you all know it" carries on a sentence that may be left out: only when the
        # others are too few ("So today we are announcing $585 million ..." stands alone).
        elif _LEANING.match(sent.text) and not news:
            leaning.append(score)
        else:
            ranked.append(score)
    for tier in (ranked, leaning, others):
        tier.sort(reverse=True)
    if len(ranked) + len(leaning) >= MIN_SPOKEN:
        others = []  # the keynote says enough: no host's welcome or reporter's question pads it
    return sorted(i for _, i in (ranked + leaning + others)[:count])


def _by_title_speakers(snap: Snapshot, doc_id: str) -> Callable[[int], bool] | None:
    """For a transcript whose title names its speakers ("Secretary Antony J. Blinken Keynote
    Remarks at ..."), whether a document offset lies in one of their turns; None for other
    documents, and for a transcript whose title names none of its speakers ("Department
    Press Briefing")."""
    if not is_transcript_document(snap, doc_id):
        return None
    return said_by(snap, doc_id, frozenset(analyze(snap.docs[doc_id].title)))


LEAD_BONUS = 0.3
SUMMARY_SENTENCES = 5
# A transcript's summary reads the others' words (a host's, a reporter's) only when the
# speakers its title names say fewer sentences than this.
MIN_SPOKEN = 3


def _document_lines(snap: Snapshot, doc_id: str, sents: list[DocSentence]) -> list[Line]:
    doc = snap.docs[doc_id]
    published = snap.published(doc_id)
    when = f" ({format_range(DateRange(published, published))})" if published else ""
    picks = document_sentences(snap, doc_id, SUMMARY_SENTENCES)
    if not picks:
        return []
    lines = [Line(f"{doc.title}{when}", (sents[picks[0]],))]
    speaker = None
    for i in picks:  # a transcript's line says who speaks, when that changes (as answers do)
        said, speaker = speaker_prefix(snap, doc_id, sents[i].start, sents[i].text, speaker)
        text = sents[i].text.removeprefix("- ")  # a list's item: a key point of its own
        lines.append(Line(f"- {said}{text}", (sents[i],)))
    return lines
