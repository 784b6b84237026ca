"""People in prose: a run of abstract or institutional nouns is no person ("Russian
Federation", "Press Availability"), nor is a region's name ("West Africa")."""

from __future__ import annotations

import pytest

from index.text.entities import PERSON, find_entities


def test_a_contracted_pronoun_is_no_name() -> None:
    """ "I’ll" (with a typographic apostrophe, as the releases write it) opens speech; it is
    not a name, and the name after it still is one."""
    found = {e.text for e in find_entities("To your question, I’ll say that we’ve met Ravi Tan.")}
    assert "I’ll" not in found and "we’ve" not in found and "Ravi Tan" in found, found


@pytest.mark.parametrize(
    ("text", "name", "person"),
    [
        ("The Russian Federation rejected the proposal.", "Russian Federation", False),
        ("He thanked the Intelligence Community for its work.", "Intelligence Community", False),
        ("They held a Press Availability in Riga.", "Press Availability", False),
        (
            "It was built by Overseas Buildings Operations staff.",
            "Overseas Buildings Operations",
            False,
        ),
        ("It is the first such project in West Africa.", "West Africa", False),
        ("He set out his policy towards Latin America.", "Latin America", False),
        # a document's name ("Comprehensive Annual Report") is no one's either
        (
            "The meeting will preview the Comprehensive Annual Report on broadcasting.",
            "Comprehensive Annual Report",
            False,
        ),
        ("They signed the Nile Water Charter in Cairo.", "Nile Water Charter", False),
        ("She met Andrew Holness in Kingston.", "Andrew Holness", True),
        ("He spoke with Lloyd Austin by phone.", "Lloyd Austin", True),
    ],
)
def test_abstract_and_institutional_nouns_name_no_person(
    text: str, name: str, person: bool
) -> None:
    found = {e.text: e.kind for e in find_entities(text)}
    assert (found.get(name) == PERSON) is person, found
