"""Worker processes: `docbot serve` answers on every core, from the current index, and index
writes run beside them at a lower priority."""

from __future__ import annotations

import asyncio
import os
import signal
from pathlib import Path

import pytest
from conftest import CountingEmbedder
from support.bot_harness import Conversation, running_bot, write_corpus

from bot.answerers import AnswerPool
from bot.indexer import IndexProcess
from bot.settings import Settings
from index.config import IndexConfig
from index.errors import DocbotError
from index.kb import KnowledgeBase

QUESTION = "Who did Blinken meet in Tokyo in November 2023?"
NEW_DOC = """Title: Secretary Blinken's meeting with Foreign Minister Quillon Aresh
Published: 2024-02-01

Secretary Blinken met Foreign Minister Quillon Aresh of Valdoria in Reykjavik on February 1.
They discussed fisheries, Arctic shipping lanes and a new consulate in Nuuk.
"""
NEW_QUESTION = "Who did Blinken meet in Reykjavik?"


class QueryCounting(CountingEmbedder):
    """The real embedder, counting the questions it embeds."""

    queries = 0

    def embed_queries(self, texts):
        self.queries += len(texts)
        return super().embed_queries(texts)


@pytest.fixture
def kb(tmp_path, embedder) -> KnowledgeBase:
    corpus = write_corpus(tmp_path / "corpus", {})
    kb = KnowledgeBase(IndexConfig(corpus, tmp_path / "index"), embedder=embedder)
    kb.sync()
    return kb


@pytest.fixture
def pool(kb):
    pool = AnswerPool(kb.config, 2)
    yield pool
    pool.close()


def test_workers_answer_as_the_bot_would_and_pick_up_new_documents(kb, pool) -> None:
    pids = pool.start()
    assert len(pids) == 2 and os.getpid() not in pids
    reply = asyncio.run(pool.call("ask", QUESTION))
    expected = kb.ask(QUESTION)
    assert reply.found and reply.text == expected.text
    assert [c.doc_id for c in reply.citations] == [c.doc_id for c in expected.citations]
    assert [s.doc_id for s in asyncio.run(pool.call("sources"))] == [s.doc_id for s in kb.sources()]
    assert not asyncio.run(pool.call("ask", NEW_QUESTION)).found

    kb.add_document("reykjavik.txt", NEW_DOC.encode())  # a new generation, in this process

    async def both() -> list:
        return await asyncio.gather(*(pool.call("ask", NEW_QUESTION) for _ in range(4)))

    for answer in asyncio.run(both()):  # both workers, without a restart
        assert answer.found and "Quillon Aresh" in answer.text


def test_a_workers_error_arrives_as_itself(pool) -> None:
    with pytest.raises(DocbotError, match="no longer in the index"):
        asyncio.run(pool.call("passage", "no-such-document", 0, 10))


def test_a_killed_worker_is_replaced_and_the_question_answered(kb, pool) -> None:
    for pid in pool.start():
        os.kill(pid, signal.SIGKILL)
    reply = asyncio.run(pool.call("ask", QUESTION))
    assert reply.found and reply.text == kb.ask(QUESTION).text


def test_the_bot_answers_from_its_workers_not_its_own_process(kb, tmp_path) -> None:
    counting = QueryCounting(kb.embedder)
    mine = KnowledgeBase(kb.config, embedder=counting)
    expected = kb.ask(QUESTION)
    with running_bot(mine, tmp_path / "bot", DOCBOT_ANSWER_PROCESSES=2) as (fake, app):
        assert app.bot_data.answers is not None and app.bot_data.answers.processes == 2
        chat = Conversation(fake, 7001)
        (reply,) = chat.say(QUESTION, timeout=120)
        assert expected.found and reply.plain.startswith(expected.text)
    assert counting.queries == 0  # every question was embedded and answered in a worker


def _niceness(pid: int) -> int:
    return int(Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[16])


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads /proc (Linux)")
def test_index_writes_run_in_a_process_that_yields_the_cpu_to_answers(kb) -> None:
    indexer = IndexProcess(kb.config)
    try:
        kb.corpus.joinpath("reykjavik.txt").write_text(NEW_DOC, encoding="utf-8")
        assert indexer.sync().added == 1
        (worker,) = indexer._pool._processes  # the executor's own table: {pid: process}
        if hasattr(os, "SCHED_IDLE"):  # Linux: it runs only when no answer wants the CPU
            assert os.sched_getscheduler(worker) == os.SCHED_IDLE
            assert os.sched_getscheduler(os.getpid()) != os.SCHED_IDLE
        else:
            assert _niceness(worker) >= _niceness(os.getpid()) + 10
    finally:
        indexer.close()
    kb.refresh()
    assert kb.ask(NEW_QUESTION).found


def test_how_many_processes_answer() -> None:
    def workers(**env: str) -> int:
        return Settings(_env_file=None, **env).answer_workers()  # type: ignore[call-arg]

    assert workers() == (os.cpu_count() or 1)
    assert workers(DOCBOT_ANSWER_PROCESSES="3") == 3
    # An embedded milvus-lite file is one process's; a Milvus server is anyone's.
    assert workers(DOCBOT_STORE="milvus", DOCBOT_ANSWER_PROCESSES="3") == 1
    assert workers(DOCBOT_STORE="milvus", DOCBOT_MILVUS_URI="/tmp/x/milvus.db") == 1
    server = {"DOCBOT_STORE": "milvus", "DOCBOT_MILVUS_URI": "http://127.0.0.1:19530"}
    assert workers(**server, DOCBOT_ANSWER_PROCESSES="3") == 3
