"""The HTTP face of the fake Bot API: routes /bot<token>/<method> and /file/bot<token>/<path>.

Request bodies (JSON, urlencoded or multipart, as PTB sends them) are decoded into the parameter
dict `BotApi.handle` takes; its answer goes back as JSON, late or never when a rule says so.
"""

from __future__ import annotations

import email.parser
import email.policy
import json
import sys
import time
import urllib.parse
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from support.telegram_methods import BotApi, error_body

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


def make_server(api: BotApi, port: int = 0) -> ThreadingHTTPServer:
    """An HTTP server on 127.0.0.1:`port` (0: any free port) answering for `api`; not started."""
    server = _Server(("127.0.0.1", port), _handler_class(api))
    server.daemon_threads = True
    return server


def _parse_body(content_type: str, body: bytes) -> dict[str, Any]:
    """A request body as Bot API parameters."""
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
    """Form fields as values: JSON-encoded ones decoded, ids and counts as ints."""
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
    """A thread per request; quiet about clients that hang up."""

    def handle_error(self, request: Any, client_address: Any) -> None:
        """A client that hung up (the bot shutting down mid long-poll) is not an error."""
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)


def _handler_class(api: BotApi) -> type[BaseHTTPRequestHandler]:
    """A request handler class bound to `api` and its token."""
    api_prefix = f"/bot{api.token}/"
    file_prefix = f"/file/bot{api.token}/"

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
                data = api.file_bytes(path[len(file_prefix) :])
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
                self._reply(401, json.dumps(error_body(401, "Unauthorized")).encode())
                return
            status, body, rule = api.handle(path[len(api_prefix) :], params)
            if rule is not None and rule.delay:
                time.sleep(rule.delay)
            if rule is not None and rule.drop:
                self.close_connection = True
                return
            self._reply(status, json.dumps(body).encode())

    return Handler
