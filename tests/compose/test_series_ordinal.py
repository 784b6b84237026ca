"""A question asking about one of a series by its ordinal ("When is the second meeting?") is
refused when the releases tell only of others of it ("The first meeting ... took place")."""

from __future__ import annotations

import pytest
from conftest import UNRELATED_RELEASES, other_releases

from index.compose.lacks import other_ordinal

DIALOGUE = (
    "Title: Lantia and Tolmar Hold a Space Dialogue\nPublished: 2022-03-25\n\n"
    "The second Lantia-Tolmar Civil Space Dialogue met in Vell on March 22-24 to plan a joint "
    "weather satellite.\n"
)
GROUP = (
    "Title: Joint Statement on the Lantia-Tolmar Working Group on Fisheries\n"
    "Published: 2022-05-26\n\n"
    "The first meeting of the Lantia-Tolmar Working Group on Fisheries took place yesterday, "
    "May 25, in Vell. It was chaired by Deputy Assistant Secretary Mira Holt and Tolmar's "
    "Secretary of State for Fisheries Juan Pell.\n"
)
FILES = {
    "dialogue.txt": DIALOGUE,
    "group.txt": GROUP,
    **other_releases(UNRELATED_RELEASES, "2022-04"),
}


def test_another_of_a_series_than_the_one_asked_is_no_answer(make_kb) -> None:
    kb = make_kb(FILES)
    kb.sync()
    asked = "When is the second meeting of the Lantia-Tolmar Working Group on Fisheries?"
    assert not kb.respond(asked).reply.found
    told = kb.respond("When was the first meeting of the Lantia-Tolmar Working Group?").reply
    assert told.found and "May 25" in told.text, told.text
    assert not kb.respond(
        "Where will the third Lantia-Tolmar Civil Space Dialogue be held?"
    ).reply.found
    assert kb.respond("When was the second Lantia-Tolmar Civil Space Dialogue?").reply.found


@pytest.mark.parametrize(
    ("question", "sentence", "other"),
    [
        ("When is the second meeting?", "The first meeting took place on May 25.", True),
        ("When is the 2nd meeting?", "The second meeting took place on May 25.", False),
        ("Where is the 49th anniversary held?", "It marks the 50th anniversary.", True),
        # a sentence telling of several of the series tells of each
        (
            "Why is the second timeline needed?",
            "The second, third, and fourth timelines ...",
            False,
        ),
        # "the Eleventh Doctor" is a name, not the eleventh of the doctors asked about
        ("Who was the first Doctor to travel with a couple?", "The Eleventh Doctor did.", False),
        ("What did they sign?", "The first meeting took place on May 25.", False),
    ],
)
def test_which_of_a_series_a_sentence_tells(question: str, sentence: str, other: bool) -> None:
    assert other_ordinal(question, [sentence]) is other
