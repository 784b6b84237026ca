"""Follow-ups: a short message read against the previous question of the same chat.

"What about Tokyo?" is the last question with Tokyo in place of its place; "And in 2021?" the
last question for 2021; "Who else?" more answers from the same documents; "When was that?" the
dates of what was just cited; "Why?" its purpose, from the same documents; "Tell me more"
the sentences after it; "where next?" or "and after that?" the trip's stop after the one just
cited; "when is he going" the last question's person and place, asked of the
documents just cited first ("where does she go after that?": after the place just cited); "what
about the irish foreign minister?" the last question about another holder of the same office;
"what did they talk about?" a question asked of the documents just cited. What the chat remembers
is a `ChatContext`: plain data, so a front end can keep it anywhere (bot/memory.py keeps it in
SQLite, keyed by the reply it belongs to).
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import asdict, dataclass
from datetime import date
from enum import StrEnum

from index.query.demonyms import is_country_adjective
from index.query.swap import CAPITALISED, swap_detail
from index.text.lexicon.calendar import CALENDAR_WORDS
from index.text.lexicon.grammar import QUERY_STOPWORDS
from index.text.lexicon.paraphrase import MOTION_VERB_FORMS
from index.text.lexicon.questions import AUXILIARY_VERBS, WH_WORDS
from index.text.lexicon.requests import (
    CLAUSE_OPENERS,
    CONTINUE_PHRASES,
    DEMONSTRATIVES,
    FOLLOWUP_LEADS,
    MORE_ASKERS,
    MORE_WORDS,
    NEXT_STOP_PHRASES,
    PERSON_PRONOUNS,
    SWAP_OPENERS,
    THEY_PRONOUNS,
    WHEN_THAT_PHRASES,
    WHY_THAT_PHRASES,
)
from index.text.patterns import after_locative, alternation
from index.text.places import gazetteer
from index.text.tokens import query_words, stem

MAX_SWAP_WORDS = 6  # "what about the Prime Minister of Japan" still swaps; a longer text is new
MAX_MORE_TAIL = 4  # "anyone else going with him": words after "else" that name nothing new
MAX_REFER_WORDS = 8  # "when is he going": a longer text with a pronoun is a question of its own
# ... unless the pronoun is "he" or "she" and the text names no one: "what did she say about
# north korea's missile tests" has no one else to be about
MAX_PRONOUN_WORDS = 12
MAX_LED_PRONOUN_WORDS = 20  # ... or this many, after a word leading on ("and", "so")


@dataclass(frozen=True)
class ChatContext:
    """What a chat's last reply was about."""

    question: str  # the last question, as it was read (after any follow-up rewriting)
    kind: str  # the ReplyKind of the reply
    doc_ids: tuple[str, ...]  # the documents it cited, in citation order
    spans: tuple[tuple[str, int, int], ...]  # (doc_id, start, end) of each cited sentence
    time: str | None = None  # the time phrase the question named

    def to_json(self) -> str:
        return json.dumps(asdict(self), ensure_ascii=False)

    @classmethod
    def from_json(cls, raw: str) -> ChatContext:
        d = json.loads(raw)
        return cls(
            question=str(d["question"]),
            kind=str(d["kind"]),
            doc_ids=tuple(d.get("doc_ids", ())),
            spans=tuple((str(a), int(b), int(c)) for a, b, c in d.get("spans", ())),
            time=d.get("time"),
        )


class FollowUp(StrEnum):
    SWAP = "swap"  # the same question with one detail changed
    MORE = "more"  # more answers from the same documents
    WHEN = "when"  # when the cited thing happened
    CONTINUE = "continue"  # the cited passage's next sentences
    WHY = "why"  # the purpose of what was just cited
    CITED = "cited"  # a question about those just cited ("what did they talk about?")
    REFER = "refer"  # a question about "he" or "she", the last question's person
    NEXT = "next"  # the stop after the one just cited ("and after that?"), else CONTINUE


@dataclass(frozen=True)
class Reading:
    """How a follow-up is read: what to do and the question it stands for."""

    kind: FollowUp
    question: str  # the full question to answer (SWAP, REFER, MORE ...), else the last question
    shown: str  # the "Reading this as: ..." line


def _phrases(words: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile(rf"^(?:{alternation(words)})$", re.I)


_MORE = re.compile(
    rf"^(?:{alternation(FOLLOWUP_LEADS)}\s+)?(?:{alternation(MORE_ASKERS)})?\s*"
    rf"(?:{alternation(MORE_WORDS)})(?:\s+(?:did\s+he|did\s+she|did\s+they|was\s+there|is\s+there))?"
    r"(?P<tail>(?:\s+[\w'’]+){0,%d})$" % MAX_MORE_TAIL,
    re.I,
)
_WHO_ELSE = re.compile(r"\b(?:who|anyone|anybody)\s+else\b", re.I)
_OTHER = re.compile(r"\b(?:other|else)\b", re.I)
_WHEN = _phrases(WHEN_THAT_PHRASES)
_WHY = _phrases(WHY_THAT_PHRASES)
# A question word and the auxiliary after it: "when is" of "when is nuland going to india".
_WH_AUX = re.compile(
    rf"^\W*(?:{alternation(WH_WORDS)})\s+(?P<rest>(?:{alternation(AUXILIARY_VERBS)})\b.*)$", re.I
)
_CONTINUE = _phrases(CONTINUE_PHRASES)
_NEXT = _phrases(NEXT_STOP_PHRASES)
# "after that", "before that": the place just cited (read by compose/respond.py); also the
# day or stop after (or before) it: "the day after", "the next day", "the following stop"
# (`after_that_way` says which way).
AFTER_THAT = re.compile(
    r"\b(?:(?P<way>after|before)\s+that|the\s+(?:day|stop)\s+(?P<way2>after|before)"
    r"|the\s+(?:next|following)\s+(?:day|stop))\b",
    re.I,
)


def after_that_way(m: re.Match[str]) -> str:
    """ "after" or "before", as an `AFTER_THAT` match asks."""
    return (m.group("way") or m.group("way2") or "after").lower()


_SWAP = re.compile(rf"^(?:{alternation(SWAP_OPENERS)})\s+(?P<rest>.+)$", re.I)
_THERE = re.compile(r"\bthere\b", re.I)
_LEAD = re.compile(rf"^(?:{alternation(FOLLOWUP_LEADS)})\s+", re.I)
_WHERE = re.compile(r"^\W*where\b", re.I)
_THEY = re.compile(rf"\b(?:{alternation(THEY_PRONOUNS)})\b", re.I)
# "that statement", "this meeting", "who signed that": what was just cited; not "that" opening
# a clause ("did she say that the talks ...").
_DEMONSTRATIVE = re.compile(
    rf"\b(?:{alternation(DEMONSTRATIVES)})\b(?!\s+(?:{alternation(CLAUSE_OPENERS)})\b)", re.I
)
_PERSON_PRONOUN = re.compile(rf"\b(?:{alternation(PERSON_PRONOUNS)})\b", re.I)
_WORD = re.compile(r"[^\W\d_][\w'’-]*")  # a word of a message (`names_by_capital`)
_POSSESSIVE = re.compile(r"['’]s\b")
# "Blinken's New York trip": Blinken's trip
# A verb of motion before "to" and a verb is the future, not a journey: "going to raise".
_MOTION_TO_VERB = re.compile(rf"\b(?:{alternation(sorted(MOTION_VERB_FORMS))})\s+to\s+\w", re.I)


def read_followup(
    message: str,
    context: ChatContext | None,
    reference: date | None = None,
    subject_of: Callable[[str], str | None] | None = None,
    name_of: Callable[[str], str | None] | None = None,
) -> Reading | None:
    """The follow-up `message` makes on `context`, or None when it stands on its own.

    Args:
        message: what the user typed.
        context: the chat's last question and citations (None: no follow-up possible).
        reference: "now" for relative times ("last year"): the newest document's date.
        subject_of: the person a question is about, for a question the text alone can't say
            of (typed in lower case); by default its first capitalised name.
        name_of: the name a swapped detail typed in lower case gives ("his call with joly" ->
            "Joly"), or None; by default a detail in lower case swaps no name.

    Returns:
        The reading, or None for a message that is not a follow-up (or with no context).
    """
    if context is None:
        return None
    text = " ".join(message.split()).strip().rstrip("?!.").strip()
    if not text:
        return None
    last = context.question
    if _WHEN.match(text) and context.spans:
        return Reading(FollowUp.WHEN, last, "when the passages just cited happened")
    if _WHY.match(text) and context.doc_ids:
        why = why_question(last)
        return Reading(FollowUp.WHY, why, why)
    if _CONTINUE.match(text) and context.spans:
        return Reading(FollowUp.CONTINUE, last, "more of the passage just cited")
    person = (subject_of or subject)(last)
    if _NEXT.match(text) and context.spans:
        # "where does Blinken go after that?", "that" to be the place just cited
        asked = f"where does {person or 'the trip'} go after that?"
        return Reading(FollowUp.NEXT, asked, asked)
    more = _MORE.match(text)
    # "what other meetings did he propose?" after "what did Blinken propose to Lavrov?" asks
    # for other things than the last question did: a question of its own
    # ("who else ...?" still asks for more people, whatever its words)
    tail = more.group("tail") if more else ""
    if (
        more
        and context.doc_ids
        and not names_anything(tail)
        and (_WHO_ELSE.search(text) or not _new_words(tail, last))
    ):
        return Reading(FollowUp.MORE, last, f"{last} (more, from the same documents)")
    m = _SWAP.match(text)
    if m is not None and len(m.group("rest").split()) <= MAX_SWAP_WORDS:
        swapped = swap_detail(last, m.group("rest"), reference, context.time, name_of)
        if swapped is not None:
            return Reading(FollowUp.SWAP, swapped, swapped)
    referred = refer_back(text, last, person)
    if referred is not None:
        return Reading(FollowUp.REFER, referred, referred)
    short = len(_LEAD.sub("", text).split()) <= MAX_REFER_WORDS  # "so", "and" add nothing
    if context.spans and AFTER_THAT.search(text) and short and not names_anything(text):
        # "and where does he go after that?" when the last question named no one
        asked = f"{_LEAD.sub('', text)}?"
        return Reading(FollowUp.REFER, asked, asked)
    if (
        context.doc_ids
        and short
        and (_THEY.search(text) or _DEMONSTRATIVE.search(text))
        and not names_by_capital(text)
    ):
        # "what did they talk about?", asked of the cited documents with the last question's
        # words ("the vice president meet in ghana"), which say who "they" are; also when it
        # asks about a place or a topic in lower case ("did they say anything about burma?"),
        # and "who signed on to that statement?" ("that" is what was just cited).
        # Naming someone ("what did they tell Macron?") makes it a question of its own.
        asked = _LEAD.sub("", text)
        return Reading(FollowUp.CITED, cited_question(asked, last), in_cited(asked))
    return None


def cited_question(text: str, last: str) -> str:
    """`text` as asked of the documents just cited: followed by the words of the `last`
    question after its question word, which say what "they" or "the talks" are."""
    text = text.strip().rstrip("?!. ")
    body = last.strip().rstrip("?!. ")
    return f"{text}: {_after_question_word(body) or body}?"


def in_cited(text: str) -> str:
    """How a question asked of the documents just cited is shown."""
    return f"{text.strip().rstrip('?!. ')}? (in the documents just cited)"


def why_question(last: str) -> str:
    """The last question asked with "why": "when is nuland going to india" -> "Why is nuland
    going to india?"; one that opens with no question word and auxiliary is asked as it was,
    after "Why:"."""
    body = last.strip().rstrip("?!. ")
    rest = _after_question_word(body)
    return f"Why {rest}?" if rest else f"Why: {body}?"


def _after_question_word(question: str) -> str | None:
    """`question` from the auxiliary after its question word ("is nuland going to india" of
    "when is nuland going to india"), or None when it opens with neither."""
    m = _WH_AUX.match(question)
    return m.group("rest") if m else None


def refer_back(text: str, last: str, person: str | None) -> str | None:
    """A short question about "he" or "she" that names no one, read as being about the last
    question's `person`, at its place unless it names one: "when is he going" after "Why is
    Counselor Chollet going to Moldova?" is "when is Counselor Chollet going to Moldova?";
    "what did she say about north korea" is asked about north korea."""
    # "and how many covid vaccine doses did he say the US would rally for?": opened with "and",
    # a longer question still goes on from the last one
    limit = MAX_LED_PRONOUN_WORDS if _LEAD.match(text) else MAX_PRONOUN_WORDS
    if person is None or len(text.split()) > limit:
        return None
    pronoun = _PERSON_PRONOUN.search(text)
    gaz = gazetteer()
    names = [  # "on 19 May 2022" names a day, not someone
        m
        for m in CAPITALISED.finditer(text)
        if not gaz.find(m.group(0)) and not is_calendar(m.group(0))
    ]
    if pronoun is None or names:
        return None  # no one referred to, or someone named: a question of its own
    out = f"{text[: pronoun.start()]}{person}{text[pronoun.end() :]}"
    out = _LEAD.sub("", out)  # "and where does he go" asks "where does he go"
    if gaz.find(text) or gaz.find_lower(text):
        # "what did she say about north korea's missile tests": its own place, not the last
        return out + "?"
    # Only a place the last question has them go to or be in ("going to Moldova", "meet in
    # Seoul"), not one it merely names ("since the Ukraine war began").
    places = [p for p in (gaz.find(last) or gaz.find_lower(last)) if after_locative(last, p.start)]
    there = _THERE.search(out)
    # "where does he go next" asks for a place, and "what other countries is he visiting?" for
    # places besides it: the last question's is not added to them.
    if places and (there or not (_WHERE.match(out) or _OTHER.search(text))):
        name = places[0].text if places[0].text[:1].isupper() else places[0].text.title()
        moving = any(w in MOTION_VERB_FORMS for w in text.lower().split())
        moving = moving and not _MOTION_TO_VERB.search(text)  # "is he going to raise ..."
        where = f"{'to' if moving else 'in'} {name}"
        # "when is he going there": the place stands for "there"
        out = f"{out[: there.start()]}{where}{out[there.end() :]}" if there else f"{out} {where}"
    return out + "?"


def leans_on_chat(question: str) -> bool:
    """Whether a short question leans on what the chat was about: it refers back with a
    pronoun ("where did they go after washington?") or names no one and nothing ("who led the
    talks?"). Asked alone, the documents may not answer it; the ones just cited may."""
    text = " ".join(question.split()).strip().rstrip("?!.").strip()
    if not text or len(text.split()) > MAX_REFER_WORDS:
        return False
    return bool(_THEY.search(text) or _PERSON_PRONOUN.search(text)) or not names_anything(text)


def goes_on(question: str) -> bool:
    """Whether a question opens with a word leading on from the last one ("and what does that
    bring total US security aid to?", "so which form can new applicants skip now?") and is short
    enough to lean on it (MAX_LED_PRONOUN_WORDS): the documents just cited answer it when they
    can."""
    text = " ".join(question.split()).strip()
    return bool(_LEAD.match(text)) and len(text.split()) <= MAX_LED_PRONOUN_WORDS


def _new_words(tail: str, last: str) -> bool:
    """Whether `tail` (the words after "else" or "other") asks about something the last question
    did not: a word whose stem that question lacks ("going" is no new thing: "anyone else going
    with him?" after "who is joining Blinken in Paris?")."""
    asked = {stem(w) for w in query_words(last)}
    return any(stem(w) not in asked for w in query_words(tail) if w not in MOTION_VERB_FORMS)


def names_anything(text: str) -> bool:
    """Whether `text` names a place, or anyone or anything by a capitalised word."""
    gaz = gazetteer()
    return bool(names_by_capital(text) or gaz.find(text) or gaz.find_lower(text))


def names_by_capital(text: str) -> bool:
    """Whether `text` names anyone by a capitalised word: its first word only when that is no
    function word ("Did they talk about migration?", "So which form ..." are typed with a
    capital too; "Macron?" names someone)."""
    for i, m in enumerate(_WORD.finditer(text)):
        word = m.group(0)
        if word[0].isupper() and not (i == 0 and word.lower() in QUERY_STOPWORDS):
            return True
    return False


def subject(question: str) -> str | None:
    """The person `question` is about, as far as its text says: its first run of capitalised
    words (after the first word) that is not a place ("Counselor Chollet"), a month or a
    weekday ("the November trip"), an acronym ("INL", the bureau of "INL assistant secretary
    Todd Robinson"), nor a country's adjective ("Which North Korean launches did Sung Kim
    ...")."""
    gaz = gazetteer()
    for m in CAPITALISED.finditer(question.strip()):
        # "Blinken's New York trip": the person is the possessor
        run = _POSSESSIVE.split(m.group(0))[0].strip()
        if (
            run
            and not gaz.find(run)
            and not is_calendar(run)
            and not run.isupper()
            and not is_country_adjective(stem(run.split()[-1].lower()))
        ):
            return run
    return None


def is_calendar(words: str) -> bool:
    """Whether `words` are all months or weekdays ("November", "Tuesday")."""
    return all(w.lower() in CALENDAR_WORDS for w in words.split())
