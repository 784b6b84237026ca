"""FAISS (the local store) and milvus-lite side by side: build, add one document, ask, XQuAD.

Usage: python bench/store_bench.py --corpus ../shared/data/statedept/text
       [--xquad ../shared/data/xquad_en/xquad.en.json] [--questions N] [--work DIR]

Both stores index the same copy of the corpus with `docbot index` as a whole process. The
embeddings are computed once, by the first (FAISS) build; the milvus build starts from a copy
of that embedding cache, and the FAISS store is then rebuilt from the same warm cache, so the
two "store build" rows compare the stores and not the model. `ask` is timed in process on
both stores with the same questions, and XQuAD's paragraph recall@1 is measured on both (the
shipped hybrid retrieval, as `docbot eval` computes it).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.machine import machine_lines  # noqa: E402

ADDED = (
    "Benchmark addition\n\nThe delegation met the harbour master of Valparaiso on Tuesday. "
    "They discussed port security, fisheries and the new customs office."
)


def env_for(store: str, corpus: Path, index_dir: Path) -> dict[str, str]:
    env = {**os.environ, "DOCBOT_CORPUS": str(corpus), "DOCBOT_INDEX_DIR": str(index_dir)}
    env.update({"HF_HUB_OFFLINE": "1", "DOCBOT_STORE": store})
    env.pop("DOCBOT_MILVUS_URI", None)  # milvus: embedded lite in the index folder
    return env


def run_index(store: str, corpus: Path, index_dir: Path, *flags: str) -> tuple[dict, float]:
    """`docbot index --json` as a whole process: (report, wall seconds)."""
    cmd = [sys.executable, "-c", "import sys; from bot.cli import main; sys.exit(main())"]
    t0 = time.perf_counter()
    proc = subprocess.run(
        [*cmd, "index", "--json", *flags],
        env=env_for(store, corpus, index_dir),
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    wall = time.perf_counter() - t0
    if proc.returncode != 0:
        raise SystemExit(f"docbot index ({store}) failed:\n{proc.stderr}")
    return json.loads(proc.stdout), wall


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


def ask_latency(kb, questions: list[str]) -> tuple[float, float, list[str]]:  # type: ignore[no-untyped-def]
    """p50 / p95 ms of `kb.ask` over the questions, and the answers."""
    kb.ask("warm up")
    times, answers = [], []
    for q in questions:
        t0 = time.perf_counter()
        answers.append(kb.ask(q).text)
        times.append((time.perf_counter() - t0) * 1e3)
    return percentile(times, 0.5), percentile(times, 0.95), answers


def xquad_recall(kb, questions: list[tuple[str, str, int]]) -> float:  # type: ignore[no-untyped-def]
    """Paragraph recall@1 of the shipped hybrid retrieval (as `docbot eval` measures it)."""
    from index.evaluation.datasets import xquad_name
    from index.query.fusion import DEFAULT_FUSION
    from index.query.plan import plan_query
    from index.query.retrieve import diversify, retrieve

    snap = kb.snapshot()
    qvecs = kb.embedder.embed_queries([q for q, _, _ in questions])
    hits = 0
    for (q, _, gold), v in zip(questions, qvecs, strict=True):
        plan = plan_query(snap, kb.embedder, q, v)
        picked = diversify(
            snap, retrieve(snap, plan, DEFAULT_FUSION), 5, DEFAULT_FUSION.per_doc_decay
        )
        hits += [snap.docs[c.doc_id].path for c in picked[:1]] == [xquad_name(gold)]
    return hits / len(questions)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, required=True)
    parser.add_argument(
        "--xquad", type=Path, default=ROOT.parent / "shared/data/xquad_en/xquad.en.json"
    )
    parser.add_argument("--questions", type=int, default=100, help="questions to time `ask` on")
    parser.add_argument("--work", type=Path, help="keep the corpus copy and indexes here")
    args = parser.parse_args()
    from index.config import IndexConfig
    from index.embed import build_embedder
    from index.evaluation.datasets import load_dev_questions, load_xquad, write_xquad_corpus
    from index.kb import KnowledgeBase

    work = args.work or Path(tempfile.mkdtemp(prefix="docbot-store-bench-"))
    corpus = work / "corpus"
    if not corpus.exists():
        shutil.copytree(args.corpus, corpus)
    (corpus / "zz-bench-added.txt").unlink(missing_ok=True)
    dirs = {s: work / s for s in ("faiss", "milvus")}
    rows: list[tuple[str, str, str]] = []
    figures: dict[str, dict[str, float]] = {"faiss": {}, "milvus": {}}
    if not (dirs["faiss"] / "docbot.sqlite").exists():
        report, secs = run_index("faiss", corpus, dirs["faiss"])
        rows.append(("first build incl. embedding (FAISS)", f"{secs:.0f} s", ""))
        rows.append(("documents / chunks", f"{report['documents']:,} / {report['chunks']:,}", ""))
    shutil.rmtree(dirs["milvus"], ignore_errors=True)
    dirs["milvus"].mkdir()
    shutil.copy(dirs["faiss"] / "docbot.sqlite", dirs["milvus"] / "docbot.sqlite")  # the cache
    _, figures["milvus"]["build"] = run_index("milvus", corpus, dirs["milvus"])
    _, figures["faiss"]["build"] = run_index("faiss", corpus, dirs["faiss"], "--rebuild")
    for store, d in dirs.items():
        (corpus / "zz-bench-added.txt").write_text(ADDED)
        report, figures[store]["add"] = run_index(store, corpus, d)
        assert report["added"] == 1, report
        (corpus / "zz-bench-added.txt").unlink()
        run_index(store, corpus, d)

    embedder = build_embedder(IndexConfig(corpus, dirs["faiss"]))
    kbs = {
        s: KnowledgeBase(IndexConfig(corpus, d, store=s), embedder=embedder)
        for s, d in dirs.items()
    }
    dev = [q.question for q in load_dev_questions(ROOT / "tests/questions/statedept.jsonl")]
    titles = [i.title for i in kbs["faiss"].snapshot().docs.values() if len(i.title) > 20]
    questions = (dev + [f"What happened: {t}?" for t in titles])[: args.questions]
    answers = {}
    for store, kb in kbs.items():
        p50, p95, answers[store] = ask_latency(kb, questions)
        figures[store]["ask50"], figures[store]["ask95"] = p50, p95
    same = sum(a == b for a, b in zip(answers["faiss"], answers["milvus"], strict=True))

    if args.xquad.exists():
        paragraphs, xq = load_xquad(args.xquad)
        write_xquad_corpus(paragraphs, work / "xquad-corpus")
        for store in dirs:
            xdir = work / f"xquad-{store}"
            if store == "milvus":
                shutil.rmtree(xdir, ignore_errors=True)
            kb = KnowledgeBase(
                IndexConfig(work / "xquad-corpus", xdir, store=store), embedder=embedder
            )
            kb.sync()
            figures[store]["r1"] = xquad_recall(kb, xq)

    f, m = figures["faiss"], figures["milvus"]
    rows += [
        ("store build from the warm embedding cache", f"{f['build']:.1f} s", f"{m['build']:.1f} s"),
        ("add one document (`docbot index`)", f"{f['add']:.2f} s", f"{m['add']:.2f} s"),
        (
            f"`ask` p50 / p95 ({len(questions)} questions)",
            f"{f['ask50']:.0f} / {f['ask95']:.0f} ms",
            f"{m['ask50']:.0f} / {m['ask95']:.0f} ms",
        ),
        ("identical answers", f"{same} / {len(questions)}", ""),
    ]
    if "r1" in f:
        rows.append(("XQuAD paragraph recall@1", f"{f['r1']:.4f}", f"{m['r1']:.4f}"))
    print(f"\n### FAISS vs milvus-lite: {args.corpus}\n")
    print("| measure | FAISS (local store) | milvus-lite (embedded) |\n|---|---|---|")
    for row in rows:
        print("| " + " | ".join(row) + " |")
    print()
    for line in machine_lines():
        print(f"- {line}")
    print(json.dumps(figures))
    if not args.work:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
