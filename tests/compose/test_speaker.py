"""Whose words a question asks for: "what did Minister Okoro say about the port?" is answered
by the minister's own turn of a transcript, not by a reporter's question that uses the same
words, nor by another speaker, and "according to Ade" finds the turn labelled "MINISTER
OKORO" by the first name the transcript writes before it."""

from __future__ import annotations

import re

import pytest
from conftest import other_releases

from index.compose.answer import analyse, answer_question
from index.compose.speech import first_names, turns
from index.compose.summary import summarize
from index.query.plan import plan_query
from index.query.quoted import quoted_speaker

TRANSCRIPT = """Title: Secretary Reed and Foreign Minister Ade Okoro at a Joint Press Availability
Published: 2022-05-10

Lagos, Nigeria

MODERATOR: Good afternoon. Secretary Reed and Foreign Minister Ade Okoro will take questions.

SECRETARY REED: Thank you, Ade. It is good to be in Lagos. We discussed the new container port,
and the United States will invest in its second terminal.

QUESTION: Minister, you have said in the past that the container port deal with the Chinese
firm would go ahead. Is the port deal with the Chinese firm still on?

FOREIGN MINISTER OKORO: Let me answer plainly.

Our government cancelled that contract in March, and the terminal will now be built by a
consortium of African companies. The work begins next year.

SECRETARY REED: And we welcome that decision.
"""

READOUT = """Title: Secretary Reed's Meeting with Nigerian Foreign Minister Okoro
Published: 2022-05-10

Secretary of State Hanna Reed met today with Foreign Minister Ade Okoro in Lagos. The
Secretary and the Foreign Minister discussed the container port, trade, and regional security.
"""

OTHERS = other_releases(
    [
        (
            "Port Security Initiative",
            "The Coast Guard will train port officers in West Africa on cargo inspection.",
        ),
        (
            "Trade Mission to Ghana",
            "A trade mission of American firms will visit Accra to discuss investment.",
        ),
        (
            "Statement on Regional Security",
            "The United States condemns the attack on a convoy in the Sahel.",
        ),
    ],
    "2022-04",
)

# A release saying "according to": the corpus then knows the term "accord".
ACCORDING_NOTE = (
    "Title: Port note\nPublished: 2022-05-11\n\nAccording to officials, the port opens soon.\n"
)


@pytest.mark.parametrize(
    ("question", "speaker", "verb"),
    [
        ("what did Ade Okoro say about the port?", {"ade", "okoro"}, "say"),
        ("How did the foreign minister describe the talks", {"foreign", "minist"}, "describ"),
        ("how big is the deal according to okoro", {"okoro"}, "accord"),
        ("how big is the deal Accord to okoro", {"okoro"}, "accord"),  # "acording", repaired
        ("what has Secretary Reed told reporters in Lagos", {"secretari", "reed"}, "told"),
        ("what did he say about the port?", None, None),  # a pronoun names no speaker
        ("Who did Reed meet in Lagos?", None, None),
        # Two clauses: the words between "did" and "say" are no one subject.
        ("what did the talks that were held in Lagos say", None, None),
        # A source, not a speaker: where it was said, not whose turn says it.
        ("what will they sign, according to Reed's meeting with Okoro?", None, None),
        ("what did the readout of the call say about the port", None, None),
    ],
)
def test_quoted_speaker(question: str, speaker: set[str] | None, verb: str | None) -> None:
    got = quoted_speaker(question)
    if speaker is None:
        assert got is None, got
    else:
        assert got is not None and set(got.terms) == speaker and got.verb == verb, got


def test_turns_carry_labels_and_first_names() -> None:
    found = turns(TRANSCRIPT)
    assert [t.label for t in found.turns] == [
        "MODERATOR",
        "SECRETARY REED",
        "QUESTION",
        "FOREIGN MINISTER OKORO",
        "SECRETARY REED",
    ]
    assert [TRANSCRIPT[t.start :].split(":")[0] for t in found.turns] == [
        t.label for t in found.turns
    ]
    assert found.turns[found.at(TRANSCRIPT.index("Our government cancelled"))].label == (
        "FOREIGN MINISTER OKORO"
    )
    assert found.at(0) == -1  # the title, before any label
    # "Ade Okoro" in the text: the label "FOREIGN MINISTER OKORO" is Ade's; "Hanna Reed" is
    # not written in the transcript, so "SECRETARY REED" has no first name.
    firsts = first_names(TRANSCRIPT, {t.label for t in found.turns})
    assert firsts["FOREIGN MINISTER OKORO"] == {"ade"} and firsts["SECRETARY REED"] == set()


def test_speakers_own_turn_answers(make_kb) -> None:
    kb = make_kb({"transcript.txt": TRANSCRIPT, "readout.txt": READOUT, **OTHERS})
    kb.sync()
    snap = kb.snapshot()
    an = analyse(snap, kb.embedder, "what did ade okoro say about the container port deal?")
    # This corpus writes only "said": the question's "say" stands as it.
    assert an.plan.speaker == {"ade", "okoro"} and an.plan.said == {"say", "said"}
    texts = [s.text for s in an.sentences]
    # The reporter's question uses the same words, but it is not the minister's answer.
    assert not any(t.startswith("Minister, you have said") for t in texts), texts
    best = an.sentences[0]
    assert best.said and "cancelled that contract" in best.text, texts[:3]
    # The verb stays a term of the question (a document where no one by that name speaks
    # must still hold it), and his own words hold it, as they hold his name.
    weights = an.plan.weights
    assert {"ade", "okoro", "said"} <= set(weights)
    assert best.lexical == pytest.approx(
        sum(weights[t] for t in ("ade", "okoro", "said")) / sum(weights.values())
    )
    a = answer_question(snap, kb.embedder, "what did ade okoro say about the container port?")
    assert a.found and "cancelled that contract" in a.text.split("[1]")[0], a.text
    assert a.citations[0].path == "transcript.txt"


def test_according_to_a_first_name(make_kb) -> None:
    kb = make_kb({"transcript.txt": TRANSCRIPT, "readout.txt": READOUT, **OTHERS})
    kb.sync()
    a = answer_question(kb.snapshot(), kb.embedder, "who will build the terminal according to ade?")
    assert a.found and "consortium of African companies" in a.text.split("[2]")[0], a.text


def test_according_to_is_held_by_his_turn_in_every_coverage_feature(make_kb) -> None:
    # "according to Ade" is answered by his turn, which says neither word: the words of
    # attribution count as held where the answer is read, in its window as in its chunk and
    # its document, so the refusal model sees the question as covered.
    kb = make_kb({"transcript.txt": TRANSCRIPT, "note.txt": ACCORDING_NOTE, **OTHERS})
    kb.sync()
    an = analyse(kb.snapshot(), kb.embedder, "who will build the terminal according to ade?")
    assert an.sentences[0].said and "accord" in an.plan.weights
    feats = an.features
    assert feats.coverage == pytest.approx(1.0) and feats.doc_cover == pytest.approx(1.0), feats


def test_a_misspelt_verb_of_saying_still_names_the_speaker(make_kb) -> None:
    # "acording" is repaired to the stem "accord"; the speaker is read from the word one edit
    # away that has that stem, "according".
    kb = make_kb({"transcript.txt": TRANSCRIPT, "note.txt": ACCORDING_NOTE, **OTHERS})
    kb.sync()
    plan = plan_query(kb.snapshot(), kb.embedder, "who will build the terminal acording to ade?")
    assert plan.corrections == {"acording": "accord"}
    assert plan.speaker == {"ade"}, plan


def test_other_speakers_words_are_not_his(make_kb) -> None:
    kb = make_kb({"transcript.txt": TRANSCRIPT, "readout.txt": READOUT, **OTHERS})
    kb.sync()
    a = answer_question(
        kb.snapshot(), kb.embedder, "what did Secretary Reed say about the container port?"
    )
    assert a.found and "second terminal" in a.text.split("[1]")[0], a.text
    assert "cancelled" not in a.text, a.text


def test_a_speakers_first_person_names_them(make_kb) -> None:
    kb = make_kb({"transcript.txt": TRANSCRIPT, "readout.txt": READOUT, **OTHERS})
    kb.sync()
    an = analyse(kb.snapshot(), kb.embedder, "Did Reed discuss the container port?")
    assert an.plan.speaker == frozenset()  # no words asked for: every speaker is read
    ours = next(s for s in an.sentences if s.text.startswith("We discussed the new container"))
    # "We" of "SECRETARY REED:" is Reed: the sentence holds every term of the question, but
    # it is still speech, which a written report outranks.
    assert ours.lexical == pytest.approx(1.0) and ours.spoken and not ours.said


def test_an_answer_says_who_speaks(make_kb) -> None:
    """A transcript's sentence is shown with its speaker's label when the speaker changes, as
    the transcript shows it; the label is no part of the cited span."""
    kb = make_kb({"transcript.txt": TRANSCRIPT, "readout.txt": READOUT, **OTHERS})
    kb.sync()
    snap = kb.snapshot()
    a = answer_question(snap, kb.embedder, "what did ade okoro say about the container port?")
    first = a.text.split(" [1]")[0]
    assert first.startswith("10 May 2022: FOREIGN MINISTER OKORO: Our government cancelled"), a.text
    cited = a.citations[0]
    assert snap.text(cited.doc_id)[cited.start : cited.end].startswith("Our government cancelled")
    # Not again for the same speaker's next sentence, nor on a line that opens with it.
    assert "OKORO: The work begins" not in a.text and "OKORO: FOREIGN" not in a.text, a.text


def test_a_transcripts_summary_says_who_speaks(make_kb) -> None:
    kb = make_kb({"transcript.txt": TRANSCRIPT, "readout.txt": READOUT, **OTHERS})
    kb.sync()
    s = summarize(kb.snapshot(), kb.embedder, "the joint press availability in Lagos")
    assert s.found and s.citations[0].path == "transcript.txt", s.text
    bullets = [line for line in s.text.splitlines() if line.startswith("- ")]
    # The first line names its speaker; a line by the same speaker as the one before does not.
    assert re.match(r"- [A-Z][A-Z .]+: ", bullets[0]), s.text
    labels = [m.group(1) if (m := re.match(r"- ([A-Z][A-Z .]+): ", b)) else None for b in bullets]
    assert all(a is None or a != b for a, b in zip(labels[1:], labels, strict=False)), s.text


PRESSER = (
    "Title: Secretary Reed and Foreign Minister Okoro at a Joint Press Availability\n"
    "Published: 2022-05-11\n\n"
    "MODERATOR: We will take two questions.\n\n"
    "QUESTION: Madam Secretary, the United States still keeps its sanctions on the Lagos port "
    "authority this year. When will they go?\n\n"
    "SECRETARY REED: Thank you, Kemi, it is good to see you again. We will lift them in June, "
    "once the audit of its accounts is done.\n\n"
    "QUESTION: Minister, many ships called at Lagos last year. How many?\n\n"
    "FOREIGN MINISTER OKORO: Nearly four thousand, more than ever before.\n"
)


def test_a_reporters_question_leads_to_its_answer(make_kb) -> None:
    """The reporter's question matches the user's best, but says nothing of the answer: the
    answer is the next speaker's turn, and its sentence that answers best."""
    kb = make_kb({"presser.txt": PRESSER, **OTHERS})
    kb.sync()
    a = answer_question(
        kb.snapshot(), kb.embedder, "will the us lift the sanctions on the lagos port authority?"
    )
    first = a.text.split("[1]")[0]
    assert a.found and "in June" in first and "QUESTION" not in first, a.text


STATEMENT = """Title: Joint Statement on the Elections in Lantia
Published: 2022-03-23

The following is the text of a joint statement by the Governments of France, Germany, and the
United States of America.

Begin Text:

We note with great disappointment the decision of the Lantian Government to reject the
proposal for observers at the April elections. We call on Lantia to reduce tensions.
"""
TRADE = """Title: France and Germany Sign a Trade Agreement
Published: 2022-03-20

France and Germany signed an agreement on trade in steel. The two governments will meet again
in June to review the steel quotas.
"""


def test_a_statements_we_is_its_authors() -> None:
    from index.compose.speech import in_voice

    assert in_voice("We call on Lantia to reduce tensions.")
    assert in_voice("It is with great disappointment that we take note of the decision.")
    assert not in_voice("The US and France call on Lantia to reduce tensions.")


def test_a_statements_first_person_answers_about_its_authors(make_kb) -> None:
    """ "What are France and Germany disappointed about?": the statement by their governments
    says it in the first person ("We note with great disappointment ..."), which is theirs;
    another release naming France and Germany does not answer it."""
    from index.compose.speech import statement_voice

    kb = make_kb({"statement.txt": STATEMENT, "trade.txt": TRADE})
    kb.sync()
    snap = kb.snapshot()
    voices = {snap.docs[d].title: statement_voice(snap, d) for d in snap.docs}
    assert {"franc", "germani"} <= voices["Joint Statement on the Elections in Lantia"]
    assert not voices["France and Germany Sign a Trade Agreement"]  # not a statement
    an = analyse(snap, kb.embedder, "What are France and Germany disappointed about in Lantia?")
    assert an.sentences[0].text.startswith("We note with great disappointment"), [
        s.text for s in an.sentences[:3]
    ]


# A joint statement quoting each side's minister, one quotation three sentences long; and a
# transcript of the other minister that names the first one's country.
QUOTING = """Title: Joint Statement on the New Port Partnership of Lantia and the United States
Published: 2022-04-04

The United States and Lantia are pleased to announce a new partnership on port security.
“We are pleased to work with Lantia on this,” said Under Secretary of State Hanna Reed.
“Cargo through Lantian ports has doubled in five years and the customs service must keep
pace. We are grateful to the United States for sharing its inspection methods. Lantia foresees
excellent cooperation with partners in the United States,” said Lantian Minister of Economics
Juris Balodis.
"""

PRAISE = """Title: Secretary Reed and Lantian Foreign Minister Kalns Before Their Meeting
Published: 2022-03-07

SECRETARY REED: Lantia has done just that, and the Lantian people have been generous.

FOREIGN MINISTER KALNS: Thank you. Lantia stands with its partners and the minister of
economics is working on our energy.
"""


def test_a_quotation_is_its_attributed_speakers() -> None:
    from index.compose.speech import quoted_by

    last = "Lantia foresees excellent cooperation,” said Lantian Minister of Economics Balodis."
    assert quoted_by(last, frozenset({"lantian", "economi", "minist"}))
    assert quoted_by("“We agree,” Balodis added.", frozenset({"balodi"}))
    assert not quoted_by(last, frozenset({"reed"}))  # another speaker
    assert not quoted_by("Lantia foresees excellent cooperation.", frozenset({"lantian"}))


def test_what_a_minister_said_is_his_whole_quotation(make_kb) -> None:
    """ "What did the Lantian economy minister say?": the statement's quotation attributed to
    him answers, from the sentence it opens in to the one naming him; another release's
    speech about Lantia does not."""
    kb = make_kb({"statement.txt": QUOTING, "praise.txt": PRAISE, **OTHERS})
    kb.sync()
    reply = answer_question(
        kb.snapshot(), kb.embedder, "what did the lantian economy minister say about the port deal?"
    )
    assert reply.found
    text = reply.text
    assert "Cargo through Lantian ports" in text and "Juris Balodis" in text, text
    assert text.index("Cargo through") < text.index("Juris Balodis")


def test_a_speaker_described_by_country_is_found_by_the_titles_name() -> None:
    from index.compose.speech import named_in_title

    title = "Secretary Reed and Lantian Foreign Minister Ade Okoro Before Their Meeting"
    assert {"ade", "okoro"} <= named_in_title(title, frozenset({"lantian"}))
    assert "reed" not in named_in_title(title, frozenset({"lantian"}))
    assert not named_in_title(title, frozenset({"velmoran"}))
    # "the Lantian economy minister" is not the Lantian foreign minister
    assert named_in_title(title, frozenset({"lantian"}), frozenset({"foreign", "minist"}))
    assert not named_in_title(title, frozenset({"lantian"}), frozenset({"economi", "minist"}))


@pytest.mark.parametrize(
    ("title", "question"),
    [
        (
            "Secretary Reed and Lantian Foreign Minister Ade Okoro Before Their Meeting",
            "what did the lantian foreign minister say?",
        ),
        # The title names the country, not its adjective ("Congolese").
        (
            "Secretary Reed and Democratic Republic of Congo Foreign Minister Ade Okoro Before "
            "Their Meeting",
            "what did the congolese foreign minister say?",
        ),
    ],
)
def test_a_foreign_minister_described_by_country_says_what_okoro_says(
    make_kb, title: str, question: str
) -> None:
    """ "What did the Lantian foreign minister say?": the transcript's labels say "FOREIGN
    MINISTER OKORO", its title "Lantian Foreign Minister Ade Okoro" (or "Democratic Republic
    of Congo Foreign Minister Ade Okoro" for the Congolese one); his turn answers."""
    meeting = TRANSCRIPT.replace(
        "Secretary Reed and Foreign Minister Ade Okoro at a Joint Press Availability", title
    )
    kb = make_kb({"meeting.txt": meeting, **OTHERS})
    kb.sync()
    an = analyse(kb.snapshot(), kb.embedder, question)
    assert an.plan.speaker and an.sentences[0].said, [s.text for s in an.sentences[:3]]
    assert "cancelled that contract" in " ".join(s.text for s in an.sentences[:2])
