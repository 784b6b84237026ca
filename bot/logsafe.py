"""Keep the bot token out of every log line.

The token is part of every Bot API URL, and URLs end up in log records: httpx logs each request
at INFO, PTB logs its base URL at DEBUG, and exception messages can quote a URL. A filter on one
logger misses records of its children and of other libraries, and a filter on a handler misses
handlers added later, so the redactor (a `logging.Filter`) is also installed as the log-record
factory: every record, from any logger, is scrubbed when it is created, before any handler (a
file, the console, pytest's caplog) sees it.
"""

from __future__ import annotations

import logging
import traceback
from typing import Any

REDACTED = "<redacted-token>"


class TokenRedactor(logging.Filter):
    """Replaces each registered secret with a marker: a log filter and a log-record factory."""

    def __init__(self, inner: Any) -> None:
        super().__init__()
        self.inner = inner
        self.secrets: set[str] = set()

    def __call__(self, *args: Any, **kwargs: Any) -> logging.LogRecord:
        record: logging.LogRecord = self.inner(*args, **kwargs)
        self.filter(record)
        return record

    def filter(self, record: logging.LogRecord) -> bool:
        if self.secrets:
            self._scrub(record)
        return True

    def _scrub(self, record: logging.LogRecord) -> None:
        try:
            message = record.getMessage()
        except Exception:  # a malformed call: leave it for logging to report
            return
        if self._contains(message):
            record.msg, record.args = self.redact(message), None
        if record.exc_info and record.exc_info[1] is not None:
            text = "".join(traceback.format_exception(*record.exc_info)).rstrip("\n")
            if self._contains(text):
                # Formatters print exc_text when set instead of formatting exc_info again.
                record.exc_text = self.redact(text)
        if record.stack_info and self._contains(record.stack_info):
            record.stack_info = self.redact(record.stack_info)

    def _contains(self, text: str) -> bool:
        return any(secret in text for secret in self.secrets)

    def redact(self, text: str) -> str:
        for secret in self.secrets:
            text = text.replace(secret, REDACTED)
        return text


def redact_token_in_logs(token: str) -> TokenRedactor:
    """Scrub `token` from all log records from now on (idempotent; also hides httpx's URLs)."""
    factory = logging.getLogRecordFactory()
    if not isinstance(factory, TokenRedactor):
        factory = TokenRedactor(factory)
        logging.setLogRecordFactory(factory)
    if token:
        factory.secrets.add(token)
        # The token's numeric bot id alone is not secret; the part after ':' is.
        secret_part = token.partition(":")[2]
        if len(secret_part) >= 8:
            factory.secrets.add(secret_part)
    # httpx logs every request URL at INFO; WARNING keeps them out even without the factory.
    logging.getLogger("httpx").setLevel(logging.WARNING)
    return factory
