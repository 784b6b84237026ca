"""The places a question names: an acronym typed in capitals is no town of that name."""

from __future__ import annotations

from index.query.plan import place_mentions


def test_an_acronym_in_capitals_is_no_town() -> None:
    # "Mena" is a town in Ethiopia; "MENA" is the Middle East and North Africa
    q = "how many years has the uae been the biggest trade partner in MENA?"
    assert [m.text for m in place_mentions(q)] == ["uae"]
    assert [m.text for m in place_mentions("Who did Blinken meet in Mena?")] == ["Mena"]
    # a question typed all in capitals names its places in capitals
    assert [m.text for m in place_mentions("WHO DID BLINKEN MEET IN SEOUL?")] == ["SEOUL"]
