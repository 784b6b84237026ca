"""A question in full words finds the sentence that uses only the short form its document
defined ("general licenses ("GL")" ... "Under GL 36, ..."), and a question using the initials
of a name finds the sentence that spells the name out."""

from __future__ import annotations

import pytest
from conftest import UNRELATED_RELEASES, other_releases

from index.compose.analysed import analysed
from index.compose.answer import analyse

PERMITS = (
    "Title: Imposing Costs on the Enablers of the War\nPublished: 2022-06-02\n\n"
    "Today the Department designated Tolmar Steel, one of Lantia's leading steel producers, "
    "and its owner.\n\n"
    "In addition, the Department of the Treasury issued two new temporary permits (“TP”) in "
    "connection with these designations. Specifically:\n\n"
    "- Under TP 36, all transactions that are ordinarily incident and necessary to the wind "
    "down of transactions involving Tolmar Steel are authorized through 12:01 a.m. eastern "
    "daylight time, August 31, 2022.\n"
)
MEDIA = (
    "Title: Media Freedom in Lantia\nPublished: 2022-03-29\n\n"
    "The United States is alarmed by the decision of the Lantian authorities to stifle access "
    "to independent media. Outlets such as the Northern Broadcasting Corporation have reported "
    "that their local partners have been prevented from airing their programming due to new, "
    "unpublished guidelines from the authorities.\n"
)
COVERAGE = (
    "Title: Reporters at the Tolmar Summit\nPublished: 2022-04-20\n\n"
    "NBC and Lantian reporters covered the regional summit in Tolmar.\n"
)
OTHERS = other_releases(UNRELATED_RELEASES, "2022-04")
FILES = {"permits.txt": PERMITS, "media.txt": MEDIA, "coverage.txt": COVERAGE, **OTHERS}


def _asked(make_kb, question: str):
    kb = make_kb(FILES)
    kb.sync()
    return kb.respond(question).reply, analyse(kb.snapshot(), kb.embedder, question)


def test_a_question_in_full_words_is_answered_by_the_defined_short_form(make_kb) -> None:
    reply, an = _asked(make_kb, "When does the wind-down permit for Tolmar Steel run out?")
    assert reply.found and "August 31, 2022" in reply.text, reply.text
    # The answer holds "permit" (as "TP"): of "wind", "permit", "Tolmar", "Steel" and "run",
    # only "run" is missing, in the sentence and in its neighbours.
    assert an.sentences[0].text.startswith("- Under TP 36")
    assert an.features.joint_share == an.features.window_share == pytest.approx(4 / 5)


def test_a_question_using_a_names_initials_is_answered(make_kb) -> None:
    question = "Why can't Lantians watch NBC programs on local channels anymore?"
    reply, an = _asked(make_kb, question)
    assert reply.found and "guidelines" in reply.text, reply.text
    # "NBC" is the Northern Broadcasting Corporation of the answer, which so holds three of
    # the question's seven words ("NBC", "programs", "local"), not two
    assert an.sentences[0].text.startswith("Outlets such as the Northern Broadcasting")
    assert "nbc" in an.plan.weights and an.features.joint_share == pytest.approx(3 / 7)


def test_a_titles_name_gives_its_initials_to_every_sentence_of_the_document(make_kb) -> None:
    """ "What was the NSA's trip for?": the readout titled "... National Security Advisor ..."
    holds "NSA" in every sentence, as it holds the title's words (at their title share)."""
    readout = (
        "Title: Readout of National Security Advisor Tolle's Travel to Lantia\n"
        "Published: 2023-06-15\n\nHe reviewed preparations for the upcoming state visit.\n"
    )
    kb = make_kb({"readout.txt": readout, **OTHERS})
    kb.sync()
    snap = kb.snapshot()
    doc_id = next(d for d in snap.docs if snap.docs[d].title.startswith("Readout"))
    assert "nsa" in analysed(snap).title_terms(doc_id)
