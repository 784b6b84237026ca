"""The date of one stop of a trip: "What day is she in Togo?" is answered by the sentence that
sets her in Togo on a day, not by the trip's opening that names every stop, and "the day
after" asks for the stop after the one just cited (compose/stops.py `dated_at_stop`,
query/followup.py `AFTER_THAT`)."""

from __future__ import annotations

from conftest import UNRELATED_RELEASES, other_releases

from index.compose.answer import answer_question

WEST_AFRICA = (
    "Title: Advisor Lena Ostrova's Travel to West Africa\nPublished: 2022-04-21\n\n"
    "Advisor Lena Ostrova will travel to West Africa from May 5 to 9, with stops in Ghana, "
    "Togo, Benin and Nigeria.\n\n"
    "On May 5, she will thank Ghana for its leadership on maritime security and review "
    "regional trade with officials in Accra.\n\n"
    "She will travel to Togo on May 7 to urge progress on port security and to discuss "
    "coastal fisheries with senior officials.\n\n"
    "On May 8, in Benin, Advisor Ostrova will encourage officials to expand cooperation on "
    "border security.\n\n"
    "Advisor Ostrova will travel to Nigeria on May 9, where she will meet with civil society.\n"
)

OTHERS = other_releases(UNRELATED_RELEASES, "2022-03")


def test_the_day_of_a_stop_is_the_sentence_that_dates_it(make_kb) -> None:
    kb = make_kb({"ostrova.txt": WEST_AFRICA, **OTHERS})
    kb.sync()
    a = answer_question(kb.snapshot(), kb.embedder, "What day is Ostrova in Togo?")
    assert a.found, a.text
    lead = a.text.split("[1]")[0]
    assert "May 7" in lead and "Togo" in lead, a.text


def test_the_day_after_asks_for_the_next_stop(make_kb) -> None:
    kb = make_kb({"ostrova.txt": WEST_AFRICA, **OTHERS})
    kb.sync()
    first = kb.respond("What day is Ostrova in Togo?")
    then = kb.respond("and where does she go the day after?", first.context)
    assert then.reply.reading == "where does Ostrova go after Togo?", then.reply.reading
    assert then.reply.found and "Togo" not in then.reply.text.split("[1]")[0], then.reply.text


def test_the_day_after_the_stop_asked_about(seed_kb) -> None:
    """ "What day is Blinken in Tokyo?" is answered from the opening that lists every stop
    (Tel Aviv first): "the day after" is after Tokyo, the stop asked about."""
    first = seed_kb.respond("What day is Blinken in Tokyo in November 2023?")
    then = seed_kb.respond("and where does he go the day after?", first.context)
    assert then.reply.reading == "where does Blinken go after Tokyo?", then.reply.reading
    assert "Seoul" in then.reply.text.split("[1]")[0], then.reply.text
