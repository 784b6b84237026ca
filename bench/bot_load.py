"""Load test of the Telegram bot: many chats asking at once while a reindex runs.

The bot runs as `docbot serve` in its own process, exactly as deployed, pointed at the local fake
Bot API server (tests/support/fake_telegram.py) that this script drives. Each chat asks its
questions one after another (a user waits for the answer before asking again); all chats run
concurrently.
Time to reply = from the update being queued at the server to the bot's sendMessage arriving.

Phases: a baseline run, then the same load while an admin's /reindex indexes new documents.

    .venv/bin/python bench/bot_load.py            # 50 chats x 10 questions
    .venv/bin/python bench/bot_load.py --chats 10 --questions 3 --base-docs 0
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import platform
import random
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from support.fake_telegram import FakeTelegram  # noqa: E402

TOKEN = "7000001:AAHx-BeNcH_SeCrEt-0123456789abcdefghij"
ADMIN = 42
STATEDEPT = ROOT.parent / "shared" / "data" / "statedept"


def _children(pid: int) -> list[int]:
    """The processes whose parent is `pid` (the bot's answer workers and index process)."""
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            if int(stat.read_text().rsplit(")", 1)[1].split()[1]) == pid:
                found.append(int(stat.parent.name))
        except (OSError, ValueError, IndexError):
            continue
    return found


def _children_cpu(pid: int) -> float:
    """CPU seconds of `pid`'s child processes (those still running)."""
    total = 0.0
    for child in _children(pid):
        with contextlib.suppress(OSError, ValueError, IndexError):
            total += _cpu_seconds(child)
    return total


def _cpu_seconds(pid: int) -> float:
    """User+system CPU time of a process (Linux /proc), in seconds."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


@dataclass
class PhaseResult:
    name: str
    latencies: list[float] = field(default_factory=list)  # seconds
    lost: int = 0
    duplicated: int = 0
    errors: int = 0
    seconds: float = 0.0
    reindex_window: tuple[float, float] | None = None
    during_reindex: int = 0  # questions asked while the reindex ran
    cpu_bot: float = 0.0
    cpu_workers: float = 0.0  # the bot's child processes: answer workers (and the indexer)
    cpu_harness: float = 0.0
    chat_actions: int = 0  # "typing…" requests the bot sent besides its replies


def _questions() -> list[str]:
    out = []
    for name in ("seed.jsonl", "statedept.jsonl"):
        path = ROOT / "tests" / "questions" / name
        if path.exists():
            out += [json.loads(line)["question"] for line in path.read_text().splitlines() if line]
    return out or ["Who did Blinken meet in Seoul?", "What happened in November 2023?"]


def _statedept_files(n: int, skip: int) -> list[Path]:
    if n <= 0 or not (STATEDEPT / "text").is_dir():
        return []
    return sorted((STATEDEPT / "text").rglob("*.txt"))[skip : skip + n]


def _synthetic(i: int) -> str:
    return (
        f"Port bulletin {i}\n\nDate: 2020-01-{i % 28 + 1:02d}\n\n"
        + " ".join(
            f"In week {w} the port of Veltmar number {i} handled {i * w + 11} ships, and the "
            f"pilot on duty, pilot {w}, reported calm water and {w + i % 5} delays."
            for w in range(1, 40)
        )
        + "\n"
    )


def _add_documents(corpus: Path, n: int, skip: int) -> int:
    files = _statedept_files(n, skip)
    for path in files:
        shutil.copy(path, corpus / path.name)
    for i in range(n - len(files)):
        (corpus / f"port-bulletin-{skip + i}.txt").write_text(_synthetic(skip + i))
    return n


def _machine() -> str:
    mem = "?"
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                mem = f"{int(line.split()[1]) / 1024**2:.1f} GB"
    except OSError:
        pass
    versions = []
    for dist in ("python-telegram-bot", "httpx", "torch", "faiss-cpu", "sentence-transformers"):
        with contextlib.suppress(metadata.PackageNotFoundError):
            versions.append(f"{dist} {metadata.version(dist)}")
    return (
        f"{platform.platform()}; {os.cpu_count()} cores; {mem} RAM; "
        f"Python {platform.python_version()}; " + ", ".join(versions)
    )


def _percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(q / 100 * (len(ordered) - 1))))]


def _run_phase(
    fake: FakeTelegram,
    bot_pid: int,
    name: str,
    chats: int,
    per_chat: int,
    questions: list[str],
    think: float,
    first_chat: int,
    reindex: tuple[Path, int, int] | None = None,
) -> PhaseResult:
    result = PhaseResult(name)
    calls_before = len(fake.calls)
    lock = threading.Lock()
    asked_at: list[float] = []
    start_gate = threading.Barrier(chats + 1)

    def user(chat_id: int) -> None:
        # Real users neither start nor think in lockstep: with a think time, each starts at a
        # random point of one think period and pauses 0.5-1.5 times it (seeded: repeatable).
        rng = random.Random(chat_id)
        start_gate.wait()
        if think:
            time.sleep(rng.uniform(0, think))
        for j in range(per_chat):
            question = questions[(chat_id * 7 + j) % len(questions)]
            before = len(fake.messages_to(chat_id))
            t0 = time.monotonic()
            fake.send_text(chat_id, question)
            try:
                msgs = fake.wait_messages(chat_id, before + 1, timeout=120)
            except AssertionError:
                with lock:
                    result.lost += 1
                continue
            reply = msgs[before]
            with lock:
                asked_at.append(t0)
                result.latencies.append(reply.sent_at - t0)
                if reply.plain.startswith("Sorry") or "went wrong" in reply.plain:
                    result.errors += 1
            if think:
                time.sleep(think * rng.uniform(0.5, 1.5))

    threads = [
        threading.Thread(target=user, args=(first_chat + i,), daemon=True) for i in range(chats)
    ]
    for t in threads:
        t.start()
    if reindex is not None:
        corpus, n, skip = reindex
        _add_documents(corpus, n, skip)
        before = len(fake.messages_to(ADMIN))
        fake.send_text(ADMIN, "/reindex")
        fake.wait_messages(ADMIN, before + 1)  # "Reindexing…": the index thread has started
        started = time.monotonic()
    cpu0 = (_cpu_seconds(bot_pid), _cpu_seconds(os.getpid()), _children_cpu(bot_pid))
    start_gate.wait()
    t_start = time.monotonic()
    for t in threads:
        t.join()
    result.seconds = time.monotonic() - t_start
    result.cpu_bot = _cpu_seconds(bot_pid) - cpu0[0]
    result.cpu_harness = _cpu_seconds(os.getpid()) - cpu0[1]
    result.cpu_workers = _children_cpu(bot_pid) - cpu0[2]
    if reindex is not None:
        report = fake.wait_messages(ADMIN, before + 2, timeout=3600)[before + 1]
        result.reindex_window = (started, report.sent_at)
        result.during_reindex = sum(1 for t in asked_at if started <= t <= report.sent_at)
        if not report.plain.startswith("Index updated"):
            result.errors += 1
            print("reindex failed:", report.plain, file=sys.stderr)
    # Lost/duplicated: every chat must hold exactly one reply per question, once it settles.
    time.sleep(1.0)
    for i in range(chats):
        got = len(fake.messages_to(first_chat + i))
        result.duplicated += max(0, got - per_chat)
    result.errors += sum(1 for c in fake.calls[calls_before:] if c.status >= 400)
    result.chat_actions = sum(1 for c in fake.calls[calls_before:] if c.method == "sendChatAction")
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--chats", type=int, default=50)
    parser.add_argument("--questions", type=int, default=10, help="questions per chat")
    parser.add_argument(
        "--think",
        type=float,
        default=0.0,
        help="mean seconds a user reads before asking again (0: all ask at once, back to back)",
    )
    parser.add_argument("--base-docs", type=int, default=100, help="State Dept documents to start")
    parser.add_argument("--reindex-docs", type=int, default=40, help="documents the reindex adds")
    parser.add_argument(
        "--src",
        type=Path,
        default=None,
        help="run the bot from this source tree (a baseline from `git archive`), not this one",
    )
    args = parser.parse_args(argv)

    questions = _questions()
    work = Path(tempfile.mkdtemp(prefix="docbot-bot-load-"))
    corpus = work / "corpus"
    shutil.copytree(ROOT / "docs_corpus", corpus)
    _add_documents(corpus, args.base_docs, 0)
    log_file = work / "bot.log"
    print(f"machine: {_machine()}; load average {os.getloadavg()[0]:.1f} at the start")
    print(f"work dir: {work}; bot source: {args.src or ROOT}")
    with FakeTelegram(TOKEN) as fake:
        env = fake.serve_env(
            corpus,
            work / "index",
            DOCBOT_ADMIN_IDS=str(ADMIN),
            DOCBOT_RESCAN_SECONDS="0",
            # Every chat asks 10 questions in a row: the per-user limit would be the bottleneck.
            DOCBOT_RATE_LIMIT_PER_MINUTE=str(max(10, args.questions)),
            DOCBOT_LOG_FILE=str(log_file),
        )
        if args.src is not None:
            env["PYTHONPATH"] = str(args.src.resolve())
            env.setdefault("DOCBOT_MODEL_CACHE", str(ROOT / ".docbot" / "models"))
        code = "import sys; from bot.cli import main; sys.exit(main(['serve']))"
        t0 = time.monotonic()
        bot = subprocess.Popen([sys.executable, "-c", code], cwd=work, env=env)
        print(f"bot pid {bot.pid}", flush=True)
        try:
            fake.wait_for(lambda: fake.commands or bot.poll() is not None, timeout=3600)
            if bot.poll() is not None:
                print("the bot exited during start-up; see", log_file, file=sys.stderr)
                return 1
            print(
                f"bot ready (initial index of {len(list(corpus.glob('*.txt')))} files) "
                f"in {time.monotonic() - t0:.1f} s"
            )
            fake.send_text(1, questions[0])  # warm-up: the first query loads the model
            fake.wait_messages(1, 1, timeout=600)
            phases = [
                _run_phase(
                    fake,
                    bot.pid,
                    "baseline",
                    args.chats,
                    args.questions,
                    questions,
                    args.think,
                    1000,
                ),
                _run_phase(
                    fake,
                    bot.pid,
                    "during /reindex",
                    args.chats,
                    args.questions,
                    questions,
                    args.think,
                    2000,
                    (corpus, args.reindex_docs, args.base_docs),
                ),
            ]
            before = len(fake.messages_to(ADMIN))
            fake.send_text(ADMIN, "/stats")
            stats = fake.wait_messages(ADMIN, before + 1)[before].plain
        finally:
            bot.send_signal(signal.SIGTERM)
            try:
                bot.wait(120)
            except subprocess.TimeoutExpired:
                bot.kill()
    total = args.chats * args.questions
    print()
    print(
        f"{args.chats} chats x {args.questions} questions each, all chats at once; think time "
        f"{args.think:.1f} s (x0.5-1.5, random start); {len(questions)} distinct questions"
    )
    header = (
        f"{'phase':<16} {'replies':>8} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8} "
        f"{'q/s':>6} {'errors':>6} {'lost':>5} {'dup':>5}"
    )
    print(header)
    print("-" * len(header))
    for r in phases:
        lat = r.latencies or [float("nan")]
        print(
            f"{r.name:<16} {len(r.latencies):>5}/{total:<3}{_percentile(lat, 50) * 1000:>7.0f} "
            f"{_percentile(lat, 95) * 1000:>8.0f} {max(lat) * 1000:>8.0f} "
            f"{len(r.latencies) / r.seconds:>6.1f} {r.errors:>6} {r.lost:>5} {r.duplicated:>5}"
        )
    for r in phases:
        print(
            f"{r.name}: {r.seconds:.1f} s wall; CPU {r.cpu_bot:.1f} s in the bot process, "
            f"{r.cpu_workers:.1f} s in its child processes (answer workers, indexer), "
            f"{r.cpu_harness:.1f} s in this harness (fake server + {args.chats} user threads); "
            f"per reply {1000 * r.cpu_bot / max(1, len(r.latencies)):.1f} ms in the bot process, "
            f"{1000 * r.cpu_workers / max(1, len(r.latencies)):.1f} ms in its children; "
            f"{r.chat_actions} typing actions sent"
        )
    for r in phases:
        if r.reindex_window:
            a, b = r.reindex_window
            print(
                f"reindex of {args.reindex_docs} new documents took {b - a:.1f} s; "
                f"{r.during_reindex} of the {total} questions were asked while it ran"
            )
    wanted = ("Reply time", "Query embeddings", "Errors", "Questions answered")
    print("bot /stats: " + "; ".join(s for s in stats.splitlines() if s.startswith(wanted)))
    print(f"load average {' '.join(f'{x:.1f}' for x in os.getloadavg())} at the end")
    print(
        f"bot exit status {bot.returncode}; token in bot log: "
        f"{TOKEN in log_file.read_text() if log_file.exists() else 'no log'}"
    )
    shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
