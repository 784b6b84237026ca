""" "What about the irish foreign minister?": a follow-up naming another holder of the same
office swaps the phrase naming the first one, with the words that only said whose it was."""

from __future__ import annotations

import pytest

from index.query.swap import swap_detail


@pytest.mark.parametrize(
    ("question", "detail", "read_as"),
    [
        (
            "what did sherman and rwanda's foreign minister discuss",
            "the irish foreign minister",
            "what did sherman and the irish foreign minister discuss",
        ),
        (
            "Who did Blinken meet with the Japanese prime minister?",
            "the korean prime minister",
            "Who did Blinken meet with the korean prime minister?",
        ),
        (
            "What did Blinken discuss with the minister?",
            "the defense minister",
            "What did Blinken discuss with the defense minister?",
        ),
        # "minister" is only part of "foreign minister": no swap to make of it.
        ("What did Blinken discuss with the foreign minister?", "the defense minister", None),
        # A country's adjective the gazetteer cannot derive ("swedish") still says which.
        (
            "what did blinken and the swedish foreign minister talk about",
            "the slovak foreign minister",
            "what did blinken and the slovak foreign minister talk about",
        ),
        # "the latvian one": a new "which" for the same office.
        (
            "what did blinken and the slovak foreign minister talk about",
            "the latvian one",
            "what did blinken and the latvian foreign minister talk about",
        ),
        ("Who did Blinken meet in Seoul?", "the other one", None),
        # A place is still swapped as a place.
        ("Who did Blinken meet in Seoul?", "Tokyo", "Who did Blinken meet in Tokyo?"),
    ],
)
def test_another_holder_of_the_office_swaps_in(question, detail, read_as) -> None:
    assert swap_detail(question, detail) == read_as


def test_a_name_typed_in_lower_case_swaps_in_when_it_is_known_as_one() -> None:
    """ "his call with joly": the name finder (the corpus, in the chat) says which word is a
    name; without one, a detail in lower case swaps nothing."""
    question = "What did Blinken discuss with Foreign Minister Garneau?"
    names = {"his call with joly": "Joly"}
    swapped = swap_detail(question, "his call with joly", name_of=names.get)
    assert swapped == "What did Blinken discuss with Joly?"
    assert swap_detail(question, "his call with joly") is None
    assert swap_detail(question, "the weather", name_of=names.get) is None


def test_a_name_after_in_typed_in_lower_case_is_the_place_asked_now() -> None:
    """ "and in rio?": the gazetteer knows Rio de Janeiro, not "Rio", but after "in" a word
    the corpus writes as a name is the new place, and takes the old place's slot, not the
    traveller's."""
    question = "What's Satterfield opening in Sao Paulo?"
    names = {"rio": "Rio"}
    assert swap_detail(question, "in rio", name_of=names.get) == (
        "What's Satterfield opening in Rio?"
    )
    assert swap_detail(question, "in the weather", name_of=names.get) is None


@pytest.mark.parametrize(
    ("question", "detail", "read_as"),
    [
        # Two countries: the last is what the question is about, the first its actor.
        (
            "How much aid did the US announce for the people of Burma in August 2021?",
            "Thailand",
            "How much aid did the US announce for the people of Thailand in August 2021?",
        ),
        # A city and a region: the city, the place of the question's own kind.
        (
            "Who is the deputy secretary seeing in Manila on her June 2022 Asia trip?",
            "Hanoi",
            "Who is the deputy secretary seeing in Hanoi on her June 2022 Asia trip?",
        ),
        # No place of the new one's kind: the first place, as before.
        (
            "Who is the deputy secretary seeing in Manila on her June 2022 Asia trip?",
            "laos",
            "Who is the deputy secretary seeing in Laos on her June 2022 Asia trip?",
        ),
    ],
)
def test_the_place_of_the_new_ones_kind_is_swapped(
    question: str, detail: str, read_as: str
) -> None:
    assert swap_detail(question, detail) == read_as


@pytest.mark.parametrize(
    ("question", "detail", "read_as"),
    [
        # "Gold" is a town, but in "Nord Gold" a word of a company's name: the name swaps in
        (
            "When does the wind-down license for Severstal run out?",
            "Nord Gold",
            "When does the wind-down license for Nord Gold run out?",
        ),
        (
            "What did Blinken say about the Paris Agreement?",
            "Kyoto Protocol",
            "What did Blinken say about the Kyoto Protocol?",
        ),
        # a place named whole still swaps for the place
        ("Who did Blinken meet in Seoul?", "New York", "Who did Blinken meet in New York?"),
    ],
)
def test_a_place_inside_a_longer_name_is_no_place(question, detail, read_as) -> None:
    assert swap_detail(question, detail) == read_as
