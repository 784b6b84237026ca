"""Which sentences make the answer: a country's adjective matches its name, speech in a
transcript gives way to a written report, a companion sentence is read past to the one that
names whom they meet, and a second document's answer is not displaced by a sentence that only
carries the first one on."""

from __future__ import annotations

import pytest

from index.compose.answer import analyse, answer_question
from index.compose.speech import is_spoken, is_transcript
from index.query.demonyms import country_forms

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
OTHERS = {
    f"other{i}.txt": f"Title: {title}\nPublished: 2022-05-0{i}\n\n{body}\n"
    for i, (title, body) in enumerate(
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
        start=1,
    )
}


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
    assert is_transcript(TRANSCRIPT)
    assert not is_transcript(ANNOUNCEMENT)
    assert not is_transcript("NOTE: one label alone is not a dialogue.\n\nText follows.")


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


def test_weakest_sentence_gives_way_when_too_long() -> None:
    """The best sentence's next one (taken at half its score) outscores another document's
    best sentence (taken at 0.85): when the three do not fit, the other document's gives way."""
    from types import SimpleNamespace

    from index.compose.answer import Analysis, _choose
    from index.compose.sentences import Sentence
    from index.text.entities import OTHER

    def sent(doc: str, start: int, length: int, score: float) -> Sentence:
        text = "x" * length
        return Sentence(0, doc, doc, start, start + length, text, 0.5, 0.5, 0.5, score=score)

    best = sent("a", 0, 250, 2.2)
    nxt = sent("a", 251, 250, 2.1)
    other = sent("b", 0, 250, 1.9)
    an = Analysis(SimpleNamespace(qtype=OTHER), [], [best, nxt, other], None, 1.0)  # type: ignore[arg-type]
    assert _choose(None, an) == [best, nxt]  # type: ignore[arg-type]
