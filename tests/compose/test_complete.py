"""Complete answers: the next sentence when it carries the answer on, "why" questions answered
by aim sentences, misspelt questions answered like their corrected form, datelines never."""

from __future__ import annotations

import numpy as np
import pytest

from index.compose.aims import states_aim
from index.compose.answer import answer_question
from index.compose.continuation import carries_on, is_dateline, is_reference_line
from index.query.question import asks_purpose, question_frame

HARBOUR = """Title: Harbour council spring programme
Published: 2020-04-02

VELTMAR

The harbour council of Veltmar announced its spring programme on Monday. Later in April the
council chair Maren Holt will travel to Dunmore for the regional fisheries forum. There, she will
meet Mayor Ilse Brandvik and the port director Tomas Okonkwo. The forum is held every two years
and draws about 400 delegates.

The council will also repaint the lighthouse in order to make it visible to ships in fog.
"""


def ask(kb, q):
    return answer_question(kb.snapshot(), kb.embedder, q)


@pytest.mark.parametrize(
    ("sentence", "carries"),
    [
        ("There, she will meet the mayor.", True),
        ("Together, the delegation will engage with the ministers.", True),
        ("He will also visit the port.", True),
        ("During the visit, the chair will open a pier.", True),
        ("These talks follow a summit in May.", True),
        ("The forum is held every two years.", False),
        ("Heathrow handled more flights.", False),  # "He..." only as a whole word
        ("Thereafter prices rose.", False),
        ("The Deputy will also meet with the head of the council.", True),  # a bare title
        ("The Ambassador will host a reception.", True),
        ("The theatre will host a reception.", False),
        # the occasion set up before, named again after a determiner
        ("During this trip to engage with allies, she will emphasize trade.", True),
        ("During her stay in Windhoek, she will meet the President.", True),
        ("In those talks, the ministers agreed on a plan.", True),
        ("During the pandemic, prices rose.", False),
        ("In the coming months, the council will act.", False),
    ],
)
def test_discourse_signals(sentence: str, carries: bool) -> None:
    assert carries_on(sentence) is carries


def test_purpose_and_datelines() -> None:
    assert asks_purpose("Why is the mayor going to Oslo?")
    assert asks_purpose("What was the purpose of the visit?")
    assert asks_purpose("The chair went to Dunmore what for?")
    assert not asks_purpose("Who went to Dunmore?")
    # whose account is asked for may come first
    assert asks_purpose("According to the mayor, why hasn't the meeting taken place?")
    assert asks_purpose("Per the readout, what was the point of the visit?")
    # a purpose asked by what is wanted; the asking words are not the answer's
    assert asks_purpose("What is the council trying to achieve by repainting the lighthouse?")
    assert asks_purpose("what did they hope to accomplish in Dunmore")
    assert asks_purpose("what are they aiming for with the forum?")
    assert not asks_purpose("what did she try to sell?") and not asks_purpose(
        "What did they achieve?"
    )
    assert "trying" in question_frame("What is the US trying to achieve by it?")
    assert "achieve" not in question_frame("What is the US trying to achieve by it?")
    assert states_aim("The council will repaint it in order to make it visible.")
    assert states_aim("The visit aims to deepen trade ties.")
    assert not states_aim("The forum draws 400 delegates.")
    # an aside between "designed" and its "to", and a speaker's "what this is about"
    assert states_aim("The sanctions are designed, in the first instance, to deter the junta.")
    assert not states_aim("The hall was designed, in 1921, by Tolle.")
    assert states_aim("What this is about, in the end, is denying Lantia its independence.")
    # a question may say first where it is about
    assert asks_purpose("In the ABC interview, what are the sanctions supposed to accomplish?")
    assert asks_purpose("During the summit, why did the mayor leave early?")
    assert not asks_purpose("In the ABC interview, what did she say about Lantia?")
    # a trip for an event states its aim; a trip for a while does not
    assert states_aim("McKeon will also visit Frankfurt, Germany, for internal meetings.")
    assert states_aim("She travels to Vienna for the Review Conference.")
    assert not states_aim("He will travel to Vienna for two days.")
    assert not states_aim("She travels to Paris for the first time.")
    for line in ("VELTMAR", "Tokyo, Japan", "New Delhi, India, May 3, 2022", "WASHINGTON, D.C."):
        assert is_dateline(line), line
    assert not is_dateline("The chair will travel to Dunmore.")


def test_a_contact_address_with_a_few_words_is_a_reference() -> None:
    assert is_reference_line("Contact ECA-Press@state.gov for press queries.")
    assert is_reference_line("For media inquiries, please contact ClimateComms@state.gov.")
    assert is_reference_line("- G7 Summit: https://www.g7.example/summit")
    # A statement that also gives an address is one.
    assert not is_reference_line(
        "Ambassador Reyes met the mayor of Lagos and asked residents to write to aid@lagos.example."
    )


def test_next_sentence_carries_the_names(make_kb) -> None:
    kb = make_kb({"harbour.txt": HARBOUR})
    kb.sync()
    a = ask(kb, "Who will the council chair meet in Dunmore?")
    assert a.found and "Ilse Brandvik" in a.text and "Tomas Okonkwo" in a.text
    assert "There, she will meet" in a.text and a.text.count("[") >= 2
    why = ask(kb, "Why will the council repaint the lighthouse?")
    assert why.found and "in order to make it visible" in why.text
    where = ask(kb, "Where is the harbour council?")
    assert not any(line.strip().endswith("VELTMAR [1]") for line in where.text.splitlines())


def test_issue_examples_on_the_seed_corpus(seed_kb) -> None:
    delhi = ask(seed_kb, "Who will Blinken meet in New Delhi?")
    assert "Jaishankar" in delhi.text and "Together, the delegation" in delhi.text
    jordan = ask(seed_kb, "Why is Blinken going to Jordan?")
    assert jordan.found and "In Jordan" in jordan.text
    typo = ask(seed_kb, "who did blinkin meet in seul")
    assert typo.found and ("Chung Eui-yong" in typo.text or "Yoon Suk Yeol" in typo.text)
    assert "Tokyo" not in typo.text.split("[1]")[0]


def test_a_person_after_an_institutions_name_is_a_person() -> None:
    from index.text.entities import PERSON, find_entities

    text = "She will meet the head of the National Council of Human Rights Moushira Khattab."
    people = [e.text for e in find_entities(text) if e.kind == PERSON]
    assert people == ["Moushira Khattab"]
    names = [e.text for e in find_entities("He toured the Air Force Academy.")]
    assert names == ["Air Force Academy"]
    # ... also after a portfolio that opens with a word of another kind ("Israeli and")
    text = (
        "She will be accompanied by Deputy Assistant Secretary for Israeli and Palestinian "
        "Affairs Hady Amr and NSC Director for Israel and Palestinian Affairs Cynthia Cook."
    )
    people = [e.text for e in find_entities(text) if e.kind == PERSON]
    assert people == ["Hady Amr", "Cynthia Cook"]


def test_a_continuation_set_in_another_country_is_not_added(seed_kb) -> None:
    """ "what did blinken do in amman": the sentence after the list of his stops goes on "During
    his time in Israel, ...", which tells what he does elsewhere."""
    from index.compose.continuation import goes_elsewhere
    from index.query.plan import plan_query

    a = ask(seed_kb, "what did blinken do in amman")
    assert a.found and "Amman" in a.text, a.text
    assert "During his time in Israel" not in a.text, a.text
    plan = plan_query(seed_kb.snapshot(), seed_kb.embedder, "what did blinken do in amman")
    assert goes_elsewhere("During his time in Israel, he will speak.", plan)
    assert not goes_elsewhere("During his time in Jordan, he will speak.", plan)  # Amman's
    assert not goes_elsewhere("In Amman and in Israel, he will speak.", plan)  # names Amman
    # Where a sentence is set is said first; a place in its last words is not it.
    assert not goes_elsewhere("During the visit, he will discuss stability in Haiti.", plan)
    assert not goes_elsewhere("He will reaffirm the commitment to the U.S., and more.", plan)


def test_companions_named_travel_along_rather_than_being_met() -> None:
    from index.compose.continuation import companions_named
    from index.query.plan import QueryPlan
    from index.text.entities import find_entities

    plan = QueryPlan(
        text="who went with blinken to tokyo",
        terms=("blinken", "tokyo"),
        corrections={},
        unknown=(),
        time=None,
        qvec=np.zeros(1, dtype=np.float32),
        given=frozenset({"blinken", "tokyo"}),
        places=frozenset({"tokyo"}),
    )

    def named(text: str) -> list[str]:
        return [e.text for e in companions_named(text, tuple(find_entities(text)), plan)]

    assert named("He will go to Delhi alongside Secretary of Defense Lloyd J. Austin III.") == [
        "Lloyd J. Austin III"
    ]
    assert named("On Tuesday, Blinken and Austin will be in Tokyo for talks.") == ["Austin"]
    assert named("Antony Blinken and Secretary of Defense Lloyd Austin will travel.") == [
        "Lloyd Austin"
    ]
    assert named("Molly Phee and Dana Banks will join the Deputy Secretary’s delegation.") == [
        "Molly Phee",
        "Dana Banks",
    ]
    assert named("The delegation includes Assistant Secretary Donald Lu.") == ["Donald Lu"]
    # Whom he meets is no companion, nor is a name beside a place the question gives.
    assert named("Blinken will meet Prime Minister Kishida Fumio in Tokyo.") == []
    assert named("He was joined by Ambassador Emanuel and met Foreign Minister Hayashi.") == [
        "Emanuel"
    ]
    assert named("Talks in Tokyo and Foreign Office Consultations follow.") == []


def test_who_went_with_him_is_answered_by_his_companions(seed_kb) -> None:
    """The sentence naming someone travelling with Blinken leads, and only the companions are
    emphasised, not the ministers he meets."""
    a = ask(seed_kb, "who accompanied blinken")
    assert a.found and "Austin" in a.text.split("[1]")[0], a.text
    emphasised = {a.text[s:e] for s, e in a.highlights}
    assert emphasised and all("Austin" in e for e in emphasised), emphasised
    b = ask(seed_kb, "who will accompany blinken to new delhi")
    assert "Lloyd J. Austin III" in b.text.split("[1]")[0], b.text


SETTLEMENT = """Title: Department of State Concludes Settlement with Tarvo Instruments
Published: 2021-08-09

The Department of State and Tarvo Instruments have reached an agreement to address alleged
unauthorized exports of software used for testing sonar equipment. Tarvo will pay a civil
penalty of $2,000,000 over three years.

Tarvo disclosed the alleged violations to the Department. Tarvo cooperated with the
Department's review and put new compliance measures in place. For these reasons, the
Department has determined that it is not appropriate to debar Tarvo at this time.
"""


def test_why_takes_the_reasons_a_sentence_refers_back_to(make_kb) -> None:
    """ "Why wasn't Tarvo debarred?": "For these reasons, the Department has determined ..."
    answers, led by the sentence before it, which gives the reasons."""
    kb = make_kb({"settlement.txt": SETTLEMENT, "harbour.txt": HARBOUR})
    kb.sync()
    reply = ask(kb, "Why did the State Department decide not to debar Tarvo?")
    assert reply.found and "For these reasons" in reply.text
    assert "cooperated" in reply.text, reply.text
    assert reply.text.index("cooperated") < reply.text.index("For these reasons")
    # a question that asks no reason is answered as it ranks: the determination leads
    plain = ask(kb, "Has the Department decided to debar Tarvo?")
    assert plain.text.split(": ", 1)[1].startswith("For these reasons"), plain.text


ADVISORY = """# Business advisory on Veltmar

The Department issued a business advisory on Veltmar on Monday.
Companies dealing with state-owned firms in Veltmar are warned to review their exposure.
The advisory lists forty firms of concern and gives the contacts of the desk officers.
The Department holds that the dangers to such companies arise from the security forces'
abuses against peaceful protesters in Veltmar.
The desk officers answer questions on weekdays.
"""


def test_why_takes_a_sentence_giving_a_cause(make_kb) -> None:
    """A reason may be given as a cause ("the dangers arise from ...") or a consequence
    ("..., leading to serious risks"), not only as an aim: a why question is answered by it."""
    assert states_aim("These risks arise from the attacks on protesters.")
    assert states_aim("Delays place them in the same cells, leading to serious risks.")
    assert not states_aim("The advisory lists forty firms of concern.")
    kb = make_kb({"advisory.txt": ADVISORY, "harbour.txt": HARBOUR})
    kb.sync()
    reply = ask(
        kb, "Why are companies being warned about dealing with state-owned firms in Veltmar?"
    )
    assert reply.found and "protesters" in reply.text, reply.text


MEASURES = """# Further measures against the Veltmar central bank

In coordination with our partners, the Department is taking further measures today against
the financial system of Veltmar. No person may conduct any transaction involving the Central
Bank of Veltmar or its National Wealth Fund. We took today's actions to impair the ability of
Veltmar to use its reserves to evade our sanctions. The Department will publish guidance for
banks on Friday.
"""


def test_an_action_taken_to_an_end_states_an_aim(make_kb) -> None:
    """ "We took today's actions to impair ...", "steps to protect": an action and what it is
    for; an effort renewed is a pledge, no reason ("we renew our efforts to combat ...")."""
    assert states_aim("We took today's actions to impair the ability of Veltmar to evade them.")
    assert states_aim("The Department has taken steps to protect the interpreters.")
    assert states_aim("The two ministers intend to deepen their cooperation.")
    assert not states_aim("We renew our efforts to combat child labour.")
    kb = make_kb({"measures.txt": MEASURES, "harbour.txt": HARBOUR, "advisory.txt": ADVISORY})
    kb.sync()
    reply = ask(kb, "What was the point of cutting off the Veltmar central bank and wealth fund?")
    assert reply.found and "to impair" in reply.text.split("[1]")[0], reply.text
