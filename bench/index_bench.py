"""Index benchmark: full build, no-op reindex, adding one document, search latency.

Usage: python bench/index_bench.py --corpus ../shared/data/statedept/text [--queries N]
       [--from-index DIR] [--repeat N]

The corpus is copied to a temporary folder (so a document can be added to it) and indexed
from scratch by `docbot index` in a child process, as a user would run it. `--from-index`
copies an index already built from the same corpus instead (the build rows are then left
out), and `--repeat` times the no-op and add-one runs several times and reports medians:
this machine is shared, so single runs are noisy.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.machine import print_table  # noqa: E402


def run_index(corpus: Path, index_dir: Path) -> tuple[dict, float, float]:
    """`docbot index --json` as a whole process: (report, wall seconds, peak RSS MiB)."""
    env = {**os.environ, "DOCBOT_CORPUS": str(corpus), "DOCBOT_INDEX_DIR": str(index_dir)}
    env.setdefault("HF_HUB_OFFLINE", "1")
    cmd = [sys.executable, "-c", "import sys; from bot.cli import main; sys.exit(main())"]
    t0 = time.perf_counter()
    proc = subprocess.run(
        [*cmd, "index", "--json"], env=env, cwd=ROOT, capture_output=True, text=True, check=False
    )
    wall = time.perf_counter() - t0
    if proc.returncode != 0:
        raise SystemExit(f"docbot index failed:\n{proc.stderr}")
    peak_mib = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return json.loads(proc.stdout), wall, peak_mib


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


def search_latency(corpus: Path, index_dir: Path, n: int) -> dict[str, tuple[float, float]]:
    """p50/p95 in ms of query embedding, FAISS search, and the full hybrid search."""
    from index.config import IndexConfig
    from index.kb import KnowledgeBase
    from index.query.retrieve import hybrid_search

    kb = KnowledgeBase(IndexConfig(corpus, index_dir))
    snap = kb.snapshot()
    titles = [d.title for d in snap.docs.values()]
    queries = [t for t in titles if len(t) > 20][:n]
    kb.embedder.embed_queries(["warm up"])
    embed_ms, dense_ms, hybrid_ms = [], [], []
    for q in queries:
        t0 = time.perf_counter()
        vec = kb.embedder.embed_queries([q])[0]
        t1 = time.perf_counter()
        snap.dense_search(vec, 10)
        t2 = time.perf_counter()
        hybrid_search(snap, kb.embedder, q, k=5)
        t3 = time.perf_counter()
        embed_ms.append((t1 - t0) * 1e3)
        dense_ms.append((t2 - t1) * 1e3)
        hybrid_ms.append((t3 - t2) * 1e3)
    return {
        name: (percentile(v, 0.5), percentile(v, 0.95))
        for name, v in (("embed", embed_ms), ("dense", dense_ms), ("hybrid", hybrid_ms))
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, required=True, help="folder of documents")
    parser.add_argument("--queries", type=int, default=200, help="search queries to time")
    parser.add_argument("--keep", type=Path, help="keep the built index in this folder")
    parser.add_argument("--from-index", type=Path, help="copy this index instead of building")
    parser.add_argument("--repeat", type=int, default=1, help="no-op and add-one runs (median)")
    args = parser.parse_args()
    if not args.corpus.is_dir():
        print(f"no corpus at {args.corpus}", file=sys.stderr)
        return 1
    work = Path(tempfile.mkdtemp(prefix="docbot-bench-"))
    corpus = work / "corpus"
    shutil.copytree(args.corpus, corpus)
    index_dir = args.keep or work / "index"
    shutil.rmtree(index_dir, ignore_errors=True)
    try:
        if args.from_index:
            shutil.copytree(args.from_index, index_dir)
            build, build_s, build_rss = run_index(corpus, index_dir)  # a no-op, or a catch-up
        else:
            build, build_s, build_rss = run_index(corpus, index_dir)
        noops = [run_index(corpus, index_dir) for _ in range(args.repeat)]
        noop, noop_s = noops[-1][0], statistics.median(t for _, t, _ in noops)
        added_file = corpus / "zz-bench-added.txt"
        adds = []
        for _ in range(args.repeat):
            added_file.write_text(
                "Benchmark addition\n\nThe delegation met the harbour master of Valparaiso on "
                "Tuesday. They discussed port security, fisheries and the new customs office."
            )
            adds.append(run_index(corpus, index_dir))
            if len(adds) < args.repeat:
                added_file.unlink()
                run_index(corpus, index_dir)
        added, add_s = adds[-1][0], statistics.median(t for _, t, _ in adds)
        lat = search_latency(corpus, index_dir, args.queries)
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    chunks = build["chunks"]
    rows = [("documents / chunks", f"{build['documents']:,} / {chunks:,}", "")]
    if not args.from_index:
        rows += [
            ("full build, whole process", f"{build_s:.1f} s", ""),
            ("full build throughput", f"{chunks / build_s:.1f} chunks/s", ">= 40 chunks/s"),
            ("full build peak RSS", f"{build_rss:,.0f} MiB", ""),
        ]
    rows += [
        (
            f"no-op `docbot index`, whole process (median of {args.repeat})",
            f"{noop_s:.2f} s (embedded {noop['chunks_embedded']})",
            "<= 2 s, no model load",
        ),
        (
            f"add one document, whole process (median of {args.repeat})",
            f"{add_s:.2f} s (embedded {added['chunks_embedded']})",
            "<= 10 s",
        ),
        ("query embedding p50 / p95", f"{lat['embed'][0]:.1f} / {lat['embed'][1]:.1f} ms", ""),
        (
            "dense search (FAISS) p50 / p95",
            f"{lat['dense'][0]:.2f} / {lat['dense'][1]:.2f} ms",
            "p50 <= 5 ms",
        ),
        ("dense incl. query embedding p50", f"{lat['embed'][0] + lat['dense'][0]:.1f} ms", ""),
        (
            "hybrid search (embed + FAISS + BM25 + fusion) p50 / p95",
            f"{lat['hybrid'][0]:.1f} / {lat['hybrid'][1]:.1f} ms",
            "",
        ),
    ]
    print_table(f"Index benchmark: {args.corpus}", rows)
    return 0


if __name__ == "__main__":
    sys.exit(main())
