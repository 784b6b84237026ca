"""Sending replies: split messages, buttons, quoting in groups, and the typing indicator."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator, Sequence

from telegram import (
    Chat,
    InlineKeyboardButton,
    InlineKeyboardMarkup,
    Message,
    ReplyParameters,
    Update,
)
from telegram.constants import ChatAction
from telegram.error import TelegramError

from bot.context import DocbotContext
from bot.render import Button

log = logging.getLogger(__name__)

TYPING_EVERY = 4.5  # seconds; Telegram shows a chat action for about 5 s
# Telegram asks bots to send chat actions only when a reply takes noticeable time; a quick
# answer arrives before this and costs no extra request.
TYPING_AFTER = 0.4


def effective_message(update: Update) -> Message:
    """The update's message (handlers are only routed updates that carry one)."""
    message = update.effective_message
    if message is None:
        raise RuntimeError(f"update {update.update_id} has no message")
    return message


def is_private(update: Update) -> bool:
    """True in a one-to-one chat with the bot."""
    return update.effective_chat is not None and update.effective_chat.type == Chat.PRIVATE


def keyboard(buttons: Sequence[Button]) -> InlineKeyboardMarkup | None:
    """One inline button per row, or no keyboard."""
    if not buttons:
        return None
    return InlineKeyboardMarkup(
        [[InlineKeyboardButton(b.label, callback_data=b.data)] for b in buttons]
    )


async def send(
    context: DocbotContext,
    chat_id: int,
    parts: Sequence[str],
    *,
    buttons: Sequence[Button] = (),
    reply_to: int | None = None,
) -> list[int]:
    """Send a reply in as many parts as it needs; buttons go under the last part.

    Returns:
        The message ids of the parts sent.
    """
    sent: list[int] = []
    for i, text in enumerate(parts):
        last = i == len(parts) - 1
        message = await context.bot.send_message(
            chat_id,
            text,
            reply_markup=keyboard(buttons) if last else None,
            reply_parameters=ReplyParameters(reply_to) if reply_to and i == 0 else None,
        )
        sent.append(message.message_id)
    return sent


async def reply(update: Update, context: DocbotContext, text_html: str) -> None:
    """A short reply; in groups it quotes the message it answers."""
    message = effective_message(update)
    await send(
        context,
        message.chat_id,
        [text_html],
        reply_to=None if is_private(update) else message.message_id,
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
async def typing(context: DocbotContext, chat_id: int) -> AsyncIterator[None]:
    """Show "typing…" in the chat until the block ends."""
    task = asyncio.create_task(_keep_typing(context, chat_id))
    try:
        yield
    finally:
        task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await task
