"""How fast the command line answers as a whole process, against `python -c "import torch"`.

Usage: python bench/startup_bench.py [--corpus docs_corpus] [--repeat 7]
       [--index IX] [--baseline-src TREE] [--only index ...]

The corpus is copied and indexed once (or, with `--index`, that index, built from `--corpus`,
is copied and the corpus read where it is); then each round runs, in turn, `import torch`
alone (the baseline: what every command paid before it stopped importing torch) and each
docbot command as a user types it. `--baseline-src` also runs each command from another source
tree (e.g. `git archive 2ab837c | tar -x -C /tmp/base`) with the same interpreter; both trees'
modules are compiled to bytecode first, as `make setup` does; `--only` keeps the commands named
(`index`, `ask`, ...). Reported: medians of wall time and of CPU time (user + system, which a
busy machine disturbs less), and each command's ratio to the baseline of the same rounds.

    python bench/startup_bench.py --corpus ../shared/data/statedept/text --index IX \
        --baseline-src /tmp/base --only index --repeat 15
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
from index.embed.ort_export import CACHE_ENV  # noqa: E402

TARGETS = {"docbot index (no-op)": "<= 0.5 s"}  # the others: <= 0.5x import torch
COMMANDS: dict[str, list[str]] = {
    "docbot ask": ["ask", "Who did Blinken meet in Seoul?"],
    "docbot search": ["search", "Seoul ministerial"],
    "docbot summary": ["summary", "the November 2023 trip"],
    "docbot sources": ["sources"],
    "docbot index (no-op)": ["index"],
}


def _run(cmd: list[str], env: dict[str, str], cwd: Path = ROOT) -> tuple[float, float]:
    """(wall seconds, CPU seconds) of one whole process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    proc = subprocess.run(cmd, env=env, cwd=cwd, capture_output=True, text=True, check=False)
    wall = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if proc.returncode != 0:
        raise SystemExit(f"{cmd} failed:\n{proc.stderr[-2000:]}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def _prepare(args: argparse.Namespace, tmp: Path) -> dict[str, str]:
    """The environment the commands run in, with an index of the corpus in `tmp`."""
    index = tmp / "index"
    if args.index is not None:
        shutil.copytree(args.index, index)
        corpus = args.corpus.resolve()
    else:
        corpus = tmp / "corpus"
        shutil.copytree(args.corpus, corpus)
    env = {
        **os.environ,
        "DOCBOT_CORPUS": str(corpus),
        "DOCBOT_INDEX_DIR": str(index),
        "HF_HUB_OFFLINE": "1",
    }
    # A baseline tree reads the model this checkout exported rather than exporting its own.
    env.setdefault(CACHE_ENV, str(ROOT / ".docbot" / "models"))
    # Builds the index, or records the copied one's file signatures: the rounds are no-ops.
    _run([*DOCBOT, "index"], env)
    return env


DOCBOT = [sys.executable, "-m", "bot.cli"]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=ROOT / "docs_corpus")
    parser.add_argument("--index", type=Path, help="an index built from --corpus, copied")
    parser.add_argument("--baseline-src", type=Path, help="another source tree, run alike")
    parser.add_argument("--only", action="append", help="commands to run (default: all)")
    parser.add_argument("--repeat", type=int, default=7)
    args = parser.parse_args()
    commands = {
        name: argv for name, argv in COMMANDS.items() if not args.only or argv[0] in args.only
    }
    trees = {"": ROOT}
    if args.baseline_src is not None:
        trees[f" [{args.baseline_src.name}]"] = args.baseline_src.resolve()
    for tree in trees.values():  # as `make setup` does: an editable install isn't compiled
        subprocess.run([sys.executable, "-m", "compileall", "-q", "bot", "index"], cwd=tree)
    load_before = os.getloadavg()[0]
    with tempfile.TemporaryDirectory(prefix="startup-bench-") as tmp:
        env = _prepare(args, Path(tmp))
        runs: dict[str, list[tuple[float, float]]] = {"import torch": []}
        for _ in range(args.repeat):
            runs["import torch"].append(_run([sys.executable, "-c", "import torch"], env))
            for name, argv in commands.items():
                for label, tree in trees.items():
                    tree_env = env if tree == ROOT else {**env, "PYTHONPATH": str(tree)}
                    runs.setdefault(name + label, []).append(
                        _run([*DOCBOT, *argv], tree_env, cwd=tree)
                    )
    base_wall = statistics.median(w for w, _ in runs["import torch"])
    base_cpu = statistics.median(c for _, c in runs["import torch"])
    rows = []
    for name, values in runs.items():
        wall = statistics.median(w for w, _ in values)
        cpu = statistics.median(c for _, c in values)
        spread = f"{min(w for w, _ in values):.2f}-{max(w for w, _ in values):.2f}"
        ratio = (
            "baseline"
            if name == "import torch"
            else f"{wall / base_wall:.2f}x / {cpu / base_cpu:.2f}x"
        )
        target = "" if name == "import torch" or " [" in name else "<= 0.5x import torch"
        target = TARGETS.get(name, target)
        rows.append((name, f"{wall:.2f} s wall ({spread}), {cpu:.2f} s CPU ({ratio})", target))
    corpus = "/".join(args.corpus.resolve().parts[-2:])
    print_table(
        f"Whole-process times on {corpus}, medians of {args.repeat} alternated rounds; "
        f"ratio to `import torch` as wall / CPU (load average before {load_before:.1f}, "
        f"after {os.getloadavg()[0]:.1f})",
        rows,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
