"""Trip and document summaries: documents found by topic, itineraries, people, citations."""

from __future__ import annotations

import re

import pytest
from conftest import SHARED_DATA, UNRELATED_RELEASES, other_releases

from index.compose.summary import summarize
from index.text.places import gazetteer

NOV_2023 = "blinken-travel-israel-jordan-japan-korea-india-november-2023.txt"
MARCH_2021 = "aljazeera-blinken-austin-visit-japan-south-korea.txt"


def summary_of(kb, topic: str):
    return summarize(kb.snapshot(), kb.embedder, topic)


def assert_every_line_cited(kb, s) -> None:
    lines = s.text.splitlines()
    assert lines
    for line in lines:
        assert re.search(r"\[\d+\]$", line), line
    markers = sorted({int(n) for n in re.findall(r"\[(\d+)\]", s.text)})
    assert markers == [c.n for c in s.citations]
    for c in s.citations:
        text = kb.document_text(c.doc_id)
        assert 0 <= c.passage_start <= c.start < c.end <= c.passage_end <= len(text)
        assert c.passage == text[c.passage_start : c.passage_end]
    for a, b in s.highlights:
        assert 0 <= a < b <= len(s.text)


def test_november_2023_trip_itinerary(seed_kb) -> None:
    s = summary_of(seed_kb, "summarize the November 2023 trip")
    assert s.found and s.summary_of == "trip"
    assert {c.path for c in s.citations} == {NOV_2023}
    headline, *rest = s.text.splitlines()
    assert "Tel Aviv → Amman → Tokyo → Seoul → New Delhi" in headline
    assert "2–10 November 2023" in headline
    stops = [line for line in rest if re.match(r"\d+\. ", line)]
    assert [re.match(r"\d+\. ([^,(]+)", x).group(1).strip() for x in stops] == [
        "Tel Aviv",
        "Amman",
        "Tokyo",
        "Seoul",
        "New Delhi",
    ]
    assert all("November 2023" in x for x in stops)  # each stop shows its dates
    tokyo = next(x for x in stops if "Tokyo" in x)
    assert "Kishida Fumio" in tokyo and "Kamikawa Yoko" in tokyo
    seoul = next(x for x in stops if "Seoul" in x)
    assert "Yoon Suk Yeol" in seoul and "Blinken" not in seoul  # he is the traveller
    key_points = [line for line in rest if line.startswith("Key point")]
    assert 2 <= len(key_points) <= 4
    assert_every_line_cited(seed_kb, s)


def test_trip_found_by_places_and_dated_stops(seed_kb) -> None:
    s = summary_of(seed_kb, "Blinken and Austin's trip to Japan and South Korea in 2021")
    assert s.found and s.summary_of == "trip"
    assert {c.path for c in s.citations} == {MARCH_2021}
    stops = [line for line in s.text.splitlines() if re.match(r"\d+\. ", line)]
    assert stops[0].startswith("1. Tokyo") and "16 March 2021" in stops[0]
    seoul = next(x for x in stops if "Seoul" in x)
    assert "Chung Eui-yong" in seoul and "17 March 2021" in seoul
    assert_every_line_cited(seed_kb, s)


def test_document_summary_is_extractive(make_kb) -> None:
    body = (
        "Rainfall records were broken across the region this spring. "
        "The wettest month was April, with twice the usual rain. "
        "Farmers reported delays in planting maize and wheat. "
        "Reservoirs are now full for the first time in five years. "
        "Officials say water restrictions will be lifted in June. "
        "Forecasters expect a drier summer."
    )
    kb = make_kb({"rain-report.txt": "Record spring rainfall\n\n" + body + "\n"})
    kb.sync()
    s = summary_of(kb, "the rainfall report")
    assert s.found and s.summary_of == "document"
    lines = s.text.splitlines()
    assert lines[0].startswith("Record spring rainfall")
    assert len(lines) == 1 + 5  # its title and five key points of its six sentences
    text = kb.document_text(s.citations[0].doc_id)
    for line in lines[1:]:
        sentence = re.sub(r"^- | \[\d+\]$", "", line)
        assert sentence in text  # extractive: every point is a sentence of the document
    assert_every_line_cited(kb, s)


def test_unknown_topic_is_not_found(make_kb) -> None:
    kb = make_kb({"empty-ish.txt": "Notes\n\nNothing to see here at all today.\n"})
    kb.sync()
    s = summary_of(kb, "the 2019 trip to Antarctica")
    assert not s.found and s.citations == []


def test_gazetteer_comes_from_geonames() -> None:
    gaz = gazetteer()
    assert gaz.lookup("Amman").country == "JO"
    assert gaz.lookup("New Delhi").name == "New Delhi"
    assert gaz.lookup("Republic of Korea").name == "South Korea"
    assert gaz.lookup("Chisinau").kind == "city"
    assert gaz.lookup("Blinken") is None


def test_document_sentences_ranks_central_sentences(make_kb) -> None:
    from index.compose.itinerary import doc_sentences
    from index.compose.summary import document_sentences

    body = " ".join(
        f"The city council voted on the new budget for parks and schools, item {i}."
        for i in range(6)
    )
    kb = make_kb({"council.txt": "Council budget vote\n\n" + body + " Unrelated: the cat slept.\n"})
    kb.sync()
    snap = kb.snapshot()
    doc_id = next(iter(snap.docs))
    picks = document_sentences(snap, doc_id, 3)
    assert len(picks) == 3 and picks == sorted(picks)
    texts = [doc_sentences(snap, doc_id)[i].text for i in picks]
    assert not any("cat slept" in t for t in texts)


# A press conference's five sentences; the second one is each test's.
PRESSER = (
    "The Secretary thanked Freedonia for welcoming refugees from the war next door. {} "
    "The United States will give Freedonia new aid for refugees and for energy. "
    "Freedonia and the United States will deepen their ties in trade and education. "
    "The two leaders also discussed energy security and refugees from the war."
)


def _picked(make_kb, body: str, count: int) -> list[str]:
    """The sentences a summary of a one-document corpus holding `body` keeps."""
    from index.compose.itinerary import doc_sentences
    from index.compose.summary import document_sentences

    kb = make_kb({"presser.txt": "Freedonia press conference\n\n" + body + "\n"})
    kb.sync()
    snap = kb.snapshot()
    doc_id = next(iter(snap.docs))
    sents = doc_sentences(snap, doc_id)
    return [sents[i].text for i in document_sentences(snap, doc_id, count)]


def test_a_summary_leaves_out_a_sentence_that_points_back(make_kb) -> None:
    """ "This is what we all deserve": out of its place in a press conference it says nothing,
    however central; the sentences around it are kept."""
    body = PRESSER.format("This is what the refugees of the war deserve, a welcome and a home.")
    texts = _picked(make_kb, body, 4)
    assert len(texts) == 4 and not any(t.startswith("This is") for t in texts), texts


def test_bbc_helpers() -> None:
    from index.evaluation.datasets import bbc_reference
    from index.evaluation.metrics import percentile

    assert (
        bbc_reference("Profits rose $10.9bn.For the year") == "Profits rose $10.9bn. For the year"
    )
    assert percentile([1, 2, 3, 4], 50) == 2.5
    assert percentile([5.0], 95) == 5.0


def test_a_stop_of_another_traveller_is_marked_not_listed(seed_kb) -> None:
    s = summary_of(seed_kb, "Summarize the 2021 trip to Japan and South Korea")
    headline, *rest = s.text.splitlines()
    assert "Tokyo → Seoul" in headline and "India" not in headline
    numbered = [line for line in rest if re.match(r"\d+\. ", line)]
    assert not any("India" in line for line in numbered)  # only Austin went to India
    marked = [line for line in rest if "also visits India" in line]
    assert len(marked) == 1 and marked[0].startswith("Austin also visits India")
    assert_every_line_cited(seed_kb, s)


def stop_names(make_kb, text: str) -> list[str]:
    """The stops of the one trip document `text`, in order."""
    from index.compose.itinerary import itinerary

    kb = make_kb({"trip.txt": text})
    kb.sync()
    snap = kb.snapshot()
    doc_id = next(iter(snap.docs))
    return [s.name for s in itinerary(snap, doc_id)]


def test_leading_a_delegation_to_a_city_is_a_stop(make_kb) -> None:
    text = (
        "Title: Counselor Reyes's Travel to Moldova and Georgia\nPublished: 2022-05-16\n\n"
        "Counselor Ana Reyes will lead an interagency delegation to Chisinau, Moldova, from May "
        "17 to 18. She will meet with Moldovan officials.\n\nCounselor Reyes will then travel to "
        "Tbilisi, Georgia, from May 18 to 19.\n"
    )
    assert stop_names(make_kb, text)[:2] == ["Chisinau", "Tbilisi"]


def test_a_stop_known_by_its_country_takes_the_city_where_the_traveller_meets(make_kb) -> None:
    """ "will travel to Angola and France ...", then "on May 7, the Deputy Secretary will meet
    in Paris, France, with ...": no travel word, but the traveller is placed in Paris on May 7.
    """
    from index.compose.itinerary import itinerary

    text = (
        "Title: Deputy Secretary Reyes's Travel to Angola and France\nPublished: 2022-04-29\n\n"
        "Deputy Secretary Ana Reyes will travel to Angola and France from May 2 to 7.\n\n"
        "In Luanda on May 4, she will meet with President Joao Lourenco.\n\n"
        "Finally, on May 7, the Deputy Secretary will meet in Paris, France, with French Secretary "
        "General Francois Delattre to discuss Ukraine.\n"
    )
    kb = make_kb({"trip.txt": text})
    kb.sync()
    snap = kb.snapshot()
    doc_id = next(iter(snap.docs))
    stops = itinerary(snap, doc_id)
    assert [s.name for s in stops] == ["Luanda", "Paris"], [s.name for s in stops]
    assert [str(s.dates[0].start) for s in stops if s.dates][-1] == "2022-05-07"


def test_an_earlier_trip_named_for_context_is_no_stop(make_kb) -> None:
    """ "builds on her August 2021 visit to Singapore and Vietnam": those were stops of other
    trips, listed in the Jakarta trip's summary until the date before "visit" was read."""
    text = (
        "Title: Vice President Reyes's Travel to Jakarta\nPublished: 2023-08-22\n\n"
        "From September 4-7, Vice President Ana Reyes will travel to Jakarta, Indonesia to "
        "attend the U.S.-ASEAN Summit. This is the Vice President's third trip to the region, "
        "and builds on her August 2021 visit to Singapore and Vietnam and her previous trip to "
        "Manila, Philippines.\n"
    )
    assert stop_names(make_kb, text) == ["Jakarta"]


TWO_TRAVELLERS = (
    "Title: President Voss's Travel to New Delhi, India, and Vice President Reyes's Travel to "
    "Jakarta, Indonesia\nPublished: 2023-08-22\n\n"
    "President Elena Voss will travel to New Delhi, India, from September 7-10 to attend the G20 "
    "Leaders' Summit. While in New Delhi, President Voss will meet with Prime Minister Modi.\n\n"
    "From September 4-7, Vice President Ana Reyes will travel to Jakarta, Indonesia to attend "
    "the ASEAN Summit. In Jakarta, she will meet with President Joko Widodo.\n"
)


def test_a_summary_asked_by_a_stop_follows_whoever_makes_it(make_kb) -> None:
    """ "the VP's Jakarta trip" in a release on the President's trip to New Delhi and the Vice
    President's to Jakarta: Jakarta is the trip, whom she meets there is listed (not her),
    and New Delhi is marked as the other traveller's."""
    kb = make_kb({"two.txt": TWO_TRAVELLERS})
    kb.sync()
    s = summary_of(kb, "give me an overview of the VP's Jakarta trip")
    lines = s.text.splitlines()
    assert "Jakarta" in lines[0].split(":", 1)[1] and "New Delhi" not in lines[0].split(":", 1)[1]
    assert lines[1].startswith("1. Jakarta, Indonesia"), s.text
    assert "Joko Widodo" in lines[1] and "Reyes" not in lines[1], s.text
    assert any(line.startswith("Voss also visits New Delhi") for line in lines), s.text
    assert_every_line_cited(kb, s)
    whole = summary_of(kb, "President Voss's trip to New Delhi")  # the main traveller's
    assert any(line.startswith("1. New Delhi, India") for line in whole.text.splitlines())
    assert any(line.startswith("Reyes also visits Jakarta") for line in whole.text.splitlines())


STATEDEPT = SHARED_DATA / "statedept" / "text"
KAMILOV = (
    "2021-07/2021-07-01-256827-secretary-antony-j-blinken-and-uzbek-foreign-minister-abdulaziz-"
    "kamilov-before-their-meeting.txt",
    "2021-07/2021-07-01-256830-secretary-blinkens-meeting-with-uzbekistan-foreign-minister-"
    "kamilov.txt",
    "2022-03/2022-03-10-322755-secretary-antony-j-blinken-and-uzbekistan-foreign-minister-"
    "abdulaziz-kamilov-before-their-meeting.txt",
    "2022-03/2022-03-10-322899-deputy-secretary-shermans-meeting-with-president-tebboune-of-"
    "algeria.txt",
)


@pytest.mark.skipif(not STATEDEPT.exists(), reason="../shared/data/statedept is not here")
def test_a_meeting_is_summarised_from_its_readout_not_the_remarks_before_it(make_kb) -> None:
    """Remarks before a meeting name it as well as its readout does ("Uzbek" even matches the
    request's word, where the readout says "Uzbekistan"), but say little of what was
    discussed: the readout is summarised."""
    kb = make_kb({name.split("/")[1]: (STATEDEPT / name).read_text() for name in KAMILOV})
    kb.sync()
    s = summary_of(kb, "summarize blinken's meeting with the uzbek foreign minister")
    assert s.text.startswith("Secretary Blinken’s Meeting with Uzbekistan"), s.text


JOINT_STATEMENT = """Title: Joint Statement on the U.S.-Freedonia Strategic Dialogue
Published: 2021-07-26

The text of the following statement was released by the Governments of the United States of \
America and the Republic of Freedonia.

The delegations of Freedonia, led by Foreign Minister Rufus Firefly, and of the United States, led \
by Secretary of State Hanna Reed, co-chaired the final session of the Strategic Dialogue. The two \
sides reaffirmed their partnership on regional stability, energy and public health. The United \
States will move its forces to an advising and training role by the end of the year. Both \
delegations committed to expand educational exchanges and scholarships.
"""


def test_a_summary_leaves_out_the_release_speaking_of_itself(make_kb) -> None:
    """ "The text of the following statement was released by ..." opens many joint statements
    and would take the lead's place; the points come from what the statement says."""
    kb = make_kb({"statement.txt": JOINT_STATEMENT})
    kb.sync()
    s = summary_of(kb, "the us-freedonia strategic dialogue joint statement")
    assert s.found and "Rufus Firefly" in s.text
    assert "following statement" not in s.text


COMMUNIQUE = """Title: Communique of the Special Envoys for Freedonia
Published: 2022-04-08

Office of the Spokesperson

The Special Envoys of the European Union, France and the United States met in Brussels on 5 \
April 2022 to discuss the situation in Freedonia.

The Special Envoys:

- Condemned the junta's decision on 23 March 2022 to keep denying girls the ability to attend \
secondary school, which contradicts the junta's assurances to the people of Freedonia.

- Noted that their governments had already substantially increased humanitarian support, \
including for healthcare, to the people of Freedonia to mitigate the economic crisis.

- Underscored that the junta must fulfil its counterterrorism commitments, and welcomed the \
junta's recent decision to ban opium cultivation across the country.

Signed:

- France: Jean Dupont, Special Envoy for Freedonia and the Sahel region of West Africa

- 10:30 a.m. LOCAL The Special Envoys hold a press availability in Brussels, Belgium.
"""


def test_a_list_of_points_is_summarised_from_its_items(make_kb) -> None:
    """A communique whose points are all items of a list ("- Condemned the junta's decision
    ...") is summarised from them, each a point of its own without its dash; a list of names
    with their offices, or of times, gives none."""
    kb = make_kb({"communique.txt": COMMUNIQUE})
    kb.sync()
    s = summary_of(kb, "the communique of the special envoys for freedonia")
    assert s.found and "Condemned the junta" in s.text and "opium" in s.text, s.text
    assert "- - " not in s.text and "Jean Dupont" not in s.text and "10:30" not in s.text


MINISTERIAL = """Title: Fourth Annual U.S.-Freedonia Ministerial Dialogue
Published: 2022-04-12

Office of the Spokesperson

The text of the following statement was released by the Governments of the United States of \
America and Freedonia on the occasion of the Fourth Annual Ministerial Dialogue.

Begin Text:

Secretary of State Hanna Reed welcomed Foreign Minister Rufus Firefly and Defense Minister Chico \
Marx to Washington on April 11 for the fourth Ministerial Dialogue.

Building upon the meeting of their leaders, the Ministers reaffirmed the importance of the \
partnership to international peace and security. The Ministers welcomed new steps on clean \
energy, including a joint fund for solar power in rural areas. Both sides would explore the \
co-production of vaccines and medical supplies. The Ministers noted the growth of student \
exchanges and research links between their universities.
"""


def test_a_statements_lead_is_its_first_sentence_after_the_introduction(
    make_kb, monkeypatch
) -> None:
    """A release's introduction ("The text of the following statement ...", "Begin Text:")
    takes no share of the lead bonus: the first sentence of the text itself ("... welcomed
    Foreign Minister Rufus Firefly ...") has the lead's. Centrality is fixed here so that only
    the lead decides: the text's first sentence a little less central than its second."""
    import numpy as np

    from index.compose import summary
    from index.compose.itinerary import doc_sentences

    kb = make_kb({"statement.txt": MINISTERIAL})
    kb.sync()
    snap = kb.snapshot()
    doc_id = next(iter(snap.docs))
    sents = doc_sentences(snap, doc_id)
    lead = next(i for i, s in enumerate(sents) if "Rufus Firefly" in s.text)
    assert [summary.introduces_text(s.text) for s in sents[:lead]] == [False, True, True]
    central = np.full(len(sents), 0.5)
    central[lead], central[lead + 1] = 0.75, 0.78
    monkeypatch.setattr(summary, "_centrality", lambda *_: central)
    assert summary.document_sentences(snap, doc_id, 1) == [lead]


def test_a_summary_leaves_out_a_sentence_that_leans_on_the_one_before(make_kb) -> None:
    """ "And we will keep refugees from the war at the center ..." carries on a sentence that
    may not be kept; it is kept only when too few others are left."""
    body = PRESSER.format("And we will keep refugees from the war at the center of our aid.")
    texts = _picked(make_kb, body, 4)
    assert len(texts) == 4 and not any(t.startswith("And ") for t in texts), texts
    assert any(t.startswith("And ") for t in _picked(make_kb, body, 5))


def test_a_summary_keeps_the_amount_announced(make_kb) -> None:
    """ "So today we are announcing $40 million ...": the news of the remarks, kept though it
    opens with "So" and is less central than the talk around it; a sentence that launched
    something in a year gives no amount and gets no such place."""
    filler = (
        "We thank Freedonia for its work on refugees and energy and trade. We thank the war's "
        "neighbours for their work on refugees and energy and trade. We will all keep working "
        "on refugees and energy and trade together."
    )
    news = "So today the United States is announcing $40 million in new aid for refugees."
    texts = _picked(make_kb, PRESSER.format(news) + " " + filler, 4)
    assert news in texts, texts
    dated = "So the talks on trade were launched by the two ministers in 2019."
    assert dated not in _picked(make_kb, PRESSER.format(dated) + " " + filler, 4)
    # an amount given or spent is news as much as one announced
    for given in (
        "So far the Department has invested approximately $110 million in the refugee programs.",
        "Since May, the United States has provided more than 6.3 billion dollars of aid.",
    ):
        texts = _picked(make_kb, PRESSER.format(given) + " " + filler, 4)
        assert given in texts, texts


# A keynote's notice and its transcript, which opens with the host's long introduction.
KEYNOTE_NOTICE = (
    "Title: Secretary Reed to Deliver Keynote Remarks at the Harbour Forum Luncheon\n"
    "Published: 2022-05-03\n\n"
    "Secretary of State Hanna Reed will deliver keynote remarks on Tuesday, May 3, 2022 at the "
    "Harbour Forum Luncheon on ports, shipping and trade in the Atlantic.\n"
)
KEYNOTE = (
    "Title: Secretary Hanna Reed Keynote Remarks at the Harbour Forum Luncheon\n"
    "Published: 2022-05-03\n\n"
    "MR OKAFOR: Welcome to the Harbour Forum Luncheon on ports, shipping and trade. Our forum "
    "has brought the shipping companies of the Atlantic together for thirty years. We take "
    "your presence today as a sign of the importance you place on ports and shipping. We look "
    "forward to hearing your vision for trade across the Atlantic.\n\n"
    "SECRETARY REED: Thank you, Ade. The ports of the Atlantic carry a third of our trade. "
    "We will invest two billion dollars in the harbours of West Africa and the Caribbean. "
    "Shipping companies will get new credit to cut the emissions of their fleets. And we will "
    "train ten thousand port workers in the next five years.\n"
)


def test_a_keynote_is_summarised_from_its_transcript_in_the_speakers_words(make_kb) -> None:
    """Asked for the keynote, the transcript is summarised, not the notice that it will be
    given; and the speaker the title names speaks in it, not the host who introduces them."""
    fillers = other_releases(
        [
            ("Port Security Training", "The Coast Guard will train port officers in Ghana."),
            ("Trade Mission to Accra", "American firms will visit Accra to discuss trade."),
            ("Statement on Shipping", "The United States condemns the attack on a tanker."),
            ("Fisheries Agreement", "The two countries signed a fisheries agreement."),
        ],
        "2022-04",
    )
    kb = make_kb({"notice.txt": KEYNOTE_NOTICE, "keynote.txt": KEYNOTE, **fillers})
    kb.sync()
    s = summary_of(kb, "summarize reed's keynote at the harbour forum lunch")
    assert s.text.startswith("Secretary Hanna Reed Keynote Remarks"), s.text
    body = s.text.split("\n", 1)[1]
    assert "two billion dollars" in body and "MR OKAFOR" not in body, s.text
    # ... though a keynote of fewer sentences than a summary gives is still summarised whole,
    # with the host's words only when the speaker's are too few
    short = KEYNOTE.split("SECRETARY REED:")[0] + "SECRETARY REED: Thank you, Ade. We will "
    short += "invest two billion dollars in the harbours of West Africa and the Caribbean.\n"
    kb = make_kb({"notice.txt": KEYNOTE_NOTICE, "keynote.txt": short, **fillers})
    kb.sync()
    s = summary_of(kb, "summarize reed's keynote at the harbour forum lunch")
    assert "two billion dollars" in s.text and "MR OKAFOR" in s.text, s.text


# A meeting's readout, and the remarks the two gave the press before it.
READOUT = (
    "Title: Secretary Reed's Meeting with Lantian Foreign Minister Osei\n"
    "Published: 2022-06-03\n\n"
    "Secretary of State Hanna Reed met yesterday with Lantian Foreign Minister Kofi Osei in "
    "Washington. The Secretary and the Foreign Minister celebrated the first strategic "
    "dialogue between their countries. They discussed energy security and trade.\n"
)
REMARKS = (
    "Title: Secretary Hanna Reed and Lantian Foreign Minister Kofi Osei Before Their Meeting\n"
    "Published: 2022-06-02\n\n"
    "SECRETARY REED: It is a real pleasure to welcome Foreign Minister Osei to Washington. "
    "Lantia has just joined the Atlantic Compact as its newest member, and we have launched "
    "our Strategic Dialogue today.\n\n"
    "FOREIGN MINISTER OSEI: Thank you, Madam Secretary. I came here straight from Kyiv, where "
    "I saw what the war has done to Ukraine's cities.\n"
)


def test_a_summary_of_what_was_said_is_of_the_transcript(make_kb) -> None:
    """ "an overview of what Reed and Osei said to the press" asks for the remarks, not the
    readout of the meeting they preceded; "summarize Reed's meeting with Osei" for the
    readout."""
    fillers = other_releases(
        [
            ("Energy Security Partnership", "The two countries will cooperate on energy."),
            ("Trade Mission to Lantia", "American firms will visit Lantia to discuss trade."),
            ("Statement on Lantia's Election", "The United States congratulates the voters."),
        ],
        "2022-05",
    )
    kb = make_kb({"readout.txt": READOUT, "remarks.txt": REMARKS, **fillers})
    kb.sync()
    said = summary_of(
        kb, "overview of what reed and the lantian foreign minister said to the press"
    )
    assert said.text.startswith("Secretary Hanna Reed and Lantian Foreign Minister"), said.text
    met = summary_of(kb, "summarize Reed's meeting with the Lantian foreign minister")
    assert met.text.startswith("Secretary Reed's Meeting with Lantian"), met.text


AID_IN_NORTHLAND = """Title: Statement on the Delivery of Humanitarian Assistance in Northland
Author: Hanna Reed, Secretary of State
Published: 2022-04-15

The United States welcomes the arrival today of a convoy carrying humanitarian aid in Northland.
We appreciate the efforts of the government, the Northland authorities and the Eastmark
authorities in facilitating the delivery of aid. Aid must keep getting through to all those in
need in Northland.
"""

AID_TO_BOTH = """Title: Delivery of Humanitarian Assistance to Northland and Eastmark Regions
Author: Hanna Reed, Secretary of State
Published: 2022-04-01

The United States welcomes the movement of humanitarian convoys into the Northland and Eastmark
regions with aid. A cessation of hostilities is a critical step toward reconciliation.
"""

# Releases saying "statement", "aid" and "getting" as most releases do, so that those words
# are common and the two regions' names rare, as in a real corpus.
AID_FILLERS = [
    (
        f"Statement on {topic}",
        f"The United States is getting aid for {topic.lower()} to those in need.",
    )
    for topic in (
        "Food Security",
        "Flood Relief",
        "Refugee Shelters",
        "Winter Fuel",
        "Clean Water",
        "Medical Supplies",
        "School Meals",
        "Seed Distribution",
        "Mine Clearance",
        "Vaccine Delivery",
        "Port Repairs",
        "Road Repairs",
    )
]


def test_the_document_titled_with_the_requests_rarer_words_is_summarised(make_kb) -> None:
    """ "Northland and Eastmark" tells the release titled "... to Northland and Eastmark
    Regions" from the "Statement on ... in Northland", which says "aid" and "Northland" more
    often: a word every release says ("statement") tells less than a rare one."""
    fillers = other_releases(AID_FILLERS, "2022-04")
    kb = make_kb({"in.txt": AID_IN_NORTHLAND, "both.txt": AID_TO_BOTH, **fillers})
    kb.sync()
    s = summary_of(
        kb, "summarize reed's statement on aid getting through to northland and eastmark"
    )
    assert s.text.startswith("Delivery of Humanitarian Assistance to Northland and Eastmark"), (
        s.text
    )


def test_a_word_of_where_the_trip_went_around_needs_no_match(make_kb) -> None:
    """ "A recap of Varo's trip around the gulf": "around" is no word the release must hold; the
    topic's content words find it."""
    release = (
        "Title: Envoy Varo Concludes Regional Trip\nPublished: 2022-04-15\n\n"
        "Special Envoy Elin Varo traveled to Oman, Jordan and Qatar this week to support the "
        "truce. In Muscat, Varo met with senior officials to discuss humanitarian access.\n"
    )
    kb = make_kb({"varo.txt": release, **other_releases(UNRELATED_RELEASES, "2022-03")})
    kb.sync()
    s = summary_of(kb, "varo's april 2022 trip around the gulf")
    assert s.found and "varo.txt" in {c.path for c in s.citations}, s.text
