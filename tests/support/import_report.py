"""Run a `docbot` command as a user runs it, in a process of its own, and report which of
some libraries that process had imported by its end (whether the command succeeded or not)."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def run_reporting(
    modules: Sequence[str], env: dict[str, str], *args: str, stdin: str = ""
) -> tuple[subprocess.CompletedProcess[str], list[str]]:
    """`docbot *args` under `env`: the finished process, and which of `modules` it imported."""
    script = (
        "import json, sys\n"
        "from bot.cli import main\n"
        "try:\n"
        "    code = main(sys.argv[1:])\n"
        "finally:\n"
        f"    loaded = [m for m in {list(modules)!r} if m in sys.modules]\n"
        "    print('\\nIMPORTED ' + json.dumps(loaded), file=sys.stderr)\n"
        "sys.exit(code)\n"
    )
    proc = subprocess.run(
        [sys.executable, "-c", script, *args],
        cwd=ROOT,
        env=env,
        input=stdin,
        capture_output=True,
        text=True,
        timeout=600,
    )
    report = proc.stderr.rsplit("IMPORTED ", 1)[1].splitlines()[0]
    loaded: list[str] = json.loads(report)
    return proc, loaded
