"""`docbot chat`: the terminal chat, driven through piped stdin like a newcomer's `make run`."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path

import pytest
from support.bot_harness import ROOT, bulletins, write_corpus

from bot.chat import run
from bot.settings import Settings
from index.config import IndexConfig
from index.kb import KnowledgeBase

QUESTION = "Who did Blinken meet in Seoul?"


@pytest.fixture(scope="module")
def kb(tmp_path_factory: pytest.TempPathFactory, embedder) -> KnowledgeBase:
    base = tmp_path_factory.mktemp("chat")
    corpus = write_corpus(base / "corpus", bulletins(9))
    kb = KnowledgeBase(IndexConfig(corpus, base / "index"), embedder=embedder)
    kb.sync()
    return kb


def _chat(kb: KnowledgeBase, lines: list[str]) -> tuple[int, str]:
    settings = Settings(_env_file=None, DOCBOT_CORPUS=str(kb.corpus))  # type: ignore[call-arg]
    out = io.StringIO()
    code = run(settings, kb=kb, stdin=io.StringIO("\n".join(lines) + "\n"), stdout=out)
    return code, out.getvalue()


def test_piped_session_answers_cites_and_opens_passages(kb: KnowledgeBase) -> None:
    answer = kb.ask(QUESTION)
    code, out = _chat(kb, [QUESTION, "/passage 1", "/quit", "never read"])
    assert code == 0
    assert out.startswith(f"docbot chat: {len(kb.sources())} documents.")
    assert "> " not in out  # no prompt when stdin is not a terminal
    first = answer.citations[0]
    bolded = answer.text
    for start, end in sorted(answer.highlights, reverse=True):
        bolded = bolded[:start] + "**" + bolded[start:end] + "**" + bolded[end:]
    assert bolded in out  # the same answer as the bot, answer words marked
    assert "**Sources**" in out
    assert any(f"[{first.n}]" in line and first.title in line for line in out.splitlines())
    sentence = kb.document_text(first.doc_id)[first.start : first.end]
    assert f"**{sentence}**" in out  # /passage bolds the answering sentence
    assert "never read" not in out and out.count("docbot chat:") == 1


def test_commands(kb: KnowledgeBase) -> None:
    summary = kb.summarize("Harbour bulletin 3 of Veltmar")
    code, out = _chat(
        kb,
        [
            "/help",
            "/summary Harbour bulletin 3 of Veltmar",
            "/sources",
            "/sources 2",
            "/ask",
            "/passage 9",
            "x" * 5000,
            "/frobnicate",
            "/stats",
        ],
    )
    assert code == 0  # end of input ends the chat
    plain = out.replace("**", "")
    assert "Try:\n  What do the documents say about" in out and "/quit" in out
    assert summary.text.split("[")[0].strip() in plain
    assert f"{len(kb.sources())} documents — page 1 of 2" in plain and "(/sources 2" in plain
    assert "page 2 of 2" in plain
    assert "Please give a question after /ask." in out
    assert "Give a citation number" in out
    assert "That is 5,000 characters" in out
    assert "Unknown command /frobnicate" in out
    assert "Documents: **" in out


def test_passage_before_any_question(kb: KnowledgeBase) -> None:
    _, out = _chat(kb, ["/passage 1"])
    assert "Ask a question first" in out


def test_docbot_chat_process_with_piped_stdin(tmp_path: Path) -> None:
    """The real `docbot chat`: builds the index first, then answers questions from stdin."""
    corpus = write_corpus(tmp_path / "corpus", {})
    env = {
        **os.environ,
        "HF_HUB_OFFLINE": "1",
        "PYTHONPATH": str(ROOT),
        "DOCBOT_CORPUS": str(corpus),
        "DOCBOT_INDEX_DIR": str(tmp_path / "index"),
    }
    env.pop("TELEGRAM_BOT_TOKEN", None)
    proc = subprocess.run(
        [sys.executable, "-c", "import sys; from bot.cli import main; sys.exit(main(['chat']))"],
        input=f"{QUESTION}\n/sources\n/quit\n",
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env=env,
        timeout=300,
    )
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.startswith("docbot chat: 2 documents.")
    assert "2 documents** — page 1 of 1" in proc.stdout
    assert "Updating the index" in proc.stderr


def test_follow_ups_summaries_and_timelines_in_the_chat(kb: KnowledgeBase) -> None:
    code, out = _chat(
        kb,
        [
            QUESTION,
            "What about Tokyo?",
            "/new",
            "And in 2021?",
            "summarize the November 2023 trip",
            "/trips Blinken in 2023",
            "what's new?",
        ],
    )
    assert code == 0
    blocks = out.split("\n")
    assert "Reading this as: Who did Blinken meet in Tokyo?" in blocks
    assert out.count("Reading this as") == 1  # after /new, "And in 2021?" is not a follow-up
    assert "Tel Aviv → Amman → Tokyo → Seoul → New Delhi" in out
    assert "2–10 November 2023: Secretary Blinken's travel" in out
    assert "page 1 of" in out  # "what's new?" lists the documents


def test_a_followup_keeps_the_time_in_the_chat(kb: KnowledgeBase) -> None:
    code, out = _chat(
        kb, ["Who did Blinken meet in Seoul in November 2023?", "What about Tokyo?", "/quit"]
    )
    assert code == 0
    assert "Reading this as: Who did Blinken meet in Tokyo in November 2023?" in out
    after = out.split("Reading this as: Who did Blinken meet in Tokyo in November 2023?")[1]
    assert "Kishida" in after or "Kamikawa" in after
    assert "Motegi" not in after
