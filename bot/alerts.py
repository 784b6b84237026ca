"""Follow alerts: find the new documents that match followed topics, and send one message each.

Planning (`plan_alerts`, run off the event loop after the index changes): documents not yet
seen are matched against every followed topic with `index.query.topics` (the same hybrid
searches as retrieval, and a calibrated threshold); for every matching (chat, document) pair one
alert is written to the outbox (`bot/subscriptions.py`), in the same transaction that marks the
documents seen.

Sending (`AlertSender.drain`): the outbox is sent at most `per_second` messages a second overall
(Telegram allows about 30 to different chats) and at most one a second to any chat, with at
most `CONCURRENT` requests in flight. A 429 on an alert is handled here rather than by the
delivery layer's limiter (which would release every waiting request at once when the pause
ends, a burst over the limit): the whole sender pauses for `retry_after`, and the refused
alert, which Telegram did not deliver, goes back to the outbox and is resent. Replies to
questions are not held up by the pause. A chat that blocked the bot is dropped from the
follows.
"""

from __future__ import annotations

import asyncio
import html
import logging
from typing import TYPE_CHECKING, Any

import httpx
from telegram import InlineKeyboardButton, InlineKeyboardMarkup
from telegram.error import BadRequest, Forbidden, NetworkError, RetryAfter, TelegramError

from bot.render import PassageRef, encode_passage, sentence_check
from bot.subscriptions import Alert, Subscriptions
from index.query.topics import TopicMatch, match_topic, topic_scores

if TYPE_CHECKING:
    from pathlib import Path

    from index.kb import KnowledgeBase
    from index.storage.snapshot import Snapshot

log = logging.getLogger(__name__)

MAX_ATTEMPTS = 10  # sends refused with 429 or never reaching Telegram, before giving up
CONCURRENT = 4
SENTENCE_CHARS = 300
_NOT_SENT = (httpx.ConnectError, httpx.ConnectTimeout, httpx.PoolTimeout)


def plan_alerts(kb: KnowledgeBase, subs: Subscriptions) -> int:
    """Plan the alerts for documents the planner has not seen yet; returns how many.

    The first run only records the index as it is: following a topic announces what arrives
    after, not the whole archive.
    """
    snap = kb.snapshot()
    docs = {d: info.text_hash or d for d, info in snap.docs.items()}
    if not subs.has_baseline():
        subs.record(docs, [])
        return 0
    new = subs.new_documents(docs)
    if not new:
        return 0
    rows: list[tuple[int, str, str, str, str | None, str | None]] = []
    for topic, chats in subs.followers().values():
        for match in match_topic(snap, kb.embedder, topic, new):
            text, label, data = alert_message(snap, topic, match)
            rows += [(chat, match.doc_id, topic, text, label, data) for chat in chats]
    planned = subs.record({d: docs[d] for d in new}, rows)
    if planned:
        log.info("Planned %d alerts for %d new documents", planned, len(new))
    return planned


def alert_message(snap: Snapshot, topic: str, match: TopicMatch) -> tuple[str, str, str]:
    """The alert's HTML text, its button's label and its callback data."""
    info = snap.docs[match.doc_id]
    rec = snap.chunks[match.chunk_id]
    start, end = match.sentence
    text = snap.text(match.doc_id)
    sentence = " ".join(text[start:end].split())
    if len(sentence) > SENTENCE_CHARS:
        sentence = sentence[: SENTENCE_CHARS - 1].rsplit(" ", 1)[0] + "…"
    date = f" ({info.date})" if info.date else ""
    body = (
        f"\N{BELL} New on <b>{html.escape(topic)}</b>: <b>{html.escape(info.title)}</b>"
        f"{html.escape(date)}\n“{html.escape(sentence)}”"
    )
    ref = PassageRef(match.doc_id, rec.start, rec.end, start, end, sentence_check(text[start:end]))
    return body, "Open the passage", encode_passage(ref)


def preview_matches(kb: KnowledgeBase, topic: str, latest: int = 50) -> list[dict[str, Any]]:
    """`docbot follow TOPIC`: which of the `latest` newest documents the topic matches."""
    snap = kb.snapshot()
    newest = sorted(snap.docs.values(), key=lambda d: (d.date or "", d.title), reverse=True)
    ids = [d.doc_id for d in newest[:latest]]
    out = []
    for m in topic_scores(snap, kb.embedder, topic, ids):
        if not m.matches:
            continue
        info = snap.docs[m.doc_id]
        text = snap.text(m.doc_id)
        out.append(
            {
                "title": info.title,
                "date": info.date,
                "path": info.path,
                "url": info.url,
                "score": round(m.score, 3),
                "coverage": round(m.coverage, 3),
                "sentence": " ".join(text[m.sentence[0] : m.sentence[1]].split()),
            }
        )
    return out


class AlertSender:
    """Sends the outbox within Telegram's broadcast limits (see the module doc)."""

    def __init__(
        self, db_path: Path, per_second: float = 25.0, per_chat_seconds: float = 1.0
    ) -> None:
        self.db_path = db_path
        self.interval = 1.0 / per_second
        self.per_chat_seconds = per_chat_seconds
        self._next_slot = 0.0
        self._last_to: dict[int, float] = {}
        self._subs: Subscriptions | None = None
        self._lock = asyncio.Lock()
        self._in_flight = asyncio.Semaphore(CONCURRENT)
        self.sent = 0
        self.busy = False  # a drain is running
        self.planned_generation: int | None = None  # the index generation alerts were planned for

    def subs(self) -> Subscriptions:
        """The sender's own connection (used on the event loop's thread only)."""
        if self._subs is None:
            self._subs = Subscriptions(self.db_path)
            lost = self._subs.interrupted()
            if lost:
                log.warning("%d alerts were being sent when docbot stopped; not resent", lost)
        return self._subs

    def close(self) -> None:
        if self._subs is not None:
            self._subs.close()
            self._subs = None

    async def drain(self, bot: Any) -> int:
        """Send every pending alert; returns how many were delivered."""
        async with self._lock:
            delivered = 0
            tasks: set[asyncio.Task[bool]] = set()
            while True:
                batch = self.subs().pending()
                if not batch:
                    break
                waiting = [a for a in batch if a.attempts < MAX_ATTEMPTS]
                for alert in batch:
                    if alert.attempts >= MAX_ATTEMPTS:
                        self.subs().set_status(alert.id, "failed")
                if not waiting:
                    continue
                for alert in self._order(waiting):
                    await self._in_flight.acquire()
                    await self._wait_for_slot(alert.chat_id)
                    self.subs().set_status(alert.id, "sending", attempt=True)
                    tasks.add(asyncio.create_task(self._send(bot, alert)))
                done = await asyncio.gather(*tasks)
                tasks.clear()
                delivered += sum(done)
            self.sent += delivered
            return delivered

    def _order(self, alerts: list[Alert]) -> list[Alert]:
        """One alert per chat per round first, so one chat's backlog never holds up others."""
        rounds: list[list[Alert]] = []
        count: dict[int, int] = {}
        for alert in alerts:
            n = count.get(alert.chat_id, 0)
            count[alert.chat_id] = n + 1
            if n == len(rounds):
                rounds.append([])
            rounds[n].append(alert)
        return [a for r in rounds for a in r]

    async def _wait_for_slot(self, chat_id: int) -> None:
        """Wait until a message may go out; spacing counts from when it really goes, so a
        loop that overslept never catches up with a burst."""
        loop = asyncio.get_running_loop()
        while True:
            now = loop.time()
            at = max(self._next_slot, self._last_to.get(chat_id, -1e9) + self.per_chat_seconds)
            if at <= now:
                break
            await asyncio.sleep(at - now)
        self._next_slot = now + self.interval
        self._last_to[chat_id] = now

    async def _send(self, bot: Any, alert: Alert) -> bool:
        try:
            return await self._send_one(bot, alert)
        finally:
            self._in_flight.release()

    async def _send_one(self, bot: Any, alert: Alert) -> bool:
        subs = self.subs()
        markup = None
        if alert.button_data:
            markup = InlineKeyboardMarkup(
                [
                    [
                        InlineKeyboardButton(
                            alert.button_label or "Open", callback_data=alert.button_data
                        )
                    ]
                ]
            )
        try:
            # rate_limit_args=0: the delivery layer's limiter hands a 429 straight back (below).
            await bot.send_message(
                alert.chat_id, alert.text, reply_markup=markup, rate_limit_args=0
            )
        except Forbidden as exc:
            log.info("Chat %s blocked the bot (%s): dropping its follows", alert.chat_id, exc)
            subs.set_status(alert.id, "dropped")
            subs.drop_chat(alert.chat_id)
            return False
        except BadRequest as exc:
            if "chat not found" in str(exc).lower():
                subs.set_status(alert.id, "dropped")
                subs.drop_chat(alert.chat_id)
            else:
                log.warning("Alert %s to chat %s refused: %s", alert.id, alert.chat_id, exc)
                subs.set_status(alert.id, "failed")
            return False
        except RetryAfter as exc:
            pause = exc.retry_after
            seconds = float(pause.total_seconds() if hasattr(pause, "total_seconds") else pause)
            resume = asyncio.get_running_loop().time() + seconds + 0.1
            self._next_slot = max(self._next_slot, resume)
            log.warning("Telegram asked to slow down: alerts paused for %.1fs", seconds)
            subs.set_status(alert.id, "pending")  # refused, not delivered: safe to resend
            return False
        except NetworkError as exc:  # includes TimedOut
            if isinstance(exc.__cause__, _NOT_SENT):
                subs.set_status(alert.id, "pending")
            else:
                log.warning("Alert %s may or may not have arrived (%s): not resent", alert.id, exc)
                subs.set_status(alert.id, "unknown")
            return False
        except TelegramError as exc:
            log.warning("Alert %s to chat %s failed: %s", alert.id, alert.chat_id, exc)
            subs.set_status(alert.id, "failed")
            return False
        subs.set_status(alert.id, "sent")
        return True
