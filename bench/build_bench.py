"""Full build against LangChain: the same documents, the same model, whole processes, alternated.

Usage: python bench/build_bench.py --langchain-python /path/to/venv/bin/python
       [--corpus ../shared/data/statedept/text/2022-03] [--docs 300] [--repeat 3]
       [--runtime onnx-int8 --runtime sentence-transformers]

The first `--docs` files of `--corpus` by name are copied to a temporary folder. Each round
runs, as whole processes and in turn, `docbot index` into a new index folder for each
`--runtime` (nothing cached: every chunk is embedded), then LangChain's usual recipe in its own
virtualenv: `TextLoader`, `RecursiveCharacterTextSplitter(chunk_size=1000, chunk_overlap=200)`,
`HuggingFaceEmbeddings` of the same all-MiniLM-L6-v2 folder, `FAISS.from_documents`,
`save_local`. Times are wall-clock medians over rounds; the machine is shared, so compare
figures of one run only. A LangChain virtualenv:

    python3 -m venv /tmp/lcvenv && /tmp/lcvenv/bin/pip install torch==2.13.0 &&
    /tmp/lcvenv/bin/pip install langchain-community langchain-text-splitters \\
        langchain-huggingface faiss-cpu sentence-transformers
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.machine import print_table  # noqa: E402
from index.embed.base import resolve_model_path  # noqa: E402

DEFAULT_CORPUS = ROOT.parent / "shared" / "data" / "statedept" / "text" / "2022-03"

LANGCHAIN_SCRIPT = textwrap.dedent(
    """
    import json, sys
    from pathlib import Path
    from langchain_community.document_loaders import TextLoader
    from langchain_community.vectorstores import FAISS
    from langchain_huggingface import HuggingFaceEmbeddings
    from langchain_text_splitters import RecursiveCharacterTextSplitter

    corpus, model, out = sys.argv[1:4]
    docs = []
    for path in sorted(Path(corpus).iterdir()):
        docs.extend(TextLoader(str(path), encoding="utf-8").load())
    splitter = RecursiveCharacterTextSplitter(chunk_size=1000, chunk_overlap=200)
    chunks = splitter.split_documents(docs)
    embeddings = HuggingFaceEmbeddings(
        model_name=model, encode_kwargs={"normalize_embeddings": True}
    )
    FAISS.from_documents(chunks, embeddings).save_local(out)
    print(json.dumps({"chunks": len(chunks)}))
    """
)


def _timed(cmd: list[str], env: dict[str, str]) -> tuple[float, str]:
    t0 = time.perf_counter()
    proc = subprocess.run(cmd, env=env, cwd=ROOT, capture_output=True, text=True, check=False)
    seconds = time.perf_counter() - t0
    if proc.returncode != 0:
        raise SystemExit(f"{' '.join(cmd[:3])} failed:\n{proc.stderr[-3000:]}")
    return seconds, proc.stdout


def docbot_build(corpus: Path, index_dir: Path, runtime: str) -> tuple[float, int]:
    """`docbot index --json` from nothing, as a whole process: (seconds, chunks)."""
    env = {
        **os.environ,
        "DOCBOT_CORPUS": str(corpus),
        "DOCBOT_INDEX_DIR": str(index_dir),
        "DOCBOT_RUNTIME": runtime,
        "HF_HUB_OFFLINE": "1",
    }
    cmd = [sys.executable, "-c", "import sys; from bot.cli import main; sys.exit(main())"]
    seconds, out = _timed([*cmd, "index", "--json"], env)
    return seconds, int(json.loads(out)["chunks"])


def langchain_build(python: str, script: Path, corpus: Path, out: Path) -> tuple[float, int]:
    env = {**os.environ, "HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1"}
    model = str(resolve_model_path(None))
    seconds, stdout = _timed([python, str(script), str(corpus), model, str(out)], env)
    return seconds, int(json.loads(stdout.strip().splitlines()[-1])["chunks"])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--docs", type=int, default=300, help="the first N files by name")
    parser.add_argument("--repeat", type=int, default=3, help="rounds (medians are reported)")
    parser.add_argument("--langchain-python", help="python of a virtualenv with LangChain")
    parser.add_argument(
        "--runtime", action="append", help="docbot runtime(s) to build with (default: onnx-int8)"
    )
    args = parser.parse_args()
    if not args.corpus.is_dir():
        print(f"No corpus at {args.corpus}; pass --corpus.", file=sys.stderr)
        return 2
    runtimes = args.runtime or ["onnx-int8"]
    files = sorted(p for p in args.corpus.iterdir() if p.is_file())[: args.docs]
    load_before = os.getloadavg()[0]
    times: dict[str, list[float]] = {name: [] for name in [*runtimes, "langchain"]}
    chunks: dict[str, int] = {}
    with tempfile.TemporaryDirectory(prefix="build-bench-") as tmp:
        corpus = Path(tmp) / "corpus"
        corpus.mkdir()
        for path in files:
            shutil.copy2(path, corpus / path.name)
        script = Path(tmp) / "langchain_build.py"
        script.write_text(LANGCHAIN_SCRIPT, encoding="utf-8")
        for r in range(args.repeat):
            for runtime in runtimes:
                seconds, chunks[runtime] = docbot_build(
                    corpus, Path(tmp) / f"ix-{runtime}-{r}", runtime
                )
                times[runtime].append(seconds)
            if args.langchain_python:
                seconds, chunks["langchain"] = langchain_build(
                    args.langchain_python, script, corpus, Path(tmp) / f"lc-{r}"
                )
                times["langchain"].append(seconds)
            print(
                f"round {r + 1}: " + ", ".join(f"{k} {v[-1]:.1f} s" for k, v in times.items() if v)
            )
    base = statistics.median(times["langchain"]) if times["langchain"] else None
    rows = []
    for name, values in times.items():
        if not values:
            continue
        med = statistics.median(values)
        label = "LangChain (torch)" if name == "langchain" else f"docbot index, {name}"
        ratio = f"{med / base:.2f}x LangChain" if base else "no LangChain run"
        target = "<= 0.67x LangChain" if name == runtimes[0] else ""
        rows.append(
            (
                f"{label}: {chunks[name]} chunks",
                f"{med:.1f} s ({ratio}); runs " + ", ".join(f"{v:.1f}" for v in values),
                target,
            )
        )
    print_table(
        f"Full build, first {len(files)} files of {args.corpus.name}, whole processes, "
        f"{args.repeat} alternated rounds (load average before {load_before:.1f}, "
        f"after {os.getloadavg()[0]:.1f})",
        rows,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
