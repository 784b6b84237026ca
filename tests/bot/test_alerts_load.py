"""Load: an alert burst to 1,000 following chats, with 429s injected, while questions are asked."""

from __future__ import annotations

import threading
import time

from support.bot_harness import ADMIN, Conversation, bulletins, running_bot
from support.fake_web import FakeWeb, Release

from bot.subscriptions import Subscriptions

CHATS = list(range(100_001, 101_001))
TOPIC = "Veltmar harbour"
NEWS = Release(
    "New ferry terminal opens in Veltmar harbour",
    "2022-06-01T09:00:00+00:00",
    "new-ferry-terminal-veltmar",
    [
        "The new ferry terminal of Veltmar harbour opened on Wednesday after two years of work.",
        "The terminal doubles the number of ferries the Veltmar harbour can handle each day.",
        "The harbour master said the first ferry to use it came from the northern islands.",
    ],
)


def test_an_alert_burst_reaches_every_chat_once_and_answers_keep_flowing(make_kb, tmp_path) -> None:
    kb = make_kb(bulletins(3))
    kb.sync()
    db = tmp_path / "feeds.sqlite"
    subs = Subscriptions(db)
    for chat in CHATS:
        subs.follow(chat, TOPIC)
    env = {
        "DOCBOT_ALLOW_PRIVATE_URLS": "1",
        "DOCBOT_FEEDS_DB": str(db),
        "DOCBOT_FEED_SECONDS": "0",
        "DOCBOT_RATE_LIMIT_PER_MINUTE": "100",
    }
    with FakeWeb() as web, running_bot(kb, tmp_path, **env) as (fake, app):
        fake.open_chats(CHATS)
        url = web.serve_release(NEWS)
        admin = Conversation(fake, ADMIN)
        [ack] = admin.say(url, timeout=180)
        assert ack.plain.startswith("Added: " + NEWS.title)

        # 429s while the burst is under way: a few at a time, several times.
        stop = threading.Event()

        def inject() -> None:
            fake.wait_for(lambda: len(fake.sent) > 60, 120)
            for _ in range(4):
                if stop.wait(3):
                    return
                fake.fail("sendMessage", 429, retry_after=1, count=3)

        injector = threading.Thread(target=inject, daemon=True)
        injector.start()
        fake.wait_for(lambda: sum(1 for m in fake.sent if m.chat_id in CHATS[:1000]) >= 100, 180)
        asker = Conversation(fake, 4242)
        answered_at = []
        for month in (3, 1, 2):
            [answer] = asker.say(f"How many ships did the harbour handle in month {month}?", 1, 120)
            assert str(100 + 7 * month) in answer.plain
            answered_at.append(time.monotonic())
        fake.wait_for(lambda: all(fake.messages_to(c) for c in CHATS), 300)
        stop.set()
        injector.join(10)
        time.sleep(3)  # later ticks must not send anything again

        alerts = [m for m in fake.sent if m.chat_id in set(CHATS)]
        per_chat = {c: len(fake.messages_to(c)) for c in CHATS}
        assert set(per_chat.values()) == {1}, "every chat gets exactly one alert"
        assert all(m.plain.startswith(f"\N{BELL} New on {TOPIC}: {NEWS.title}") for m in alerts)
        last_alert = max(m.sent_at for m in alerts)
        assert answered_at[-1] < last_alert, "questions were answered during the burst"
        refused = [c for c in fake.calls_of("sendMessage") if c.status == 429]
        assert len(refused) >= 3, "429s were injected and retried"
        # Telegram's limit: about 30 messages a second overall.
        times = sorted(m.sent_at for m in alerts)
        busiest = max(
            sum(1 for t in times[i : i + 40] if t - start < 1.0) for i, start in enumerate(times)
        )
        assert busiest <= 30
        counts = subs.counts()
        assert counts.get("sent") == len(CHATS) and counts.get("pending", 0) == 0
    subs.close()
