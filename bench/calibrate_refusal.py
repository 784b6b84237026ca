"""Fit the refusal model of index/compose/refusal.py (REFUSAL_WEIGHTS, REFUSAL_BIAS, and the
REFUSAL_THRESHOLD) on the calibration half of the data.

The split is by article (index/evaluation/split.py): the XQuAD articles at even positions of
the file calibrate, the odd ones are what `docbot eval` reports; SQuAD 2.0 questions take the
side of the XQuAD article their paragraph matches. Only calibration-half questions are used:
- answerable: XQuAD questions asked of the XQuAD paragraphs; SQuAD 2.0 answerable questions
  asked of the sample's paragraphs; XQuAD questions asked of a large index (the State
  Department corpus plus the calibration articles' paragraphs: in-corpus questions at scale);
  our seed and State Department development questions (the tuning sets of tests/questions/,
  `split.TUNING_SETS`; no `heldout*.jsonl` is ever read);
- not answerable: XQuAD and SQuAD 2.0 questions asked of the seed corpus and of the
  2,031-document State Department index (off-topic at scale); our unanswerable dev questions.
Off-topic questions asked of the large index count SCALE_WEIGHT times in the fit (they are the
near misses: a release on the same topic), answerable dev questions DEV_WEIGHT times; the seed
corpus's off-corpus questions are scored but not fitted (every model refuses them; they only
pull the fit away from the boundary). The threshold is the strictest one whose in-corpus errors
on the calibration half (XQuAD questions refused, answerable dev questions refused) both stay
within IN_CORPUS_BUDGET: in-corpus answers are kept within their target with half a point to
spare, and off-topic questions are refused as far as that allows.
The held-out half is then scored, for information only: nothing is chosen on it.

Usage: .venv/bin/python bench/calibrate_refusal.py --statedept-index DIR [--whitehouse-index DIR]
[--work-dir DIR]
(DIR: an index of ../shared/data/statedept/text; it is copied, never changed.)
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from index.compose import refusal as R  # noqa: E402
from index.compose.answer import analyse  # noqa: E402
from index.config import IndexConfig  # noqa: E402
from index.embed import build_embedder  # noqa: E402
from index.evaluation.datasets import (  # noqa: E402
    load_dev_questions,
    load_xquad,
    write_whitehouse_corpus,
    write_xquad_corpus,
)
from index.evaluation.run import indexed_kb  # noqa: E402
from index.evaluation.split import (  # noqa: E402
    ArticleMatcher,
    calibration_titles,
    tuning_files,
)

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared" / "data"
DEV_WEIGHT = 10.0  # answerable dev questions: in-corpus questions of a homogeneous corpus
SCALE_WEIGHT = 3.0  # off-topic questions asked of the 2,031-document index
IN_CORPUS_BUDGET = 0.025  # in-corpus error allowed on the calibration half (target 0.03)


def features(kb, questions: list[str]) -> np.ndarray:
    """The refusal features of each question, as `ask` computes them: each question embedded
    on its own, as repaired and paraphrased (`plan_query`), not a batch of raw questions."""
    snap = kb.snapshot()
    return np.array([analyse(snap, kb.embedder, q).features.vector for q in questions]).reshape(
        len(questions), len(R.Features(0, 0, 0, 0, 0).vector)
    )


def fit(x: np.ndarray, y: np.ndarray, sw: np.ndarray, l2: float = 1e-3) -> np.ndarray:
    """Weighted, L2-regularised logistic regression by gradient descent on standardised
    features; returns the weights on the raw features, the bias last."""
    mu, sd = x.mean(0), x.std(0) + 1e-9
    xb = np.hstack([(x - mu) / sd, np.ones((len(x), 1))])
    w = np.zeros(xb.shape[1])
    for _ in range(6000):
        p = 1 / (1 + np.exp(-xb @ w))
        w -= 0.5 * (xb.T @ ((p - y) * sw) / sw.sum() + l2 * np.r_[w[:-1], 0])
    raw = w[:-1] / sd
    return np.r_[raw, w[-1] - raw @ mu]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--work-dir", type=Path, default=Path("/tmp/docbot-calibrate"))
    ap.add_argument("--statedept-index", type=Path, required=True)
    ap.add_argument("--shared", type=Path, default=SHARED)
    ap.add_argument(
        "--whitehouse-index",
        type=Path,
        help="an index of the White House travel releases `docbot eval` writes (copied)",
    )
    args = ap.parse_args()
    work, shared = args.work_dir, args.shared
    work.mkdir(parents=True, exist_ok=True)
    log = print
    emb = build_embedder(IndexConfig(ROOT / "docs_corpus", work / "seed-index"))
    paragraphs, xq = load_xquad(shared / "xquad_en" / "xquad.en.json")
    cal = calibration_titles(paragraphs)
    match = ArticleMatcher(paragraphs)
    squad_file = shared / "squad2_dev_sample500" / "squad2_dev_sample500.jsonl"
    squad_rows = [json.loads(x) for x in squad_file.read_text().splitlines() if x.strip()]
    squad_side = [match.article(r["context"]) in cal for r in squad_rows]
    contexts = list(dict.fromkeys(r["context"] for r in squad_rows))
    write_xquad_corpus(
        [(f"Paragraph {i}", c) for i, c in enumerate(contexts)], work / "squad-corpus"
    )
    write_xquad_corpus(paragraphs, work / "xquad-corpus")
    # The large index with in-corpus questions: the State Department corpus and the
    # calibration articles' paragraphs; a copy of the given index only embeds the paragraphs.
    mix = work / "mix-corpus"
    if not mix.exists():
        shutil.copytree(shared / "statedept" / "text", mix)
    write_xquad_corpus(paragraphs, mix / "wiki", cal)
    if not (work / "mix-index").exists():
        shutil.copytree(args.statedept_index, work / "mix-index")
    if not (work / "statedept-index").exists():
        shutil.copytree(args.statedept_index, work / "statedept-index")
    seed_kb = indexed_kb(ROOT / "docs_corpus", work / "seed-index", emb, log)
    xq_kb = indexed_kb(work / "xquad-corpus", work / "xquad-index", emb, log)
    squad_kb = indexed_kb(work / "squad-corpus", work / "squad-index", emb, log)
    mix_kb = indexed_kb(mix, work / "mix-index", emb, log)
    sd_kb = indexed_kb(shared / "statedept" / "text", work / "statedept-index", emb, log)
    # Dev questions about White House travel releases are asked of them, as `docbot eval` does.
    write_whitehouse_corpus(shared / "whitehouse", work / "whitehouse-corpus")
    if args.whitehouse_index and not (work / "whitehouse-index").exists():
        shutil.copytree(args.whitehouse_index, work / "whitehouse-index")
    wh_kb = indexed_kb(work / "whitehouse-corpus", work / "whitehouse-index", emb, log)

    def xq_side(calibrate: bool) -> list[str]:
        return [q for q, _, p in xq if (paragraphs[p][0] in cal) == calibrate]

    def squad_q(calibrate: bool, answerable_only: bool = False) -> list[str]:
        return [
            r["question"]
            for r, side in zip(squad_rows, squad_side, strict=True)
            if side == calibrate and not (answerable_only and r["is_impossible"])
        ]

    # (name, features, label, weight in the fit)
    parts = [
        ("xquad / xquad paragraphs", features(xq_kb, xq_side(True)), 1, 1.0),
        ("squad answerable / squad paragraphs", features(squad_kb, squad_q(True, True)), 1, 1.0),
        ("xquad / statedept + its paragraphs", features(mix_kb, xq_side(True)), 1, 1.0),
        ("xquad / seed corpus", features(seed_kb, xq_side(True)), 0, 0.0),
        ("squad / seed corpus", features(seed_kb, squad_q(True)), 0, 0.0),
        ("xquad / statedept (2,031 docs)", features(sd_kb, xq_side(True)), 0, SCALE_WEIGHT),
        ("squad / statedept (2,031 docs)", features(sd_kb, squad_q(True)), 0, SCALE_WEIGHT),
    ]
    # The tuning sets only (tuning_files refuses a held-out one): the seed corpus's questions
    # asked of it, the others of the State Department index or, for those about White House
    # releases ("corpus": "whitehouse"), of those.
    tuning = tuning_files(ROOT / "tests" / "questions")
    seed_files = [f for f in tuning if f.name == "seed.jsonl"]
    sd_files = [f for f in tuning if f.name != "seed.jsonl"]
    for kb, files, corpus in (
        (seed_kb, seed_files, "statedept"),
        (sd_kb, sd_files, "statedept"),
        (wh_kb, sd_files, "whitehouse"),
    ):
        dev = [q for f in files for q in load_dev_questions(f)]
        # Questions, not follow-ups, summaries or timelines.
        dev = [q for q in dev if not q.after and not q.reply and q.corpus == corpus]
        for label in (1, 0):
            qs = [q.question for q in dev if q.answerable == bool(label)]
            name = f"dev {'+'.join(f.stem for f in files)} {corpus} answerable={label}"
            parts.append((name, features(kb, qs), label, DEV_WEIGHT if label else 1.0))
    fitted = [p for p in parts if p[3] > 0]
    x = np.vstack([p[1] for p in fitted])
    y = np.concatenate([np.full(len(p[1]), p[2]) for p in fitted]).astype(float)
    sw = np.concatenate([np.full(len(p[1]), p[3]) for p in fitted])
    w = fit(x, y, sw)

    def prob(feats: np.ndarray) -> np.ndarray:
        return 1 / (1 + np.exp(-(feats @ w[:-1] + w[-1])))

    # The threshold: the strictest whose in-corpus errors on the calibration half (XQuAD
    # questions refused, answerable dev questions refused) stay within IN_CORPUS_BUDGET.
    pos = parts[0][1]
    dev_pos = np.vstack([p[1] for p in parts if p[0].startswith("dev") and p[2]])
    grid = np.round(np.arange(0.3, 0.951, 0.005), 3)
    within = [
        t
        for t in grid
        if max(np.mean(prob(pos) < t), np.mean(prob(dev_pos) < t)) <= IN_CORPUS_BUDGET
    ]
    threshold = float(max(within, default=grid[0]))
    print("REFUSAL_WEIGHTS = (" + ", ".join(f"{v:.3f}" for v in w[:-1]) + ")")
    print(f"REFUSAL_BIAS = {w[-1]:.3f}")
    print(f"REFUSAL_THRESHOLD = {threshold}")
    for name, feats, label, _ in parts:
        share = float(np.mean(prob(feats) >= threshold)) if len(feats) else float("nan")
        print(f"calibration  {name:40s} n={len(feats):4d} answered={share:.3f} (label {label})")
    print("held out (information only):")
    for name, kb, qs in (
        ("xquad / xquad paragraphs", xq_kb, xq_side(False)),
        ("xquad / statedept (2,031 docs)", sd_kb, xq_side(False)),
        ("squad / statedept (2,031 docs)", sd_kb, squad_q(False)),
    ):
        share = float(np.mean(prob(features(kb, qs)) >= threshold))
        print(f"held out     {name:40s} n={len(qs):4d} answered={share:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
