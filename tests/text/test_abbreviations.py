"""Abbreviations a document defines, and the initials of the names it spells out, count as the
words they stand for."""

from __future__ import annotations

import pytest

from index.text.abbreviations import defined_abbreviations, name_initials, with_abbreviations
from index.text.tokens import term_set


@pytest.mark.parametrize(
    ("text", "short", "long"),
    [
        ("the Treasury issued two new general licenses (“GL”) and", "GL", "general licenses"),
        ("issued Withhold Release Orders (WROs) for seafood", "WRO", "Withhold Release Orders"),
        ("the Office of Foreign Assets Control (OFAC)", "OFAC", "Office of Foreign Assets Control"),
        (
            "the President’s Emergency Plan for AIDS Relief (PEPFAR)",
            "PEPFAR",
            "President’s Emergency Plan for AIDS Relief",
        ),
        ("the Mekong-U.S. Partnership (MUSP)", "MUSP", "Mekong-U.S. Partnership"),
        ("the Nuclear Non-Proliferation Treaty (NPT)", "NPT", "Non-Proliferation Treaty"),
    ],
)
def test_a_bracketed_short_form_spelling_the_initials_before_it_is_defined(
    text: str, short: str, long: str
) -> None:
    assert defined_abbreviations(text) == {short: long}


@pytest.mark.parametrize(
    "text", ["the Islamic State in Iraq and Syria, Daesh (ISIS)", "in 2021 (AUC)", "a vote (Y)"]
)
def test_brackets_that_do_not_spell_the_words_before_them_define_nothing(text: str) -> None:
    assert defined_abbreviations(text) == {}


def test_a_sentence_using_a_short_form_holds_the_long_forms_words_and_the_reverse() -> None:
    defined = {"GL": "general licenses"}
    short = "Under GL 36, transactions are authorized through August 31."
    assert {"general", "licens"} <= with_abbreviations(short, term_set(short), defined)
    long = "The general licenses expire soon."
    assert "gl" in with_abbreviations(long, term_set(long), defined)
    other = "Glass exports rose."  # "GL" inside a word is no use of it
    assert with_abbreviations(other, term_set(other), defined) == term_set(other)


def test_the_initials_of_names_spelt_out_are_terms() -> None:
    text = "Outlets such as the Voice of America and the British Broadcasting Corporation said"
    assert {"voa", "bbc"} <= name_initials(text)
    assert name_initials("The United States agreed.") == frozenset()  # two letters are words
    assert not name_initials("the minister spoke with reporters")
