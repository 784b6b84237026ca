"""A question naming someone is answered by a document naming them (compose/asked_names.py):
"Who did Witkowsky meet in Nairobi?" is not answered by a release about Nairobi that never
mentions Witkowsky."""

from __future__ import annotations

import pytest

from index.compose.answer import answer_question
from index.compose.asked_names import asked_names
from index.query.plan import plan_query
from tests.compose.test_answer_reading import OTHERS

ACCRA = (
    "Title: Assistant Secretary Wilkes's Travel to Ghana\nPublished: 2022-05-20\n\n"
    "Assistant Secretary Anne Wilkes will travel to Accra, Ghana, from May 25 to 27. In Accra, "
    "she will meet with Foreign Minister Shirley Botchwey to discuss conflict prevention.\n"
)
NAIROBI = (
    "Title: Secretary Reed's Call with Kenyan President Kenyatta\nPublished: 2022-06-30\n\n"
    "Secretary Reed spoke with Kenyan President Uhuru Kenyatta today. The Secretary thanked "
    "him for the Nairobi Process, and they discussed the meeting with regional leaders in "
    "Nairobi last week, and said that POTUS will visit Accra in June.\n"
)
ANARCHY = (
    "Title: Civil disobedience\nPublished: 2022-02-01\n\n"
    "Following a massacre in 1819, the poet Percy Shelley wrote the political poem The Mask of "
    "Anarchy, which called for nonviolent protest against unjust forms of authority.\n"
)
DOCS = {"accra.txt": ACCRA, "nairobi.txt": NAIROBI, "anarchy.txt": ANARCHY, **OTHERS}


@pytest.fixture
def kb(make_kb):
    kb = make_kb(DOCS)
    kb.sync()
    return kb


def ask(kb, q):
    return answer_question(kb.snapshot(), kb.embedder, q)


def test_a_person_the_documents_about_the_place_never_name_is_refused(kb) -> None:
    assert ask(kb, "Who will Wilkes meet in Accra?").found
    assert not ask(kb, "Who did Wilkes meet in Nairobi?").found
    assert not ask(kb, "who did wilkes meet in nairobi").found  # typed in lower case
    assert not ask(kb, "who did wilkse meet in nairobi").found  # misspelt: repaired to a name
    assert ask(kb, "Who did Reed speak with about the Nairobi Process?").found


def test_a_document_may_miss_one_of_several_names(kb) -> None:
    a = ask(kb, "Who wrote the poem The Mark of Anarchy?")  # misquoted
    assert a.found and "Percy Shelley" in a.text, a.text


@pytest.mark.parametrize(
    ("question", "names"),
    [
        ("Who did Wilkes meet in Nairobi?", {("wilk",)}),
        ("Who will Anne Wilkes's team meet?", {("ann", "wilk")}),
        ("What did the NSA's team discuss in Accra?", set()),  # an acronym
        ("Who did the Secretary of State meet at the Summit?", set()),  # titles, events
        ("When was the Civil Rights Act marked in Accra?", set()),  # a law
        ("Which Kenyan minister met Reed?", {("reed",)}),  # a country's adjective
        ("When did Kenyatta visit Ghana?", {("kenyatta",)}),  # the place is asked_place's
        ("What did the Pentagon say about Accra?", set()),  # a nickname
        ("why did potus go to accra", set()),  # a nickname typed in lower case
        ("who did wilkse meet in nairobi", {("wilk",)}),  # repaired to a name
    ],
)
def test_the_names_a_question_asks_about(kb, question: str, names: set) -> None:
    plan = plan_query(kb.snapshot(), kb.embedder, question)
    assert set(asked_names(kb.snapshot(), plan)) == names
