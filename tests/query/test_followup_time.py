"""A follow-up keeps the time of the question it follows, unless it names a new one."""

from __future__ import annotations

from datetime import date

import pytest

from index.query.followup import ChatContext, read_followup, swap_detail

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


def test_relative_time_is_read_against_the_reference() -> None:
    swapped = swap_detail(NOV, "last year", date(2023, 11, 20))
    assert swapped == "Who did Blinken meet in Seoul last year?"
