"""Running the real bot against the fake Bot API server: settings, a bot thread, corpora, KBs.

Shared by the tests/bot/ modules and bench/bot_load.py.
"""

from __future__ import annotations

import asyncio
import shutil
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from bot.settings import Settings
from support.fake_telegram import FakeTelegram, SentMessage

# Looks like a real token: numeric bot id, colon, 35 url-safe characters.
TOKEN = "7000001:AAHx-TeSt_SeCrEt-0123456789abcdefghij"
ADMIN = 42
ROOT = Path(__file__).resolve().parents[2]
SEED_CORPUS = ROOT / "docs_corpus"


def bot_settings(fake: FakeTelegram, corpus: Path, index_dir: Path, **env: Any) -> Settings:
    """Settings for a bot talking to `fake`, as `serve` would read them from the environment."""
    values: dict[str, Any] = {
        "TELEGRAM_BOT_TOKEN": fake.token,
        "DOCBOT_TELEGRAM_BASE_URL": fake.base_url,
        "DOCBOT_TELEGRAM_BASE_FILE_URL": fake.base_file_url,
        "DOCBOT_CORPUS": str(corpus),
        "DOCBOT_INDEX_DIR": str(index_dir),
        "DOCBOT_ADMIN_IDS": str(ADMIN),
        "DOCBOT_RESCAN_SECONDS": "0",
        "DOCBOT_TELEGRAM_TIMEOUT": "3",
        "DOCBOT_TELEGRAM_RETRY_SECONDS": "30",
        # In the test's process, where tests can watch the KnowledgeBase; the answer worker
        # processes `serve` uses by default have tests of their own (tests/bot/test_answerers.py).
        "DOCBOT_ANSWER_PROCESSES": "1",
    }
    values.update({k: str(v) for k, v in env.items()})
    return Settings(_env_file=None, **values)  # type: ignore[call-arg]


def bulletins(n: int) -> dict[str, str]:
    """`n` short dated documents (enough to page /sources), as file name -> text."""
    return {
        f"harbour-{i:02d}.md": (
            f"---\ntitle: Harbour bulletin {i:02d} of Veltmar\ndate: 2019-{i:02d}-15\n---\n\n"
            f"Harbour bulletin number {i} of Veltmar port. In month {i} the harbour handled "
            f"{100 + 7 * i} ships and {i * 3} ferries. The pilot on duty was pilot number {i}.\n"
        )
        for i in range(1, n + 1)
    }


def write_corpus(dest: Path, files: dict[str, str], seed: bool = True) -> Path:
    """A corpus folder: a copy of docs_corpus/ (when `seed`) plus `files`."""
    if seed:
        shutil.copytree(SEED_CORPUS, dest)
    dest.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        (dest / name).write_text(text, encoding="utf-8")
    return dest


class RunningBot(tuple):  # type: ignore[type-arg]
    """(fake server, application); its repr hides PTB's, which shows the token."""

    def __repr__(self) -> str:
        return "RunningBot(<fake Telegram>, <Application>)"


@contextmanager
def running_bot(
    kb: Any, tmp: Path, *, fake: FakeTelegram | None = None, **env: Any
) -> Iterator[tuple[FakeTelegram, Any]]:
    """A fake Telegram server and the real Application running against it; yields both."""
    from bot.telegram_app import build_application

    own = fake is None
    fake = fake or FakeTelegram(TOKEN).start()
    try:
        settings = bot_settings(fake, kb.corpus, kb.index_dir, **env)
        app = build_application(settings, kb)
        with BotThread(app, settings):
            yield RunningBot((fake, app))
    finally:
        if own:
            fake.stop()


class Conversation:
    """One user in one chat: send things, wait for the bot's replies."""

    def __init__(
        self,
        fake: FakeTelegram,
        chat_id: int,
        user_id: int | None = None,
        chat_type: str = "private",
    ) -> None:
        self.fake = fake
        self.chat_id = chat_id
        self.user_id = user_id if user_id is not None else chat_id
        self.chat_type = chat_type

    def sent(self) -> list[SentMessage]:
        return self.fake.messages_to(self.chat_id)

    def say(
        self, text: str, replies: int = 1, timeout: float = 60.0, **kw: Any
    ) -> list[SentMessage]:
        """Send `text` and return the `replies` new messages the bot sends (waiting for them)."""
        before = len(self.sent())
        self.fake.send_text(
            self.chat_id, text, user_id=self.user_id, chat_type=self.chat_type, **kw
        )
        return self.wait_new(before, replies, timeout)

    def wait_new(self, before: int, n: int = 1, timeout: float = 60.0) -> list[SentMessage]:
        return self.fake.wait_messages(self.chat_id, before + n, timeout)[before:]


class BotThread:
    """Runs a built PTB Application (polling or webhook, as `serve` does) in its own thread/loop.

    Tests and bench/bot_load.py drive it from the outside through the FakeTelegram server.
    """

    def __init__(self, app: Any, settings: Any) -> None:
        self.app = app
        self.settings = settings
        self.loop: Any = None
        self.error: BaseException | None = None
        self._thread = threading.Thread(target=self._run, name="bot-under-test", daemon=True)

    def _run(self) -> None:

        from bot.telegram_app import run_application

        self.loop = asyncio.new_event_loop()
        asyncio.set_event_loop(self.loop)
        try:
            run_application(self.app, self.settings, stop_signals=None)
        except BaseException as exc:  # reported by stop()
            self.error = exc

    def start(self, timeout: float = 60.0) -> BotThread:
        self._thread.start()
        deadline = time.monotonic() + timeout
        while not (self.app.running and self.app.updater and self.app.updater.running):
            if self.error is not None or not self._thread.is_alive():
                raise RuntimeError(f"the bot did not start: {self.error!r}")
            if time.monotonic() > deadline:
                raise AssertionError("the bot did not start in time")
            time.sleep(0.02)
        return self

    def stop(self, timeout: float = 60.0) -> None:
        if self.loop is not None and self._thread.is_alive():
            self.loop.call_soon_threadsafe(self.app.stop_running)
        self._thread.join(timeout)
        if self._thread.is_alive():
            raise AssertionError("the bot did not stop in time")
        if self.error is not None:
            raise self.error

    def run(self, coro: Any, timeout: float = 60.0) -> Any:
        """Run a coroutine on the bot's loop and return its result."""

        return asyncio.run_coroutine_threadsafe(coro, self.loop).result(timeout)

    def __enter__(self) -> BotThread:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()
