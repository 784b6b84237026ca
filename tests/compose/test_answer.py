"""Extractive cited answers and refusals, on the seed corpus and a slice of the State Dept one."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from index.compose.answer import MAX_CHARS, answer_question
from index.compose.refusal import NOT_FOUND
from index.compose.respond import respond
from index.evaluation.datasets import load_dev_questions
from index.evaluation.metrics import dev_answer_ok
from index.query.question import question_type
from index.text.entities import DATE, NUMBER, OTHER, PERSON, PLACE, find_entities
from index.types import ReplyKind

QUESTIONS = Path(__file__).resolve().parents[1] / "questions"
STATEDEPT = Path(__file__).resolve().parents[3] / "shared" / "data" / "statedept"
NOV_2023 = "blinken-travel-israel-jordan-japan-korea-india-november-2023.txt"
MARCH_2021 = "aljazeera-blinken-austin-visit-japan-south-korea.txt"


def ask(kb, question: str):
    return answer_question(kb.snapshot(), kb.embedder, question)


def assert_well_formed(kb, a) -> None:
    """Markers, citations, spans and highlights all agree with the documents and each other."""
    assert len(a.text) <= MAX_CHARS
    markers = [int(n) for n in re.findall(r"\[(\d+)\]", a.text)]
    assert markers == [c.n for c in a.citations] == list(range(1, len(a.citations) + 1))
    for c in a.citations:
        text = kb.document_text(c.doc_id)
        assert 0 <= c.passage_start <= c.start < c.end <= c.passage_end <= len(text)
        assert c.passage == text[c.passage_start : c.passage_end]
        cited = text[c.start : c.end]
        # the sentence right before marker n is the cited span
        before = a.text[: a.text.index(f"[{c.n}]")].rstrip()
        assert before.endswith(cited)
    for s, e in a.highlights:
        assert 0 <= s < e <= len(a.text)
        assert a.text[s:e].strip() == a.text[s:e]


def test_seoul_gives_both_trips_newest_first(seed_kb) -> None:
    a = ask(seed_kb, "Who did Blinken meet in Seoul?")
    assert a.found
    assert "Yoon Suk Yeol" in a.text and "Chung Eui-yong" in a.text
    assert a.text.index("17 November 2023") < a.text.index("10 March 2021")
    assert {c.path for c in a.citations} == {NOV_2023, MARCH_2021}
    emphasised = [a.text[s:e] for s, e in a.highlights]
    assert "Yoon Suk Yeol" in emphasised and "Chung Eui-yong" in emphasised
    assert "Blinken" not in emphasised  # the question named him: he is not the answer
    assert a.latency_ms > 0
    assert_well_formed(seed_kb, a)


def test_a_sentence_carrying_the_answer_on_does_not_emphasise_whom_the_question_names(
    seed_kb,
) -> None:
    """In Tokyo the names come in the sentence after the best one (a continuation): they are
    emphasised, and the traveller it names again ("Secretary Blinken will engage") is not."""
    a = ask(seed_kb, "Who did Blinken meet in Tokyo?")
    emphasised = [a.text[s:e] for s, e in a.highlights]
    assert "Kishida Fumio" in emphasised and "Kamikawa Yoko" in emphasised, a.text
    assert "Blinken" in a.text and "Blinken" not in emphasised
    assert_well_formed(seed_kb, a)


def test_misspelt_question_is_answered(seed_kb) -> None:
    a = ask(seed_kb, "who did blinkin meet in seul")
    assert a.found
    assert "Yoon Suk Yeol" in a.text or "Chung Eui-yong" in a.text
    assert any("Seoul" in seed_kb.document_text(c.doc_id)[c.start : c.end] for c in a.citations)
    assert_well_formed(seed_kb, a)


def test_tokyo_talks_in_2023(seed_kb) -> None:
    a = ask(seed_kb, "Who did Blinken hold talks with in Tokyo in 2023?")
    assert a.found
    assert "Kishida" in a.text and "Kamikawa" in a.text
    assert {c.path for c in a.citations} == {NOV_2023}
    assert "Motegi" not in a.text  # the 2021 Tokyo meeting is outside the asked year
    assert_well_formed(seed_kb, a)


def test_off_topic_question_is_refused(seed_kb) -> None:
    a = ask(seed_kb, "How many interceptions did the Panthers defense make in the Super Bowl?")
    assert not a.found
    assert a.text == NOT_FOUND
    assert a.citations == [] and a.highlights == []


def test_question_about_a_time_without_documents_is_refused(seed_kb) -> None:
    a = ask(seed_kb, "Who did Blinken meet in Seoul in July 2021?")
    assert not a.found and a.citations == []
    # ...but the closest documents are offered, with their dates.
    assert a.suggestions and all("(20" in s for s in a.suggestions)


def test_duplicate_document_yields_one_citation(make_kb, seed_kb) -> None:
    doc_id = next(s.doc_id for s in seed_kb.sources() if s.path == NOV_2023)
    kb = make_kb({"copy.txt": "date 2023-11-17 " + seed_kb.document_text(doc_id)}, seed=True)
    kb.sync()
    a = ask(kb, "Who did Blinken hold talks with in Tokyo in 2023?")
    assert a.found and "Kishida" in a.text
    spans = [(kb.document_text(c.doc_id)[c.start : c.end]) for c in a.citations]
    assert len(spans) == len(set(spans))
    assert len({c.doc_id for c in a.citations}) == 1
    assert_well_formed(kb, a)


def test_empty_question_is_refused(seed_kb) -> None:
    assert not ask(seed_kb, "   ").found


def ask_as_typed(kb, q):
    """A dev question as a user types it: routed by intent, after its chat's earlier messages."""
    context = None
    for earlier in q.after:
        context = respond(kb.snapshot(), kb.embedder, earlier, context).context
    return respond(kb.snapshot(), kb.embedder, q.question, context).reply


def test_seed_dev_questions(seed_kb) -> None:
    """Our development questions: few wrong refusals, expected facts, honest refusals."""
    questions = load_dev_questions(QUESTIONS / "seed.jsonl")
    assert len(questions) >= 20
    results = [(q, ask_as_typed(seed_kb, q)) for q in questions]
    for _, a in results:
        if a.kind is ReplyKind.ANSWER:
            assert_well_formed(seed_kb, a)
    inside = [(q, a) for q, a in results if q.answerable]
    refused = sum(not a.found for _, a in inside)
    assert refused <= 0.05 * len(inside) + 1e-9, [q.question for q, a in inside if not a.found]
    correct = sum(dev_answer_ok(q, a) for q, a in inside)
    assert correct >= 0.8 * len(inside)
    assert all(not a.found for q, a in results if not q.answerable)


@pytest.fixture(scope="module")
def statedept_kb(tmp_path_factory, embedder):
    """A few State Department releases (trip announcements and readouts), indexed once."""
    if not STATEDEPT.is_dir():
        pytest.skip("../shared/data/statedept is not available")
    from index.config import IndexConfig
    from index.kb import KnowledgeBase

    corpus = tmp_path_factory.mktemp("sd") / "corpus"
    corpus.mkdir()
    patterns = [
        "*secretary-blinkens-travel-to-belgium-poland-moldova*",
        "*secretary-blinken-to-travel-to-australia-fiji-and-hawaii*",
        "*deputy-secretary-shermans-travel-to-the-rok-philippines*",
        "*secretary-blinkens-travel-to-india-and-kuwait*",
        "*secretary-blinkens-travel-to-panama.txt",
    ]
    for pattern in patterns:
        for f in sorted((STATEDEPT / "text").glob("*/" + pattern))[:1]:
            shutil.copy(f, corpus / f.name)
    kb = KnowledgeBase(IndexConfig(corpus, corpus.parent / "index"), embedder=embedder)
    kb.sync()
    return kb


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("Who did Blinken meet in Moldova?", "Sandu"),
        ("who did blinken meet in chisnau", "Sandu"),
        ("When will Blinken travel to Tallinn?", "March 8"),
        ("Who did Sherman meet in Hanoi?", "Le Van Thanh"),
        ("Who will Blinken meet in New Delhi in July 2021?", "Jaishankar"),
    ],
)
def test_statedept_questions(statedept_kb, question: str, expected: str) -> None:
    a = ask(statedept_kb, question)
    assert a.found and expected in a.text
    assert_well_formed(statedept_kb, a)


@pytest.mark.parametrize(
    ("question", "kind"),
    [
        ("Who did Blinken meet?", PERSON),
        ("When is the trip?", DATE),
        ("Where did he go?", PLACE),
        ("How many countries?", NUMBER),
        ("Which cities does the trip include?", PLACE),
        ("What year did the war end?", DATE),
        ("Which Japanese leaders was he going to see?", PERSON),
        ("Which meeting will the Secretary attend?", OTHER),
        ("What is the name of the president?", PERSON),
        # After "did" or "will" the noun is the subject; what it did is asked for.
        ("What did the deputy secretary discuss with the adviser?", OTHER),
        ("what will the president announce", OTHER),
        ("What day does the Secretary arrive?", DATE),
        # In a yes/no question "when" opens a time clause, unless it says what was said.
        ("Did McKeon raise the tax deal when he sat down with Cormann?", OTHER),
        ("Is Blinken meeting Kishida when he is in Tokyo?", OTHER),
        ("Did Blinken say when he would return?", DATE),
        # A why question asks for no entity, though it ends on a noun of one ("taken place").
        ("Why hasn't the meeting on the harbour taken place?", OTHER),
        ("According to the mayor, why hasn't the ferry meeting taken place?", OTHER),
        # "what is the envoy discussing" asks no person, "the names of the diplomats
        # speaking" do.
        ("What is the envoy discussing in Riyadh?", OTHER),
        ("What are the names of the diplomats speaking at the forum?", PERSON),
    ],
)
def test_question_types(question: str, kind: str) -> None:
    assert question_type(question) == kind


def test_entities_of_a_trip_sentence() -> None:
    text = (
        "Subsequently, the Secretary will journey to Seoul, where he will confer with President "
        "Yoon Suk Yeol, Foreign Minister Park Jin, and National Security Advisor Cho Tae-yong on "
        "November 8 with 3 aides."
    )
    found = {(e.kind, e.text) for e in find_entities(text)}
    assert {(PLACE, "Seoul"), (PERSON, "Yoon Suk Yeol"), (PERSON, "Park Jin")} <= found
    assert (PERSON, "Cho Tae-yong") in found and (DATE, "November 8") in found
    assert (NUMBER, "3") in found


@pytest.mark.parametrize(
    ("text", "numbers"),
    [
        # "one" standing for a thing or a person is no count: no answer to "how many".
        ("Preserving the Amazon is one of the most vital things we can do.", []),
        ("No one was hurt, and the ministers thanked one another.", []),
        ("One delegate and one observer attended, one of them by video.", ["One", "one"]),
        ("The delegation visited three cities.", ["three"]),
        # A rank is no count either.
        ("Defeating ISIS remains the number one priority of the coalition.", []),
        # Nor a time of day, which is a time: "how many registered?" is not "from 12:00".
        ("The panel meets from 12:00 p.m. to 1:30 p.m. with 40 guests.", ["40"]),
    ],
)
def test_a_pronoun_one_is_no_number(text: str, numbers: list[str]) -> None:
    assert [e.text for e in find_entities(text) if e.kind == NUMBER] == numbers


def test_a_time_of_day_is_a_time() -> None:
    text = "The virtual meeting runs from 12:00 p.m. to 1:30 p.m. on Thursday, June 17, 2021."
    times = [e.text for e in find_entities(text) if e.kind == DATE]
    assert times[:2] == ["12:00 p.m.", "1:30 p.m."] and "June 17, 2021" in times


def test_names_written_with_accents_are_whole() -> None:
    text = "Sullivan will meet with Secretary for Strategic Affairs Admiral Flávio Rocha."
    people = [e.text for e in find_entities(text) if e.kind == PERSON]
    assert any(p.endswith("Flávio Rocha") for p in people), people
    text = "She met President Andrés Manuel López Obrador and Minister Phạm Minh Chính."
    people = [e.text for e in find_entities(text) if e.kind == PERSON]
    assert people == ["Andrés Manuel López Obrador", "Phạm Minh Chính"], people


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("Blinken met Yemeni Foreign Minister Ahmed bin Mubarak today.", "Ahmed bin Mubarak"),
        (
            "He met Minister of State Mohammed bin Abdulrahman Al-Thani.",
            "Mohammed bin Abdulrahman Al-Thani",
        ),
        ("Commission President Ursula von der Leyen spoke.", "Ursula von der Leyen"),
    ],
)
def test_a_name_after_a_title_keeps_its_particles(text: str, name: str) -> None:
    assert name in [e.text for e in find_entities(text) if e.kind == PERSON]


def test_an_office_or_an_organisation_with_a_possessive_is_no_person() -> None:
    def people(text: str) -> list[str]:
        return [e.text for e in find_entities(text) if e.kind == PERSON]

    assert people("Dr. Gordon reiterated the Biden-Harris Administration’s support.") == ["Gordon"]
    assert people("Following the Vice President’s meetings with Arab leaders") == []
    assert people("He met senior Palestinian Authority officials.") == []
    assert people("He met Lloyd Austin’s deputy.") == ["Lloyd Austin’s"]


def test_place_names_inside_other_names_are_not_places() -> None:
    text = "Secretary of Defense Lloyd Austin spoke after the Camp David Summit in Tel Aviv."
    places = [e.text for e in find_entities(text) if e.kind == PLACE]
    assert places == ["Tel Aviv"]
