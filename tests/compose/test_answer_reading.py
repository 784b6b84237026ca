"""How a question is read against the documents: a place typed without its accents, a purpose
asked as "what was the point", whom a traveller met (named after the meeting word, not a
companion named before it), a president "of" the country the question names, a country whose
adjective another country's resembles, and who "went with" someone."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import replace

import pytest
from conftest import other_releases

from index.compose.aims import states_aim
from index.compose.answer import analyse, answer_question
from index.compose.asked_place import asked_places, place_in_names
from index.compose.sentences import (
    MET_BEFORE_FIT,
    ONE_OF_SEVERAL_FIT,
    TYPED_SENTENCES,
    _is_given,
    _met_fit,
    _names_met,
    _sentences_before,
    ranked,
)
from index.query.demonyms import country_forms
from index.query.plan import plan_query
from index.query.question import asks_companions, asks_purpose, asks_several, motion_frame
from index.storage.bm25 import LexicalIndex
from index.storage.vocabulary import Vocabulary, chunk_terms
from index.text.entities import PERSON, find_entities
from index.text.tokens import fold

COSTA_RICA = """Title: Secretary Reed's Travel to Costa Rica
Published: 2021-05-27

Secretary of State Hanna Reed will travel on June 1-2 to San José, Costa Rica, where she will
engage with senior leaders from Central America.

While in San José, Secretary Reed will meet with President Carlos Alvarado Quesada and Minister
of Foreign Affairs Rodolfo Solano Quiros to discuss the strong bilateral relationship.
"""

SAN_JOSE_CALIFORNIA = """Title: Secretary Reed's Remarks at a Technology Forum
Published: 2021-08-03

Secretary Reed spoke today at a technology forum in San Jose, California, about supply chains.
The forum brought together companies from across the state.
"""

# The first sentence restates the question's words; the second states the trip's aim.
READOUT = """Title: Readout of Senior Official Travel to Djibouti, Kenya, Niger, and Somalia
Published: 2021-10-30

This week, Homeland Security Advisor Dr. Ada Lindqvist-Moreau, General Paul Adeyemi, and
Assistant Secretary Chris Maier traveled to Djibouti, Somalia, Kenya, and Niger on a long trip.
The trip focused on advancing the Administration's counterterrorism policy in an evolving
threat landscape, empowering local partners, and working with regional allies and partners.
"""

OTHERS = other_releases(
    [
        (
            "Secretary Reed's Call with the Chilean Foreign Minister",
            "Secretary Reed spoke today with Chilean Foreign Minister Antonia Urrejola "
            "about migration in the hemisphere.",
        ),
        (
            "Advisor Lund's Travel to Guatemala",
            "Advisor Lund will travel to Guatemala City on March 3 to meet with "
            "President Bernardo Arevalo about migration.",
        ),
        (
            "Nigerian Foreign Minister's Visit to Washington",
            "Nigerian Foreign Minister Yusuf Tuggar met with Secretary Reed in Washington.",
        ),
    ],
    "2022-05",
)


def ask(kb, q):
    return answer_question(kb.snapshot(), kb.embedder, q)


def test_fold_removes_accents_only() -> None:
    assert fold("josé") == "jose"
    assert fold("bogotá") == "bogota"
    assert fold("chișinău") == "chisinau"
    assert fold("seoul") == "seoul"


@pytest.mark.parametrize("kind", ["vocabulary", "bm25"])
def test_both_stores_know_other_spellings(kind: str) -> None:
    texts = [
        "San José Costa Rica",
        "San Jose California",
        "Bogotá Colombia",
        "Chargé d’Affaires",
        "a charge",
    ]
    if kind == "vocabulary":
        terms = [chunk_terms(text) for text in texts]
        df = Counter(t for ts in terms for t in set(ts))
        variants = Vocabulary(dict(df), len(texts), sum(map(len, terms))).variants
    else:
        variants = LexicalIndex.build(list(range(len(texts))), texts).variants
    assert variants("jose") == ("josé",)
    assert variants("josé") == ("jose",)
    assert variants("bogota") == ("bogotá",)
    assert variants("california") == ()
    # "charge" is stemmed to "charg"; the stemmer leaves "chargé" whole
    assert variants("charg") == ("chargé",)
    assert variants("chargé") == ("charg",)
    assert variants("affair") == ()


def test_a_place_typed_without_accents_finds_the_document_that_has_them(make_kb) -> None:
    kb = make_kb(
        {"cr.txt": COSTA_RICA, "ca.txt": SAN_JOSE_CALIFORNIA, **OTHERS},
    )
    kb.sync()
    plan = plan_query(kb.snapshot(), kb.embedder, "Who is Reed seeing in San Jose?")
    assert plan.forms.get("jose") == "josé" and "josé" in plan.lexical_terms
    a = ask(kb, "Who is Reed seeing in San Jose?")
    assert a.found and "Alvarado" in a.text, a.text


def test_a_place_typed_without_accents_is_covered_where_the_answer_is(make_kb) -> None:
    # The refusal model's coverage reads the question's terms in the answer's chunk: "jose"
    # (a term of its own, as the corpus writes it both ways) is there as "José", as the
    # sentence scores already count it.
    kb = make_kb({"cr.txt": COSTA_RICA, "ca.txt": SAN_JOSE_CALIFORNIA, **OTHERS})
    kb.sync()
    an = analyse(kb.snapshot(), kb.embedder, "Who will Reed meet in San Jose?")
    assert an.plan.forms.get("jose") == "josé"
    assert an.features.coverage == pytest.approx(1.0), an.features
    assert an.features.doc_cover == pytest.approx(1.0), an.features
    assert an.features.window_share == pytest.approx(1.0), an.features


@pytest.mark.parametrize(
    ("question", "purpose"),
    [
        ("What was the point of Lund's trip to El Salvador?", True),
        ("What were the goals of the visit?", True),
        ("What's the purpose of the trip?", True),
        ("What is the objective of the delegation?", True),
        # A qualifier asks for the same aim: "main" need not be in the answer.
        ("What's the main goal of the 2021 trip?", True),
        ("what was the real reason for the visit", True),
        ("What is the main road to the border?", False),
        ("What was discussed in Niamey?", False),
    ],
)
def test_purpose_questions(question: str, purpose: bool) -> None:
    assert asks_purpose(question) is purpose


@pytest.mark.parametrize(
    "question",
    [
        # The release never says "trip": it is Blinken's "journey" and his "visits".
        "What was the purpose of the November 2023 trip?",
        "What's the main goal of the 2021 trip?",
    ],
)
def test_a_trip_asked_about_is_the_journey_or_visit_the_release_tells(seed_kb, question) -> None:
    a = ask(seed_kb, question)
    assert a.found, a.text
    assert re.search(r"\b(?:aims?|seeks?|to promote|will reiterate|strategies)\b", a.text), a.text


@pytest.mark.parametrize(
    ("question", "several"),
    [
        ("Which cities does the November 2023 trip include?", True),
        ("which officials will Sherman meet in Seoul", True),
        ("What countries is Biden visiting?", True),
        ("Which official will Sherman meet?", False),
        ("Which city hosts the summit?", False),
        ("Who are the officials?", False),  # no head noun after "which"/"what"
    ],
)
def test_a_plural_head_asks_for_several(question: str, several: bool) -> None:
    assert asks_several(question) is several


def test_the_sentence_naming_several_of_the_things_asked_for_leads(seed_kb) -> None:
    # "including supporting Ukraine's economic recovery" holds the question's "include" and
    # one place; a sentence naming several of the trip's cities answers "which cities".
    an = analyse(
        seed_kb.snapshot(), seed_kb.embedder, "Which cities does the November 2023 journey include?"
    )
    cities = ("Tel Aviv", "Amman", "Tokyo", "Seoul", "New Delhi")
    assert sum(c in an.sentences[0].text for c in cities) >= 2, an.sentences[0].text


def test_only_the_places_inside_the_one_asked_count_as_several(seed_kb) -> None:
    # "Which cities in Japan": of "Tokyo, Seoul, and New Delhi" only Tokyo answers, so the
    # sentence names one city of those asked for, not three.
    an = analyse(
        seed_kb.snapshot(),
        seed_kb.embedder,
        "Which cities in Japan does the November 2023 journey include?",
    )
    listing = next(s for s in an.sentences if "Tokyo, Seoul, and New Delhi" in s.text)
    assert listing.type_fit == pytest.approx(ONE_OF_SEVERAL_FIT)


def test_the_aim_leads_when_the_best_sentence_states_none(make_kb) -> None:
    kb = make_kb({"readout.txt": READOUT, **OTHERS})
    kb.sync()
    a = ask(
        kb, "What was the point of Lindqvist-Moreau's trip to Djibouti, Kenya, Niger and Somalia?"
    )
    assert a.found and "focused on advancing" in a.text.split("[1]")[0], a.text


HUNGER = (
    """Title: Minister Varo's Travel to Geneva
Published: 2023-05-02

The ministry is committed to ending hunger and building resilient food systems. """
    + (
        "In support of these efforts, Minister Elin Varo will travel to Geneva May 8-9 to convene "
        "meetings to mobilize action on global food security."
    )
    + """

On May 8, Minister Varo will meet with senior officials from several countries.
"""
)


def test_the_point_of_a_trip_is_asked_without_its_frame_words(make_kb) -> None:
    """ "What's the point of Varo's Geneva trip?" need not find "point" (the question's frame)
    nor "trip" (the release says "travel") in its answer, which states the aim with "to
    convene" and "in support of"."""
    kb = make_kb({"geneva.txt": HUNGER, **OTHERS})
    kb.sync()
    plan = plan_query(kb.snapshot(), kb.embedder, "What's the point of Varo's Geneva trip?")
    assert "point" not in plan.terms and plan.head == "trip", plan
    a = ask(kb, "What's the point of Varo's Geneva trip?")
    assert a.found and "food security" in a.text.split("[1]")[0], a.text
    assert states_aim("She will travel to Geneva to convene meetings.")
    assert states_aim("In support of these efforts, she will travel to Geneva.")


POSTING = """Title: Appointment of Senior Advisor Halvorsen as Chargé d'Affaires in Lisbon
Published: 2022-06-01

""" + (
    "Ambassador Rolf Tandberg is expected to assume duties as Ambassador to the Kingdom of "
    "Norway later this summer following his May 5 confirmation. Senior Advisor Ida Halvorsen "
    "will serve as Chargé d'Affaires in Lisbon.\n"
)


def test_where_is_someone_going_needs_no_motion_verb_in_its_answer(make_kb) -> None:
    """ "going" frames a where question: the answer gives the place with its own words
    ("to assume duties as Ambassador to the Kingdom of Norway")."""
    assert motion_frame("where is tandberg going") == "go"
    assert motion_frame("when will she get to Oslo?") == "get"
    assert motion_frame("who is going to Oslo?") is None  # the answer is a person
    kb = make_kb({"posting.txt": POSTING, **OTHERS})
    kb.sync()
    an = analyse(kb.snapshot(), kb.embedder, "where is tandberg going")
    assert an.plan.head == "go" and an.features.coverage == pytest.approx(1.0), an.features
    a = ask(kb, "where is tandberg going")
    assert a.found and "Norway" in a.text.split("[1]")[0], a.text


def test_niger_is_not_read_as_nigeria() -> None:
    corpus = {"nigerian", "nigerien", "nigeria"}
    assert country_forms(["niger", "nigeria"], corpus.__contains__) == {
        "niger": "nigerien",
        "nigeria": "nigerian",
    }


def test_a_stan_or_ia_country_s_adjective_drops_the_ending() -> None:
    corpus = {"uzbekistan", "kazakhstan", "pakistani", "slovakia"}
    assert country_forms(["uzbek", "kazakh", "pakistan", "slovak"], corpus.__contains__) == {
        "uzbek": "uzbekistan",
        "kazakh": "kazakhstan",
        "pakistan": "pakistani",
        "slovak": "slovakia",
    }
    assert country_forms(["russ"], {"russia"}.__contains__) == {}  # a name, too short


def test_whom_a_traveller_met_is_named_after_the_meeting_word() -> None:
    companion = (
        "Advisor Petra Lund and a delegation of officials, including Deputy Administrator "
        "Isobel Crane, traveled to El Salvador on November 28 and met with government officials."
    )
    met = "In a meeting with President Nayib Bukele, Advisor Lund emphasized the relationship."
    given = frozenset({"petra", "lund", "el", "salvador", "meet"})
    for text, fit in ((companion, MET_BEFORE_FIT), (met, 1.0)):
        ents = tuple(e for e in find_entities(text) if not _is_given(e, given))
        assert _met_fit(_names_met(text, ents), 1.0) == fit, text


def test_a_president_of_the_country_asked_about_is_not_given() -> None:
    text = "Chris Dodds met today with President of Ecuador Daniel Novoa."
    people = [e for e in find_entities(text) if e.kind == PERSON and "Novoa" in e.text]
    assert people, find_entities(text)
    given = frozenset({"chris", "dodds", "ecuador", "meet"})
    assert _is_given(people[0], given)  # without knowing Ecuador is the place asked about
    assert not _is_given(people[0], given, places=frozenset({"ecuador"}))


def test_the_companion_sentence_of_the_best_document_leads(seed_kb) -> None:
    # The best sentence says "the US officials will travel to Seoul" and names the hosts; the
    # article's first sentence names Blinken with Austin and says "South Korea", not "Seoul".
    a = ask(seed_kb, "Who accompanied Blinken to Seoul in 2021?")
    assert a.found and "Austin" in a.text.split("[1]")[0], a.text


def test_went_with_asks_for_companions() -> None:
    assert asks_companions("Who went with Jill Biden to Mexico City for the inauguration?")
    assert asks_companions("Who came with the Secretary?")
    assert not asks_companions("Who did Biden meet in Mexico City?")


# A long announcement: the stop after Maputo is told in the chunk after the one naming Maputo.
ZEYA = """Title: Under Secretary Nadia Orlov's Travel to Mozambique and Namibia
Published: 2022-07-16

Under Secretary for Civilian Security Nadia Orlov will travel to Mozambique and Namibia from July
18-24. During her trip, she will advance partnerships on food security and support for refugees
and internally displaced persons, promoting respect for human rights and democratic governance,
fighting the trafficking of persons and wildlife, and building the capacity of regional partners
to prevent conflict, protect civilians, and hold accountable those who abuse human rights in
every country of the region, including through new programs announced at the last summit.

Under Secretary Orlov will begin her trip in Maputo, Mozambique on July 18 where she will meet
with government officials and members of civil society to discuss opportunities to advance the
stabilization of violence-affected areas, leveraging new opportunities under the national
strategy to prevent conflict and promote stability across the region and beyond. She will
highlight important work the United States is doing with African and international partners to
counter terrorism and trafficking in persons, build the capacity of judicial and law enforcement
partners, assist internally displaced persons and people afflicted by violence in the north of
the country, as well as promote food security, democratic principles, anti-corruption efforts,
respect for human rights, and religious freedom in every province of the country.

Under Secretary Orlov will then travel to Windhoek, Namibia on July 21, where she will meet with
government officials to advance shared global priorities on climate change and energy.
"""


def test_the_aim_right_after_a_restatement_leads() -> None:
    from types import SimpleNamespace

    from index.compose.lead import lead_first
    from index.compose.sentences import Sentence
    from index.text.entities import EntityKind

    def sent(start: int, text: str, score: float, fit: float = 0.0) -> Sentence:
        end = start + len(text)
        return Sentence(0, "a", "a", start, end, text, 0.5, 0.5, 0.5, type_fit=fit, score=score)

    restated = sent(0, "Orlov will travel to Mozambique and Namibia from July 18-24.", 2.5)
    aim = sent(61, "During her trip, she will advance partnerships on food security.", 1.2)
    later = sent(300, "In Maputo she will meet officials to discuss stabilization.", 2.4, 1.0)
    plan = SimpleNamespace(
        text="why is orlov going to mozambique and namibia", qtype=EntityKind.OTHER, order=None
    )
    assert lead_first(plan, [restated, later, aim])[0] is aim  # type: ignore[arg-type]
    # No aim right after: the best-scored one with an aim.
    assert lead_first(plan, [restated, later])[0] is later  # type: ignore[arg-type]


def test_who_is_answered_by_a_lower_sentence_naming_someone() -> None:
    """ "Who has led the Department's implementation of the order?": the best-scored sentence
    names an institution ("the White House released ..."); one of its document naming a person,
    scoring well below it but at OTHER_SET_UP_RATIO, joins it, before another document's
    sentence that scores higher and names no one either. Lower still, it comes after that one."""
    from types import SimpleNamespace

    from index.compose.answer import _choose
    from index.compose.sentences import Sentence
    from index.text.entities import EntityKind

    def sent(doc: str, start: int, text: str, score: float, fit: float) -> Sentence:
        end = start + len(text)
        return Sentence(0, doc, doc, start, end, text, 0.5, 0.5, 0.5, score=score, type_fit=fit)

    released = sent("a", 0, "Today, the White House released the Equity Plan. " * 4, 2.1, 0.6)
    issued = sent("b", 0, "On January 20, the order directed agencies to act. " * 5, 2.0, 0.6)
    led = sent("a", 400, "Deputy Secretary Tal has led the plan's implementation.", 1.85, 1.0)
    weak = sent("a", 400, "Deputy Secretary Tal has led the plan's implementation.", 1.4, 1.0)
    plan = SimpleNamespace(
        text="who has led the equity plan", qtype=EntityKind.PERSON, order=None, places=set()
    )
    an = SimpleNamespace(plan=plan, sentences=[released, issued, led])
    chosen = _choose(None, an)  # type: ignore[arg-type]
    assert chosen[:2] == [released, led], [s.text for s in chosen]
    an = SimpleNamespace(plan=plan, sentences=[released, issued, weak])
    assert _choose(None, an)[1] is issued  # type: ignore[arg-type]


def test_another_documents_sentence_naming_someone_comes_before_ones_naming_no_one() -> None:
    """ "Who is the Cuban minister the US sanctioned?": a briefing's two sentences about the
    steps being studied score best, naming no one; the sanctions release's sentence naming the
    minister scores as well, and comes second, before the briefing's other sentence."""
    from types import SimpleNamespace

    from index.compose.answer import _choose
    from index.compose.sentences import Sentence
    from index.text.entities import EntityKind

    def sent(doc: str, start: int, text: str, score: float, fit: float) -> Sentence:
        end = start + len(text)
        return Sentence(0, doc, doc, start, end, text, 0.5, 0.5, 0.5, score=score, type_fit=fit)

    studied = sent("a", 0, "We are studying steps to hold officials to account. " * 4, 1.83, 0.6)
    treasury = sent("a", 300, "OFAC is exploring designating Cuban officials. " * 5, 1.83, 0.6)
    named = sent("b", 0, "Today, the US is sanctioning Minister Tal of Cuba.", 1.82, 1.0)
    plan = SimpleNamespace(
        text="who is the cuban minister the us sanctioned", qtype=EntityKind.PERSON, order=None
    )
    an = SimpleNamespace(plan=plan, sentences=[studied, treasury, named])
    chosen = _choose(None, an)  # type: ignore[arg-type]
    assert chosen[:2] == [studied, named], [s.text for s in chosen]


def test_the_stop_after_from_another_document_leads() -> None:
    """A day's schedule "in Berlin" tells no order; the announcement's "On May 15, he will
    travel to Paris" does, and leads though it scores less."""
    from types import SimpleNamespace

    from index.compose.lead import lead_first
    from index.compose.sentences import Sentence

    def sent(doc: str, text: str, score: float, order: bool) -> Sentence:
        return Sentence(0, doc, doc, 0, len(text), text, 0.5, 0.5, 0.5, score=score, order=order)

    schedule = sent("s", "11:00 a.m. Secretary Reed meets allies in Berlin, Germany.", 2.3, False)
    onward = sent("a", "On May 15, the Secretary will travel to Paris.", 1.2, True)
    weak = sent("a", "On May 15, the Secretary will travel to Paris.", 0.9, True)
    plan = SimpleNamespace(text="After Berlin, where is Reed heading?", order=object())
    assert lead_first(plan, [schedule, onward])[0] is onward  # type: ignore[arg-type]
    assert lead_first(plan, [schedule, weak])[0] is schedule  # type: ignore[arg-type]


def test_the_stop_after_is_read_from_the_next_chunk(make_kb) -> None:
    kb = make_kb({"zeya.txt": ZEYA, **OTHERS})
    kb.sync()
    snap = kb.snapshot()
    doc = next(d for d in snap.docs if "Orlov" in snap.docs[d].title)
    assert len(snap.chunks_of(doc)) >= 2
    second = snap.chunks[snap.chunks_of(doc)[1]]
    before = _sentences_before(snap, doc, second.start)  # what "then" goes on from
    assert len(before) == 2 and all(t in snap.text(doc)[: second.start] for t in before)
    a = ask(kb, "Where does Orlov go after Maputo?")
    assert a.found and "Windhoek" in a.text.split("[1]")[0], a.text


@pytest.mark.parametrize(
    "sentence",
    [
        "During her trip, she will advance partnerships on food security.",
        "It will also highlight our collective efforts to support the people of Ukraine.",
        "Her visit will demonstrate the strength and unity of the Alliance.",
    ],
)
def test_aims_stated_with_will(sentence: str) -> None:
    assert states_aim(sentence)


# Two trips to one place: an announcement naming whom he meets in its first sentence, and an
# earlier readout whose first sentence sets up the visit and whose next one names whom he met.
NEW_DELHI_2025 = (
    "Title: Statement on National Security Advisor Owen Hale's Travel to India\n"
    "Published: 2025-01-04\n\n"
    "National Security Advisor Owen Hale will travel to New Delhi, India on January 5-6 for a "
    "capstone meeting with Indian National Security Advisor Ajit Doval across the breadth of the "
    "partnership.\n"
)

NEW_DELHI_2023 = (
    "Title: Readout of National Security Advisor Owen Hale's Travel to India\n"
    "Published: 2023-06-15\n\n"
    "National Security Advisor Owen Hale visited New Delhi, India, June 13-14. He met with Prime "
    "Minister Narendra Modi and Minister for External Affairs Subrahmanyam Jaishankar. He reviewed "
    "preparations for the upcoming state visit of the Prime Minister.\n"
)


def test_another_trip_whose_next_sentence_names_them_is_kept(make_kb) -> None:
    kb = make_kb({"a.txt": NEW_DELHI_2025, "b.txt": NEW_DELHI_2023, **OTHERS})
    kb.sync()
    a = ask(kb, "Who did Owen Hale meet in New Delhi?")
    assert a.found and "Doval" in a.text and "Modi" in a.text, a.text
    assert {c.path for c in a.citations} == {"a.txt", "b.txt"}


SCHEDULE = (
    "Title: The President to Travel to Texas and Nevada\n"
    "Published: 2024-07-07\n\n"
    "From Monday, July 15th, to Wednesday, July 17th, the President will travel to Texas and "
    "Nevada.\n\n"
    "On Monday, July 15th, the President will travel to Austin, Texas, and visit a library.\n\n"
    "On Monday, July 15th, the President will also travel to Las Vegas, Nevada.\n\n"
    "On Tuesday, July 16th, the President will deliver remarks at the National Convention of "
    "the Teachers Guild.\n\n"
    "On Wednesday, July 17th, the President will deliver remarks at the Annual Conference of "
    "the Small Business Alliance.\n"
)


def test_a_sentence_dating_the_asked_day_wins(make_kb) -> None:
    kb = make_kb({"schedule.txt": SCHEDULE, **OTHERS})
    kb.sync()
    a = ask(kb, "What event is the President speaking at in Vegas on July 16, 2024?")
    assert a.found and "Teachers Guild" in a.text, a.text


HAINES = (
    "Title: Readout of Director Mara Vance's Travel to Rwanda and the Democratic Republic of "
    "the Congo\nPublished: 2023-11-21\n\n"
    "Director of National Intelligence Mara Vance travelled to Rwanda and the Democratic "
    "Republic of the Congo on 19-20 November. Director Vance met with Rwandan President Kagame "
    "and Congolese President Tshisekedi to discuss steps to de-escalate tensions in the east.\n"
)

KAMPALA = (
    "Title: Readout of Envoy Tomas Reyes's Travel to East Africa\nPublished: 2023-05-02\n\n"
    "Envoy Tomas Reyes travelled to Kampala on April 30, where he discussed regional security "
    "and the protection of refugees with Foreign Minister Jeje Odongo.\n"
)


def test_a_question_naming_a_place_is_answered_about_that_place(make_kb) -> None:
    kb = make_kb({"haines.txt": HAINES, **OTHERS})
    kb.sync()
    assert ask(kb, "What did Mara Vance discuss in Rwanda?").found
    assert not ask(kb, "What did Mara Vance discuss in Uganda?").found


def test_a_city_of_the_country_asked_about_counts(make_kb) -> None:
    kb = make_kb({"kampala.txt": KAMPALA, **OTHERS})
    kb.sync()
    a = ask(kb, "What did Tomas Reyes discuss in Uganda?")
    assert a.found and "Odongo" in a.text, a.text


TORONTO = """Title: Under Secretary Lane's Travel to Canada
Published: 2022-06-13

Under Secretary for Economic Growth Maria Lane is traveling to Toronto, Canada, June 12-14. In
Toronto, Under Secretary Lane will meet with Minister of Natural Resources Jonathan Wilkinson to
discuss critical minerals and clean energy supply chains.
"""

OTTAWA_UNNAMED = """Title: Under Secretary Lane's Travel to Canada
Published: 2022-09-20

Under Secretary Maria Lane traveled to Canada this week. Under Secretary Lane met with Minister
of Foreign Affairs Mélanie Joly to discuss energy security.
"""


def test_another_city_of_the_country_of_the_city_asked_does_not_count(make_kb) -> None:
    """Asked about Vancouver, a document about Toronto does not answer, though both are in
    Canada; one naming only the country may ("traveled to Canada")."""
    kb = make_kb({"toronto.txt": TORONTO, **OTHERS})
    kb.sync()
    q = "who is under secretary lane meeting in vancouver during her canada trip"
    assert not ask(kb, q).found
    assert "Wilkinson" in ask(kb, "Who is Under Secretary Lane meeting in Toronto?").text
    kb = make_kb({"canada.txt": OTTAWA_UNNAMED, **OTHERS})
    kb.sync()
    a = ask(kb, "Who did Under Secretary Lane meet in Ottawa?")
    assert a.found and "Joly" in a.text, a.text


@pytest.mark.parametrize(
    ("question", "terms"),
    [
        ("What did Mara Vance discuss in Uganda?", {"uganda"}),
        ("Who did Vance meet in Kigali, Rwanda?", {"kigali", "rwanda", "rwandan"}),
        ("Name a common autoimmune disease.", set()),
        ("What is the name of the teacher?", set()),
        ("Where did she go in March 2021?", set()),
        ("who did she meet in kenya", {"kenya"}),
        ("What did Foggy Bottom announce at the UN?", set()),
    ],
)
def test_the_places_a_question_asks_about(make_kb, question: str, terms: set[str]) -> None:
    kb = make_kb({"haines.txt": HAINES, "kampala.txt": KAMPALA, **OTHERS})
    kb.sync()
    plan = plan_query(kb.snapshot(), kb.embedder, question)
    assert set(asked_places(plan).names) == terms


def test_the_country_of_a_place_asked_is_no_answer_to_where(make_kb) -> None:
    from index.compose.sentences import answer_type_fit

    kb = make_kb({"zeya.txt": ZEYA, **OTHERS})
    kb.sync()
    snap = kb.snapshot()
    plan = plan_query(snap, kb.embedder, "Where does Orlov go after Maputo?")
    an = analyse(snap, kb.embedder, "Where does Orlov go after Maputo?")
    in_maputo = replace(an.sentences[0], text="Orlov met officials in Maputo, Mozambique.")
    assert answer_type_fit(snap, plan, in_maputo) == 0.0  # Mozambique is Maputo's country
    onward = replace(in_maputo, text="Orlov will then fly to Windhoek, Namibia.")
    assert answer_type_fit(snap, plan, onward) == 1.0


def test_a_name_with_a_quoted_nickname_is_a_person() -> None:
    text = "She will also meet with Ambassador C.B. “Sully” Sullenberger, Representative to ICAO."
    people = [e.text for e in find_entities(text) if e.kind == PERSON]
    assert people == ["C.B. “Sully” Sullenberger"]


def test_a_question_in_lower_case_has_the_names_the_corpus_writes(make_kb) -> None:
    kb = make_kb({"haines.txt": HAINES, **OTHERS})
    kb.sync()
    snap = kb.snapshot()
    typed = plan_query(snap, kb.embedder, "what did mara vance discuss with kagame")
    cased = plan_query(snap, kb.embedder, "What did Mara Vance discuss with Kagame")
    assert {"mara", "vanc", "kagam"} <= typed.names
    assert "discuss" not in typed.names
    assert typed.weights == cased.weights


def test_the_sentence_naming_whom_he_met_leads() -> None:
    from types import SimpleNamespace

    from index.compose.lead import lead_first
    from index.compose.sentences import Sentence
    from index.text.entities import EntityKind

    def sent(doc: str, text: str, score: float, met: bool) -> Sentence:
        return Sentence(0, doc, doc, 0, len(text), text, 0.5, 0.5, 0.5, 1.0, 1.0, score, met=met)

    companion = sent(
        "a", "Lund and Administrator Crane traveled and met with officials.", 2.3, False
    )
    bukele = sent("b", "In a meeting with President Nayib Bukele, Lund spoke.", 1.9, True)
    far = sent("b", "Lund also met with President Bukele at dinner.", 1.0, True)
    plan = SimpleNamespace(
        text="Who did Lund meet in El Salvador?",
        qtype=EntityKind.PERSON,
        order=None,
        places=frozenset(),
    )
    assert lead_first(plan, [companion, bukele])[0] is bukele  # type: ignore[arg-type]
    # Under 0.75 of the best: the order stays.
    assert lead_first(plan, [companion, far])[0] is companion  # type: ignore[arg-type]


def _readout(place: str, leader: str, day: int) -> str:
    return (
        f"Title: Readout of Advisor Dr. Lena Ortiz's Visit to {place}\n"
        f"Published: 2022-03-{day:02d}\n\n"
        f"Homeland Security Advisor Dr. Lena Ortiz travelled to {place} this week. While in "
        f"{place}, Dr. Ortiz met with {leader} to discuss counterterrorism cooperation and "
        f"border security. Dr. Ortiz also met with the Interior Minister of {place} and with "
        "police chiefs. Dr. Ortiz thanked her hosts for their partnership.\n"
    )


SAHEL_TRIP = (
    "Title: Readout of Senior Administration Official Travel to Djibouti, Kenya and Chad\n"
    "Published: 2022-04-30\n\n"
    "This week, Homeland Security Advisor Dr. Lena Ortiz, General Paul Hart and Assistant "
    "Secretary Chris Dunn travelled to Djibouti, Kenya and Chad.\n\n"
    + " ".join(
        f"In East Africa, the delegation met with U.S. forces responsible for the campaign "
        f"against armed groups, and with embassy staff, to review programme {i} of the "
        "regional partnership, its training courses, its equipment and its results so far."
        for i in range(1, 7)
    )
    + "\n\nIn Central Africa, the delegation travelled to Chad, a hub for counterterrorism "
    "efforts in the Sahel. In N'Djamena, they met with Chadian President Idriss Mahamat to "
    "discuss security cooperation. They also visited an air base where American forces train "
    "with Chadian partners.\n"
)


def test_a_place_paragraph_of_a_long_readout_is_read(make_kb) -> None:
    """The traveller's other readouts outrank the one paragraph about the place asked, which
    calls her "they": it is read, its sentences are ranked again once the other readouts'
    are dropped (they filled every place scanned for the person asked), and the person met
    there is named."""
    places = [
        ("Panama", "President Laurentino Cortizo"),
        ("Colombia", "Foreign Minister Alvaro Leyva"),
        ("Kosovo", "President Vjosa Osmani"),
        ("France", "Minister Gerald Darmanin"),
        ("Mexico", "Foreign Secretary Marcelo Ebrard"),
        ("Qatar", "Minister Mohammed Al-Khulaifi"),
        ("Albania", "Prime Minister Edi Rama"),
        ("Greece", "Minister Nikos Dendias"),
        ("Jordan", "Foreign Minister Ayman Safadi"),
    ]
    docs = {f"ortiz-{i}.txt": _readout(p, who, i + 1) for i, (p, who) in enumerate(places)}
    kb = make_kb({**docs, "sahel.txt": SAHEL_TRIP, **OTHERS})
    kb.sync()
    a = ask(kb, "Who did Ortiz meet in Chad?")
    assert a.found and "Idriss Mahamat" in a.text, a.text


def test_sentences_left_by_a_filter_are_scanned_for_entities(make_kb) -> None:
    """Only the best TYPED_SENTENCES are scanned for the kind of entity asked; when a filter
    (the place asked) drops them, those left are ranked again and the best of them scanned."""
    docs = {
        f"ortiz-{i}.txt": _readout(p, "President Ana Ruiz", i + 1)
        for i, p in enumerate(["Panama", "Colombia", "Kosovo", "France", "Mexico", "Qatar"])
    }
    kb = make_kb({**docs, "sahel.txt": SAHEL_TRIP, **OTHERS})
    kb.sync()
    snap = kb.snapshot()
    an = analyse(snap, kb.embedder, "Who did Ortiz meet?")
    left = an.sentences[TYPED_SENTENCES:]
    assert not any(s.entities for s in left)  # below the scanned ones
    again = ranked(snap, an.plan, left)
    assert any(s.entities and s.type_fit > 0 for s in again[:TYPED_SENTENCES])
    assert again[0].score >= max(s.score for s in left)


SHERMAN = {
    "cambodia.txt": "Title: Deputy Secretary Lane's Visit to Cambodia\nPublished: 2021-06-01\n\n"
    "In a meeting with Prime Minister Hun Sen, Deputy Secretary Lane recalled the role the "
    "United States played in brokering the 1991 Paris Peace Agreements.\n",
    "europe.txt": "Title: Deputy Secretary Lane's Travel to Spain and France\n"
    "Published: 2022-04-29\n\n"
    "Deputy Secretary of State Maria Lane will travel to Madrid on May 5. Finally, on May 7, "
    "the Deputy Secretary will meet in Paris, France, with French Secretary General Francois "
    "Delattre to discuss support for Ukraine.\n",
}


def test_a_place_as_the_first_word_of_an_agreement_is_not_the_place(make_kb) -> None:
    """ "When will Lane be in Paris?" is not answered by "the 1991 Paris Peace Agreements"."""
    kb = make_kb({**SHERMAN, **OTHERS})
    kb.sync()
    an = analyse(kb.snapshot(), kb.embedder, "When will Lane be in Paris?")
    agreement = next(s for s in an.sentences if "Peace Agreements" in s.text)
    visit = next(s for s in an.sentences if "meet in Paris" in s.text)
    assert agreement.names == 0.0  # the agreement's "Paris" is no place
    assert visit.names == 1.0
    a = ask(kb, "When will Lane be in Paris?")
    assert a.found and "May 7" in a.text.split("[1]")[0], a.text
    plan = plan_query(kb.snapshot(), kb.embedder, "What does the Paris Agreement require?")
    assert place_in_names(plan) is None  # the question itself names the agreement


def test_a_sentence_of_the_best_document_scoring_nearly_as_well_comes_first() -> None:
    """ "What is the envoy discussing?": "... arrived in Saudi Arabia today" and, two sentences
    on, "The Special Envoy will address ... fuel": both before another document's sentence."""
    from types import SimpleNamespace

    from index.compose.answer import _choose
    from index.compose.sentences import Sentence
    from index.text.entities import EntityKind

    def sent(doc: str, start: int, text: str, score: float) -> Sentence:
        return Sentence(0, doc, doc, start, start + len(text), text, 0.5, 0.5, 0.5, score=score)

    arrived = sent("a", 0, "The envoy arrived in Riyadh today to meet officials.", 2.45)
    address = sent("a", 200, "The envoy will address the import of fuel.", 2.44)
    returned = sent("b", 0, "The envoy returned from Riyadh today.", 2.14)
    press = sent("c", 0, "The envoy praised the Riyadh Agreement today.", 2.42)
    plan = SimpleNamespace(text="what is the envoy discussing", qtype=EntityKind.OTHER, order=None)
    an = SimpleNamespace(plan=plan, sentences=[arrived, address, press, returned])
    chosen = _choose(None, an)  # type: ignore[arg-type]
    assert chosen[:2] == [arrived, address] and returned not in chosen


def test_a_document_naming_the_asked_countrys_adjective_speaks_of_it(make_kb) -> None:
    from index.compose.asked_place import about_asked_place

    libya = (
        "Title: Secretary Reed's Meeting with Libyan Interim Prime Minister Dabaiba\n"
        "Published: 2021-06-24\n\n"
        "Secretary Reed met today with Libyan interim Prime Minister Abdulhamid Dabaiba in "
        "Berlin to discuss elections.\n"
    )
    kb = make_kb({"libya.txt": libya, **OTHERS})
    kb.sync()
    snap = kb.snapshot()
    plan = plan_query(snap, kb.embedder, "Who did Reed meet in Tripoli?")
    doc = next(d for d in snap.docs if "Libyan" in snap.docs[d].title)
    sentence = "Secretary Reed met today with Libyan interim Prime Minister Abdulhamid Dabaiba."
    assert about_asked_place(snap, asked_places(plan), {doc: [sentence]}) == {doc}
    other = plan_query(snap, kb.embedder, "Who did Reed meet in Nairobi?")
    assert about_asked_place(snap, asked_places(other), {doc: [sentence]}) == set()


BORDER = (
    "Title: Readout of a Visit to the Border Region\nPublished: 2021-03-07\n\n"
    "On Saturday, senior officials traveled to the southern border to visit a Border Patrol "
    "facility and an Office of Refugee Resettlement facility. During the visit, the senior "
    "officials received operational briefings and tours of the facilities. They discussed "
    "capacity needs.\n"
)


def test_a_best_sentence_referring_back_to_the_noun_asked_takes_the_one_before(make_kb) -> None:
    from index.compose.antecedent import referred_noun

    assert referred_noun("What facilities did the senior officials tour?") == "facil"
    assert referred_noun("What did they tour?") is None
    kb = make_kb({"border.txt": BORDER, **OTHERS})
    kb.sync()
    a = ask(kb, "What facilities did the senior officials tour at the border?")
    assert a.found and "Border Patrol" in a.text.split("[1]")[0], a.text


TWO_CITIES_VISIT = """Title: Senior Official Moreno's Travel to Los Angeles and Honolulu
Published: 2022-06-27

Senior Official for Public Diplomacy Liza Moreno will travel to Los Angeles, California and
Honolulu, Hawaii June 27 – 30. In Los Angeles, she will visit the University of Southern
California Center on Public Diplomacy and the Annenberg School for Communication. In Honolulu,
Senior Official Moreno will deliver a keynote address at the East-West Center International
Media Conference.
"""


def test_where_inside_a_city_is_not_answered_by_another_city(make_kb) -> None:
    """ "Where will she go in Los Angeles?" asks for a place in it: Honolulu does not fit, the
    venues she visits there do."""
    kb = make_kb({"moreno.txt": TWO_CITIES_VISIT, **OTHERS})
    kb.sync()
    a = ask(kb, "where will liza moreno go in los angeles")
    assert a.found and "University of Southern California" in a.text, a.text
    after = ask(kb, "Where will Moreno go after Los Angeles?")
    assert after.found and "Honolulu" in after.text.split("[1]")[0], after.text


VISIT_AGENDA = """Title: Statement on the Visit of Prime Minister Aldous Kerr of Freedonia
Published: 2024-09-06

On September 13, President Elena Voss will host Prime Minister Aldous Kerr of Freedonia for a
bilateral meeting at the White House. This will be their second meeting at the White House
since the Prime Minister's election this summer. The leaders will have an in-depth discussion
on a range of global issues, including support to Ukraine, shipping in the Red Sea and a free
and open Indo-Pacific.
"""


def test_what_they_will_discuss_is_the_sentence_giving_an_agenda(make_kb) -> None:
    """The best sentence names both leaders and the meeting; the one giving what they will
    discuss comes two sentences later and leads."""
    kb = make_kb({"kerr.txt": VISIT_AGENDA, **OTHERS})
    kb.sync()
    a = ask(kb, "what will voss and kerr discuss at their bilateral")
    assert a.found and "Ukraine" in a.text.split("[1]")[0], a.text


MBZ_VISIT = """Title: Statement on the Visit of His Highness Sheikh Mohamed bin Zayed Al Nahyan
Published: 2024-09-19

On September 23, President Elena Voss will welcome His Highness President Sheikh Mohamed bin
Zayed Al Nahyan to the White House. The leaders will discuss advanced technology.
"""


def test_a_leader_written_by_initials_is_the_name_the_titles_write(make_kb) -> None:
    kb = make_kb({"mbz.txt": MBZ_VISIT, **OTHERS})
    kb.sync()
    a = ask(kb, "when is MBZ coming to the white house")
    assert a.found and "September 23" in a.text, a.text


CHILE_TRIP = """Title: Under Secretary Ziya's Travel to Chile
Published: 2022-05-02

Under Secretary for Civilian Security Uzma Ziya will travel to Santiago, Chile, May 3-5 to meet
with senior Chilean officials.
"""
MEXICO_CITY = """Title: Conference in Mexico City
Published: 2022-04-02

Delegates met in Mexico City. The city hosted the forum, and the city will host the next one.
"""


def test_a_lower_case_word_the_corpus_writes_as_a_name_only_sometimes_is_no_name(make_kb) -> None:
    """In a question typed in lower case, "city" is not a name the answer's document must
    hold: the corpus capitalises it in "Mexico City" but writes "the city" too."""
    from index.compose.asked_names import asked_names

    kb = make_kb({"chile.txt": CHILE_TRIP, "mexico.txt": MEXICO_CITY, **OTHERS})
    kb.sync()
    snap = kb.snapshot()
    q = "which city is the under secretary for civilian security going to in chile"
    assert ("citi",) not in asked_names(snap, plan_query(snap, kb.embedder, q))
    assert ("ziya",) in asked_names(snap, plan_query(snap, kb.embedder, "where is ziya going"))
    a = ask(kb, q)
    assert a.found and "Santiago" in a.text, a.text


def test_when_the_best_sentence_lacks_what_was_asked_its_twin_holds_it() -> None:
    """ "Who led the two delegations at the Seventh Strategic Dialogue?": the sentence naming
    the dialogue names no one; of its document's sentences scoring nearly as well, the one
    naming the leaders joins it, before a sentence that only describes the dialogue and before
    another document."""
    from types import SimpleNamespace

    from index.compose.answer import _choose
    from index.compose.sentences import Sentence
    from index.text.entities import EntityKind

    def sent(doc: str, start: int, text: str, score: float, fit: float) -> Sentence:
        return Sentence(
            0, doc, doc, start, start + len(text), text, 0.5, 0.5, 0.5, score=score, type_fit=fit
        )

    met = sent("a", 0, "Senior delegations met on May 21 for the Seventh Dialogue.", 2.06, 0.0)
    integral = sent("a", 300, "The Dialogue is an integral part of the relationship.", 1.97, 0.6)
    led = sent(
        "a", 100, "Atul Keshap led the U.S. delegation, and Thani Thongphakdi ...", 1.91, 1.0
    )
    other = sent("b", 0, "Senior delegations met on May 9 for the first joint dialogue.", 2.01, 0.6)
    plan = SimpleNamespace(text="who led the two delegations", qtype=EntityKind.PERSON, order=None)
    an = SimpleNamespace(plan=plan, sentences=[met, other, integral, led])
    chosen = _choose(None, an)  # type: ignore[arg-type]
    assert chosen[:2] == [met, led], [s.text for s in chosen]


LIBYA_STATEMENT = """Title: Joint Statement on the Situation in Libya
Published: 2022-06-24

We underline that Libya's resources must be managed in a transparent and accountable manner \
throughout the country, for the benefit of the Libyan people. We urge Libya's leaders to agree \
on the country's public spending priorities and a joint revenue oversight structure. In this \
joint statement, France, Germany, Italy, the United Kingdom, and the United States of America \
welcome the progress made on the situation in Libya in the talks in Cairo. We urge Libyan \
political leaders to engage constructively in \
negotiations on elections. We stress the need for a unified Libyan government able to deliver \
these elections across the country.
"""


def test_which_countries_asked_of_a_statement_on_a_country_are_other_countries(make_kb) -> None:
    """ "Which countries issued the joint statement on the situation in Libya?": the countries
    that answer are not inside Libya, as places answering "where in Libya ...?" must be, so the
    sentence naming them holds what was asked and leads."""
    kb = make_kb({"libya.txt": LIBYA_STATEMENT, **OTHERS})
    kb.sync()
    reply = answer_question(
        kb.snapshot(),
        kb.embedder,
        "which countries issued the joint statement on the situation in libya",
    )
    assert reply.found and "France, Germany, Italy" in reply.text, reply.text
    first = reply.text[reply.text.index(": ") + 2 : reply.text.index(" [1]")]
    assert first.startswith("In this joint statement, France"), reply.text


SUMMIT_WELCOMED = """Title: On the Freedonia Summit
Published: 2022-07-06

The United States welcomes the agreement between Freedonia and Sylvania on a 24-month transition \
timeline starting in March 2022. The United States is encouraged by the outcomes of the most \
recent Freedonia Summit, held on July 3. We trust the transition government will turn its full \
attention to the benchmarks of the transition.
"""


def test_a_day_answers_a_when_question_naming_its_month(make_kb) -> None:
    """ "When was the summit welcomed in July 2022?": "July 3" is not given by "July" (a
    date's numbers count, however short), so the sentence dating the summit answers."""
    kb = make_kb({"summit.txt": SUMMIT_WELCOMED, **OTHERS})
    kb.sync()
    question = "When was the Freedonia summit that the United States welcomed in July 2022?"
    reply = answer_question(kb.snapshot(), kb.embedder, question)
    assert reply.found and "held on July 3" in reply.text, reply.text
