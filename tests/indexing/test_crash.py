"""A run killed by SIGKILL at any stage leaves a loadable, consistent index; readers never stop."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

from index.config import IndexConfig
from index.kb import KnowledgeBase
from index.storage.local_reader import load_reader as load_snapshot
from index.storage.local_reader import verify

ROOT = Path(__file__).resolve().parents[2]
CHILD = ROOT / "tests" / "support" / "crash_child.py"
PLACES = ["Lisbon", "Nairobi", "Oslo", "Quito", "Hanoi", "Lima", "Accra", "Tbilisi", "Manila"]


def _write_docs(corpus: Path, start: int, count: int) -> None:
    for i in range(start, start + count):
        place = PLACES[i % len(PLACES)]
        paragraphs = [
            f"Delegation {i} arrived in {place} on day {i}. Officials discussed topic {i} "
            f"at length, covering trade, energy, health and security for the region of {place}."
            for _ in range(6)
        ]
        (corpus / f"report-{i:03d}.txt").write_text(f"Report {i}\n\n" + "\n\n".join(paragraphs))


def _start_child(corpus: Path, index_dir: Path, stage: str, marker: Path, seconds: float):
    env = {**os.environ, "PYTHONPATH": str(ROOT), "HF_HUB_OFFLINE": "1"}
    return subprocess.Popen(
        [sys.executable, str(CHILD), str(corpus), str(index_dir), stage, str(marker), str(seconds)],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def _kill_at(corpus: Path, index_dir: Path, stage: str, tmp: Path) -> None:
    marker = tmp / f"{stage}.marker"
    child = _start_child(corpus, index_dir, stage, marker, 600)
    deadline = time.monotonic() + 300
    while not marker.exists():
        assert child.poll() is None, child.communicate()
        assert time.monotonic() < deadline, "child never reached " + stage
        time.sleep(0.05)
    child.send_signal(signal.SIGKILL)
    child.communicate()


def _paths(index_dir: Path) -> set[str]:
    snap = load_snapshot(index_dir)
    try:
        assert verify(snap) == []
        return {d.path for d in snap.docs.values()}
    finally:
        snap.close()


def test_sigkill_at_every_stage_leaves_a_sound_index(tmp_path, embedder):
    corpus, index_dir = tmp_path / "corpus", tmp_path / "index"
    corpus.mkdir()
    _write_docs(corpus, 0, 4)
    kb = KnowledgeBase(IndexConfig(corpus, index_dir), embedder=embedder)
    kb.sync()
    base = _paths(index_dir)
    _write_docs(corpus, 4, 26)  # enough chunks for several embedding batches

    _kill_at(corpus, index_dir, "embedding", tmp_path)
    assert _paths(index_dir) == base  # the previous index, whole

    _kill_at(corpus, index_dir, "before-commit", tmp_path)
    assert _paths(index_dir) == base  # new files were written, but never committed

    report = kb.sync()  # the next run completes the work...
    assert report.added == 26
    assert report.chunks_embedded == 0  # ...without embedding again what the killed runs cached
    full = _paths(index_dir)
    assert len(full) == 30

    (corpus / "report-000.txt").unlink()
    _kill_at(corpus, index_dir, "after-commit", tmp_path)
    assert _paths(index_dir) == full - {"report-000.txt"}  # the commit stands
    final = kb.sync()
    assert (final.added, final.removed, final.documents) == (0, 0, 29)
    assert len(list(index_dir.glob("vectors-*.faiss"))) <= 2  # old generations cleaned up


def test_queries_keep_working_during_a_reindex_and_see_the_new_one(tmp_path, embedder):
    corpus, index_dir = tmp_path / "corpus", tmp_path / "index"
    corpus.mkdir()
    _write_docs(corpus, 0, 3)
    (corpus / "old.txt").write_text("Old memo\n\nThe ambassador toured the Ruritania saltworks.")
    reader = KnowledgeBase(IndexConfig(corpus, index_dir), embedder=embedder)
    reader.sync()
    first = reader.snapshot().generation
    (corpus / "new.txt").write_text("New memo\n\nThe consul opened the Zembla lighthouse museum.")
    _write_docs(corpus, 3, 8)

    marker = tmp_path / "paused.marker"
    writer = _start_child(corpus, index_dir, "before-commit", marker, 3)  # a separate process
    answers: list[tuple[int, str]] = []
    errors: list[BaseException] = []
    stop = threading.Event()

    def ask_repeatedly() -> None:
        while not stop.is_set():
            try:
                hits = reader.search("ambassador saltworks Ruritania", k=2)
                answers.append((reader.snapshot().generation, hits[0].path))
            except BaseException as exc:  # noqa: BLE001 - any failure is the test's finding
                errors.append(exc)
            time.sleep(0.01)

    threads = [threading.Thread(target=ask_repeatedly) for _ in range(2)]
    for t in threads:
        t.start()
    deadline = time.monotonic() + 300
    while not marker.exists() and writer.poll() is None and time.monotonic() < deadline:
        time.sleep(0.05)
    during = len(answers)
    out, err = writer.communicate(timeout=300)
    assert writer.returncode == 0, err
    time.sleep(0.3)
    stop.set()
    for t in threads:
        t.join()

    assert errors == []
    assert during > 0  # answered while the writer held its transaction open
    assert all(path == "old.txt" for _, path in answers)
    gens = [g for g, _ in answers]
    assert gens[0] == first and gens[-1] == first + 1  # picked up without a restart
    assert reader.search("Zembla lighthouse museum", k=1)[0].path == "new.txt"


def test_a_second_cli_run_waits_for_the_lock_or_fails_fast(tmp_path, embedder):
    corpus, index_dir = tmp_path / "corpus", tmp_path / "index"
    corpus.mkdir()
    _write_docs(corpus, 0, 2)
    marker = tmp_path / "held.marker"
    holder = _start_child(corpus, index_dir, "before-commit", marker, 600)
    deadline = time.monotonic() + 300
    while not marker.exists():
        assert holder.poll() is None and time.monotonic() < deadline
        time.sleep(0.05)
    env = {
        **os.environ,
        "DOCBOT_CORPUS": str(corpus),
        "DOCBOT_INDEX_DIR": str(index_dir),
        "PYTHONPATH": str(ROOT),
    }
    fast = subprocess.run(
        [sys.executable, "-m", "bot.cli", "index", "--no-wait"],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
    )
    assert fast.returncode == 1
    assert "holds the lock" in fast.stderr
    # The holder keeps the lock until this second run has said it is waiting for it.
    err = tmp_path / "waited.err"
    with err.open("w") as err_file:
        waited = subprocess.Popen(
            [sys.executable, "-m", "bot.cli", "index", "--json"],
            stdout=subprocess.PIPE,
            stderr=err_file,
            text=True,
            env=env,
        )
        while "waiting" not in err.read_text():
            assert waited.poll() is None, err.read_text()
            assert time.monotonic() < deadline + 300, "the second run never waited"
            time.sleep(0.05)
        Path(f"{marker}.release").touch()
        out, _ = waited.communicate(timeout=300)
    assert waited.returncode == 0, err.read_text()
    assert json.loads(out)["unchanged"] == 2  # it indexed after the holder, not beside it
    _, holder_err = holder.communicate(timeout=300)
    assert holder.returncode == 0, holder_err
    assert _paths(index_dir) == {"report-000.txt", "report-001.txt"}
