"""One release, two cities of one country: a question about the first city is answered from the
sentences set there, and "Who else?" gives the other city's people, not a later sentence that
names someone only in passing (compose/stops.py, compose/more_names.py)."""

from __future__ import annotations

import pytest
from conftest import UNRELATED_RELEASES, other_releases

from index.compose.answer import analyse, answer_question

IRAQ = (
    "Title: Statement on Coordinator Whitfield's Travel to Iraq\nPublished: 2021-12-13\n\n"
    "Coordinator for the Middle East Dana Whitfield completed a two day visit to Iraq where she "
    "consulted with a range of political and security leaders. In Baghdad, Whitfield met with "
    "President Barham Salih and Prime Minister Mustafa al-Kadhimi. In Erbil, Whitfield met with "
    "President of the Kurdistan Region Nechirvan Barzani and other senior leaders. Whitfield "
    "confirmed President Biden's commitment to the results of the Strategic Dialogue with the "
    "Government of Iraq.\n"
)

OTHERS = other_releases(UNRELATED_RELEASES, "2021-11")


@pytest.fixture
def kb(make_kb):
    kb = make_kb({"iraq.txt": IRAQ, **OTHERS})
    kb.sync()
    return kb


def test_a_sentence_opening_in_another_city_does_not_answer(kb) -> None:
    a = answer_question(kb.snapshot(), kb.embedder, "Who did Whitfield see in Baghdad?")
    assert a.found and "Salih" in a.text, a.text
    assert "Barzani" not in a.text, a.text


def test_who_else_gives_the_other_city_not_a_name_in_passing(kb) -> None:
    first = kb.respond("Who did Whitfield see in Baghdad?")
    assert "Salih" in first.reply.text and "Barzani" not in first.reply.text
    more = kb.respond("Who else?", first.context)
    assert "Barzani" in more.reply.text, more.reply.text
    assert more.reply.text.index("Barzani") < more.reply.text.index("[1]")


HEADED = (
    "Title: Assistant Secretary Mara Quist Travels to Lagos and Abuja for Educational Exchanges\n"
    "Published: 2022-07-06\n\n"
    "Assistant Secretary Mara Quist Travels to Lagos and Abuja for Educational Exchanges\n\n"
    "Assistant Secretary of State for Educational Affairs Mara Quist will travel to Nigeria "
    "from July 7-12, 2022. The Assistant Secretary will promote exchanges in Lagos and Abuja.\n\n"
    "In Lagos, the Assistant Secretary will inaugurate a new EducationUSA center with a local "
    "school group.\n\nIn Abuja, she will open a film workshop with local filmmakers.\n"
)


def test_the_title_repeated_as_a_heading_does_not_answer(make_kb) -> None:
    """A release that opens its body with its title: that line tells nothing the title does
    not, and names both cities, so it is not one of the sentences that may answer; the
    sentence set in Lagos answers about Lagos."""
    kb = make_kb({"quist.txt": HEADED, **OTHERS})
    kb.sync()
    asked = "What's Quist opening in Lagos?"
    scored = [s.text for s in analyse(kb.snapshot(), kb.embedder, asked).sentences]
    assert any("EducationUSA" in t for t in scored), scored
    assert not any(t.startswith("Assistant Secretary Mara Quist Travels") for t in scored), scored
    a = answer_question(kb.snapshot(), kb.embedder, asked)
    assert a.found and "EducationUSA" in a.text, a.text
