"""One entry point: messages routed by intent, follow-ups read against the chat's context,
timelines of trips; every line of every reply cited."""

from __future__ import annotations

import re

import pytest

from index.compose.more_names import NONE_ELSE
from index.compose.respond import respond
from index.types import ReplyKind

NOV_2023 = "blinken-travel-israel-jordan-japan-korea-india-november-2023.txt"
MARCH_2021 = "aljazeera-blinken-austin-visit-japan-south-korea.txt"


def ask(kb, message, context=None):
    return respond(kb.snapshot(), kb.embedder, message, context)


def assert_cited(kb, reply) -> None:
    markers = sorted({int(n) for n in re.findall(r"\[(\d+)\]", reply.text)})
    assert markers == [c.n for c in reply.citations]
    for c in reply.citations:
        text = kb.document_text(c.doc_id)
        assert 0 <= c.passage_start <= c.start < c.end <= c.passage_end <= len(text)


def test_messages_are_routed(seed_kb) -> None:
    summary = ask(seed_kb, "Summarize the November 2023 trip").reply
    assert summary.kind is ReplyKind.SUMMARY and summary.summary_of == "trip"
    assert {c.path for c in summary.citations} == {NOV_2023}
    sources = ask(seed_kb, "What documents do you have?").reply
    assert sources.kind is ReplyKind.SOURCES and "2 documents" in sources.text
    answer = ask(seed_kb, "What did the summary of the meeting say?").reply
    assert answer.kind in (ReplyKind.ANSWER, ReplyKind.REFUSAL)


def test_timelines(seed_kb) -> None:
    year = ask(seed_kb, "Where did Blinken travel in 2023?").reply
    assert year.kind is ReplyKind.TIMELINE
    assert len(year.text.splitlines()) == 1 and {c.path for c in year.citations} == {NOV_2023}
    assert year.text.startswith("2–10 November 2023:") and "Tokyo → Seoul" in year.text
    asia = ask(seed_kb, "Which trips went to Asia?").reply
    lines = asia.text.splitlines()
    assert [c.path for c in asia.citations] == [MARCH_2021, NOV_2023]  # oldest first
    assert all(re.search(r"\[\d\]$", line) for line in lines)
    assert_cited(seed_kb, asia)
    none = ask(seed_kb, "Which trips went to South America?").reply
    assert none.kind is ReplyKind.REFUSAL


def test_follow_ups(seed_kb) -> None:
    first = ask(seed_kb, "Who did Blinken meet in Seoul?")
    assert first.reply.reading is None and first.context is not None
    tokyo = ask(seed_kb, "What about Tokyo?", first.context)
    assert tokyo.reply.reading == "Who did Blinken meet in Tokyo?"
    assert tokyo.context.question == "Who did Blinken meet in Tokyo?"
    year = ask(seed_kb, "And in 2021?", tokyo.context)
    assert year.reply.reading == "Who did Blinken meet in Tokyo in 2021?"
    assert {c.path for c in year.reply.citations} == {MARCH_2021}
    assert "Motegi" in year.reply.text
    more = ask(seed_kb, "Who else?", year.context)
    shown = set(year.context.spans)
    assert more.reply.reading.startswith("Who did Blinken meet in Tokyo in 2021?")
    # The 2021 article names nobody else Blinken meets in Tokyo ("business leaders and
    # journalists", and President Biden's own plans, are not people he meets): the reply says
    # so and cites what was shown; any other reply would cite only sentences not shown.
    assert more.reply.text.startswith(NONE_ELSE), more.reply.text
    for c in more.reply.citations:
        assert c.doc_id in year.context.doc_ids
        assert (c.doc_id, c.start, c.end) in shown
    when = ask(seed_kb, "When was that?", year.context).reply
    assert when.reading and all(re.match(r"^\d", line) for line in when.text.splitlines())
    assert "2021" in when.text
    assert_cited(seed_kb, when)
    further = ask(seed_kb, "Tell me more", first.context).reply
    assert further.citations and further.reading
    first_doc = first.context.spans[0][0]
    last_end = max(e for d, _s, e in first.context.spans if d == first_doc)
    assert all(c.start >= last_end for c in further.citations)
    assert_cited(seed_kb, further)


def test_when_was_that_dates_a_stop_by_the_trips_itinerary(seed_kb) -> None:
    """A cited sentence that names no date is dated by the stop it tells of (the 2021
    article dates the Seoul stop "On Wednesday"), else by the whole trip's dates, not by when
    the document was published."""
    seoul = ask(seed_kb, "What did Blinken discuss in Seoul?")
    when = ask(seed_kb, "When was that?", seoul.context).reply
    assert when.found and "published" not in when.text, when.text
    assert when.text.startswith("2–10 November 2023, the trip's dates: "), when.text
    assert_cited(seed_kb, when)
    # "The trip will seek to 'reaffirm the United States' ironclad commitment to the security
    # of the Republic of Korea'" follows the sentence taking them to Seoul "On Wednesday".
    korea = ask(seed_kb, "What did the US officials talk about in Seoul in 2021?")
    assert "ironclad commitment" in korea.reply.text, korea.reply.text
    when = ask(seed_kb, "When was that?", korea.context).reply
    assert "17 March 2021, in Seoul: The trip will seek" in when.text, when.text
    assert "published" not in when.text


def test_no_context_no_follow_up(seed_kb) -> None:
    alone = ask(seed_kb, "What about Tokyo?").reply
    assert alone.reading is None


def test_what_they_talked_about_is_read_in_the_cited_documents(seed_kb) -> None:
    """ "they" are those the last answer named: the follow-up is asked of its documents, with
    the last question's words, and shown as typed."""
    first = ask(seed_kb, "Who will Blinken meet in New Delhi?")
    assert "Jaishankar" in first.reply.text, first.reply.text
    then = ask(seed_kb, "what will they discuss?", first.context).reply
    assert then.reading == "what will they discuss? (in the documents just cited)"
    assert then.kind is ReplyKind.ANSWER, then.text
    assert {c.doc_id for c in then.citations} <= set(first.context.doc_ids)
    assert_cited(seed_kb, then)
    assert ask(seed_kb, "what will they discuss?").reply.reading is None  # nothing to follow
    # A swap after it swaps the question the user asked, not the words it was asked with.
    after = ask(
        seed_kb, "What about Tokyo?", ask(seed_kb, "what will they discuss?", first.context).context
    )
    assert after.reply.reading == "Who will Blinken meet in Tokyo?", after.reply.reading


def test_why_follows_up_with_the_purpose_from_the_cited_documents(seed_kb) -> None:
    first = ask(seed_kb, "When will Blinken be in Jordan?")
    assert "November 2 to 10" in first.reply.text
    why = ask(seed_kb, "why?", first.context).reply
    assert why.reading == "Why will Blinken be in Jordan?"
    assert why.kind is ReplyKind.ANSWER and "humanitarian" in why.text.split("[1]")[0], why.text
    assert {c.doc_id for c in why.citations} <= set(first.context.doc_ids)
    assert_cited(seed_kb, why)
    alone = ask(seed_kb, "why?").reply  # nothing to follow up on
    assert alone.reading is None


TRADE_MISSION = """Title: Counselor Reed Meets with Freedonian Energy Delegation
Published: 2022-02-15

Counselor of the Department Hanna Reed hosted a high-level delegation from Freedonia yesterday \
for discussions focused on energy diversification. Freedonian Deputy Prime Minister Rufus \
Firefly and Minister of Energy Chicolini Pinky led the delegation, which met with energy experts \
from across the U.S. Government. After Washington, the trade mission is visiting Pittsburgh, \
Dallas, and Houston to discuss renewables and battery storage.
"""

OTHER_RELEASES = {
    f"other{i}.txt": f"Title: Notice {i}\nPublished: 2022-01-0{i}\n\n{text}\n"
    for i, text in enumerate(
        [
            "The embassy in Lima will be closed on Monday for a national holiday.",
            "Ambassador Ruiz met coffee farmers in Quito to discuss exports to Europe.",
            "The visa office in Accra resumed interviews for students last week.",
        ],
        start=1,
    )
}


def test_a_refused_question_leaning_on_the_chat_is_asked_of_the_cited_documents(
    make_kb,
) -> None:
    """ "who headed the talks?" names nothing, and no release says "headed" or "talks": alone
    it is refused. Asked of the release just cited, with the last question's words, it is
    answered, and the reply says so."""
    kb = make_kb({"mission.txt": TRADE_MISSION, **OTHER_RELEASES})
    kb.sync()
    first = ask(kb, "when did the freedonian energy delegation come to washington")
    assert first.reply.found and first.context is not None, first.reply.text
    assert not ask(kb, "who headed the talks?").reply.found  # alone: nothing to lean on
    then = ask(kb, "who headed the talks?", first.context).reply
    assert then.kind is ReplyKind.ANSWER and "Rufus Firefly" in then.text, then.text
    assert then.reading == "who headed the talks? (in the documents just cited)"
    assert {c.doc_id for c in then.citations} <= set(first.context.doc_ids)
    assert_cited(kb, then)
    # The chat keeps the question it was about, not the words the follow-up was asked with.
    followed = ask(kb, "who headed the talks?", first.context).context
    assert followed is not None and followed.question == first.context.question


NOTICE = """Title: Notice of Meeting: Advisory Commission on Harbour Diplomacy
Published: 2021-06-14

The Advisory Commission on Harbour Diplomacy will hold a virtual public meeting on Thursday, \
June 17, 2021, on ports and trade in the Atlantic. A panel of experts, including Min Okafor of \
the Port Institute and Dana Reyes of Atlantic Shipping, will discuss the report.
"""
OTHER_PANEL = """Title: Department Hosts a Discussion on Women in Sport
Published: 2021-06-20

The panel will be moderated by Jo Marsh, a filmmaker. Billie Park will headline the panel.
"""


def test_a_question_naming_nothing_is_asked_of_the_cited_documents_first(make_kb) -> None:
    """ "who's on the panel?" after the notice of a meeting with a panel is about that panel,
    though another release answers it about its own; asked alone, it is that release's."""
    kb = make_kb({"notice.txt": NOTICE, "sport.txt": OTHER_PANEL, **OTHER_RELEASES})
    kb.sync()
    first = ask(kb, "When is the harbour diplomacy commission holding its meeting?")
    assert first.reply.found and "June 17, 2021" in first.reply.text, first.reply.text
    alone = ask(kb, "who's on the panel?").reply
    assert alone.found and "Okafor" not in alone.text, alone.text
    then = ask(kb, "who's on the panel?", first.context).reply
    assert "Okafor" in then.text and "Marsh" not in then.text, then.text
    assert then.reading == "who's on the panel? (in the documents just cited)"
    # A question naming something of its own is not drawn to the chat's documents.
    other = ask(kb, "who will headline the panel on Women in Sport?", first.context).reply
    assert "Billie Park" in other.text, other.text


PANEL_NOTICE = """Title: Notice of Meeting: Advisory Commission on River Diplomacy
Published: 2022-02-14

The Advisory Commission on River Diplomacy will hold a virtual public meeting Thursday, \
February 24, 2022, from 12:00 p.m. to 1:30 p.m., to preview its annual report on river \
diplomacy and inland shipping. The meeting will feature a panel of practitioners from \
missions in Africa, Central Asia, and the Andes who will discuss the challenges of river \
diplomacy. Congress created the commission in \
1950 to appraise government activities on rivers.
"""


def test_a_follow_up_asked_of_the_cited_documents_is_answered_by_its_own_words(
    make_kb,
) -> None:
    """ "who will speak on the panel?" after the date of a meeting is answered by the
    sentence about the panel, not by the meeting's date again (which holds the last
    question's words)."""
    kb = make_kb({"notice.txt": PANEL_NOTICE, "sport.txt": OTHER_PANEL, **OTHER_RELEASES})
    kb.sync()
    first = ask(kb, "When is the river diplomacy commission's public meeting?")
    assert first.reply.text.startswith("14 February 2022: The Advisory Commission on River")
    assert "February 24, 2022" in first.reply.text, first.reply.text
    then = ask(kb, "who will speak on the panel?", first.context).reply
    assert then.reading == "who will speak on the panel? (in the documents just cited)"
    assert then.text.startswith("14 February 2022: The meeting will feature a panel"), then.text
    assert "Jo Marsh" not in then.text


CALLS = {
    "firefly.txt": """Title: Secretary Blinken's Call with Freedonian Foreign Minister Firefly
Published: 2022-03-02

Secretary Blinken spoke today with Freedonian Foreign Minister Rufus Firefly about energy \
security and the supply of natural gas to Europe. Foreign Minister Firefly thanked the \
Secretary for the support of the United States.
""",
    "trentino.txt": """Title: Secretary Blinken's Call with Sylvanian Foreign Minister Trentino
Published: 2022-04-11

Secretary Blinken spoke today with Sylvanian Foreign Minister Ambrose Trentino about fishing \
rights in the northern straits and the coming harbor talks. Minister Trentino welcomed the \
Secretary's support for the harbor talks.
""",
}


def test_a_name_typed_in_lower_case_is_swapped_in(make_kb) -> None:
    """ "what about his call with trentino?" names the other minister in lower case: the
    corpus writes "Trentino" as a name, so it takes the place of the last question's name.
    A word the corpus does not write as a name swaps nothing."""
    kb = make_kb({**CALLS, **OTHER_RELEASES})
    kb.sync()
    first = ask(kb, "What did Blinken discuss with Foreign Minister Firefly?")
    assert "energy" in first.reply.text and first.context is not None, first.reply.text
    then = ask(kb, "what about his call with trentino?", first.context).reply
    assert then.reading == "What did Blinken discuss with Trentino?"
    assert "fishing" in then.text and "energy" not in then.text, then.text
    assert_cited(kb, then)
    assert ask(kb, "what about his call with the harbor?", first.context).reply.reading is None


RURAL = """Title: Fact Sheet: Administration Launches the Rural Futures Event Series
Published: 2024-02-21

Today, Domestic Policy Advisor Ilse Marwick and Secretary of Agriculture Tomas Brede are
traveling to Tarboro, North Carolina to launch the Rural Futures Event Series to highlight
investments in rural America. During today's visit, Advisor Marwick and Secretary Brede will
visit Edgecombe Community College and announce new investments in rural broadband.
"""


def test_a_timeline_request_that_finds_no_trip_is_asked_as_a_question(make_kb) -> None:
    """ "Where did X travel to launch ...?" reads as a timeline; no trip line found, the
    documents still answer it, and the chat goes on from that answer."""
    kb = make_kb({"rural.txt": RURAL})
    kb.sync()
    first = ask(
        kb,
        "Where did Ilse Marwick and Tomas Brede travel to launch the Rural Futures Event Series?",
    )
    assert first.reply.kind is ReplyKind.ANSWER and "Tarboro" in first.reply.text, first.reply.text
    then = ask(kb, "what are they visiting there?", first.context).reply
    assert then.found and "Edgecombe Community College" in then.text, then.text


FEBRUARY = """Title: Advisor Ilse Marwick Travels to Jordan, Saudi Arabia and Kuwait
Published: 2022-02-04

Advisor Ilse Marwick will visit Jordan, Saudi Arabia and Kuwait, February 3-11. Advisor Marwick
will lead an interagency delegation to Amman where she will meet senior officials to discuss
regional security. The Advisor will then travel to Riyadh and Kuwait City, where she will meet
with government officials and civil society leaders.
"""
APRIL = """Title: Advisor Marwick's Travel to Egypt and Israel
Published: 2022-04-20

Advisor Ilse Marwick will travel to Cairo and Jerusalem from April 19 to April 26. She will go
on to engage with senior officials in the region to discuss reducing tensions.
"""


def test_after_that_is_the_place_just_cited(make_kb) -> None:
    """ "where does she go after that?" asks about the trip just cited, after its stop."""
    kb = make_kb({"february.txt": FEBRUARY, "april.txt": APRIL})
    kb.sync()
    first = ask(kb, "Where does Advisor Ilse Marwick lead an interagency delegation in February?")
    assert "Amman" in first.reply.text.split("[1]")[0], first.reply.text
    then = ask(kb, "and where does she go after that?", first.context).reply
    assert then.reading is not None and "after Amman" in then.reading, then.reading
    assert "Riyadh" in then.text.split("[1]")[0], then.text


def test_where_next_walks_the_itinerary(seed_kb) -> None:
    """ "where next?" and "and after that?" ask for the stop after the one just cited, by the
    trip's itinerary; past the last stop they do not start the trip again."""
    first = ask(seed_kb, "Why is Blinken going to Jordan?")
    assert first.reply.text.startswith("17 November 2023: In Jordan"), first.reply.text
    tokyo = ask(seed_kb, "where next?", first.context)
    assert tokyo.reply.reading == "where does Blinken go after Jordan?", tokyo.reply.reading
    assert "Tokyo" in tokyo.reply.text.split("[1]")[0], tokyo.reply.text
    seoul = ask(seed_kb, "and after that?", tokyo.context)
    assert seoul.reply.reading == "where does Blinken go after Tokyo?", seoul.reply.reading
    assert "Seoul" in seoul.reply.text.split("[1]")[0], seoul.reply.text
    delhi = ask(seed_kb, "what's next?", seoul.context)
    assert "New Delhi" in delhi.reply.text.split("[1]")[0], delhi.reply.text
    last = ask(seed_kb, "and after that?", delhi.context).reply
    assert last.reading == "where does Blinken go after New Delhi?", last.reading
    assert_cited(seed_kb, last)


def test_after_that_is_a_stop_not_a_place_talked_about(seed_kb) -> None:
    """The purpose names Gaza ("humanitarian concerns in Gaza"), no stop of the trip: "after
    that" is not read as after Gaza."""
    first = ask(seed_kb, "What is the purpose of the journey?")
    assert "in Gaza" in first.reply.text.split("[1]")[0], first.reply.text
    then = ask(seed_kb, "and where does he go after that?", first.context).reply
    assert then.reading is not None and "Gaza" not in then.reading, then.reading


@pytest.mark.parametrize(
    "question",
    ["What is the aim of the November trip?", "what is the main aim of the november trip"],
)
def test_a_month_is_no_traveller(seed_kb, question: str) -> None:
    """ "the November trip": the month is capitalised by convention (and the corpus always
    writes it so), but nobody travels by that name."""
    first = ask(seed_kb, question)
    assert first.reply.found, first.reply.text
    then = ask(seed_kb, "and after that?", first.context).reply
    assert then.reading is not None and "November" not in then.reading, then.reading


def test_where_next_after_a_passage_naming_no_stop_goes_on_with_it(seed_kb) -> None:
    first = ask(seed_kb, "What is the purpose of the journey?")
    then = ask(seed_kb, "what next?", first.context).reply
    assert then.reading == "more of the passage just cited", then.reading
    end = max(e for _d, _s, e in first.context.spans)
    assert then.citations and all(c.start >= end for c in then.citations)


def test_a_chat_keeps_its_time_through_a_follow_up_that_names_none(seed_kb) -> None:
    """The time the chat started with holds after "and where does he go after that?", so a
    day typed without its month and year is a day of that trip's month."""
    first = ask(seed_kb, "where is blinken going in november 2023")
    then = ask(seed_kb, "and where does he go after that?", first.context)
    assert then.reply.reading == "where does Blinken go after Tel Aviv?", then.reply.reading
    assert then.context.time == "november 2023", then.context
    day = ask(seed_kb, "and on the 9th?", then.context).reply
    assert day.reading == "where does Blinken go after Tel Aviv on November 9, 2023?"
