"""Run a benchmark's child function in a process that imports `index` from a given source tree.

Benches that compare this tree with another one (a baseline from `git archive`) run each side
in its own child process, alternated, so machine noise falls on both alike.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path


def run_child(src: Path, bench_file: Path, call: str) -> dict:  # type: ignore[type-arg]
    """`call` (e.g. "child(Path('/x'), 3)") of the module `bench_file`, run with `src` first on
    sys.path; the JSON object the child prints last. The child must put `index.__file__` under
    the key "src": it is checked to come from `src`, then dropped."""
    env = {**os.environ, "PYTHONPATH": str(src), "HF_HUB_OFFLINE": "1"}
    # The bench file is loaded by path, so `index` comes from the variant's tree alone.
    script = (
        "import importlib.util, sys; from pathlib import Path; "
        f"spec = importlib.util.spec_from_file_location('bench_child', {str(bench_file)!r}); "
        "mod = importlib.util.module_from_spec(spec); spec.loader.exec_module(mod); "
        f"mod.{call}"
    )
    out = subprocess.run(
        [sys.executable, "-c", script],
        env=env,
        cwd=src,  # `-c` puts the working directory first on sys.path
        capture_output=True,
        text=True,
    )
    if out.returncode != 0:
        raise RuntimeError(f"the child in {src} failed:\n{out.stderr[-3000:]}")
    result = json.loads(out.stdout.strip().splitlines()[-1])
    assert str(result.pop("src")).startswith(str(src)), "the child imported the wrong tree"
    return result  # type: ignore[no-any-return]
