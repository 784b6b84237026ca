"""Getting replies to Telegram exactly once, through 429s, 5xx answers and timeouts.

Two layers, each where python-telegram-bot intends it:

- `RetryAfterLimiter` is PTB's rate-limiter hook. Telegram answers a flood with 429 and
  `retry_after`; the request was refused, not delivered, so waiting that long and resending is
  safe. Like PTB's own AIORateLimiter it pauses every request meanwhile (Telegram's limits are
  per bot). It handles nothing else, as PTB asks of rate limiters.
- `RetryingRequest` is PTB's HTTP layer. It retries, with exponential backoff for up to
  `budget` seconds, the failures after which Telegram cannot have acted: the connection could
  not be made (refused, connect timeout, pool timeout), or Telegram answered 5xx. After a read
  timeout or a dropped connection the request may already have been delivered, so it is resent
  only when doing it twice is harmless (edits, callback answers, chat actions, reads). A
  `sendMessage` in that state is *not* resent: a possibly lost reply is better than a
  duplicated one, and the long read timeout makes the case rare.
"""

from __future__ import annotations

import asyncio
import json
import logging
from collections.abc import Callable, Coroutine
from typing import Any

import httpx
from telegram.error import NetworkError, RetryAfter
from telegram.ext import BaseRateLimiter
from telegram.request import HTTPXRequest, RequestData

log = logging.getLogger(__name__)

# Calls whose repetition changes nothing a user can see.
IDEMPOTENT = frozenset(
    {
        "getMe",
        "getFile",
        "getMyCommands",
        "setMyCommands",
        "deleteMyCommands",
        "deleteWebhook",
        "setWebhook",
        "getWebhookInfo",
        "editMessageText",
        "editMessageReplyMarkup",
        "answerCallbackQuery",
        "sendChatAction",
        "getChat",
    }
)
# 400 answers that mean "an earlier attempt of this very call already went through".
_ALREADY_DONE = {
    "editMessageText": "message is not modified",
    "editMessageReplyMarkup": "message is not modified",
    "answerCallbackQuery": "query is too old",
}
_NOT_SENT = (httpx.ConnectError, httpx.ConnectTimeout, httpx.PoolTimeout)


class RetryAfterLimiter(BaseRateLimiter[int]):
    """Wait out 429 `retry_after` and resend, pausing all requests meanwhile."""

    def __init__(self, max_retries: int = 5) -> None:
        self.max_retries = max_retries
        self._resume_at = 0.0  # event-loop time before which no request is made

    async def initialize(self) -> None:
        """Nothing to set up."""

    async def shutdown(self) -> None:
        """Nothing to release."""

    async def process_request(
        self,
        callback: Callable[..., Coroutine[Any, Any, bool | dict[str, Any] | list[dict[str, Any]]]],
        args: Any,
        kwargs: dict[str, Any],
        endpoint: str,
        data: dict[str, Any],
        rate_limit_args: int | None,
    ) -> bool | dict[str, Any] | list[dict[str, Any]]:
        loop = asyncio.get_running_loop()
        max_retries = self.max_retries if rate_limit_args is None else rate_limit_args
        for attempt in range(max_retries + 1):
            wait = self._resume_at - loop.time()
            if wait > 0:
                await asyncio.sleep(wait)
            try:
                return await callback(*args, **kwargs)
            except RetryAfter as exc:
                if attempt == max_retries:
                    raise
                pause = exc.retry_after
                seconds = pause.total_seconds() if hasattr(pause, "total_seconds") else pause
                self._resume_at = max(self._resume_at, loop.time() + float(seconds) + 0.1)
                log.warning(
                    "Telegram asked to slow down (%s): retrying in %.1fs", endpoint, seconds
                )
        raise AssertionError("unreachable")  # pragma: no cover


class RetryingRequest(HTTPXRequest):
    """HTTPXRequest that retries what Telegram certainly did not act on (see the module doc)."""

    def __init__(
        self,
        *,
        budget: float = 300.0,
        first_delay: float = 0.5,
        max_delay: float = 15.0,
        **kwargs: Any,
    ) -> None:
        super().__init__(**kwargs)
        self.budget = budget
        self.first_delay = first_delay
        self.max_delay = max_delay

    async def do_request(
        self,
        url: str,
        method: str,
        request_data: RequestData | None = None,
        read_timeout: Any = HTTPXRequest.DEFAULT_NONE,
        write_timeout: Any = HTTPXRequest.DEFAULT_NONE,
        connect_timeout: Any = HTTPXRequest.DEFAULT_NONE,
        pool_timeout: Any = HTTPXRequest.DEFAULT_NONE,
    ) -> tuple[int, bytes]:
        endpoint = url.rsplit("/", 1)[-1]  # never log `url`: it carries the token
        idempotent = method == "GET" or endpoint in IDEMPOTENT
        loop = asyncio.get_running_loop()
        deadline = loop.time() + self.budget
        maybe_delivered = False
        attempt = 0
        while True:
            try:
                status, body = await super().do_request(
                    url,
                    method,
                    request_data,
                    read_timeout,
                    write_timeout,
                    connect_timeout,
                    pool_timeout,
                )
            except NetworkError as exc:  # PTB's TimedOut is a NetworkError too
                unknown = not isinstance(exc.__cause__, _NOT_SENT)
                if unknown and not idempotent:
                    log.warning(
                        "Telegram %s may or may not have been delivered (%s); not resending, "
                        "so it cannot arrive twice",
                        endpoint,
                        _reason(exc),
                    )
                    raise
                maybe_delivered = maybe_delivered or unknown
                reason = _reason(exc)
                failure: BaseException | None = exc
            else:
                if status < 500:
                    if status == 400 and maybe_delivered and _already_done(endpoint, body):
                        return 200, b'{"ok": true, "result": true}'
                    return status, body
                reason, failure = f"HTTP {status}", None
            delay = min(self.max_delay, self.first_delay * 2**attempt)
            if loop.time() + delay > deadline:
                log.error(
                    "Telegram %s still failing after %.0fs (%s)", endpoint, self.budget, reason
                )
                if failure is not None:
                    raise failure
                return status, body
            log.warning("Telegram %s failed (%s); retrying in %.1fs", endpoint, reason, delay)
            await asyncio.sleep(delay)
            attempt += 1


def _reason(exc: BaseException) -> str:
    cause = exc.__cause__
    return type(cause).__name__ if cause is not None else type(exc).__name__


def _already_done(endpoint: str, body: bytes) -> bool:
    marker = _ALREADY_DONE.get(endpoint)
    if marker is None:
        return False
    try:
        description = str(json.loads(body).get("description", ""))
    except (ValueError, AttributeError):
        return False
    return marker in description
