"""Groups, webhook mode behind a reverse proxy, and `docbot serve` as a whole process."""

from __future__ import annotations

import json
import signal
import socket
import subprocess
import sys
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from support.bot_harness import (
    ADMIN,
    TOKEN,
    BotThread,
    Conversation,
    bot_settings,
    running_bot,
    write_corpus,
)
from support.fake_telegram import BOT_USERNAME, FakeTelegram

from bot.telegram_app import build_application
from index.config import IndexConfig
from index.kb import KnowledgeBase

QUESTION = "Who did Blinken meet in Seoul?"
GROUP = -1001234


@pytest.fixture(scope="module")
def kb(tmp_path_factory: pytest.TempPathFactory, embedder) -> KnowledgeBase:
    base = tmp_path_factory.mktemp("bot_modes")
    kb = KnowledgeBase(
        IndexConfig(write_corpus(base / "corpus", {}), base / "index"), embedder=embedder
    )
    kb.sync()
    return kb


def test_group_answers_only_ask_mentions_and_replies(kb, tmp_path: Path) -> None:
    expected = kb.ask(QUESTION).text
    with running_bot(kb, tmp_path) as (fake, _):
        alice = Conversation(fake, GROUP, user_id=601, chat_type="supergroup")
        bob = Conversation(fake, GROUP, user_id=602, chat_type="supergroup")
        ignored = [
            fake.send_text(GROUP, QUESTION, user_id=601, chat_type="supergroup"),
            fake.send_text(
                GROUP, f"/ask@other_bot {QUESTION}", user_id=602, chat_type="supergroup"
            ),
            fake.send_sticker(GROUP, user_id=601, chat_type="supergroup"),
        ]
        fake.send_document(GROUP, "x.txt", b"text", user_id=ADMIN, chat_type="supergroup")

        asked = alice.say(f"/ask {QUESTION}")[0]
        mentioned = bob.say(f"@{BOT_USERNAME} {QUESTION}")[0]
        command_to_me = bob.say(f"/ask@{BOT_USERNAME} {QUESTION}")[0]
        followup = alice.say(QUESTION, reply_to_message_id=asked.message_id)[0]
        for reply in (asked, mentioned, command_to_me, followup):
            assert reply.plain.startswith(expected)
        # Each answer quotes the message it answers, so the group can follow who asked what.
        answered = [m.reply_to for m in (asked, mentioned, command_to_me, followup)]
        assert None not in answered
        assert not {m["message_id"] for m in ignored} & set(answered)
        fake.wait_for(lambda: fake.pending_updates() == 0)
        alice.say("/help")
        assert len(alice.sent()) == 5  # nothing for the ignored messages or the shared file
        assert not fake.calls_of("getFile")
        empty_mention = bob.say(f"@{BOT_USERNAME}")[0].plain
        assert empty_mention.startswith("Please put your question")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_webhook_mode_behind_a_reverse_proxy(kb, tmp_path: Path) -> None:
    port = _free_port()
    with FakeTelegram(TOKEN) as fake:
        settings = bot_settings(
            fake,
            kb.corpus,
            kb.index_dir,
            DOCBOT_WEBHOOK_URL="https://bot.example.org/telegram/hook",
            DOCBOT_WEBHOOK_LISTEN="127.0.0.1",
            DOCBOT_WEBHOOK_PORT=port,
            DOCBOT_WEBHOOK_SECRET="proxy-shared-secret_1",
        )
        local = f"http://127.0.0.1:{port}/telegram/hook"
        with BotThread(build_application(settings, kb), settings):
            assert fake.webhook is not None
            assert fake.webhook["url"] == "https://bot.example.org/telegram/hook"
            assert fake.webhook["secret_token"] == "proxy-shared-secret_1"
            assert fake.webhook["allowed_updates"] == ["message", "callback_query"]
            fake.webhook_target = local  # the proxy forwards Telegram's calls here
            reply = Conversation(fake, 701).say(QUESTION)[0]
            assert reply.plain.startswith(kb.ask(QUESTION).text)
            assert fake.webhook_deliveries and not fake.calls_of("getUpdates")
            # A caller without the secret (not Telegram, not through the proxy) is refused.
            forged = urllib.request.Request(
                local,
                data=json.dumps(fake.webhook_deliveries[0]).encode(),
                headers={"Content-Type": "application/json"},
            )
            with pytest.raises(urllib.error.HTTPError) as refused:
                urllib.request.urlopen(forged, timeout=10)
            refused.value.close()
            assert refused.value.code == 403
            assert len(fake.messages_to(701)) == 1


def test_serve_process_full_session(tmp_path: Path) -> None:
    """`docbot serve` as users run it: indexes first, answers, indexes uploads and dropped files
    in its worker process, stops on SIGTERM, and leaks the token nowhere."""
    corpus = write_corpus(tmp_path / "corpus", {})
    log_file, console = tmp_path / "docbot.log", tmp_path / "console.txt"
    with FakeTelegram(TOKEN) as fake, console.open("w") as out:
        env = fake.serve_env(
            corpus,
            tmp_path / "index",
            DOCBOT_ADMIN_IDS=str(ADMIN),
            DOCBOT_RESCAN_SECONDS="1",
            DOCBOT_LOG_FILE=str(log_file),
        )
        code = "import sys; from bot.cli import main; sys.exit(main(['-v', 'serve']))"
        proc = subprocess.Popen(
            [sys.executable, "-c", code],
            cwd=tmp_path,  # no stray .env from the repository
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
        try:
            fake.wait_for(lambda: fake.commands or proc.poll() is not None, timeout=240)
            assert proc.poll() is None, console.read_text()
            user, admin = Conversation(fake, 801), Conversation(fake, ADMIN)
            assert "[1]" in user.say(QUESTION, timeout=120)[0].plain
            # An upload, indexed by the worker process, answerable by the bot.
            before = len(admin.sent())
            fake.send_document(
                ADMIN,
                "quillon.txt",
                b"Quillon observatory\n\nThe Quillon observatory was founded in 1887 by the "
                b"astronomer Mirela Vantosh.\n",
                user_id=ADMIN,
            )
            assert admin.wait_new(before, timeout=180)[0].plain.startswith("Added Quillon")
            assert "Vantosh" in user.say("Who founded the Quillon observatory?")[0].plain
            # A file dropped into the corpus, found by the background rescan.
            (corpus / "tarvik.txt").write_text(
                "Tarvik lighthouse\n\nA colony of Atlantic puffins nests on the Tarvik "
                "lighthouse rock every spring.\n"
            )
            fake.wait_for(
                lambda: "Index updated" in log_file.read_text(encoding="utf-8"), timeout=180
            )
            answer = user.say("Which birds nest on the Tarvik lighthouse rock?")[0].plain
            assert "puffins" in answer
            proc.send_signal(signal.SIGTERM)
            proc.wait(timeout=120)
        finally:
            if proc.poll() is None:
                proc.kill()
                proc.wait()
    output = console.read_text(encoding="utf-8")
    assert proc.returncode == 0, output
    log = log_file.read_text(encoding="utf-8")
    assert "docbot is running as @" in log and "Index ready" in log
    for text in (output, log):
        assert TOKEN not in text and TOKEN.split(":")[1] not in text
