"""Refusal at scale: questions about other things, asked of the 2,031-document index.

XQuAD's questions are about Wikipedia paragraphs that are not in the State Department corpus,
and so are SQuAD 2.0's; every one of them should be refused. Only the questions of the
articles held out from the refusal model's calibration are asked (index/evaluation/split.py):
the XQuAD questions of every other article, and the SQuAD 2.0 questions whose paragraph matches
one of those articles.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from index.evaluation.split import ArticleMatcher, reported
from index.kb import KnowledgeBase


def load_squad2(path: Path) -> list[tuple[str, str]]:
    """(question, paragraph) of the SQuAD 2.0 dev sample (JSON lines)."""
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            row = json.loads(line)
            out.append((str(row["question"]), str(row["context"])))
    return out


def held_out_squad2(path: Path, paragraphs: list[tuple[str, str]]) -> list[str]:
    """The SQuAD 2.0 questions whose paragraph belongs to a held-out XQuAD article."""
    match = ArticleMatcher(paragraphs)
    return [q for q, ctx in load_squad2(path) if reported(paragraphs, match.article(ctx))]


def eval_off_topic(
    kb: KnowledgeBase,
    paragraphs: list[tuple[str, str]],
    xquad: list[tuple[str, str, int]],
    squad2: Path | None,
) -> dict[str, Any]:
    """Share of off-topic questions the large index answers (it should refuse them all), on
    the articles held out from the refusal model's calibration. Only the shares are given,
    never which questions were answered: they are held out, like the held-out dev sets."""
    from index.compose.answer import answer_question

    snap = kb.snapshot()
    sets = {"xquad": [q for q, _, p in xquad if reported(paragraphs, paragraphs[p][0])]}
    if squad2 is not None and squad2.exists() and paragraphs:
        sets["squad2"] = held_out_squad2(squad2, paragraphs)
    out: dict[str, Any] = {}
    for name, questions in sets.items():
        answered = sum(answer_question(snap, kb.embedder, q).found for q in questions)
        out[name] = {"questions": len(questions), "answered": answered / max(1, len(questions))}
    return out
