"""The chat memory: contexts by reply message and latest, expiry, /new, restarts, bad rows."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from bot.memory import ChatMemory, memory_path
from index.query.followup import ChatContext

SEOUL = ChatContext("Who did Blinken meet in Seoul?", "answer", ("d1",), (("d1", 10, 80),))
TOKYO = ChatContext("Who did Blinken meet in Tokyo?", "answer", ("d2",), (("d2", 5, 60),))


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_latest_and_by_reply(tmp_path: Path) -> None:
    mem = ChatMemory(tmp_path / "m.sqlite")
    assert mem.get(7) is None
    mem.put(7, [100, 101], SEOUL)
    mem.put(7, [102], TOKYO)
    assert mem.get(7) == TOKYO  # the latest
    assert mem.get(7, reply_to=101) == SEOUL  # a reply to the Seoul answer
    assert mem.get(7, reply_to=999) == TOKYO  # an unknown message: the latest
    assert mem.get(8) is None  # chats don't share contexts


def test_expiry_and_forget(tmp_path: Path) -> None:
    clock = Clock()
    mem = ChatMemory(tmp_path / "m.sqlite", ttl_seconds=60, clock=clock)
    mem.put(7, [100], SEOUL)
    clock.now += 59
    assert mem.get(7) == SEOUL
    clock.now += 2
    assert mem.get(7) is None and mem.get(7, reply_to=100) is None
    mem.put(7, [200], TOKYO)
    mem.put(9, [300], SEOUL)
    mem.forget(7)
    assert mem.get(7) is None and mem.get(7, reply_to=200) is None
    assert mem.get(9) == SEOUL


def test_expired_contexts_are_deleted_not_kept_forever(tmp_path: Path) -> None:
    clock = Clock()
    path = tmp_path / "m.sqlite"
    mem = ChatMemory(path, ttl_seconds=60, clock=clock)
    for i in range(20):
        mem.put(i, [100 + i], SEOUL)
    clock.now += 30
    mem.put(99, [500], TOKYO)  # within a minute of the last pruning: nothing deleted yet

    def rows() -> int:
        with sqlite3.connect(path) as db:
            return int(db.execute("SELECT COUNT(*) FROM chat_context").fetchone()[0])

    assert rows() == 42
    clock.now += 31  # a minute after the last pruning, 61 s after the 20 chats' contexts
    mem.put(99, [501], TOKYO)  # the 20 chats' contexts expired; the Tokyo ones have not
    assert rows() == 3
    assert mem.get(99, reply_to=500) == TOKYO


def test_survives_reopening_and_ignores_a_broken_row(tmp_path: Path) -> None:
    path = memory_path(tmp_path / "index")
    assert path.parent == tmp_path and path.name == "index-chats.sqlite"
    mem = ChatMemory(path)
    mem.put(7, [100], SEOUL)
    mem.close()
    assert ChatMemory(path).get(7, reply_to=100) == SEOUL
    db = sqlite3.connect(path)
    db.execute("UPDATE chat_context SET context = 'not json' WHERE message_id = 100")
    db.commit()
    db.close()
    mem = ChatMemory(path)
    assert mem.get(7, reply_to=100) == SEOUL  # the broken row is skipped: the latest is read
    db = sqlite3.connect(path)
    db.execute("UPDATE chat_context SET context = '{}'")
    db.commit()
    db.close()
    assert ChatMemory(path).get(7) is None
