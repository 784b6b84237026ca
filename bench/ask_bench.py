"""`ask` in process on a built index: this tree against another, and whether answers changed.

Each variant runs in a child process with its own source tree on PYTHONPATH (bench/trees.py),
over the same index, opened read-only: it loads the knowledge base and the model (not timed),
answers one question to warm up, then answers the question pool `--passes` times, timing each
`answer_question` (wall and CPU time of the process). The pool is `docbot eval`'s latency pool:
the State Department dev questions, then XQuAD questions, 200 in all. Variants alternate for
`--rounds`, so machine noise falls on both alike. The first pass of a process is reported apart
from the later ones: caches that keep what earlier questions analysed help the later passes,
and `docbot eval` times a single pass.

With `--check`, each variant also answers a larger set once (every dev question and every
XQuAD question) and prints a digest of the replies (kind, text, citations with their scores,
highlights, suggestions): a speed change must leave it equal.

Usage:
    git archive 2ab837c | tar -x -C /tmp/before   # the tree to compare against
    python -m bench.ask_bench --index /tmp/final-sd --corpus ../shared/data/statedept \
        --baseline-src /tmp/before [--rounds 2] [--passes 2] [--check]
"""

from __future__ import annotations

import argparse
import hashlib
import statistics
import time
from pathlib import Path

QUESTIONS = Path(__file__).resolve().parents[1] / "tests" / "questions"
XQUAD = Path(__file__).resolve().parents[2] / "shared" / "data" / "xquad_en" / "xquad.en.json"
POOL = 200  # docbot eval's latency pool


def _pool(check: bool) -> list[str]:
    """docbot eval's latency pool; with `check`, every dev and XQuAD question."""
    from index.evaluation.datasets import load_dev_questions, load_xquad

    names = ["statedept.jsonl", "statedept_more.jsonl"]
    if check:
        names += ["heldout.jsonl", "heldout2.jsonl", "seed.jsonl"]
    dev = [
        q.question
        for n in names
        if (QUESTIONS / n).exists()
        for q in load_dev_questions(QUESTIONS / n)
    ]
    xquad = [q for q, _, _ in load_xquad(XQUAD)[1]] if XQUAD.exists() else []
    pool = dev + xquad
    return pool if check else pool[:POOL]


def _digest(replies: list) -> str:  # type: ignore[type-arg]
    """Everything a user sees of the replies, hashed (latency left out)."""
    h = hashlib.sha256()
    for r in replies:
        cites = [(c.n, c.ref.doc_id, c.start, c.end, c.score) for c in r.citations]
        h.update(repr((str(r.kind), r.text, cites, r.highlights, r.suggestions)).encode())
    return h.hexdigest()[:16]


def child(index_dir: Path, corpus: Path, passes: int, check: bool) -> None:
    """Runs with the variant's tree first on sys.path; prints one JSON line."""
    import json

    import index
    from index.compose.answer import answer_question
    from index.config import IndexConfig
    from index.kb import KnowledgeBase

    kb = KnowledgeBase(IndexConfig(corpus, index_dir))
    snap = kb.snapshot()
    pool = _pool(False)
    answer_question(snap, kb.embedder, pool[0])  # the model and the gazetteer load here
    wall: list[list[float]] = []
    cpu: list[float] = []
    for _ in range(passes):
        times = []
        c0 = time.process_time()
        for q in pool:
            t0 = time.perf_counter()
            answer_question(snap, kb.embedder, q)
            times.append((time.perf_counter() - t0) * 1000)
        cpu.append((time.process_time() - c0) * 1000 / len(pool))
        wall.append(times)
    result: dict[str, object] = {"wall": wall, "cpu": cpu, "src": index.__file__}
    if check:
        big = _pool(True)
        result["digest"] = _digest([answer_question(snap, kb.embedder, q) for q in big])
        result["checked"] = len(big)
    print(json.dumps(result), flush=True)


def main() -> None:
    # Imported here: a child loads this file inside the other tree, which may lack them.
    from bench.machine import print_table
    from bench.trees import run_child

    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--index", type=Path, required=True, help="a built index (read only)")
    parser.add_argument("--corpus", type=Path, required=True, help="its corpus folder")
    parser.add_argument("--baseline-src", type=Path, required=True)
    parser.add_argument("--rounds", type=int, default=2, help="alternations of the variants")
    parser.add_argument("--passes", type=int, default=2, help="passes over the pool per child")
    parser.add_argument("--check", action="store_true", help="also compare the answers")
    args = parser.parse_args()

    this = Path(__file__).resolve().parents[1]
    variants = {"before": args.baseline_src.resolve(), "after": this}
    first: dict[str, list[float]] = {v: [] for v in variants}  # p50 of each first pass
    later: dict[str, list[float]] = {v: [] for v in variants}  # p50 of each later pass
    cpu_first: dict[str, list[float]] = {v: [] for v in variants}
    cpu_later: dict[str, list[float]] = {v: [] for v in variants}
    digests: dict[str, set[str]] = {v: set() for v in variants}
    checked = 0
    for r in range(args.rounds):
        for name, src in variants.items():
            call = (
                f"child(Path({str(args.index)!r}), Path({str(args.corpus)!r}), "
                f"{args.passes}, {bool(args.check and r == 0)})"
            )
            res = run_child(src, Path(__file__), call)
            p50s = [statistics.median(t) for t in res["wall"]]
            first[name].append(p50s[0])
            later[name].extend(p50s[1:])
            cpu_first[name].append(res["cpu"][0])
            cpu_later[name].extend(res["cpu"][1:])
            if "digest" in res:
                digests[name].add(res["digest"])
                checked = res["checked"]

    def fig(values: dict[str, list[float]], name: str) -> str:
        v = values[name]
        if not v:
            return "-"
        return f"{statistics.median(v):.1f} ms ({min(v):.1f}-{max(v):.1f})"

    def ratio(values: dict[str, list[float]]) -> str:
        if not values["before"] or not values["after"]:
            return ""
        return f"{statistics.median(values['after']) / statistics.median(values['before']):.2f}x"

    rows = []
    for label, values in (
        ("p50, first pass of each process", first),
        ("p50, later passes", later),
        ("CPU per ask, first pass", cpu_first),
        ("CPU per ask, later passes", cpu_later),
    ):
        rows.append(
            (
                f"{label}: before / after (median of passes, range)",
                f"{fig(values, 'before')} / {fig(values, 'after')}",
                ratio(values),
            )
        )
    if args.check:
        same = digests["before"] == digests["after"] and len(digests["after"]) == 1
        rows.append(
            (
                f"answers to {checked} questions identical",
                f"{'yes' if same else 'NO'} ({', '.join(sorted(digests['after']))})",
                "",
            )
        )
    print_table(
        f"`ask` in process, {POOL} questions, {args.rounds} rounds x {args.passes} passes: "
        f"{args.index}",
        rows,
    )


if __name__ == "__main__":
    main()
