"""Fit the refusal model of index/compose/refusal.py (REFUSAL_WEIGHTS, REFUSAL_BIAS) on data.

Training data, kept apart from what `docbot eval` reports on:
- answerable: SQuAD 2.0 dev sample questions that have an answer, asked of a corpus made of
  the sample's paragraphs; plus our own seed and State Department development questions;
- not answerable: all 500 SQuAD questions asked of the seed corpus and of the State Department
  corpus (Wikipedia questions against press releases), plus our unanswerable dev questions.
XQuAD (reported by `docbot eval`) is then scored as held-out data.

Usage: .venv/bin/python bench/calibrate_refusal.py [--work-dir DIR] [--statedept-index DIR]
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from index.compose import answer as A  # noqa: E402
from index.compose import refusal as R  # noqa: E402
from index.config import IndexConfig  # noqa: E402
from index.embed.sbert import SentenceTransformerEmbedder  # noqa: E402
from index.errors import RebuildRequiredError  # noqa: E402
from index.evaluation.datasets import (  # noqa: E402
    load_dev_questions,
    load_xquad,
    write_xquad_corpus,
)
from index.evaluation.run import indexed_kb  # noqa: E402
from index.kb import KnowledgeBase  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared" / "data"


def features(kb, questions: list[str]) -> np.ndarray:
    snap = kb.snapshot()
    vecs = kb.embedder.embed_queries(questions)
    return np.array(
        [
            A.analyse(snap, kb.embedder, q, v).features.vector
            for q, v in zip(questions, vecs, strict=True)
        ]
    )


def fit(x: np.ndarray, y: np.ndarray, pos_weight: float, l2: float = 1e-3) -> np.ndarray:
    """Weighted, L2-regularised logistic regression by gradient descent; last entry is the bias."""
    xb = np.hstack([x, np.ones((len(x), 1))])
    w = np.zeros(xb.shape[1])
    sw = np.where(y == 1, pos_weight, 1.0)
    for _ in range(5000):
        p = 1 / (1 + np.exp(-xb @ w))
        w -= 2.0 * (xb.T @ ((p - y) * sw) / len(y) + l2 * np.r_[w[:-1], 0])
    return w


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--work-dir", type=Path, default=Path("/tmp/docbot-eval-cache"))
    ap.add_argument("--statedept-index", type=Path)
    ap.add_argument("--pos-weight", type=float, default=2.0)
    args = ap.parse_args()
    log = print
    emb = SentenceTransformerEmbedder()
    rows = [
        json.loads(x)
        for x in (SHARED / "squad2_dev_sample500" / "squad2_dev_sample500.jsonl")
        .read_text()
        .splitlines()
    ]
    contexts = list(dict.fromkeys(r["context"] for r in rows))
    squad_dir = args.work_dir / "squad-corpus"
    write_xquad_corpus([(f"Paragraph {i}", c) for i, c in enumerate(contexts)], squad_dir)
    squad_kb = indexed_kb(squad_dir, args.work_dir / "squad-index", emb, log)
    seed_kb = indexed_kb(ROOT / "docs_corpus", args.work_dir / "seed-index", emb, log)
    sd_dir = args.statedept_index or args.work_dir / "statedept-index"
    try:
        sd_kb = indexed_kb(SHARED / "statedept" / "text", sd_dir, emb, log)
    except RebuildRequiredError as exc:
        # Features barely depend on chunker details; an older index still serves to fit on.
        log(f"using {sd_dir} as it is: {exc}")
        sd_kb = KnowledgeBase(IndexConfig(SHARED / "statedept" / "text", sd_dir), embedder=emb)
    all_q = [r["question"] for r in rows]
    answerable = [r["question"] for r in rows if not r["is_impossible"]]
    parts = [
        ("squad answerable / squad corpus", features(squad_kb, answerable), 1),
        ("squad / seed corpus", features(seed_kb, all_q), 0),
        ("squad / statedept corpus", features(sd_kb, all_q), 0),
    ]
    for name, kb in (("seed", seed_kb), ("statedept", sd_kb)):
        dev = load_dev_questions(ROOT / "tests" / "questions" / f"{name}.jsonl")
        for label in (1, 0):
            qs = [q.question for q in dev if q.answerable == bool(label)]
            parts.append((f"dev {name} answerable={label}", features(kb, qs), label))
    x = np.vstack([p[1] for p in parts])
    y = np.concatenate([np.full(len(p[1]), p[2]) for p in parts])
    w = fit(x, y, args.pos_weight)
    print("REFUSAL_WEIGHTS =", tuple(round(float(v), 3) for v in w[:-1]))
    print("REFUSAL_BIAS =", round(float(w[-1]), 3))

    def answered(feats: np.ndarray) -> float:
        z = feats @ w[:-1] + w[-1]
        return float(np.mean(1 / (1 + np.exp(-z)) >= R.REFUSAL_THRESHOLD))

    for name, feats, label in parts:
        print(f"train  {name:38s} n={len(feats):4d} answered={answered(feats):.3f} (label {label})")
    print("answered share by threshold (the shipped one is REFUSAL_THRESHOLD):")
    for t in (0.2, 0.3, 0.4, 0.5, 0.6):
        shares = []
        for _, feats, _ in parts:
            p = 1 / (1 + np.exp(-(feats @ w[:-1] + w[-1])))
            shares.append(f"{np.mean(p >= t):.3f}")
        print(f"  {t:.1f}: " + "  ".join(shares))
    paragraphs, xq = load_xquad(SHARED / "xquad_en" / "xquad.en.json")
    write_xquad_corpus(paragraphs, args.work_dir / "xquad-corpus")
    xkb = indexed_kb(args.work_dir / "xquad-corpus", args.work_dir / "xquad-index", emb, log)
    questions = [q for q, _, _ in xq]
    print(f"held-out XQuAD / XQuAD corpus answered={answered(features(xkb, questions)):.3f}")
    print(f"held-out XQuAD / seed corpus  answered={answered(features(seed_kb, questions)):.3f}")
    assert not math.isnan(float(w.sum()))
    return 0


if __name__ == "__main__":
    sys.exit(main())
