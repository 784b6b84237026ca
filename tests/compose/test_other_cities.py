"""One release, two cities of one country: a question about the first city is answered from the
sentences set there, and "Who else?" gives the other city's people, not a later sentence that
names someone only in passing (compose/stops.py, compose/more_names.py)."""

from __future__ import annotations

import pytest
from conftest import other_releases

from index.compose.answer import answer_question

IRAQ = """Title: Statement on Coordinator Whitfield's Travel to Iraq
Published: 2021-12-13

Coordinator for the Middle East Dana Whitfield completed a two day visit to Iraq where she
consulted with a range of political and security leaders. In Baghdad, Whitfield met with
President Barham Salih and Prime Minister Mustafa al-Kadhimi. In Erbil, Whitfield met with
President of the Kurdistan Region Nechirvan Barzani and other senior leaders. Whitfield
confirmed President Biden's commitment to the results of the Strategic Dialogue with the
Government of Iraq.
"""

OTHERS = other_releases(
    [
        ("Fisheries Report", "Fish stocks in the North Sea recovered in spring."),
        ("Rail Timetable", "Trains to the coast run every hour on weekends."),
        ("Library Hours", "The reading room opens at nine and closes at five."),
    ],
    "2021-11",
)


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
