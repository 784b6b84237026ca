"""Dates named in questions and mentioned in documents."""

from __future__ import annotations

from datetime import date

import pytest

from index.text.asked_time import parse_query_time, strip_time
from index.text.dates import DateRange, find_dates, format_range, parse_iso

REF = date(2023, 11, 17)  # the newest seed document


@pytest.mark.parametrize(
    ("question", "start", "end"),
    [
        ("Who did Blinken meet in November 2023?", date(2023, 11, 1), date(2023, 11, 30)),
        ("trips in July 2021", date(2021, 7, 1), date(2021, 7, 31)),
        ("what happened in 2022", date(2022, 1, 1), date(2022, 12, 31)),
        ("Who did he see last February?", date(2023, 2, 1), date(2023, 2, 28)),
        ("meetings last year", date(2022, 1, 1), date(2022, 12, 31)),
        ("the call on March 1, 2022", date(2022, 3, 1), date(2022, 3, 1)),
        ("the call on 10 March 2021", date(2021, 3, 10), date(2021, 3, 10)),
        ("published 2022-05-20", date(2022, 5, 20), date(2022, 5, 20)),
        ("between May and July 2022", date(2022, 5, 1), date(2022, 7, 31)),
        ("in summer 2021", date(2021, 6, 1), date(2021, 8, 31)),
        ("early 2022", date(2022, 1, 1), date(2022, 4, 30)),
        ("Nov. 2023 trip", date(2023, 11, 1), date(2023, 11, 30)),
        # a month abbreviated after "last", as chat types it
        ("what did they say when she was in dc last aug", date(2023, 8, 1), date(2023, 8, 31)),
        ("who did he see last feb.", date(2023, 2, 1), date(2023, 2, 28)),
        ("who did she meet in aug", date(2023, 8, 1), date(2023, 8, 31)),
    ],
)
def test_query_times(question: str, start: date, end: date) -> None:
    tq = parse_query_time(question, REF)
    assert tq is not None
    assert (tq.range.start, tq.range.end) == (start, end)
    assert tq.phrase in question


def test_last_month_is_strictly_before_the_reference_month() -> None:
    # "last November" asked when the newest document is from November 2023 means 2022.
    tq = parse_query_time("Who did he meet last November?", REF)
    assert tq is not None and tq.range.start == date(2022, 11, 1)


def test_month_without_year_is_the_latest_such_month() -> None:
    tq = parse_query_time("who did he meet in March", REF)
    assert tq is not None and tq.range.start == date(2023, 3, 1)


def test_a_day_without_year_is_that_day_of_the_latest_such_month() -> None:
    """ "her feb 23 call", "on March 7th", "the May 5 meeting": the day, in the latest such
    month; lower-case "may 5" is too often the verb, and a day the month lacks is the month."""
    for text, day in (
        ("what did she brief them on during her feb 23 call", date(2023, 2, 23)),
        ("who did he meet on March 7th", date(2023, 3, 7)),
        ("the May 5 meeting", date(2023, 5, 5)),
    ):
        tq = parse_query_time(text, REF)
        assert tq is not None and (tq.range.start, tq.range.end) == (day, day), text
    assert strip_time(
        "during her feb 23 call", parse_query_time("during her feb 23 call", REF)
    ) == ("during her call")
    assert parse_query_time("who may 5 people meet", REF) is None
    # after a preposition, lower-case "may" and a day are the date: "authorized on may 6?"
    may6 = parse_query_time("how big was the drawdown authorized on may 6?", REF)
    assert may6 is not None and may6.range.start == may6.range.end == date(2023, 5, 6)
    assert parse_query_time("who did she see on the March 7-9 trip", REF) is None  # no one day
    # a number joined to another by "+" names something else: the "April 2+2" dialogue
    assert parse_query_time("what did they sign at the april 2+2", REF) is None
    # after "in", the number is the year, as typed in chat ("in april 22")
    april = parse_query_time("what did the hackers do in april 22", REF)
    assert april is not None and (april.range.start, april.range.end) == (
        date(2022, 4, 1),
        date(2022, 4, 30),
    )
    feb = parse_query_time("on February 30", REF)
    assert feb is not None and (feb.range.start, feb.range.end) == (
        date(2023, 2, 1),
        date(2023, 2, 28),
    )


def test_a_part_of_a_month_asks_for_its_days() -> None:
    """ "in early March" is March 1 to 15 (a release of March 29 on a trip starting March 28 is
    not in it; one of March 20 dating a visit on March 3 still is), "mid-June 2021" the 6th to
    the 25th, "in late may" May 16 to 31 even in lower case, and the question's words keep
    none of them."""
    tq = parse_query_time("Who went into Yemen with Lenderking in early March?", REF)
    assert tq is not None and (tq.range.start, tq.range.end) == (
        date(2023, 3, 1),
        date(2023, 3, 15),
    )
    assert strip_time("Who went into Yemen with Lenderking in early March?", tq) == (
        "Who went into Yemen with Lenderking ?"
    )
    late = parse_query_time("where was she in late may", REF)
    assert late is not None and (late.range.start, late.range.end) == (
        date(2023, 5, 16),
        date(2023, 5, 31),
    )
    mid = parse_query_time("her mid-June 2021 trip", REF)
    assert mid is not None and (mid.range.start, mid.range.end) == (
        date(2021, 6, 6),
        date(2021, 6, 25),
    )
    assert mid.phrase == "mid-June 2021"
    feb = parse_query_time("in late February 2024", REF)
    assert feb is not None and feb.range.end == date(2024, 2, 29)  # a leap year's last day
    assert parse_query_time("what she may say in may", REF) is None  # still the verb


def test_relative_times_need_a_reference() -> None:
    assert parse_query_time("what happened last February", None) is None


def test_questions_without_a_time() -> None:
    assert parse_query_time("Who did Blinken meet in Seoul?", REF) is None
    assert parse_query_time("Who did he meet in may be a trap", REF) is None
    # 2+2 is a dialogue, not a year
    assert parse_query_time("Who joins the 2+2 dialogue?", REF) is None


def test_strip_time_removes_the_phrase_and_its_preposition() -> None:
    q = "Who did Blinken meet in Tokyo in November 2023?"
    assert strip_time(q, parse_query_time(q, REF)) == "Who did Blinken meet in Tokyo ?"


def test_find_dates_in_prose() -> None:
    text = (
        "Secretary Blinken will visit Tel Aviv, Amman and New Delhi from November 2 to 10, 2023. "
        "He will travel to New Delhi and Kuwait City July 26-29. On Tuesday he meets the press."
    )
    found = find_dates(text, date(2021, 7, 23))
    assert [m.text for m in found] == ["November 2 to 10, 2023", "July 26-29", "Tuesday"]
    assert found[0].range == DateRange(date(2023, 11, 2), date(2023, 11, 10))
    assert found[1].range == DateRange(date(2021, 7, 26), date(2021, 7, 29))
    assert found[2].range.start == date(2021, 7, 27)  # the first Tuesday after the reference
    for m in found:
        assert text[m.start : m.end] == m.text


def test_unplaceable_dates_are_left_out() -> None:
    # Without a document date, "July 26-29" has no year and a weekday no anchor.
    assert find_dates("He travels July 26-29, leaving on Tuesday.") == []


def test_years_are_not_taken_from_amounts() -> None:
    assert [m.text for m in find_dates("It cost $2022 million in 2021.")] == ["2021"]


def test_format_range() -> None:
    assert format_range(DateRange(date(2023, 11, 2), date(2023, 11, 10))) == "2–10 November 2023"
    assert format_range(DateRange(date(2023, 11, 1), date(2023, 11, 30))) == "November 2023"
    assert format_range(DateRange(date(2022, 1, 1), date(2022, 12, 31))) == "2022"
    assert format_range(DateRange(date(2021, 3, 10), date(2021, 3, 10))) == "10 March 2021"


def test_parse_iso() -> None:
    assert parse_iso("2022-08-03T12:00:00+00:00") == date(2022, 8, 3)
    assert parse_iso("not a date") is None
    assert parse_iso(None) is None


def test_a_yearless_day_after_since_is_in_the_past() -> None:
    """ "since July 11" in a release of June 2022 dates July 11, 2021: what has happened
    since a day can't have a day still to come; the same words without "since" look ahead."""
    published = date(2022, 6, 16)
    (since,) = find_dates("four sanctions actions enacted since July 11, and more", published)
    assert since.range.start == date(2021, 7, 11)
    (ahead,) = find_dates("the Secretary will travel on July 11", published)
    assert ahead.range.start == date(2022, 7, 11)
    (past,) = find_dates("protests ever since May 3", published)  # already past: as written
    assert past.range.start == date(2022, 5, 3)
