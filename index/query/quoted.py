"""Whose words a question asks for: "what did Heiko Maas say about ...", "... according to
Jaishankar".

Such a question is answered by what that person said: in a transcript, the sentences of their
own turn (compose/speech.py), not a reporter's question that uses the same words ("You've said
in the past that Italy and China ...") nor another speaker's. The verb that asks for the words
("say", "according") is no topic of the answer, so it is left out of the question's terms.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from index.text.lexicon.questions import (
    AUXILIARY_VERBS,
    QUOTE_PREPOSITIONS,
    QUOTE_TOPIC_WORDS,
    SAY_VERBS,
    SOURCE_NOUNS,
    SPEAKER_PRONOUNS,
)
from index.text.patterns import alternation
from index.text.tokens import analyze, stem

_AUX = alternation(sorted(AUXILIARY_VERBS))
# "what did [Heiko Maas] say", "how does [the foreign minister] describe": the words between
# an auxiliary and a verb of saying, within one clause.
_SUBJECT_SAYS = re.compile(
    rf"\b(?:{_AUX})\s+(?P<who>[^,;:?!.]{{2,60}}?)\s+(?P<verb>{alternation(SAY_VERBS)})\b", re.I
)
# "how big is trade according to [Jaishankar]": the words after the preposition, up to a
# clause's end or a preposition that starts the topic.
_ACCORDING = re.compile(
    rf"\b(?P<verb>{alternation(QUOTE_PREPOSITIONS)})\s+(?P<who>[^,;:?!.]{{2,60}}?)"
    rf"\s*(?:[,;:?!.]|$|\b{alternation(QUOTE_TOPIC_WORDS)}\b)",
    re.I,
)


_POSSESSIVE = re.compile(r"['’]s?$")


@dataclass(frozen=True)
class QuotedSpeaker:
    """The person whose words are asked for, as terms, and the term of the asking verb."""

    terms: frozenset[str]
    verb: str


def quoted_speaker(question: str) -> QuotedSpeaker | None:
    """Whose words `question` asks for, or None when it asks for none (or only a pronoun's:
    "what did he say" has no name to find a speaker by)."""
    for pattern in (_SUBJECT_SAYS, _ACCORDING):
        for m in pattern.finditer(question):
            who = m.group("who").split()
            if not who or who[0].lower() in SPEAKER_PRONOUNS:
                continue
            if any(w.lower() in AUXILIARY_VERBS for w in who):
                continue  # "did the talks that were ... say": two clauses, not one subject
            if any(_POSSESSIVE.sub("", w.lower()) in SOURCE_NOUNS for w in who):
                continue  # "according to Blinken's meeting": a source, not a speaker
            terms = frozenset(analyze(" ".join(who)))
            if terms:
                verb = m.group("verb").split()[0]
                return QuotedSpeaker(terms, stem(verb.lower()))
    return None
