"""A local HTTP server that speaks enough of the Telegram Bot API to run the real PTB Application.

Tests (and bench/bot_load.py) point `ApplicationBuilder.base_url` at it. It queues updates the test
injects, records everything the bot sends, validates what Telegram would validate (HTML parse mode,
message length, callback data size, edits of unknown messages) and can inject 429s with
`retry_after`, 5xx answers, slow answers and outages. It runs in its own threads, so it is
independent of the bot's event loop.
"""

from __future__ import annotations

import email.parser
import email.policy
import itertools
import json
import os
import re
import threading
import time
import urllib.parse
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, TypeVar

T = TypeVar("T")

BOT_ID = 7_000_001
BOT_USERNAME = "docbot_test_bot"
MAX_TEXT = 4096
MAX_CALLBACK_DATA = 64

# Form fields PTB JSON-encodes; every other field arrives as a plain string.
_JSON_FIELDS = {
    "reply_markup",
    "entities",
    "allowed_updates",
    "commands",
    "link_preview_options",
    "reply_parameters",
    "scope",
    "show_alert",
    "drop_pending_updates",
    "disable_notification",
}
_INT_FIELDS = {"chat_id", "message_id", "offset", "limit", "timeout", "cache_time"}

_TAGS = {"b", "strong", "i", "em", "u", "ins", "s", "strike", "del", "a", "code", "pre"}
_TAGS |= {"tg-spoiler", "span", "blockquote", "tg-emoji"}
_TOKEN_RE = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9-]*)((?:\s+[^<>]*)?)>|&(#x[0-9a-fA-F]+|#\d+|\w+);")
_ENTITIES = {"lt": "<", "gt": ">", "amp": "&", "quot": '"'}
_BOLD = {"b", "strong"}


class BadRequest(Exception):
    """What Telegram answers with 400."""


def parse_html(text: str) -> tuple[str, list[str], list[str]]:
    """Parse Telegram HTML strictly; return (plain text, bold fragments, link hrefs)."""
    plain: list[str] = []
    stack: list[str] = []
    bold_parts: list[str] = []
    bold_start: int | None = None
    hrefs: list[str] = []
    pos = 0
    for m in _TOKEN_RE.finditer(text):
        _append_plain(plain, text[pos : m.start()])
        pos = m.end()
        if m.group(4) is not None:
            plain.append(_entity(m.group(4)))
            continue
        closing, tag, attrs = m.group(1) == "/", m.group(2).lower(), m.group(3) or ""
        if tag not in _TAGS:
            raise BadRequest(f'can\'t parse entities: Unsupported start tag "{tag}"')
        if closing:
            if not stack or stack[-1] != tag:
                raise BadRequest(f'can\'t parse entities: Unmatched end tag "{tag}"')
            stack.pop()
            if tag in _BOLD and not any(t in _BOLD for t in stack) and bold_start is not None:
                bold_parts.append("".join(plain)[bold_start:])
                bold_start = None
            continue
        if tag == "a":
            href = re.fullmatch(r'\s+href\s*=\s*"([^"]*)"\s*', attrs)
            if not href:
                raise BadRequest("can't parse entities: a tag needs a quoted href")
            hrefs.append(_unescape(href.group(1)))
        elif attrs.strip() and tag not in {"span", "tg-emoji", "pre", "code", "blockquote"}:
            raise BadRequest(f'can\'t parse entities: unexpected attributes on "{tag}"')
        if tag in _BOLD and not any(t in _BOLD for t in stack):
            bold_start = len("".join(plain))
        stack.append(tag)
    _append_plain(plain, text[pos:])
    if stack:
        raise BadRequest(
            f"can't parse entities: Can't find end tag corresponding to \"{stack[-1]}\""
        )
    return "".join(plain), bold_parts, hrefs


def _append_plain(out: list[str], chunk: str) -> None:
    """Raw text between tags: `<`, `>` and `&` must have been escaped."""
    for ch in "<>&":
        if ch in chunk:
            raise BadRequest(f"can't parse entities: unescaped {ch!r} in {chunk[:40]!r}")
    out.append(chunk)


def _entity(name: str) -> str:
    if name.startswith("#x"):
        return chr(int(name[2:], 16))
    if name.startswith("#"):
        return chr(int(name[1:]))
    if name not in _ENTITIES:
        raise BadRequest(f"can't parse entities: Unsupported HTML entity &{name};")
    return _ENTITIES[name]


def _unescape(value: str) -> str:
    return re.sub(r"&(#x[0-9a-fA-F]+|#\d+|\w+);", lambda m: _entity(m.group(1)), value)


def _utf16_len(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


@dataclass
class SentMessage:
    """A message the bot sent, in its current state (edits applied)."""

    chat_id: int
    message_id: int
    text: str  # as sent (HTML when parse_mode is HTML)
    plain: str  # what the user sees
    bold: list[str]
    hrefs: list[str]
    parse_mode: str | None
    reply_markup: dict[str, Any] | None
    reply_to: int | None
    sent_at: float
    edits: int = 0

    @property
    def buttons(self) -> list[dict[str, Any]]:
        rows = (self.reply_markup or {}).get("inline_keyboard", [])
        return [button for row in rows for button in row]


@dataclass
class Call:
    """One request the bot made, whatever the outcome."""

    method: str
    params: dict[str, Any]
    at: float
    status: int = 200


@dataclass
class _Rule:
    method: str
    count: int
    status: int | None = None
    retry_after: int | None = None
    delay: float = 0.0
    drop: bool = False
    description: str | None = None


@dataclass
class _Chat:
    id: int
    type: str
    title: str | None = None
    next_message_id: int = 1
    messages: dict[int, dict[str, Any]] = field(default_factory=dict)  # id -> Message JSON


class FakeTelegram:
    """The fake Bot API server. Use as a context manager or call start()/stop()."""

    def __init__(self, token: str, *, bot_username: str = BOT_USERNAME, port: int = 0) -> None:
        self.token = token
        self._port = port  # 0: any free port
        self.bot_user = {
            "id": BOT_ID,
            "is_bot": True,
            "first_name": "DocBot",
            "username": bot_username,
            "can_join_groups": True,
            "can_read_all_group_messages": False,
            "supports_inline_queries": False,
        }
        self.calls: list[Call] = []
        self.sent: list[SentMessage] = []  # in send order; edits update the entries in place
        self.callback_answers: list[dict[str, Any]] = []
        self.commands: dict[str, list[dict[str, Any]]] = {}  # scope type (+ chat id) -> menu
        self.webhook: dict[str, Any] | None = None  # the last setWebhook parameters
        # Where Telegram's webhook calls land, i.e. the reverse proxy in front of the bot. When it
        # is set and the bot has called setWebhook, updates are POSTed there, not queued.
        self.webhook_target: str | None = None
        self.webhook_deliveries: list[dict[str, Any]] = []
        # One lock; separate conditions so that a waiter wakes only for what it waits for
        # (the load benchmark has 50 threads waiting on 50 chats).
        self._lock = threading.RLock()
        self._cond = threading.Condition(self._lock)  # anything changed
        self._updates_cond = threading.Condition(self._lock)  # an update was queued
        self._chat_conds: dict[int, threading.Condition] = {}  # the bot sent to this chat
        self._sent_by_chat: dict[int, list[SentMessage]] = {}
        self._updates: list[dict[str, Any]] = []
        self._update_ids = itertools.count(1)
        self._chats: dict[int, _Chat] = {}
        self._files: dict[str, bytes] = {}
        self._file_ids = itertools.count(1)
        self._callback_ids = itertools.count(1)
        self._open_callbacks: set[str] = set()
        self._rules: list[_Rule] = []
        self._outage_status: int | None = None
        self._stopping = False
        self._server: ThreadingHTTPServer | None = None
        self._thread: threading.Thread | None = None

    # -- lifecycle ---------------------------------------------------------------------------

    def start(self) -> FakeTelegram:
        server = _Server(("127.0.0.1", self._port), _handler_class(self))
        server.daemon_threads = True
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
            "PYTHONPATH": str(Path(__file__).resolve().parent.parent),
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
        entities = _entities_for(text)
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
                    "from": _user(uid),
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
                _Rule(
                    method, count, status=status, retry_after=retry_after, description=description
                )
            )

    def delay(self, method: str, seconds: float, *, count: int = 1, drop: bool = False) -> None:
        """The next `count` calls are processed, then answered after `seconds` (or never: drop)."""
        with self._cond:
            self._rules.append(_Rule(method, count, delay=seconds, drop=drop))

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

    def _chat_cond(self, chat_id: int) -> threading.Condition:
        cond = self._chat_conds.get(chat_id)
        if cond is None:
            cond = self._chat_conds[chat_id] = threading.Condition(self._lock)
        return cond

    def calls_of(self, method: str) -> list[Call]:
        with self._cond:
            return [c for c in self.calls if c.method == method]

    def pending_updates(self) -> int:
        with self._cond:
            return len(self._updates)

    # -- internals ---------------------------------------------------------------------------

    def _chat(self, chat_id: int, chat_type: str) -> _Chat:
        chat = self._chats.get(chat_id)
        if chat is None:
            title = None if chat_type == "private" else f"Group {chat_id}"
            chat = self._chats[chat_id] = _Chat(chat_id, chat_type, title)
        return chat

    def _chat_json(self, chat: _Chat) -> dict[str, Any]:
        if chat.type == "private":
            return {"id": chat.id, "type": "private", "first_name": f"User{chat.id}"}
        return {"id": chat.id, "type": chat.type, "title": chat.title}

    def _new_message(self, chat_id: int, user_id: int | None, chat_type: str) -> dict[str, Any]:
        with self._cond:
            chat = self._chat(chat_id, chat_type)
            message_id = chat.next_message_id
            chat.next_message_id += 1
            uid = user_id if user_id is not None else chat_id
            return {
                "message_id": message_id,
                "date": int(time.time()),
                "chat": self._chat_json(chat),
                "from": _user(uid),
            }

    def _queue(self, payload: dict[str, Any]) -> dict[str, Any]:
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
        import urllib.request

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

    def _store_file(self, data: bytes) -> str:
        with self._cond:
            file_id = f"file{next(self._file_ids)}"
            self._files[file_id] = data
            return file_id

    def _take_rule(self, method: str) -> _Rule | None:
        for rule in self._rules:
            if rule.count > 0 and rule.method in (method, "*"):
                rule.count -= 1
                if rule.count == 0:
                    self._rules.remove(rule)
                return rule
        return None

    def handle(
        self, method: str, params: dict[str, Any]
    ) -> tuple[int, dict[str, Any], _Rule | None]:
        """Process one Bot API call; returns (HTTP status, JSON body, the delay rule if any)."""
        with self._cond:
            call = Call(method, params, time.monotonic())
            self.calls.append(call)
            rule = None
            if method != "getUpdates":
                if self._outage_status is not None:
                    call.status = self._outage_status
                    return self._outage_status, _error(self._outage_status, "Bad Gateway"), None
                rule = self._take_rule(method)
            if rule is not None and rule.status is not None:
                call.status = rule.status
                body = _error(
                    rule.status, rule.description or _DEFAULT_ERRORS.get(rule.status, "Error")
                )
                if rule.retry_after is not None:
                    body["description"] = f"Too Many Requests: retry after {rule.retry_after}"
                    body["parameters"] = {"retry_after": rule.retry_after}
                return rule.status, body, None
        if method == "getUpdates":
            return 200, {"ok": True, "result": self._get_updates(params)}, None
        with self._cond:
            try:
                result = self._dispatch(method, params)
            except BadRequest as exc:
                call.status = 400
                return 400, _error(400, f"Bad Request: {exc}"), None
            self._cond.notify_all()
        return 200, {"ok": True, "result": result}, rule

    def _get_updates(self, params: dict[str, Any]) -> list[dict[str, Any]]:
        offset = int(params.get("offset") or 0)
        limit = int(params.get("limit") or 100)
        timeout = min(float(params.get("timeout") or 0), 5.0)
        allowed = params.get("allowed_updates")
        deadline = time.monotonic() + timeout
        with self._cond:
            while True:
                # getUpdates with an offset confirms every earlier update, as in the real API.
                self._updates = [u for u in self._updates if u["update_id"] >= offset]
                ready = [u for u in self._updates if not allowed or _kind(u) in allowed]
                if ready or self._stopping:
                    return ready[:limit]
                remaining = deadline - time.monotonic()
                if remaining <= 0:
                    return []
                self._updates_cond.wait(remaining)

    def _dispatch(self, method: str, p: dict[str, Any]) -> Any:
        simple = {
            "getMe": lambda: self.bot_user,
            "deleteWebhook": lambda: True,
            "getMyCommands": lambda: self.commands.get(_scope_key(p.get("scope")), []),
            "close": lambda: True,
            "logOut": lambda: True,
            "sendChatAction": lambda: True,
            "getWebhookInfo": lambda: {
                "url": "",
                "has_custom_certificate": False,
                "pending_update_count": 0,
            },
        }
        if method in simple:
            if method == "deleteWebhook":
                self.webhook = None
            return simple[method]()
        if method == "setMyCommands":
            self.commands[_scope_key(p.get("scope"))] = p["commands"]
            return True
        if method == "setWebhook":
            self.webhook = p
            return True
        if method == "sendMessage":
            return self._send_message(p)
        if method == "editMessageText":
            return self._edit_message(p)
        if method == "answerCallbackQuery":
            query_id = str(p["callback_query_id"])
            if query_id not in self._open_callbacks:
                raise BadRequest(
                    "query is too old and response timeout expired or query ID is invalid"
                )
            self._open_callbacks.discard(query_id)
            if len(p.get("text") or "") > 200:
                raise BadRequest("MESSAGE_TOO_LONG")
            self.callback_answers.append(p)
            return True
        if method == "getFile":
            file_id = p["file_id"]
            if file_id not in self._files:
                raise BadRequest("invalid file_id")
            return {
                "file_id": file_id,
                "file_unique_id": f"u{file_id}",
                "file_size": len(self._files[file_id]),
                "file_path": f"documents/{file_id}.bin",
            }
        raise BadRequest(f"method {method} is not supported by the fake server")

    def _render(self, p: dict[str, Any]) -> tuple[str, list[str], list[str]]:
        text = p.get("text")
        if not isinstance(text, str):
            raise BadRequest("message text is empty")
        if p.get("parse_mode") == "HTML":
            plain, bold, hrefs = parse_html(text)
        else:
            plain, bold, hrefs = text, [], []
        if not plain.strip():
            raise BadRequest("message text is empty")
        if _utf16_len(plain) > MAX_TEXT:
            raise BadRequest("message is too long")
        for button in _buttons(p.get("reply_markup")):
            data = button.get("callback_data")
            if data is not None and not 1 <= len(data.encode("utf-8")) <= MAX_CALLBACK_DATA:
                raise BadRequest("BUTTON_DATA_INVALID")
        return plain, bold, hrefs

    def _send_message(self, p: dict[str, Any]) -> dict[str, Any]:
        chat = self._chats.get(int(p["chat_id"]))
        if chat is None:
            raise BadRequest("chat not found")
        plain, bold, hrefs = self._render(p)
        message_id = chat.next_message_id
        chat.next_message_id += 1
        reply_to = (p.get("reply_parameters") or {}).get("message_id")
        message = {
            "message_id": message_id,
            "date": int(time.time()),
            "chat": self._chat_json(chat),
            "from": {k: self.bot_user[k] for k in ("id", "is_bot", "first_name", "username")},
            "text": plain,
        }
        if p.get("reply_markup"):
            message["reply_markup"] = p["reply_markup"]
        chat.messages[message_id] = message
        sent = SentMessage(
            chat.id,
            message_id,
            p["text"],
            plain,
            bold,
            hrefs,
            p.get("parse_mode"),
            p.get("reply_markup"),
            reply_to,
            time.monotonic(),
        )
        self.sent.append(sent)
        self._sent_by_chat.setdefault(chat.id, []).append(sent)
        self._chat_cond(chat.id).notify_all()
        return message

    def _edit_message(self, p: dict[str, Any]) -> dict[str, Any]:
        chat = self._chats.get(int(p["chat_id"]))
        message_id = int(p["message_id"])
        if chat is None or message_id not in chat.messages:
            raise BadRequest("message to edit not found")
        sent = next(
            (m for m in self.sent if m.chat_id == chat.id and m.message_id == message_id), None
        )
        if sent is None:
            raise BadRequest("message can't be edited")
        plain, bold, hrefs = self._render(p)
        if p["text"] == sent.text and p.get("reply_markup") == sent.reply_markup:
            raise BadRequest(
                "message is not modified: specified new message content and reply markup are "
                "exactly the same as a current content and reply markup of the message"
            )
        sent.text, sent.plain, sent.bold, sent.hrefs = p["text"], plain, bold, hrefs
        sent.parse_mode, sent.reply_markup = p.get("parse_mode"), p.get("reply_markup")
        sent.edits += 1
        message = chat.messages[message_id]
        message["text"] = plain
        message["reply_markup"] = p.get("reply_markup")
        if message["reply_markup"] is None:
            del message["reply_markup"]
        return message

    def file_bytes(self, path: str) -> bytes | None:
        file_id = path.rsplit("/", 1)[-1].removesuffix(".bin")
        with self._cond:
            return self._files.get(file_id)


_DEFAULT_ERRORS = {
    429: "Too Many Requests",
    500: "Internal Server Error",
    502: "Bad Gateway",
    503: "Service Unavailable",
}


def _error(code: int, description: str) -> dict[str, Any]:
    return {"ok": False, "error_code": code, "description": description}


def _user(uid: int) -> dict[str, Any]:
    return {"id": uid, "is_bot": False, "first_name": f"User{uid}", "language_code": "en"}


def _scope_key(scope: dict[str, Any] | None) -> str:
    if not scope:
        return "default"
    return scope["type"] + (f":{scope['chat_id']}" if "chat_id" in scope else "")


def _kind(update: dict[str, Any]) -> str:
    return next(k for k in update if k != "update_id")


def _buttons(markup: dict[str, Any] | None) -> list[dict[str, Any]]:
    return [b for row in (markup or {}).get("inline_keyboard", []) for b in row]


def _entities_for(text: str) -> list[dict[str, Any]]:
    """bot_command at the start and @mentions anywhere, with UTF-16 offsets like Telegram."""
    entities = []
    for m in re.finditer(r"(?<![\w/])/[A-Za-z0-9_]+(?:@[A-Za-z0-9_]+)?|@[A-Za-z0-9_]{5,32}", text):
        kind = "bot_command" if m.group().startswith("/") else "mention"
        if kind == "bot_command" and m.start() != 0:
            continue
        entities.append(
            {
                "type": kind,
                "offset": _utf16_len(text[: m.start()]),
                "length": _utf16_len(m.group()),
            }
        )
    return entities


def _parse_body(content_type: str, body: bytes) -> dict[str, Any]:
    if not body:
        return {}
    if content_type.startswith("application/json"):
        return dict(json.loads(body))
    if content_type.startswith("multipart/form-data"):
        raw = f"Content-Type: {content_type}\r\n\r\n".encode() + body
        message = email.parser.BytesParser(policy=email.policy.HTTP).parsebytes(raw)
        fields: dict[str, Any] = {}
        for part in message.iter_parts():
            name = part.get_param("name", header="content-disposition")
            payload = part.get_payload(decode=True)
            data = payload if isinstance(payload, bytes) else b""
            fields[str(name)] = data.decode("utf-8", "replace")
        return _decode_fields(fields)
    pairs = urllib.parse.parse_qsl(body.decode("utf-8"), keep_blank_values=True)
    return _decode_fields(dict(pairs))


def _decode_fields(fields: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for name, value in fields.items():
        if name in _JSON_FIELDS:
            out[name] = json.loads(value)
        elif name in _INT_FIELDS:
            try:
                out[name] = int(value)
            except ValueError:
                out[name] = value
        else:
            out[name] = value
    return out


class _Server(ThreadingHTTPServer):
    def handle_error(self, request: Any, client_address: Any) -> None:
        """A client that hung up (the bot shutting down mid long-poll) is not an error."""
        import sys

        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


def _handler_class(fake: FakeTelegram) -> type[BaseHTTPRequestHandler]:
    api_prefix = f"/bot{fake.token}/"
    file_prefix = f"/file/bot{fake.token}/"

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        # Headers and body go out in separate writes; with Nagle's algorithm and delayed ACKs
        # every answer would wait ~40 ms, which is not Telegram's latency but the fake's.
        disable_nagle_algorithm = True

        def log_message(self, format: str, *args: Any) -> None:  # noqa: A002
            """Stay quiet: the request line carries the token."""

        def _reply(self, status: int, body: bytes, content_type: str = "application/json") -> None:
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def do_GET(self) -> None:  # noqa: N802
            path = urllib.parse.unquote(urllib.parse.urlsplit(self.path).path)
            if path.startswith(file_prefix):
                data = fake.file_bytes(path[len(file_prefix) :])
                if data is not None:
                    self._reply(200, data, "application/octet-stream")
                    return
                self._reply(404, b"not found", "text/plain")
                return
            self._api(path, {})

        def do_POST(self) -> None:  # noqa: N802
            length = int(self.headers.get("Content-Length") or 0)
            body = self.rfile.read(length)
            params = _parse_body(self.headers.get("Content-Type", ""), body)
            self._api(urllib.parse.unquote(urllib.parse.urlsplit(self.path).path), params)

        def _api(self, path: str, params: dict[str, Any]) -> None:
            if not path.startswith(api_prefix):
                self._reply(401, json.dumps(_error(401, "Unauthorized")).encode())
                return
            status, body, rule = fake.handle(path[len(api_prefix) :], params)
            if rule is not None and rule.delay:
                time.sleep(rule.delay)
            if rule is not None and rule.drop:
                self.close_connection = True
                return
            self._reply(status, json.dumps(body).encode())

    return Handler
