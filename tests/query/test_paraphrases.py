"""Paraphrases: an institution's nickname for its formal name, a noun for the document's verb.
Each question below was refused before paraphrases (its "missing word" was the paraphrase);
an off-topic question using a nickname is still refused."""

from __future__ import annotations

import pytest

from index.query.plan import plan_query
from index.text.lexicon.requests import REGIONS
from index.text.paraphrase import (
    aliases_in,
    amounts_spelt_out,
    country_acronyms,
    country_other_names,
    motion_verbs,
    other_spellings,
    phrasal_verbs,
    region_codes,
    region_countries,
    spelt_out,
    titles_spelt_out,
    with_formal_names,
    word_family,
)
from index.text.tokens import stem, term_set

DOCS = {
    "defense-talks.txt": "Title: Defense talks in Washington\nPublished: 2024-03-05\n\n"
    "The Department of Defense hosted Indonesian Defense Minister Prabowo Subianto in "
    "Washington on March 4. Secretary of Defense Lloyd Austin and Minister Prabowo agreed to "
    "expand joint exercises in the South China Sea and to open a new training center in "
    "Surabaya. They discussed maritime security and the modernisation of Indonesia's air force.\n",
    "un-visit.txt": "Title: Envoy in New York\nPublished: 2024-03-07\n\n"
    "Ambassador Linda Thomas-Greenfield addressed the United Nations General Assembly on food "
    "security. She met with Secretary-General Antonio Guterres to discuss humanitarian access "
    "in Sudan. The two officials agreed that a ceasefire was urgent.\n",
    "state-release.txt": "Title: Spokesperson statement\nPublished: 2024-03-08\n\n"
    "The Department of State announced new sanctions on three shipping companies. "
    "Spokesperson Matthew Miller said the companies transported Iranian oil in violation of "
    "sanctions.\n",
    "farm.txt": "Title: Harvest report\nPublished: 2024-03-02\n\n"
    "Farmers in Iowa harvested a record corn crop this autumn. Prices for soybeans fell by "
    "four percent over the month.\n",
}


@pytest.fixture
def kb(make_kb):
    kb = make_kb(DOCS)
    kb.sync()
    return kb


@pytest.mark.parametrize(
    ("question", "expect"),
    [
        ("Who visited the Pentagon in March 2024?", "Prabowo"),
        ("Who attended the meeting at the Pentagon?", "Prabowo"),
        ("What agreement did Austin and Prabowo reach?", "joint exercises"),
        ("What did Foggy Bottom announce about shipping companies?", "sanctions"),
        ("Who did the ambassador have a meeting with at the UN?", "Guterres"),
    ],
)
def test_paraphrased_questions_are_answered(kb, question: str, expect: str) -> None:
    reply = kb.respond(question).reply
    assert reply.found, question
    assert expect in reply.text


def test_a_nickname_does_not_make_an_off_topic_question_answerable(kb) -> None:
    assert not kb.respond("What did the Pentagon announce about wheat prices?").reply.found


def test_word_family_relates_nouns_verbs_and_irregular_forms() -> None:
    assert stem("meet") in word_family("met") and stem("met") in word_family("meeting")
    assert stem("agreed") in word_family("agreement")
    assert stem("agreement") in word_family("agreed")
    assert stem("discussed") in word_family("discussion")
    assert stem("visited") in word_family("visit")
    # Not a suffix that makes another word: "sign" is not "signal", "met" is not "metal".
    assert stem("signal") not in word_family("signed")
    assert stem("metal") not in word_family("met")


def test_word_family_relates_a_verb_and_its_noun_whose_last_sounds_change() -> None:
    """ "respond" / "response", "expand" / "expansion", "decide" / "decision": the question may
    use either, the document the other."""
    assert stem("response") in word_family("respond") and stem("responded") in word_family(
        "response"
    )
    assert stem("expansion") in word_family("expanded") and stem("expand") in word_family(
        "expansion"
    )
    assert stem("decision") in word_family("decide") and stem("decide") in word_family("decisions")
    # a short noun read back is often another word: "tension" is no "tend"
    assert stem("tend") not in word_family("tension") and stem("send") not in word_family("sense")


PAYNE = """Title: Secretary Reed and Foreign Minister Payne Before Their Meeting
Published: 2022-04-06

SECRETARY REED: Welcome to Washington, Marise.
FOREIGN MINISTER PAYNE: Great to be here. This is a critical time for partners like ours to be
closely joined in response to the actions of authoritarian states that violate the UN Charter.
So I look forward to our discussions on the Pacific islands.
"""


def test_a_verb_asked_finds_the_noun_its_document_uses(make_kb) -> None:
    kb = make_kb({"payne.txt": PAYNE, **DOCS})
    kb.sync()
    asked = "What did Payne say the two countries had to respond to?"
    plan = plan_query(kb.snapshot(), kb.embedder, asked)
    # "respond" is found where the document says "in response to"
    present = term_set("closely joined in response to the actions")
    asked_verb = [t for t in plan.terms if t.startswith("respon")]
    assert asked_verb and all(plan.found_in(t, present) for t in asked_verb), plan.terms
    reply = kb.respond(asked).reply
    assert reply.found and "authoritarian" in reply.text.split("[1]")[0], reply.text


def test_other_spellings_cross_the_atlantic_both_ways() -> None:
    assert "defense" in other_spellings("defence") and "defence" in other_spellings("defense")
    assert "organize" in other_spellings("organised") or "organized" in other_spellings("organised")
    assert {"color", "traveled", "center", "program"} <= (
        other_spellings("colour")
        | other_spellings("travelled")
        | other_spellings("centre")
        | other_spellings("programme")
    )
    assert "filed" not in other_spellings("filled")  # a double "l" after "i" is no spelling
    assert not other_spellings("four")  # short words are read as they are


def test_an_ordinal_in_figures_is_read_as_the_word_the_releases_use(make_kb) -> None:
    """ "who signd the 2nd sport statment": releases write "Second Statement", and "2nd" is
    rare in them; the question's term is the usual one."""
    assert other_spellings("2nd") == {"second"} and other_spellings("21st") == set()
    assert other_spellings("3RD") == {"third"} and not other_spellings("2")
    docs = {
        "second.txt": (
            "Title: Second Statement on Sport\nPublished: 2022-07-05\n\nThe ministers issued "
            "a second statement on the war and international sport. The second one adds "
            "Belarus.\n"
        ),
        "figure.txt": (
            "Title: The 2nd Infantry Visit\nPublished: 2022-07-06\n\nSoldiers of the 2nd "
            "Infantry visited the embassy.\n"
        ),
        "talks.txt": (
            "Title: Talks in Geneva\nPublished: 2022-07-07\n\nThe second round of talks "
            "opened in Geneva.\n"
        ),
    }
    kb = make_kb(docs)
    kb.sync()
    plan = plan_query(kb.snapshot(), kb.embedder, "what did the 2nd sport statement add")
    assert "second" in plan.weights and "2nd" not in plan.weights, plan.weights


def test_words_shortened_as_people_type_are_spelt_out(make_kb) -> None:
    assert other_spellings("govt") == {"government"} and other_spellings("Dept") == {"department"}
    assert spelt_out("japanese govt officials") == "japanese government officials"
    assert spelt_out("which civil society ppl did she meet") == (
        "which civil society people did she meet"
    )
    assert spelt_out("how many yrs in a row, abt 2 wks ago") == (
        "how many years in a row, about 2 weeks ago"
    )
    assert spelt_out("what did they export w/o a license, b/c of the war") == (
        "what did they export without a license, because of the war"
    )
    assert not other_spellings("gov")  # governor as well
    # a shortened title beside another title word; alone, "sec" is a second
    assert titles_spelt_out("why is the deputy sec stopping in frankfurt") == (
        "why is the deputy secretary stopping in frankfurt"
    )
    assert (
        titles_spelt_out("what did the sec of state say") == "what did the secretary of state say"
    )
    assert titles_spelt_out("dep sec mckeon") == "deputy secretary mckeon"
    assert titles_spelt_out("give me a sec") == "give me a sec"
    doc = (
        "Title: Advisor Quist's Travel to Japan\nPublished: 2021-11-18\n\n"
        "From November 15-17, Advisor Mara Quist traveled to Japan. Quist met with a range of "
        "Government of Japan officials to consult on countering malicious cyber activity. The "
        "United States and Japan are committed to deepening the Alliance and to fulfilling its "
        "potential, including by promoting secure connectivity.\n"
    )
    kb = make_kb({"quist.txt": doc, **DOCS})
    kb.sync()
    reply = kb.respond("what did quist discuss with japanese govt officials").reply
    assert reply.found and "malicious cyber activity" in reply.text.split("[1]")[0], reply.text


def test_amounts_typed_short_are_spelt_out(make_kb) -> None:
    assert amounts_spelt_out("the $5M covid money") == "the $5 million covid money"
    assert amounts_spelt_out("2.5bn in aid, €20mn more") == "2.5 billion in aid, €20 million more"
    assert (
        amounts_spelt_out("$1.2B so far, 300 mil left") == "$1.2 billion so far, 300 million left"
    )
    assert amounts_spelt_out("a 5m wall, $10 million") == "a 5m wall, $10 million"  # metres?
    releases = {
        "thailand-covid.txt": "Title: Aid to Thailand\nPublished: 2021-08-10\n\n"
        "The Ambassador announced $5 million in aid to help Thailand fight COVID-19.\n",
        **DOCS,
    }
    kb = make_kb(releases)
    kb.sync()
    # the question is read, and searched, with the words the release writes
    plan = plan_query(kb.snapshot(), kb.embedder, "what's the $5M for thailand supposed to do")
    assert "million" in plan.terms, plan.terms


def test_a_word_is_read_as_the_corpus_usually_spells_it(kb) -> None:
    # The corpus writes "Defense" and "center", and "modernisation" the British way.
    snap = kb.snapshot()
    plan = plan_query(snap, kb.embedder, "Which defence centre will open for the modernization?")
    assert {stem("defense"), stem("center"), stem("modernisation")} <= set(plan.terms), plan.terms
    assert not plan.corrections  # no misspelling, so no "Reading this as" line
    reply = kb.respond("Where will the new training centre open?").reply
    assert reply.found and "Surabaya" in reply.text, reply.text


def test_institution_nicknames() -> None:
    assert [a.formal for a in aliases_in("Who went to the Pentagon and the UN?")] == [
        "Department of Defense",
        "United Nations",
    ]
    assert with_formal_names("a Foggy Bottom briefing") == "a Department of State briefing"
    assert aliases_in("an un-official visit") == []  # acronyms only in capitals
    assert aliases_in("WHO DID BLINKEN MEET?") == []  # a question typed in capitals


def test_offices_by_their_short_names() -> None:
    found = aliases_in("Why is the VP going to Poland, and where will POTUS speak?")
    assert [a.formal for a in found] == ["Vice President", "President"]
    assert [a.formal for a in aliases_in("What did the DNI discuss in Kigali?")] == [
        "Director of National Intelligence"
    ]


TRIP_DOCS = {
    "climate-trip.txt": "Title: Envoy Kerry's travel to Sweden\nPublished: 2022-05-27\n\n"
    "Special Envoy John Kerry will travel to Sweden June 1-3 to lead the delegation to a "
    "conference on the environment in Stockholm. He will be joined by Assistant Secretary "
    "Monica Medina, who will travel to Sweden May 31-June 4. The delegation will meet "
    "ministers from Nordic countries to discuss clean energy and ocean protection.\n",
    "farm.txt": DOCS["farm.txt"],
    "state-release.txt": DOCS["state-release.txt"],
}


def test_motion_verbs_before_a_place_stand_for_trip_words() -> None:
    trip = {stem(w) for w in ("travel", "visit", "trip", "arrive")}
    assert set(motion_verbs("When will Medina get to Sweden?")[stem("get")]) == trip
    assert stem("heading") in motion_verbs("why is the assistant secretary heading to mexico")
    assert stem("going") in motion_verbs("Why is the VP going to the Philippines?")
    # not before a place: a school, or money
    assert motion_verbs("What UN secretary went to Harvard?") == {}
    assert motion_verbs("How much money was to go to the network?") == {}


def test_get_to_a_place_is_held_by_a_sentence_saying_travel_to_it(make_kb) -> None:
    """The refusal model reads how much of the question one sentence holds: "Medina ... will
    travel to Sweden" holds all of "When will Medina get to Sweden?" (it held two words of
    three, and at 2,031 releases that question was refused)."""
    from index.compose.answer import analyse

    kb = make_kb(TRIP_DOCS)
    kb.sync()
    an = analyse(kb.snapshot(), kb.embedder, "When will Medina get to Sweden?")
    assert an.features.joint_share == 1.0
    assert an.features.coverage == 1.0
    reply = kb.respond("When will Medina get to Sweden?").reply
    assert reply.found and "May 31" in reply.text


def test_phrasal_verbs_stand_for_the_verbs_releases_write() -> None:
    assert phrasal_verbs("Who did Blinken sit down with in Munich?") == {
        stem("sit"): (stem("meet"), stem("met"))
    }
    assert stem("launch") in phrasal_verbs("the network Blinken rolled out in LA")[stem("roll")]
    assert phrasal_verbs("Who sat next to him?") == {}  # no particle: no phrasal verb


def test_sat_down_with_is_held_by_a_sentence_saying_met(make_kb) -> None:
    from index.compose.answer import analyse

    kb = make_kb(TRIP_DOCS)
    kb.sync()
    # The corpus has no "sit": the question is read with "meet", which the release says.
    an = analyse(kb.snapshot(), kb.embedder, "Who did Medina sit down with in Stockholm?")
    assert "meet" in an.plan.terms and an.features.coverage == 1.0, an.features


def test_the_name_asked_for_is_no_word_its_answer_holds(make_kb) -> None:
    kb = make_kb(TRIP_DOCS)
    kb.sync()
    plan = plan_query(kb.snapshot(), kb.embedder, "What's the name of the minister Medina met?")
    assert "name" not in plan.terms and "name" not in plan.unknown, plan
    plan = plan_query(kb.snapshot(), kb.embedder, "Which name did Medina give the initiative?")
    assert "name" in plan.terms or "name" in plan.unknown  # "name" is asked about here


def test_a_region_named_as_a_destination_stands_for_its_countries() -> None:
    gulf = region_countries("what was the goal of the delegation's trip to the gulf")
    assert ("qatar",) in gulf["gulf"] and ("oman",) in gulf["gulf"]
    assert region_codes("Who did she meet in the Balkans?") == {"balkans": REGIONS["balkans"]}
    assert region_codes("What did they say about the Indo-Pacific?") == {}  # a topic
    assert region_codes("Which trips went to Asia?") == {}  # a continent names too much


SINGH_DOCS = {
    "india.txt": "Title: Readout of Senior Administration Travel to India\n"
    "Published: 2022-04-01\n\n"
    "This week, Deputy National Security Advisor Daleep Singh was in New Delhi to discuss ways "
    "to deepen economic cooperation and advance a free and open Indo-Pacific.\n",
    "gulf.txt": "Title: Senior Administration Delegation Trip to the Middle East\n"
    "Published: 2021-12-03\n\n"
    "This week, Deputy National Security Advisor Daleep Singh and Deputy Secretary of Commerce "
    "Don Graves traveled to the United Arab Emirates, Saudi Arabia, and Qatar. The purpose of "
    "this trip was to discuss economic issues including trade, infrastructure and clean "
    "energy.\n",
    "balkans.txt": "Title: Envoy Hart's Travel\nPublished: 2022-06-01\n\n"
    "Special Envoy Tom Hart will travel to the Balkans next week to discuss energy security "
    "with regional leaders.\n",
    "farm.txt": DOCS["farm.txt"],
}


def test_a_question_about_a_trip_to_a_region_reads_documents_about_its_countries(make_kb):
    kb = make_kb(SINGH_DOCS)
    kb.sync()
    reply = kb.respond("what was the goal of the daleep singh delegation trip to the gulf").reply
    assert reply.found and "infrastructure" in reply.text, reply.text
    assert "New Delhi" not in reply.text
    # a document naming the region itself, and none of its countries, speaks of it too
    reply = kb.respond("Why is Envoy Hart going to the Balkans?").reply
    assert reply.found and "energy security" in reply.text, reply.text


def test_a_country_acronym_stands_for_the_countrys_name() -> None:
    assert country_acronyms("what will they discuss with the uae president") == {
        "uae": ("unit", "arab", "emir")
    }
    assert country_acronyms("Who did she meet in the DRC?")["drc"][-1] == "congo"
    assert country_acronyms("Who went to the UK?") == {"uk": ("unit", "kingdom")}
    united_states = {"us": ("unit", "state")}
    # typed in lower case: the country after "the", joined to a name, or before a noun ...
    assert country_acronyms("how many us troops does italy host") == united_states
    assert country_acronyms("who represented the us at the summit") == united_states
    assert country_acronyms("when is the next us-india 2+2") == united_states
    # ... and the pronoun elsewhere, or after a verb taking two objects
    assert country_acronyms("what did biden promise us") == {}
    assert country_acronyms("what did he tell us about the visit") == {}
    assert country_acronyms("give us details on the trip") == {}
    assert country_acronyms("who is joining us today") == {}


def best_sentence(make_kb, docs: dict[str, str], question: str):
    """The best scored sentence for `question` over `docs` and the farm release."""
    from index.compose.answer import analyse

    kb = make_kb({**docs, "farm.txt": DOCS["farm.txt"]})
    kb.sync()
    return analyse(kb.snapshot(), kb.embedder, question).sentences[0]


def test_a_sentence_spelling_out_the_acronym_holds_it(make_kb) -> None:
    docs = {
        "uae.txt": "Title: The Vice President's Trip\nPublished: 2022-05-16\n\n"
        "The Vice President led a delegation to Abu Dhabi, United Arab Emirates, to offer "
        "condolences.\n",
        "oil.txt": "Title: Oil prices\nPublished: 2022-05-02\n\nThe UAE raised its output.\n",
    }
    best = best_sentence(make_kb, docs, "Who led the delegation to the UAE?")
    assert "United Arab Emirates" in best.text and best.lexical == 1.0


def test_a_country_by_its_common_name_stands_for_its_official_names() -> None:
    dprk = (("dprk",), ("democrat", "peopl", "republ", "korea"))
    assert country_other_names("who did she call about north korea") == {
        "north": dprk,
        "korea": dprk,
    }
    assert country_other_names("what about myanmar") == {"myanmar": (("burma",),)}
    assert country_other_names("who did he meet in Seoul") == {}  # a city, not a country
    # "US" analysed is the pronoun "us": no sentence saying "join us" names the United States
    assert ("us",) not in country_other_names("what did the united states sign")["state"]


def test_a_sentence_naming_the_dprk_names_north_korea(make_kb) -> None:
    docs = {
        "call.txt": "Title: Deputy Secretary's Call\nPublished: 2022-02-02\n\n"
        "Deputy Secretary Hanna Reed spoke today with Vice Foreign Minister Ito Ken. Deputy "
        "Secretary Reed denounced the DPRK's recent ballistic missile launches.\n",
        "trade.txt": "Title: North Korea trade\nPublished: 2022-02-01\n\n"
        "Trade with North Korea remains banned under UN sanctions.\n",
    }
    best = best_sentence(make_kb, docs, "what did reed denounce about north korea")
    assert "DPRK" in best.text and best.names == 1.0 and best.lexical == 1.0, best
