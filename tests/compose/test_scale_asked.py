"""A "how big" question asks for a size: the answer ("$160 billion") need not say "big"."""

from __future__ import annotations

import pytest
from conftest import other_releases

from index.compose.answer import analyse
from index.query.question import analyse_question
from index.text.entities import NUMBER

REMARKS = """Title: Secretary Reed and Foreign Minister Okafor at a Joint Press Availability
Published: 2022-04-13

FOREIGN MINISTER OKAFOR: Our trade has grown every year since the partnership began.
Two-way trade between our countries reached $160 billion last year, and our students and
professionals travel back and forth in ever greater numbers.
SECRETARY REED: We will open a new consulate in Lagos next spring.
"""

OTHERS = other_releases(
    [
        ("Secretary Reed's Call with the Chilean Foreign Minister", "They discussed fisheries."),
        ("Designation of a Former Official", "The Department designates a former official."),
        ("World Refugee Day", "According to the UN, refugees number more than ever."),
    ],
    "2022-05",
)


def test_the_scale_asked_for_is_the_answers_head() -> None:
    assert analyse_question("how big is the trade according to okafor") == (NUMBER, "big")
    assert analyse_question("How large was the delegation?") == (NUMBER, "larg")
    # "many" and "much" are function words: no head
    assert analyse_question("how many students travel") == (NUMBER, None)
    assert analyse_question("how much is the aid?") == (NUMBER, None)


def test_a_size_question_is_covered_by_an_answer_without_its_scale_word(make_kb) -> None:
    kb = make_kb({"remarks.txt": REMARKS, **OTHERS})
    kb.sync()
    an = analyse(kb.snapshot(), kb.embedder, "how big is the trade according to okafor")
    assert an.plan.head == "big"
    # "big" is not counted against the answer: every other word of the question is in it
    assert an.features.coverage == pytest.approx(1.0), an.features
