"""Continuations that take more than an opening signal: a next sentence about the same subject,
a companion sentence read past to the one naming whom they meet, and a trip's stops when no
sentence lists them."""

from __future__ import annotations

import pytest

from index.compose.answer import analyse
from index.compose.continuation import carries_on, complete, same_subject
from index.compose.speech import is_rhetorical
from index.query.question import ANSWER_KINDS

MALABO = """Title: Assistant Secretary Okafor's Visit to Malabo
Published: 2023-02-10

Assistant Secretary of State for African Affairs Ruth Okafor will visit Malabo, Equatorial Guinea,
February 14-15 for bilateral meetings. Assistant Secretary Okafor will be joined by Special Advisor
Daniel Reyes and Major General Paul Ekwueme of U.S. Africa Command. The U.S. delegation will meet
with President Teodoro Obiang Nguema Mbasogo and Foreign Minister Simeon Oyono Esono Angue to
discuss maritime security. The harbour of Malabo handles most of the country's oil exports.
"""


@pytest.mark.parametrize(
    ("previous", "text", "same"),
    [
        (
            "Arriving in Tokyo, the Secretary will attend the G7 meeting.",
            "Beyond the summit, Secretary Blinken will hold talks with Prime Minister Kishida.",
            True,
        ),
        (
            "Under Secretary of State for Political Affairs Victoria Nuland will travel to Bogota.",
            "Under Secretary Nuland and the delegation will join the security dialogue.",
            True,
        ),
        # Another subject, or the same one somewhere else: not a continuation.
        ("The Secretary will attend the summit.", "The President will host a dinner.", False),
        (
            "Arriving in Tokyo, the Secretary will attend the G7 meeting.",
            "Secretary Blinken will then travel to Seoul to meet President Yoon.",
            False,
        ),
    ],
)
def test_same_subject(previous: str, text: str, same: bool) -> None:
    assert same_subject(previous, text) is same


def test_the_noun_openers_take_modifiers() -> None:
    assert carries_on("The U.S. delegation will meet with the President.")
    assert carries_on("The American delegation will meet with the President.")
    assert not carries_on("The harbour handles oil exports.")


def test_a_companion_sentence_is_read_past(make_kb) -> None:
    kb = make_kb({"malabo.txt": MALABO})
    kb.sync()
    snap = kb.snapshot()
    an = analyse(snap, kb.embedder, "Who will Okafor meet in Malabo?")
    first = next(s for s in an.sentences if s.text.startswith("Assistant Secretary of State"))
    completed = complete(snap, [first], an.plan, lambda xs: xs)
    # Not the companions' sentence right after it, but the one naming whom they meet.
    assert [s.text.split()[:3] for s in completed] == [
        ["Assistant", "Secretary", "of"],
        ["The", "U.S.", "delegation"],
    ]
    assert "Obiang" in completed[1].text


def test_which_cities_does_the_trip_include(seed_kb) -> None:
    reply = seed_kb.respond("Which cities does the November 2023 trip include?").reply
    assert reply.found and reply.kind.value == "timeline"
    assert "Tel Aviv → Amman → Tokyo → Seoul → New Delhi" in reply.text
    assert "2021" not in reply.text


def test_which_countries_did_he_visit_is_a_timeline(seed_kb) -> None:
    reply = seed_kb.respond("Which cities did Blinken visit in 2021?").reply
    assert reply.kind.value == "timeline"
    assert "Tokyo → Seoul" in reply.text and "Tel Aviv" not in reply.text


def test_another_trip_joins_when_its_next_sentence_names_whom_he_met(seed_kb) -> None:
    # The 2023 article's Tokyo sentence names no one; the sentence after it names Kishida. It
    # joins the 2021 answer (Motegi) as the other trip's, with that next sentence.
    reply = seed_kb.ask("Who did Blinken meet in Tokyo?")
    assert reply.found
    assert "Motegi" in reply.text and "Kishida" in reply.text
    assert reply.text.index("2023") < reply.text.index("2021")  # newest first


TIRANA = """Title: Minister Vale's Remarks at the Schools Reconstruction Conference
Published: 2023-03-01

MINISTER VALE: Thank you all for coming to Tirana. We have made real progress toward our 2023
pledging target for rebuilding schools in the north. We hoped to gather $240 million. Second,
the teachers who returned to the north need housing before the winter. The regional
governments have offered land for it, and the ministry will choose the builders in April.
Third, I want to thank the donors from the private sector for their generosity. Many of them
gave twice this year, and their gifts have already repaired the roofs of twenty schools.
"""


def test_a_speaker_going_on_in_the_first_person_carries_on() -> None:
    goal = "We have made real progress toward our 2023 pledging target."
    assert carries_on("We hoped to gather $240 million.", goal)
    # Not after a sentence in the third person: "We" starts the speaker's own point there.
    assert not carries_on("We expect the Secretary to meet leaders.", "The visit affirms ties.")


def test_the_amount_after_a_goal_in_a_speakers_words_is_shown(make_kb) -> None:
    kb = make_kb({"tirana.txt": TIRANA, "malabo.txt": MALABO})
    kb.sync()
    reply = kb.ask("What is the 2023 pledging target for rebuilding schools?")
    assert reply.found and "$240 million" in reply.text, reply.text
    assert reply.text.index("progress toward") < reply.text.index("$240 million")


PARIS = (
    "Title: Statement by the Vice President on Her Travel to Paris\nPublished: 2021-11-08\n\n"
    "I look forward to discussing with President Marchand our work on the climate crisis and "
    "regional security. We will also discuss new opportunities for collaboration in the area of "
    "space. It is fitting that the trip coincides with Armistice Day.\n"
)


def test_an_untyped_answer_that_already_goes_on_is_not_lengthened(make_kb) -> None:
    kb = make_kb({"paris.txt": PARIS, "malabo.txt": MALABO})
    kb.sync()
    snap = kb.snapshot()
    an = analyse(snap, kb.embedder, "What will the vice president and Marchand discuss?")
    assert not ANSWER_KINDS.get(an.plan.qtype)  # untyped: any continuation would do
    chosen = [s for s in an.sentences if s.text.startswith(("I look", "We will"))]
    assert [s.text.split()[0] for s in chosen] == ["I", "We"]
    # The second sentence carries the first on and is already shown; the one after it adds
    # nothing that was asked.
    assert complete(snap, chosen, an.plan, lambda xs: xs) == chosen


LUSAKA = """Title: Special Envoy Halvorsen and Charge Moreau Conclude Visit to Zambia
Published: 2023-04-06

Today, Special Envoy for the Great Lakes Anna Halvorsen and Charge d'Affaires of the U.S. Embassy
to Zambia Luc Moreau concluded their visit to Zambia. During the trip, they met with the
Governors of Luapula, Muchinga, and Copperbelt. The visit highlighted how families far from the
capital are affected by drought and rising prices. It provided an opportunity to discuss the
needs of these provinces and efforts to strengthen basic services and economic opportunity.
"""


def test_office_holders_met_in_the_next_sentence_are_shown(make_kb) -> None:
    """ "During the trip, they met with the Governors of Luapula, Muchinga, and Copperbelt"
    names whom they met by their offices: it carries the answer on, as a sentence naming them
    would, and answers a follow-up asked of the release just cited."""
    kb = make_kb({"lusaka.txt": LUSAKA, "malabo.txt": MALABO})
    kb.sync()
    reply = kb.respond("Who did Halvorsen meet in Zambia?").reply
    assert "Governors of Luapula, Muchinga, and Copperbelt" in reply.text, reply.text
    chat = kb.respond("Who went to Zambia with Halvorsen?")
    assert "Moreau" in chat.reply.text
    after = kb.respond("who did they meet while they were there?", chat.context).reply
    assert "Governors of Luapula" in after.text, after.text


LISBON = """Title: Secretary Reed and Commission President Alves Before Their Meeting
Published: 2022-03-04

PRESIDENT ALVES: Thank you, Hanna. Finally, the Union has triggered for the first time ever
the so-called Shelter Directive. What is it? It effectively opens up residency rights for
most refugees to live and work in the Union, with access to health services and schools for
at least a year. The Shelter Directive was written in 2001, after the wars in the Balkans.
The Shelter Directive had never been used before this war. We will report on the Shelter
Directive to the Council in June.
QUESTION: Madam President, what does the Directive cost?
"""


def test_a_speakers_own_question_leads_to_the_answer_after_it(make_kb) -> None:
    """ "What is it?" asked and answered by the speaker: the answer after it carries the
    sentence before it on, read past the question; a reporter's question is not read past."""
    assert is_rhetorical("What is it?") and is_rhetorical("Why does this matter?")
    assert not is_rhetorical("QUESTION: What is it?")
    assert not is_rhetorical("So what will the Union do for the refugees of this war now?")
    kb = make_kb({"lisbon.txt": LISBON, "malabo.txt": MALABO})
    kb.sync()
    reply = kb.ask("what did alves say about triggering the shelter directive for the first time?")
    assert reply.found and "residency rights" in reply.text, reply.text
    assert reply.text.index("Shelter Directive") < reply.text.index("residency rights")
