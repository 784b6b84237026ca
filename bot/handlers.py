"""Update handlers: one small coroutine per kind of update, registered by `telegram_app`.

Knowledge-base work runs off the event loop (`context.off_loop`, `context.index_write`), so one
slow question or a running reindex never delays other chats. Expected failures (`DocbotError`)
become replies here; anything else reaches the single error handler in `telegram_app`.
"""

from __future__ import annotations

import asyncio
import contextlib
import html
import logging
import time
from collections.abc import AsyncIterator, Sequence
from pathlib import PurePosixPath

from telegram import (
    Chat,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    Message,
    MessageEntity,
    ReplyParameters,
    Update,
)
from telegram.constants import ChatAction
from telegram.error import BadRequest, TelegramError
from telegram.ext import ApplicationHandlerStop

from bot.context import DocbotContext, sync_and_refresh
from bot.render import (
    Button,
    citation_buttons,
    decode_passage,
    help_examples,
    passage_lines,
    report_lines,
    result_lines,
    sentence_check,
    sources_page,
    stats_lines,
    to_html,
)
from index.errors import DocbotError
from index.types import Answer, Summary

log = logging.getLogger(__name__)

UPLOAD_SUFFIXES = (".txt", ".md", ".html", ".htm", ".pdf")
TYPING_EVERY = 4.5  # seconds; Telegram shows a chat action for about 5 s
# Telegram asks bots to send chat actions only when a reply takes noticeable time; a quick
# answer arrives before this and costs no extra request.
TYPING_AFTER = 0.4


# -- helpers --------------------------------------------------------------------------------------


def _message(update: Update) -> Message:
    message = update.effective_message
    if message is None:  # the filters only route updates that carry a message here
        raise RuntimeError(f"update {update.update_id} has no message")
    return message


def _private(update: Update) -> bool:
    return update.effective_chat is not None and update.effective_chat.type == Chat.PRIVATE


def _keyboard(buttons: Sequence[Button]) -> InlineKeyboardMarkup | None:
    if not buttons:
        return None
    return InlineKeyboardMarkup(
        [[InlineKeyboardButton(b.label, callback_data=b.data)] for b in buttons]
    )


async def _send(
    context: DocbotContext,
    chat_id: int,
    parts: Sequence[str],
    *,
    buttons: Sequence[Button] = (),
    reply_to: int | None = None,
) -> None:
    """Send a reply in as many parts as it needs; buttons go under the last part."""
    for i, text in enumerate(parts):
        last = i == len(parts) - 1
        await context.bot.send_message(
            chat_id,
            text,
            reply_markup=_keyboard(buttons) if last else None,
            reply_parameters=ReplyParameters(reply_to) if reply_to and i == 0 else None,
        )


async def _reply(update: Update, context: DocbotContext, text_html: str) -> None:
    """A short reply; in groups it quotes the message it answers."""
    message = _message(update)
    await _send(
        context,
        message.chat_id,
        [text_html],
        reply_to=None if _private(update) else message.message_id,
    )


async def _keep_typing(context: DocbotContext, chat_id: int) -> None:
    await asyncio.sleep(TYPING_AFTER)
    while True:
        try:
            await context.bot.send_chat_action(chat_id, ChatAction.TYPING)
        except TelegramError as exc:  # cosmetic: never let it fail the answer
            log.debug("chat action failed: %s", exc)
        await asyncio.sleep(TYPING_EVERY)


@contextlib.asynccontextmanager
async def _typing(context: DocbotContext, chat_id: int) -> AsyncIterator[None]:
    """Show "typing…" in the chat until the block ends."""
    task = asyncio.create_task(_keep_typing(context, chat_id))
    try:
        yield
    finally:
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await task


async def _is_admin(update: Update, context: DocbotContext, what: str) -> bool:
    """True for admins; everyone else gets a clear refusal."""
    user = update.effective_user
    if context.settings.is_admin(user.id if user else None):
        return True
    who = f" (your user id is {user.id})" if user else ""
    await _reply(
        update,
        context,
        f"Sorry, only the bot's admins can {html.escape(what)}{who}. "
        "Admins are listed in DOCBOT_ADMIN_IDS.",
    )
    return False


async def _help_html(update: Update, context: DocbotContext, greeting: bool) -> str:
    try:
        sources = await context.off_loop(context.kb.sources)
    except DocbotError:
        sources = []
    examples = help_examples(sources)
    username = context.bot.username
    lines = []
    if greeting:
        lines.append("Hello! ")
    lines.append(
        f"I answer questions about <b>{len(sources)} documents</b>, quoting the sentences that "
        "answer and citing where each one comes from. Tap a citation button to read the "
        "passage."
    )
    if examples:
        lines.append("\n\n<b>Try</b>\n" + "\n".join(f"• {html.escape(e)}" for e in examples))
    lines.append(
        "\n\n<b>Commands</b>\n"
        "/ask QUESTION — answer from the documents\n"
        "/summary TOPIC — summarize a trip or a document\n"
        "/sources — list the documents\n"
        "/help — this message"
    )
    if _private(update):
        lines.append("\n\nIn this chat you can also just type your question.")
    else:
        lines.append(
            f"\n\nIn groups I answer /ask, messages that mention @{html.escape(username)}, "
            "and replies to my messages."
        )
    user = update.effective_user
    if context.settings.is_admin(user.id if user else None):
        lines.append(
            "\n\n<b>Admin</b>\n/reindex — index what changed in the corpus\n"
            "/stats — index and usage figures\n"
            "Send me a .txt, .md, .html or .pdf file (up to "
            f"{context.settings.max_upload_bytes // (1024 * 1024)} MB) to add it."
        )
    return "".join(lines)


async def _answer(update: Update, context: DocbotContext, text: str, *, summary: bool) -> None:
    """Answer a question (or summarize a topic) with citations and passage buttons."""
    message = _message(update)
    question = " ".join(text.split())
    if not question:
        await _reply(update, context, await _usage_html(context, summary))
        return
    limit = context.settings.max_question_chars
    if len(question) > limit:
        await _reply(
            update,
            context,
            f"That message is {len(question):,} characters long. Please ask a shorter question "
            f"(up to {limit:,} characters); to add a whole text, an admin can send it as a file.",
        )
        return
    if not await _within_rate_limit(update, context):
        return
    started = time.perf_counter()
    kb = context.kb
    try:
        async with _typing(context, message.chat_id):
            result: Answer | Summary
            if summary:
                result = await context.off_loop(kb.summarize, question)
            else:
                result = await context.off_loop(kb.ask, question)
    except DocbotError as exc:
        await _reply(update, context, html.escape(str(exc)))
        return
    await _send(
        context,
        message.chat_id,
        to_html(result_lines(result)),
        buttons=citation_buttons(result.citations),
        reply_to=None if _private(update) else message.message_id,
    )
    elapsed_ms = (time.perf_counter() - started) * 1000
    context.state.stats.record(elapsed_ms, found=result.found, summary=summary)


async def _usage_html(context: DocbotContext, summary: bool) -> str:
    """How to use /ask or /summary, with an example taken from the corpus when there is one."""
    try:
        examples = help_examples(await context.off_loop(context.kb.sources))
    except DocbotError:
        examples = []
    if summary:
        example = next((e for e in examples if e.startswith("/summary ")), None)
        text = "Please put a topic after /summary: a trip, a place or a document title."
    else:
        question = next((e for e in examples if not e.startswith("/")), None)
        example = f"/ask {question}" if question else None
        text = "Please put your question after /ask."
    return html.escape(text + (f" For example: {example}" if example else ""))


async def _within_rate_limit(update: Update, context: DocbotContext) -> bool:
    user = update.effective_user
    limiter = context.state.limiter
    if user is None or limiter is None:
        return True
    decision = limiter.check(user.id)
    if decision.allowed:
        return True
    context.state.stats.rate_limited += 1
    if decision.notify:
        await _reply(
            update,
            context,
            f"You're asking faster than I can keep up with (at most {limiter.per_window} "
            f"questions a minute). Please try again in {max(1, round(decision.retry_in))} s.",
        )
    return False


def _addressed_text(message: Message, bot_id: int, username: str) -> str | None:
    """The question in a group message meant for the bot, or None when it is not for the bot."""
    text = message.text or ""
    mentioned = False
    entities = message.parse_entities([MessageEntity.MENTION, MessageEntity.TEXT_MENTION])
    for entity, value in entities.items():
        mine = (
            entity.type == MessageEntity.MENTION and value.lower() == f"@{username.lower()}"
        ) or (
            entity.type == MessageEntity.TEXT_MENTION and entity.user and entity.user.id == bot_id
        )
        if mine:
            mentioned = True
            text = text.replace(value, " ")
    replied = message.reply_to_message
    to_bot = (
        replied is not None and replied.from_user is not None and replied.from_user.id == bot_id
    )
    if not (mentioned or to_bot):
        return None
    return text


def _pager(page: int, pages: int) -> InlineKeyboardMarkup | None:
    if pages <= 1:
        return None
    row = []
    if page > 0:
        row.append(InlineKeyboardButton("‹ Previous", callback_data=f"s:{page - 1}"))
    row.append(InlineKeyboardButton(f"{page + 1} / {pages}", callback_data=f"s:{page}"))
    if page < pages - 1:
        row.append(InlineKeyboardButton("Next ›", callback_data=f"s:{page + 1}"))
    return InlineKeyboardMarkup([row])


# -- handlers ------------------------------------------------------------------------------------


async def gate(update: Update, context: DocbotContext) -> None:
    """Stop updates from users outside DOCBOT_ALLOWED_USER_IDS, telling them why in private."""
    user = update.effective_user
    if context.settings.is_allowed(user.id if user else None):
        return
    refusal = "Sorry, this bot is private."
    if user is not None:
        refusal += f" Ask its owner to add your user id ({user.id}) to DOCBOT_ALLOWED_USER_IDS."
    if update.callback_query is not None:
        await update.callback_query.answer(refusal[:200], show_alert=True)
    elif _private(update) and update.effective_message is not None:
        await _reply(update, context, html.escape(refusal))
    raise ApplicationHandlerStop


async def start(update: Update, context: DocbotContext) -> None:
    """Greet the user and explain what the bot does, with examples from the corpus."""
    await _reply(update, context, await _help_html(update, context, greeting=True))


async def help_command(update: Update, context: DocbotContext) -> None:
    """List the commands, with examples from the corpus."""
    await _reply(update, context, await _help_html(update, context, greeting=False))


async def ask(update: Update, context: DocbotContext) -> None:
    """Answer `/ask QUESTION`."""
    await _answer(update, context, " ".join(context.args or []), summary=False)


async def summary(update: Update, context: DocbotContext) -> None:
    """Summarize `/summary TOPIC`."""
    await _answer(update, context, " ".join(context.args or []), summary=True)


async def text_message(update: Update, context: DocbotContext) -> None:
    """Treat private text as a question; in groups, only text that mentions or replies to me."""
    message = _message(update)
    if _private(update):
        await _answer(update, context, message.text or "", summary=False)
        return
    question = _addressed_text(message, context.bot.id, context.bot.username)
    if question is not None:
        await _answer(update, context, question, summary=False)


async def sources(update: Update, context: DocbotContext) -> None:
    """List the indexed documents, a page at a time."""
    try:
        docs = await context.off_loop(context.kb.sources)
    except DocbotError as exc:
        await _reply(update, context, html.escape(str(exc)))
        return
    lines, page, pages = sources_page(docs, 0)
    message = _message(update)
    await context.bot.send_message(
        message.chat_id,
        to_html(lines)[0],
        reply_markup=_pager(page, pages),
        reply_parameters=None if _private(update) else ReplyParameters(message.message_id),
    )


async def sources_button(update: Update, context: DocbotContext) -> None:
    """Turn the page of a /sources list."""
    query = update.callback_query
    assert query is not None and query.data is not None  # guaranteed by the handler's pattern
    docs = await context.off_loop(context.kb.sources)
    lines, page, pages = sources_page(docs, int(query.data.split(":")[1]))
    await query.answer()
    try:
        await query.edit_message_text(to_html(lines)[0], reply_markup=_pager(page, pages))
    except BadRequest as exc:
        if "not modified" not in str(exc):  # pressing the current page changes nothing
            raise


async def passage_button(update: Update, context: DocbotContext) -> None:
    """Show the full passage behind a citation, with the answering sentence in bold."""
    query = update.callback_query
    assert query is not None and query.data is not None  # guaranteed by the handler's pattern
    ref = decode_passage(query.data)
    if ref is None:
        await query.answer("This button is not valid any more.")
        return
    try:
        info, passage = await context.off_loop(
            context.kb.passage, ref.doc_id, ref.passage_start, ref.passage_end
        )
    except DocbotError as exc:
        await query.answer(str(exc)[:200], show_alert=True)
        return
    bold = (ref.start - ref.passage_start, ref.end - ref.passage_start)
    if ref.check and sentence_check(passage[bold[0] : bold[1]]) != ref.check:
        await query.answer(
            "That document has changed since this answer. Ask again for fresh citations.",
            show_alert=True,
        )
        return
    await query.answer()
    chat = update.effective_chat
    assert chat is not None
    reply_to = query.message.message_id if isinstance(query.message, Message) else None
    await _send(
        context,
        chat.id,
        to_html(passage_lines(info.title, info.date, info.url, passage, bold)),
        reply_to=reply_to,
    )


async def stale_button(update: Update, context: DocbotContext) -> None:
    """Answer presses of buttons this version of the bot no longer knows."""
    assert update.callback_query is not None
    await update.callback_query.answer("This button has expired.")


async def reindex(update: Update, context: DocbotContext) -> None:
    """Index what changed in the corpus (admins only) and report what was done."""
    if not await _is_admin(update, context, "reindex"):
        return
    if context.state.indexing:
        await _reply(
            update, context, f"A {context.state.indexing[0]} is already running; try again shortly."
        )
        return
    await _reply(update, context, "Reindexing… I keep answering questions meanwhile.")
    try:
        report = await context.index_write("reindex", sync_and_refresh, context.kb)
    except DocbotError as exc:
        await _reply(update, context, html.escape(str(exc)))
        return
    context.state.last_sync = report
    await _reply(update, context, to_html(report_lines(report))[0])


async def stats(update: Update, context: DocbotContext) -> None:
    """Show index and usage figures (admins only)."""
    if not await _is_admin(update, context, "see the statistics"):
        return
    try:
        index = await context.off_loop(context.kb.stats)
    except DocbotError as exc:
        await _reply(update, context, html.escape(str(exc)))
        return
    st = context.state.stats
    p50, p95 = st.percentile(50), st.percentile(95)
    uptime = int(time.time() - st.started)
    rows = [
        ("Questions answered", str(st.questions)),
        ("Summaries", str(st.summaries)),
        ("Not found in the documents", str(st.refused)),
        ("Reply time p50", f"{p50:.0f} ms" if p50 is not None else "n/a"),
        ("Reply time p95", f"{p95:.0f} ms" if p95 is not None else "n/a"),
        ("Rate-limited questions", str(st.rate_limited)),
        ("Errors", str(st.errors)),
        ("Indexing now", ", ".join(context.state.indexing) or "no"),
        ("Uptime", f"{uptime // 3600} h {uptime % 3600 // 60} min"),
    ]
    await _reply(update, context, to_html(stats_lines(index, rows))[0])


async def document(update: Update, context: DocbotContext) -> None:
    """Add a .txt, .md, .html or .pdf file an admin sends to the corpus, and index it."""
    if not _private(update):
        return  # files shared in groups are conversation, not uploads
    if not await _is_admin(update, context, "add documents"):
        return
    message = _message(update)
    doc = message.document
    assert doc is not None  # guaranteed by the handler's filter
    name = doc.file_name or "document"
    limit = context.settings.max_upload_bytes
    if PurePosixPath(name.lower()).suffix not in UPLOAD_SUFFIXES:
        await _reply(
            update,
            context,
            f"I can add .txt, .md, .html or .pdf files, not {html.escape(name)}.",
        )
        return
    if doc.file_size is not None and doc.file_size > limit:
        await _reply(
            update,
            context,
            f"{html.escape(name)} is {doc.file_size / 1e6:.1f} MB; "
            f"the limit is {limit / 1e6:.0f} MB.",
        )
        return
    try:
        async with _typing(context, message.chat_id):
            data = bytes(await (await doc.get_file()).download_as_bytearray())
            info, report = await context.index_write(
                "upload", context.kb.add_document, name, data, limit
            )
    except DocbotError as exc:
        await _reply(update, context, html.escape(str(exc)))
        return
    context.state.last_sync = report
    date = f" ({info.date})" if info.date else ""
    await _reply(
        update,
        context,
        f"Added <b>{html.escape(info.title)}</b>{html.escape(date)}: {info.chunks} "
        f"chunk{'s' if info.chunks != 1 else ''}, saved as {html.escape(info.path)}. "
        "You can ask about it now.",
    )


async def unknown_command(update: Update, context: DocbotContext) -> None:
    """Point to /help for commands the bot doesn't have."""
    await _reply(update, context, "I don't know that command. /help lists what I can do.")


async def unsupported(update: Update, context: DocbotContext) -> None:
    """Explain in private chats that stickers, photos and the like can't be read."""
    user = update.effective_user
    admin = context.settings.is_admin(user.id if user else None)
    files = " or send me a .txt, .md, .html or .pdf file to add" if admin else ""
    await _reply(update, context, f"I can only read text: type a question{files}.")
