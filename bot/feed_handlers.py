"""Chat side of feeds, links and follows: the commands, the background jobs, the unfollow buttons.

Admins: /feeds, /addfeed URL, /removefeed URL, and /add URL or a message that is only a link.
Everyone: /follow TOPIC, /following (with a button to unfollow each topic), /unfollow TOPIC.

Two jobs: the feed poll every DOCBOT_FEED_SECONDS, and a short alert tick that plans alerts
when the index has a new generation (after any rescan, reindex, upload, link or poll) and
starts sending the outbox in the background.
"""

from __future__ import annotations

import asyncio
import html
import logging
import re
import zlib
from typing import Any

from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.ext import Application, CallbackQueryHandler, CommandHandler, MessageHandler, filters

from bot.admin import require_admin
from bot.alerts import AlertSender, plan_alerts
from bot.context import DocbotContext, sync_and_refresh
from bot.feeds import FeedService
from bot.replies import effective_message, reply, typing
from bot.subscriptions import Subscriptions, topic_key
from index.errors import DocbotError, NoIndexError
from index.ingest.feeds import parse_feed
from index.ingest.web import FEED_TYPES, check_url, fetch

log = logging.getLogger(__name__)

ALERT_TICK_SECONDS = 2.0
URL_ONLY = re.compile(r"^\s*(https?://\S+)\s*$", re.IGNORECASE)
COMMANDS = {
    "feeds": "List the news feeds (admin)",
    "addfeed": "Add an RSS or Atom feed (admin)",
    "removefeed": "Stop reading a feed (admin)",
    "add": "Add the page at a link (admin)",
    "follow": "Get an alert when a new document matches a topic",
    "following": "The topics this chat follows",
    "unfollow": "Stop following a topic",
}
PUBLIC = ("follow", "following", "unfollow")
HELP_HTML = (
    "\n\n<b>Follow a topic</b>\n/follow TOPIC — an alert when a new document matches it\n"
    "/following — your topics, with buttons to unfollow\n/unfollow TOPIC — stop"
)
ADMIN_HELP_HTML = (
    "\n/feeds, /addfeed URL, /removefeed URL — the news feeds read every few minutes\n"
    "/add URL, or just send a link — add that page (or PDF)"
)


def register(app: Application[Any, Any, Any, Any, Any, Any]) -> None:
    """Add the handlers (before the generic text and unknown-command handlers)."""
    new = filters.UpdateType.MESSAGE
    handlers = {
        "feeds": list_feeds,
        "addfeed": add_feed,
        "removefeed": remove_feed,
        "add": add_command,
        "follow": follow,
        "following": following,
        "unfollow": unfollow,
    }
    for name, callback in handlers.items():
        app.add_handler(CommandHandler(name, callback, filters=new))
    app.add_handler(CallbackQueryHandler(unfollow_button, pattern=r"^uf:[0-9a-f]{8}$"))
    link = filters.ChatType.PRIVATE & filters.TEXT & ~filters.COMMAND & filters.Regex(URL_ONLY)
    app.add_handler(MessageHandler(new & link, link_message))


def install(app: Application[Any, Any, Any, Any, Any, Any]) -> None:
    """Create the feed service and the alert sender, and schedule their jobs."""
    state = app.bot_data
    settings = state.settings
    state.feeds = FeedService(settings)
    state.alerts = AlertSender(settings.feeds_db_path(), per_second=settings.broadcast_per_second)
    if app.job_queue is None:
        return
    once = {"max_instances": 1, "coalesce": True}
    # A read-only worker (one of N on a shared store) leaves feeds to the indexer's machine.
    if settings.feed_seconds > 0 and not settings.read_only:
        app.job_queue.run_repeating(
            poll_job, interval=settings.feed_seconds, first=1.0, name="feeds", job_kwargs=once
        )
    app.job_queue.run_repeating(
        alert_tick, interval=ALERT_TICK_SECONDS, first=0.5, name="alerts", job_kwargs=once
    )


async def start(app: Application[Any, Any, Any, Any, Any, Any]) -> None:
    """Plan alerts once before the bot handles any update (run from the bot's post_init).

    The first plan records what the index holds as the baseline that alerts are announced
    against. Made lazily on the first alert tick instead, it raced with the first updates: a
    link an admin sent right after a start could be indexed before that tick, and was then
    taken for part of the archive and never announced.
    """
    state = app.bot_data
    sender: AlertSender | None = state.alerts
    if sender is None or state.kb is None:
        return
    kb = state.kb
    loop = asyncio.get_running_loop()
    try:
        generation = await loop.run_in_executor(None, lambda: kb.snapshot().generation)
    except NoIndexError:
        return
    await loop.run_in_executor(None, _plan, kb, sender)
    sender.planned_generation = generation


# -- jobs ---------------------------------------------------------------------------------------


async def poll_job(context: DocbotContext) -> None:
    """Poll the feeds, index what they brought, and plan alerts for it."""
    service: FeedService | None = context.state.feeds
    if service is None:
        return
    try:
        report = await asyncio.to_thread(service.poll)
    except Exception:  # one bad poll must never stop the job (it logs and retries next time)
        log.exception("Feed poll failed")
        return
    if report.saved or report.failed:
        log.info(
            "Feeds: %d new items, %d saved, %d failed",
            report.new_items,
            len(report.saved),
            len(report.failed),
        )
    if service.unindexed:
        try:
            await context.index_write("feeds", sync_and_refresh, context.kb, context.state.indexer)
            service.unindexed = False
        except DocbotError as exc:
            log.warning("Indexing the feeds' pages failed (retried next poll): %s", exc)
            return
        await alert_tick(context)


async def alert_tick(context: DocbotContext) -> None:
    """Plan alerts when the index changed; start sending if anything is waiting."""
    sender: AlertSender | None = context.state.alerts
    if sender is None:
        return
    try:
        generation = await context.off_loop(lambda: context.kb.snapshot().generation)
    except NoIndexError:
        return
    if generation != sender.planned_generation:
        await context.off_loop(_plan, context.kb, sender)
        sender.planned_generation = generation
    if sender.subs().pending(limit=1) and not sender.busy:
        sender.busy = True
        context.application.create_task(_drain(sender, context), name="alerts")


def _plan(kb: Any, sender: AlertSender) -> int:
    subs = Subscriptions(sender.db_path)
    try:
        return plan_alerts(kb, subs)
    finally:
        subs.close()


async def _drain(sender: AlertSender, context: DocbotContext) -> None:
    try:
        await sender.drain(context.bot)
    except Exception:
        log.exception("Sending alerts failed; the rest are sent at the next tick")
    finally:
        sender.busy = False


# -- admin: feeds and links ---------------------------------------------------------------------


def _service(context: DocbotContext) -> FeedService:
    service: FeedService | None = context.state.feeds
    if service is None:
        raise DocbotError("Feeds are not set up in this bot.")
    return service


async def list_feeds(update: Update, context: DocbotContext) -> None:
    if not await require_admin(update, context, "manage feeds"):
        return
    with _service(context).state() as state:
        feeds = state.feeds()
    if not feeds:
        await reply(update, context, "No feeds yet. Add one with /addfeed URL.")
        return
    lines = [f"<b>{len(feeds)} feed{'s' if len(feeds) != 1 else ''}</b>"]
    for feed in feeds:
        status = "ok" if not feed.failures else f"failing: {feed.last_error}"
        name = f"{feed.title} — " if feed.title else ""
        lines.append(f"• {html.escape(name + feed.url)} ({html.escape(status)})")
    await reply(update, context, "\n".join(lines))


async def add_feed(update: Update, context: DocbotContext) -> None:
    if not await require_admin(update, context, "add feeds"):
        return
    service = _service(context)
    try:
        url = check_url(" ".join(context.args or []))
        got = await asyncio.to_thread(fetch, url, service.policy, accept=FEED_TYPES)
        title, entries = parse_feed(got.data, got.url)
    except DocbotError as exc:
        await reply(update, context, f"Not added: {html.escape(str(exc))}")
        return
    with service.state() as state:
        added = state.add_feed(url)
    if not added:
        await reply(update, context, "I already read that feed.")
        return
    await reply(
        update,
        context,
        f"Added <b>{html.escape(title or url)}</b> ({len(entries)} items now). "
        "I'm fetching its items; they become answerable in a few minutes.",
    )
    if context.job_queue is not None:
        context.job_queue.run_once(poll_job, when=0.1, name="feeds-now")  # type: ignore[arg-type]


async def remove_feed(update: Update, context: DocbotContext) -> None:
    if not await require_admin(update, context, "remove feeds"):
        return
    try:
        url = check_url(" ".join(context.args or []))
    except DocbotError as exc:
        await reply(update, context, html.escape(str(exc)))
        return
    with _service(context).state() as state:
        removed = state.remove_feed(url)
    text = "Removed; its pages stay in the corpus." if removed else "That feed is not in the list."
    await reply(update, context, text)


async def add_command(update: Update, context: DocbotContext) -> None:
    await _add_link(update, context, " ".join(context.args or []))


async def link_message(update: Update, context: DocbotContext) -> None:
    await _add_link(update, context, effective_message(update).text or "")


async def _add_link(update: Update, context: DocbotContext, text: str) -> None:
    if not await require_admin(update, context, "add links"):
        return
    if not text.strip():
        await reply(update, context, "Please put a link after /add.")
        return
    message = effective_message(update)
    service = _service(context)
    try:
        async with typing(context, message.chat_id):
            link, info = await context.index_write(
                "link", service.add_link, context.kb, context.state.indexer, text.strip()
            )
    except DocbotError as exc:
        await reply(update, context, f"Not added: {html.escape(str(exc))}")
        return
    if info is None:
        await reply(update, context, f"Saved as {html.escape(link.path)}, but it was not indexed.")
        return
    date = f" ({info.date})" if info.date else ""
    what = "Already in the corpus" if link.known else "Added"
    await reply(
        update,
        context,
        f"{what}: <b>{html.escape(info.title)}</b>{html.escape(date)}, {info.chunks} "
        f"chunk{'s' if info.chunks != 1 else ''}, saved as {html.escape(info.path)}. "
        "You can ask about it now.",
    )


# -- everyone: follows --------------------------------------------------------------------------


def _subs(context: DocbotContext) -> Subscriptions:
    sender: AlertSender | None = context.state.alerts
    if sender is None:
        raise DocbotError("Alerts are not set up in this bot.")
    return sender.subs()


def _button_key(topic: str) -> str:
    return f"{zlib.crc32(topic_key(topic).encode('utf-8')):08x}"


async def follow(update: Update, context: DocbotContext) -> None:
    topic = " ".join(context.args or [])
    if not topic.strip():
        await reply(update, context, "Please put a topic after /follow, e.g. /follow Seoul")
        return
    chat_id = effective_message(update).chat_id
    try:
        added = _subs(context).follow(chat_id, topic)
    except ValueError as exc:
        await reply(update, context, html.escape(str(exc)))
        return
    topic = " ".join(topic.split())
    if added:
        text = (
            f"Following <b>{html.escape(topic)}</b>: I'll send one message for each new document "
            "about it. /following lists your topics."
        )
    else:
        text = f"This chat already follows <b>{html.escape(topic)}</b>."
    await reply(update, context, text)


async def following(update: Update, context: DocbotContext) -> None:
    topics = _subs(context).topics_of(effective_message(update).chat_id)
    if not topics:
        await reply(update, context, "This chat follows no topic. Start with /follow TOPIC.")
        return
    lines = ["<b>This chat follows</b>"] + [f"• {html.escape(t)}" for t in topics]
    markup = InlineKeyboardMarkup(
        [
            [InlineKeyboardButton(f"Unfollow {t}"[:48], callback_data=f"uf:{_button_key(t)}")]
            for t in topics
        ]
    )
    message = effective_message(update)
    await context.bot.send_message(message.chat_id, "\n".join(lines), reply_markup=markup)


async def unfollow(update: Update, context: DocbotContext) -> None:
    topic = " ".join(context.args or [])
    chat_id = effective_message(update).chat_id
    if _subs(context).unfollow(chat_id, topic):
        await reply(update, context, f"Stopped following <b>{html.escape(topic.strip())}</b>.")
    else:
        await reply(update, context, "This chat does not follow that. /following lists its topics.")


async def unfollow_button(update: Update, context: DocbotContext) -> None:
    query = update.callback_query
    assert query is not None and query.data is not None  # guaranteed by the handler's pattern
    chat = update.effective_chat
    assert chat is not None
    subs = _subs(context)
    key = query.data.split(":", 1)[1]
    topic = next((t for t in subs.topics_of(chat.id) if _button_key(t) == key), None)
    if topic is None:
        await query.answer("You don't follow that any more.")
        return
    subs.unfollow(chat.id, topic)
    await query.answer(f"Unfollowed {topic}"[:200])
    left = subs.topics_of(chat.id)
    text = (
        "<b>This chat follows</b>\n" + "\n".join(f"• {html.escape(t)}" for t in left)
        if left
        else "This chat follows no topic any more."
    )
    markup = (
        InlineKeyboardMarkup(
            [
                [InlineKeyboardButton(f"Unfollow {t}"[:48], callback_data=f"uf:{_button_key(t)}")]
                for t in left
            ]
        )
        if left
        else None
    )
    await query.edit_message_text(text, reply_markup=markup)
