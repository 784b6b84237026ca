"""Follow-ups end to end through the fake Bot API: the chat's context, a reply to an old
answer, a restart of the bot, `/new`, and the intent router in a private chat."""

from __future__ import annotations

import pytest
from support.bot_harness import Conversation, running_bot, write_corpus

from index.config import IndexConfig
from index.kb import KnowledgeBase


@pytest.fixture(scope="module")
def kb(tmp_path_factory: pytest.TempPathFactory, embedder) -> KnowledgeBase:
    base = tmp_path_factory.mktemp("followups")
    corpus = write_corpus(base / "corpus", {})
    kb = KnowledgeBase(IndexConfig(corpus, base / "index"), embedder=embedder)
    kb.sync()
    return kb


def test_followups_survive_a_restart_and_new_clears_them(kb, tmp_path) -> None:
    with running_bot(kb, tmp_path / "one") as (fake, _):
        chat = Conversation(fake, 501)
        first = chat.say("Who did Blinken meet in Seoul?")[0]
        assert "Reading this as" not in first.plain
        assert "Yoon Suk Yeol" in first.plain or "Chung Eui-yong" in first.plain
        tokyo = chat.say("What about Tokyo?")[0].plain
        assert tokyo.startswith("Reading this as: Who did Blinken meet in Tokyo?")
        assert "Kishida" in tokyo or "Motegi" in tokyo or "Kamikawa" in tokyo
        summary = chat.say("Summarize the November 2023 trip")[0].plain
        assert "Tel Aviv → Amman → Tokyo → Seoul → New Delhi" in summary
        sources = chat.say("what documents do you have?")[0].plain
        assert "documents" in sources and "page 1 of" in sources
    # A new process of the bot: the memory is on disk, next to the index.
    with running_bot(kb, tmp_path / "two") as (fake, _):
        chat = Conversation(fake, 501)
        again = chat.say("Who did Blinken meet in Seoul?")[0]
        later = chat.say("What about Tokyo?")[0]
        assert "Tokyo" in later.plain
        # Replying to the Seoul answer reads the follow-up against it, not the latest (Tokyo).
        year = chat.say("And in 2021?", reply_to_message_id=again.message_id)[0].plain
        assert year.startswith("Reading this as: Who did Blinken meet in Seoul in 2021?")
        assert "Chung Eui-yong" in year
        assert "Afresh" in chat.say("/new")[0].plain.title()
        fresh = chat.say("What about Tokyo?")[0].plain
        assert "Reading this as" not in fresh


def test_memory_outlives_the_process(kb, tmp_path) -> None:
    with running_bot(kb, tmp_path / "a") as (fake, _):
        Conversation(fake, 502).say("Who did Blinken meet in Seoul?")
    with running_bot(kb, tmp_path / "b") as (fake, _):
        follow = Conversation(fake, 502).say("What about Tokyo?")[0].plain
        assert follow.startswith("Reading this as: Who did Blinken meet in Tokyo?")


def test_trips_command(kb, tmp_path) -> None:
    with running_bot(kb, tmp_path / "t") as (fake, _):
        chat = Conversation(fake, 503)
        out = chat.say("/trips Blinken in 2023")[0].plain
        assert (
            "2–10 November 2023" in out and "[1]" in out and "2021" not in out.split("Sources")[0]
        )
        assert "topic after /trips" in chat.say("/trips")[0].plain


def test_a_followup_keeps_the_time_of_the_question(kb, tmp_path) -> None:
    with running_bot(kb, tmp_path / "time") as (fake, _):
        chat = Conversation(fake, 504)
        chat.say("Who did Blinken meet in Seoul in November 2023?")
        tokyo = chat.say("What about Tokyo?")[0].plain
        assert tokyo.startswith("Reading this as: Who did Blinken meet in Tokyo in November 2023?")
        # November 2023's Tokyo stop, not March 2021's.
        assert "Kishida" in tokyo or "Kamikawa" in tokyo
        assert "Motegi" not in tokyo and "2021" not in tokyo.split("Sources")[0]
        year = chat.say("And in 2021?")[0].plain
        assert year.startswith("Reading this as: Who did Blinken meet in Tokyo in 2021?")
        assert "Motegi" in year
        seoul = chat.say("What about Seoul?")[0].plain
        assert seoul.startswith("Reading this as: Who did Blinken meet in Seoul in 2021?")
        assert "Chung Eui-yong" in seoul and "Yoon" not in seoul
