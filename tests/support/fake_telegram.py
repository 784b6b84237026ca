"""A local HTTP server that speaks enough of the Telegram Bot API to run the real PTB Application.

Tests (and bench/bot_load.py) point `ApplicationBuilder.base_url` at it. It queues updates the test
injects, records everything the bot sends, validates what Telegram would validate (HTML parse mode,
message length, callback data size, edits of unknown messages) and can inject 429s with
`retry_after`, 5xx answers, slow answers and outages. It runs in its own threads, so it is
independent of the bot's event loop.

This module is what tests use; the work is split by job: telegram_html (Telegram's text rules),
telegram_methods (the Bot API methods and Telegram's state) and telegram_http (the HTTP server).
"""

from __future__ import annotations

import json
import os
import threading
import time
import urllib.request
from collections.abc import Callable
from http.server import ThreadingHTTPServer
from pathlib import Path
from typing import Any, TypeVar

from support.telegram_html import BadRequest, entities_for, parse_html
from support.telegram_http import make_server
from support.telegram_methods import (
    BOT_ID,
    BOT_USERNAME,
    MAX_CALLBACK_DATA,
    MAX_TEXT,
    BotApi,
    Call,
    Rule,
    SentMessage,
    user_json,
)

__all__ = [
    "BOT_ID",
    "BOT_USERNAME",
    "MAX_CALLBACK_DATA",
    "MAX_TEXT",
    "BadRequest",
    "Call",
    "FakeTelegram",
    "SentMessage",
    "parse_html",
]

T = TypeVar("T")
ROOT = Path(__file__).resolve().parents[2]


class FakeTelegram(BotApi):
    """The fake Bot API server. Use as a context manager or call start()/stop()."""

    def __init__(self, token: str, *, bot_username: str = BOT_USERNAME, port: int = 0) -> None:
        super().__init__(token, bot_username=bot_username)
        self._port = port  # 0: any free port
        self._server: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None

    # -- lifecycle ---------------------------------------------------------------------------

    def start(self) -> FakeTelegram:
        server = make_server(self, self._port)
        self._server = server
        self._thread = threading.Thread(target=server.serve_forever, name="fake-telegram")
        self._thread.daemon = True
        self._thread.start()
        return self

    def stop(self) -> None:
        with self._cond:
            self._stopping = True
            self._cond.notify_all()
            self._updates_cond.notify_all()
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
        if self._thread is not None:
            self._thread.join(timeout=10)

    def __enter__(self) -> FakeTelegram:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    @property
    def port(self) -> int:
        if self._server is None:
            assert self._port, "start() the server first, or give it a port"
            return self._port
        return int(self._server.server_address[1])

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/bot"

    @property
    def base_file_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/file/bot"

    def serve_env(self, corpus: Path, index_dir: Path, **settings: str) -> dict[str, str]:
        """The environment of a `docbot serve` process talking to this server."""
        return {
            **os.environ,
            "HF_HUB_OFFLINE": "1",
            "PYTHONPATH": str(ROOT),
            "TELEGRAM_BOT_TOKEN": self.token,
            "DOCBOT_TELEGRAM_BASE_URL": self.base_url,
            "DOCBOT_TELEGRAM_BASE_FILE_URL": self.base_file_url,
            "DOCBOT_CORPUS": str(corpus),
            "DOCBOT_INDEX_DIR": str(index_dir),
            **settings,
        }

    # -- injecting what users do -------------------------------------------------------------

    def send_text(
        self,
        chat_id: int,
        text: str,
        *,
        user_id: int | None = None,
        chat_type: str = "private",
        reply_to_message_id: int | None = None,
    ) -> dict[str, Any]:
        """A user writes `text` in a chat; returns the Message JSON queued as an update."""
        message = self._new_message(chat_id, user_id, chat_type)
        message["text"] = text
        entities = entities_for(text)
        if entities:
            message["entities"] = entities
        if reply_to_message_id is not None:
            message["reply_to_message"] = self._chat(chat_id, chat_type).messages[
                reply_to_message_id
            ]
        return self._queue({"message": message})["message"]

    def send_document(
        self,
        chat_id: int,
        filename: str,
        data: bytes,
        *,
        user_id: int | None = None,
        chat_type: str = "private",
        mime_type: str = "text/plain",
        declared_size: int | None = None,
    ) -> dict[str, Any]:
        """A user sends a file; `declared_size` lets a test claim a size without sending it."""
        file_id = self._store_file(data)
        message = self._new_message(chat_id, user_id, chat_type)
        message["document"] = {
            "file_id": file_id,
            "file_unique_id": f"u{file_id}",
            "file_name": filename,
            "mime_type": mime_type,
            "file_size": declared_size if declared_size is not None else len(data),
        }
        return self._queue({"message": message})["message"]

    def send_sticker(
        self, chat_id: int, *, user_id: int | None = None, chat_type: str = "private"
    ) -> dict[str, Any]:
        message = self._new_message(chat_id, user_id, chat_type)
        message["sticker"] = {
            "file_id": self._store_file(b"sticker"),
            "file_unique_id": "st1",
            "type": "regular",
            "width": 512,
            "height": 512,
            "is_animated": False,
            "is_video": False,
            "emoji": "\N{THUMBS UP SIGN}",
        }
        return self._queue({"message": message})["message"]

    def send_photo(
        self, chat_id: int, *, user_id: int | None = None, chat_type: str = "private"
    ) -> dict[str, Any]:
        message = self._new_message(chat_id, user_id, chat_type)
        message["photo"] = [
            {
                "file_id": self._store_file(b"\x89PNG"),
                "file_unique_id": "ph1",
                "width": 90,
                "height": 90,
                "file_size": 4,
            }
        ]
        return self._queue({"message": message})["message"]

    def press_button(self, message: SentMessage, data: str, *, user_id: int | None = None) -> str:
        """A user presses the button carrying `data` under `message`; returns the query id."""
        chat = self._chats[message.chat_id]
        query_id = str(next(self._callback_ids))
        with self._cond:
            self._open_callbacks.add(query_id)
        uid = user_id if user_id is not None else message.chat_id
        self._queue(
            {
                "callback_query": {
                    "id": query_id,
                    "from": user_json(uid),
                    "chat_instance": f"ci{chat.id}",
                    "message": chat.messages[message.message_id],
                    "data": data,
                }
            }
        )
        return query_id

    # -- injecting what Telegram does --------------------------------------------------------

    def fail(
        self,
        method: str,
        status: int,
        *,
        count: int = 1,
        retry_after: int | None = None,
        description: str | None = None,
    ) -> None:
        """The next `count` calls of `method` (or "*") are answered with `status`, not processed."""
        with self._cond:
            self._rules.append(
                Rule(method, count, status=status, retry_after=retry_after, description=description)
            )

    def delay(self, method: str, seconds: float, *, count: int = 1, drop: bool = False) -> None:
        """The next `count` calls are processed, then answered after `seconds` (or never: drop)."""
        with self._cond:
            self._rules.append(Rule(method, count, delay=seconds, drop=drop))

    def block(self, chat_id: int) -> None:
        """The user of `chat_id` blocks the bot: sendMessage to it answers 403 from now on."""
        with self._cond:
            self.blocked.add(chat_id)

    def open_chats(self, chat_ids: list[int], chat_type: str = "private") -> None:
        """Chats that exist on Telegram's side (users who started the bot) without a message."""
        with self._cond:
            for chat_id in chat_ids:
                self._chat(chat_id, chat_type)

    def outage(self, status: int | None = 502) -> None:
        """Answer every call but getUpdates with `status` until outage(None)."""
        with self._cond:
            self._outage_status = status

    # -- inspecting what the bot did ---------------------------------------------------------

    def wait_for(self, predicate: Callable[[], T], timeout: float = 60.0) -> T:
        """Wait until `predicate()` is truthy and return it; fail the test after `timeout` s."""
        deadline = time.monotonic() + timeout
        with self._cond:
            while True:
                value = predicate()
                if value:
                    return value
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    raise AssertionError(f"timed out after {timeout}s waiting for {predicate}")
                self._cond.wait(min(remaining, 0.5))

    def messages_to(self, chat_id: int) -> list[SentMessage]:
        with self._cond:
            return list(self._sent_by_chat.get(chat_id, ()))

    def wait_messages(self, chat_id: int, n: int = 1, timeout: float = 60.0) -> list[SentMessage]:
        """Wait until the bot has sent at least `n` messages to `chat_id`; return them all."""
        deadline = time.monotonic() + timeout
        with self._cond:
            cond = self._chat_cond(chat_id)
            while len(self._sent_by_chat.get(chat_id, ())) < n:
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    raise AssertionError(f"timed out after {timeout}s waiting for {n} messages")
                cond.wait(remaining)
            return list(self._sent_by_chat[chat_id])

    def calls_of(self, method: str) -> list[Call]:
        with self._cond:
            return [c for c in self.calls if c.method == method]

    def pending_updates(self) -> int:
        with self._cond:
            return len(self._updates)

    # -- internals ---------------------------------------------------------------------------

    def _new_message(self, chat_id: int, user_id: int | None, chat_type: str) -> dict[str, Any]:
        """A user's Message JSON in `chat_id`, without its content."""
        with self._cond:
            chat = self._chat(chat_id, chat_type)
            message_id = chat.next_message_id
            chat.next_message_id += 1
            uid = user_id if user_id is not None else chat_id
            return {
                "message_id": message_id,
                "date": int(time.time()),
                "chat": self._chat_json(chat),
                "from": user_json(uid),
            }

    def _queue(self, payload: dict[str, Any]) -> dict[str, Any]:
        """Make `payload` an update: queue it for getUpdates, or push it to the webhook."""
        with self._cond:
            update = {"update_id": next(self._update_ids), **payload}
            message = payload.get("message")
            if message is not None:
                self._chats[message["chat"]["id"]].messages[message["message_id"]] = message
            if self.webhook is not None and self.webhook_target is not None:
                self.webhook_deliveries.append(update)
                threading.Thread(target=self._push, args=(update,), daemon=True).start()
            else:
                self._updates.append(update)
                self._updates_cond.notify_all()
            self._cond.notify_all()
            return update

    def _push(self, update: dict[str, Any]) -> None:
        """Deliver an update to the bot's webhook, as Telegram does (through the proxy)."""
        assert self.webhook is not None and self.webhook_target is not None
        request = urllib.request.Request(
            self.webhook_target,
            data=json.dumps(update).encode(),
            headers={"Content-Type": "application/json"},
        )
        secret = self.webhook.get("secret_token")
        if secret:
            request.add_header("X-Telegram-Bot-Api-Secret-Token", secret)
        with urllib.request.urlopen(request, timeout=30) as response:
            response.read()
