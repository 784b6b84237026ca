"""What a question asks for: a person for "who", a date for "when", a place for "where"."""

from __future__ import annotations

import re
from functools import lru_cache

from index.text.entities import DATE, NAME, NUMBER, OTHER, PERSON, PLACE, EntityKind
from index.text.lexicon import (
    ANSWER_HEAD_NOUNS,
    AUXILIARY_VERBS,
    DETERMINERS,
    HEAD_NOUN_COMPOUNDS,
    HOW_NUMBER_WORDS,
    QUESTION_FILLERS,
    STOPWORDS,
    SUBJECT_AUXILIARIES,
    WH_WORDS,
)
from index.text.lexicon.aims import (
    AGENDA_QUESTION_NOUNS,
    AGENDA_QUESTION_VERBS,
    FUTURE_QUESTION_WORDS,
    PURPOSE_AIMING,
    PURPOSE_GOALS,
    PURPOSE_QUESTIONS,
    PURPOSE_WANTING,
)
from index.text.lexicon.paraphrase import IRREGULAR_VERBS, MOTION_VERB_FORMS, PHRASAL_VERBS
from index.text.lexicon.questions import (
    ACTION_PHRASE_ENDS,
    HOW_TIME_PAST_WORDS,
    LEAD_IN_WORDS,
    NAMED_KINDS,
    SAY_VERBS,
)
from index.text.lexicon.requests import GOING_VERBS, MOTION_FORMS
from index.text.lexicon.travel import (
    COMPANION_DESTINATION_WORDS,
    COMPANION_MOTION_VERBS,
    COMPANION_QUESTION_WORDS,
    TRIP_WORDS,
)
from index.text.patterns import MEETING, WHITESPACE, alternation
from index.text.tokens import stem

# How much an entity of each kind counts as an answer to each question type.
ANSWER_KINDS: dict[EntityKind, dict[EntityKind, float]] = {
    PERSON: {PERSON: 1.0, NAME: 0.6},
    PLACE: {PLACE: 1.0, NAME: 0.5},
    DATE: {DATE: 1.0},
    NUMBER: {NUMBER: 1.0, DATE: 0.3},
    OTHER: {},
}

# Stem of a noun after "what"/"which" -> the kind of entity it asks for.
_HEAD_NOUNS: dict[str, EntityKind] = {
    stem(word): EntityKind(kind) for kind, words in ANSWER_HEAD_NOUNS.items() for word in words
}

_WH = re.compile(
    rf"\b(?P<wh>{alternation(WH_WORDS, space=WHITESPACE)}|how\s+{alternation(HOW_NUMBER_WORDS)})\b",
    re.I,
)
_NTH_TIME = re.compile(r"\bthe\s+(?:first|last|next|only|previous)\s+time\b", re.I)
_TIME_PAST = re.compile(rf"\s+{alternation(HOW_TIME_PAST_WORDS)}\b", re.I)  # "how far [back]"


def question_type(question: str) -> EntityKind:
    """The kind of entity that answers `question`: person, place, date, number or other."""
    return analyse_question(question)[0]


def answer_head(question: str) -> str | None:
    """The stem of the noun naming what is asked for ("cities" in "which cities ..."), if any.

    That word describes the answer, not the topic: the documents need not contain it.
    """
    return analyse_question(question)[1]


@lru_cache(maxsize=1024)  # asked of the same question by many steps of one answer
def analyse_question(question: str) -> tuple[EntityKind, str | None]:
    """The question type, and the stem of the noun naming what is asked for (or None)."""
    if asks_purpose(question):
        return OTHER, None  # "why hasn't the meeting taken place?" asks no place
    m = _WH.search(question.strip())
    if m is None:
        # No question word: "dates for blinken's trip", "venue of the summit" ask for the
        # kind their first noun names, when a preposition follows it; "sherman luanda dates",
        # typed as into a search box, the kind their last word names.
        head = _NOUN_FIRST.match(question.strip()) or _NOUN_LAST.search(question.strip())
        kind = _HEAD_NOUNS.get(stem(head.group(1).lower())) if head else None
        return (kind, stem(head.group(1).lower())) if head and kind else (OTHER, None)
    wh = re.sub(r"\s+", " ", m.group("wh").lower())
    if wh == "when" and asks_yes_no(question) and not _SAID_BEFORE.search(question, 0, m.start()):
        # "Did McKeon raise the tax deal when he sat down with Cormann?": a time clause of a
        # yes/no question, not a date asked for ("Did she say when she would return?" is)
        return OTHER, None
    if wh in ("who", "whom", "whose"):
        return PERSON, None
    if wh == "when":
        # "when was the last time the US hosted ...": "the last time" is the date asked for
        return DATE, ("time" if _NTH_TIME.search(question, m.end()) else None)
    if wh == "where":
        return PLACE, None
    if wh.startswith("how "):
        if _TIME_PAST.match(question.strip(), m.end()):
            return DATE, None
        # "how big is the trade": the scale asked for, which the answer ("$160 billion")
        # need not say ("how many" and "how much" are function words already)
        scale = wh.split()[1]
        return NUMBER, (stem(scale) if scale not in ("many", "much") else None)
    # what / which / in what: the noun phrase right after, up to its verb ("which [japanese
    # leaders] was").
    rest = re.findall(r"[a-z]+", question.strip()[m.end() :].lower())
    if rest and rest[0] in SUBJECT_AUXILIARIES:  # "what did the secretary discuss"
        return OTHER, None
    be_first = bool(rest) and rest[0] in AUXILIARY_VERBS  # "what is the ...", "which are ..."
    named = False  # "what are the names of the diplomats speaking ...": no progressive
    while rest and rest[0] in QUESTION_FILLERS:
        named = rest.pop(0) in ("name", "names") or named
    i, limit = 0, HEAD_WORDS
    while i < min(limit, len(rest)) and rest[i] not in AUXILIARY_VERBS:
        word = rest[i]
        if rest[i + 1 : i + 2] and rest[i + 1] in HEAD_NOUN_COMPOUNDS.get(word, ()):
            i, limit = i + 2, limit + 1  # "which state department envoy": a compound modifies
            continue
        kind = _HEAD_NOUNS.get(stem(word))
        if kind is not None:
            if be_first and not named and _progressive(rest[i + 1 : i + 3]):
                return OTHER, None  # "what is [the envoy] discussing": its subject, not asked
            return kind, stem(word)
        i += 1
    return OTHER, None


def _progressive(after: list[str]) -> bool:
    """Whether the words after a question's noun make it the subject of a verb in "-ing" ("what
    is the envoy discussing", "... discussing in Riyadh"), not a noun a relative clause
    describes ("what is the city hosting the summit")."""
    return (
        bool(after) and after[0].endswith("ing") and (len(after) < 2 or after[1] not in DETERMINERS)
    )


HEAD_WORDS = 3  # words after "what"/"which" (and fillers) read for the asked noun
_NOUN_FIRST = re.compile(r"^\W*(?:the\s+)?([a-z]+)\s+(?:of|for)\b", re.I)
_NOUN_LAST = re.compile(r"^\W*[a-z'’.-]+(?:\s+[a-z'’.-]+)+?\s+([a-z]+)\W*$", re.I)
_PURPOSE_Q = re.compile(rf"^\W*(?:{alternation(PURPOSE_QUESTIONS, space=WHITESPACE)})\b", re.I)
_AGENDA_Q = re.compile(
    rf"^\W*what\b.*\b(?P<verb>{alternation(AGENDA_QUESTION_VERBS, space=WHITESPACE)})\b"
    rf"|\b(?P<noun>{alternation(AGENDA_QUESTION_NOUNS)})\b",
    re.I,
)
_FUTURE_Q = re.compile(
    rf"(?:\b|(?<=\w)){alternation(FUTURE_QUESTION_WORDS, space=WHITESPACE)}\b", re.I
)
# "What is the US trying to achieve by ...?", "what are they aiming for": a purpose asked by
# what is wanted; the words asking it (group "frame" or "aiming") are no words the answer
# holds, but the goal's verb may be ("efforts to achieve a ceasefire").
_PURPOSE_WANT = re.compile(
    rf"^\W*what\b[^?]*?\b(?P<frame>(?:{alternation(PURPOSE_WANTING)})\s+to)\s+"
    rf"(?:{alternation(PURPOSE_GOALS, space=WHITESPACE)})\b"
    rf"|^\W*what\b[^?]*?\b(?P<aiming>{alternation(PURPOSE_AIMING, space=WHITESPACE)})\b",
    re.I,
)
_PURPOSE_TAIL = re.compile(r"\b(?:what\s+for|for\s+what(?:\s+purpose)?)\W*$", re.I)
# The verb of a "why is he going to X" question: the action whose reason is asked. The answer
# states the aim with its own verb ("will highlight"), so this one need not be in it.
_MOTION = frozenset(stem(w) for w in GOING_VERBS + MOTION_FORMS)
# ... or, with no such verb, the trip whose point is asked ("what's the point of her trip").
_TRIP = frozenset(stem(w) for w in TRIP_WORDS)


def asks_agenda(question: str) -> bool:
    """A question asking what will be (or was) discussed: "What will Biden and Modi talk
    about?", "what are harris and macron going to discuss"."""
    return agenda_verb(question) is not None


def asks_future(question: str) -> bool:
    """A question about what will happen: "What will they talk about?", "what are they going
    to discuss"."""
    return bool(_FUTURE_Q.search(question))


def agenda_verb(question: str) -> str | None:
    """The stem of the verb an agenda question asks with ("talk" in "What will Biden and Lula
    talk about?"): the frame of the question, which the answer need not use ("the two
    Presidents will discuss ..."); None for other questions."""
    m = _AGENDA_Q.search(_LEAD_IN.sub("", question.strip()))
    return stem((m.group("verb") or m.group("noun")).split()[0].lower()) if m else None


_SAID_BEFORE = re.compile(rf"\b(?:{alternation(SAY_VERBS)}|know|knows|knew)\s+$", re.I)
_YES_NO = re.compile(rf"^\W*(?:{alternation(sorted(AUXILIARY_VERBS))})\s", re.I)


def asks_yes_no(question: str) -> bool:
    """Whether a question opens with its auxiliary: "Is Blinken meeting Netanyahu?", "will
    she visit Lima"."""
    return _YES_NO.match(question) is not None


def asks_several(question: str) -> bool:
    """Whether a "which"/"what" question asks for several things by a plural head noun
    ("Which cities does the trip include?", "which officials will she meet"): a sentence
    naming two of them answers it better than one naming one."""
    head = analyse_question(question)[1]
    if head is None:
        return False
    return any(
        w.endswith("s") and stem(w) == head and w != head
        for w in re.findall(r"[a-z]+", question.lower())
    )


# A question may open with where it is about, or whose account it asks for, before its
# question word (`LEAD_IN_WORDS`).
_LEAD_IN = re.compile(
    rf"^\W*(?:{alternation(LEAD_IN_WORDS, space=WHITESPACE)})\s[^,?;:]{{1,60}},\s*", re.I
)


@lru_cache(maxsize=1024)
def asks_purpose(question: str) -> bool:
    """A why / purpose / "what for" question."""
    q = _LEAD_IN.sub("", question.strip())
    return bool(_PURPOSE_Q.match(q) or _PURPOSE_TAIL.search(q) or _PURPOSE_WANT.match(q))


def purpose_verb(question: str) -> str | None:
    """The stem of the motion verb of a purpose question ("going" in "Why is X going to Y?"),
    else of the trip it asks the point of ("trip" in "What's the point of Blinken's trip?")."""
    if not asks_purpose(question):
        return None
    found = [stem(word) for word in re.findall(r"[a-z]+", question.lower())]
    return next((t for t in found if t in _MOTION), None) or next(
        (t for t in found if t in _TRIP), None
    )


def motion_frame(question: str) -> str | None:
    """The stem of the motion verb of a where or when question ("going" in "where is Goldberg
    going"): the frame of the question, which the answer need not use ("to assume duties as
    Ambassador to the Republic of Korea", "will travel to")."""
    if question_type(question) not in (PLACE, DATE):
        return None
    word = next(
        (w for w in re.findall(r"[a-z]+", question.lower()) if w in MOTION_VERB_FORMS), None
    )
    return stem(word) if word else None


_NAME_OF = re.compile(r"^\W*(?:what|which)\b[\w\s'’]{0,8}?\bnames?\s+of\b", re.I)


def question_frame(question: str) -> frozenset[str]:
    """The words of a question's opening that its answer need not hold: a purpose question's
    ("what", "is", "the", "point" of "What is the point of ...": the sentence states the aim),
    and "name" of "What's the name of the network ...?" (the sentence gives the name)."""
    q = question.strip()
    m = _PURPOSE_Q.match(q)
    frame = frozenset(m.group(0).lower().replace("’", "'").split()) if m else frozenset()
    wanted = _PURPOSE_WANT.match(q)
    if wanted is not None:  # "what ... trying to achieve"
        frame |= {"what", *(wanted.group("frame") or wanted.group("aiming")).lower().split()}
    return frame | ({"name", "names"} if _NAME_OF.match(q) else frozenset())


_COMPANIONS_Q = re.compile(
    rf"\b(?:{alternation(COMPANION_QUESTION_WORDS)}|{alternation(COMPANION_MOTION_VERBS)}"
    rf"(?:\s+{alternation(COMPANION_DESTINATION_WORDS)}\s+[^,;:?!.]{{1,40}}?)?\s+with)\b",
    re.I,
)


def asks_companions(question: str) -> bool:
    """A "who" question about who travels with someone: "Who will accompany the Vice
    President?", "Who will join Sherman's delegation?"."""
    return question_type(question) == PERSON and bool(_COMPANIONS_Q.search(question))


def asks_travelling_with(question: str) -> bool:
    """A companion question asked with a verb ("Who went with Blinken?", "who is accompanying
    her"), not about a delegation's members or leader ("Who is leading the delegation?")."""
    return companion_verb(question) is not None


def companion_verb(question: str) -> str | None:
    """The stem of the verb a companion question asks with ("went" in "who went with
    Blinken", "accompani" in "who accompanied her"): the frame of the question, which the
    documents need not use ("Blinken and Austin will be in Tokyo"); None for other questions
    and when the companion word is a noun ("Who is on Sherman's delegation?")."""
    m = _COMPANIONS_Q.search(question) if question_type(question) == PERSON else None
    if m is None or m.group(0).lower() == "delegation":
        return None
    if MEETING.search(question, 0, m.start()):
        return None  # "who did they meet ...: who went into Yemen with X": whom they met
    return stem(m.group(0).split()[0].lower())


# "Who designed the embassy?", "which firm built it", "who leads the team": a question asking
# for the subject of its verb (a past form, or "who" and a present one).
_AGENT_Q = re.compile(
    r"^\W*(?:(?:and|so)\s+)?(?:(?P<who>who)|(?:which|what)\s+[\w-]+)\s+(?P<verb>[a-z]+)\b", re.I
)


def asked_agent(question: str) -> str | None:
    """The verb of a question asking who did something ("designed" in "who designed the new
    embassy?", "built" in "which company built it", "leads" in "who leads the team"), which a
    release often answers in the passive ("designed by Davis Brody Bond", "led by ...");
    None for other questions ("who did she meet", "who else", "which leaders are going")."""
    m = _AGENT_Q.match(question)
    if m is None:
        return None
    verb = m.group("verb").lower()
    for forms, particle, instead in PHRASAL_VERBS:  # "who put on the event": who hosted it
        if verb in forms and re.match(rf"\s+{particle}\b", question[m.end() :], re.I):
            return instead[0]
    if verb in AUXILIARY_VERBS:
        return None
    past = verb.endswith("ed") or verb in IRREGULAR_VERBS
    present = m.group("who") is not None and verb.endswith("s") and not verb.endswith("ss")
    return verb if past or present else None


# "What did/will/does <subject> <verb> ...?": the words after the auxiliary. Not "which
# entity has" or "what actress did": after a noun, "has" and "did" may be the verb itself.
_ACTION_Q = re.compile(
    rf"^\s*what\s+{alternation(SUBJECT_AUXILIARIES)}\s+(?P<rest>.+?)\W*$",
    re.I,
)
_ACTION_WORD = re.compile(r"[\w'’.+-]+")


def asked_action(question: str, names: frozenset[str] = frozenset()) -> str | None:
    """The verb whose object a "what did X do"-question asks for: "sign" in "What did Blinken
    and Faki sign at the dialogue?", "visit" in "what did mayorkas visit before the
    ministerial". It is the word before the first word ending the verb phrase (a preposition,
    `ACTION_PHRASE_ENDS`) or the question's last word; "on" before one of the question's
    `names` (stems) belongs to the subject ("the envoy on Myanmar talk about"), and "to" ends
    it only before a determiner or a name ("read to the kids", "reiterate to Mori", not "want
    countries to adopt"). None for other questions; the caller drops a word that is a name or
    the question's frame.
    """
    m = _ACTION_Q.match(question)
    if m is None:
        return None
    words = [w.lower() for w in _ACTION_WORD.findall(m.group("rest"))]
    for i in range(1, len(words)):
        word = words[i]
        after = words[i + 1] if i + 1 < len(words) else ""
        if (word in ACTION_PHRASE_ENDS and not (word == "on" and stem(after) in names)) or (
            word == "to" and (after in DETERMINERS or stem(after) in names)
        ):
            return words[i - 1]
    return words[-1] if len(words) > 1 else None


def asked_instance(question: str) -> str | None:
    """The noun of a "what/which NOUN" question that asks for a named thing of that kind
    ("agreement" in "What agreement will they sign?", "initiative" in "which initiative does
    Bulgaria lead"): its `asked_noun`, when things of that kind are named by it
    (`NAMED_KINDS`)."""
    noun = asked_noun(question)
    return noun if noun in NAMED_KINDS else None


def asked_noun(question: str) -> str | None:
    """The noun a "what/which NOUN" question asks for one of ("tool" in "What tool is the US
    using?", "unit" in "what unit are they in?"): the last word of the phrase before its
    auxiliary. None when the noun asks for an entity type (`analyse_question` reads it) or
    there is no such phrase ("what about Tokyo", "what did she discuss")."""
    m = _WH.search(question.strip())
    if m is None or m.group("wh").lower() not in ("what", "which"):
        return None
    if analyse_question(question) != (OTHER, None):
        return None
    rest = re.findall(r"[a-z]+", question.strip()[m.end() :].lower())
    while rest and rest[0] in QUESTION_FILLERS - AUXILIARY_VERBS:
        rest.pop(0)
    for i, word in enumerate(rest[: HEAD_WORDS + 1]):
        if word in AUXILIARY_VERBS:
            return rest[i - 1] if i > 0 and rest[i - 1] not in STOPWORDS else None
    return None
