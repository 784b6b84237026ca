"""The command line starts fast: no command that reads or updates the index imports torch, or
the libraries of the features it doesn't use.

Each command runs as a user runs it, in a process of its own, on the default runtime; the
process then reports which heavy libraries it had imported.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
from conftest import ROOT, copy_seed_corpus

HEAVY = [
    *("torch", "sentence_transformers", "transformers", "telegram"),
    *("httpx", "feedparser", "trafilatura", "pymilvus"),  # feeds and Milvus: only when used
]
RUN_AND_REPORT = (
    "import json, sys\n"
    "from bot.cli import main\n"
    "try:\n"
    "    code = main(sys.argv[1:])\n"
    "finally:\n"
    f"    loaded = [m for m in {HEAVY!r} if m in sys.modules]\n"
    "    print('\\nIMPORTED ' + json.dumps(loaded), file=sys.stderr)\n"
    "sys.exit(code)\n"
)


@pytest.fixture(scope="module")
def env(tmp_path_factory) -> dict[str, str]:
    base = tmp_path_factory.mktemp("cli_imports")
    env = {
        **os.environ,
        "DOCBOT_CORPUS": str(copy_seed_corpus(base / "corpus")),
        "DOCBOT_INDEX_DIR": str(base / "index"),
        "HF_HUB_OFFLINE": "1",
    }
    env.pop("DOCBOT_RUNTIME", None)
    env.pop("TELEGRAM_BOT_TOKEN", None)
    return env


def _imported(env: dict[str, str], *args: str, stdin: str = "") -> list[str]:
    proc = subprocess.run(
        [sys.executable, "-c", RUN_AND_REPORT, *args],
        cwd=ROOT,
        env=env,
        input=stdin,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    report = proc.stderr.rsplit("IMPORTED ", 1)[1]
    loaded: list[str] = json.loads(report)
    return loaded


def test_building_the_index_imports_no_torch(env) -> None:
    # The one-time ONNX export may run torch, but in a child process of its own.
    assert _imported(env, "index") == []


@pytest.mark.parametrize(
    "args",
    [
        ("index",),  # nothing changed: a no-op
        ("ask", "Who did Blinken meet in Seoul?"),
        ("ask", "--json", "When did Austin visit Japan?"),
        ("search", "Seoul ministerial"),
        ("summary", "the November 2023 trip"),
        ("sources",),
    ],
    ids=lambda a: " ".join(a[:2]),
)
def test_reading_commands_import_no_torch(env, args) -> None:
    _imported(env, "index")
    assert _imported(env, *args) == []


def test_the_terminal_chat_imports_no_torch(env) -> None:
    _imported(env, "index")
    assert _imported(env, "chat", stdin="Who did Blinken meet in Tokyo?\n/quit\n") == []
