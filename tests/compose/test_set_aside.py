"""A question setting aside what it knows ("Besides the X project, what else ...?") is answered
by what the release tells next."""

from __future__ import annotations

import pytest
from conftest import UNRELATED_RELEASES, other_releases

from index.compose.answer import analyse
from index.compose.besides import set_aside

DIALOGUE = (
    "Title: Second Lantia-Tolmar Civil Space Dialogue\nPublished: 2022-03-25\n\n"
    "Officials of Lantia and Tolmar met virtually March 22-24 for the second Lantia-Tolmar "
    "Civil Space Dialogue. Participants discussed the Vellmark River project, a partnership "
    "that helps both countries use satellite data to watch floods and harvests. Participants "
    "also discussed the use of drone mapping to assist with disaster management and maritime "
    "awareness.\n"
)
TRAVEL = (
    "Title: Deputy Secretary Kestrel's Travel to Tolmar\nPublished: 2022-03-03\n\n"
    "From March 10 to 11, Deputy Secretary Kestrel will travel to Vell, Tolmar, where she will "
    "meet with Foreign Minister Ada Brann and other senior officials. The Deputy will also meet "
    "with the head of the Tolmar Council of Human Rights Rina Osk and host a discussion with "
    "young entrepreneurs.\n"
)
VISIT = (
    "Title: Deputy Secretary Orrin's Travel to Lantia\nPublished: 2022-04-03\n\n"
    "On April 5, Deputy Secretary Orrin will travel to Marsk, Lantia, where he will meet with "
    "Foreign Minister Ada Vosk and Interior Minister Tam Holt. He will also tour the Marsk "
    "flood barrier with local engineers.\n"
)
FILES = {
    "dialogue.txt": DIALOGUE,
    "travel.txt": TRAVEL,
    "visit.txt": VISIT,
    **other_releases(UNRELATED_RELEASES, "2022-04"),
}


@pytest.mark.parametrize(
    ("question", "known"),
    [
        (
            "Besides the Vellmark River project, what else came up?",
            {"vellmark", "river", "project"},
        ),
        ("who else is kestrel seeing in vell besides the foreign minister", {"foreign", "minist"}),
        ("Apart from Brann what did she do", {"brann"}),
        ("Who else is on the delegation besides her?", set()),  # only a pronoun
        ("What else came up at the dialogue?", set()),
    ],
)
def test_what_a_question_sets_aside(make_kb, question: str, known: set[str]) -> None:
    kb = make_kb(FILES)
    kb.sync()
    plan = analyse(kb.snapshot(), kb.embedder, question).plan
    assert set_aside(plan) == known


@pytest.mark.parametrize(
    ("question", "leads"),
    [
        (
            "Besides the Vellmark River project, what else was on the table at the "
            "Lantia-Tolmar space dialogue?",
            "Participants also discussed the use of drone mapping",
        ),
        ("who else is kestrel seeing in vell besides the foreign minister", "The Deputy will"),
    ],
)
def test_the_sentence_after_what_is_set_aside_leads(make_kb, question: str, leads: str) -> None:
    kb = make_kb(FILES)
    kb.sync()
    reply = kb.respond(question).reply
    assert reply.found, reply.text
    # the sentence telling what the question knows comes second, as its context
    first, second = reply.text.split(" [1] ")[0], reply.text.split(" [1] ")[1]
    assert leads in first, reply.text
    assert "Vellmark River project" in second or "Foreign Minister Ada Brann" in second


def test_a_sentence_naming_someone_else_of_the_kind_asked_still_leads(make_kb) -> None:
    """ "Foreign Minister Ada Vosk" is the one set aside; "Interior Minister Tam Holt" answers."""
    kb = make_kb(FILES)
    kb.sync()
    reply = kb.respond("who is orrin meeting in marsk besides the foreign minister").reply
    assert reply.found and reply.text.split(" [1]")[0].endswith("Tam Holt."), reply.text
