"""Questions about the order of a trip's stops: "Where will Sherman go after Seoul?".

Releases tell the order with a departure phrase: "From Seoul, the Deputy Secretary will travel
to Ulaanbaatar", "After Seoul, ...", "Following his stop in Seoul, ...", "Leaving Seoul, ...".
The stop after X is in the sentence that departs from X; the stop before X in the sentence that
departs from somewhere else to X ("From Tokyo, he will travel to Seoul"). A sentence that merely
names X ("In Seoul, he will meet ...") tells what happens there, not where he goes next.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from index.query.followup import names_anything
from index.query.question import asks_purpose
from index.text.lexicon.travel import (
    DEPARTURE_FILLERS,
    DEPARTURE_WORDS,
    FINISHED_WORDS,
    ONWARD_VERBS,
    ORDER_ANCHOR_ENDS,
    ORDER_QUESTION_FILLERS,
)
from index.text.patterns import alternation
from index.text.tokens import analyze, stem

# "after X" / "before X" in a question: up to three words of X, to the end of the clause.
_ASKED = re.compile(
    rf"\b(?P<way>after|before)\s+(?:{alternation(ORDER_QUESTION_FILLERS)}\s+)*"
    r"(?P<anchor>[^\W\d_][\w'’.-]*(?:\s+[^\W\d_][\w'’.-]*){0,2})",
    re.I,
)
# "once she's done in X", "when he wraps up in X": after X.
_FINISHED = re.compile(
    rf"(?:\bonce|(?<=\s)when|\bafter)\s+(?:[\w'’]+\s+){{0,2}}?{alternation(FINISHED_WORDS)}\s+"
    r"(?:in|at|with)\s+(?P<anchor>[^\W\d_][\w'’.-]*(?:\s+[^\W\d_][\w'’.-]*){0,2})",
    re.I,
)
_ANCHOR_ENDS = frozenset(ORDER_ANCHOR_ENDS)
# Phrases that depart from a place named right after them (within a few words).
_DEPARTS = re.compile(
    rf"\b{alternation(DEPARTURE_WORDS)}\s+(?:{alternation(DEPARTURE_FILLERS)}\s+)*"
    r"(?P<place>[^\W\d_][\w'’.-]*)",
    re.I,
)
# "He will then travel to Berlin": the stop after the one the sentence before is about.
_THEN = re.compile(rf"\bthen\s+(?:[a-z]+\s+){{0,2}}?{alternation(ONWARD_VERBS)}\b", re.I)
_TO = re.compile(r"\bto\s+(?:the\s+)?(?P<place>[^\W\d_][\w'’.-]*)", re.I)
# "On May 15, the Secretary will travel to Paris": a sentence going on to a stop, which after
# one about the asked stop tells the next one even without "then".
_ONWARD_TO = re.compile(
    rf"\b{alternation(ONWARD_VERBS)}\s+to\s+(?:the\s+)?(?P<place>[A-Z][\w'’.-]*)"
)


@dataclass(frozen=True)
class StopOrder:
    """The stop a question is asked relative to, and which way: after or before it."""

    way: str  # "after" or "before"
    anchor: frozenset[str]  # analysed terms of the stop ("seoul")


def asked_order(question: str, corrections: dict[str, str]) -> StopOrder | None:
    """The sequence a "where ... after / before X" question asks about, or None. A why
    question asks for none: "Why did the US go after the Houthi finance network?" is about
    pursuing it, and "why is she going to Tokyo after Seoul?" names the stop it asks about."""
    if asks_purpose(question):
        return None
    m = _FINISHED.search(question) or _ASKED.search(question)
    if m is None:
        return None
    words = []
    for word in m.group("anchor").split():
        if word.lower() in _ANCHOR_ENDS:
            break
        words.append(word)
    terms = {corrections.get(w.lower(), t) for w in words for t in analyze(w)}
    terms |= {corrections[w.lower()] for w in words if w.lower() in corrections}
    if not terms or not _names_a_stop(words, corrections):
        return None
    way = m.group("way").lower() if "way" in m.groupdict() else "after"
    return StopOrder(way, frozenset(terms))


def _names_a_stop(words: list[str], corrections: dict[str, str]) -> bool:
    """Whether the words after "after"/"before" name a place: a capitalised word, a place typed
    in lower case ("after tokyo") or a word corrected ("after seul"); "before his talks with
    Abbas" is an event, not a stop."""
    return names_anything(" ".join(words)) or any(w.lower() in corrections for w in words)


def tells_order(sentence: str, seq: StopOrder, before: str = "") -> bool:
    """Whether a sentence tells the stop after (or before) the asked one: it departs from that
    stop ("From Seoul, ... to Ulaanbaatar"), or it goes on ("then", to a place that is not the
    asked stop: "then travel to Rabat, Morocco" comes before Morocco; or by a travel verb to a
    capitalised place the asked stop is not: "On May 15, the Secretary will travel to Paris")
    from the sentences `before` it that name that stop ("... Davos May 21-24 ... . He will
    then travel to Berlin"); for
    "before", it departs from another stop to the asked one."""
    departs = [_term(m.group("place")) for m in _DEPARTS.finditer(sentence)]
    if seq.way == "after":
        if any(p in seq.anchor for p in departs):
            return True
        if not seq.anchor & set(analyze(before)):
            return False
        then = _THEN.search(sentence)
        if then is not None:  # going on, but not to the asked stop itself ("will then travel
            return not seq.anchor & set(analyze(sentence[then.end() :]))  # to Rabat, Morocco")
        onward = [_term(m.group("place")) for m in _ONWARD_TO.finditer(sentence)]
        return bool(onward) and not seq.anchor & set(analyze(sentence))
    if not departs or any(p in seq.anchor for p in departs):
        return False
    return any(_term(m.group("place")) in seq.anchor for m in _TO.finditer(sentence))


def _term(word: str) -> str:
    """A place word as an analysed term ("Seoul." -> "seoul")."""
    return stem(word.rstrip(".").lower())
