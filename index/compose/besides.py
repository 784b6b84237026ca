"""Questions that set aside what the asker already knows: "Besides the SERVIR-Mekong project,
what else was on the table at the Vietnam space dialogue?", "who else did Robinson meet in
Beirut besides Lebanese government officials?"

The words after "besides" name something the documents tell, and the sentence telling it is
the one the question's words find best. The answer is what that sentence does not say, and a
release says it next: "Participants discussed the SERVIR-Mekong project ... . Participants also
discussed the use of geospatial technologies ...". "In the global context, the United States
was proud to co-host ... . Domestically, we continue to implement the ... STOP FGM Act".
"""

from __future__ import annotations

import re

from index.compose.continuation import named_in
from index.compose.sentences import Sentence
from index.query.plan import QueryPlan
from index.query.question import ANSWER_KINDS
from index.text.lexicon.questions import BESIDES_WORDS, WH_WORDS
from index.text.patterns import alternation
from index.text.tokens import query_words, stem, term_set

TOLD = 0.6  # a sentence holding this share of the set-aside words' weight tells them
TITLE_CHARS = 40  # before a name, where its title is ("Foreign Minister Sameh Shoukry")

# What is set aside runs to a comma or the end ("besides putin"), or to the question word of
# a question that follows it unpunctuated ("besides her meetings what sites ...").
_BESIDES = re.compile(rf"\b(?:{alternation(BESIDES_WORDS)})\s+(?P<known>[^,;?]+)", re.I)
_QUESTION_WORD = re.compile(rf"\b(?:{alternation((*WH_WORDS, 'why', 'how'))})\b", re.I)


def set_aside(plan: QueryPlan) -> frozenset[str]:
    """The question's terms that name what it sets aside ("servir", "mekong", "project" of
    "Besides the SERVIR-Mekong project, what else ...?"), as the plan spells them (a misspelt
    name repaired); empty when it sets nothing aside, or only a pronoun ("besides her")."""
    m = _BESIDES.search(plan.text)
    if m is None:
        return frozenset()
    known = _QUESTION_WORD.split(m.group("known"))[0]
    terms = (plan.corrections.get(w, stem(w)) for w in query_words(known))
    return frozenset(t for t in terms if t in plan.weights)


def tells(plan: QueryPlan, known: frozenset[str], text: str) -> bool:
    """Whether `text` tells what the question sets aside: it holds TOLD of the weight of the
    `known` terms (or their paraphrases)."""
    total = sum(plan.weights[t] for t in known)
    if not total:
        return False
    present = term_set(text)
    held = sum(plan.weights[t] for t in known if plan.found_in(t, present))
    return held >= TOLD * total


def tells_more(plan: QueryPlan, known: frozenset[str], sent: Sentence) -> bool:
    """Whether `sent` names, beside what the question sets aside, something else of the kind
    it asks for ("tests at North American, and at the Kennedy Space Center" for "What other
    location besides the Kennedy Space Center?"): it answers already. A name whose title tells
    what is set aside ("Foreign Minister Sameh Shoukry" for "besides the foreign minister") is
    the one set aside."""
    kinds = ANSWER_KINDS.get(plan.qtype, {})
    for ent in sent.entities:
        if kinds.get(ent.kind, 0.0) < 1.0 or named_in(ent, plan.given):  # a person for "who"
            continue
        titled = f"{sent.text[max(0, ent.start - TITLE_CHARS) : ent.start]} {ent.text}"
        if not tells(plan, known, titled):
            return True
    return False
