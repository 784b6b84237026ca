"""Which words of an answer are emphasised: the entities of each sentence that answer the
question (the people for "who", the dates for "when"), never the names the question gives.

For a question of no particular type, people, places, dates and numbers. For "Who went with
X?", only the people named as travelling with X ("alongside Secretary of Defense Lloyd J.
Austin III", "Blinken and Austin"), not those they met.
"""

from __future__ import annotations

from index.compose.continuation import companions_named
from index.compose.sentences import Sentence
from index.query.plan import QueryPlan
from index.query.question import ANSWER_KINDS, asks_travelling_with
from index.text.entities import Entity, EntityKind

# For questions of no particular type, the entities worth emphasising.
_UNTYPED = {
    EntityKind.PERSON: 1.0,
    EntityKind.PLACE: 1.0,
    EntityKind.DATE: 1.0,
    EntityKind.NUMBER: 1.0,
}
MIN_FIT = 0.8  # an entity answering the question this well is emphasised


def emphasised(plan: QueryPlan, sent: Sentence) -> list[Entity]:
    """The entities of `sent` to emphasise in an answer to `plan`, in text order."""
    if asks_travelling_with(plan.text):
        return companions_named(sent.text, sent.entities, plan)
    kinds = ANSWER_KINDS.get(plan.qtype, {}) or _UNTYPED
    return [e for e in sent.entities if kinds.get(e.kind, 0.0) >= MIN_FIT]
