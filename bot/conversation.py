"""Follow-ups in Telegram: each chat's context, read before a message is answered and saved
under the reply's message ids after it (bot/memory.py), so a reply to an old answer uses that
answer's context, also after a restart.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from telegram import Message

from bot.context import DocbotContext
from bot.memory import ChatMemory, memory_path

if TYPE_CHECKING:
    from index.compose.respond import Responded


def chat_memory(context: DocbotContext) -> ChatMemory:
    """The bot's chat memory, opened on first use next to the index."""
    state = context.state
    if state.memory is None:
        settings = context.settings
        state.memory = ChatMemory(
            memory_path(settings.index_dir), ttl_seconds=settings.context_minutes * 60
        )
    return state.memory


async def respond(context: DocbotContext, message: Message, text: str) -> Responded:
    """Answer `text` (sent as `message`) against the context it follows up on.

    A reply to one of the bot's messages follows up on that message's answer; any other
    message on the chat's latest. The chat memory is read on a thread of this process, the
    answer made like every knowledge-base read (in an answer worker process when there are).
    """
    replied = message.reply_to_message
    reply_to = (
        replied.message_id
        if replied is not None
        and replied.from_user is not None
        and replied.from_user.id == context.bot.id
        else None
    )
    previous = await context.off_loop(chat_memory(context).get, message.chat_id, reply_to)
    responded: Responded = await context.off_loop(context.kb.respond, text, previous)
    return responded


def remember(
    context: DocbotContext, chat_id: int, sent: Sequence[int], responded: Responded
) -> None:
    """Keep what the chat is about: as its latest before the reply is sent (`sent` empty; a
    next message may be handled while this one is still being delivered), then under the
    reply's message ids once they are known."""
    if responded.context is not None:
        chat_memory(context).put(chat_id, sent, responded.context, latest=not sent)


def forget(context: DocbotContext, chat_id: int) -> None:
    """`/new`: the chat's follow-ups start afresh."""
    chat_memory(context).forget(chat_id)
