"""A misspelt word repaired in the context of the question, and questions about the order of
a trip's stops ("Where will she go after Seoul?")."""

from __future__ import annotations

import pytest

from index.compose.answer import answer_question
from index.query.plan import plan_query
from index.query.sequence import asked_order, tells_order

# "kery" is one letter from "Kerry" and from "very"; "very" is the more frequent word.
CLIMATE = """Title: Special Envoy Kerry's Travel to Egypt
Published: 2022-02-20

Special Envoy for Climate John Kerry will travel to Cairo, Egypt on February 20-21. Kerry will
deliver an address at the American University in Cairo on international climate action.
Together with the Egyptian Foreign Minister, Kerry will launch a new climate working group.
"""
FILLER = """Title: Notes from the harbour {i}
Published: 2022-03-0{i}

The harbour was very busy this week and the weather was very cold. The ferries were very late
and the fishermen were very tired, but the market was very full of very fresh fish.
"""
TRIP = """Title: Deputy Secretary Lund's Travel to Japan, Korea and Mongolia
Published: 2021-07-15

Deputy Secretary of State Ada Lund will travel to Japan, the Republic of Korea, and Mongolia
from July 18 to July 25. In Tokyo, the Deputy Secretary will meet with Japanese officials to
discuss the climate crisis. The Deputy Secretary will then travel to Seoul for a strategic
dialogue with Korean officials on pandemic relief and economic recovery.

From Seoul, the Deputy Secretary will travel to Ulaanbaatar to meet with Mongolian officials
to reinforce the partnership and discuss democracy and human rights.
"""
MEETING = """Title: Deputy Secretary Lund's Meeting in Seoul
Published: 2022-06-10

In Seoul, Deputy Secretary Lund met with Korean leaders, including Foreign Minister Park Jin
and Unification Minister Kwon Young-se, to discuss regional security.
"""

ITALY = """Title: Foreign Minister Rossi on the Vaccine Fund
Published: 2022-04-02

Italy pledged $360 million to the global vaccine fund, Foreign Minister Rossi said in Rome.
Norway pledged $200 million to the same fund last year.
"""


def test_misspelt_name_is_read_in_context(make_kb) -> None:
    kb = make_kb({"climate.txt": CLIMATE, **{f"f{i}.txt": FILLER.format(i=i) for i in range(5)}})
    kb.sync()
    snap = kb.snapshot()
    assert snap.correct("keri") == "veri"  # the vocabulary alone: the frequent word
    plan = plan_query(snap, kb.embedder, "what will kery do in egipt")
    assert plan.corrections == {"kery": "kerri", "egipt": "egypt"}
    a = answer_question(snap, kb.embedder, "what will kery do in egipt")
    assert a.found and "Kerry" in a.text and "very" not in a.text


def test_a_word_one_swap_from_a_word_is_that_word(make_kb) -> None:
    # "itlay" is one swap from the word "Italy", but two edits from its stem "itali": the
    # vocabulary of stems alone repairs nothing.
    kb = make_kb({"trip.txt": TRIP, "italy.txt": ITALY, "climate.txt": CLIMATE})
    kb.sync()
    snap = kb.snapshot()
    assert snap.correct("itlay") is None
    plan = plan_query(snap, kb.embedder, "how much did itlay pledge to the vaccine fund")
    assert plan.corrections == {"itlay": "itali"} and "itali" in plan.terms
    a = answer_question(snap, kb.embedder, "how much did itlay pledge to the vaccine fund")
    assert a.found and "$360 million" in a.text, a.text
    # With no other known word to weigh it against, a neighbour is no safe guess ("What are
    # clades?" is not a question about Claude).
    assert plan_query(snap, kb.embedder, "what is itlay").corrections == {}


@pytest.mark.parametrize(
    ("question", "way", "anchor"),
    [
        ("Where will Lund go after Seoul?", "after", {"seoul"}),
        ("where will she travel after visiting tokyo", "after", {"tokyo"}),
        ("Which city will he visit before New Delhi on his trip?", "before", {"new", "delhi"}),
        ("Who will she meet after her stop in Riga?", "after", {"riga"}),
        # Done somewhere: after it ("when" opening the question asks for a date instead).
        ("Where does Zeya head once she's done in Kazakhstan?", "after", {"kazakhstan"}),
        ("where does he go when he wraps up in Seoul", "after", {"seoul"}),
        ("where does she go after she's finished in Kyiv", "after", {"kyiv"}),
    ],
)
def test_asked_order(question: str, way: str, anchor: set[str]) -> None:
    order = asked_order(question, {})
    assert order is not None and order.way == way and order.anchor == anchor


def test_order_sentences() -> None:
    after = asked_order("Where will Lund go after Seoul?", {})
    before = asked_order("Where will Lund go before Seoul?", {})
    assert after is not None and before is not None
    assert asked_order("Where will Lund go in Seoul?", {}) is None
    assert asked_order("When is Lund done in Seoul?", {}) is None
    # An event is no stop: "before his talks with Abbas", "after the summit".
    assert asked_order("Who did he see before his talks with Abbas in Ramallah?", {}) is None
    assert asked_order("who will he meet after the summit", {}) is None
    assert asked_order("where next after seul", {"seul": "seoul"}) is not None
    # A why question asks for no stop: "go after" a network is to pursue it.
    assert asked_order("Why did the US go after the Houthi Finance Network?", {}) is None
    assert asked_order("why is she going to Tokyo after Seoul?", {}) is None
    departs = "From Seoul, the Deputy Secretary will travel to Ulaanbaatar."
    arrives = "From Tokyo, the Deputy Secretary will travel to Seoul."
    there = "In Seoul, the Deputy Secretary will meet Korean leaders."
    assert tells_order(departs, after) and not tells_order(arrives, after)
    assert tells_order(arrives, before) and not tells_order(departs, before)
    assert not tells_order(there, after) and not tells_order(there, before)
    assert tells_order("Following her meetings in Seoul, she flies to Ulaanbaatar.", after)
    then = "She will then travel to Ulaanbaatar May 25-27 for talks."
    assert tells_order(then, after, "She will be in Seoul May 21-24. She will also meet students.")
    assert not tells_order(then, after, "She will be in Tokyo May 21-24.")
    # Going on to the asked stop itself tells the stop before it, not the one after.
    morocco = asked_order("Where does she head after Morocco?", {})
    assert morocco is not None
    into = "She will then travel to Rabat and Casablanca, Morocco from March 8 to 9."
    assert not tells_order(into, morocco, "She will first visit Madrid. Morocco is next.")
    onward = "She will then travel to Algiers, Algeria."
    assert tells_order(onward, morocco, "She will visit Rabat, Morocco, on March 29.")
    # A dated next stop, with no "then": "On May 15, ... travel to Paris" after Berlin.
    dated = "On May 15, the Secretary will travel to Paris to attend a ministerial meeting."
    berlin = asked_order("After Berlin, where is Secretary Blinken heading?", {})
    assert berlin is not None
    assert tells_order(dated, berlin, "On May 14, the Secretary will travel to Berlin.")
    assert not tells_order(dated, berlin, "On May 14, the Secretary will travel to Rome.")
    assert not tells_order("He will travel to Berlin to meet allies.", berlin, "In Berlin he met.")


def test_a_date_after_a_place_is_not_part_of_it() -> None:
    from index.text.places import gazetteer

    found = gazetteer().find("He will then travel to Berlin May 25-27 for the ministerial.")
    assert [p.place.name for p in found] == ["Berlin"]


def test_next_stop_is_answered(make_kb) -> None:
    kb = make_kb({"trip.txt": TRIP, "meeting.txt": MEETING, "climate.txt": CLIMATE})
    kb.sync()
    a = answer_question(kb.snapshot(), kb.embedder, "Where will Lund go after Seoul?")
    assert a.found and "Ulaanbaatar" in a.text.split("\n")[0] + a.text, a.text
    first = a.text.split("[1]")[0]
    assert "Ulaanbaatar" in first, a.text


def _release(title: str, day: str, body: str) -> str:
    return f"Title: {title}\nPublished: {day}\n\n{body}\n"


def test_a_month_of_several_years_is_not_a_filter(make_kb) -> None:
    from index.query.when import ambiguous_month

    kb = make_kb(
        {
            "visit.txt": _release(
                "Second Gentleman's Travel to Poland",
                "2023-01-12",
                "On January 27, Mr. Lind will visit the Memorial and Museum at Auschwitz-Birkenau.",
            ),
            "later.txt": _release(
                "Statement on a Conference", "2026-01-20", "The conference on trade opens today."
            ),
            "march.txt": _release(
                "Statement on a Summit", "2025-03-02", "The leaders will meet at the summit."
            ),
        }
    )
    kb.sync()
    snap = kb.snapshot()
    plan = plan_query(snap, kb.embedder, "What will Lind visit on January 27?")
    assert plan.time is None and "januari" in plan.terms  # two Januaries: words, not a filter
    march = plan_query(snap, kb.embedder, "Who will the leaders meet in March?")
    assert march.time is not None and not ambiguous_month(snap, march.time)  # one March only
    # no release of any November: "the elections in November" are words, not a filter
    november = plan_query(snap, kb.embedder, "What will the leaders discuss in November?")
    assert november.time is None and "novemb" in november.terms + november.unknown
    a = answer_question(snap, kb.embedder, "What will Lind visit on January 27?")
    assert a.found and "Auschwitz" in a.text, a.text


def test_a_city_by_its_initials_in_capitals_is_spelt_out() -> None:
    from index.query.plan import expand_city_initials

    assert expand_city_initials("when's the summit in LA") == "when's the summit in Los Angeles"
    assert expand_city_initials("Who did she meet in NYC?") == "Who did she meet in New York City?"
    assert expand_city_initials("la ville de demain") == "la ville de demain"  # a word
    assert expand_city_initials("WHO IS IN LA") == "WHO IS IN LA"  # all capitals: unreadable
    assert expand_city_initials("the LA-based firm") == "the LA-based firm"


def test_a_name_one_letter_off_is_not_a_shorter_word_and_a_suffix(make_kb) -> None:
    """ "shermen" is "Sherman" misspelt, not "Sher" (a name the corpus also has) and "-men";
    "japanese", where the corpus only writes "Japan", is still Japan's."""
    kb = make_kb(
        {
            "call.txt": _release(
                "Deputy Secretary Sherman's Call with Prime Minister Sher Deuba",
                "2022-02-23",
                "Deputy Secretary Wendy Sherman spoke today with Prime Minister Sher Deuba of "
                "Nepal. They discussed sanctions and Japan.",
            ),
        }
    )
    kb.sync()
    snap = kb.snapshot()
    plan = plan_query(snap, kb.embedder, "what did shermen brief them on")
    assert plan.corrections == {"shermen": "sherman"} and "sher" not in plan.terms
    japan = plan_query(snap, kb.embedder, "what about japanese sanctions")
    assert "japan" in japan.terms


def test_a_word_one_letter_off_a_commoner_word_is_not_a_rarer_one_and_a_suffix(make_kb) -> None:
    """ "sumit" is "summit" misspelt, not "Sumi" (a name the corpus has once) and "-t"."""
    summits = {
        f"summit{i}.txt": _release(
            f"Leaders Summit {i}",
            f"2022-0{i}-10",
            f"The leaders met at the summit in Mexico. The next summit is in December {2020 + i}.",
        )
        for i in range(1, 4)
    }
    sumi = _release(
        "Meeting with Minister Sumi",
        "2022-05-10",
        "The Secretary met Minister Sumi to discuss trade.",
    )
    kb = make_kb({**summits, "sumi.txt": sumi})
    kb.sync()
    snap = kb.snapshot()
    plan = plan_query(snap, kb.embedder, "where is the next leaders sumit")
    assert plan.corrections == {"sumit": "summit"} and "sumi" not in plan.terms


def test_a_misspelling_is_not_read_as_a_derived_word(make_kb) -> None:
    """ "statment" is "statement" misspelt, not "state" and "-ment" (a word family's noun read
    back to its verb): no word the tokenizer knows whole, one letter off an indexed term. A
    real word the corpus lacks ("enrollment") is still read by its family."""
    kb = make_kb(
        {
            "statement.txt": _release(
                "Joint Statement on Sport",
                "2022-07-05",
                "The ministers of state issued a joint statement on sport. The state of sport "
                "is strong, they said, and students enroll in sport programs.",
            ),
        }
    )
    kb.sync()
    snap = kb.snapshot()
    plan = plan_query(snap, kb.embedder, "who signed the sport statment")
    assert plan.corrections == {"statment": "statement"} and "state" not in plan.terms
    enrolled = plan_query(snap, kb.embedder, "how is enrollment in sport programs")
    assert "enrol" in enrolled.terms or "enroll" in enrolled.terms, enrolled.terms
