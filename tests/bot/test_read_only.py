"""A read-only worker (DOCBOT_READ_ONLY): answers from the shared index, never writes it."""

from __future__ import annotations

from pathlib import Path

from support.bot_harness import ADMIN, Conversation, running_bot


def test_a_read_only_worker_answers_and_leaves_writes_to_the_indexer(
    make_kb, tmp_path: Path
) -> None:
    kb = make_kb(seed=True)
    kb.sync()
    generation = kb.snapshot().generation
    with running_bot(kb, tmp_path, DOCBOT_READ_ONLY="1") as (fake, _):
        admin = Conversation(fake, ADMIN)
        assert "[1]" in admin.say("Who did Blinken meet in Seoul?")[0].plain
        assert "only reads the shared index" in admin.say("/reindex", replies=2)[-1].plain
        before = len(admin.sent())
        fake.send_document(
            ADMIN, "new.txt", b"New\n\nThe Quillon observatory opened.", user_id=ADMIN
        )
        assert "only reads the shared index" in admin.wait_new(before)[0].plain
    assert not (kb.corpus / "new.txt").exists()
    assert kb.store.committed_generation() == generation
