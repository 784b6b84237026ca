"""What a message wants: an answer to a question, a summary, a timeline of trips, or the list
of documents.

The reading is grammatical, not topical: a request is recognised by its frame (an imperative
or polite opening, a giving verb, a summary or timeline noun in the object position, or a
"what/which" whose head noun is that noun) and never by the subject it is about. What is left
once the frame is removed is the topic. A message that asks something *about* a summary ("What
did the summary of the meeting say?") keeps its question form and stays a question.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import StrEnum

from index.text.lexicon import AUXILIARY_VERBS, TRIP_WORDS, WH_WORDS
from index.text.lexicon.requests import (
    COLLECTION_FILLERS,
    COLLECTION_NOUNS,
    CONTENT_DOCUMENT_NOUNS,
    CONTINENTS,
    GIVING_VERBS,
    GOING_VERBS,
    HAPPENED_EVENT_NOUNS,
    HAPPENED_VERBS,
    ONE_MOMENT_WORDS,
    PLACE_NOUNS,
    POLITE_TAILS,
    REQUEST_DETERMINERS,
    REQUEST_OPENERS,
    SUMMARY_NOUNS,
    SUMMARY_VERBS,
    TIMELINE_NOUNS,
    TOPIC_PREPOSITIONS,
)
from index.text.patterns import WHITESPACE, alternation
from index.text.places import gazetteer


class Intent(StrEnum):
    QUESTION = "question"
    SUMMARY = "summary"
    TIMELINE = "timeline"
    SOURCES = "sources"


@dataclass(frozen=True)
class Routed:
    """A message's intent and its topic (the message without the request's frame)."""

    intent: Intent
    topic: str


_OPENER = re.compile(rf"^(?:{alternation(REQUEST_OPENERS)})\b[\s,!:]*", re.I)
_GIVE = rf"(?:{alternation(GIVING_VERBS)})(?:\s+(?:me|us))?"
_DET = rf"(?:{alternation(REQUEST_DETERMINERS)}\s+)*"
_OF = rf"{alternation(TOPIC_PREPOSITIONS)}\b"
_SUMMARY_NOUN = alternation(SUMMARY_NOUNS)
_SUMMARY_VERB = re.compile(rf"^(?:{alternation(SUMMARY_VERBS)})\b\s*", re.I)
_POLITE_TAIL = rf"\s*,?\s*(?:{alternation(POLITE_TAILS)})$"
_SUMMARY_OBJECT = re.compile(
    rf"^(?:{_GIVE}\s+)?{_DET}{_SUMMARY_NOUN}\s*(?:{_OF}|:|-|$|(?={_POLITE_TAIL}))\s*", re.I
)
_SUMMARY_COPULA = re.compile(
    rf"^what(?:'s|\s+is|\s+was|\s+would\s+be)\s+{_DET}{_SUMMARY_NOUN}\s+{_OF}\s*", re.I
)
_HAPPENED_FRAME = rf"^what\s+(?:{alternation(HAPPENED_VERBS)})\s+(?:on|during|at|in|with)\s+"
_HAPPENED = re.compile(
    rf"{_HAPPENED_FRAME}(?=.*\b(?:{alternation(HAPPENED_EVENT_NOUNS)})\b)",
    re.I,
)
# "what was in the second joint statement by sports ministers?": a document's contents
_CONTENTS = re.compile(
    rf"^what(?:'s|\s+is|\s+was|\s+are|\s+were)\s+in\s+(?={_DET}(?:[\w'’-]+\s+){{0,4}}?"
    rf"{alternation(CONTENT_DOCUMENT_NOUNS, space=WHITESPACE)}\b)",
    re.I,
)
_FRAME = re.compile(rf"{_HAPPENED_FRAME}|^(?:tell\s+me\s+)?about\s+", re.I)
_LAST_SENTENCE = re.compile(r"^(?P<lead>.*[?.!])\s+(?P<tail>[^?.!]+[?.!]*)$", re.S)
_SUMMARY_TAIL = re.compile(rf"\s+{_SUMMARY_NOUN}$", re.I)
_TIMELINE_NOUN = re.compile(rf"\b{alternation(TIMELINE_NOUNS)}\b", re.I)
_QUESTION_START = re.compile(
    rf"^(?:{alternation(WH_WORDS)}|how|why|{alternation(AUXILIARY_VERBS)}|am|isn't|aren't|"
    r"wasn't|weren't|didn't|doesn't|don't|won't|can't|couldn't|shall)\b",
    re.I,
)
_WHICH = re.compile(r"^(?:which|what)\b\s*", re.I)
_COPULA = frozenset("is are was were".split())
_WHERE_GOING = re.compile(
    rf"^where\s+(?:{alternation(AUXILIARY_VERBS)})\b(?P<rest>.*?)\b"
    rf"(?:{alternation(GOING_VERBS)}|travel\w*|visit\w*)\b",
    re.I,
)
# ... "which (african) countries (in africa) did she visit": a continent narrows the trips;
# a country or state does not ("Which Texas cities is he visiting?" asks about one trip).
_AREAS = alternation(tuple(CONTINENTS))
_PLACES_GOING = re.compile(
    rf"^(?:which|what)\s+(?:{_AREAS}\s+)?{alternation(PLACE_NOUNS)}(?:\s+in\s+{_AREAS})?"
    rf"\s+(?:{alternation(AUXILIARY_VERBS)})\b"
    rf"(?P<rest>.*?)\b(?:{alternation(GOING_VERBS)}|travel\w*|visit\w*)\b",
    re.I,
)
_WITHIN = re.compile(r"\s+(?:while\s+)?(?:in|within|around)\s+(?P<place>.+)$")
_ONE_MOMENT = re.compile(rf"\b{alternation(ONE_MOMENT_WORDS)}\b", re.I)
_WORD = re.compile(r"[a-z]+(?:'[a-z]+)?")
_COLLECTION = frozenset(COLLECTION_NOUNS)
_COLLECTION_OK = frozenset(COLLECTION_FILLERS) | _COLLECTION | frozenset(GIVING_VERBS)
_FRESHNESS = frozenset("new newest latest recent".split())


def route(message: str) -> Routed:
    """The intent of a plain-text message and its topic.

    Args:
        message: what the user typed.

    Returns:
        SOURCES when it asks for the documents themselves and names no content; SUMMARY when
        it asks for a summary (a summary verb or noun in request position; a summary of
        several trips is a TIMELINE); TIMELINE when it asks for trips in the plural, a
        timeline, or where someone travelled; otherwise QUESTION with the message unchanged.
    """
    asked = _asked_then_summary(message)
    if asked is not None:  # "What happened with X? Quick summary please"
        return asked
    text = _clean(message)
    body = _strip_openers(text)
    low = body.lower().replace("’", "'")
    if _asks_for_sources(low):
        return Routed(Intent.SOURCES, "")
    summary_topic = _summary_topic(body, low)
    if summary_topic is not None:
        if _TIMELINE_NOUN.search(summary_topic):
            return Routed(Intent.TIMELINE, summary_topic)
        return Routed(Intent.SUMMARY, summary_topic or body)
    if _asks_for_timeline(low):
        return Routed(Intent.TIMELINE, body)
    return Routed(Intent.QUESTION, message.strip())


_TRIP_NOUN = re.compile(rf"\b{alternation(TRIP_WORDS)}\b", re.I)
_STOPS_ASKED = re.compile(rf"^(?:where|(?:which|what)\s+{alternation(PLACE_NOUNS)})\b", re.I)


def asks_for_stops(question: str) -> bool:
    """Whether a question asks for the places of a trip it names ("Which cities does the
    November 2023 trip include?"): a trip's timeline line answers it when no sentence does."""
    text = _clean(question)
    return bool(_STOPS_ASKED.match(text) and _TRIP_NOUN.search(text))


def _clean(message: str) -> str:
    return " ".join(message.split()).strip().rstrip("?!.").strip()


def _asked_then_summary(message: str) -> Routed | None:
    """A message whose last sentence is a bare request for a summary ("Quick summary please")
    asks for a summary of what the sentences before it name: "What happened with the LegCo
    election changes? Quick summary please" is a summary of the LegCo election changes."""
    m = _LAST_SENTENCE.match(" ".join(message.split()))
    if m is None:
        return None
    tail = _strip_openers(_clean(m.group("tail")))
    if _summary_topic(tail, tail.lower().replace("’", "'")) != "":
        return None
    lead = route(m.group("lead"))
    if lead.intent in (Intent.SUMMARY, Intent.TIMELINE):
        return lead
    topic = _FRAME.sub("", _strip_openers(_clean(m.group("lead"))))
    return Routed(Intent.SUMMARY, _topic(topic)) if topic else None


def _strip_openers(text: str) -> str:
    """Drop polite openings: "Could you please summarize ..." -> "summarize ..."."""
    prev = None
    while prev != text:
        prev = text
        text = _OPENER.sub("", text, count=1)
    return text


def _asks_for_sources(low: str) -> bool:
    """A request about the documents that names no content: "what documents do you have"."""
    found = _WORD.findall(low)
    if not found:
        return False
    if not (set(found) & (_COLLECTION | _FRESHNESS)):
        return False
    return all(w in _COLLECTION_OK for w in found)


def _summary_topic(body: str, low: str) -> str | None:
    """The topic of a summary request, or None when the message is not one."""
    for pattern in (_SUMMARY_VERB, _SUMMARY_OBJECT, _SUMMARY_COPULA, _HAPPENED, _CONTENTS):
        m = pattern.match(low)
        if m is not None:
            return _topic(body[m.end() :])
    if not _QUESTION_START.match(low):
        m = _SUMMARY_TAIL.search(low)  # "the November 2023 trip summary"
        if m is not None and m.start() > 0:
            return _topic(body[: m.start()])
    return None


def _topic(rest: str) -> str:
    rest = re.sub(rf"^\s*(?:{_OF}|:|-)\s*", "", rest.strip(), flags=re.I)
    return re.sub(_POLITE_TAIL, "", rest, flags=re.I).strip()


def _within_place(tail: str) -> bool:
    """What follows "where will she go" asks where inside one city, state or country ("in los
    angeles", "in Germany"): the places of one trip a question names, not trips (a continent,
    "in Asia", or a time, "in 2022", still asks for the trips)."""
    m = _WITHIN.match(tail)
    if m is None:
        return False
    found = gazetteer().find_lower(m.group("place"))
    return bool(found) and found[0].start == 0


def _asks_for_timeline(low: str) -> bool:
    """Trips in the plural as what is asked for, a timeline, or where someone went ("where
    did Blinken travel in 2022", "which countries did Sherman visit in July 2021")."""
    m = _WHERE_GOING.match(low) or _PLACES_GOING.match(low)
    if m is not None:
        return not _ONE_MOMENT.search(low[m.start("rest") :]) and not _within_place(low[m.end() :])
    if not _TIMELINE_NOUN.search(low):
        return False
    words = _WORD.findall(low)
    if not words:
        return False
    if _WHICH.match(low) or words[0] in GIVING_VERBS:
        # "which trips ...", "what were Blinken's trips ...", "list Blinken's visits to Asia":
        # the trips must be the head of what is asked, before any other verb.
        for word in words[1:6]:
            if _TIMELINE_NOUN.fullmatch(word):
                return True
            if word in AUXILIARY_VERBS and word not in _COPULA:
                return False  # "what did he discuss during his visits": a question
        return False
    # Not phrased as a question at all: "Blinken's trips to Asia", "trips to Seoul".
    return not _QUESTION_START.match(low)
