"""Words that say what is asked for, which an answer need not hold: "how big" asks for a size
(the answer, "$160 billion", need not say "big"), "when was the last time ..." for a date
("since 1984"), and "which countries did he go to" for places ("traveled to Jordan")."""

from __future__ import annotations

import pytest
from conftest import other_releases

from index.compose.answer import Analysis, analyse
from index.query.question import analyse_question
from index.text.entities import DATE, NUMBER
from index.text.tokens import query_words

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


def analysed(make_kb, release: str, question: str) -> Analysis:
    """How `question` is read over `release` and the unrelated releases."""
    kb = make_kb({"release.txt": release, **OTHERS})
    kb.sync()
    return analyse(kb.snapshot(), kb.embedder, question)


def test_the_scale_asked_for_is_the_answers_head() -> None:
    assert analyse_question("how big is the trade according to okafor") == (NUMBER, "big")
    assert analyse_question("How large was the delegation?") == (NUMBER, "larg")
    # "many" and "much" are function words: no head
    assert analyse_question("how many students travel") == (NUMBER, None)
    assert analyse_question("how much is the aid?") == (NUMBER, None)


def test_a_size_question_is_covered_by_an_answer_without_its_scale_word(make_kb) -> None:
    an = analysed(make_kb, REMARKS, "how big is the trade according to okafor")
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
    an = analysed(make_kb, EXPO, "When was the last time the US hosted a World's Fair?")
    assert an.plan.head == "time"
    # "time" is not counted against the answer, which says "since 1984": of the question's
    # words ("us" read as "united states"), only "last" is missing from it
    assert an.features.window_share == pytest.approx(5 / 6), an.features


TRIP = """Title: Special Envoy Okafor Concludes Regional Trip
Published: 2022-03-04

Special Envoy Ada Okafor traveled to Jordan, Kuwait, and Qatar from February 25 to March 3 to
press for a lasting truce. In each capital she met senior officials.
"""


def test_the_motion_framing_a_place_question_is_no_word_the_answer_needs(make_kb) -> None:
    an = analysed(make_kb, TRIP, "okafor trip which countries did she go to")
    assert an.plan.head == "countri"
    # neither "countries" nor "go" is counted against "traveled to Jordan, Kuwait, and Qatar"
    assert an.features.coverage == pytest.approx(1.0), an.features


def test_anyone_and_anything_are_function_words(seed_kb) -> None:
    """ "Did Blinken meet anyone in Seoul?" asks whom he met: "anyone" is no word the documents
    must hold (it counted as one they lack, and the question was refused)."""
    words = set(query_words("did anyone say anything"))
    assert not {"anyone", "anything"} & words
    reply = seed_kb.ask("Did Blinken meet anyone in Seoul?")
    assert reply.found and "Yoon" in reply.text, reply.text
