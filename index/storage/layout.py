"""Where the local store keeps each generation's files, beside its SQLite database.

A generation's FAISS file and BM25 folder are written under new names before the database
switches to that generation, and never touched afterwards; so a reader holding a generation
keeps valid files while the next one is written. BM25 base folders (`bm25base-<random>`) are
shared by the generations whose folders name them, and deleted when no kept one does.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

DB_NAME = "docbot.sqlite"


def vectors_path(index_dir: Path, gen: int) -> Path:
    return index_dir / f"vectors-{gen:06d}.faiss"


def lexical_path(index_dir: Path, gen: int) -> Path:
    return index_dir / f"bm25-{gen:06d}"


def lexical_text(title: str, chunk_text: str) -> str:
    """What BM25 indexes for a chunk: its document's title and its text."""
    return title + "\n" + chunk_text


def remove_old_generations(index_dir: Path, keep: set[int]) -> None:
    """Delete generation files other than those in `keep` (and half-written ones)."""
    for path in index_dir.glob("vectors-*.faiss*"):
        _remove_if_old(path, keep)
    for path in index_dir.glob("bm25-*"):
        _remove_if_old(path, keep)
    _remove_unused_bases(index_dir, keep)


def _remove_unused_bases(index_dir: Path, keep: set[int]) -> None:
    """Delete BM25 base folders no kept generation uses (and half-written ones).

    A kept generation whose folder can't be read keeps every base: better a stale folder on
    disk than a generation without its base.
    """
    used: set[str] = set()
    for gen in keep:
        folder = lexical_path(index_dir, gen)
        if not folder.exists():
            continue
        try:
            used.add(str(json.loads((folder / "ok.json").read_text(encoding="utf-8"))["base"]))
        except (OSError, ValueError, KeyError):
            return
    for path in index_dir.glob("bm25base-*"):
        if path.name not in used:
            shutil.rmtree(path, ignore_errors=True)


def _remove_if_old(path: Path, keep: set[int]) -> None:
    number = path.name.split("-", 1)[1].split(".", 1)[0]
    if ".tmp" not in path.name and number.isdigit() and int(number) in keep:
        return
    if path.is_dir():
        shutil.rmtree(path, ignore_errors=True)
    else:
        path.unlink(missing_ok=True)
