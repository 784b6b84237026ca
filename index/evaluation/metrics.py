"""Measures: percentiles, and whether a reply meets a development question's expectations."""

from __future__ import annotations

from index.evaluation.datasets import DevQuestion
from index.types import Reply


def percentile(values: list[float], q: float) -> float:
    """The q-th percentile (0-100) by linear interpolation."""
    if not values:
        return float("nan")
    s = sorted(values)
    k = (len(s) - 1) * q / 100
    lo, hi = int(k), min(int(k) + 1, len(s) - 1)
    return s[lo] + (s[hi] - s[lo]) * (k - lo)


def dev_answer_ok(q: DevQuestion, answer: Reply) -> bool:
    """Whether a reply meets a development question's expectations."""
    if not q.answerable:
        return not answer.found
    text = answer.text.lower()
    paths = " ".join(c.path for c in answer.citations)
    if q.reply is not None and answer.kind.value != q.reply:
        return False
    return (
        answer.found
        and all(e.lower() in text for e in q.expect)
        and (not q.expect_any or any(e.lower() in text for e in q.expect_any))
        and not any(f.lower() in text for f in q.forbid)
        and all(d in paths for d in q.docs)
    )
