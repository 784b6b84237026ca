"""Amounts and counts written as releases write them: an answer giving one is not refused for
lacking it (compose/lacks.py), and a question typed in chat shorthand asks the same."""

from __future__ import annotations

from index.compose.answer import answer_question
from index.query.plan import plan_query


def _ask(make_kb, text: str, question: str):
    kb = make_kb({"release.txt": text})
    kb.sync()
    return answer_question(kb.snapshot(), kb.embedder, question)


def test_a_sum_in_a_currency_code_after_the_number_is_money(make_kb) -> None:
    """ "How much money was raised ...?" is answered by "2.23 billion EUR were raised": the
    code after the amount names the currency as "euros" would."""
    text = (
        "Title: Communique of the Envoys for Tolmar\nPublished: 2022-04-08\n\n"
        "The envoys met in Brussels on 5 April 2022. They highlighted that 2.23 billion EUR "
        "were raised at the international pledging conference for Tolmar on 31 March 2022.\n"
    )
    a = _ask(make_kb, text, "How much money was raised at the Tolmar pledging conference?")
    assert a.found and "2.23 billion EUR" in a.text, a.text


def test_a_count_reaches_the_noun_its_long_noun_phrase_ends_on(make_kb) -> None:
    """ "How many returning participants ...?" is answered by "350 American high school,
    vocational, and young professional program participants": the number counts the noun its
    phrase ends on, however many words qualify it."""
    text = (
        "Title: Secretary Reed to Welcome Home Exchange Participants\nPublished: 2022-06-17\n\n"
        "Just days after they returned home from a year abroad in Tolmar, Secretary Reed will "
        "deliver remarks to 350 American high school, vocational, and young professional "
        "program participants on Tuesday, June 21, 2022.\n"
    )
    a = _ask(make_kb, text, "How many returning exchange participants will Secretary Reed address?")
    assert a.found and "350" in a.text, a.text


def test_btwn_is_typed_for_between(make_kb) -> None:
    """ "how much trade btwn tolmar n lantia" asks what "between" asks: "btwn" is no word of
    the documents to repair ("BTWC", a name the answer would then need) or to miss."""
    trade = (
        "Title: Lantia and Tolmar\nPublished: 2021-06-24\n\n"
        "Tolmar is the third largest trading partner of Lantia, with $99.7 billion of goods and "
        "services traded between the two in 2020.\n"
    )
    treaty = (
        "Title: The BTWC Review Conference\nPublished: 2021-11-24\n\n"
        "Ministers from Tolmar and Lantia met in Geneva to discuss the BTWC in 2020.\n"
    )
    kb = make_kb({"trade.txt": trade, "treaty.txt": treaty})
    kb.sync()
    snap = kb.snapshot()
    typed = plan_query(snap, kb.embedder, "how much trade btwn tolmar n lantia in 2020?")
    spelt = plan_query(snap, kb.embedder, "how much trade between tolmar and lantia in 2020?")
    assert typed.corrections == {} and typed.weights == spelt.weights, typed.corrections
    a = answer_question(snap, kb.embedder, typed.text)
    assert a.found and "99.7 billion" in a.text, a.text
