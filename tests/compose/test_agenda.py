"""Agenda questions ("What will Voss and Tamar talk about?"): the sentence giving what the
leaders will discuss answers, even when it names them only as "the two Presidents" and does not
use the question's verb; another document's sentence that gives no agenda does not join it."""

from __future__ import annotations

import pytest
from conftest import SHARED_DATA, other_releases

from index.compose.aims import aim_check, states_agenda, states_topics
from index.compose.answer import answer_question
from index.query.question import agenda_verb, asks_agenda, asks_future

WELCOME = """Title: Statement on the Visit of President Rafael Tamar of Ostrava
Published: 2023-01-31

President Voss looks forward to welcoming President Rafael Tamar of Ostrava to the White House
on Friday, February 10 to further strengthen the close relationship between the two countries.
During their meeting at the White House, the two Presidents will discuss support for
democracy in the region and regional migration.
"""
TRANSITION = """Title: Readout of the Advisor's Travel to Ostrava
Published: 2022-12-05

The meetings follow President Voss's call with President-elect Tamar in October 2022, where the
President committed to keeping open channels between the two countries during the transition.
Advisor Pell met with Finance Minister Ana Bruck in the capital.
"""
JORDAN = """Title: Secretary Reed's Travel to Jordan and Qatar
Published: 2023-11-17

Secretary of State Hanna Reed will travel to Amman, Jordan, and Doha, Qatar, November 20-23.
In Jordan, Secretary Reed will highlight the joint commitment to providing humanitarian
assistance to those in need. In Qatar, she will visit the Al Udeid air base.
"""
FILLER = other_releases(
    [
        ("Call with the Foreign Minister", "Secretary Reed spoke with Minister Urrejola."),
        ("Travel to Guatemala", "Advisor Lund will talk to students in Guatemala City."),
    ],
    "2022-05",
)


@pytest.mark.parametrize(
    ("question", "verb"),
    [
        ("What will Biden and Lula talk about?", "talk"),
        ("What will Biden and Modi talk about during the state visit?", "talk"),
        ("what are harris and macron going to discuss", "discuss"),
        ("What did Blinken discuss with the foreign minister?", "discuss"),
        ("What topics will they cover?", "cover"),
        ("what will the talks focus on", "focus"),
        ("sherman locsin manila meeting topics", "topic"),
        ("What was on the agenda of the summit?", "agenda"),
        ("Why is Blinken going to Jordan?", None),
        ("Who will discuss trade with Blinken?", None),
    ],
)
def test_agenda_questions_and_the_verb_they_ask_with(question: str, verb: str | None) -> None:
    assert asks_agenda(question) is (verb is not None)
    assert agenda_verb(question) == verb


def test_the_agenda_answers_though_it_names_neither_leader_nor_the_verb(make_kb) -> None:
    """ "talk" is the question's frame: the sentence saying what "the two Presidents will
    discuss" leads, over sentences naming both leaders, and the other document's sentence
    about their call, which gives no agenda, is left out."""
    kb = make_kb({"welcome.txt": WELCOME, "transition.txt": TRANSITION, **FILLER})
    kb.sync()
    a = answer_question(kb.snapshot(), kb.embedder, "What will Voss and Tamar talk about?")
    assert a.found, a.text
    assert "migration" in a.text.split("[1]")[0], a.text
    assert "open channels" not in a.text, a.text


def test_what_will_be_discussed_at_a_stop_is_the_aim_stated_there(make_kb) -> None:
    kb = make_kb({"jordan.txt": JORDAN, **FILLER})
    kb.sync()
    a = answer_question(kb.snapshot(), kb.embedder, "What will Reed discuss in Jordan?")
    assert a.found and "humanitarian" in a.text, a.text


def test_a_further_sentence_set_in_another_country_is_left_out(seed_kb) -> None:
    """ "During his time in Israel, Secretary Blinken will emphasize ..." gives an agenda too,
    but not for Jordan."""
    a = answer_question(
        seed_kb.snapshot(), seed_kb.embedder, "What will Blinken discuss in Jordan?"
    )
    assert a.found and "humanitarian" in a.text, a.text
    assert "During his time in Israel" not in a.text, a.text


READOUT = """Title: Deputy Secretary Lane's Meeting with Foreign Minister Oduya
Published: 2022-03-29

Deputy Secretary of State Mara Lane met with Foreign Minister Samuel Oduya of Kerela yesterday.
They noted the strength of the bilateral partnership on public health and education.
They also discussed regional security issues of mutual interest.
The Deputy Secretary also raised human rights concerns.
She also expressed strong concern over the detention of journalist Paul Marek.
"""
VISIT = """Title: Statement on the Visit of Foreign Minister Oduya
Published: 2022-05-02

Deputy Secretary Lane will welcome Foreign Minister Oduya of Kerela to Washington on May 9.
The two will discuss vaccine production and trade.
"""


@pytest.mark.parametrize(
    ("question", "future"),
    [
        ("What did Lane and Oduya discuss?", False),
        ("what was discussed at the meeting", False),
        ("lane oduya nairobi meeting topics", False),  # no tense: a readout's topics count
        ("What will Lane and Oduya discuss?", True),
        ("what are they going to talk about", True),
    ],
)
def test_only_a_question_about_what_will_be_discussed_leaves_out_a_readout(
    question: str, future: bool
) -> None:
    assert asks_future(question) is future
    assert aim_check(question) is (states_agenda if future else states_topics)


@pytest.mark.parametrize(
    ("sentence", "agenda", "topics"),
    [
        # An agenda is a discussion, or an aim stated with "will" ...
        ("The two Presidents will discuss migration.", True, True),
        ("In Jordan, she will also highlight humanitarian assistance.", True, True),
        ("She traveled to Amman to highlight humanitarian assistance.", False, False),
        ("President Voss will host President Tamar at the White House.", False, False),
        # ... and a readout gives topics with its own verbs, in the past tense.
        ("The Deputy Secretary also raised human rights concerns.", False, True),
        ("She also expressed strong concern over the detention.", False, True),
        ("Deputy Secretary Lane met with Foreign Minister Oduya.", False, False),
        # Consulting on something is discussing it.
        ("Lane met with officials to consult on countering cyber activity.", True, True),
        # A call's readout: whom the Secretary spoke with, then what about.
        (
            "Secretary Lane spoke today with Foreign Minister Oduya about fishing rights.",
            False,
            True,
        ),
        ("Secretary Lane spoke with Foreign Minister Oduya in Nairobi.", False, False),
    ],
)
def test_an_agenda_and_a_readout_s_topics(sentence: str, agenda: bool, topics: bool) -> None:
    assert states_agenda(sentence) is agenda
    assert states_topics(sentence) is topics


def test_what_was_discussed_is_every_topic_of_the_readout(make_kb) -> None:
    """Each sentence giving a topic answers, down to the last one; the visit's agenda answers
    what they will discuss, not what they discussed."""
    kb = make_kb({"readout.txt": READOUT, "visit.txt": VISIT, **FILLER})
    kb.sync()
    snap = kb.snapshot()
    a = answer_question(snap, kb.embedder, "What did Lane and Oduya discuss?")
    assert a.found, a.text
    for topic in ("regional security", "human rights", "Paul Marek"):
        assert topic in a.text, a.text
    future = answer_question(snap, kb.embedder, "What will Lane and Oduya discuss?")
    assert future.found and "vaccine" in future.text.split("[1]")[0], future.text
    assert "human rights" not in future.text, future.text


WHITEHOUSE = SHARED_DATA / "whitehouse"
STARMER = (
    "statements-releases/2024-07/2024-07-08-statement-from-white-house-press-secretary-karine-"
    "jean-pierre-on-the-visit-of-prime-minister-keir-starmer-of-the-united-kingdom.md",
    "statements-releases/2024-09/2024-09-06-statement-from-white-house-press-secretary-karine-"
    "jean-pierre-on-the-visit-of-prime-minister-keir-starmer-of-the-united-kingdom-2.md",
)


@pytest.mark.skipif(not WHITEHOUSE.exists(), reason="../shared/data/whitehouse is not here")
def test_a_set_up_sentence_gives_way_to_the_agenda_after_it(make_kb) -> None:
    """The second visit's statement joins the answer through its agenda sentence ("The leaders
    will have an in-depth discussion on ..."), not through the sentence that only sets it up
    ("This will be their second meeting at the White House ...")."""
    # Other visits' statements, as the White House corpus has them: the same frame, other
    # leaders.
    visits = sorted((WHITEHOUSE / "statements-releases").glob("2023-0*/*on-the-visit-of-*.md"))
    files = {p.name: p.read_text() for p in visits[:12]}
    files |= {p.split("/")[-1]: (WHITEHOUSE / p).read_text() for p in STARMER}
    kb = make_kb(files)
    kb.sync()
    question = "what will biden and starmer discuss at their bilateral"
    a = answer_question(kb.snapshot(), kb.embedder, question)
    assert a.found and "in-depth discussion" in a.text, a.text
    assert "second meeting" not in a.text, a.text
