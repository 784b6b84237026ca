"""The intent table: how often `route` reads a message as the table says."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from index.query.intent import Intent, route


def score_rows(rows: list[dict[str, str]]) -> dict[str, Any]:
    """Accuracy over rows of {"message", "intent"[, "topic"]}, with the misread messages."""
    wrong = []
    for row in rows:
        routed = route(row["message"])
        ok = routed.intent == Intent(row["intent"]) and routed.topic == row.get(
            "topic", routed.topic
        )
        if not ok:
            wrong.append(row["message"])
    return {"phrasings": len(rows), "accuracy": 1 - len(wrong) / max(1, len(rows)), "wrong": wrong}


def intent_accuracy(path: Path) -> dict[str, Any]:
    """Score the table at `path` (JSON lines)."""
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]
    return score_rows(rows)
