"""What a trip's itinerary says about the asked stop: whom the traveller met there when the
readout says so far below its opening (and not at another stop), and the stop after (or
before) it. Also: a sentence names whom someone met only when a person follows the meeting
word; "Who will X meet?" keeps to the future."""

from __future__ import annotations

from conftest import UNRELATED_RELEASES, other_releases

from index.compose.answer import answer_question
from index.compose.lead import lead_first
from index.compose.sentences import Sentence
from index.text.entities import EntityKind, find_entities

# The opening and nine sentences after it share the question's words; whom she met comes last,
# in a sentence naming neither the city nor the meeting the question asks about.
READOUT = (
    "Title: Readout of Advisor Mara Quist's Travel to Japan\nPublished: 2023-06-17\n\n"
    "Advisor Mara Quist traveled to Tokyo, Japan, for two landmark trilateral meetings with "
    "close Indo-Pacific allies.\n\n"
    + " ".join(
        f"In Tokyo, the meetings Advisor Quist held also covered {topic}, a priority of the "
        "partnership."
        for topic in (
            "energy security",
            "disaster relief",
            "maritime order",
            "missile defense",
            "supply chains",
            "cyber defense",
            "space policy",
            "export controls",
            "critical minerals",
        )
    )
    + "\n\nAdvisor Quist met bilaterally with her counterparts Akiba Takeo of Japan, Cho "
    "Tae-yong of the Republic of Korea, and Eduardo Año of the Philippines, and reaffirmed the "
    "alliance.\n"
)

# Two cities: the meeting told further down is in the other one.
TWO_CITIES = """Title: Advisor Tomas Brede's Travel to Seoul and Tokyo
Published: 2023-03-01

Advisor Tomas Brede will travel to Seoul, Republic of Korea, and Tokyo, Japan, for meetings on
regional security with close Indo-Pacific allies.

The trip will advance cooperation on energy security, maritime security and disaster relief.
The advisor will also underscore the strength of the alliances.

In Seoul, he will meet with Foreign Minister Park Jin to discuss the alliance.
"""

OTHERS = other_releases(UNRELATED_RELEASES, "2022-05")


def ask(kb, q):
    return answer_question(kb.snapshot(), kb.embedder, q)


def test_whom_she_met_at_the_stop_is_found_below_the_opening(make_kb) -> None:
    kb = make_kb({"quist.txt": READOUT, **OTHERS})
    kb.sync()
    a = ask(kb, "who did quist meet in tokyo")
    assert a.found and "Akiba Takeo" in a.text and "Cho Tae-yong" in a.text, a.text


def test_a_meeting_at_another_stop_does_not_answer(make_kb) -> None:
    """The document's itinerary puts the meeting in Seoul: asked about Tokyo, it is not given
    as whom he met there."""
    kb = make_kb({"brede.txt": TWO_CITIES, **OTHERS})
    kb.sync()
    a = ask(kb, "Who will Brede meet in Tokyo?")
    assert "Park Jin" not in a.text.split("[1]")[0], a.text
    seoul = ask(kb, "Who will Brede meet in Seoul?")
    assert seoul.found and seoul.text.split("[1]")[0].count("Park Jin") == 1, seoul.text


def test_a_meeting_word_without_a_person_after_it_names_no_one_met(make_kb, embedder) -> None:
    """ "for two trilateral meetings with close allies" names no one met, though an ally's
    name ("Indo-Pacific") fits a "who" question a little."""
    kb = make_kb({"quist.txt": READOUT, **OTHERS})
    kb.sync()
    snap = kb.snapshot()
    from index.compose.answer import analyse

    an = analyse(snap, embedder, "who did quist meet in tokyo")
    opening = next(s for s in an.sentences if s.text.startswith("Advisor Mara Quist traveled"))
    assert not opening.met


def _sent(doc: str, text: str, score: float, met: bool) -> Sentence:
    return Sentence(0, doc, doc, 0, len(text), text, 0.5, 0.5, 0.5, 1.0, 1.0, score, met=met)


def test_who_will_x_meet_keeps_the_announcement_first() -> None:
    from types import SimpleNamespace

    announcement = _sent(
        "a", "Chollet will travel to Kyiv to reinforce ties with Ukraine.", 2.0, False
    )
    readout = _sent("b", "Chollet met with Prime Minister Denys Shmyhal in Kyiv.", 1.8, True)
    will_meet = _sent(
        "c", "In Kyiv, Chollet will meet with Prime Minister Denys Shmyhal.", 1.8, True
    )

    def plan(q: str) -> SimpleNamespace:
        return SimpleNamespace(text=q, qtype=EntityKind.PERSON, order=None, places=frozenset())

    future = plan("Who will Chollet meet in Kyiv?")
    assert lead_first(future, [announcement, readout])[0] is announcement  # type: ignore[arg-type]
    assert lead_first(future, [announcement, will_meet])[0] is will_meet  # type: ignore[arg-type]
    past = plan("Who did Chollet meet in Kyiv?")
    assert lead_first(past, [announcement, readout])[0] is readout  # type: ignore[arg-type]


def test_future_words() -> None:
    from index.text.patterns import FUTURE

    assert FUTURE.search("who'll she see in Lima") and FUTURE.search("Who will he meet?")
    assert FUTURE.search("Who is she scheduled to meet?")
    assert not FUTURE.search("Who did he meet?") and not FUTURE.search("a willing partner")


THREE_CAPITALS = """Title: Assistant Secretary Varga's Travel to Denmark, Czechia, and Slovakia
Published: 2022-03-25

Assistant Secretary for European Affairs Dr. Ilona Varga will travel to Copenhagen, Denmark, on
March 28, where she will meet with Danish government officials and parliamentary leaders. The
Assistant Secretary will underscore the close bilateral relationship.

Assistant Secretary Varga will then travel on March 29 to Prague, the Czech Republic, where she
will meet with Czech government officials and civil society leaders. The Assistant Secretary
will lead the U.S. delegation to the Strategic Dialogue. She will also thank the Czech
government and people for their generosity.

On March 30, Dr. Varga will travel to Bratislava, Slovakia, to attend a ministerial meeting on
March 31 and to discuss transatlantic relations with representatives of the region.
"""


def test_a_stop_introduced_with_a_date_before_to_is_a_stop(make_kb) -> None:
    from index.compose.itinerary import itinerary

    kb = make_kb({"varga.txt": THREE_CAPITALS, **OTHERS})
    kb.sync()
    snap = kb.snapshot()
    doc = next(d for d, info in snap.docs.items() if info.path == "varga.txt")
    stops = itinerary(snap, doc)
    assert [st.name for st in stops] == ["Copenhagen", "Prague", "Bratislava"]


def test_the_stop_after_the_asked_one_comes_from_the_itinerary(make_kb) -> None:
    """The sentence introducing Bratislava neither names Prague nor says "then", and the two
    before it do not name Prague either: the itinerary says it is the stop after."""
    kb = make_kb({"varga.txt": THREE_CAPITALS, **OTHERS})
    kb.sync()
    a = ask(kb, "Where does Assistant Secretary Varga go after Prague?")
    assert a.found and "Bratislava" in a.text.split("[1]")[0], a.text
    before = ask(kb, "Where does Varga go before Prague?")
    assert before.found and "Copenhagen" in before.text.split("[1]")[0], before.text


def test_companions_named_after_a_meeting_word_are_not_whom_he_met() -> None:
    from index.compose.sentences import _names_met

    def met(text: str) -> bool:
        return _names_met(text, tuple(find_entities(text)))

    assert met("In Israel, Mr. Sullivan will meet with Prime Minister Naftali Bennett.")
    assert not met(
        "Sullivan traveled to Israel and was joined in his meetings by U.S. Ambassador to "
        "Israel Tom Nides and the Acting Assistant Secretary for Near Eastern Affairs Yael Lempert."
    )
    assert not met("Sullivan held meetings, joined by Coordinator Brett McGurk.")
    assert met("Sullivan, joined by Brett McGurk, met with President Isaac Herzog.")


def test_a_name_written_as_a_possessive_is_not_whom_he_met() -> None:
    from index.compose.sentences import _names_met

    def met(text: str) -> bool:
        return _names_met(text, tuple(find_entities(text)))

    assert not met("They also discussed King Mohammed VI’s reform agenda and the challenges.")
    assert not met("The ministers discussed President Putin's war of choice in Ukraine.")
    assert met("They also discussed the reform agenda with King Mohammed VI.")


def test_a_timeline_keeps_the_stop_the_traveller_makes_by_surname_alone(make_kb, embedder) -> None:
    """ "Dr." before her name is found apart from it: it is no second traveller, so the stop
    she makes as "Assistant Secretary Varga" is hers, not someone else's."""
    from index.compose.timeline import timeline

    kb = make_kb({"varga.txt": THREE_CAPITALS, **OTHERS})
    kb.sync()
    reply = timeline(kb.snapshot(), embedder, "Ilona Varga in March 2022")
    assert "Copenhagen → Prague → Bratislava" in reply.text, reply.text


THREE_AGENCIES = """Title: Assistant Secretary Orsay's Travel to Vienna, Rome, and Ljubljana
Published: 2022-06-24

Assistant Secretary of State for International Organization Affairs Mira Orsay will travel to
Vienna, Austria; Rome, Italy; and Ljubljana, Slovenia for consultations on a wide range of
multilateral priorities, including food insecurity.

In Rome, Assistant Secretary Orsay will meet with leadership from the Food and Agriculture
Organization and the World Food Programme. The Assistant Secretary will also consult with key
partner countries to discuss humanitarian assistance coordination.

In Vienna, the Assistant Secretary will meet with the leadership of the International Atomic
Energy Agency and the UN Office on Drugs and Crime. Her visit reinforces commitment in these
important multilateral venues.
"""


def test_whom_she_meets_at_the_stop_may_be_an_organisation(make_kb) -> None:
    kb = make_kb({"orsay.txt": THREE_AGENCIES, **OTHERS})
    kb.sync()
    a = ask(kb, "who will mira orsay meet in vienna, austria")
    assert a.found and "International Atomic" in a.text.split("[1]")[0], a.text


def _announcement(day: str, stops: str, body: str) -> str:
    return f"Title: Secretary Reed's Travel to {stops}\nPublished: {day}\n\n{body}\n"


ANNOUNCED_TWICE = {
    "first.txt": _announcement(
        "2022-05-10",
        "Germany and France",
        "Secretary of State Hanna Reed will travel to Berlin, Germany, and Paris, France, May "
        "14-16 to meet with foreign ministers.",
    ),
    "again.txt": _announcement(
        "2022-05-12",
        "Germany, France, and the United Arab Emirates",
        "Secretary of State Hanna Reed will travel to Berlin, Germany, Paris, France, and Abu "
        "Dhabi, United Arab Emirates, May 14-16 to meet with foreign ministers.",
    ),
    "later.txt": _announcement(
        "2022-06-01",
        "Panama",
        "Secretary of State Hanna Reed will travel to Panama City, Panama, June 6-10.",
    ),
}


def test_a_trip_announced_again_is_one_line_of_a_timeline(make_kb, embedder) -> None:
    """An updated announcement adds a stop: the timeline shows the fuller one, once."""
    from index.compose.timeline import timeline

    kb = make_kb({**ANNOUNCED_TWICE, **OTHERS})
    kb.sync()
    reply = timeline(kb.snapshot(), embedder, "Reed in 2022")
    lines = reply.text.splitlines()
    assert len(lines) == 2, reply.text
    assert "Abu Dhabi" in lines[0] and "Panama" in lines[1], reply.text
    assert [c.path for c in reply.citations] == ["again.txt", "later.txt"]


def test_a_guest_welcomed_is_met() -> None:
    """ "Blinken and Austin welcomed Minister of Defence Rajnath Singh ... for the 2+2": whom a
    host welcomes is whom he meets ("Who did Blinken and Austin host?")."""
    from index.compose.sentences import _names_met

    def met(text: str) -> bool:
        return _names_met(text, tuple(find_entities(text)))

    assert met(
        "Secretary Hanna Reed welcomed Minister of Defence Rufus Firefly to Washington on "
        "April 11, 2022, for the fourth ministerial dialogue."
    )
    assert not met("Secretary Hanna Reed traveled to Washington with Rufus Firefly.")


# The announcement matches "who did lindqvist meet in nairobi" best and names no one met; the
# readout of the same trip tells no itinerary ("was in Kenya") and names them only after nine
# sentences that share more of the question's words, too far down to be read for people.
ANNOUNCED = (
    "Title: Statement on Deputy Advisor Lindqvist's Travel to Kenya\nPublished: 2022-03-29\n\n"
    "On March 30th and 31st, Deputy National Security Advisor Ebba Lindqvist will be in "
    "Nairobi to meet with Kenyan officials and continue our consultations on trade.\n"
)
READ_OUT = (
    "Title: Readout of Deputy Advisor Lindqvist's Travel to Kenya\nPublished: 2022-04-01\n\n"
    "This week, Deputy National Security Advisor Ebba Lindqvist was in Kenya.\n\n"
    + " ".join(
        f"In Nairobi, the meetings Lindqvist held also covered {topic}."
        for topic in (
            "energy security",
            "disaster relief",
            "maritime order",
            "drought response",
            "supply chains",
            "cyber defense",
            "port finance",
            "export controls",
            "critical minerals",
        )
    )
    + "\n\nLindqvist met with Cabinet Secretary Amina Mohamed and Treasury Secretary Njuguna "
    "Ndung'u. The talks were productive.\n"
)
# Another document of the same people, whose meeting sentence is someone else's.
FOLLOW_UP = (
    "Title: Deputy Advisor Lindqvist to Lead the Kenya Trade Dialogue\nPublished: 2022-03-28\n\n"
    "On March 30th and 31st, Deputy National Security Advisor Ebba Lindqvist will be in Nairobi "
    "to meet with Kenyan officials for the trade dialogue. This meeting follows up on a "
    "commitment made between President Ruto and President Biden to deepen trade.\n"
)


def test_whom_he_met_comes_from_the_readout_when_the_announcement_names_no_one(make_kb):
    kb = make_kb({"announced.txt": ANNOUNCED, "readout.txt": READ_OUT, **OTHERS})
    kb.sync()
    a = ask(kb, "who did lindqvist meet in nairobi")
    first = a.text.split("[1]")[0]
    assert a.found and "Amina Mohamed" in first and "Njuguna" in first, a.text


def test_another_documents_meeting_of_other_people_is_not_whom_he_met(make_kb):
    kb = make_kb({"announced.txt": ANNOUNCED, "dialogue.txt": FOLLOW_UP, **OTHERS})
    kb.sync()
    a = ask(kb, "who did lindqvist meet in nairobi")
    assert "Ruto" not in a.text.split("[1]")[0], a.text


def test_the_stop_after_is_found_by_its_country_and_told_by_its_own_sentence(seed_kb) -> None:
    """The opening lists every stop ("visits to Tel Aviv, Amman, Tokyo ..."); asked after a
    stop by its country, the next stop's own sentence leads, not the list."""
    from index.compose.answer import answer_question

    snap = seed_kb.snapshot()
    after_jordan = answer_question(snap, seed_kb.embedder, "Where does Blinken go after Jordan?")
    lead = after_jordan.text.split("[1]")[0]
    assert "Tokyo" in lead and "Amman" not in lead, after_jordan.text
    after_tel_aviv = answer_question(snap, seed_kb.embedder, "Where does Blinken go after Israel?")
    assert "In Jordan" in after_tel_aviv.text.split("[1]")[0], after_tel_aviv.text
