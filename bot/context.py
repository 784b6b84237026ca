"""Typed state shared by the handlers: PTB's `bot_data` and a `CallbackContext` that exposes it."""

from __future__ import annotations

import asyncio
import functools
import logging
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, TypeVar

from telegram.ext import Application, CallbackContext, ExtBot

from bot.ratelimit import RateLimiter, Stats
from bot.settings import Settings
from index.errors import DocbotError

if TYPE_CHECKING:
    from bot.alerts import AlertSender
    from bot.answerers import AnswerPool
    from bot.feeds import FeedService
    from bot.indexer import IndexProcess
    from bot.memory import ChatMemory
    from index.kb import KnowledgeBase
    from index.types import SourceInfo, SyncReport

T = TypeVar("T")
log = logging.getLogger(__name__)


@dataclass
class BotState:
    """Everything the handlers share. PTB creates it empty; `build_application` fills it in."""

    kb: KnowledgeBase | None = None
    settings: Settings | None = None
    stats: Stats = field(default_factory=Stats)
    limiter: RateLimiter | None = None
    # Index writes (reindex, upload, rescan) run one at a time on their own thread, so they never
    # take a worker that a question needs; questions use the loop's default executor.
    index_executor: ThreadPoolExecutor | None = None
    query_executor: ThreadPoolExecutor | None = None
    indexing: list[str] = field(default_factory=list)  # index writes running or queued
    indexer: IndexProcess | None = None  # None: index writes run in this process
    answers: AnswerPool | None = None  # None: reads run in this process, on query_executor
    last_sync: SyncReport | None = None
    feeds: FeedService | None = None  # feeds and links (issue 10, bot/feed_handlers.py)
    alerts: AlertSender | None = None  # follow alerts (issue 10)
    memory: ChatMemory | None = None  # chats' follow-up contexts (bot/memory.py), opened lazily


class DocbotContext(CallbackContext[ExtBot[Any], dict[Any, Any], dict[Any, Any], BotState]):
    """The `context` every handler and job receives, with typed access to the shared state."""

    def __init__(
        self,
        application: Application[Any, Any, Any, Any, Any, Any],
        chat_id: int | None = None,
        user_id: int | None = None,
    ) -> None:
        super().__init__(application=application, chat_id=chat_id, user_id=user_id)

    @property
    def state(self) -> BotState:
        return self.bot_data

    @property
    def kb(self) -> KnowledgeBase:
        if self.bot_data.kb is None:
            raise RuntimeError("the Application was built without a KnowledgeBase")
        return self.bot_data.kb

    @property
    def settings(self) -> Settings:
        if self.bot_data.settings is None:
            raise RuntimeError("the Application was built without Settings")
        return self.bot_data.settings

    async def off_loop(self, fn: Callable[..., T], *args: Any) -> T:
        """Run a knowledge-base read off the event loop: a method of the bot's KnowledgeBase in
        an answer worker process if there are any (bot/answerers.py), else in a thread."""
        answers = self.bot_data.answers
        if answers is not None and getattr(fn, "__self__", None) is self.bot_data.kb:
            result: T = await answers.call(fn.__name__, *args)
            return result
        executor = self.bot_data.query_executor  # None: the loop's default executor
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(executor, functools.partial(fn, *args))

    async def index_write(self, what: str, fn: Callable[..., T], *args: Any) -> T:
        """Run an index write on the single index thread; `state.indexing` lists what is queued.

        Raises:
            DocbotError: this worker only reads the index (DOCBOT_READ_ONLY).
        """
        if self.settings.read_only:
            raise DocbotError(
                "This bot worker only reads the shared index; documents are added on the "
                "indexer (put them in its corpus folder and run `docbot index` there)."
            )
        state = self.bot_data
        if state.index_executor is None:
            raise RuntimeError("the Application was built without an index executor")
        loop = asyncio.get_running_loop()
        state.indexing.append(what)
        try:
            return await loop.run_in_executor(state.index_executor, functools.partial(fn, *args))
        finally:
            state.indexing.remove(what)


def sync_and_refresh(
    kb: KnowledgeBase, indexer: IndexProcess | None, wait: bool = True
) -> SyncReport:
    """Index what changed (in the worker process if there is one), then answer from it."""
    report = indexer.sync(wait=wait) if indexer is not None else kb.sync(wait=wait)
    kb.refresh()
    return report


def add_and_refresh(
    kb: KnowledgeBase, indexer: IndexProcess | None, name: str, data: bytes, max_bytes: int
) -> tuple[SourceInfo, SyncReport]:
    """Save an upload into the corpus and index it, then answer from the new index."""
    if indexer is None:
        return kb.add_document(name, data, max_bytes)
    result = indexer.add_document(name, data, max_bytes)
    kb.refresh()
    return result
