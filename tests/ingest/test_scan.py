"""The corpus scan's stat fast path: an unchanged file is not read, a changed one always is."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from index.ingest import scan


@pytest.fixture
def reads(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The files the scan opens, in order."""
    opened: list[str] = []
    real_read = scan._read

    def counting_read(path: Path, max_bytes: int):  # type: ignore[no-untyped-def]
        opened.append(path.name)
        return real_read(path, max_bytes)

    monkeypatch.setattr(scan, "_read", counting_read)
    return opened


def _scan_twice(root: Path) -> tuple[dict[str, scan.ScannedFile], dict[str, tuple[str, str]]]:
    """A first scan, and what a run that indexed it would hand the next one."""
    first, _ = scan.scan_corpus(root, {})
    recorded = {rel: (f.signature, f.file_hash) for rel, f in first.items() if f.signature}
    return first, recorded  # type: ignore[return-value]


def test_a_recorded_unchanged_file_is_not_read(tmp_path, monkeypatch, reads):
    monkeypatch.setattr(scan, "RACY_SECONDS", 0.0)
    (tmp_path / "a.txt").write_text("Blinken met Park Jin in Seoul.")
    (tmp_path / "b.md").write_text("# Trip\n\nAustin visits India.")
    first, recorded = _scan_twice(tmp_path)
    assert set(recorded) == {"a.txt", "b.md"}
    known = {rel: f.file_hash for rel, f in first.items()}
    reads.clear()

    again, skipped = scan.scan_corpus(tmp_path, known, signatures=recorded)

    assert reads == []
    assert skipped == []
    assert {rel: f.file_hash for rel, f in again.items()} == known
    assert all(f.data is None for f in again.values())


def test_content_changed_behind_an_old_mtime_is_read(tmp_path, monkeypatch, reads):
    monkeypatch.setattr(scan, "RACY_SECONDS", 0.0)
    doc = tmp_path / "a.txt"
    doc.write_text("Blinken met Park Jin in Seoul.")
    first, recorded = _scan_twice(tmp_path)
    before = doc.stat()
    doc.write_text("Blinken met Yoon Suk in Seoul.")  # same size
    os.utime(doc, ns=(before.st_atime_ns, before.st_mtime_ns))  # as `cp -p` or rsync would
    reads.clear()

    again, _ = scan.scan_corpus(tmp_path, {"a.txt": first["a.txt"].file_hash}, signatures=recorded)

    assert reads == ["a.txt"]
    assert again["a.txt"].file_hash != first["a.txt"].file_hash
    assert again["a.txt"].data == b"Blinken met Yoon Suk in Seoul."


def test_a_sidecar_edit_or_a_different_indexed_hash_reads_the_file(tmp_path, monkeypatch, reads):
    monkeypatch.setattr(scan, "RACY_SECONDS", 0.0)
    doc = tmp_path / "a.txt"
    doc.write_text("Blinken met Park Jin in Seoul.")
    first, recorded = _scan_twice(tmp_path)
    reads.clear()

    # The index holds another hash than the one recorded (say, its commit was rolled back).
    scan.scan_corpus(tmp_path, {"a.txt": "0" * 40}, signatures=recorded)
    assert reads == ["a.txt"]

    reads.clear()
    (tmp_path / "a.txt.meta.yaml").write_text("title: Seoul\n")
    again, _ = scan.scan_corpus(tmp_path, {"a.txt": first["a.txt"].file_hash}, signatures=recorded)
    assert reads == ["a.txt"]
    assert again["a.txt"].file_hash != first["a.txt"].file_hash


def test_a_file_written_just_now_is_never_trusted(tmp_path):
    (tmp_path / "a.txt").write_text("Blinken met Park Jin in Seoul.")
    found, _ = scan.scan_corpus(tmp_path, {})
    assert found["a.txt"].signature is None


def test_noop_sync_reads_nothing_and_an_edit_is_still_indexed(make_kb, monkeypatch, reads):
    monkeypatch.setattr(scan, "RACY_SECONDS", 0.0)
    kb = make_kb({"a.txt": "Blinken met Park Jin in Seoul.", "b.txt": "Austin visits India."})
    kb.sync()
    reads.clear()

    report = kb.sync()
    assert (report.unchanged, report.updated, reads) == (2, 0, [])

    doc = kb.config.corpus / "a.txt"
    before = doc.stat()
    doc.write_text("Blinken met Yoon Suk in Seoul.")
    os.utime(doc, ns=(before.st_atime_ns, before.st_mtime_ns))
    report = kb.sync()
    assert (report.updated, reads) == (1, ["a.txt"])
    assert "Yoon" in kb.search("Who did Blinken meet in Seoul?")[0].text
