"""A where question about an event is answered by its transcript's dateline and venue lines,
which no sentence of the remarks repeats."""

from __future__ import annotations

from conftest import other_releases

from index.compose.venue import opening_place

REMARKS = "\n\n".join(
    [
        "Title: Minister Elin Varo at Harbour Renewal Site Visit\n"
        "Author: Elin Varo, Minister\nPublished: 2023-06-02",
        "Elin Varo, Minister",
        "Galway, Ireland",
        "Civic Hall in Ballybrit",
        "MINISTER VARO: Good morning, everyone. It is very good to be here, and I thank you for "
        "the warm welcome.",
        "Many of the projects here are part of Harbour Renewal, an initiative that now reaches 40 "
        "towns across the west and will reach 60 by next year.\n",
    ]
)
TRAVEL = (
    "Title: Minister Varo's Travel to Ireland\nPublished: 2023-05-30\n\n"
    "Minister Elin Varo will travel to Galway, Ireland, from June 1 to 3 to meet with local "
    "leaders and to visit projects of the Harbour Renewal initiative.\n"
)
STATEMENT = (
    "Title: Statement on the Harbour Renewal Grants\nPublished: 2023-06-05\n\n"
    "Dublin, Ireland\n\n"
    "The ministry today announced grants for twelve more harbour towns under the Harbour "
    "Renewal initiative.\n"
)
OTHERS = other_releases(
    [
        ("Fisheries Talks Open in Bergen", "Delegates met in Bergen to discuss quotas."),
        ("Ports Forum Meets in Oslo", "The ports forum heard from harbour masters."),
    ],
    "2023-04",
)


def test_the_venue_of_the_event_the_title_names_answers_where(make_kb) -> None:
    kb = make_kb(
        {"remarks.txt": REMARKS, "travel.txt": TRAVEL, "statement.txt": STATEMENT, **OTHERS}
    )
    kb.sync()
    snap = kb.snapshot()
    remarks = next(d for d, doc in snap.docs.items() if doc.path == "remarks.txt")
    travel = next(d for d, doc in snap.docs.items() if doc.path == "travel.txt")
    assert [s.text for s in opening_place(snap, remarks)] == [
        "Galway, Ireland",
        "Civic Hall in Ballybrit",
    ]
    assert opening_place(snap, travel) == []  # no transcript: no dateline read
    statement = next(d for d, doc in snap.docs.items() if doc.path == "statement.txt")
    assert opening_place(snap, statement) == []  # where it was issued, then its text
    a = kb.ask("Where in Ireland did Varo visit the Harbour Renewal site?")
    assert a.found and "Civic Hall in Ballybrit" in a.text, a.text
    assert {c.path for c in a.citations} == {"remarks.txt"}
    # A trip's stop is asked with a motion verb, and the itinerary answers it, not a venue.
    trip = kb.ask("Where is Varo going in June?")
    assert trip.found and "Ballybrit" not in trip.text, trip.text


def test_a_dateline_ending_in_initials_is_no_sentence(make_kb) -> None:
    """ "Washington, D.C." ends with a full stop, and still is a dateline, not a sentence."""
    capital = REMARKS.replace("Galway, Ireland", "Washington, D.C.")
    kb = make_kb({"remarks.txt": capital, "statement.txt": STATEMENT, **OTHERS})
    kb.sync()
    snap = kb.snapshot()
    remarks = next(d for d, doc in snap.docs.items() if doc.path == "remarks.txt")
    assert [s.text for s in opening_place(snap, remarks)] == [
        "Washington, D.C.",
        "Civic Hall in Ballybrit",
    ]
    a = kb.ask("Where did Varo visit the Harbour Renewal site?")
    assert a.found and "Civic Hall in Ballybrit" in a.text, a.text
