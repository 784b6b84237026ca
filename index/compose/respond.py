"""One entry point for a plain-text message: a follow-up is read against the chat's context,
anything else is routed by intent (index/query/intent.py) to an answer, a summary, a timeline
or the document list. Every reply stays extractive and cited.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, replace

import numpy as np

from index.compose.analysed import analysed
from index.compose.answer import answer_question
from index.compose.compound import answer_compound
from index.compose.itinerary import Stop, doc_sentences, itinerary, trip_range
from index.compose.more_names import who_else
from index.compose.refusal import elapsed_ms, refusal
from index.compose.stops import stop_after, stop_terms
from index.compose.summary import summarize
from index.compose.swap_answer import answer_swap
from index.compose.timeline import timeline
from index.embed.base import Embedder
from index.query.followup import (
    AFTER_THAT,
    ChatContext,
    FollowUp,
    Reading,
    after_that_way,
    cited_question,
    goes_on,
    in_cited,
    leans_on_chat,
    names_anything,
    read_followup,
)
from index.query.intent import Intent, asks_for_stops, route
from index.query.plan import (
    plan_query,
    repaired_text,
)
from index.query.question import analyse_question
from index.query.question_words import repair_against
from index.query.sequence import StopOrder, asked_order
from index.query.swap import on_day_of_chat
from index.query.typed_names import question_subject, typed_name
from index.storage.snapshot import Snapshot
from index.text.asked_time import parse_query_time
from index.text.dates import find_dates, format_date, format_range
from index.text.entities import PERSON
from index.text.patterns import after_locative
from index.text.places import gazetteer
from index.text.tokens import analyze
from index.types import Citation, Reply, ReplyKind

SOURCES_SHOWN = 8  # documents listed for "what documents do you have"
MORE_SENTENCES = 3  # sentences "tell me more" adds
MORE_CHARS = 700


@dataclass(frozen=True)
class Responded:
    """A reply, and what the chat remembers after it."""

    reply: Reply
    context: ChatContext | None


_NO_VECTOR = np.zeros(1, dtype=np.float32)  # planning only to read the words: nothing embedded


def respond(
    snap: Snapshot, embedder: Embedder, message: str, context: ChatContext | None = None
) -> Responded:
    """The reply to a plain-text message, and the chat's context after it.

    Args:
        snap: the snapshot to answer from.
        embedder: embeds questions.
        message: the text as typed.
        context: the chat's last reply (None: a fresh chat); follow-ups are read against it.

    Returns:
        An answer, summary, timeline, sources or refusal Reply (a follow-up's reply carries
        `reading`, the question it was taken for), and the new context: the previous one
        when the reply cited nothing.
    """
    message = repair_against(snap, message)  # "wher did ..." routes and reads as "where did ..."
    # "and what's he doing on the 19th?": the day of the chat's month
    message = on_day_of_chat(message, context.time if context else None, snap.newest)
    reading = read_followup(
        message,
        context,
        snap.newest,
        lambda q: question_subject(snap, q),
        lambda d: typed_name(snap, d),
    )
    if reading is not None and context is not None:
        if reading.kind in (FollowUp.REFER, FollowUp.NEXT):
            placed = _after_that(snap, reading, context)
            if reading.kind is FollowUp.NEXT:  # no place just cited: the passage goes on
                next_stop = placed is not reading
                kind = FollowUp.REFER if next_stop else FollowUp.CONTINUE
                shown = placed.shown if next_stop else "more of the passage just cited"
                placed = Reading(kind, placed.question if next_stop else context.question, shown)
            reading = placed
        shown = reading.shown
        if reading.kind is FollowUp.SWAP:
            swapped = answer_swap(snap, embedder, reading.question, context.question)
            reply = swapped.reply
            if swapped.country:
                shown = f"{reading.question} (answered for {swapped.country})"
        else:
            reply = _follow(snap, embedder, reading, context, message)
        if reading.kind is FollowUp.MORE and {c.doc_id for c in reply.citations} - set(
            context.doc_ids
        ):
            # Asked without its place ("who did she meet" after "... in Manila"), the reply
            # names people of the trip's other stops, and says so.
            where = "documents" if reply.query == reading.question else "stops"
            shown = f"{reply.query} (more, from other {where} of the same trip)"
        reply = replace(reply, reading=shown)
        # "what did they talk about?" is asked with the last question's words, which a later
        # "what about Tokyo?" should not see: the chat keeps the last question.
        asked = context.question if reading.kind is FollowUp.CITED else reading.question
        return Responded(reply, _remember(snap, reply, asked, context, followed=True))
    routed = route(message)
    if routed.intent is Intent.SOURCES:
        reply = sources_reply(snap, message)
    elif routed.intent is Intent.TIMELINE:
        reply = timeline(snap, embedder, routed.topic)
        if not reply.found:
            # "Where did Tanden and Vilsack travel to kick off the series?" reads as a timeline
            # and is one trip's question: no trips found, the documents may answer it.
            answered = answer_question(snap, embedder, routed.topic)
            reply = answered if answered.found else reply
    elif routed.intent is Intent.SUMMARY:
        topic = routed.topic
        if not topic and context is not None and context.doc_ids[:1]:
            doc = snap.docs.get(context.doc_ids[0])
            topic = doc.title if doc is not None else ""
        reply = summarize(snap, embedder, topic or message)
    else:
        # "When was it held, and what did they agree?": each part answered (compose/compound.py)
        reply = answer_compound(snap, embedder, routed.topic) or answer_question(
            snap, embedder, routed.topic
        )
        if not reply.found and asks_for_stops(routed.topic):
            # "Which cities does the November 2023 trip include?": the trip's stops.
            stops = timeline(snap, embedder, routed.topic)
            reply = stops if stops.found else reply
        if context is not None and (
            not reply.found
            or leans_on_chat(routed.topic)
            and _about_cited(snap, embedder, routed.topic, context)
            or goes_on(routed.topic)  # "so which form can new applicants skip now?"
            and _about_cited(snap, embedder, routed.topic, context, mostly=True)
        ):
            # "who led the talks?" after an answer about the talks: the cited documents say;
            # also when other documents answer it ("who's on the panel?": another panel), and
            # whenever nothing else does ("and how much has the US given in total?").
            cited = frozenset(d for d in context.doc_ids if d in snap.docs)
            # Asked alone, its own words choose the sentence, not the last question's words
            # ("who's on the panel?" after a meeting's date is the sentence about the panel,
            # not the date again); only when that is refused, with the last question's words.
            within = answer_question(snap, embedder, routed.topic, docs=cited) if cited else reply
            if cited and not within.found:
                asked = cited_question(routed.topic, context.question)
                within = answer_question(snap, embedder, asked, docs=cited)
            if within.found:  # the chat keeps the question it was about, as after "they"
                reply = replace(within, reading=in_cited(routed.topic))
                remembered = _remember(snap, reply, context.question, context, followed=True)
                return Responded(reply, remembered)
    asked = _as_read(snap, embedder, reply.query) if reply.kind is ReplyKind.ANSWER else reply.query
    return Responded(reply, _remember(snap, reply, asked, context))


def _about_cited(
    snap: Snapshot, embedder: Embedder, question: str, context: ChatContext, mostly: bool = False
) -> bool:
    """Whether a question that names nothing holds only words of the documents just cited
    ("who's on the panel?" after a meeting notice announcing a panel): it asks about them.
    With `mostly`, whether a question going on from the last one ("and ...", "so ...") holds
    at least half its words from one of them, named or not ("so which form can new applicants
    skip now?" after a release on the form; not "and who's the pick for antisemitism envoy?"
    after one on religious freedom)."""
    if names_anything(question) and not mostly:
        return False
    words = set(plan_query(snap, embedder, question, qvec=_NO_VECTOR).weights)
    cited = [analysed(snap).doc_terms(d) for d in context.doc_ids if d in snap.docs]
    if mostly:
        return any(2 * len(words & terms) >= len(words) > 0 for terms in cited)
    return bool(words) and any(words <= terms for terms in cited)


def _as_read(snap: Snapshot, embedder: Embedder, question: str) -> str:
    """`question` with its misspelt words as they were read ("who did blinkin meet in seul" ->
    "who did Blinken meet in Seoul"), for the chat to remember: a follow-up swaps and refers
    to the words as read ("What about Tokyo?" puts Tokyo in place of Seoul)."""
    plan = plan_query(snap, embedder, question, qvec=_NO_VECTOR)
    return repaired_text(question, plan.corrections) if plan.corrections else question


def _remember(
    snap: Snapshot,
    reply: Reply,
    question: str,
    previous: ChatContext | None,
    followed: bool = False,
) -> ChatContext | None:
    """What a chat remembers after `reply` (the previous context when it cited nothing); its
    time is the question's own ("last November" read against the newest document), or, for a
    follow-up naming none (`followed`: "where next?"), the chat's time so far."""
    if reply.kind in (ReplyKind.REFUSAL, ReplyKind.SOURCES) or not reply.citations:
        return previous
    tq = parse_query_time(question, snap.newest)
    kept = previous.time if followed and previous is not None else None
    return ChatContext(
        question=question,
        kind=reply.kind.value,
        doc_ids=tuple(dict.fromkeys(c.doc_id for c in reply.citations)),
        spans=tuple((c.doc_id, c.start, c.end) for c in reply.citations),
        time=tq.phrase if tq else kept,
    )


def _follow(
    snap: Snapshot, embedder: Embedder, reading: Reading, ctx: ChatContext, typed: str
) -> Reply:
    t0 = time.perf_counter()
    if reading.kind is FollowUp.MORE and analyse_question(reading.question)[0] == PERSON:
        return who_else(snap, embedder, reading.question, ctx.doc_ids, ctx.spans, typed)
    cited = frozenset(d for d in ctx.doc_ids if d in snap.docs)
    if reading.kind is FollowUp.MORE:
        return answer_question(
            snap, embedder, reading.question, docs=cited, exclude=frozenset(ctx.spans)
        )
    if reading.kind is FollowUp.WHEN:
        return _when(snap, ctx, t0)
    # "why?", "what did they talk about?", "where does she go after that?": from the cited
    # documents (the same trip), else any.
    if reading.kind in (FollowUp.WHY, FollowUp.CITED, FollowUp.REFER):
        why = answer_question(snap, embedder, reading.question, docs=cited)
        return why if why.found else answer_question(snap, embedder, reading.question)
    return _continue(snap, ctx, t0)


def _after_that(snap: Snapshot, reading: Reading, ctx: ChatContext) -> Reading:
    """`reading` with "after that" (or "before that") naming the place just cited: the stop
    the first sentence just cited goes to or is in ("where does she go after that?", after
    "... will lead an interagency delegation to Amman", asks where she goes after Amman), or,
    when the last question asked for the stop after (or before) another, that stop ("where
    does he go after Tokyo?", then "and after that?", asks about the stop after Tokyo's), or
    the stop it asked about ("What day is Blinken in Tokyo?", then "the day after", answered
    from the list of every stop)."""
    m = AFTER_THAT.search(reading.question)
    if m is None or not ctx.spans or ctx.spans[0][0] not in snap.docs:
        return reading
    doc_id, start, end = ctx.spans[0]
    stops = itinerary(snap, doc_id)
    known = set().union(*map(stop_terms, stops))
    place = _stop_reached(stops, asked_order(ctx.question, {}))
    if place is None and stops:
        # The stop the last question asked about ("What day is Blinken in Tokyo?", whose
        # answer cites the trip's opening list of every stop)
        named = [p.text for p in gazetteer().find(ctx.question) if set(analyze(p.text)) <= known]
        place = named[0] if named else None
    if place is None:
        sentence = snap.text(doc_id)[start:end]
        places = [p.text for p in gazetteer().find(sentence) if after_locative(sentence, p.start)]
        # A trip's stop, not a place its talks are about ("humanitarian concerns in Gaza").
        place = next((p for p in places if not stops or set(analyze(p)) <= known), None)
    if place is None:
        return reading
    asked = f"{reading.question[: m.start()]}{after_that_way(m)} {place}"
    asked += reading.question[m.end() :]
    return Reading(reading.kind, asked, asked)


def _stop_reached(stops: list[Stop], order: StopOrder | None) -> str | None:
    """The stop after (or before) the one `order` asked about, by the itinerary (the asked
    one itself when it is the last or the first: nothing comes after it), or None."""
    found = stop_after(stops, order) if order is not None else None
    if found is None:
        return None
    asked, i = found
    return stops[i].name if 0 <= i < len(stops) else stops[asked].name


def _when(snap: Snapshot, ctx: ChatContext, t0: float) -> Reply:
    """Each cited sentence again, headed by the date it names (or its document's date)."""
    lines: list[str] = []
    citations: list[Citation] = []
    for doc_id, start, end in ctx.spans:
        if doc_id not in snap.docs:
            continue
        text = snap.text(doc_id)
        if end > len(text):
            continue
        sentence = text[start:end]
        published = snap.published(doc_id)
        dated = [m for m in find_dates(sentence, published) if m.exact_day or m.range]
        if dated:
            when = format_range(dated[0].range)
        elif (stop := _stop_dated(snap, doc_id, start)) is not None:
            when = stop
        elif published is not None:
            when = f"published {format_date(published)}"
        else:
            continue
        chunk_id = snap.chunk_at(doc_id, start)
        if chunk_id is None:
            continue
        n = len(citations) + 1
        lines.append(f"{when}: {sentence} [{n}]")
        citations.append(snap.citation(n, chunk_id, start, end, 1.0))
    if not lines:
        return refusal(ctx.question, t0)
    return Reply(ReplyKind.ANSWER, ctx.question, "\n".join(lines), citations, [], elapsed_ms(t0))


def _stop_dated(snap: Snapshot, doc_id: str, start: int) -> str | None:
    """For a sentence that names no date, the dates of the one trip stop it tells of, from
    its document's itinerary ("In Seoul, he will meet ...": "17 March 2021, in Seoul"), else
    the whole trip's ("2–10 November 2023, the trip's dates"); None when it tells of none."""
    sents = doc_sentences(snap, doc_id)
    i = next((k for k, sent in enumerate(sents) if sent.start <= start < sent.end), None)
    if i is None:
        return None
    stops = [s for s in itinerary(snap, doc_id) if i in s.sentences]
    if not stops:
        return None
    if len(stops) == 1 and stops[0].dates:
        return f"{format_range(stops[0].dates[0])}, in {stops[0].name}"
    whole, _ = trip_range(sents, snap.published(doc_id))
    return f"{format_range(whole)}, the trip's dates" if whole is not None else None


def _continue(snap: Snapshot, ctx: ChatContext, t0: float) -> Reply:
    """The sentences that follow the last cited sentence of the first cited document."""
    doc_id = ctx.spans[0][0]
    if doc_id not in snap.docs:
        return refusal(ctx.question, t0)
    last_end = max(e for d, _, e in ctx.spans if d == doc_id)
    parts: list[str] = []
    citations: list[Citation] = []
    length = 0
    for sent in doc_sentences(snap, doc_id):
        if sent.start < last_end:
            continue
        if len(citations) >= MORE_SENTENCES or (citations and length + len(sent.text) > MORE_CHARS):
            break
        n = len(citations) + 1
        parts.append(f"{sent.text} [{n}]")
        length += len(sent.text)
        citations.append(snap.citation(n, sent.chunk_id, sent.start, sent.end, 1.0))
    if not parts:
        return refusal(ctx.question, t0)
    return Reply(ReplyKind.ANSWER, ctx.question, " ".join(parts), citations, [], elapsed_ms(t0))


def sources_reply(snap: Snapshot, query: str) -> Reply:
    """The newest documents, one line each (the front ends page through the full list)."""
    docs = sorted(snap.docs.values(), key=lambda d: d.title.lower())
    docs.sort(key=lambda d: d.date or "", reverse=True)
    lines = [f"{d.title} ({d.date})" if d.date else d.title for d in docs[:SOURCES_SHOWN]]
    head = f"{len(docs)} documents, newest first:"
    return Reply(ReplyKind.SOURCES, query, "\n".join([head, *lines]), [], [], 0.0)
