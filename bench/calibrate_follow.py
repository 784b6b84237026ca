"""Calibrate the follow-alert thresholds (index/query/topics.py) on the State Department releases.

A release whose title names the topic matches by rule (see index/query/topics.py); the
threshold decides the rest, the releases that name the topic only in their text. Labels for
those, derived from the data rather than written by hand:
- topics are the places named in release titles (found by the gazetteer), each named in the
  titles of at least `--min-titles` releases of the sample;
- among releases whose title does not name the topic, one whose text names it three times or
  more is *about* it: a positive;
- one whose text names it exactly once is not (an alert for it would be noise): a negative;
- twice is left out as ambiguous, and releases that never name it fail the coverage gate.

Topics are split in two halves by a hash of their name: thresholds are picked on one half
(F0.5: precision counts twice, an unwanted alert costs more than a missed one) and reported
on the other, held out.

    .venv/bin/python bench/calibrate_follow.py [--statedept ../shared/data/statedept/text]
"""

from __future__ import annotations

import argparse
import hashlib
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.machine import print_table  # noqa: E402
from index.config import IndexConfig  # noqa: E402
from index.kb import KnowledgeBase  # noqa: E402
from index.query.plan import plan_query  # noqa: E402
from index.query.topics import MIN_COVERAGE, topic_scores  # noqa: E402
from index.text.places import gazetteer  # noqa: E402


def sample(statedept: Path, every: int) -> list[Path]:
    files = sorted(statedept.rglob("*.txt"))
    return files[::every]


def labelled_pairs(kb: KnowledgeBase, min_titles: int) -> list[tuple[str, float, float, int]]:
    """(topic, score, coverage, label) for every (topic, release) pair with a label."""
    snap = kb.snapshot()
    places = gazetteer()
    topics: dict[str, int] = {}
    for info in snap.docs.values():
        for name in {m.text for m in places.find(info.title)}:
            topics[name] = topics.get(name, 0) + 1
    chosen = sorted(t for t, n in topics.items() if n >= min_titles and len(t) > 3)
    pairs = []
    ids = list(snap.docs)
    for topic in chosen:
        plan = plan_query(snap, kb.embedder, topic)
        low = topic.lower()
        for m in topic_scores(snap, kb.embedder, topic, ids, plan=plan):
            info = snap.docs[m.doc_id]
            if low in info.title.lower() or m.title_coverage >= MIN_COVERAGE:
                continue  # matched by the title rule, whatever the threshold
            mentions = snap.text(m.doc_id).lower().count(low)
            if mentions >= 3:
                label = 1
            elif mentions == 1:
                label = 0
            else:
                continue
            pairs.append((topic, m.score, m.coverage, label))
    return pairs


def scores(pairs: list[tuple[str, float, float, int]], t: float, c: float) -> tuple[float, ...]:
    tp = sum(1 for _, s, cov, y in pairs if y and s >= t and cov >= c)
    fp = sum(1 for _, s, cov, y in pairs if not y and s >= t and cov >= c)
    fn = sum(1 for _, s, cov, y in pairs if y and not (s >= t and cov >= c))
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f05 = 1.25 * p * r / (0.25 * p + r) if p + r else 0.0
    return p, r, f05


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument(
        "--statedept", type=Path, default=ROOT.parent / "shared/data/statedept/text"
    )
    parser.add_argument("--work", type=Path, default=Path("/tmp/docbot-follow-calibration"))
    parser.add_argument("--every", type=int, default=6, help="take every n-th release")
    parser.add_argument("--min-titles", type=int, default=3)
    args = parser.parse_args()
    if not args.statedept.is_dir():
        print(f"{args.statedept} is missing: nothing to calibrate on.")
        return 1
    corpus = args.work / "corpus"
    files = sample(args.statedept, args.every)
    if not corpus.is_dir() or len(list(corpus.iterdir())) != len(files):
        shutil.rmtree(corpus, ignore_errors=True)
        corpus.mkdir(parents=True)
        for f in files:
            shutil.copy(f, corpus / f.name)
    kb = KnowledgeBase(IndexConfig(corpus, args.work / "index"))
    kb.sync()
    pairs = labelled_pairs(kb, args.min_titles)

    def half(topic: str) -> int:
        return hashlib.sha1(topic.encode()).digest()[0] % 2

    fit = [p for p in pairs if half(p[0]) == 0]
    held = [p for p in pairs if half(p[0]) == 1]
    grid = [round(0.10 + 0.02 * i, 2) for i in range(31)]
    best = max(((scores(fit, t, MIN_COVERAGE)[2], t) for t in grid), key=lambda x: x[0])
    t = best[1]
    rows = []
    for name, part in (("fit half", fit), ("held-out half", held)):
        topics = len({p[0] for p in part})
        pos = sum(p[3] for p in part)
        p, r, f = scores(part, t, MIN_COVERAGE)
        rows.append(
            (
                f"{name}: {topics} topics, {pos} positives, {len(part) - pos} negatives",
                f"precision {p:.3f}, recall {r:.3f}, F0.5 {f:.3f}",
                f"threshold {t}, coverage ≥ {MIN_COVERAGE}",
            )
        )
    for t2 in (t - 0.06, t - 0.03, t + 0.03, t + 0.06):
        p, r, f = scores(held, t2, MIN_COVERAGE)
        rows.append((f"held-out at threshold {t2:.2f}", f"P {p:.3f} R {r:.3f} F0.5 {f:.3f}", ""))
    print_table(f"Follow-alert calibration ({len(files)} State Department releases)", rows)
    return 0


if __name__ == "__main__":
    sys.exit(main())
