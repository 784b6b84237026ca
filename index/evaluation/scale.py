"""Refusal at scale: questions about other things, asked of the 2,031-document index.

XQuAD's questions are about Wikipedia paragraphs that are not in the State Department corpus,
and so are SQuAD 2.0's; every one of them should be refused. XQuAD is held out from the refusal
model's calibration; SQuAD 2.0 questions were used to fit it, so they are reported apart.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from index.kb import KnowledgeBase


def load_squad2_questions(path: Path) -> list[str]:
    """The questions of the SQuAD 2.0 dev sample (JSON lines with a "question" field)."""
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            out.append(str(json.loads(line)["question"]))
    return out


def eval_off_topic(
    kb: KnowledgeBase, xquad: list[tuple[str, str, int]], squad2: Path | None
) -> dict[str, Any]:
    """Share of off-topic questions the large index answers (it should refuse them all)."""
    from index.compose.answer import answer_question

    snap = kb.snapshot()
    sets = {"xquad": [q for q, _, _ in xquad]}
    if squad2 is not None and squad2.exists():
        sets["squad2"] = load_squad2_questions(squad2)
    out: dict[str, Any] = {}
    for name, questions in sets.items():
        answered = [q for q in questions if answer_question(snap, kb.embedder, q).found]
        out[name] = {
            "questions": len(questions),
            "answered": len(answered) / max(1, len(questions)),
            "examples": answered[:10],
        }
    return out
