"""Refusal at scale: the model's features, and the model on a multi-document real index.

The index test asks the same Wikipedia questions (XQuAD articles held out from calibration) of
State Department releases alone, where every one is off-topic, and of the same releases with
the questions' paragraphs added, where every one is answerable.
"""

from __future__ import annotations

import shutil
from dataclasses import replace
from pathlib import Path

import pytest

from index.compose.answer import REFUSAL_THRESHOLD, analyse, answer_question, following
from index.compose.asked_names import unknown_name
from index.compose.refusal import NO_ANSWER, Features, joint_share, probability, standing
from index.evaluation.datasets import load_xquad, write_xquad_corpus
from index.evaluation.split import calibration_titles

SHARED_DATA = Path(__file__).resolve().parents[3] / "shared" / "data"
STATEDEPT = SHARED_DATA / "statedept" / "text"
XQUAD = SHARED_DATA / "xquad_en" / "xquad.en.json"
RELEASES = 40  # State Department releases in the test index
ARTICLES = 2  # held-out XQuAD articles asked about


def test_standing_rewards_a_clear_best() -> None:
    clear = standing([0.7] + [0.3] * 40)
    flat = standing([0.42, 0.41, 0.41, 0.40] + [0.39] * 37)
    assert clear == pytest.approx(0.4)
    assert 0 <= flat < 0.05
    assert standing([]) == 0.0
    assert standing([0.5]) == 0.5  # a one-chunk corpus: it stands out from nothing
    # a small index: fewer than six candidates compare with all the others
    assert standing([0.6, 0.2, 0.2]) == pytest.approx(0.4)


def test_a_small_index_has_no_background_to_stand_out_from() -> None:
    """With fewer than 30 candidates, ranks 6-30 are the chunks that share nothing with the
    question: the best one is compared with all the others instead."""
    few = [0.8, 0.7, 0.7, 0.7, 0.7, 0.7, 0.0, 0.0, 0.0]
    assert standing(few) == pytest.approx(0.8 - 3.5 / 8)  # not 0.8 over the three zeros
    many = [0.8, 0.7, 0.7, 0.7, 0.7] + [0.0] * 30
    assert standing(many) == pytest.approx(0.8)  # a large index: ranks 6-30 as before


def test_probability_follows_the_evidence() -> None:
    strong = Features(0.7, 0.65, 1.0, 0.0, 1.0, 0.35, 0.6, 1.0, 1.0)
    weak = Features(0.35, 0.3, 0.4, 0.3, 0.0, 0.03, 0.1, 0.3, 0.5)
    assert probability(strong) > 0.9
    assert probability(weak) < 0.1
    assert probability(NO_ANSWER) < 0.01
    # The same evidence, the question's words said together in one sentence or scattered.
    near = Features(0.48, 0.43, 0.8, 0.0, 1.0, 0.15, 0.55, 0.6, 0.8)  # at the boundary
    together = probability(replace(near, joint_share=1.0))
    scattered = probability(replace(near, joint_share=0.25))
    assert together > REFUSAL_THRESHOLD > scattered


FORESTS = (
    "# Protecting forests\n\nThe new initiative will work to reduce deforestation across the "
    "Amazon, an unmatched source of biodiversity. Ministers also discussed the Congo basin and "
    "other places vital to the climate. The partners will report on progress next year.\n"
)
RIVERS = (
    "# River commissions\n\nEight nations share the waters of the Amazon basin under a treaty "
    "signed in 1978. The commission meets every two years.\n"
)
# The same words, none of the sentences holding the question's together.
RIVERS_SCATTERED = (
    "# River commissions\n\nEight nations signed a treaty on their waters in 1978. The "
    "commission studies the Amazon. Its basin office shares a building with the ministry. The "
    "commission meets every two years.\n"
)
QUESTION = "How many nations share the Amazon basin?"


def test_joint_share_asks_whether_one_sentence_holds_the_question(make_kb) -> None:
    kb = make_kb({"forests.md": FORESTS, "rivers.md": RIVERS})
    kb.sync()
    snap = kb.snapshot()
    together = analyse(snap, kb.embedder, QUESTION)
    assert together.features.joint_share == pytest.approx(1.0)  # "Eight nations share ..."
    kb.corpus.joinpath("rivers.md").write_text(RIVERS_SCATTERED, encoding="utf-8")
    kb.sync()
    snap = kb.snapshot()
    scattered = analyse(snap, kb.embedder, QUESTION)
    assert scattered.features.joint_share <= 0.5
    assert scattered.features.doc_cover == pytest.approx(1.0)  # its document has every word
    plan = scattered.plan
    words = [t for t in (*plan.weights, *plan.unknown) if t != plan.head]
    assert joint_share(snap, plan, words, scattered.sentences) == scattered.features.joint_share
    assert joint_share(snap, plan, [], scattered.sentences) == 0.0
    assert scattered.probability < together.probability


def test_coverage_features_of_a_question(seed_kb) -> None:
    snap = seed_kb.snapshot()
    inside = analyse(snap, seed_kb.embedder, "Who did Blinken meet in Seoul?").features
    assert inside.doc_cover == pytest.approx(1.0)  # Blinken, meet and Seoul all in the article
    assert inside.window_share >= 0.6  # "met" next to "Seoul", not "meet"
    outside = analyse(snap, seed_kb.embedder, "Which satellite launched Sky Digital?").features
    assert outside.window_share < 0.4 and outside.doc_cover < 0.5
    assert outside.unknown > 0.3  # "satellite", "Sky" and "Digital" are in no document


@pytest.fixture(scope="module")
def held_out_questions() -> tuple[list[tuple[str, str]], list[tuple[str, str, int]]]:
    if not XQUAD.exists():
        pytest.skip("../shared/data/xquad_en is not available")
    paragraphs, questions = load_xquad(XQUAD)
    cal = calibration_titles(paragraphs)
    titles = [t for t in dict.fromkeys(t for t, _ in paragraphs) if t not in cal][:ARTICLES]
    return paragraphs, [q for q in questions if paragraphs[q[2]][0] in titles]


@pytest.fixture(scope="module")
def releases_corpus(tmp_path_factory) -> Path:
    if not STATEDEPT.is_dir():
        pytest.skip("../shared/data/statedept is not available")
    corpus = tmp_path_factory.mktemp("refusal") / "corpus"
    files = sorted(STATEDEPT.glob("*/*.txt"))
    step = max(1, len(files) // RELEASES)
    for f in files[::step][:RELEASES]:
        target = corpus / f.parent.name / f.name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy(f, target)
    return corpus


def test_refusal_holds_on_a_multi_document_index(
    releases_corpus, held_out_questions, embedder, tmp_path
) -> None:
    from index.config import IndexConfig
    from index.kb import KnowledgeBase

    paragraphs, questions = held_out_questions
    asked = [q for q, _, _ in questions]
    assert len(asked) >= 20
    kb = KnowledgeBase(IndexConfig(releases_corpus, tmp_path / "index"), embedder=embedder)
    kb.sync()
    snap = kb.snapshot()
    answered = [q for q in asked if answer_question(snap, embedder, q).found]
    assert len(answered) <= 0.05 * len(asked), answered  # off-topic: refused

    # The same releases with the questions' paragraphs: now they are answered.
    wiki = releases_corpus / "wiki"
    write_xquad_corpus(paragraphs, wiki, frozenset(paragraphs[p][0] for _, _, p in questions))
    kb.sync()
    snap = kb.snapshot()
    replies = [(q, gold, answer_question(snap, embedder, q)) for q, gold, _ in questions]
    refused = [q for q, _, a in replies if not a.found]
    assert len(refused) <= 0.1 * len(asked), refused
    assert sum(gold.lower() in a.text.lower() for _, gold, a in replies) >= 0.75 * len(asked)
    shutil.rmtree(wiki)


def test_the_sentence_after_the_best_one_joins_the_answer(make_kb) -> None:
    """The sentence sharing the question's words sets up; the answer comes right after it."""
    kb = make_kb(
        {
            "apollo.md": "# Apollo 1\n\nThe plugs-out test began on the morning of January 27, "
            "1967, and immediately was plagued with problems. First the crew noticed a strange "
            "odor in their spacesuits, which delayed the sealing of the hatch. Later that year "
            "the program resumed with uncrewed flights of the Saturn V rocket.\n",
            "harbour.md": "# Harbour\n\nThe old harbour was rebuilt after the storm of 1953. "
            "Fishing boats returned to it within a year.\n",
        }
    )
    kb.sync()
    question = "What was the first problem in the plugs-out test?"
    sentences = analyse(kb.snapshot(), kb.embedder, question).sentences
    assert "plagued with problems" in sentences[0].text
    after = following(sentences[0], sentences)
    assert after is not None and after.text.startswith("First the crew noticed")
    assert following(after, sentences).text.startswith("Later that year")
    a = answer_question(kb.snapshot(), kb.embedder, question)
    assert a.found
    assert a.text.index("plagued with problems") < a.text.index("strange odor")
    assert [c.path for c in a.citations][:2] == ["apollo.md", "apollo.md"]
    # Two documents make any best chunk stand out; that alone answers nothing.
    assert not answer_question(kb.snapshot(), kb.embedder, "How many moons has Jupiter?").found


AID = """Title: Secretary Reed's Meeting with Foreign Minister Tal of Karsa
Published: 2022-05-20

Secretary of State Hanna Reed met today with Foreign Minister Ilan Tal of Karsa in Washington.
Secretary Reed thanked Foreign Minister Tal for Karsa's generous humanitarian assistance to the
people of Ostrava. They also discussed energy security and regional trade.
"""
PLEDGE = """Title: Karsa Pledges Aid to Ostrava
Published: 2022-06-02

Karsa has pledged 40 million dollars in humanitarian aid to the people of Ostrava.
"""


PROGRAM = """Title: Secretary Reed at the Safe Streets Program Site Visit
Published: 2021-06-02

SECRETARY REED: Many of the programs here are part of Safe Streets, an initiative that is now in
64 municipalities across Ostrava and will be in 82 by next year. The United States is proud to
support Safe Streets and the young people it serves.
"""
FUNDED = """Title: United States Funds Safe Streets
Published: 2021-07-01

The United States has given $2.5 million to the Safe Streets program in Ostrava since 2019.
"""
VOTE = """Title: On the Referendum in Ostrava
Published: 2021-09-20

The people of Ostrava voted on September 18 in a referendum on a regional assembly. Secretary
Reed congratulated them; the vote in favor was counted by 120 polling stations.
"""
TALLY = """Title: Ostrava Referendum Results
Published: 2021-09-21

The regional assembly was approved by 51.6 percent of those who voted in Ostrava.
"""


@pytest.mark.parametrize(
    ("talked", "given", "question", "amount"),
    [
        # The meeting's readout talks about Karsa's aid but gives no amount.
        (AID, PLEDGE, "How much humanitarian aid has Karsa given to Ostrava?", "40 million"),
        # "64 municipalities" is a number, not what the program was given.
        (
            PROGRAM,
            FUNDED,
            "How much money has the US given to the Safe Streets program in Ostrava?",
            "$2.5 million",
        ),
        # "120 polling stations" is a number, not a share of the vote.
        (
            VOTE,
            TALLY,
            "What percentage of the vote in Ostrava was in favor of the regional assembly?",
            "51.6 percent",
        ),
    ],
)
def test_a_how_much_question_is_refused_when_no_amount_answers_it(
    make_kb, talked: str, given: str, question: str, amount: str
) -> None:
    """A "how much" question is not answered by a document that talks about the thing without
    the amount asked for; once a document gives the amount, that answers."""
    assert_refused_until_given(make_kb, talked, given, question, amount)


def assert_refused_until_given(
    make_kb, talked: str, given: str, question: str, expected: str
) -> None:
    """`question` is refused by an index of the release `talked` alone, and answered, with
    `expected` in the answer, once the release `given` is added."""
    kb = make_kb({"talked.txt": talked})
    kb.sync()
    a = answer_question(kb.snapshot(), kb.embedder, question)
    assert not a.found, a.text
    (kb.config.corpus / "given.txt").write_text(given, encoding="utf-8")
    kb.sync()
    a = answer_question(kb.snapshot(), kb.embedder, question)
    assert a.found and expected in a.text, a.text


def test_an_amount_given_by_someone_else_does_not_answer(make_kb) -> None:
    """ "How much aid has Kazakhstan given to Ukraine?": the readout thanks Kazakhstan for its
    aid and gives no amount; what the United States gave Ukraine, in another release, is no
    answer, though it may join the answer as a sentence scoring nearly as well."""
    thanks = (
        "Title: Secretary Reed's Meeting with Kazakhstani Foreign Minister Tal\n"
        "Published: 2022-05-20\n\nSecretary Reed met today with Kazakhstani Foreign Minister "
        "Ilan Tal. Secretary Reed thanked Foreign Minister Tal for Kazakhstan's generous "
        "humanitarian aid to the people of Ukraine.\n"
    )
    ours = (
        "Title: Additional Humanitarian Aid for the People of Ukraine\nPublished: 2022-03-15\n\n"
        "The United States is providing over $186 million in additional humanitarian aid to "
        "the people of Ukraine.\n"
    )
    kb = make_kb({"thanks.txt": thanks, "ours.txt": ours})
    kb.sync()
    question = "How much humanitarian aid has Kazakhstan given to Ukraine?"
    a = answer_question(kb.snapshot(), kb.embedder, question)
    assert not a.found, a.text
    b = answer_question(
        kb.snapshot(), kb.embedder, "How much humanitarian aid is the US giving Ukraine?"
    )
    assert b.found and "$186 million" in b.text, b.text


def test_a_question_asking_for_names_is_refused_when_no_one_new_is_named(make_kb) -> None:
    """ "Which ministers did Ortiz meet, by name?" is not answered by "she will meet with senior
    government officials" (Ortiz, named in the question, is no answer); once a release names
    them, that answers. Without "by name" the officials sentence is an answer."""
    vague = (
        "Title: Under Secretary Ortiz's Travel to Uzbekistan\nPublished: 2022-04-07\n\n"
        "Under Secretary Ortiz will visit Tashkent, Uzbekistan, April 11-13. In Tashkent, Under "
        "Secretary Ortiz will meet with senior government officials to discuss the bilateral "
        "partnership and regional security.\n"
    )
    named = (
        "Title: Under Secretary Ortiz's Meetings in Tashkent\nPublished: 2022-04-13\n\n"
        "In Tashkent, Under Secretary Ortiz met with Foreign Minister Vladimir Norov and "
        "Justice Minister Ruslanbek Davletov to discuss the bilateral partnership.\n"
    )
    kb = make_kb({"vague.txt": vague})
    kb.sync()
    question = "Which Uzbek ministers did Under Secretary Ortiz meet in Tashkent, by name?"
    a = answer_question(kb.snapshot(), kb.embedder, question)
    assert not a.found, a.text
    plain = "Who will Under Secretary Ortiz meet in Tashkent?"
    b = answer_question(kb.snapshot(), kb.embedder, plain)
    assert b.found and "senior government officials" in b.text, b.text
    (kb.config.corpus / "named.txt").write_text(named, encoding="utf-8")
    kb.sync()
    c = answer_question(kb.snapshot(), kb.embedder, question)
    assert c.found and "Norov" in c.text, c.text


def test_which_people_are_named_or_the_question_is_refused(make_kb) -> None:
    """ "Which Uzbek ministers will Ortiz meet?" asks who they are: "senior government
    officials" does not say, the ministers of a country named by office do ("the foreign
    ministers of Kazakhstan and Tajikistan"), and so does a release naming them."""
    vague = (
        "Title: Under Secretary Ortiz's Travel to Uzbekistan\nPublished: 2022-04-07\n\n"
        "Under Secretary Ortiz will visit Tashkent, Uzbekistan, April 11-13. In Tashkent, Under "
        "Secretary Ortiz will meet with senior government officials to discuss the bilateral "
        "partnership and regional security.\n"
    )
    regional = (
        "Title: Under Secretary Ortiz at the Central Asia Ministerial\nPublished: 2022-04-12\n\n"
        "At the ministerial in Samarkand, Under Secretary Ortiz welcomed the foreign ministers "
        "of Kazakhstan and Tajikistan to discuss regional security.\n"
    )
    kb = make_kb({"vague.txt": vague})
    kb.sync()
    question = "Which Uzbek ministers will Under Secretary Ortiz meet in Tashkent?"
    assert not answer_question(kb.snapshot(), kb.embedder, question).found
    (kb.config.corpus / "regional.txt").write_text(regional, encoding="utf-8")
    kb.sync()
    b = answer_question(
        kb.snapshot(), kb.embedder, "Which foreign ministers did Ortiz welcome in Samarkand?"
    )
    assert b.found and "Tajikistan" in b.text, b.text


def test_how_long_is_answered_by_a_span_or_refused(make_kb) -> None:
    """ "How long did the call last?" is not answered by a readout that gives none (a date and
    a number are no span); "how long will she be in Tashkent" is, by the days of her visit."""
    call = (
        "Title: Under Secretary Ortiz's Call with Foreign Minister Norov\nPublished: 2022-04-02\n\n"
        "On April 1, Under Secretary Ortiz spoke with Uzbek Foreign Minister Vladimir Norov "
        "about the 300 Uzbek students in the United States.\n"
    )
    travel = (
        "Title: Under Secretary Ortiz's Travel to Uzbekistan\nPublished: 2022-04-07\n\n"
        "Under Secretary Ortiz will visit Tashkent, Uzbekistan, April 11-13 to discuss trade.\n"
    )
    kb = make_kb({"call.txt": call, "travel.txt": travel})
    kb.sync()
    snap = kb.snapshot()
    a = answer_question(snap, kb.embedder, "How long did Ortiz's call with Norov last?")
    assert not a.found, a.text
    b = answer_question(snap, kb.embedder, "how long will Ortiz be in Tashkent?")
    assert b.found and "11-13" in b.text, b.text


def test_how_many_is_answered_by_a_count_not_a_date(make_kb) -> None:
    """ "How many students joined the exchange program?" is not answered by the day it opened;
    a release giving the count answers it."""
    opened = (
        "Title: Exchange Program Opens in Tashkent\nPublished: 2021-06-28\n\n"
        "The Uzbek-American student exchange program opened on June 26, 2021 in Tashkent, with "
        "students from Samarkand and Bukhara joining the program.\n"
    )
    counted = (
        "Title: Exchange Program Graduates Its First Class\nPublished: 2022-06-28\n\n"
        "In its first year, 300 students joined the Uzbek-American exchange program in "
        "Tashkent.\n"
    )
    question = "How many students joined the Uzbek-American exchange program in Tashkent?"
    assert_refused_until_given(make_kb, opened, counted, question, "300 students")


def test_how_long_a_stay_lasts_is_not_answered_by_years(make_kb) -> None:
    """ "How long is Reed staying in Suva?" is not answered by "a contributor to peacekeeping
    for 43 years" (a stay lasts days, not years); a release giving the days answers it."""
    visit = (
        "Title: Secretary Reed's Visit to Suva\nPublished: 2022-02-10\n\n"
        "Secretary Reed will visit Suva on February 12 to meet Pacific Island leaders. Fiji has "
        "been a proud contributor to peacekeeping operations around the world for 43 years.\n"
    )
    days = (
        "Title: Secretary Reed's Stay in Suva\nPublished: 2022-02-11\n\n"
        "Secretary Reed will be staying in Suva for three days to meet Pacific Island leaders.\n"
    )
    question = "How long is Secretary Reed staying in Suva?"
    assert_refused_until_given(make_kb, visit, days, question, "three days")


def test_how_many_is_not_answered_by_a_section_number_or_one(make_kb) -> None:
    """ "How many officials got visa bans?" is not answered by the section of the law the bans
    rest on ("Section 212(a)(3)(C)") nor by "one important tool"; a release giving the count
    answers it."""
    imposed = (
        "Title: Visa Restrictions on Coastal Officials\nPublished: 2022-02-04\n\n"
        "The Department of State is imposing visa restrictions on Coastal officials for the "
        "harassment of athletes abroad. The ban, a visa restriction policy pursuant to Section "
        "212(a)(3)(C) of the Immigration and Nationality Act, is one important tool in this "
        "effort.\n"
    )
    counted = (
        "Title: Visa Restrictions on Coastal Officials Extended\nPublished: 2022-05-04\n\n"
        "The visa restrictions for the harassment of athletes abroad now cover 14 Coastal "
        "officials.\n"
    )
    question = "How many Coastal officials got visa restrictions over the harassment of athletes?"
    assert_refused_until_given(make_kb, imposed, counted, question, "14 Coastal")


def test_the_name_of_a_person_is_answered_only_by_a_name(make_kb) -> None:
    """ "What is the name of the compliance officer Tolmar Steel hired?" is not answered by
    "Tolmar Steel must hire an outside compliance officer"; a release naming the officer
    answers it."""
    settled = (
        "Title: Settlement with Tolmar Steel\nPublished: 2021-08-09\n\n"
        "Under the settlement, Tolmar Steel must hire an outside compliance officer for a term "
        "of two years and conduct an external audit of its export program.\n"
    )
    named = (
        "Title: Tolmar Steel Names Its Compliance Officer\nPublished: 2021-10-09\n\n"
        "Tolmar Steel hired Jane Okafor as the outside compliance officer its settlement "
        "required.\n"
    )
    question = "What is the name of the outside compliance officer Tolmar Steel hired?"
    assert_refused_until_given(make_kb, settled, named, question, "Jane Okafor")


def test_how_many_is_answered_by_a_count_of_what_it_asks_about(make_kb) -> None:
    """ "How many couples registered?" is not answered by "two important turning points" in a
    sentence about something else; a count beside the question's words answers it, and so
    does an ordinal ("for the twelfth year in a row")."""
    marked = (
        "Title: Flag Raised for Pride Month in Tolmar\nPublished: 2021-06-24\n\n"
        "The flag will be flown at the Tolmar embassy from June 26 to June 28 to mark two "
        "important turning points in the fight for equal rights, among them marriage.\n"
    )
    counted = (
        "Title: Marriage Registry Opens in Tolmar\nPublished: 2021-07-24\n\n"
        "In its first month, 120 same-sex couples registered their marriages in Tolmar.\n"
    )
    question = "How many same-sex couples registered their marriages in Tolmar?"
    assert_refused_until_given(make_kb, marked, counted, question, "120 same-sex couples")
    kb = make_kb(
        {
            "trade.txt": (
                "Title: Lantia Trade Dialogue\nPublished: 2021-06-09\n\nThe two delegations noted "
                "that Lantia remains the largest trading partner of Tolmar in the region for the "
                "twelfth year in a row.\n"
            )
        }
    )
    kb.sync()
    a = answer_question(
        kb.snapshot(), kb.embedder, "How many years in a row has Lantia been Tolmar's top partner?"
    )
    assert a.found and "twelfth year" in a.text, a.text


@pytest.mark.parametrize(
    ("question", "named"),
    [
        ("Is Blinken meeting Netanyahu?", True),  # the seed corpus never names him
        ("Is Blinken meeting Kishida?", False),
        ("Is Tony Blinken going to Seoul?", False),  # "Blinken" is known: a nickname's run
        ("Who is Blinken meeting with Netanyahu?", False),  # not a yes/no question
    ],
)
def test_a_yes_no_question_about_a_name_the_corpus_lacks_is_refused(
    seed_kb, question: str, named: bool
) -> None:
    """No document can say yes about someone the corpus never mentions: "Is Blinken meeting
    Netanyahu?" was answered with the Kishida talks."""
    plan = analyse(seed_kb.snapshot(), seed_kb.embedder, question).plan
    assert (unknown_name(plan) is not None) is named
    if named:
        assert not answer_question(seed_kb.snapshot(), seed_kb.embedder, question).found
    elif question == "Is Blinken meeting Kishida?":
        assert "Kishida" in answer_question(seed_kb.snapshot(), seed_kb.embedder, question).text


CHILE = {
    "quist-chile.txt": "Title: Under Secretary Quist's Travel to Chile\nPublished: 2022-05-02\n\n"
    "Under Secretary Mara Quist will travel to Santiago, Chile, May 3-5 to meet with senior "
    "Chilean government officials. Quist will underscore cooperation on migration and human "
    "rights.\n",
    "nichols-chile.txt": "Title: Assistant Secretary Nichols' Travel to Chile\n"
    "Published: 2022-03-04\n\nAssistant Secretary Tom Nichols will travel to Santiago to "
    "attend the inauguration of President Gabriel Boric on March 11.\n",
    "fisheries.txt": "Title: Fisheries Report\nPublished: 2022-04-01\n\n"
    "Fish stocks in the North Sea recovered in spring.\n",
}


def test_a_yes_no_question_needs_a_document_with_all_its_names(make_kb) -> None:
    """ "Is Quist meeting President Boric?": the corpus names Boric, but not with Quist, so no
    document can say yes; the release of Quist's trip does not answer it."""
    kb = make_kb(CHILE)
    kb.sync()
    snap = kb.snapshot()
    asked = "Is Quist meeting President Boric while she's in Santiago?"
    assert not answer_question(snap, kb.embedder, asked).found
    both = answer_question(snap, kb.embedder, "Is Nichols attending Boric's inauguration?")
    assert both.found and "Boric" in both.text
    one = answer_question(snap, kb.embedder, "Is Quist meeting Chilean officials in Santiago?")
    assert one.found and "Quist" in one.text


def test_a_capitalised_name_read_as_another_counts_as_unknown(make_kb) -> None:
    """ "What was Ghandi's work called?" is read with "Ghani", the name the corpus has; typed
    with a capital, the name was written with care, and the corpus lacking it is evidence
    against an answer: it counts as an unknown word. Typed in lower case ("ghandi"), it is a
    misspelling, and the repaired name counts as found."""
    release = (
        "Title: Secretary Reed's Call with Afghan President Ghani\nPublished: 2021-08-03\n\n"
        "Secretary Reed spoke with Afghan President Ashraf Ghani today about the peace process "
        "and the work of the negotiating teams in Doha.\n"
    )
    kb = make_kb({"ghani.txt": release})
    kb.sync()
    snap = kb.snapshot()
    careful = analyse(snap, kb.embedder, "What was Ghandi's work called?")
    typed = analyse(snap, kb.embedder, "what was ghandi's work called?")
    assert careful.plan.corrections and typed.plan.corrections  # both read as "Ghani"
    assert careful.features.unknown > typed.features.unknown == 0.0
    assert careful.probability < typed.probability
