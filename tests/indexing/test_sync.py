"""Incremental sync: each change embeds exactly what it must; bad input loses nothing."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from dataclasses import replace

import pytest

from index.errors import CorpusMissingError, IndexLockedError, NoIndexError, RebuildRequiredError
from index.indexing.lock import writer_lock
from index.storage.layout import DB_NAME
from index.storage.local_reader import load_reader as load_snapshot
from index.storage.local_reader import verify

DOCS = {
    "alpha.txt": "Alpha report\n\nThe alpha team met in Lisbon on Monday. They agreed on a plan.",
    "beta.md": "---\ntitle: Beta memo\ndate: 2022-03-04\n---\nThe beta team visited Nairobi. "
    "Talks covered trade and water.",
    "sub/gamma.txt": "Gamma notes\n\nGamma engineers repaired the bridge in Oslo. It reopened.",
}


def test_first_run_indexes_everything_then_noop_embeds_nothing(make_kb, counting_embedder):
    kb = make_kb(DOCS, emb=counting_embedder)
    first = kb.sync()
    assert (first.documents, first.added, first.removed, first.unchanged) == (3, 3, 0, 0)
    assert first.chunks_embedded == first.chunks == counting_embedder.passages_embedded
    assert verify(kb.snapshot()) == []

    again = kb.sync()
    assert (again.added, again.updated, again.removed, again.unchanged) == (0, 0, 0, 3)
    assert again.chunks_embedded == 0
    assert counting_embedder.passages_embedded == first.chunks
    assert again.generation == first.generation  # nothing committed


def test_add_change_delete_each_embed_only_what_changed(make_kb, counting_embedder):
    kb = make_kb(DOCS, emb=counting_embedder)
    base = kb.sync()
    corpus = kb.corpus

    (corpus / "delta.txt").write_text("Delta brief\n\nDelta pilots landed in Quito at dawn.")
    added = kb.sync()
    assert (added.added, added.updated, added.removed, added.unchanged) == (1, 0, 0, 3)
    assert added.chunks_embedded == added.chunks - base.chunks  # only the new document's chunks

    before = counting_embedder.passages_embedded
    (corpus / "alpha.txt").write_text(
        "Alpha report\n\nThe alpha team met in Lisbon on Tuesday. They agreed on a plan."
    )
    changed = kb.sync()
    assert (changed.added, changed.updated, changed.removed) == (0, 1, 0)
    n_alpha = kb.snapshot().docs[_doc_id(kb, "alpha.txt")].chunks
    assert changed.chunks_embedded == n_alpha == counting_embedder.passages_embedded - before
    assert "Tuesday" in kb.document_text(_doc_id(kb, "alpha.txt"))

    before = counting_embedder.passages_embedded
    (corpus / "beta.md").unlink()
    removed = kb.sync()
    assert (removed.added, removed.updated, removed.removed, removed.documents) == (0, 0, 1, 3)
    assert removed.chunks_embedded == 0 == counting_embedder.passages_embedded - before
    snap = kb.snapshot()
    assert all(d.path != "beta.md" for d in snap.docs.values())
    assert verify(snap) == []


def test_rename_and_move_reuse_cached_embeddings(make_kb, counting_embedder):
    kb = make_kb(DOCS, emb=counting_embedder)
    kb.sync()
    before = counting_embedder.passages_embedded
    corpus = kb.corpus
    (corpus / "archive").mkdir()
    (corpus / "sub" / "gamma.txt").rename(corpus / "archive" / "gamma-moved.txt")
    (corpus / "alpha.txt").rename(corpus / "alpha-renamed.txt")
    report = kb.sync()
    assert report.chunks_embedded == 0
    assert counting_embedder.passages_embedded == before
    assert (report.renamed, report.added, report.removed) == (2, 0, 0)
    paths = {d.path for d in kb.snapshot().docs.values()}
    assert paths == {"alpha-renamed.txt", "beta.md", "archive/gamma-moved.txt"}
    assert verify(kb.snapshot()) == []


def test_delete_then_restore_in_a_later_run_is_not_embedded_again(make_kb, counting_embedder):
    kb = make_kb(DOCS, emb=counting_embedder)
    kb.sync()
    text = (kb.corpus / "alpha.txt").read_text()
    (kb.corpus / "alpha.txt").unlink()
    kb.sync()
    before = counting_embedder.passages_embedded
    (kb.corpus / "alpha.txt").write_text(text)
    report = kb.sync()
    assert report.added == 1 and report.chunks_embedded == 0
    assert counting_embedder.passages_embedded == before


def test_sidecar_edit_reindexes_its_document(make_kb):
    kb = make_kb(DOCS)
    kb.sync()
    (kb.corpus / "alpha.txt.meta.yaml").write_text("date: 2020-01-02\nsource: Field office\n")
    report = kb.sync()
    assert report.updated == 1
    info = kb.snapshot().docs[_doc_id(kb, "alpha.txt")]
    assert (info.date, info.source) == ("2020-01-02", "Field office")


LATIN = "Caf\xe9 talks in M\xe1laga \u2013 a summary.\n\nThe caf\xe9 was full."


def test_bad_files_are_skipped_with_reasons_and_the_rest_indexed(make_kb, tmp_path):
    outside = tmp_path / "outside.txt"
    outside.write_text("Secret notes that live outside the corpus.")
    kb = make_kb(
        {
            **DOCS,
            "empty.txt": "",
            "binary.txt": bytes(range(256)) * 2,
            "latin.txt": LATIN.encode("cp1252"),
            "huge.txt": "word " * 200,
            "broken.pdf": b"%PDF-1.4 this is not really a pdf",
            "image.png": b"\x89PNG\r\n\x1a\n",
        }
    )
    (kb.corpus / "escape.txt").symlink_to(outside)
    (kb.corpus / "dangling.txt").symlink_to(kb.corpus / "missing.txt")
    kb.config = replace(kb.config, max_file_bytes=800)  # huge.txt is 1,000 bytes; others less
    report = kb.sync()
    reasons = {s.path: s.reason for s in report.skipped}
    assert set(reasons) >= {
        "empty.txt",
        "binary.txt",
        "huge.txt",
        "broken.pdf",
        "image.png",
        "escape.txt",
        "dangling.txt",
    }
    assert "outside the corpus" in reasons["escape.txt"]
    assert "too large" in reasons["huge.txt"]
    assert "unreadable" in reasons["dangling.txt"]
    assert "latin.txt" not in reasons  # cp1252 is decoded, not skipped
    snap = kb.snapshot()
    paths = {d.path for d in snap.docs.values()}
    assert paths == {"alpha.txt", "beta.md", "sub/gamma.txt", "latin.txt"}
    assert "Café talks in Málaga" in snap.text(_doc_id(kb, "latin.txt"))


def test_a_file_that_breaks_keeps_its_indexed_version(make_kb):
    kb = make_kb(DOCS)
    kb.sync()
    (kb.corpus / "alpha.txt").write_bytes(b"")
    report = kb.sync()
    assert [s.path for s in report.skipped] == ["alpha.txt"]
    assert "previously indexed version is kept" in report.skipped[0].reason
    assert "Lisbon" in kb.document_text(_doc_id(kb, "alpha.txt"))


def test_missing_corpus_and_missing_index_say_what_to_do(tmp_path, embedder):
    from index.config import IndexConfig
    from index.kb import KnowledgeBase

    kb = KnowledgeBase(IndexConfig(tmp_path / "nope", tmp_path / "index"), embedder=embedder)
    with pytest.raises(CorpusMissingError, match="does not exist"):
        kb.sync()
    assert not (tmp_path / "index").exists()
    with pytest.raises(NoIndexError, match="run `docbot index`"):
        kb.snapshot()


def test_manifest_change_requires_a_rebuild(make_kb, counting_embedder):
    kb = make_kb(DOCS, emb=counting_embedder)
    kb.sync()
    counting_embedder.name = "some-other-model"
    with pytest.raises(RebuildRequiredError, match="model") as info:
        kb.sync()
    assert "docbot index --rebuild" in str(info.value)
    before = counting_embedder.passages_embedded
    report = kb.sync(rebuild=True)
    assert report.documents == 3 and report.chunks_embedded == report.chunks
    assert counting_embedder.passages_embedded - before == report.chunks
    assert kb.snapshot().meta["model"] == "some-other-model"
    assert verify(kb.snapshot()) == []


def test_second_writer_fails_fast_or_waits(make_kb):
    kb = make_kb(DOCS)
    with writer_lock(kb.index_dir), pytest.raises(IndexLockedError, match="holds the lock"):
        kb.sync(wait=False)
    assert kb.sync(wait=False).documents == 3


def test_add_document_saves_safely_and_never_overwrites(make_kb):
    from index.errors import UploadError

    kb = make_kb(DOCS)
    kb.sync()
    info, report = kb.add_document(
        "../../etc/Passwd notes.txt", b"Visit notes\n\nThe envoy met Ana."
    )
    assert info.path == "Passwd-notes.txt" and info.chunks >= 1
    assert report.added == 1
    info2, _ = kb.add_document("Passwd notes.txt", b"Other notes\n\nThe envoy met Ben.")
    assert info2.path == "Passwd-notes-1.txt"
    assert "Ana" in (kb.corpus / "Passwd-notes.txt").read_text()
    with pytest.raises(UploadError, match="only add"):
        kb.add_document("tool.exe", b"MZ")
    with pytest.raises(UploadError, match="limit"):
        kb.add_document("big.txt", b"x" * 100, max_bytes=10)
    assert not list(kb.corpus.glob("big*")) and not list(kb.corpus.glob("tool*"))


def _run_cli(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "bot.cli", *args],
        capture_output=True,
        text=True,
        env={**os.environ, **env},
        timeout=600,
    )


def test_cli_index_json_search_and_sources(tmp_path, make_kb):
    kb = make_kb(seed=True)
    env = {"DOCBOT_CORPUS": str(kb.corpus), "DOCBOT_INDEX_DIR": str(kb.index_dir)}
    no_index = _run_cli("sources", env=env)
    assert no_index.returncode == 1 and "run `docbot index`" in no_index.stderr

    out = _run_cli("index", "--json", env=env)
    assert out.returncode == 0, out.stderr
    report = json.loads(out.stdout)
    assert set(report) >= {
        "documents",
        "chunks",
        "added",
        "updated",
        "removed",
        "unchanged",
        "chunks_embedded",
        "seconds",
        "skipped",
    }
    assert report["documents"] == 2 and report["added"] == 2

    hits = json.loads(
        _run_cli("search", "Kishida Kamikawa bilateral talks", "-k", "3", "--json", env=env).stdout
    )
    assert hits[0]["path"] == "blinken-travel-israel-jordan-japan-korea-india-november-2023.txt"
    for h in hits:
        assert set(h) >= {
            "doc_id",
            "path",
            "title",
            "date",
            "source",
            "url",
            "text",
            "start",
            "end",
            "score",
        }

    sources = json.loads(_run_cli("sources", "--json", env=env).stdout)
    assert [s["date"] for s in sources] == ["2023-11-17", "2021-03-10"]
    assert all(s["chunks"] >= 1 for s in sources)

    missing = _run_cli("index", env={**env, "DOCBOT_CORPUS": str(tmp_path / "absent")})
    assert missing.returncode != 0 and "does not exist" in missing.stderr


def test_seed_fact_search_returns_the_right_document_first(seed_kb):
    cases = {
        "Motegi and Kishi hosted the Security Consultative Committee": "aljazeera",
        "2+2 Ministerial Dialogue with Jaishankar and Rajnath Singh": "november-2023",
        "G7 Foreign Ministers' Meeting in Tokyo": "november-2023",
        "Chung Eui-yong and Suh Wook in Seoul": "aljazeera",
    }
    for query, expected in cases.items():
        hits = seed_kb.search(query, k=3)
        assert expected in hits[0].path, query
        text = seed_kb.document_text(hits[0].doc_id)
        assert text[hits[0].start : hits[0].end] == hits[0].text


def _doc_id(kb, path: str) -> str:
    from index.types import doc_id_for

    return doc_id_for(path)


def test_load_snapshot_without_db_raises(tmp_path):
    with pytest.raises(NoIndexError):
        load_snapshot(tmp_path)
    assert not (tmp_path / DB_NAME).exists()
