"""A message asking two questions at once is read as two questions."""

from __future__ import annotations

import pytest

from index.query.compound import split_compound


@pytest.mark.parametrize(
    ("message", "parts"),
    [
        (
            "When did the partnership hold its second ministerial, and what does the US say it "
            "supports?",
            (
                "When did the partnership hold its second ministerial?",
                "What does the US say it supports?",
            ),
        ),
        (
            "when was the 7th strategic dialogue and where was it held",
            ("when was the 7th strategic dialogue?", "Where was it held?"),
        ),
        (
            "Who did Blinken meet in Seoul? And what did they discuss?",
            ("Who did Blinken meet in Seoul?", "What did they discuss?"),
        ),
    ],
)
def test_two_questions_are_split(message: str, parts: tuple[str, str]) -> None:
    assert split_compound(message) == parts


@pytest.mark.parametrize(
    "message",
    [
        "Who did Blinken and Austin host for the 2+2, and when?",  # "and when" is no question
        "when and where was the strategic dialogue",
        "What is the difference between the plan and what Russia wants?",  # one question
        "Who met the ministers and the envoys in Rome?",
        "Tell me who met and why they met",  # not a question first
    ],
)
def test_one_question_stays_whole(message: str) -> None:
    assert split_compound(message) is None
