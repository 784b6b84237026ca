"""Telegram misbehaving (429, 5xx, timeouts, outages), bugs in a handler, slow work, and secrets."""

from __future__ import annotations

import logging
import socket
import threading
from pathlib import Path
from typing import Any

import pytest
from support.bot_harness import (
    ADMIN,
    TOKEN,
    BotThread,
    Conversation,
    bot_settings,
    bulletins,
    running_bot,
    write_corpus,
)
from support.fake_telegram import FakeTelegram

from bot.logsafe import REDACTED
from bot.telegram_app import build_application
from index.config import IndexConfig
from index.kb import KnowledgeBase

QUESTION = "Who did Blinken meet in Seoul?"


class GatedKB:
    """The real knowledge base, with fault injection: slow or crashing questions, a slow sync."""

    def __init__(self, kb: KnowledgeBase) -> None:
        self._kb = kb
        self.release = threading.Event()
        self.slow_question_started = threading.Event()
        self.sync_started = threading.Event()

    def __getattr__(self, name: str) -> Any:
        return getattr(self._kb, name)

    def _gate(self, question: str) -> None:
        if "CRASH" in question:
            raise RuntimeError("an unexpected bug")
        if "SLOW" in question:
            self.slow_question_started.set()
            assert self.release.wait(120)

    def ask(self, question: str) -> Any:
        self._gate(question)
        return self._kb.ask(question)

    def respond(self, message: str, context: Any = None) -> Any:  # plain text in the bot
        self._gate(message)
        return self._kb.respond(message, context)

    def sync(self, **kwargs: Any) -> Any:
        self.sync_started.set()
        assert self.release.wait(120)
        return self._kb.sync(**kwargs)


@pytest.fixture(scope="module")
def kb(tmp_path_factory: pytest.TempPathFactory, embedder) -> KnowledgeBase:
    base = tmp_path_factory.mktemp("bot_failures")
    corpus = write_corpus(base / "corpus", bulletins(9))  # two pages of /sources
    kb = KnowledgeBase(IndexConfig(corpus, base / "index"), embedder=embedder)
    kb.sync()
    return kb


@pytest.fixture(scope="module")
def bot(kb: KnowledgeBase, tmp_path_factory: pytest.TempPathFactory):
    """A bot with a short Telegram timeout, so slow answers time out quickly."""
    with running_bot(kb, tmp_path_factory.mktemp("bot"), DOCBOT_TELEGRAM_TIMEOUT=1.5) as (
        fake,
        app,
    ):
        yield fake, app


def _answers(fake: FakeTelegram, chat_id: int, text: str) -> list[Any]:
    return [m for m in fake.messages_to(chat_id) if m.plain.startswith(text)]


def test_429_is_waited_out_and_the_answer_delivered_exactly_once(bot, kb) -> None:
    fake, _ = bot
    expected = kb.ask(QUESTION).text
    fake.fail("sendMessage", 429, retry_after=1)
    chat = Conversation(fake, 301)
    chat.say(QUESTION)
    attempts = [c for c in fake.calls_of("sendMessage") if c.params["chat_id"] == 301]
    assert [c.status for c in attempts] == [429, 200]
    assert attempts[1].at - attempts[0].at >= 1.0  # Telegram's retry_after was respected
    fake.wait_for(lambda: fake.pending_updates() == 0)
    chat.say("/help")  # later traffic flows, and the answer was not sent again
    assert len(_answers(fake, 301, expected)) == 1


def test_5xx_answers_are_retried_with_backoff(bot, kb) -> None:
    fake, _ = bot
    expected = kb.ask(QUESTION).text
    fake.fail("sendMessage", 502, count=2)
    Conversation(fake, 302).say(QUESTION)
    statuses = [c.status for c in fake.calls_of("sendMessage") if c.params["chat_id"] == 302]
    assert statuses == [502, 502, 200]
    assert len(_answers(fake, 302, expected)) == 1


def test_answer_is_delivered_once_telegram_is_back_from_an_outage(bot, kb) -> None:
    fake, _ = bot
    expected = kb.ask(QUESTION).text
    fake.outage(502)
    try:
        fake.send_text(303, QUESTION)
        fake.wait_for(
            lambda: (
                len([c for c in fake.calls_of("sendMessage") if c.params["chat_id"] == 303]) >= 3
            )
        )
    finally:
        fake.outage(None)
    fake.wait_for(lambda: _answers(fake, 303, expected))
    chat = Conversation(fake, 303)
    chat.say("/help")
    assert len(_answers(fake, 303, expected)) == 1


def test_read_timeout_on_a_send_is_not_resent(bot, kb, caplog) -> None:
    fake, _ = bot
    expected = kb.ask(QUESTION).text
    # Telegram takes the message but answers after the bot's 1.5 s timeout.
    fake.delay("sendMessage", 4.0)
    with caplog.at_level(logging.WARNING):
        fake.send_text(304, QUESTION)
        fake.wait_for(lambda: "may or may not have been delivered" in caplog.text)
        chat = Conversation(fake, 304)
        chat.say("/help")  # the bot carries on
    assert len(_answers(fake, 304, expected)) == 1  # delivered once: never duplicated
    assert not any("went wrong" in m.plain for m in fake.messages_to(304))
    sends = [c for c in fake.calls_of("sendMessage") if c.params["chat_id"] == 304]
    assert len(sends) == 2  # the answer (once) and the /help reply


def test_timeouts_on_idempotent_calls_are_retried(bot) -> None:
    fake, _ = bot
    chat = Conversation(fake, 305)
    listing = chat.say("/sources")[0]
    # The edit is applied but its answer comes late; the resend finds it already applied.
    fake.delay("editMessageText", 4.0)
    fake.delay("answerCallbackQuery", 0, drop=True)  # processed, then the connection drops
    query = fake.press_button(listing, listing.buttons[-1]["callback_data"], user_id=305)  # Next
    fake.wait_for(lambda: len(fake.calls_of("editMessageText")) >= 2, timeout=60)
    fake.wait_for(lambda: fake.calls_of("editMessageText")[-1].status == 400)
    assert listing.edits == 1 and "page 2 of 2" in listing.plain  # applied once
    assert [a["callback_query_id"] for a in fake.callback_answers].count(query) == 1
    chat.say("/help")
    assert not any("went wrong" in m.plain for m in chat.sent())


def test_unexpected_error_is_logged_and_the_user_told(kb, tmp_path: Path, caplog) -> None:
    gated = GatedKB(kb)
    with caplog.at_level(logging.ERROR), running_bot(gated, tmp_path) as (fake, app):
        chat = Conversation(fake, 306)
        sorry = chat.say("CRASH please")[0].plain
        assert sorry.startswith("Sorry, something went wrong")
        record = next(r for r in caplog.records if r.getMessage().startswith("Error while"))
        assert record.exc_info and isinstance(record.exc_info[1], RuntimeError)
        errors = app.bot_data.stats.errors  # (no `app` in asserts: its repr shows the token)
        assert errors == 1
        assert chat.say(QUESTION)[0].plain.startswith(kb.ask(QUESTION).text)  # still running


def test_slow_question_and_running_reindex_never_delay_other_chats(kb, tmp_path: Path) -> None:
    gated = GatedKB(kb)
    with running_bot(gated, tmp_path) as (fake, _):
        expected = kb.ask(QUESTION).text
        fake.send_text(307, "SLOW question about Seoul")
        assert gated.slow_question_started.wait(60)
        admin = Conversation(fake, ADMIN)
        assert admin.say("/reindex")[0].plain.startswith("Reindexing")
        assert gated.sync_started.wait(60)
        # Both are stuck in worker threads; other chats are answered meanwhile.
        for chat_id in (308, 309):
            assert Conversation(fake, chat_id).say(QUESTION)[0].plain.startswith(expected)
        assert fake.messages_to(307) == []
        # The slow chat sees "typing…" while it waits (quick answers don't need it).
        fake.wait_for(
            lambda: any(c.params["chat_id"] == 307 for c in fake.calls_of("sendChatAction"))
        )
        assert {c.params["action"] for c in fake.calls_of("sendChatAction")} == {"typing"}
        assert "already running" in admin.say("/reindex")[0].plain
        gated.release.set()
        fake.wait_messages(307, 1)
        fake.wait_for(lambda: any(m.plain.startswith("Index updated") for m in admin.sent()))


def test_outside_the_allowlist_users_are_refused(kb, tmp_path: Path) -> None:
    with running_bot(kb, tmp_path, DOCBOT_ALLOWED_USER_IDS="401") as (fake, _):
        refusal = Conversation(fake, 402).say(QUESTION)[0].plain
        assert "this bot is private" in refusal and "(402)" in refusal
        assert Conversation(fake, 401).say(QUESTION)[0].plain.startswith(kb.ask(QUESTION).text)
        assert Conversation(fake, ADMIN).say("/help")  # admins are always allowed


def test_bot_starts_when_telegram_comes_back(kb, tmp_path: Path) -> None:
    with socket.socket() as probe:  # a port nobody listens on yet: connections are refused
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    fake = FakeTelegram(TOKEN, port=port)
    settings = bot_settings(fake, kb.corpus, kb.index_dir)
    bot = BotThread(build_application(settings, kb), settings)
    starter = threading.Thread(target=bot.start, kwargs={"timeout": 120})
    starter.start()
    try:
        threading.Event().wait(1.5)  # the bot is retrying getMe against a closed port
        started = bot.app.running
        assert not started
        fake.start()
        starter.join(120)
        started = bot.app.running
        assert started
        assert Conversation(fake, 403).say(QUESTION)
    finally:
        starter.join(120)
        bot.stop()
        fake.stop()


def test_token_never_appears_in_logs(make_kb, tmp_path: Path, caplog) -> None:
    kb = make_kb(seed=True)
    kb.sync()
    log_file = tmp_path / "bot.log"
    file_handler = logging.FileHandler(log_file, encoding="utf-8")
    file_handler.setFormatter(logging.Formatter("%(levelname)s %(name)s %(message)s"))
    root = logging.getLogger()
    root.addHandler(file_handler)
    caplog.set_level(logging.DEBUG)
    try:
        with FakeTelegram(TOKEN) as fake:
            settings = bot_settings(fake, kb.corpus, kb.index_dir)
            app = build_application(settings, kb)
            # Force the chattiest loggers on: httpx and PTB print every URL, token included.
            for name in ("httpx", "httpcore", "telegram", "bot"):
                logging.getLogger(name).setLevel(logging.DEBUG)
            with BotThread(app, settings):
                user, admin = Conversation(fake, 501), Conversation(fake, ADMIN)
                user.say("/start")
                answer = user.say(QUESTION)[0]
                fake.press_button(answer, answer.buttons[0]["callback_data"], user_id=501)
                fake.wait_messages(501, 3)
                fake.fail("sendMessage", 429, retry_after=1)
                fake.fail("sendMessage", 500)
                user.say(QUESTION)
                before = len(admin.sent())
                fake.send_document(ADMIN, "note.txt", b"Note\n\nThe Ostrel ferry.", user_id=ADMIN)
                admin.wait_new(before)
                admin.say("/stats")
    finally:
        root.removeHandler(file_handler)
        file_handler.close()
        for name in ("httpx", "httpcore", "telegram", "bot"):
            logging.getLogger(name).setLevel(logging.NOTSET)
    secret = TOKEN.split(":", 1)[1]
    texts = [caplog.text, log_file.read_text(encoding="utf-8")]
    texts += [r.exc_text or "" for r in caplog.records]
    for text in texts:
        assert TOKEN not in text and secret not in text
    assert f"{REDACTED}/getMe" in caplog.text  # URLs were logged, and scrubbed
    assert "HTTP Request: POST" in log_file.read_text(encoding="utf-8")
