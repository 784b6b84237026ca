"""The calibration / report split of the evaluation data: by article, never by question."""

from __future__ import annotations

from pathlib import Path

import pytest

from index.evaluation.datasets import load_xquad
from index.evaluation.report import format_table
from index.evaluation.split import (
    TUNING_SETS,
    ArticleMatcher,
    calibration_titles,
    held_out_set,
    reported,
    tuning_files,
)

XQUAD = Path(__file__).resolve().parents[3] / "shared" / "data" / "xquad_en" / "xquad.en.json"
QUESTIONS = Path(__file__).resolve().parents[1] / "questions"

PARAGRAPHS = [
    ("Rivers", "The Rhine flows from the Alps to the North Sea through Basel and Cologne."),
    ("Rivers", "Barges carry coal and grain on the Rhine past Cologne."),
    ("Oxygen", "Oxygen is a chemical element; Lavoisier named it in 1777."),
    ("Football", "The Broncos beat the Panthers in Super Bowl 50 at Levi's Stadium."),
    ("Chemistry", "Scheele and Priestley isolated oxygen gas in the 1770s."),
]


def test_every_other_article_calibrates() -> None:
    assert calibration_titles(PARAGRAPHS) == {"Rivers", "Football"}
    assert reported(PARAGRAPHS, "Oxygen") and reported(PARAGRAPHS, "Chemistry")
    assert not reported(PARAGRAPHS, "Rivers")


def test_a_paragraph_finds_its_article() -> None:
    match = ArticleMatcher(PARAGRAPHS)
    assert match.article("Cologne lies on the Rhine, and barges pass it.") == "Rivers"
    assert match.article("Lavoisier gave oxygen its name.") == "Oxygen"


def test_xquad_paragraphs_find_their_own_article() -> None:
    if not XQUAD.exists():
        pytest.skip("../shared/data/xquad_en is not available")
    paragraphs, questions = load_xquad(XQUAD)
    titles = list(dict.fromkeys(t for t, _ in paragraphs))
    assert len(titles) == 48 and len(calibration_titles(paragraphs)) == 24
    match = ArticleMatcher(paragraphs)
    assert sum(match.article(c) == t for t, c in paragraphs) >= 0.95 * len(paragraphs)
    held = [q for q in questions if reported(paragraphs, paragraphs[q[2]][0])]
    assert 0.4 * len(questions) < len(held) < 0.6 * len(questions)


def test_the_table_says_what_is_held_out() -> None:
    x = {
        "questions": 1190,
        "held_out_questions": 578,
        "retrieval": {"hybrid (shipped)": {"recall@1": 0.96, "recall@5": 0.99}},
        "answer_chars_mean": 380.0,
    }
    for key in ("answer_contains_gold", "first_sentence_contains_gold", "wrongly_refused"):
        x[key] = x[key + "_all"] = 0.5
    table = format_table(
        {
            "machine": {"cpu": "test"},
            "xquad": x,
            "off_topic_at_scale": {"xquad": {"questions": 578, "answered": 0.02}},
        }
    )
    assert "XQuAD answer contains gold (held-out half, 578 q)" in table
    assert "off-topic xquad answered (2,031 docs; held-out half, 578 q)" in table


def test_no_held_out_question_set_calibrates() -> None:
    """The refusal fit (bench/calibrate_refusal.py) reads the tuning sets only: every
    heldout*.jsonl there is now, and any added later, is scored and never fitted."""
    tuning = tuning_files(QUESTIONS)
    assert [f.name for f in tuning] == list(TUNING_SETS)
    held = sorted(f.name for f in QUESTIONS.glob("*.jsonl") if held_out_set(f.name))
    assert len(held) >= 4  # heldout.jsonl .. heldout4.jsonl
    assert not set(held) & {f.name for f in tuning}
    assert held_out_set("heldout.jsonl") and held_out_set("tests/questions/heldout5.jsonl")
    assert not held_out_set("statedept_more.jsonl") and not held_out_set("seed.jsonl")


def test_a_held_out_set_is_refused_as_a_tuning_set(tmp_path) -> None:
    for name in ("seed.jsonl", "tune5.jsonl", "heldout5.jsonl"):
        (tmp_path / name).write_text('{"question": "Who?"}\n', encoding="utf-8")
    assert tuning_files(tmp_path, ["seed.jsonl", "tune5.jsonl", "absent.jsonl"]) == [
        tmp_path / "seed.jsonl",
        tmp_path / "tune5.jsonl",
    ]
    with pytest.raises(ValueError, match="heldout5.jsonl"):
        tuning_files(tmp_path, ["seed.jsonl", "heldout5.jsonl"])
