""" "did he say ...?" is read about the person the last question named: its first run of
capitalised words that names no place, month, acronym or country's adjective."""

from __future__ import annotations

import pytest

from index.query.followup import subject


@pytest.mark.parametrize(
    ("question", "person"),
    [
        ("What did Counselor Chollet discuss in Kabul?", "Counselor Chollet"),
        ("Where did Blinken's New York trip go?", "Blinken"),
        ("Which North Korean launches did Envoy Mara Holt discuss on Monday?", "Envoy Mara Holt"),
        ("Why did the Japanese minister call Ravi Tan?", "Ravi Tan"),
        ("What did the minister say in November?", None),
    ],
)
def test_the_subject_is_the_first_name_of_a_person(question: str, person: str | None) -> None:
    assert subject(question) == person
