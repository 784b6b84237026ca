"""User-facing handlers: one small coroutine per kind of update, registered by `telegram_app`.

Knowledge-base work runs off the event loop (`context.off_loop`, `context.index_write`), so one
slow question or a running reindex never delays other chats. Expected failures (`DocbotError`)
become replies here; anything else reaches the single error handler in `telegram_app`.
"""

from __future__ import annotations

import html
import logging
import time

from telegram import (
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    Message,
    MessageEntity,
    ReplyParameters,
    Update,
)
from telegram.error import BadRequest
from telegram.ext import ApplicationHandlerStop

from bot import conversation, feed_handlers
from bot.context import DocbotContext
from bot.render import (
    citation_buttons,
    decode_passage,
    help_examples,
    passage_lines,
    result_lines,
    sentence_check,
    sources_page,
    to_html,
)
from bot.replies import effective_message, is_private, reply, send, typing
from index.errors import DocbotError
from index.types import Reply, ReplyKind

log = logging.getLogger(__name__)


# -- helpers --------------------------------------------------------------------------------------


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
        "/trips TOPIC — a timeline of trips (a person, a place or a period)\n"
        "/new — forget this conversation (follow-ups start afresh)\n"
        "/sources — list the documents\n"
        "/help — this message"
    )
    lines.append(feed_handlers.HELP_HTML)
    if is_private(update):
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
            "Send me a .txt, .md, .html, .pdf or .docx file (up to "
            f"{context.settings.max_upload_bytes // (1024 * 1024)} MB) to add it."
            + feed_handlers.ADMIN_HELP_HTML
        )
    return "".join(lines)


async def _answer(
    update: Update, context: DocbotContext, text: str, *, summary: bool, trips: bool = False
) -> None:
    """Answer a message (routed by intent, read against the chat's context), summarize a
    topic, or list trips, with citations and passage buttons."""
    message = effective_message(update)
    question = " ".join(text.split())
    if not question and trips:
        await reply(
            update, context, "Please put a topic after /trips: a person, a place or a year."
        )
        return
    if not question:
        await reply(update, context, await _usage_html(context, summary))
        return
    limit = context.settings.max_question_chars
    if len(question) > limit:
        await reply(
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
    responded = None
    try:
        async with typing(context, message.chat_id):
            result: Reply
            if summary:
                result = await context.off_loop(kb.summarize, question)
            elif trips:
                result = await context.off_loop(kb.timeline, question)
            else:
                responded = await conversation.respond(context, message, question)
                result = responded.reply
    except DocbotError as exc:
        await reply(update, context, html.escape(str(exc)))
        return
    if result.kind is ReplyKind.SOURCES:  # "what documents do you have?"
        await sources(update, context)
        return
    if responded is not None:
        conversation.remember(context, message.chat_id, [], responded)
    sent = await send(
        context,
        message.chat_id,
        to_html(result_lines(result)),
        buttons=citation_buttons(result.citations),
        reply_to=None if is_private(update) else message.message_id,
    )
    if responded is not None:
        conversation.remember(context, message.chat_id, sent, responded)
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
        await reply(
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
    elif is_private(update) and update.effective_message is not None:
        await reply(update, context, html.escape(refusal))
    raise ApplicationHandlerStop


async def start(update: Update, context: DocbotContext) -> None:
    """Greet the user and explain what the bot does, with examples from the corpus."""
    await reply(update, context, await _help_html(update, context, greeting=True))


async def help_command(update: Update, context: DocbotContext) -> None:
    """List the commands, with examples from the corpus."""
    await reply(update, context, await _help_html(update, context, greeting=False))


async def ask(update: Update, context: DocbotContext) -> None:
    """Answer `/ask QUESTION`."""
    await _answer(update, context, " ".join(context.args or []), summary=False)


async def summary(update: Update, context: DocbotContext) -> None:
    """Summarize `/summary TOPIC`."""
    await _answer(update, context, " ".join(context.args or []), summary=True)


async def trips(update: Update, context: DocbotContext) -> None:
    """List trips: `/trips TOPIC` (a person, a place or a period)."""
    await _answer(update, context, " ".join(context.args or []), summary=False, trips=True)


async def new_conversation(update: Update, context: DocbotContext) -> None:
    """`/new`: forget the chat's context, so follow-ups start afresh."""
    message = effective_message(update)
    await context.off_loop(conversation.forget, context, message.chat_id)
    await reply(update, context, "Starting afresh: ask a new question.")


async def text_message(update: Update, context: DocbotContext) -> None:
    """Treat private text as a question; in groups, only text that mentions or replies to me."""
    message = effective_message(update)
    if is_private(update):
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
        await reply(update, context, html.escape(str(exc)))
        return
    lines, page, pages = sources_page(docs, 0)
    message = effective_message(update)
    await context.bot.send_message(
        message.chat_id,
        to_html(lines)[0],
        reply_markup=_pager(page, pages),
        reply_parameters=None if is_private(update) else ReplyParameters(message.message_id),
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
    await send(
        context,
        chat.id,
        to_html(passage_lines(info.title, info.date, info.url, passage, bold)),
        reply_to=reply_to,
    )


async def stale_button(update: Update, context: DocbotContext) -> None:
    """Answer presses of buttons this version of the bot no longer knows."""
    assert update.callback_query is not None
    await update.callback_query.answer("This button has expired.")


async def unknown_command(update: Update, context: DocbotContext) -> None:
    """Point to /help for commands the bot doesn't have."""
    await reply(update, context, "I don't know that command. /help lists what I can do.")


async def unsupported(update: Update, context: DocbotContext) -> None:
    """Explain in private chats that stickers, photos and the like can't be read."""
    user = update.effective_user
    admin = context.settings.is_admin(user.id if user else None)
    files = " or send me a .txt, .md, .html, .pdf or .docx file to add" if admin else ""
    await reply(update, context, f"I can only read text: type a question{files}.")
