"""The command line starts fast: no command that reads or updates the index imports torch, or
the libraries of the features it doesn't use.

Each command runs as a user runs it, in a process of its own, on the default runtime; the
process then reports which heavy libraries it had imported.
"""

from __future__ import annotations

import os

import pytest
from conftest import copy_seed_corpus
from support.import_report import run_reporting

HEAVY = [
    *("torch", "sentence_transformers", "transformers", "telegram"),
    *("httpx", "feedparser", "trafilatura", "pymilvus"),  # feeds and Milvus: only when used
]


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
    proc, loaded = run_reporting(HEAVY, env, *args, stdin=stdin)
    assert proc.returncode == 0, proc.stderr[-2000:]
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
