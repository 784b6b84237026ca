"""A yes/no question whether someone goes to a place is answered only by a document that has
them make that stop; a document naming the person and the place otherwise does not answer."""

from __future__ import annotations

import pytest

from index.compose.trip_check import asked_destinations, asked_traveller


@pytest.mark.parametrize(
    ("question", "places", "who"),
    [
        ("is biden stopping in buenos aires on his brazil trip", ["buenos aires"], "biden"),
        ("Will Sherman visit Seoul?", ["Seoul"], "sherman"),
        ("did austin go to india", ["india"], "austin"),
        ("Is the Secretary going to China?", ["China"], None),  # a title: nobody by name
        # A journey to an event named after a place, not to the place.
        ("is maduro's government going to the panama migration ministerial", [], "maduro"),
        ("Who is Blinken meeting in Seoul?", [], None),  # no yes/no question
        ("Did Blinken discuss China?", [], None),  # no journey
    ],
)
def test_the_place_and_person_a_yes_no_journey_question_asks_about(question, places, who):
    assert [p.text for p in asked_destinations(question)] == places
    if places:
        assert asked_traveller(question) == (((who,),) if who else ())


def test_no_trip_of_the_person_to_the_place_is_refused(seed_kb) -> None:
    for question in ("is blinken going to china", "Is the Secretary going to China?"):
        assert not seed_kb.ask(question).found, question
    for question, named in (
        ("is blinken going to seoul", "Seoul"),
        ("did austin visit india", "India"),  # Austin alone makes that stop
        ("will blinken visit jordan", "Amman"),  # the stop, by its country
    ):
        reply = seed_kb.ask(question)
        assert reply.found and named in reply.text, (question, reply.text)


ARGENTINA = """Title: Readout of Senior Official Travel to Argentina
Published: 2023-12-13

On Wednesday, December 13, 2023, Deputy Advisor Mike Pyle visited Buenos Aires and met with
senior members of the Argentine administration, including Economy Minister Luis Caputo.
President Biden called President Milei to congratulate him on his election, and Secretary of
Energy Jennifer Granholm recently visited Buenos Aires for the inauguration.
"""
PERU = """Title: Statement on President Biden's Travel to Peru and Brazil
Published: 2024-11-10

President Biden will travel to Lima, Peru, from November 14 to 16 to attend the APEC Leaders'
Meeting. The President will then travel to Manaus, Brazil, on November 17, and go on to Rio de
Janeiro for the G20 Leaders' Summit.
"""


def test_a_document_naming_the_person_for_something_else_does_not_answer(make_kb) -> None:
    kb = make_kb({"argentina.txt": ARGENTINA, "peru.txt": PERU})
    kb.sync()
    for question in ("is biden stopping in buenos aires", "is biden going to buenos aires"):
        assert not kb.ask(question).found, question
    lima = kb.ask("is biden stopping in lima")
    assert lima.found and "Lima" in lima.text, lima.text
    pyle = kb.ask("did pyle visit buenos aires")
    assert pyle.found and "Pyle" in pyle.text, pyle.text
