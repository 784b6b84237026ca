"""The Bot API methods the bot calls on the fake server, and the Telegram state they work on.

`BotApi.handle` answers one call (sendMessage, editMessageText, getUpdates, getFile, ...) the way
Telegram would, after the failure rules a test set up (429s, 5xx, delays, outages). It knows
nothing of HTTP (see telegram_http) or of what users do (see fake_telegram.FakeTelegram).
"""

from __future__ import annotations

import itertools
import threading
import time
from dataclasses import dataclass, field
from typing import Any

from support.telegram_html import BadRequest, parse_html, utf16_len

BOT_ID = 7_000_001
BOT_USERNAME = "docbot_test_bot"
MAX_TEXT = 4096
MAX_CALLBACK_DATA = 64

_DEFAULT_ERRORS = {
    429: "Too Many Requests",
    500: "Internal Server Error",
    502: "Bad Gateway",
    503: "Service Unavailable",
}


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
class Rule:
    """How to answer the next `count` calls of `method` (or "*"): an error, a delay, no answer."""

    method: str
    count: int
    status: int | None = None
    retry_after: int | None = None
    delay: float = 0.0
    drop: bool = False
    description: str | None = None


@dataclass
class _Chat:
    """A chat as Telegram keeps it: its messages and the next message id."""

    id: int
    type: str
    title: str | None = None
    next_message_id: int = 1
    messages: dict[int, dict[str, Any]] = field(default_factory=dict)  # id -> Message JSON


class BotApi:
    """Telegram's side of the conversation: chats, messages, updates, files and the methods."""

    def __init__(self, token: str, *, bot_username: str = BOT_USERNAME) -> None:
        self.token = token
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
        self._rules: list[Rule] = []
        self._outage_status: int | None = None
        self.blocked: set[int] = set()  # chats whose user blocked the bot: sendMessage -> 403
        self._stopping = False

    # -- state -------------------------------------------------------------------------------

    def _chat_cond(self, chat_id: int) -> threading.Condition:
        """The condition notified when the bot sends to `chat_id`."""
        cond = self._chat_conds.get(chat_id)
        if cond is None:
            cond = self._chat_conds[chat_id] = threading.Condition(self._lock)
        return cond

    def _chat(self, chat_id: int, chat_type: str) -> _Chat:
        """The chat `chat_id`, created on first use."""
        chat = self._chats.get(chat_id)
        if chat is None:
            title = None if chat_type == "private" else f"Group {chat_id}"
            chat = self._chats[chat_id] = _Chat(chat_id, chat_type, title)
        return chat

    def _chat_json(self, chat: _Chat) -> dict[str, Any]:
        """The Chat object of a Message."""
        if chat.type == "private":
            return {"id": chat.id, "type": "private", "first_name": f"User{chat.id}"}
        return {"id": chat.id, "type": chat.type, "title": chat.title}

    def _store_file(self, data: bytes) -> str:
        """Keep `data` for getFile and the file endpoint; return its file_id."""
        with self._cond:
            file_id = f"file{next(self._file_ids)}"
            self._files[file_id] = data
            return file_id

    def file_bytes(self, path: str) -> bytes | None:
        """The content behind a getFile file_path, or None."""
        file_id = path.rsplit("/", 1)[-1].removesuffix(".bin")
        with self._cond:
            return self._files.get(file_id)

    # -- answering the bot -------------------------------------------------------------------

    def _take_rule(self, method: str) -> Rule | None:
        """The first failure rule that applies to `method`, used up by one."""
        for rule in self._rules:
            if rule.count > 0 and rule.method in (method, "*"):
                rule.count -= 1
                if rule.count == 0:
                    self._rules.remove(rule)
                return rule
        return None

    def handle(
        self, method: str, params: dict[str, Any]
    ) -> tuple[int, dict[str, Any], Rule | None]:
        """Process one Bot API call; returns (HTTP status, JSON body, the delay rule if any)."""
        with self._cond:
            call = Call(method, params, time.monotonic())
            self.calls.append(call)
            rule = None
            if method != "getUpdates":
                if self._outage_status is not None:
                    call.status = self._outage_status
                    return self._outage_status, error_body(self._outage_status, "Bad Gateway"), None
                rule = self._take_rule(method)
                if method == "sendMessage" and int(params.get("chat_id") or 0) in self.blocked:
                    call.status = 403
                    return 403, error_body(403, "Forbidden: bot was blocked by the user"), None
            if rule is not None and rule.status is not None:
                call.status = rule.status
                body = error_body(
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
                return 400, error_body(400, f"Bad Request: {exc}"), None
            self._cond.notify_all()
        return 200, {"ok": True, "result": result}, rule

    def _get_updates(self, params: dict[str, Any]) -> list[dict[str, Any]]:
        """getUpdates: long-poll (at most 5 s) for queued updates after `offset`."""
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
        """Every method but getUpdates: its result, or BadRequest."""
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
        """Validate a message's text and buttons as Telegram does; (plain, bold, hrefs)."""
        text = p.get("text")
        if not isinstance(text, str):
            raise BadRequest("message text is empty")
        if p.get("parse_mode") == "HTML":
            plain, bold, hrefs = parse_html(text)
        else:
            plain, bold, hrefs = text, [], []
        if not plain.strip():
            raise BadRequest("message text is empty")
        if utf16_len(plain) > MAX_TEXT:
            raise BadRequest("message is too long")
        for button in _buttons(p.get("reply_markup")):
            data = button.get("callback_data")
            if data is not None and not 1 <= len(data.encode("utf-8")) <= MAX_CALLBACK_DATA:
                raise BadRequest("BUTTON_DATA_INVALID")
        return plain, bold, hrefs

    def _send_message(self, p: dict[str, Any]) -> dict[str, Any]:
        """sendMessage: record the message and wake whoever waits on its chat."""
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
        """editMessageText: only the bot's own messages, and only with a change."""
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


def error_body(code: int, description: str) -> dict[str, Any]:
    """The JSON body of a failed Bot API call."""
    return {"ok": False, "error_code": code, "description": description}


def user_json(uid: int) -> dict[str, Any]:
    """The User object of a (human) user."""
    return {"id": uid, "is_bot": False, "first_name": f"User{uid}", "language_code": "en"}


def _scope_key(scope: dict[str, Any] | None) -> str:
    """Where setMyCommands files a command menu: the scope type, plus the chat id if any."""
    if not scope:
        return "default"
    return scope["type"] + (f":{scope['chat_id']}" if "chat_id" in scope else "")


def _kind(update: dict[str, Any]) -> str:
    """An update's type, as in allowed_updates ("message", "callback_query", ...)."""
    return next(k for k in update if k != "update_id")


def _buttons(markup: dict[str, Any] | None) -> list[dict[str, Any]]:
    """The inline keyboard buttons of a reply_markup, row by row."""
    return [b for row in (markup or {}).get("inline_keyboard", []) for b in row]
