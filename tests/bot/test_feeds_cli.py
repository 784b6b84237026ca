"""`docbot follow TOPIC` and `docbot feeds list|add|remove` on the command line."""

from __future__ import annotations

import json

from support.bot_harness import bulletins

from bot.cli import main


def _env(monkeypatch, kb, tmp_path) -> None:
    monkeypatch.setenv("DOCBOT_CORPUS", str(kb.corpus))
    monkeypatch.setenv("DOCBOT_INDEX_DIR", str(kb.index_dir))
    monkeypatch.setenv("DOCBOT_FEEDS_DB", str(tmp_path / "feeds.sqlite"))
    monkeypatch.delenv("DOCBOT_FEEDS", raising=False)
    monkeypatch.chdir(tmp_path)


def test_follow_lists_what_a_topic_would_have_matched(make_kb, tmp_path, monkeypatch, capsys):
    files = bulletins(3)
    files["ferry.md"] = (
        "---\ntitle: Ferry strike closes Ostrava port\ndate: 2022-04-02\n---\n\n"
        "Dock workers in Ostrava went on strike on Friday. The Ostrava port stays closed "
        "until the ferry operators and the union agree on wages.\n"
    )
    kb = make_kb(files)
    kb.sync()
    _env(monkeypatch, kb, tmp_path)
    assert main(["follow", "Ostrava", "--json"]) == 0
    matches = json.loads(capsys.readouterr().out)
    assert [m["title"] for m in matches] == ["Ferry strike closes Ostrava port"]
    assert "Ostrava" in matches[0]["sentence"]
    assert main(["follow", "volcanic eruptions in Iceland"]) == 0
    assert "None of the latest 50 documents matches" in capsys.readouterr().out


def test_feeds_list_add_remove(make_kb, tmp_path, monkeypatch, capsys):
    kb = make_kb(bulletins(1))
    _env(monkeypatch, kb, tmp_path)
    url = "https://www.state.gov/rss-feed/press-releases/feed/"
    assert main(["feeds", "add", url]) == 0
    assert main(["feeds", "add", url]) == 0
    assert main(["feeds", "list"]) == 0
    out = capsys.readouterr().out
    assert out.count(url) == 1 and "Already followed." in out
    assert main(["feeds", "remove", url]) == 0
    assert main(["feeds", "list"]) == 0
    assert url not in capsys.readouterr().out.split("Removed.")[-1]
    assert main(["feeds", "add", "ftp://example.com/feed"]) == 1
