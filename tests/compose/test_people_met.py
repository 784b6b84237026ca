"""Whom a traveller meets: people by name, and office holders named by their offices; never an
event that shares the sentence with a "meet" (compose/people_met.py)."""

from __future__ import annotations

from index.compose.itinerary import DocSentence
from index.compose.people_met import people_in
from index.text.entities import find_entities


def _sentences(*texts: str) -> list[DocSentence]:
    out, at = [], 0
    for text in texts:
        out.append(DocSentence(at, at + len(text), text, 0, tuple(find_entities(text))))
        at += len(text) + 1
    return out


def test_office_holders_named_by_their_offices_are_met() -> None:
    sents = _sentences(
        "Today, Special Envoy Tim Lenderking concluded his visit to Yemen.",
        "During the trip, they met with the Governors of Hadhramaut, Mahra, and Shabwa.",
    )
    people, where = people_in(sents, [0, 1], {"Lenderking"})
    assert people == ["Governors of Hadhramaut, Mahra, and Shabwa"] and where == [1]


def test_an_event_is_nobody_met() -> None:
    """ "rely on assistance to meet basic needs ... at the upcoming High-Level Pledging Event":
    the event is no person, and the summary said the envoy "meets High-Level Pledging Event"."""
    sents = _sentences(
        "Millions rely on international assistance to meet basic needs, and the United States "
        "urges donors to support the people of Yemen at the upcoming High-Level Pledging Event "
        "for Yemen on March 16."
    )
    assert people_in(sents, [0], {"Lenderking"}) == ([], [])
    # a person met is still one
    met = _sentences("In Aden, Lenderking met with Prime Minister Maeen Abdulmalik.")
    assert people_in(met, [0], {"Lenderking"})[0] == ["Prime Minister Maeen Abdulmalik"]
