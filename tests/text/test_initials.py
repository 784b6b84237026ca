"""Names written by their initials are read as the name the titles write."""

from __future__ import annotations

from index.text.initials import expand_name_initials, initials_table

TITLES = [
    "Statement on the Visit of His Highness Sheikh Mohamed bin Zayed Al Nahyan, President of "
    "the United Arab Emirates, to the White House",
    "President Biden’s Call with President Andrés Manuel López Obrador of Mexico",
    "Secretary Blinken’s Travel to Israel",
    "Readout of the Meeting of the North Atlantic Treaty Organization",
]


def test_initials_of_names_in_titles() -> None:
    table = initials_table(TITLES)
    assert table["MBZ"] == "Mohamed bin Zayed"
    assert table["AMLO"] == "Andrés Manuel López Obrador"
    assert "SBT" not in table and "NATO" not in table  # a title, an organisation: no names


def test_a_capitalised_word_the_corpus_lacks_is_spelt_out() -> None:
    table = initials_table(TITLES)

    def known(term: str) -> bool:
        return term in {"nato", "white", "house"}

    assert (
        expand_name_initials("when is MBZ coming to the White House", table, known)
        == "when is Mohamed bin Zayed coming to the White House"
    )
    assert expand_name_initials("what did AMLO say", table, lambda t: t == "amlo") == (
        "what did AMLO say"  # the corpus has the word itself
    )
    assert expand_name_initials("WHEN IS MBZ COMING", table, known) == "WHEN IS MBZ COMING"
