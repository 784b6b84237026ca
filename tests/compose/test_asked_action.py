"""The verb a "what did X do" question asks the object of: "What did Reed and Ade sign at the
dialogue?" is answered by the sentence saying they signed something, not by the one that
names them, the dialogue and its date without saying what was signed."""

from __future__ import annotations

import pytest
from conftest import other_releases

from index.compose.answer import answer_question
from index.query.plan import plan_query
from index.query.question import asked_action

STATEMENT = """Title: Joint Statement on the U.S.-Coastal Union High-Level Dialogue
Published: 2022-03-12

The United States and the Coastal Union Commission convened the fifth annual U.S.-Coastal
Union High-Level Dialogue on March 11 in Washington, led by Secretary of State Hanna Reed and
Coastal Union Chairperson Ade Okoro. The two delegations reviewed the partnership across
health, trade and maritime security, and welcomed the progress of the past year. Secretary
Reed and Chairperson Okoro signed a Memorandum of Cooperation on fisheries inspection, under
which the two sides will share catch records. They agreed to hold the next dialogue in Lagos.
"""

OTHERS = other_releases(
    [
        ("Coastal Union Trade Week", "Delegates of the Coastal Union met in Accra on trade rules."),
        ("Maritime Security Grant", "The Coast Guard will train port officers in the region."),
        ("Health Partnership Update", "A vaccine partnership with regional labs was extended."),
    ],
    "2022-03",
)


@pytest.mark.parametrize(
    ("question", "verb"),
    [
        ("What did Reed and Okoro sign at the dialogue?", "sign"),
        ("what did mayorkas visit before the migration ministerial", "visit"),
        ("What will Harris visit in Singapore in January 2025?", "visit"),
        ("What did they agree on?", "agree"),
        ("what did the secretary of state announce", "announce"),  # "of" is the subject's
        ("what does biden want countries to adopt at the summit", "adopt"),  # "to" starts it
        ("what did melania read to the kids at the hospital", "read"),  # "to the": it ends
        ("what did sherman reiterate to mori", "reiterate"),  # "to" a name: it ends
        ("What do some people protest against?", "protest"),
        ("What did the UN envoy on Myanmar talk about?", "talk"),  # "on" a place: the subject
        ("Who did Reed meet in Lagos?", None),  # not a what-did question
        ("What is the dialogue about?", None),  # "is": what is asked is its subject
    ],
)
def test_the_asked_verb(question: str, verb: str | None) -> None:
    assert asked_action(question, frozenset({"myanmar", "mori"})) == verb


def test_the_sentence_saying_the_asked_verb_answers(make_kb) -> None:
    kb = make_kb({"statement.txt": STATEMENT, **OTHERS})
    kb.sync()
    snap = kb.snapshot()
    question = "What did Reed and Okoro sign at the Coastal Union dialogue?"
    plan = plan_query(snap, kb.embedder, question)
    assert plan.action == "sign"
    a = answer_question(snap, kb.embedder, question)
    assert a.found and "Memorandum of Cooperation" in a.text.split("[1]")[0], a.text
    # The verb of a speaker's words, a name or the question's frame is no asked action.
    assert plan_query(snap, kb.embedder, "What did Okoro say about fisheries?").action is None
    assert plan_query(snap, kb.embedder, "What did Reed and Okoro discuss?").action is None
