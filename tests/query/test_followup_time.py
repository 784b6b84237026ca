"""A follow-up keeps the time of the question it follows, unless it names a new one."""

from __future__ import annotations

from datetime import date

import pytest

from index.query.followup import ChatContext, leans_on_chat, read_followup
from index.query.swap import swap_detail

NOV = "Who did Blinken meet in Seoul in November 2023?"


def context(question: str, time: str | None) -> ChatContext:
    return ChatContext(question, "answer", ("d",), (("d", 0, 10),), time)


@pytest.mark.parametrize(
    ("question", "time", "message", "read_as"),
    [
        (
            NOV,
            "November 2023",
            "What about Tokyo?",
            "Who did Blinken meet in Tokyo in November 2023?",
        ),
        (NOV, "November 2023", "And Japan?", "Who did Blinken meet in Japan in November 2023?"),
        # A new time replaces the old one, wherever the old one stood.
        (NOV, "November 2023", "And in 2021?", "Who did Blinken meet in Seoul in 2021?"),
        (
            "In November 2023, who did Blinken meet in Seoul?",
            "November 2023",
            "And in 2021?",
            "Who did Blinken meet in Seoul in 2021?",
        ),
        # A place and a time at once.
        (
            NOV,
            "November 2023",
            "What about Tokyo in 2021?",
            "Who did Blinken meet in Tokyo in 2021?",
        ),
        # A name swap never lands inside the time phrase.
        (
            "Who did Blinken meet in Seoul in Nov. 2023?",
            "Nov. 2023",
            "What about Kishida?",
            "Who did Kishida meet in Seoul in Nov. 2023?",
        ),
        # The chat's time, when the question itself no longer names it.
        (
            "Who did Blinken meet in Seoul?",
            "November 2023",
            "What about Tokyo?",
            "Who did Blinken meet in Tokyo in November 2023?",
        ),
        # No time anywhere: none is made up.
        (
            "Who did Blinken meet in Seoul?",
            None,
            "What about Tokyo?",
            "Who did Blinken meet in Tokyo?",
        ),
    ],
)
def test_swap_keeps_or_replaces_the_time(question, time, message, read_as) -> None:
    reading = read_followup(message, context(question, time), date(2023, 11, 20))
    assert reading is not None and reading.question == read_as


@pytest.mark.parametrize(
    ("message", "read_as"),
    [
        ("what about may 18?", "Who did Blinken meet in Seoul on May 18, 2023?"),
        ("and on the 19th?", "Who did Blinken meet in Seoul on November 19, 2023?"),
        ("And 9 Nov?", "Who did Blinken meet in Seoul on November 9, 2023?"),
    ],
)
def test_a_day_without_its_year_takes_the_chats(message: str, read_as: str) -> None:
    """A day typed without its year (or its month) is one of the chat's time: not a name
    ("what is May 18 doing"), nor a new question."""
    reading = read_followup(message, context(NOV, "November 2023"), date(2023, 11, 20))
    assert reading is not None and reading.question == read_as


def test_a_day_of_no_known_month_is_not_guessed() -> None:
    assert swap_detail("Who did Blinken meet in Seoul in 2021?", "the 19th", None) is None


def test_relative_time_is_read_against_the_reference() -> None:
    swapped = swap_detail(NOV, "last year", date(2023, 11, 20))
    assert swapped == "Who did Blinken meet in Seoul last year?"


CHOLLET = "Why is Counselor Chollet going to Moldova?"


@pytest.mark.parametrize(
    ("question", "message", "read_as"),
    [
        (CHOLLET, "when is he going", "when is Counselor Chollet going to Moldova?"),
        (CHOLLET, "who will he meet", "who will Counselor Chollet meet in Moldova?"),
        ("Who did Blinken meet?", "why did he go", "why did Blinken go?"),
        # "where" asks for the place: the last one is not added, nor the leading "and".
        (CHOLLET, "and where does he go next", "where does Counselor Chollet go next?"),
        (CHOLLET, "so when is he going there", "when is Counselor Chollet going to Moldova?"),
        # "going to" before a verb is the future, not a journey: in Moldova, not to it.
        (
            CHOLLET,
            "what is he going to raise",
            "what is Counselor Chollet going to raise in Moldova?",
        ),
        # A place the last question only names is not where he is.
        (
            "Who is Blinken going to call for the first time since the Ukraine war began?",
            "what is he going to raise with him",
            "what is Blinken going to raise with him?",
        ),
        # A place of its own is asked about, with him: "he" has no one else to be.
        (CHOLLET, "when is he going to Paris", "when is Counselor Chollet going to Paris?"),
        (
            "Who did Deputy Secretary Sherman talk to on her March 2022 call with Japan?",
            "what did she say about north korea's missile tests",
            "what did Deputy Secretary Sherman say about north korea's missile tests?",
        ),
        # opened with "and", a longer question goes on from the last one too
        (
            CHOLLET,
            "and how many covid vaccine doses did he say the us would send to the country",
            "how many covid vaccine doses did Counselor Chollet say the us would send to the "
            "country in Moldova?",
        ),
    ],
)
def test_a_pronoun_refers_to_the_last_questions_person(question, message, read_as) -> None:
    reading = read_followup(message, context(question, None))
    assert reading is not None and reading.question == read_as


@pytest.mark.parametrize(
    "message",
    [
        "what did Macron tell him",  # names someone
        "why did the delegation go there after the long summit and the dinner",  # no pronoun
        # long, and not opened as going on from the last question
        "how many covid vaccine doses did he say the us would send to the country",
    ],
)
def test_a_message_naming_something_new_is_no_pronoun_follow_up(message) -> None:
    assert read_followup(message, context(CHOLLET, None)) is None


def test_who_else_may_go_on_with_words_that_name_nothing_new() -> None:
    reading = read_followup("anyone else going with him", context(CHOLLET, None))
    assert reading is not None and reading.kind.value == "more"
    assert read_followup("anyone else going with Macron", context(CHOLLET, None)) is None


def test_what_other_things_than_the_last_question_asked_is_a_question_of_its_own() -> None:
    """ "what other meetings did he propose?" asks for other things than "what did Blinken
    propose to Lavrov?" did: asked in its own words, not as the last question again."""
    last = context("What did Blinken propose to Lavrov in his speech?", None)
    reading = read_followup("what other meetings did he propose?", last)
    assert reading is not None and reading.kind.value != "more"
    assert "meetings" in reading.question
    countries = context("Which countries did Blinken visit in June?", None)
    again = read_followup("what other countries did he visit?", countries)
    assert again is not None and again.kind.value == "more"  # the same things: more of them
    # other places than the last question's: its place is not added ("... in Israel?")
    israel = context("why is Blinken going to Israel?", None)
    others = read_followup("what other countries is he visiting?", israel)
    assert others is not None and others.question == "what other countries is Blinken visiting?"
    sison = context("Which official is Sison seeing?", None)
    who = read_followup("who else is she meeting there?", sison)
    assert who is not None and who.kind.value == "more"


def test_there_is_the_last_questions_place() -> None:
    reading = read_followup("when is he going there", context(CHOLLET, None))
    assert reading is not None and reading.question == "when is Counselor Chollet going to Moldova?"


def test_a_small_town_typed_in_lower_case_after_in_is_swapped_in() -> None:
    """Lower case, only places too big to be a common word are found ("seoul"); after "in",
    a smaller one is a place as well."""
    last = "Who will Jake Sullivan meet in Israel on his December 2021 trip?"
    reading = read_followup("and in ramallah?", context(last, None))
    assert reading is not None and reading.kind.value == "swap"
    assert reading.question == "Who will Jake Sullivan meet in Ramallah on his December 2021 trip?"
    assert read_followup("and in the end?", context(last, None)) is None


@pytest.mark.parametrize(
    ("question", "message", "read_as"),
    [
        ("when is nuland going to india", "why?", "Why is nuland going to india?"),
        ("Who did Blinken meet in Seoul?", "What for?", "Why did Blinken meet in Seoul?"),
        ("Where will Sherman go after Luanda?", "how come", "Why will Sherman go after Luanda?"),
        ("blinken seoul dates", "why", "Why: blinken seoul dates?"),
    ],
)
def test_why_is_the_last_question_asked_with_why(question: str, message: str, read_as: str) -> None:
    from index.query.followup import FollowUp

    reading = read_followup(message, context(question, None))
    assert reading is not None and reading.kind is FollowUp.WHY
    assert reading.question == read_as


@pytest.mark.parametrize(
    "message",
    ["When was that?", "when's that", "When’s this?", "when will that be", "when does it happen"],
)
def test_when_that_asks_for_the_date_of_what_was_cited(message: str) -> None:
    from index.query.followup import FollowUp

    reading = read_followup(message, context("who is donfried seeing in luxembourg", None))
    assert reading is not None and reading.kind is FollowUp.WHEN, message


def test_a_why_question_of_its_own_is_no_follow_up() -> None:
    assert read_followup("why is blinken going to jordan", context(NOV, None)) is None


def test_a_question_about_they_is_asked_of_the_cited_documents() -> None:
    from index.query.followup import FollowUp

    last = "who did the vice president meet in ghana"
    reading = read_followup("what did they talk about?", context(last, None))
    assert reading is not None and reading.kind is FollowUp.CITED
    assert reading.question == "what did they talk about: did the vice president meet in ghana?"
    # A question naming someone is a question of its own; a place or a topic in lower case
    # is what they talked about.
    assert read_followup("what did they tell Macron?", context(last, None)) is None
    reading = read_followup("did they say anything about burma?", context(last, None))
    assert reading is not None and reading.kind is FollowUp.CITED
    # "theirs" refers back as "their" does.
    fighters = "how many isis fighters are still held in syria"
    reading = read_followup("which countries have brought theirs home?", context(fighters, None))
    assert reading is not None and reading.kind is FollowUp.CITED


def test_a_follow_up_typed_with_a_capital_is_read_as_in_lower_case() -> None:
    """A phone capitalises the first word of a message: "Did they talk about migration?" is the
    same follow-up as "did they talk about migration?"; a first word that is a name still names
    someone ("Macron said what?")."""
    from index.query.followup import FollowUp, names_by_capital

    last = "who did the vice president meet in ghana"
    for typed in ("What did they talk about?", "Did they say anything about burma?"):
        reading = read_followup(typed, context(last, None))
        assert reading is not None and reading.kind is FollowUp.CITED, typed
    assert read_followup("What did they tell Macron?", context(last, None)) is None
    assert names_by_capital("Macron said what?") and not names_by_capital("So what did they do?")


def test_a_leading_so_or_and_does_not_make_a_follow_up_too_long() -> None:
    """ "so what do they expect pristina to do now?" is eight words after "so": short enough to
    be asked of the documents just cited, and asked without "so"."""
    from index.query.followup import FollowUp

    last = "Why were the Quint countries unhappy with Kosovo's government?"
    reading = read_followup("so what do they expect pristina to do now?", context(last, None))
    assert reading is not None and reading.kind is FollowUp.CITED
    assert reading.shown.startswith("what do they expect pristina to do now?")
    long = "what do they expect pristina to do over the next months?"  # nine words
    assert read_followup(long, context(last, None)) is None


def test_that_statement_is_what_was_just_cited() -> None:
    """ "who signed on to that statement?" asks about the statement just cited, as "they"
    does; "that" opening a clause ("did she say that the talks failed") refers to nothing."""
    from index.query.followup import FollowUp

    last = "Is the Arctic Council still meeting after Russia invaded Ukraine?"
    for message in ("who signed on to that statement?", "who signed that?", "is this one new?"):
        reading = read_followup(message, context(last, None))
        assert reading is not None and reading.kind is FollowUp.CITED, message
    assert read_followup("what does that mean for the Arctic?", context(last, None)) is None
    clause = read_followup("did anyone argue that the talks failed", context(last, None))
    assert clause is None or clause.kind is not FollowUp.CITED


@pytest.mark.parametrize(
    ("question", "leans"),
    [
        ("who led the talks?", True),  # names nothing: only the chat says which talks
        ("where did they go after washington?", True),  # "they"
        ("when did she arrive", True),
        ("Who did Blinken meet in Seoul?", False),  # names its own subject
        ("what is the capital of france", False),  # a place of its own
        ("what did they say about the long list of sanctions on russian banks", False),  # long
    ],
)
def test_a_question_leans_on_the_chat(question: str, leans: bool) -> None:
    assert leans_on_chat(question) is leans


def test_he_is_the_possessor_of_the_last_questions_trip() -> None:
    """ "Blinken's New York trip": "he" is Blinken, not "Blinken's New York"."""
    from index.query.followup import FollowUp, subject

    last = "What's the point of Blinken's New York trip in May 2022?"
    assert subject(last) == "Blinken"
    reading = read_followup("and what's he doing on the 19th?", context(last, None))
    assert reading is not None and reading.kind is FollowUp.REFER
    assert reading.question == "what's Blinken doing on the 19th?"


def test_he_is_the_person_not_the_acronym_of_his_bureau() -> None:
    """ "INL assistant secretary Todd Robinson": "he" is Todd Robinson; an acronym names a
    bureau or an alliance, not a person."""
    from index.query.followup import FollowUp, subject

    last = "where did INL assistant secretary Todd Robinson travel in March 2022?"
    assert subject(last) == "Todd Robinson"
    reading = read_followup("what was he doing in vienna?", context(last, None))
    assert reading is not None and reading.kind is FollowUp.REFER
    assert reading.question == "what was Todd Robinson doing in vienna?"


@pytest.mark.parametrize(
    ("time", "message", "read_as"),
    [
        # a day typed without its month is a day of the chat's month
        ("May 2022", "and what's he doing on the 19th?", "and what's he doing on May 19, 2022?"),
        ("in May 2022", "what happened on the 3rd", "what happened on May 3, 2022"),
        # no single month, a month named, or no day: unchanged
        ("2022", "and what's he doing on the 19th?", "and what's he doing on the 19th?"),
        (None, "and what's he doing on the 19th?", "and what's he doing on the 19th?"),
        ("May 2022", "and on the 19th of June?", "and on the 19th of June?"),
        ("May 2022", "who met in the 19th century?", "who met in the 19th century?"),
        (
            "May 2022",
            "what about on the 19th Party Congress?",
            "what about on the 19th Party Congress?",
        ),
        ("February 2022", "and on the 30th?", "and on the 30th?"),  # no such day
    ],
)
def test_a_day_without_its_month_is_of_the_chats_month(time, message, read_as) -> None:
    from index.query.swap import on_day_of_chat

    assert on_day_of_chat(message, time, date(2022, 8, 1)) == read_as


def test_a_day_made_whole_still_refers_back_to_the_person() -> None:
    """ "and what's he doing on the 19th?" after a question about Blinken's May trip: the
    month the day gains is no name, so "he" is still Blinken."""
    from index.query.swap import on_day_of_chat

    last = "What's the point of Blinken's New York trip in May 2022?"
    ctx = context(last, "May 2022")
    message = on_day_of_chat("and what's he doing on the 19th?", ctx.time, date(2022, 8, 1))
    reading = read_followup(message, ctx, date(2022, 8, 1))
    assert reading is not None and "Blinken" in reading.question, reading
    assert "May 19, 2022" in reading.question, reading
