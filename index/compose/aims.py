"""What a "why" or "what did they discuss" question asks a sentence to state: an aim ("to
discuss", "will focus on"), an agenda ("They will also discuss ..."), or, unless the question
is about the future, the topics a readout gives with its own verbs ("The Deputy Secretary also
raised human rights concerns")."""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache
from typing import TYPE_CHECKING

from index.query.question import asked_instance, asks_agenda, asks_future, asks_purpose
from index.text.lexicon.aims import (
    AGENDA_WORDS,
    AIM_PARTICIPLES,
    AIM_PHRASES,
    PURPOSE_EVENT_NOUNS,
    PURPOSE_TRIP_VERBS,
    READOUT_SPOKE_VERBS,
    READOUT_TOPIC_VERBS,
)
from index.text.lexicon.questions import NAME_LINKS
from index.text.patterns import WHITESPACE, alternation

if TYPE_CHECKING:
    from index.compose.sentences import Sentence

_AIM = re.compile(rf"\b{alternation(AIM_PHRASES, space=WHITESPACE)}\b", re.I)
_AIM_APART = re.compile(rf"\b{alternation(AIM_PARTICIPLES)},[^,.;:]{{1,60}},\s+to\s", re.I)
_AGENDA = re.compile(rf"\b{alternation(AGENDA_WORDS, space=WHITESPACE)}\b", re.I)
_READOUT_TOPIC = re.compile(rf"\b{alternation(READOUT_TOPIC_VERBS, space=WHITESPACE)}\b", re.I)
# "spoke today with Foreign Minister Joly about ...": the topic after whom, in one clause.
_SPOKE_WITH_ABOUT = re.compile(
    rf"\b{alternation(READOUT_SPOKE_VERBS)}\s+(?:\w+\s+)?with\s+[^.;:]{{1,120}}?\babout\b", re.I
)

# "will also visit Frankfurt, Germany, for internal meetings": a trip for an event, in a clause.
_TRIP_FOR = re.compile(
    rf"\b{alternation(PURPOSE_TRIP_VERBS)}\b[^.;:]{{0,80}}?\bfor\s+(?:[\w’'.-]+\s+){{0,5}}?"
    rf"{alternation(PURPOSE_EVENT_NOUNS)}\b",
    re.I,
)


def states_aim(text: str) -> bool:
    """A sentence that states an aim or a reason ("to discuss", "aims to", "will focus on"),
    or the event a trip is for ("will visit Frankfurt for internal meetings")."""
    return bool(_AIM.search(text) or _AIM_APART.search(text) or _TRIP_FOR.search(text))


def states_agenda(text: str) -> bool:
    """A sentence that gives what is discussed ("The leaders will have an in-depth discussion
    on ...", "They will also discuss ...")."""
    return bool(_AGENDA.search(text))


def states_topics(text: str) -> bool:
    """A sentence that gives what was discussed, as a readout does: an agenda, or a topic
    raised, stressed or agreed on ("The Deputy Secretary also raised human rights concerns"),
    or spoken about with someone ("spoke today with Foreign Minister Joly about Haiti")."""
    return (
        states_agenda(text)
        or bool(_READOUT_TOPIC.search(text))
        or bool(_SPOKE_WITH_ABOUT.search(text))
    )


def aim_check(question: str) -> Callable[[str], bool] | None:
    """What a sentence must state to answer `question`: an aim for a purpose question
    (`states_aim`), what is discussed for an agenda one (`states_agenda` when it asks about
    the future, "What will X and Y discuss?"; `states_topics` otherwise, "What did X and Y
    discuss?"); None for others."""
    if asks_purpose(question):
        return states_aim
    if not asks_agenda(question):
        return None
    # Only a question about what will be discussed leaves out a readout's topics; one with no
    # tense ("sherman locsin manila meeting topics") takes both.
    return states_agenda if asks_future(question) else states_topics


def instance_check(question: str) -> Callable[[str], bool] | None:
    """What a sentence must name to answer a "what/which NOUN" question asking for a named
    thing (`asked_instance`): one of that kind (`names_instance`); None for other questions."""
    noun = asked_instance(question)
    return names_instance(noun) if noun is not None else None


def names_instance(noun: str) -> Callable[[str], bool]:
    """Whether a sentence names a thing of the asked kind: "What agreement will they sign?"
    is answered by "the upcoming signing of a bilateral Science and Technology Agreement", a
    capitalised name ending in the noun (or its plural); "what unit are they in?" by "the
    GRU's Unit 74455", the noun capitalised before a number or a name."""
    named = _instance_pattern(noun)
    return lambda text: bool(named.search(text))


@lru_cache(maxsize=64)
def _instance_pattern(noun: str) -> re.Pattern[str]:
    capitalised = re.escape(noun[:1].upper() + noun[1:].removesuffix("s"))
    return re.compile(
        rf"\b[A-Z0-9][\w'’.+-]*(?:\s+(?:{alternation(NAME_LINKS)}|[A-Z0-9][\w'’.+-]*))*"
        rf"\s+(?i:{re.escape(noun)}s?)\b"
        rf"|\b{capitalised}s?\s+(?:\d[\w-]*|[A-Z][\w'’-]+)"  # "Unit 74455"
    )


def asks_agenda_of(check: Callable[[str], bool] | None) -> bool:
    """Whether `check`, from `aim_check`, is that of an agenda question."""
    return check is states_agenda or check is states_topics


def with_topics(
    chosen: list[Sentence], sentences: list[Sentence], check: Callable[[str], bool]
) -> list[Sentence]:
    """An agenda answer with every topic its best sentence's document gives: a readout says
    what was discussed over several sentences ("They also discussed regional security ... The
    Deputy Secretary also raised human rights concerns ... She also expressed strong concern
    over ..."), and each answers. They come after the best sentence and those of its document
    already chosen, in document order, before other documents' sentences (the length limit
    then drops from the end)."""
    best = chosen[0]
    topics = sorted(
        (s for s in sentences if s.doc_id == best.doc_id and s not in chosen and check(s.text)),
        key=lambda s: s.start,
    )
    same = [s for s in chosen[1:] if s.doc_id == best.doc_id]
    return [best, *same, *topics, *(s for s in chosen[1:] if s.doc_id != best.doc_id)]
