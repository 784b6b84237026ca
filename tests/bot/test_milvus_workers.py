"""One indexer and two webhook workers sharing `milvus-lite server`, each its own process.

The layout the README's deployment section describes, on the real engine: `docbot index`
builds into Milvus, two `docbot serve` workers (read only, each on its own port behind the
"proxy") answer whoever they are sent, a new document reaches both without a restart, and an
indexer killed before publishing leaves both answering from the previous state.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path
from typing import Any

import pytest
from support.bot_harness import TOKEN, Conversation, write_corpus
from support.fake_telegram import FakeTelegram

pytest.importorskip("pymilvus", reason="the milvus extra is not installed")
pytest.importorskip("milvus_lite", reason="the milvus extra is not installed")

ROOT = Path(__file__).resolve().parents[2]
QUESTION = "Who did Blinken meet in Seoul?"
QUILLON = (
    "Quillon observatory\n\nThe Quillon observatory was founded in 1887 by the astronomer "
    "Mirela Vantosh.\n"
)
TARVIK = (
    "Tarvik lighthouse\n\nA colony of Atlantic puffins nests on the Tarvik lighthouse rock "
    "every spring.\n"
)
SECRET = "proxy-shared-secret_2"


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _wait_port(port: int, proc: subprocess.Popen[bytes], log: Path, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        assert proc.poll() is None, log.read_text(errors="replace")
        with socket.socket() as s:
            if s.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.2)
    raise AssertionError(f"nothing listens on {port} after {timeout} s: {log.read_text()}")


@contextmanager
def _process(args: list[str], env: dict[str, str], log: Path, cwd: Path) -> Iterator[Any]:
    with log.open("w") as out:
        proc = subprocess.Popen(args, cwd=cwd, env=env, stdout=out, stderr=subprocess.STDOUT)
        try:
            yield proc
        finally:
            if proc.poll() is None:
                proc.send_signal(signal.SIGTERM)
                try:
                    proc.wait(timeout=60)
                except subprocess.TimeoutExpired:
                    proc.kill()
                    proc.wait()


def _docbot(*args: str) -> list[str]:
    return [sys.executable, "-c", "import sys; from bot.cli import main; sys.exit(main())", *args]


def test_an_indexer_and_two_webhook_workers_share_milvus(tmp_path: Path) -> None:
    corpus = write_corpus(tmp_path / "corpus", {})
    milvus_port = _free_port()
    uri = f"http://127.0.0.1:{milvus_port}"
    server = [
        str(Path(sys.executable).parent / "milvus-lite"),
        "server",
        "--data-dir",
        str(tmp_path / "milvus"),
        "--host",
        "127.0.0.1",
        "--port",
        str(milvus_port),
    ]
    store_env = {"DOCBOT_STORE": "milvus", "DOCBOT_MILVUS_URI": uri}
    with ExitStack() as stack:
        fake = stack.enter_context(FakeTelegram(TOKEN))
        indexer_env = fake.serve_env(corpus, tmp_path / "indexer", **store_env)
        milvus = stack.enter_context(
            _process(server, os.environ.copy(), tmp_path / "milvus.log", tmp_path)
        )
        _wait_port(milvus_port, milvus, tmp_path / "milvus.log", 120)

        def index() -> None:
            done = subprocess.run(
                _docbot("index"), cwd=tmp_path, env=indexer_env, capture_output=True, text=True
            )
            assert done.returncode == 0, done.stdout + done.stderr

        index()
        workers, procs = [], []
        for n in (1, 2):
            port = _free_port()
            env = fake.serve_env(
                corpus,
                tmp_path / f"worker{n}",
                **store_env,
                DOCBOT_READ_ONLY="1",
                DOCBOT_WEBHOOK_URL="https://bot.example.org/telegram/hook",
                DOCBOT_WEBHOOK_LISTEN="127.0.0.1",
                DOCBOT_WEBHOOK_PORT=str(port),
                DOCBOT_WEBHOOK_SECRET=SECRET,
            )
            log = tmp_path / f"worker{n}.log"
            proc = stack.enter_context(_process(_docbot("serve"), env, log, tmp_path))
            _wait_port(port, proc, log, 240)
            procs.append(proc)
            workers.append(f"http://127.0.0.1:{port}/telegram/hook")
        fake.wait_for(lambda: len(fake.calls_of("setWebhook")) >= 2, timeout=60)

        def ask(worker: int, chat: int, question: str) -> str:
            fake.webhook_target = workers[worker]  # the proxy picks this worker
            return Conversation(fake, chat).say(question, timeout=120)[0].plain

        for w in (0, 1):
            assert "Yoon Suk Yeol" in ask(w, 900 + w, QUESTION)
            assert "Vantosh" not in ask(w, 900 + w, "Who founded the Quillon observatory?")

        # A new document, indexed by the indexer: both workers answer it without a restart.
        (corpus / "quillon.txt").write_text(QUILLON)
        index()
        for w in (0, 1):
            assert "Vantosh" in ask(w, 910 + w, "Who founded the Quillon observatory?")

        # The indexer killed with every row written but nothing published: both workers keep
        # answering from the previous state, and the next run completes the change.
        (corpus / "tarvik.txt").write_text(TARVIK)
        (corpus / "quillon.txt").unlink()
        marker = tmp_path / "publishing"
        child = [sys.executable, str(ROOT / "tests/support/milvus_crash_child.py"), str(marker)]
        killed = subprocess.Popen([*child, "600"], cwd=tmp_path, env=indexer_env)
        try:
            fake.wait_for(lambda: marker.exists() or killed.poll() is not None, timeout=300)
            assert marker.exists(), "the indexer ended before publishing"
        finally:
            killed.send_signal(signal.SIGKILL)
            killed.wait()
        for w in (0, 1):
            assert "Vantosh" in ask(w, 920 + w, "Who founded the Quillon observatory?")
            assert "puffins" not in ask(w, 920 + w, "Which birds nest on the Tarvik rock?")
        index()
        for w in (0, 1):
            assert "puffins" in ask(w, 930 + w, "Which birds nest on the Tarvik rock?")
            assert "Vantosh" not in ask(w, 930 + w, "Who founded the Quillon observatory?")
        # Both workers are still the processes started at the beginning: nobody restarted.
        assert [p.poll() for p in procs] == [None, None]
