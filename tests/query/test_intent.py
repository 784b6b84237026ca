"""The intent router on a table of phrasings: questions, summaries, timelines, document lists.

The table (tests/questions/intents.jsonl, which `docbot eval` also scores) mixes topics that
are in no corpus docbot ships (budgets, football, a museum) with travel ones, so a pass here is
about the frame of a request, not its subject. It includes messages that mention summaries,
trips or documents and must stay questions ("What did the summary of the meeting say?").
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from index.evaluation.intents import intent_accuracy, score_rows
from index.query.intent import Intent, route

TABLE_FILE = Path(__file__).parents[1] / "questions" / "intents.jsonl"
TABLE = [json.loads(line) for line in TABLE_FILE.read_text(encoding="utf-8").splitlines()]


def test_the_table_is_large_and_covers_every_intent() -> None:
    assert len(TABLE) >= 60
    assert {row["intent"] for row in TABLE} == {i.value for i in Intent}
    assert any("summary" in r["message"].lower() and r["intent"] == "question" for r in TABLE)


@pytest.mark.parametrize("row", TABLE, ids=[r["message"][:40] for r in TABLE])
def test_intent(row: dict[str, str]) -> None:
    routed = route(row["message"])
    assert routed.intent == Intent(row["intent"]), row["message"]
    if "topic" in row:
        assert routed.topic == row["topic"]


def test_a_question_keeps_its_text() -> None:
    assert route("  Who did Blinken meet in Seoul?  ").topic == "Who did Blinken meet in Seoul?"


def test_table_score_is_what_eval_reports() -> None:
    assert intent_accuracy(TABLE_FILE)["accuracy"] == 1.0
    misread = score_rows([{"message": "Summarize the trip", "intent": "question"}])
    assert misread["accuracy"] == 0.0 and misread["wrong"] == ["Summarize the trip"]
