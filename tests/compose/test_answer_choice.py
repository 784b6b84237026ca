"""Which sentences make the answer: a country's adjective matches its name, speech in a
transcript gives way to a written report, a companion sentence is read past to the one that
names whom they meet, and a second document's answer is not displaced by a sentence that only
carries the first one on."""

from __future__ import annotations

import pytest
from conftest import other_releases

from index.compose.answer import analyse, answer_question
from index.compose.continuation import is_lead_in, same_subject
from index.compose.speech import has_speakers, is_spoken
from index.query.demonyms import country_forms
from index.query.question import asks_companions
from index.text.entities import PERSON, find_entities

ANNOUNCEMENT = """Title: Secretary Reed's Travel to Latvia and Lithuania
Published: 2022-03-02

Secretary of State Hanna Reed will travel to Latvia and Lithuania from March 6 to 8, 2022.
The trip continues close consultations with Baltic Allies about regional security.

On March 7, the Secretary will travel to Riga, Latvia, to meet with President Egils Levits,
Prime Minister Krisjanis Karins, and Foreign Minister Edgars Kalns. She will then travel to
Vilnius, Lithuania, on March 8 to meet with President Gitanas Nauseda.
"""

TRANSCRIPT = """Title: Secretary Reed and Latvian Foreign Minister Kalns at a Press Availability
Published: 2022-03-07

MODERATOR: Good afternoon, ladies and gentlemen. Welcome to the National Museum in Riga.

FOREIGN MINISTER KALNS: When Secretary Reed and I met last time here in Riga, we couldn't have
imagined we would meet so soon again. It is always a pleasure to meet with our American
friends, and we discussed a broad range of issues.

SECRETARY REED: Thank you, Edgars. It is very good to be back in Riga with you.

QUESTION: Madam Secretary, what did you discuss with the Latvian officials today?
"""

VISIT = """Title: Assistant Secretary Varga's Visit to Equatorial Guinea
Published: 2022-02-11

Assistant Secretary of State for Ocean Affairs Lena Varga will visit Malabo, Equatorial Guinea,
February 14-15 for bilateral meetings. Assistant Secretary Varga will be joined by Special
Advisor Piet Holm from the National Security Council and Major General Anton Ruiz, Director of
Strategy, Engagement, and Programs. The U.S. delegation will meet with Equatorial Guinea
President Teodoro Obiang Nguema Mbasogo, Vice President Marta Okafor, and other senior officials
to discuss the importance of working together to address maritime security challenges, combat
trafficking in persons, promote respect for human rights, and enhance efforts to address
climate change and protect the environment. The delegation will also meet with civil society
representatives.
"""

READOUT = """Title: Deputy Secretary Quinn's Meetings with Vietnamese Government Officials
Published: 2022-06-14

Deputy Secretary of State Mara Quinn met yesterday in Hanoi with Foreign Minister Bui Thanh Son,
Vice Foreign Minister Ha Kim Ngoc, and Deputy Minister of Defense Hoang Xuan Chien in separate
meetings. She praised Prime Minister Chinh's successful visit to the United States to attend
the regional summit and welcomed Vietnam's participation at the launch of a new economic
framework for the region.
"""

TRIP = """Title: Deputy Secretary Quinn's Travel to the Philippines and Vietnam
Published: 2022-06-03

Deputy Secretary of State Mara Quinn will travel to the Philippines and Vietnam from June 5 to
12. In Manila, the Deputy Secretary will meet with senior officials to discuss the alliance.
In Hanoi, the Deputy Secretary will meet with Vietnamese officials, including Deputy Prime
Minister Le Van Thanh, Foreign Minister Bui Thanh Son, and Vice Foreign Minister Ha Kim Ngoc to
emphasize the strength of the partnership and support for a strong, prosperous, and
independent Vietnam.
"""

# Other releases, so that retrieval scores spread as in a real corpus.
OTHERS = other_releases(
    [
        (
            "Deputy Secretary Quinn's Call with the Chilean Foreign Minister",
            "Deputy Secretary Quinn spoke today with Chilean Foreign Minister Antonia "
            "Urrejola about migration in the hemisphere.",
        ),
        (
            "Assistant Secretary Varga's Travel to Chad",
            "Assistant Secretary Varga will visit N'Djamena, Chad, March 20-22 for "
            "bilateral meetings on security in the Sahel.",
        ),
        (
            "Secretary Reed's Meeting with the Kenyan Foreign Minister",
            "Secretary Reed met today in Washington with Kenyan Foreign Minister Raychelle "
            "Omamo to discuss regional security and trade.",
        ),
    ],
    "2022-05",
)


def ask(kb, q):
    return answer_question(kb.snapshot(), kb.embedder, q)


def test_country_forms() -> None:
    corpus = {"latvia", "fiji", "japan", "israel", "estonian", "blink", "pari"}
    forms = country_forms(
        ["latvian", "fijian", "japanes", "israeli", "estonia", "blinken", "paris"],
        corpus.__contains__,
    )
    assert forms == {
        "latvian": "latvia",
        "fijian": "fiji",
        "japanes": "japan",
        "israeli": "israel",
        "estonia": "estonian",
    }


def test_a_demonym_no_ending_derives_stands_for_its_country(make_kb) -> None:
    """ "the swedes", "swedish", "french", "chinese": no ending derives them from the name, and
    they stand for the country as "latvian" does: "who signed the statement for the swedes" is
    answered by "... signed the joint statement for Sweden" (the demonym is a name its answer's
    document must hold, as the demonym or as the country)."""
    from index.compose.asked_names import asked_names, naming_documents
    from index.query.demonyms import is_country_adjective
    from index.query.plan import plan_query

    corpus = {"sweden", "franc", "china", "swedish"}
    forms = country_forms(["swede", "french", "chines", "sweden"], corpus.__contains__)
    assert forms == {"swede": "sweden", "french": "franc", "chines": "china", "sweden": "swedish"}
    assert all(is_country_adjective(t) for t in ("swede", "swedish", "french", "dutch", "thai"))
    assert not is_country_adjective("foreign") and not is_country_adjective("certain")
    statement = (
        "Title: Joint Statement of Tolmar and Sweden on Quantum Science\nPublished: 2022-04-12\n"
        "\nTolmar and Sweden will cooperate on quantum information science. Dana Orr, Ambassador "
        "of Tolmar, signed the joint statement for Tolmar. Anna Berg, Minister for Education, "
        "signed the joint statement for Sweden.\n"
    )
    swedes = (
        "Title: Sweden's Request to Join the Alliance\nPublished: 2022-06-06\n\nWe welcome "
        "the request of the Swedes to join the Alliance, and we thank the Swedes for their "
        "statement of support.\n"
    )
    kb = make_kb({"statement.txt": statement, "swedes.txt": swedes})
    kb.sync()
    question = "who signed the quantum statement for the swedes"
    snap = kb.snapshot()
    plan = plan_query(snap, kb.embedder, question)
    # "swedes" stays a name the answer's document must hold, in either form: "Sweden" will do
    named = naming_documents(snap, plan, asked_names(snap, plan), set(snap.docs))
    assert {snap.docs[d].title for d in named} >= {
        "Joint Statement of Tolmar and Sweden on Quantum Science"
    }
    a = ask(kb, question)
    assert a.found and "Anna Berg" in a.text.split("[1]")[0], a.text


def test_the_adjective_of_a_country_ending_in_y_drops_it() -> None:
    """Germany -> German, Italy -> Italian, Hungary -> Hungarian: the analysed names are
    "germani", "itali", "hungari"."""
    from index.query.demonyms import is_country_adjective

    corpus = {"german", "italian", "hungari", "germani"}
    forms = country_forms(["germani", "itali", "hungarian", "german"], corpus.__contains__)
    assert forms == {
        "germani": "german",
        "itali": "italian",
        "hungarian": "hungari",
        "german": "germani",
    }
    assert is_country_adjective("german") and is_country_adjective("italian")
    assert not is_country_adjective("germani") and not is_country_adjective("germ")


@pytest.mark.parametrize(
    ("sentence", "spoken"),
    [
        ("FOREIGN MINISTER KALNS: Good afternoon.", True),
        ("When we met last time in December, we could not have imagined it.", True),
        ("Thank you, Edgars.", True),
        ("It is good to be back in Riga with you.", True),
        ("The Secretary met President Levits in Riga.", False),
        ("The U.S. and Latvia signed the memorandum.", False),
        ("US forces will stay.", False),
    ],
)
def test_speech(sentence: str, spoken: bool) -> None:
    assert is_spoken(sentence) is spoken


def test_transcripts() -> None:
    assert has_speakers(TRANSCRIPT)
    assert not has_speakers(ANNOUNCEMENT)
    assert not has_speakers("NOTE: one label alone is not a dialogue.\n\nText follows.")
    assert has_speakers("Washington\n\nSECRETARY REED: Good afternoon, everyone.\n\nThanks.")


def test_country_adjective_counts_as_its_name(make_kb) -> None:
    kb = make_kb({"announcement.txt": ANNOUNCEMENT, "transcript.txt": TRANSCRIPT, **OTHERS})
    kb.sync()
    an = analyse(kb.snapshot(), kb.embedder, "Which Latvian leaders will Reed meet?")
    assert an.plan.forms == {"latvian": "latvia"}
    lexical = {s.text.split(",")[0]: s.lexical for s in an.sentences}
    riga, vilnius = lexical["On March 7"], lexical["She will then travel to Vilnius"]
    assert riga > vilnius + 0.3, lexical


def test_written_report_wins_over_speech(make_kb) -> None:
    kb = make_kb({"announcement.txt": ANNOUNCEMENT, "transcript.txt": TRANSCRIPT, **OTHERS})
    kb.sync()
    a = ask(kb, "Who did Reed meet in Riga?")
    assert a.found and a.citations[0].path == "announcement.txt", a.text
    assert "Egils Levits" in a.text.split("[1]")[0], a.text


def test_companion_sentence_is_read_past(make_kb) -> None:
    kb = make_kb({"visit.txt": VISIT, **OTHERS})
    kb.sync()
    a = ask(kb, "Who will Varga meet in Malabo?")
    assert a.found and "Teodoro Obiang" in a.text, a.text


def test_second_document_answer_is_kept(make_kb) -> None:
    kb = make_kb({"readout.txt": READOUT, "trip.txt": TRIP, **OTHERS})
    kb.sync()
    a = ask(kb, "Who did Quinn meet in Hanoi?")
    assert a.found and "Bui Thanh Son" in a.text and "Le Van Thanh" in a.text, a.text
    assert {c.path for c in a.citations} == {"readout.txt", "trip.txt"}


DELEGATION = """Title: Assistant Secretary Lind's Travel to Central Asia
Published: 2022-05-22

Assistant Secretary of State for South and Central Asian Affairs Otto Lind will lead a U.S.
delegation to the Kyrgyz Republic, Uzbekistan, Tajikistan, and Kazakhstan May 23-27 to
strengthen U.S. relations with the region and advance collaborative efforts to create a more
connected, prosperous, and secure Central Asia. The delegation is comprised of the National
Security Council's Senior Director for Russia and Central Asia Eric Green, Deputy Assistant
Secretary of Defense for Afghanistan, Pakistan, and Central Asia Rebecca Zimmerman, U.S. Agency
for International Development Deputy Assistant Administrator of the Bureau for Asia Anjali
Kaur, and the U.S. International Development Finance Corporation's Deputy Chief of Staff for
Policy Naz El-Khatib.

In the Kyrgyz Republic, the delegation will meet with senior Kyrgyz officials.
"""

OTTAWA = """Title: Statement on the President's Travel to Canada
Published: 2023-03-09

The President and the First Lady will travel to Ottawa, Canada from March 23-24. The President
will reaffirm the United States’ commitment to the U.S.-Canada partnership and promote our
shared security, shared prosperity, and shared values. During the visit, the President will
meet with Prime Minister Justin Trudeau to discuss defense cooperation and supply chains.
"""


def test_long_continuation_is_clipped_to_its_names(make_kb) -> None:
    kb = make_kb({"delegation.txt": DELEGATION, **OTHERS})
    kb.sync()
    a = ask(kb, "Who is in Lind's delegation to Central Asia?")
    assert a.found and "Eric Green" in a.text, a.text
    assert len(a.text) <= 760 and "The delegation is comprised of" in a.text


def test_continuation_past_a_sentence_naming_the_home_country(make_kb) -> None:
    kb = make_kb({"ottawa.txt": OTTAWA, **OTHERS})
    kb.sync()
    a = ask(kb, "Who will the President meet in Ottawa?")
    assert a.found and "Justin Trudeau" in a.text, a.text


def test_same_subject_naming_the_home_country_goes_on() -> None:
    previous = "The President and the First Lady will travel to Ottawa, Canada from March 23-24."
    home = "The President will reaffirm the United States’ commitment to the partnership."
    elsewhere = "The President will then travel to Mexico City, Mexico for a summit."
    assert same_subject(previous, home)
    assert not same_subject(previous, elsewhere)


def test_lead_in_lines() -> None:
    assert is_lead_in("The below is attributable to Spokesperson Ned Price:")
    assert is_lead_in("During her trip, Under Secretary Nuland:")
    assert not is_lead_in('In his article, "A Machine to End War", published in 1937, he stated:')
    assert not is_lead_in("The Secretary met the President.")


def test_people_after_a_title_with_two_portfolios() -> None:
    text = (
        "Assistant Secretary of State for African Affairs Molly Phee and Deputy Assistant "
        "Secretary of Defense for the Western Hemisphere Daniel Erikson will join."
    )
    people = [e.text for e in find_entities(text) if e.kind == PERSON]
    assert people == ["Molly Phee", "Daniel Erikson"]


def test_sentence_nearly_as_good_as_the_best_stays_when_too_long() -> None:
    """Another document's best sentence (taken at 0.8 of the best score) comes before the
    best one's own further sentences, unless one of those scores 0.9 of the best: that one is
    the last to give way when the answer is too long."""
    from types import SimpleNamespace

    from index.compose.answer import Analysis, _choose
    from index.compose.sentences import Sentence
    from index.text.entities import OTHER

    def sent(doc: str, start: int, score: float) -> Sentence:
        return Sentence(0, doc, doc, start, start + 250, "x" * 250, 0.5, 0.5, 0.5, score=score)

    best, near, other = sent("a", 0, 2.5), sent("a", 600, 2.35), sent("b", 0, 2.2)
    plan = SimpleNamespace(qtype=OTHER, text="What happened?", order=None)
    an = Analysis(plan, [], [best, near, other], None, 1.0)  # type: ignore[arg-type]
    assert _choose(None, an) == [best, near]  # type: ignore[arg-type]
    # Of two near sentences, the one scoring higher gives way last, whichever rule took it: the
    # readout of the visit ("... urges donors to support ... the Pledging Event ... on March 16")
    # before the announcement's own next sentence.
    twin, readout = sent("a", 600, 2.3), sent("b", 0, 2.45)
    an = Analysis(plan, [], [best, readout, twin], None, 1.0)  # type: ignore[arg-type]
    assert _choose(None, an) == [best, readout]  # type: ignore[arg-type]


def test_another_documents_sentence_joins_at_four_fifths_of_the_best_score() -> None:
    """Two releases of one event answer alike ("Secretary Mayorkas will join Secretary Blinken
    in Panama" and the briefing's "Secretary Mayorkas and I will join Secretary Blinken"): the
    second one's best sentence joins at 0.8 of the best score, not below."""
    from types import SimpleNamespace

    from index.compose.answer import Analysis, _choose
    from index.compose.sentences import Sentence
    from index.text.entities import OTHER

    def sent(doc: str, score: float) -> Sentence:
        return Sentence(0, doc, doc, 0, 100, "x" * 100, 0.5, 0.5, 0.5, score=score)

    plan = SimpleNamespace(qtype=OTHER, text="What happened?", order=None)
    best, second, third = sent("a", 2.5), sent("b", 2.05), sent("c", 1.95)
    an = Analysis(plan, [], [best, second, third], None, 1.0)  # type: ignore[arg-type]
    assert _choose(None, an) == [best, second]  # type: ignore[arg-type]


def test_a_question_asking_for_a_named_thing_takes_the_sentence_naming_one() -> None:
    """ "What agreement will they sign?" asks for a named thing, as "who" asks for a person:
    of the best document's sentences scoring nearly as well as its best, the one naming an
    agreement ("... a bilateral Science and Technology Agreement") comes next."""
    from types import SimpleNamespace

    from index.compose.answer import Analysis, _choose
    from index.compose.sentences import Sentence
    from index.text.entities import OTHER

    def sent(start: int, score: float, fit: float) -> Sentence:
        text = f"Sentence {start} of the readout."
        return Sentence(0, "a", "a", start, start + 30, text, 0.5, 0.5, 0.5, 0.0, fit, score)

    best, met, named = sent(0, 2.0, 0.0), sent(40, 1.95, 0.0), sent(80, 1.9, 1.0)
    plan = SimpleNamespace(
        qtype=OTHER,
        text="What agreement are the US and Cyprus about to sign?",
        order=None,
        places=frozenset(),
    )
    an = Analysis(plan, [], [best, met, named], None, 1.0)  # type: ignore[arg-type]
    assert _choose(None, an)[:2] == [best, named]  # type: ignore[arg-type]


TRAVEL_WITH = """Title: Statement on the Vice President's Travel to Singapore and Bahrain
Published: 2025-01-07

Vice President Ana Lopes will travel to Singapore and Bahrain from January 13 to January 17.
On January 15, Vice President Lopes will meet with leaders in Singapore and visit a naval base.
On January 16, Vice President Lopes will meet with leaders in Manama, Bahrain.
In Singapore and Bahrain, Vice President Lopes will discuss regional and global security.

Throughout the trip, the Vice President will also engage with servicemembers and families.
Second Gentleman Paul Reyes will accompany the Vice President on the trip.
"""


def test_companions_are_answered_from_anywhere_in_the_announcement(make_kb) -> None:
    assert asks_companions("Who will accompany Lopes to Singapore and Bahrain?")
    assert asks_companions("Who will join Quinn's delegation to South Africa?")
    assert not asks_companions("Who will Lopes meet in Singapore?")
    kb = make_kb({"travel.txt": TRAVEL_WITH, **OTHERS})
    kb.sync()
    a = ask(kb, "Who will accompany Lopes to Singapore and Bahrain?")
    assert a.found and "Paul Reyes will accompany" in a.text, a.text
    people = [
        e.text for e in find_entities("Second Gentleman Paul Lopes will go.") if e.kind == PERSON
    ]
    assert people == ["Paul Lopes"]


# The sentence after the first names the companion; two later ones, naming whom he met, score
# nearly as well as the first and fill the answer's length.
READOUT_WITH_COMPANION = """Title: Readout of Tom Varela's Visit to the Dominican Republic
Published: 2024-01-11

Senior Advisor to the President and Director of the Office of Intergovernmental Affairs Tom
Varela travelled to the Dominican Republic January 8-10 to build on the November 2 discussions
between President Joe Biden and President Luis Abinader on economic cooperation, combatting
climate change, and addressing the humanitarian and security crisis in the region. Senior
Advisor Varela was joined by Special Assistant to the President and Senior Director for the
Western Hemisphere at the National Security Council Juan Gómez. During their meeting with
President Abinader in the Dominican Republic, Senior Advisor Varela reiterated the commitment of
the United States to strengthening regional economic cooperation under the Americas Partnership
and recognized the leadership of the Dominican Republic in the initiative. During a separate
meeting with Labor Minister Luis Miguel de Camps in the Dominican Republic, Senior Advisor
Varela discussed our collaboration to generate sustainable economic development and
opportunities for the people of the Dominican Republic.
"""


def test_the_companion_named_next_is_kept_over_whom_he_met(make_kb) -> None:
    kb = make_kb({"varela.txt": READOUT_WITH_COMPANION, **OTHERS})
    kb.sync()
    a = ask(kb, "who went with tom varela to the dominican republic")
    assert a.found and "Juan Gómez" in a.text, a.text


def test_a_sentence_too_long_to_fit_leaves_room_for_a_shorter_one_after_it() -> None:
    from index.compose.answer import MAX_CHARS, _fit_length
    from index.compose.sentences import Sentence

    def sent(n: int, length: int) -> Sentence:
        text = (f"Sentence {n} " + "x" * length)[:length]
        return Sentence(0, str(n), str(n), 0, length, text, 0.5, 0.5, 0.5)

    best, long_one, short_one = sent(1, 330), sent(2, 330), sent(3, 240)
    assert len(best.text) + len(long_one.text) + 2 * 24 > MAX_CHARS
    assert _fit_length([best, long_one, short_one]) == [best, short_one]
    assert _fit_length([best, short_one, long_one]) == [best, short_one]
    assert _fit_length([sent(4, 900)]) == [sent(4, 900)]  # one overlong sentence is clipped later


HALE_ANNOUNCED = (
    "Title: Deputy Secretary Hale Travels to Atlanta\nPublished: 2021-06-22\n\n"
    "On Thursday, June 24, Secretary Hale will travel to Atlanta to meet refugee resettlement "
    "staff.\nHe will also visit a school that teaches English to newly arrived families.\n"
)
HALE_READOUT = (
    "Title: Readout of Deputy Secretary Hale's Meeting in Atlanta\nPublished: 2021-06-25\n\n"
    "On Thursday, June 24, Deputy Secretary Omar Hale traveled to Atlanta and met refugee "
    "resettlement staff.\nThe Deputy Secretary thanked the mayor for the city's long record of "
    "welcome.\n"
)


@pytest.mark.parametrize(
    ("question", "leads"),
    [
        ("When is Deputy Secretary Hale going to Atlanta?", "will travel"),
    ],
)
def test_a_question_about_what_will_happen_is_answered_by_the_announcement(
    make_kb, question: str, leads: str
) -> None:
    """The readout tells the same trip after the fact; a question in the future tense is
    answered first by the sentence in the future tense."""
    others = {
        f"other{i}.txt": f"Title: Notice {i}\nPublished: 2021-05-0{i}\n\n{text}\n"
        for i, text in enumerate(
            [
                "The embassy in Lima will be closed on Monday for a holiday.",
                "Ambassador Ruiz met farmers in Quito to discuss coffee exports.",
                "The visa office in Accra resumed interviews last week.",
            ],
            start=1,
        )
    }
    kb = make_kb({"announcement.txt": HALE_ANNOUNCED, "readout.txt": HALE_READOUT, **others})
    kb.sync()
    an = analyse(kb.snapshot(), kb.embedder, question)
    assert leads in an.sentences[0].text, [s.text for s in an.sentences[:2]]


ADVISOR_IN_ROME = """Title: Statement on Senior Administration Travel to Rome
Published: 2022-03-13

National Security Advisor Dana Whitlow will be in Rome on Monday, where he will meet with \
Foreign Affairs Commission Director Lin Baoguo. The two will discuss open lines of communication.
"""

PRESIDENT_IN_ROME = """Title: Statement on the President's Travel to Rome
Published: 2024-12-19

The President will be in Rome on Monday, where he will meet with Pope Francis, President \
Sergio Mattarella, and Prime Minister Giorgia Meloni. They will discuss the Jubilee year.
"""


def test_another_document_joins_only_about_the_same_subject(make_kb) -> None:
    """The President's visit to Rome names whom he meets there, but says nothing of the
    national security advisor the question asks about: it does not join the answer. (Other
    releases about the advisor make the title's words common, as in a real corpus, so that
    "Rome" and "meet" weigh most.)"""
    about_the_advisor = {
        f"advisor{i}.txt": f"Title: Readout {i}\nPublished: 2022-0{i}-02\n\n"
        f"National Security Advisor Dana Whitlow spoke with officials in {city} about trade.\n"
        for i, city in enumerate(["Paris", "Berlin", "Tokyo", "Ottawa", "Madrid", "Warsaw"], 1)
    }
    kb = make_kb(
        {"rome.txt": ADVISOR_IN_ROME, "president.txt": PRESIDENT_IN_ROME, **about_the_advisor}
    )
    kb.sync()
    reply = kb.ask("who is the national security advisor meeting in rome")
    assert reply.found and "Lin Baoguo" in reply.text
    assert "Meloni" not in reply.text


def test_a_meeting_named_as_a_noun_asks_for_no_one_met(make_kb) -> None:
    """ "Who is going with Reed to Paris for the TTC meeting?" asks for companions, not for
    whom she meets: "meeting" after a determiner is the event."""
    from index.compose.sentences import asks_whom_met
    from index.query.plan import plan_query

    kb = make_kb(dict(OTHERS))
    kb.sync()
    snap = kb.snapshot()

    def whom_met(question: str) -> bool:
        return asks_whom_met(plan_query(snap, kb.embedder, question))

    assert not whom_met("who is going with Reed to Paris for the TTC meeting")
    assert whom_met("who is Reed meeting in Paris")
    assert whom_met("Who did Reed and his team meet with in Paris?")
    assert whom_met("Who is the President of Estonia that Reed met?")
