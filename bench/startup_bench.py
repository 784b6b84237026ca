"""How fast the command line answers as a whole process, against `python -c "import torch"`.

Usage: python bench/startup_bench.py [--corpus docs_corpus] [--repeat 7]

The corpus is copied and indexed once; then each round runs, in turn, `import torch` alone (the
baseline: what every command paid before it stopped importing torch) and each docbot command as
a user types it. Reported: medians of wall time and of CPU time (user + system, which a busy
machine disturbs less), and each command's ratio to the baseline of the same rounds.
"""

from __future__ import annotations

import argparse
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

COMMANDS: dict[str, list[str]] = {
    "docbot ask": ["ask", "Who did Blinken meet in Seoul?"],
    "docbot search": ["search", "Seoul ministerial"],
    "docbot summary": ["summary", "the November 2023 trip"],
    "docbot sources": ["sources"],
    "docbot index (no-op)": ["index"],
}


def _run(cmd: list[str], env: dict[str, str]) -> tuple[float, float]:
    """(wall seconds, CPU seconds) of one whole process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    proc = subprocess.run(cmd, env=env, cwd=ROOT, capture_output=True, text=True, check=False)
    wall = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if proc.returncode != 0:
        raise SystemExit(f"{cmd} failed:\n{proc.stderr[-2000:]}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=ROOT / "docs_corpus")
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args()
    docbot = [sys.executable, "-m", "bot.cli"]
    load_before = os.getloadavg()[0]
    with tempfile.TemporaryDirectory(prefix="startup-bench-") as tmp:
        corpus = Path(tmp) / "corpus"
        shutil.copytree(args.corpus, corpus)
        env = {
            **os.environ,
            "DOCBOT_CORPUS": str(corpus),
            "DOCBOT_INDEX_DIR": str(Path(tmp) / "index"),
            "HF_HUB_OFFLINE": "1",
        }
        _run([*docbot, "index"], env)
        runs: dict[str, list[tuple[float, float]]] = {"import torch": []}
        runs.update({name: [] for name in COMMANDS})
        for _ in range(args.repeat):
            runs["import torch"].append(_run([sys.executable, "-c", "import torch"], env))
            for name, argv in COMMANDS.items():
                runs[name].append(_run([*docbot, *argv], env))
    base_wall = statistics.median(w for w, _ in runs["import torch"])
    base_cpu = statistics.median(c for _, c in runs["import torch"])
    rows = []
    for name, values in runs.items():
        wall = statistics.median(w for w, _ in values)
        cpu = statistics.median(c for _, c in values)
        ratio = (
            "baseline"
            if name == "import torch"
            else f"{wall / base_wall:.2f}x / {cpu / base_cpu:.2f}x"
        )
        target = "" if name == "import torch" else "<= 0.5x import torch"
        rows.append((name, f"{wall:.2f} s wall, {cpu:.2f} s CPU ({ratio})", target))
    print_table(
        f"Whole-process times on {args.corpus.name}, medians of {args.repeat} alternated rounds; "
        f"ratio to `import torch` as wall / CPU (load average before {load_before:.1f}, "
        f"after {os.getloadavg()[0]:.1f})",
        rows,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
