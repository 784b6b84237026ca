"""What the refusal model's sentence feature (`joint_share`) costs a question.

    python -m bench.refusal_bench --corpus ../shared/data/statedept/text --index-dir DIR \
        --questions tests/questions --xquad ../shared/data/xquad_en/xquad.en.json

The questions are `docbot eval`'s latency pool (the State Department dev questions, then
XQuAD's). After one warm-up, for each question `joint_share` alone is timed 5 times, and
`ask` (answer_question) --repeats times with the feature and --repeats times with it replaced
by its value looked up (the baseline: the same decisions and answers without the work,
interleaved question by question so both see the same load). The table gives medians over
questions of each one's median.
"""

from __future__ import annotations

import argparse
import statistics
import time
from functools import partial
from pathlib import Path
from unittest import mock

from bench.machine import print_table
from index.compose import refusal
from index.compose.answer import analyse, answer_question
from index.config import IndexConfig
from index.evaluation.datasets import load_dev_questions, load_xquad
from index.kb import KnowledgeBase


def _median_ms(fn, repeats: int) -> float:
    times = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return 1000 * statistics.median(times)


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("--corpus", type=Path, required=True)
    p.add_argument("--index-dir", type=Path, required=True)
    p.add_argument("--questions", type=Path, default=Path("tests/questions"))
    p.add_argument("--xquad", type=Path, required=True)
    p.add_argument("--count", type=int, default=200)
    p.add_argument("--repeats", type=int, default=3)
    args = p.parse_args()
    kb = KnowledgeBase(IndexConfig(args.corpus, args.index_dir))
    snap, emb = kb.snapshot(), kb.embedder
    pool = [
        q.question
        for name in ("statedept.jsonl", "statedept_more.jsonl")
        for q in load_dev_questions(args.questions / name)
    ]
    pool += [q for q, _, _ in load_xquad(args.xquad)[1]]
    pool = pool[: args.count]
    answer_question(snap, emb, pool[0])  # warm-up: model, caches
    own, ask_with, ask_without = [], [], []
    for q in pool:
        an = analyse(snap, emb, q)
        head = an.plan.head
        weights = [t for t in an.plan.weights if t != head]
        words = weights + [t for t in an.plan.unknown if t != head]
        own.append(_median_ms(partial(refusal.joint_share, snap, an.plan, words, an.sentences), 5))
        ask = partial(answer_question, snap, emb, q)
        ask_with.append(_median_ms(ask, args.repeats))
        value = an.features.joint_share  # the baseline decides alike, without computing it
        with mock.patch.object(refusal, "joint_share", lambda *a, v=value: v):
            ask_without.append(_median_ms(ask, args.repeats))
    print_table(
        f"Refusal's sentence feature, {len(snap.docs)} documents, {len(pool)} questions "
        f"x {args.repeats}",
        [
            ("joint_share alone, median (ms)", f"{statistics.median(own):.3f}", ""),
            ("joint_share alone, slowest (ms)", f"{max(own):.3f}", ""),
            ("ask p50 with it (ms)", f"{statistics.median(ask_with):.1f}", ""),
            ("ask p50, the feature looked up (ms)", f"{statistics.median(ask_without):.1f}", ""),
        ],
    )


if __name__ == "__main__":
    main()
