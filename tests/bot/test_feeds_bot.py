"""Feeds, links, .docx and follow alerts in chat: the real bot against the fake Bot API and web."""

from __future__ import annotations

import datetime as dt
import time

import pytest
from support.bot_harness import ADMIN, Conversation, bulletins, running_bot
from support.docx_files import make_docx
from support.fake_web import FakeWeb, Release, load_releases

from bot.subscriptions import Subscriptions
from index.text.places import gazetteer


def _env(tmp_path, **more):
    return {
        "DOCBOT_ALLOW_PRIVATE_URLS": "1",
        "DOCBOT_FEEDS_DB": str(tmp_path / "feeds.sqlite"),
        "DOCBOT_FEED_SECONDS": "0",
        "DOCBOT_FETCH_TIMEOUT": "5",
        **more,
    }


def _fold(text: str) -> str:
    return " ".join(text.split())


def _topic_and_releases(n: int = 30) -> tuple[str, Release, Release]:
    """A place named in one release's title, that release, and one that never names it."""
    releases = load_releases(n)
    places = gazetteer()
    for about in releases:
        for mention in places.find(about.title):
            name = mention.text
            others = [
                r
                for r in releases
                if name.lower() not in (r.title + " ".join(r.paragraphs)).lower()
            ]
            if others and len(name) > 3:
                return name, about, others[0]
    pytest.skip("no release names a place")


def test_a_link_from_an_admin_is_fetched_indexed_and_acknowledged(make_kb, tmp_path) -> None:
    kb = make_kb(bulletins(2))
    kb.sync()
    release = load_releases(1)[0]
    with FakeWeb() as web, running_bot(kb, tmp_path, **_env(tmp_path)) as (fake, app):
        url = web.serve_release(release)
        stranger = Conversation(fake, 777)
        [refusal] = stranger.say(url)
        assert "only the bot's admins can add links" in refusal.plain
        assert web.page_fetches() == 0

        admin = Conversation(fake, ADMIN)
        [ack] = admin.say(url, timeout=180)
        assert ack.plain.startswith("Added: " + _fold(release.title))
        assert release.date[:10] in ack.plain and "chunk" in ack.plain
        hits = kb.search(_fold(release.paragraphs[-1])[:200], k=3)
        assert hits and hits[0].title == _fold(release.title)

        [again] = admin.say(f"/add {url}", timeout=120)
        assert again.plain.startswith("Already in the corpus: " + _fold(release.title))
        assert len(list((kb.corpus / "web").glob("*.txt"))) == 1

        [bad] = admin.say("/add ftp://example.com/file.txt")
        assert "Only http and https" in bad.plain


def test_a_docx_upload_is_indexed(make_kb, tmp_path) -> None:
    kb = make_kb(bulletins(1))
    kb.sync()
    paragraphs = [
        "The Deputy Secretary will travel to Hanoi and Jakarta from June 1 to June 5.",
        "In Jakarta she will open the new consular section of the embassy.",
    ]
    data = make_docx("Deputy Secretary to Travel", paragraphs, dt.datetime(2022, 5, 30))
    with running_bot(kb, tmp_path, **_env(tmp_path)) as (fake, app):
        admin = Conversation(fake, ADMIN)
        before = len(admin.sent())
        fake.send_document(ADMIN, "travel note.docx", data, mime_type="application/msword")
        [ack] = admin.wait_new(before, 1, timeout=180)
        assert ack.plain.startswith("Added Deputy Secretary to Travel (2022-05-30)")
        [answer] = admin.say("Where will the consular section open?", timeout=120)
        assert "Jakarta" in answer.plain


def test_followers_are_alerted_once_and_a_blocked_chat_is_dropped(make_kb, tmp_path) -> None:
    topic, about, other = _topic_and_releases()
    kb = make_kb(bulletins(1))
    kb.sync()
    env = _env(tmp_path, DOCBOT_FEED_SECONDS="1")
    with FakeWeb() as web:
        web.serve_feed("/feed.xml", [other])
        env["DOCBOT_FEEDS"] = web.url("/feed.xml")
        with running_bot(kb, tmp_path, **env) as (fake, app):
            follower, bystander, blocker = (
                Conversation(fake, 501),
                Conversation(fake, 502),
                Conversation(fake, 503),
            )
            [ok] = follower.say(f"/follow {topic}")
            assert ok.plain.startswith(f"Following {topic}")
            bystander.say("/follow Antarctic penguin colonies")
            blocker.say(f"/follow {topic}")
            # The first item arrives and is indexed; it is about something else: no alert.
            fake.wait_for(lambda: any(d.url and "/releases/" in d.url for d in kb.sources()), 180)
            fake.block(503)
            sent = {c.chat_id: len(c.sent()) for c in (follower, bystander, blocker)}

            web.serve_feed("/feed.xml", [other, about])
            [alert] = follower.wait_new(sent[501], 1, timeout=180)
            assert alert.plain.startswith(f"\N{BELL} New on {topic}: {_fold(about.title)}")
            assert about.date[:10] in alert.plain
            [button] = alert.buttons
            fake.press_button(alert, button["callback_data"])
            [passage] = follower.wait_new(sent[501] + 1, 1, timeout=60)
            quoted = alert.plain.split("“", 1)[1].rstrip("”").rstrip("…")
            assert quoted[:60] in _fold(passage.plain)

            subs = Subscriptions(tmp_path / "feeds.sqlite")
            try:
                fake.wait_for(lambda: subs.topics_of(503) == [], 60)
                time.sleep(4)  # more polls and alert ticks: still exactly one alert
                assert len(follower.sent()) == sent[501] + 2
                assert len(bystander.sent()) == sent[502]
                assert subs.counts().get("sent") == 1
            finally:
                subs.close()

            [listing] = follower.say("/following")
            assert topic in listing.plain
            fake.press_button(listing, listing.buttons[0]["callback_data"])
            fake.wait_for(lambda: "follows no topic" in follower.sent()[-1].plain, 60)
            [none] = follower.say("/following")
            assert "follows no topic" in none.plain


def test_feed_commands_are_for_admins(make_kb, tmp_path) -> None:
    kb = make_kb(bulletins(1))
    kb.sync()
    releases = load_releases(2)
    with FakeWeb() as web, running_bot(kb, tmp_path, **_env(tmp_path)) as (fake, app):
        web.serve_feed("/feed.xml", releases)
        user = Conversation(fake, 900)
        [refusal] = user.say(f"/addfeed {web.url('/feed.xml')}")
        assert "only the bot's admins" in refusal.plain
        admin = Conversation(fake, ADMIN)
        [added] = admin.say(f"/addfeed {web.url('/feed.xml')}", timeout=60)
        assert "Added Press Releases (2 items now)" in added.plain
        [listed] = admin.say("/feeds")
        assert web.url("/feed.xml") in listed.plain
        fake.wait_for(lambda: len([d for d in kb.sources() if d.url]) == 2, 180)
        [bad] = admin.say(f"/addfeed {web.url('/releases/nothing-here/')}")
        assert bad.plain.startswith("Not added:") and "HTTP 404" in bad.plain
        [removed] = admin.say(f"/removefeed {web.url('/feed.xml')}")
        assert removed.plain.startswith("Removed")
        [empty] = admin.say("/feeds")
        assert "No feeds yet" in empty.plain
