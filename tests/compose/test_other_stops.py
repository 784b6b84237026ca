"""A question about one stop of a trip is answered from that stop's sentences: a sentence the
itinerary sets at another stop does not join the answer, nor answer a follow-up about the same
stop (compose/stops.py, `at_other_stops`)."""

from __future__ import annotations

from conftest import UNRELATED_RELEASES, other_releases

from index.compose.answer import answer_question
from index.compose.itinerary import doc_sentences, itinerary
from index.compose.respond import respond

# Three stops; the Tokyo talks share "talks" and "discuss" with the questions below, the
# New Delhi paragraph says whom she meets there and what about.
THREE_STOPS = """Title: Advisor Lena Ostrova's Travel to Japan, the Republic of Korea, and India
Published: 2023-11-01

Advisor Lena Ostrova will travel to Tokyo, Seoul, and New Delhi from November 6 to 10.

In Tokyo, Advisor Ostrova will hold bilateral talks with Foreign Minister Kamikawa Yoko. These
talks will discuss support for Ukraine and energy security.

In Seoul, she will meet with Foreign Minister Park Jin to discuss the alliance.

Advisor Ostrova will then travel to New Delhi. Together with the U.S. delegation, she will
engage with Minister for External Affairs Subrahmanyam Jaishankar to discuss regional
concerns and maritime security.
"""

OTHERS = other_releases(UNRELATED_RELEASES, "2022-05")


def test_a_sentence_set_at_another_stop_does_not_join_the_answer(make_kb) -> None:
    kb = make_kb({"ostrova.txt": THREE_STOPS, **OTHERS})
    kb.sync()
    a = answer_question(kb.snapshot(), kb.embedder, "who is ostrova meeting in india")
    assert a.found and "Jaishankar" in a.text, a.text
    assert "Kamikawa" not in a.text and "Park Jin" not in a.text, a.text
    tokyo = answer_question(kb.snapshot(), kb.embedder, "What will Ostrova discuss in Japan?")
    assert tokyo.found and "Ukraine" in tokyo.text and "Jaishankar" not in tokyo.text, tokyo.text


def test_a_follow_up_about_the_talks_keeps_to_the_stop_asked(make_kb) -> None:
    """ "and what will they talk about?" is asked of the cited document with the last question's
    words: at the New Delhi stop, not the Tokyo talks."""
    kb = make_kb({"ostrova.txt": THREE_STOPS, **OTHERS})
    kb.sync()
    first = respond(kb.snapshot(), kb.embedder, "who is ostrova meeting in india", None)
    then = respond(kb.snapshot(), kb.embedder, "and what will they talk about?", first.context)
    assert then.reply.found and "maritime security" in then.reply.text, then.reply.text
    assert "Ukraine" not in then.reply.text, then.reply.text


# A readout whose meeting sentence opens with a travel word ("visit") and names no place.
ONE_STOP = """Title: Under Secretary Maren Holt's Visit to Tunisia
Published: 2022-03-28

Under Secretary Maren Holt visited Tunisia on March 23-27, where she underscored the importance
of strengthening democracy in Tunisia and of an inclusive reform process.

Over the course of her visit, Under Secretary Holt met with senior government officials,
including Prime Minister Najla Bouden and Foreign Minister Othman Jerandi.

Under Secretary Holt reiterated the need to respect human rights in Tunisia, including freedom
of expression and association for all Tunisians.
"""


def test_a_travel_word_naming_no_place_stays_at_the_stop(make_kb) -> None:
    """ "Over the course of her visit, ... met with ..." says "visit" and no place: it goes on at
    the stop before it, so it says whom she met in Tunisia."""
    kb = make_kb({"holt.txt": ONE_STOP, **OTHERS})
    kb.sync()
    snap = kb.snapshot()
    doc = next(d for d in snap.docs.values() if d.path == "holt.txt")
    sents = doc_sentences(snap, doc.doc_id)
    (stop,) = itinerary(snap, doc.doc_id)
    met = next(i for i, s in enumerate(sents) if s.text.startswith("Over the course"))
    assert stop.name == "Tunisia" and met in stop.sentences, (stop, met)
    a = answer_question(snap, kb.embedder, "who did holt meet with in tunisia")
    assert a.found and "Najla Bouden" in a.text.split("[1]")[0], a.text
