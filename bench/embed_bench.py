"""Embedding runtimes side by side: torch (`sentence-transformers`), `onnx` and `onnx-int8`.

Usage: python bench/embed_bench.py [--corpus DIR] [--chunks 300] [--repeat 3] [--threads N]

Real State Department releases are chunked with the indexer's own code (`prepare`), then each
runtime embeds the same chunks (passage and sentence vectors, as `docbot index` does), beside a
plain `SentenceTransformer.encode` of them (the baseline other pipelines pay). Runs are
interleaved (plain encode, torch, onnx, onnx-int8, plain encode, ...), so a busy spell on this
shared machine hits every runtime alike; medians are reported. Also: single-question latency,
agreement with torch (cosine of passage vectors), and a cold start (a new process importing the
runtime, loading the model and embedding one question) with its peak memory. The ONNX files
are exported first if they are missing (`python -m index.embed.ort_export`), outside the
timings.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from dataclasses import replace
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")

from bench.machine import print_table  # noqa: E402
from index.config import IndexConfig  # noqa: E402
from index.embed import build_embedder  # noqa: E402
from index.embed.base import Embedder  # noqa: E402
from index.indexing.cache import local_spans  # noqa: E402
from index.indexing.prepare import prepare  # noqa: E402
from index.ingest.scan import ScannedFile  # noqa: E402

RUNTIMES = ["sentence-transformers", "onnx", "onnx-int8"]
PLAIN = "plain `SentenceTransformer.encode`"
DEFAULT_CORPUS = ROOT.parent / "shared" / "data" / "statedept" / "text" / "2022-03"
QUESTIONS = [
    "Who did Blinken meet in Seoul?",
    "What did the Secretary discuss with the Ukrainian foreign minister?",
    "When was the International Narcotics Control Strategy Report released?",
    "Which country signed the Artemis Accords?",
    "sanctions on Russian oligarchs",
    "humanitarian aid for refugees from Ukraine",
    "Who is the Deputy Secretary?",
    "What is the Direct Access Program for Iraqis?",
]
COLD_START = """
import json, sys, time
t0 = time.perf_counter()
from pathlib import Path
from index.config import IndexConfig
from index.embed import build_embedder
threads = int(sys.argv[2]) or None
emb = build_embedder(IndexConfig(Path("."), Path("."), runtime=sys.argv[1], embed_threads=threads))
emb.embed_queries(["Who did Blinken meet in Seoul?"])
status = Path("/proc/self/status").read_text().splitlines()
rss = next(int(line.split()[1]) for line in status if line.startswith("VmHWM")) / 1024
print(json.dumps({"seconds": time.perf_counter() - t0, "rss_mib": rss}))
"""


def load_chunks(corpus: Path, n: int, embedder: Embedder) -> tuple[list[str], list[list]]:
    """The first `n` chunks of the documents (sorted by name), as the indexer makes them."""
    texts: list[str] = []
    spans: list[list] = []
    for path in sorted(corpus.rglob("*.txt")):
        scanned = ScannedFile(path.name, "", path.read_bytes(), None)
        for chunk in prepare(scanned, embedder, "").chunks:
            texts.append(chunk.embed_text)
            spans.append(local_spans(chunk))
            if len(texts) == n:
                return texts, spans
    return texts, spans


def cold_start(runtime: str, threads: int | None) -> dict[str, float]:
    """A new process: import, load, embed one question. Seconds and peak RSS."""
    done = subprocess.run(
        [sys.executable, "-c", COLD_START, runtime, str(threads or 0)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    result: dict[str, float] = json.loads(done.stdout.splitlines()[-1])
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--chunks", type=int, default=300)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--queries", type=int, default=40, help="single-question runs each")
    parser.add_argument("--threads", type=int, default=None, help="default: each runtime's")
    parser.add_argument("--model", help="a local model folder (default: the packaged one)")
    args = parser.parse_args()

    subprocess.run([sys.executable, "-m", "index.embed.ort_export"], cwd=ROOT, check=True)
    # First, while this process is small: peak RSS is the child's own (VmHWM resets at exec).
    cold: dict[str, list[dict[str, float]]] = {rt: [] for rt in RUNTIMES}
    for _ in range(args.repeat):
        for rt in RUNTIMES:
            cold[rt].append(cold_start(rt, args.threads))
    config = IndexConfig(args.corpus, args.corpus, model=args.model, embed_threads=args.threads)
    embedders = {rt: build_embedder(replace(config, runtime=rt)) for rt in RUNTIMES}
    texts, spans = load_chunks(args.corpus, args.chunks, embedders["onnx"])
    for emb in embedders.values():  # load, and warm up, outside the timings
        emb.embed_passages(texts[:8], spans[:8])
    # The baseline: plain sentence-transformers encoding of the same chunks (passage vectors
    # only, its default batch of 32), as a LangChain or LlamaIndex pipeline would embed them.
    from sentence_transformers import SentenceTransformer

    from index.embed.base import resolve_model_path

    plain = SentenceTransformer(str(resolve_model_path(args.model)), device="cpu")
    plain.encode(texts[:8], normalize_embeddings=True)

    seconds: dict[str, list[float]] = {rt: [] for rt in [PLAIN, *RUNTIMES]}
    vectors: dict[str, np.ndarray] = {}
    sentences: dict[str, np.ndarray] = {}
    for _ in range(args.repeat):
        t0 = time.perf_counter()
        plain.encode(texts, batch_size=32, normalize_embeddings=True)
        seconds[PLAIN].append(time.perf_counter() - t0)
        for rt, emb in embedders.items():
            t0 = time.perf_counter()
            vectors[rt], per_chunk = emb.embed_passages(texts, spans)
            seconds[rt].append(time.perf_counter() - t0)
            sentences[rt] = np.vstack(per_chunk).astype(np.float32)

    latency: dict[str, list[float]] = {rt: [] for rt in RUNTIMES}
    for i in range(args.queries):
        question = QUESTIONS[i % len(QUESTIONS)]
        for rt, emb in embedders.items():
            t0 = time.perf_counter()
            emb.embed_queries([question])
            latency[rt].append((time.perf_counter() - t0) * 1000)

    torch_rate = len(texts) / statistics.median(seconds["sentence-transformers"])
    plain_rate = len(texts) / statistics.median(seconds[PLAIN])
    plain_runs = ", ".join(f"{len(texts) / s:.1f}" for s in seconds[PLAIN])
    rows = [
        ("chunks embedded (passage + sentence vectors)", f"{len(texts):,}", ""),
        (f"{PLAIN} chunks/s (median of {args.repeat}: {plain_runs})", f"{plain_rate:.1f}", ""),
    ]
    for rt in RUNTIMES:
        rate = len(texts) / statistics.median(seconds[rt])
        cos = (vectors[rt] * vectors["sentence-transformers"]).sum(axis=1)
        sent = _sentence_cosines(sentences[rt], sentences["sentence-transformers"])
        runs = ", ".join(f"{len(texts) / s:.1f}" for s in seconds[rt])
        rows += [
            (f"`{rt}` chunks/s (median of {args.repeat}: {runs})", f"{rate:.1f}", ""),
            (f"`{rt}` speed against torch", f"{rate / torch_rate:.2f}x", ""),
            (
                f"`{rt}` speed against {PLAIN}",
                f"{rate / plain_rate:.2f}x",
                ">= 1.5x" if rt == "onnx-int8" else "",
            ),
            (f"`{rt}` one question p50 / p95", _p50_p95(latency[rt]), ""),
            (f"`{rt}` cosine with torch, passages: min / mean", _min_mean(cos), ""),
            (f"`{rt}` cosine with torch, {len(sent):,} sentences: min / mean", _min_mean(sent), ""),
            (
                f"`{rt}` cold start: import, load, one question / peak RSS",
                f"{statistics.median(c['seconds'] for c in cold[rt]):.1f} s / "
                f"{statistics.median(c['rss_mib'] for c in cold[rt]):,.0f} MiB",
                "",
            ),
        ]
    threads = args.threads or "each runtime's default"
    print_table(
        f"Embedding runtimes ({len(texts)} chunks of {args.corpus.name}, threads: {threads})", rows
    )
    import onnxruntime

    print(f"- onnxruntime {onnxruntime.__version__}")


def _sentence_cosines(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Cosines of the sentence vectors both runtimes have (a sentence past the window has none)."""
    keep = a.any(axis=1) & b.any(axis=1)
    a, b = a[keep], b[keep]
    result: np.ndarray = (a * b).sum(axis=1) / (
        np.linalg.norm(a, axis=1) * np.linalg.norm(b, axis=1)
    )
    return result


def _min_mean(values: np.ndarray) -> str:
    return f"{values.min():.4f} / {values.mean():.4f}"


def _p50_p95(values: list[float]) -> str:
    ordered = sorted(values)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return f"{statistics.median(ordered):.1f} / {p95:.1f} ms"


if __name__ == "__main__":
    main()
