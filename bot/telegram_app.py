"""The Telegram bot: build the PTB Application, and run it by long polling or webhook.

`build_application` is the one place that wires handlers, the background rescan job, the error
handler and the delivery layer (see bot/delivery.py) together; `serve` is what `docbot serve`
runs. Tests run the very same Application against a local fake Bot API server via `base_url`.
"""

from __future__ import annotations

import asyncio
import logging
import os
import secrets
import urllib.parse
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from typing import TYPE_CHECKING, Any

from telegram import BotCommand, BotCommandScopeChat, LinkPreviewOptions, Update
from telegram.constants import ParseMode
from telegram.error import BadRequest, NetworkError, TelegramError
from telegram.ext import (
    Application,
    ApplicationBuilder,
    CallbackQueryHandler,
    CommandHandler,
    ContextTypes,
    Defaults,
    MessageHandler,
    TypeHandler,
    filters,
)

from bot import admin, feed_handlers, handlers
from bot.context import BotState, DocbotContext, sync_and_refresh
from bot.delivery import RetryAfterLimiter, RetryingRequest
from bot.indexer import IndexProcess
from bot.logsafe import redact_token_in_logs
from bot.ratelimit import RateLimiter
from bot.render import report_lines, to_text
from bot.settings import Settings
from index.embed.batching import BatchingEmbedder
from index.errors import DocbotError, IndexLockedError

if TYPE_CHECKING:
    from index.kb import KnowledgeBase

log = logging.getLogger(__name__)

ALLOWED_UPDATES = [Update.MESSAGE, Update.CALLBACK_QUERY]
PUBLIC_COMMANDS = [
    BotCommand("ask", "Answer a question from the documents"),
    BotCommand("summary", "Summarize a trip or a document"),
    BotCommand("trips", "A timeline of trips: a person, a place or a period"),
    BotCommand("new", "Forget this conversation (follow-ups start afresh)"),
    BotCommand("sources", "List the documents"),
    BotCommand("help", "How to use this bot"),
]
PUBLIC_COMMANDS += [BotCommand(c, feed_handlers.COMMANDS[c]) for c in feed_handlers.PUBLIC]
ADMIN_COMMANDS = [
    *PUBLIC_COMMANDS,
    BotCommand("reindex", "Index what changed in the corpus"),
    BotCommand("stats", "Index and usage figures"),
]
ADMIN_COMMANDS += [
    BotCommand(c, d) for c, d in feed_handlers.COMMANDS.items() if c not in feed_handlers.PUBLIC
]
_NEW_MESSAGES = filters.UpdateType.MESSAGE  # edits of old messages are not new questions

_DEFAULT = object()
DocbotApp = Application[Any, DocbotContext, Any, Any, BotState, Any]


def _token(settings: Settings) -> str:
    token = settings.telegram_bot_token.get_secret_value() if settings.telegram_bot_token else ""
    if not token.strip():
        raise DocbotError(
            "TELEGRAM_BOT_TOKEN is not set. Put the token from @BotFather in the environment or "
            "in .env, or run `docbot chat` to try the bot in the terminal."
        )
    return token.strip()


def build_application(
    settings: Settings, kb: KnowledgeBase, indexer: IndexProcess | None = None
) -> DocbotApp:
    """The bot's Application: handlers, jobs, error handler, retries, typed context.

    Index writes go to `indexer` (a worker process) when given, else run on a thread here.

    Raises:
        DocbotError: no token is configured.
    """
    token = _token(settings)
    redact_token_in_logs(token)
    # Opt in to PTB 22's timedelta time periods: reading RetryAfter.retry_after otherwise
    # raises a deprecation warning on every 429.
    os.environ.setdefault("PTB_TIMEDELTA", "true")
    timeout = settings.telegram_timeout
    builder = (
        ApplicationBuilder()
        .token(token)
        .context_types(ContextTypes(context=DocbotContext, bot_data=BotState))
        .defaults(
            Defaults(
                parse_mode=ParseMode.HTML,
                link_preview_options=LinkPreviewOptions(is_disabled=True),
                allow_sending_without_reply=True,
            )
        )
        .concurrent_updates(True)
        .rate_limiter(RetryAfterLimiter())
        .request(
            RetryingRequest(
                budget=settings.telegram_retry_seconds,
                connection_pool_size=128,
                connect_timeout=timeout,
                read_timeout=timeout,
                write_timeout=timeout,
                pool_timeout=timeout,
            )
        )
        .post_init(_post_init)
        .post_shutdown(_post_shutdown)
    )
    if settings.telegram_base_url:
        builder = builder.base_url(settings.telegram_base_url)
    if settings.telegram_base_file_url:
        builder = builder.base_file_url(settings.telegram_base_file_url)
    app: DocbotApp = builder.build()  # type: ignore[assignment]
    state = app.bot_data
    state.kb, state.settings, state.indexer = kb, settings, indexer
    state.limiter = RateLimiter(settings.rate_limit_per_minute)
    _register(app)
    feed_handlers.install(app)
    if settings.rescan_seconds > 0 and not settings.read_only and app.job_queue is not None:
        app.job_queue.run_repeating(
            rescan,
            interval=settings.rescan_seconds,
            first=settings.rescan_seconds,
            name="rescan",
            job_kwargs={"max_instances": 1, "coalesce": True},
        )
    return app


def _register(app: DocbotApp) -> None:
    private = filters.ChatType.PRIVATE
    app.add_handler(TypeHandler(Update, handlers.gate), group=-1)
    feed_handlers.register(app)
    commands = {
        "start": handlers.start,
        "help": handlers.help_command,
        "ask": handlers.ask,
        "summary": handlers.summary,
        "trips": handlers.trips,
        "new": handlers.new_conversation,
        "sources": handlers.sources,
        "reindex": admin.reindex,
        "stats": admin.stats,
    }
    for name, callback in commands.items():
        app.add_handler(CommandHandler(name, callback, filters=_NEW_MESSAGES))
    app.add_handler(CallbackQueryHandler(handlers.passage_button, pattern=r"^p:"))
    app.add_handler(CallbackQueryHandler(handlers.sources_button, pattern=r"^s:\d{1,6}$"))
    app.add_handler(CallbackQueryHandler(handlers.stale_button))
    app.add_handler(MessageHandler(_NEW_MESSAGES & filters.Document.ALL, admin.document))
    app.add_handler(
        MessageHandler(_NEW_MESSAGES & filters.TEXT & ~filters.COMMAND, handlers.text_message)
    )
    app.add_handler(
        MessageHandler(_NEW_MESSAGES & private & filters.COMMAND, handlers.unknown_command)
    )
    app.add_handler(MessageHandler(_NEW_MESSAGES & private, handlers.unsupported))
    app.add_error_handler(on_error)


async def _post_init(app: DocbotApp) -> None:
    """Register the command menus with Telegram and start the index thread."""
    state = app.bot_data
    state.index_executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="docbot-index")
    assert state.settings is not None
    state.query_executor = ThreadPoolExecutor(
        max_workers=state.settings.query_threads, thread_name_prefix="docbot-query"
    )
    workers = state.settings.answer_workers()
    if workers > 1 and state.kb is not None:
        from bot.answerers import AnswerPool

        state.answers = AnswerPool(state.kb.config, workers)
        pids = await asyncio.get_running_loop().run_in_executor(None, state.answers.start)
        log.info("Questions are answered by %d worker processes: %s", len(pids), pids)
    await feed_handlers.start(app)
    await app.bot.set_my_commands(PUBLIC_COMMANDS)
    for admin_id in sorted(state.settings.admin_ids):
        try:
            await app.bot.set_my_commands(ADMIN_COMMANDS, scope=BotCommandScopeChat(admin_id))
        except BadRequest as exc:  # the admin has not started a chat with the bot yet
            log.info("Admin command menu not set for %s: %s", admin_id, exc)
    log.info("docbot is running as @%s", app.bot.username)


async def _post_shutdown(app: DocbotApp) -> None:
    """Let running knowledge-base work finish, then release its threads."""
    state = app.bot_data
    for executor in (state.query_executor, state.index_executor):
        if executor is not None:
            executor.shutdown(wait=True, cancel_futures=True)
    state.query_executor = state.index_executor = None
    if state.answers is not None:
        state.answers.close()
        state.answers = None
    if state.indexer is not None:
        state.indexer.close()


async def rescan(context: DocbotContext) -> None:
    """Index what changed in the corpus folder; answers use the old index until it is ready."""
    if context.state.indexing:
        return  # a reindex or an upload is already bringing the index up to date
    try:
        report = await context.index_write(
            "rescan", sync_and_refresh, context.kb, context.state.indexer, False
        )
    except IndexLockedError:
        log.info("Rescan skipped: another index run holds the lock")
        return
    except DocbotError as exc:
        log.warning("Rescan failed: %s", exc)
        return
    context.state.last_sync = report
    if report.added or report.updated or report.removed or report.renamed:
        log.info("Rescan: %s", to_text(report_lines(report, "Index updated")).replace("\n", " "))


async def on_error(update: object, context: DocbotContext) -> None:
    """Log any unexpected error with its traceback and tell the user something went wrong."""
    error = context.error
    log.error("Error while handling an update", exc_info=error)
    context.state.stats.errors += 1
    if isinstance(error, NetworkError) and not isinstance(error, BadRequest):
        return  # Telegram itself is unreachable: an apology could not get through either
    if not isinstance(update, Update) or update.effective_chat is None:
        return
    try:
        if update.callback_query is not None:
            await update.callback_query.answer("Sorry, something went wrong.", show_alert=True)
        else:
            await context.bot.send_message(
                update.effective_chat.id,
                "Sorry, something went wrong while handling that. Please try again in a moment.",
            )
    except TelegramError as exc:
        log.warning("Could not tell the user about the error: %s", exc)


def run_application(
    app: DocbotApp, settings: Settings, *, stop_signals: Sequence[int] | None | object = _DEFAULT
) -> None:
    """Run until stopped: long polling, or a webhook when DOCBOT_WEBHOOK_URL is set.

    `stop_signals=None` lets a test run the bot outside the main thread.
    """
    signals: dict[str, Any] = {} if stop_signals is _DEFAULT else {"stop_signals": stop_signals}
    if settings.webhook_url:
        secret = (
            settings.webhook_secret.get_secret_value()
            if settings.webhook_secret
            else secrets.token_urlsafe(32)  # setWebhook is sent anew at each start
        )
        path = urllib.parse.urlsplit(settings.webhook_url).path.strip("/")
        log.info(
            "Webhook mode: listening on %s:%s/%s for %s",
            settings.webhook_listen,
            settings.webhook_port,
            path,
            settings.webhook_url,
        )
        app.run_webhook(
            listen=settings.webhook_listen,
            port=settings.webhook_port,
            url_path=path,
            webhook_url=settings.webhook_url,
            secret_token=secret,
            allowed_updates=ALLOWED_UPDATES,
            bootstrap_retries=-1,
            **signals,
        )
    else:
        app.run_polling(
            allowed_updates=ALLOWED_UPDATES,
            poll_interval=0.0,
            timeout=10,
            bootstrap_retries=-1,
            **signals,
        )


def configure_logging(settings: Settings, token: str) -> None:
    """Redact the token from all logs, log the bot at INFO, and to DOCBOT_LOG_FILE if set."""
    redactor = redact_token_in_logs(token)
    root = logging.getLogger()
    if not root.handlers:
        logging.basicConfig(format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    logging.getLogger("bot").setLevel(logging.INFO)
    if settings.log_file is not None:
        to_file = logging.FileHandler(settings.log_file, encoding="utf-8")
        to_file.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
        to_file.setLevel(logging.INFO)
        root.addHandler(to_file)
        if root.getEffectiveLevel() > logging.INFO:
            root.setLevel(logging.INFO)
    for handler in root.handlers:  # belt and braces: records built by a foreign factory too
        handler.addFilter(redactor)


def serve(settings: Settings) -> None:
    """`docbot serve`: update the index, then run the bot until SIGINT/SIGTERM.

    Raises:
        DocbotError: no token, no corpus folder, or an index built with other settings.
    """
    token = _token(settings)
    configure_logging(settings, token)
    from index.embed import build_embedder
    from index.kb import KnowledgeBase

    # One intra-op thread per embedding call unless configured: questions already run in
    # parallel on their own threads, and a background reindex must leave a core for them; with
    # two threads per call a busy 2-core machine spends most of its time spinning.
    config = settings.index_config(embed_threads=settings.embed_threads or 1)
    embedder = BatchingEmbedder(build_embedder(config))
    kb = KnowledgeBase(config, embedder=embedder)
    if settings.read_only:  # one of N workers on a shared index: the indexer writes it
        log.info("Index ready (read only): generation %d", kb.snapshot().generation)
        run_application(build_application(settings, kb), settings)
        return
    log.info("Bringing the index of %s up to date…", settings.corpus)
    report = kb.sync()
    kb.refresh()
    log.info("%s", to_text(report_lines(report, "Index ready")).replace("\n", " "))
    indexer = IndexProcess(settings.index_config())
    run_application(build_application(settings, kb, indexer), settings)
