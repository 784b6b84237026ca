"""The verb a "what did X do" question asks the object of: "What did Reed and Ade sign at the
dialogue?" is answered by the sentence saying they signed something, not by the one that
names them, the dialogue and its date without saying what was signed. And the kind of named
thing a "what agreement" question asks for: the sentence naming one."""

from __future__ import annotations

import pytest
from conftest import other_releases

from index.compose.aims import names_instance
from index.compose.answer import answer_question
from index.query.plan import plan_query
from index.query.question import asked_action, asked_agent, asked_instance, asked_noun
from index.text.paraphrase import by_agent

STATEMENT = """Title: Joint Statement on the U.S.-Coastal Union High-Level Dialogue
Published: 2022-03-12

The United States and the Coastal Union Commission convened the fifth annual U.S.-Coastal
Union High-Level Dialogue on March 11 in Washington, led by Secretary of State Hanna Reed and
Coastal Union Chairperson Ade Okoro. The two delegations reviewed the partnership across
health, trade and maritime security, and welcomed the progress of the past year. Secretary
Reed and Chairperson Okoro signed a Memorandum of Cooperation on fisheries inspection, under
which the two sides will share catch records. They agreed to hold the next dialogue in Lagos.
"""

OTHERS = other_releases(
    [
        ("Coastal Union Trade Week", "Delegates of the Coastal Union met in Accra on trade rules."),
        ("Maritime Security Grant", "The Coast Guard will train port officers in the region."),
        ("Health Partnership Update", "A vaccine partnership with regional labs was extended."),
    ],
    "2022-03",
)


@pytest.mark.parametrize(
    ("question", "verb"),
    [
        ("What did Reed and Okoro sign at the dialogue?", "sign"),
        ("what did mayorkas visit before the migration ministerial", "visit"),
        ("What will Harris visit in Singapore in January 2025?", "visit"),
        ("What did they agree on?", "agree"),
        ("what did the secretary of state announce", "announce"),  # "of" is the subject's
        ("what does biden want countries to adopt at the summit", "adopt"),  # "to" starts it
        ("what did melania read to the kids at the hospital", "read"),  # "to the": it ends
        ("what did sherman reiterate to mori", "reiterate"),  # "to" a name: it ends
        ("What do some people protest against?", "protest"),
        ("What did the UN envoy on Myanmar talk about?", "talk"),  # "on" a place: the subject
        ("Who did Reed meet in Lagos?", None),  # not a what-did question
        ("What is the dialogue about?", None),  # "is": what is asked is its subject
    ],
)
def test_the_asked_verb(question: str, verb: str | None) -> None:
    assert asked_action(question, frozenset({"myanmar", "mori"})) == verb


def test_the_sentence_saying_the_asked_verb_answers(make_kb) -> None:
    kb = make_kb({"statement.txt": STATEMENT, **OTHERS})
    kb.sync()
    snap = kb.snapshot()
    question = "What did Reed and Okoro sign at the Coastal Union dialogue?"
    plan = plan_query(snap, kb.embedder, question)
    assert plan.action == "sign"
    a = answer_question(snap, kb.embedder, question)
    assert a.found and "Memorandum of Cooperation" in a.text.split("[1]")[0], a.text
    # The verb of a speaker's words, a name or the question's frame is no asked action.
    assert plan_query(snap, kb.embedder, "What did Okoro say about fisheries?").action is None
    assert plan_query(snap, kb.embedder, "What did Reed and Okoro discuss?").action is None


@pytest.mark.parametrize(
    ("question", "noun"),
    [
        ("What agreement are the US and Cyprus about to sign?", "agreement"),
        ("which initiative does bulgaria lead", "initiative"),
        ("what free trade agreement was signed", "agreement"),
        ("which summit will biden attend in june", "summit"),
        ("Which company was tasked with restoring the tapes?", None),  # its names rarely say so
        ("which cities will he visit", None),  # an entity type: a place
        ("what about tokyo", None),
        ("what did she discuss", None),
    ],
)
def test_the_asked_named_thing(question: str, noun: str | None) -> None:
    assert asked_instance(question) == noun


def test_a_name_of_the_asked_kind() -> None:
    agreement = names_instance("agreement")
    assert agreement("the signing of a bilateral Science and Technology Agreement.")
    assert agreement("They welcomed the Paris Agreement and the Framework Agreements.")
    assert not agreement("The two sides reached an agreement on fisheries.")


READOUT = """Title: Secretary Reed's Meeting with Coastal Foreign Minister Ade Okoro
Published: 2022-02-01

Secretary of State Hanna Reed met today with Coastal Union Foreign Minister Ade Okoro in
Washington and reiterated the U.S. commitment to deepening cooperation with the Coastal Union.
The Secretary and Foreign Minister discussed a range of bilateral and regional issues. They
also underscored the importance of scientific collaboration on climate change through the
upcoming signing of a bilateral Science and Technology Agreement.
"""


def test_a_what_agreement_question_is_answered_by_the_agreement_named(make_kb) -> None:
    kb = make_kb({"readout.txt": READOUT, **OTHERS})
    kb.sync()
    a = answer_question(kb.snapshot(), kb.embedder, "What agreement will Reed and Okoro sign?")
    assert a.found and "Science and Technology Agreement" in a.text.split("[1]")[0], a.text


@pytest.mark.parametrize(
    ("question", "noun"),
    [
        ("What tool is the US using against them?", "tool"),
        ("the six officers - what unit are they in?", "unit"),
        ("what kind of software did they export", "software"),
        ("What agreement are the US and Cyprus about to sign?", "agreement"),
        ("which cities will he visit", None),  # an entity type: a place
        ("what did she discuss", None),
        ("what is the date of the summit", None),
    ],
)
def test_the_asked_noun(question: str, noun: str | None) -> None:
    assert asked_noun(question) == noun


NOTICE = """Title: Promoting Accountability for the Repression of Coastal Athletes Abroad
Published: 2022-02-04

The United States applauds the Coastal Athletes Foundation for its efforts to protect the
rights of athletes abroad amid the regime's crackdown on athletes and their families. The
United States condemns the attempt to force Coastal athletes abroad to return home. The
Department of State is imposing visa restrictions on Coastal officials under the Reed Rule,
a tool announced last year to counter transnational repression.
"""


def test_a_what_noun_question_is_answered_by_the_sentence_naming_that_kind(make_kb) -> None:
    """ "What tool ...?" is answered by the sentence naming a tool, though another says more
    about the athletes the question names."""
    kb = make_kb({"notice.txt": NOTICE, **OTHERS})
    kb.sync()
    snap = kb.snapshot()
    question = "What tool is the US using against the Coastal officials who went after athletes?"
    assert plan_query(snap, kb.embedder, question).noun == "tool"
    a = answer_question(snap, kb.embedder, question)
    assert a.found and "Reed Rule" in a.text.split("[1]")[0], a.text


@pytest.mark.parametrize(
    ("question", "verb"),
    [
        ("and who designed it?", "designed"),
        ("Which company built the new embassy in Jakarta?", "built"),
        ("who leads the team working on detained Americans", "leads"),
        ("who hosted the summit", "hosted"),
        ("who put on that event?", "host"),  # a phrasal verb, as the verb releases write
        ("who did she meet", None),  # whom, not who did it
        ("who else is going", None),
        ("who is the new ambassador", None),
        ("Which Caribbean leaders did Blinken meet?", None),
    ],
)
def test_the_verb_whose_doer_is_asked(question: str, verb: str | None) -> None:
    assert asked_agent(question) == verb


def test_who_did_it_is_answered_by_the_passive_naming_who(make_kb) -> None:
    """ "Who designed the new embassy in Lantia?" is answered by "designed by Lark & Pine
    Architects", though the sentence about its sustainable design says more of the question's
    words; "constructed by" another firm is no answer to it."""
    release = (
        "Title: New Embassy in Lantia Achieves Gold Certification\nPublished: 2021-07-09\n\n"
        "In recognition of its commitment to sustainable design, the new Embassy in Lantia "
        "achieved Gold certification from the Green Building Council. The new Embassy, "
        "constructed by Harbert Builders of Birmingham and designed by Lark & Pine Architects "
        "of New York, applied a holistic approach to environmental responsibility.\n"
    )
    kb = make_kb({"embassy.txt": release, **OTHERS})
    kb.sync()
    a = answer_question(kb.snapshot(), kb.embedder, "Who designed the new embassy in Lantia?")
    assert a.found and "designed by Lark & Pine" in a.text.split("[1]")[0], a.text


def test_the_passive_names_the_doer_in_any_form_of_the_verb() -> None:
    assert by_agent("The event was co-hosted by the Governments of Spain and Peru.", "host")
    assert by_agent("The mission is led by Ambassador Tolle.", "leads")
    assert not by_agent("The event was funded by the Governments of Spain and Peru.", "host")
