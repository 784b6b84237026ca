"""Whether another document is about the same subject as the best sentence's.

"Who is the national security advisor meeting in Rome?": the President's visit to Rome names
whom he meets there, but it is about someone else. compose/answer.py lets another document's
sentence join an answer only when this test holds.
"""

from __future__ import annotations

from collections.abc import Callable

from index.compose.analysed import analysed
from index.compose.sentences import Sentence
from index.query.plan import QueryPlan
from index.storage.snapshot import Snapshot

SUBJECT_MISSING = 1  # question words of the best document another document may lack
# Whether another sentence (the second) answers about what the best one (the first) does.
SameSubject = Callable[[Sentence, Sentence], bool]


def about_the_same(snap: Snapshot, plan: QueryPlan) -> SameSubject:
    """The test of whether another sentence's document holds the question's words that the
    best sentence's document holds (places aside: asked_place.py reads those), all but
    SUBJECT_MISSING. "Who is the national security advisor meeting in Rome?": the President's
    visit to Rome names whom he meets there, but it is about someone else. One may lack: a
    document may write a name another way ("Christopher Dodd") or not repeat what the
    question calls the visit."""
    tables = analysed(snap)
    words = [t for t in plan.weights if t != plan.head and t not in plan.places]

    def same(best: Sentence, other: Sentence) -> bool:
        held, there = tables.doc_terms(best.doc_id), tables.doc_terms(other.doc_id)
        asked = [t for t in words if plan.found_in(t, held)]
        return sum(not plan.found_in(t, there) for t in asked) <= SUBJECT_MISSING

    return same
