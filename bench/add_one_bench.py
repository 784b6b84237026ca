"""Add one document to, and delete it from, a built index, in process: this tree against another.

Each variant runs in a child process with its own source tree on PYTHONPATH, on its own copy
of the index and corpus: it loads the knowledge base and model (not timed), then `--repeat`
times runs a no-op sync, adds one document and syncs, deletes it and syncs (each timed). Variants
alternate, so machine noise falls on both alike. Whole-process figures (imports, model load)
are index_bench.py's.

Usage:
    git archive 5673e17 | tar -x -C /tmp/before   # the tree to compare against
    python -m bench.add_one_bench --index IDX --corpus DOCS --baseline-src /tmp/before
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import time
from pathlib import Path

from bench.machine import print_table
from bench.trees import run_child

NEW_DOC = (
    "Title: Secretary's Call with a Counterpart\nPublished: 2022-03-15\n\n"
    "The Secretary spoke today with the Foreign Minister of Lithuania about grain exports, "
    "energy security and support for refugees arriving in Vilnius. They agreed to meet again "
    "at the ministerial in Brussels next month."
)


def child(index_dir: Path, corpus: Path, repeat: int) -> None:
    """Runs with the variant's tree first on sys.path; prints one JSON line."""
    import index
    from index.config import IndexConfig
    from index.kb import KnowledgeBase

    kb = KnowledgeBase(IndexConfig(corpus, index_dir))
    kb.sync()  # settles the index (an upgrade rebuilds once here)
    kb.embedder.embed_passages(["Warm up."], [[(0, 9)]])  # the model loads here, not timed
    noop, add, delete = [], [], []
    for i in range(repeat):
        t0 = time.perf_counter()
        kb.sync()
        noop.append(time.perf_counter() - t0)
        path = corpus / f"bench-added-{i}.txt"
        path.write_text(NEW_DOC.replace("today", f"on day {i}"), encoding="utf-8")
        t0 = time.perf_counter()
        report = kb.sync()
        add.append(time.perf_counter() - t0)
        assert report.added == 1, report
        path.unlink()
        t0 = time.perf_counter()
        report = kb.sync()
        delete.append(time.perf_counter() - t0)
        assert report.removed == 1, report
    result = {"noop": noop, "add": add, "delete": delete, "src": index.__file__}
    print(json.dumps(result), flush=True)


def _run(src: Path, work: Path, repeat: int) -> dict[str, list[float]]:
    """One child's timings; it must have imported `index` from `src`."""
    call = f"child(Path({str(work / 'index')!r}), Path({str(work / 'corpus')!r}), {repeat})"
    return run_child(src, Path(__file__), call)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--index", type=Path, required=True, help="a built index to copy")
    parser.add_argument("--corpus", type=Path, required=True, help="its corpus folder")
    parser.add_argument("--baseline-src", type=Path, required=True)
    parser.add_argument("--work", type=Path, default=Path("/tmp/docbot-add-one"))
    parser.add_argument("--rounds", type=int, default=2, help="alternations of the variants")
    parser.add_argument("--repeat", type=int, default=3, help="add/delete pairs per round")
    args = parser.parse_args()

    this = Path(__file__).resolve().parents[1]
    variants = {"before": args.baseline_src.resolve(), "after": this}
    results: dict[str, dict[str, list[float]]] = {v: {} for v in variants}
    for name in variants:
        work = args.work / name
        shutil.rmtree(work, ignore_errors=True)
        shutil.copytree(args.index, work / "index", ignore=shutil.ignore_patterns("*.lock*"))
        shutil.copytree(args.corpus, work / "corpus")
    for _ in range(args.rounds):
        for name, src in variants.items():
            for key, values in _run(src, args.work / name, args.repeat).items():
                results[name].setdefault(key, []).extend(values)

    def med(name: str, key: str) -> str:
        return f"{statistics.median(results[name][key]):.2f} s"

    n = args.rounds * args.repeat
    rows = [
        (
            f"{key} (median of {n}), before / after",
            f"{med('before', key)} / {med('after', key)}",
            "",
        )
        for key in ("noop", "add", "delete")
    ]
    print_table(f"add one document in process: {args.corpus}", rows)


if __name__ == "__main__":
    main()
