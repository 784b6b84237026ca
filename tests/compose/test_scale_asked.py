"""A "how big" question asks for a size: the answer ("$160 billion") need not say "big"; and
"when was the last time ..." asks for a date: the answer ("since 1984") need not say "time"."""

from __future__ import annotations

import pytest
from conftest import other_releases

from index.compose.answer import analyse
from index.query.question import analyse_question
from index.text.entities import DATE, NUMBER

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


EXPO = """Title: United States Bid to Host Expo 2031
Published: 2022-07-29

The United States is bidding to host Expo 2031 in Duluth, Minnesota. Hosting Expo 2031
would continue our nation's long tradition of hosting World's Fairs and would be the first
in the United States since 1984. Member states will vote on the host city in November.
"""


def test_the_nth_time_asked_when_is_the_answers_head(make_kb) -> None:
    assert analyse_question("When was the last time the US hosted a World's Fair?") == (
        DATE,
        "time",
    )
    assert analyse_question("when did the fair open?") == (DATE, None)
    kb = make_kb({"expo.txt": EXPO, **OTHERS})
    kb.sync()
    an = analyse(kb.snapshot(), kb.embedder, "When was the last time the US hosted a World's Fair?")
    assert an.plan.head == "time"
    # "time" is not counted against the answer, which says "since 1984": of the question's
    # words ("us" read as "united states"), only "last" is missing from it
    assert an.features.window_share == pytest.approx(5 / 6), an.features
