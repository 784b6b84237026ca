"""The command line: the JSON that scripts read keeps its fields, and `docbot eval` parses."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bot.cli import build_parser, main

ROOT = Path(__file__).resolve().parents[2]
ANSWER_FIELDS = {
    "question",
    "answer",
    "found",
    "citations",
    "highlights",
    "latency_ms",
    "suggestions",
}
SUMMARY_FIELDS = {"topic", "summary", "found", "citations", "highlights", "latency_ms", "kind"}
CITATION_FIELDS = {
    "n",
    "doc_id",
    "path",
    "title",
    "date",
    "source",
    "url",
    "passage",
    "start",
    "end",
    "score",
    "passage_start",
    "passage_end",
}


@pytest.fixture
def seed_env(seed_kb, monkeypatch):
    monkeypatch.setenv("DOCBOT_CORPUS", str(seed_kb.corpus))
    monkeypatch.setenv("DOCBOT_INDEX_DIR", str(seed_kb.index_dir))
    return seed_kb


def _json_of(capsys, *argv: str) -> object:
    assert main(list(argv)) == 0
    return json.loads(capsys.readouterr().out)


def test_ask_json_keeps_every_field(seed_env, capsys) -> None:
    out = _json_of(capsys, "ask", "Who did Blinken meet in Seoul?", "--json")
    assert isinstance(out, dict) and set(out) >= ANSWER_FIELDS
    assert out["found"] is True and out["reply"] == "answer"
    assert out["citations"] and all(set(c) >= CITATION_FIELDS for c in out["citations"])
    text = seed_env.document_text(out["citations"][0]["doc_id"])
    c = out["citations"][0]
    assert c["passage"] == text[c["passage_start"] : c["passage_end"]]
    assert all(len(h) == 2 for h in out["highlights"])


def test_a_refusal_is_an_answer_that_was_not_found(seed_env, capsys) -> None:
    out = _json_of(capsys, "ask", "What is the boiling point of mercury?", "--json")
    assert set(out) >= ANSWER_FIELDS  # type: ignore[arg-type]
    assert out["found"] is False and out["citations"] == [] and out["reply"] == "refusal"  # type: ignore[index]


@pytest.mark.parametrize(
    ("message", "kind"),
    [
        ("Who did Blinken meet in Seoul?", "answer"),
        ("Summarize the November 2023 trip", "summary"),
        ("Where did Blinken travel in 2023?", "timeline"),
        ("What documents do you have?", "sources"),
        ("What is the boiling point of mercury?", "refusal"),
    ],
)
def test_ask_routes_by_intent_and_says_the_kind(seed_env, capsys, message, kind) -> None:
    out = _json_of(capsys, "ask", message, "--json")
    assert isinstance(out, dict) and set(out) >= ANSWER_FIELDS
    assert out["kind"] == kind and out["reply"] == kind


def test_trips_json(seed_env, capsys) -> None:
    out = _json_of(capsys, "trips", "Blinken in 2021", "--json")
    assert isinstance(out, dict) and out["kind"] == "timeline"
    assert [c["path"] for c in out["citations"]] == [
        "aljazeera-blinken-austin-visit-japan-south-korea.txt"
    ]
    assert out["answer"].startswith("17 March 2021") or "March 2021" in out["answer"]


def test_summary_json_keeps_every_field(seed_env, capsys) -> None:
    out = _json_of(capsys, "summary", "the November 2023 trip", "--json")
    assert isinstance(out, dict) and set(out) >= SUMMARY_FIELDS
    assert out["found"] is True and out["kind"] == "trip" and out["reply"] == "summary"
    assert all(set(c) >= CITATION_FIELDS for c in out["citations"])


def test_eval_options_parse_as_the_readme_shows() -> None:
    args = build_parser().parse_args(
        ["eval", "--skip", "bbc", "--skip", "statedept", "--variants", "--torch-threads", "1"]
    )
    assert args.skip == ["bbc", "statedept"] and args.variants and args.torch_threads == 1
    with pytest.raises(SystemExit):
        build_parser().parse_args(["eval", "--skip", "everything"])


def test_eval_runs_what_it_is_given(tmp_path, capsys) -> None:
    questions = tmp_path / "questions"
    questions.mkdir()
    (questions / "seed.jsonl").write_text(
        json.dumps({"question": "Who did Blinken meet in Seoul?", "expect_any": ["Chung"]})
        + "\n"
        + json.dumps({"question": "What is the boiling point of mercury?", "answerable": False})
        + "\n"
    )
    out = _json_of(
        capsys,
        "eval",
        *("--skip", "xquad", "--skip", "statedept", "--skip", "bbc", "--skip", "refusal"),
        *("--seed-corpus", str(ROOT / "docs_corpus"), "--questions", str(questions)),
        *("--work-dir", str(tmp_path / "work"), "--json"),
    )
    assert isinstance(out, dict) and set(out) == {"machine", "dev_seed"}
    assert out["dev_seed"]["in_corpus"] == 1 and out["dev_seed"]["off_corpus"] == 1
    assert out["dev_seed"]["refused_when_unanswerable"] == 1.0
