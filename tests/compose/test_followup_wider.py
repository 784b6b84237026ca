"""Follow-ups that reach past the documents just cited: "What about X?" when none of them
mentions X is answered by a fresh retrieval over the whole index; "Who else?" reads the rest
of the trip when the cited documents name nobody new, and says so plainly when nobody is."""

from __future__ import annotations

import re

import pytest

from index.compose.more_names import NONE_ELSE
from index.types import ReplyKind


def release(title: str, day: str, body: str) -> str:
    head = f"Title: {title}\nAuthor: Office of the Spokesperson\nPublished: {day}T12:00:00+00:00"
    return f"{head}\n\n{body}\n"


FILES = {
    "2023-05-01-olsen-travel-to-ghana-and-togo.txt": release(
        "Special Envoy Olsen Travels to Ghana and Togo",
        "2023-05-01",
        "Special Envoy Maria Olsen will travel to Accra, Ghana from May 3 to 4 and to Lome, Togo "
        "from May 5 to 6. In Accra, she will discuss maritime security with Ghanaian officials. "
        "In Lome, she will meet with civil society leaders working on coastal fisheries.",
    ),
    "2023-05-03-olsen-meeting-accra.txt": release(
        "Special Envoy Olsen’s Meeting with Foreign Minister Botchwey in Accra",
        "2023-05-03",
        "Special Envoy Maria Olsen met today with Ghanaian Foreign Minister Shirley Botchwey in "
        "Accra. They discussed maritime security in the Gulf of Guinea and regional trade.",
    ),
    "2023-05-05-olsen-meeting-lome.txt": release(
        "Special Envoy Olsen’s Meeting with President Gnassingbe in Lome",
        "2023-05-05",
        "Special Envoy Maria Olsen met today with Togolese President Faure Gnassingbe in Lome. "
        "They discussed port security and coastal fisheries.",
    ),
    "2023-09-12-olsen-meeting-nairobi.txt": release(
        "Special Envoy Olsen’s Meeting with Cabinet Secretary Mutua in Nairobi",
        "2023-09-12",
        "Special Envoy Maria Olsen met today with Kenyan Cabinet Secretary Alfred Mutua in "
        "Nairobi. They discussed drought relief and refugee assistance.",
    ),
    "2023-08-01-olsen-meeting-geneva.txt": release(
        "Special Envoy Olsen’s Meeting with Prime Minister Abiy in Geneva",
        "2023-08-01",
        "Special Envoy Maria Olsen met today with Ethiopian Prime Minister Abiy Ahmed in Geneva. "
        "They discussed the humanitarian situation and food security in Ethiopia.",
    ),
    "2023-10-02-fisheries-conference.txt": release(
        "Regional Fisheries Conference Opens in Dakar",
        "2023-10-02",
        "Delegates from twelve coastal states opened a fisheries conference in Dakar, Senegal. "
        "The conference will address illegal fishing and port inspections.",
    ),
}


def indexed(base, embedder, files: dict[str, str]):
    """A synced knowledge base of `files`, under the folder `base`."""
    from index.config import IndexConfig
    from index.kb import KnowledgeBase

    corpus = base / "corpus"
    corpus.mkdir()
    for name, text in files.items():
        (corpus / name).write_text(text, encoding="utf-8")
    kb = KnowledgeBase(IndexConfig(corpus, base / "index"), embedder=embedder)
    kb.sync()
    return kb


@pytest.fixture(scope="module")
def kb(tmp_path_factory, embedder):
    return indexed(tmp_path_factory.mktemp("trip"), embedder, FILES)


def paths(reply) -> set[str]:
    return {c.path for c in reply.citations}


def assert_cited(kb, reply) -> None:
    markers = sorted({int(n) for n in re.findall(r"\[(\d+)\]", reply.text)})
    assert markers == [c.n for c in reply.citations]
    for c in reply.citations:
        assert kb.document_text(c.doc_id)[c.start : c.end] in reply.text


def test_what_about_a_place_the_cited_documents_lack(kb) -> None:
    first = kb.respond("Who did Olsen meet in Accra?")
    assert "Botchwey" in first.reply.text
    assert "Nairobi" not in "".join(kb.document_text(d) for d in first.context.doc_ids)
    swap = kb.respond("What about Nairobi?", first.context)
    assert swap.reply.reading == "Who did Olsen meet in Nairobi?"
    assert swap.reply.kind is ReplyKind.ANSWER and "Mutua" in swap.reply.text
    assert paths(swap.reply) == {"2023-09-12-olsen-meeting-nairobi.txt"}
    assert_cited(kb, swap.reply)
    assert swap.context.question == "Who did Olsen meet in Nairobi?"


def test_what_about_a_city_where_nothing_happened_reads_its_country(kb) -> None:
    first = kb.respond("Who did Olsen meet in Accra?")
    swap = kb.respond("What about Addis Ababa?", first.context)
    assert swap.reply.reading == "Who did Olsen meet in Addis Ababa? (answered for Ethiopia)"
    assert "Abiy Ahmed" in swap.reply.text
    assert paths(swap.reply) == {"2023-08-01-olsen-meeting-geneva.txt"}
    assert_cited(kb, swap.reply)


def test_who_else_reads_the_rest_of_the_trip(kb) -> None:
    first = kb.respond("Who did Olsen meet in Accra?")
    assert paths(first.reply) == {"2023-05-03-olsen-meeting-accra.txt"}
    more = kb.respond("Who else?", first.context)
    assert more.reply.kind is ReplyKind.ANSWER
    assert "Gnassingbe" in more.reply.text  # the Lome readout of the same trip
    assert "2023-09-12-olsen-meeting-nairobi.txt" not in paths(more.reply)  # another trip
    # Gnassingbe is met in Lome, not Accra: the reading says the place was let go.
    assert more.reply.reading == "Who did Olsen meet? (more, from other stops of the same trip)"
    assert_cited(kb, more.reply)


def test_no_one_else_is_said_plainly(kb) -> None:
    first = kb.respond("Who did Olsen meet in Nairobi?")
    assert "Mutua" in first.reply.text
    more = kb.respond("Who else?", first.context)  # a one-document trip: nobody else
    assert more.reply.kind is ReplyKind.ANSWER
    assert more.reply.text.startswith(NONE_ELSE)
    assert "Mutua" in more.reply.text and more.reply.citations
    assert_cited(kb, more.reply)


def test_a_pronoun_follow_up_in_a_lower_case_chat(kb) -> None:
    """ "when will she be there" after a question typed in lower case: the corpus says which
    word is her name."""
    first = kb.respond("why is olsen going to togo")
    assert first.reply.found
    then = kb.respond("when will she arrive", first.context)
    assert then.reply.reading == "when will Olsen arrive in Togo?"
    assert then.reply.found and "May 5" in then.reply.text, then.reply.text


def test_a_chat_remembers_a_misspelt_question_as_it_was_read(kb) -> None:
    """ "What about Lome?" after "who did olsn meet in acra" swaps the place the question was
    read as (Accra), and "when is she going there" refers to Olsen."""
    first = kb.respond("who did olsn meet in acra")
    assert first.reply.found and first.context is not None
    assert first.context.question == "who did Olsen meet in Accra"
    then = kb.respond("when is she going there", first.context)
    assert then.reply.reading == "when is Olsen going to Accra?"
    swapped = kb.respond("What about Lome?", first.context)
    assert swapped.reply.reading == "who did Olsen meet in Lome"


def test_a_name_typed_in_lower_case_beside_a_capitalised_place_is_the_subject(kb) -> None:
    first = kb.respond("what is olsen doing in Accra")
    assert first.reply.found and first.context is not None
    then = kb.respond("why is she going there", first.context)
    assert then.reply.reading == "why is Olsen going to Accra?"


DIALOGUE = release(
    "Under Secretaries Varga and Lindqvist Travel to Ostrava for the High-Level Dialogue",
    "2022-04-22",
    "Under Secretary Petra Varga and Under Secretary Jonas Lindqvist will travel to Ostrava for "
    "the High-Level Dialogue on April 25. Under Secretary Varga and Under Secretary Lindqvist "
    "will co-chair the Dialogue with their counterparts from the Ministry of External "
    "Relations. Their discussions will deepen efforts to strengthen democratic governance.\n\n"
    "Under Secretary Varga will also meet with young entrepreneurs in Ostrava during the "
    "Dialogue. Under Secretary Lindqvist will also co-chair a session of the Dialogue on supply "
    "chains with business leaders in Ostrava.\n\n"
    "Other senior members of the delegation include Deputy Assistant Secretary Mirek Holub and "
    "Deputy Assistant Secretary Alena Dvorak.",
)


@pytest.fixture(scope="module")
def dialogue_kb(tmp_path_factory, embedder):
    files = {"2022-04-22-dialogue.txt": DIALOGUE, **FILES}
    return indexed(tmp_path_factory.mktemp("dialogue"), embedder, files)


def test_who_else_in_the_follow_ups_own_words_reads_the_cited_document(dialogue_kb) -> None:
    """ "who else is in the delegation", when asking the first question again found no one
    new: the cited document names more people in words that question did not use ("Other
    senior members of the delegation include ..."). A bare "Who else?" says what it wants in
    no word of its own, and gets nothing from here (the reply then says no one else is
    named, rather than list whoever else the document names)."""
    from index.compose.itinerary import doc_sentences
    from index.compose.more_names import _naming_others, surnames

    kb = dialogue_kb
    snap = kb.snapshot()
    doc = next(d for d in snap.docs if snap.docs[d].path == "2022-04-22-dialogue.txt")
    sents = doc_sentences(snap, doc)
    shown = frozenset((doc, s.start, s.end) for s in sents[:2])
    known = set().union(*(surnames(s.text) for s in sents[:2]))
    question = "Who co-chairs the High-Level Dialogue in Ostrava?"
    typed = "who else is in the delegation"
    more = _naming_others(snap, question, frozenset({doc}), shown, known, typed, 0.0)
    assert more is not None and more.kind is ReplyKind.ANSWER
    assert "Holub" in more.text and "Dvorak" in more.text, more.text
    assert "Varga" not in more.text, more.text  # named only where shown or not in its words
    bold = {more.text[s:e] for s, e in more.highlights}
    assert {"Mirek Holub", "Alena Dvorak"} <= bold, bold
    assert_cited(kb, more)
    assert _naming_others(snap, question, frozenset({doc}), shown, known, "Who else?", 0.0) is None


AID = release(
    "Special Envoy Olsen Announces Flood Relief for Ghana",
    "2023-05-03",
    "In Accra, Special Envoy Maria Olsen announced $20 million in new flood relief for Ghana. "
    "That brings the total we have provided since the floods began to $95 million.",
)


@pytest.fixture(scope="module")
def aid_kb(tmp_path_factory, embedder):
    files = {"2023-05-03-olsen-aid-accra.txt": AID, **FILES}
    return indexed(tmp_path_factory.mktemp("aid"), embedder, files)


def test_a_follow_up_nothing_else_answers_is_asked_of_the_cited_documents(aid_kb) -> None:
    """ "and how much has the US given in total since the floods began?" names the US, has no
    pronoun and is too long to lean on the chat, and asked alone it is refused; after the
    answer about the relief Olsen announced, the release just cited answers it."""
    kb = aid_kb
    question = "and how much has the US given in total since the floods began?"
    assert kb.respond(question).reply.kind is ReplyKind.REFUSAL
    first = kb.respond("How much flood relief did Olsen announce in Accra?")
    assert "$20 million" in first.reply.text
    follow = kb.respond(question, first.context)
    assert follow.reply.kind is ReplyKind.ANSWER and "$95 million" in follow.reply.text
    assert paths(follow.reply) == {"2023-05-03-olsen-aid-accra.txt"}
    assert_cited(kb, follow.reply)
