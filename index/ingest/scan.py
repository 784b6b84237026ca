"""Walk the corpus folder: which files are documents, their content hashes, and what to skip."""

from __future__ import annotations

import hashlib
import os
import stat
from dataclasses import dataclass
from pathlib import Path

from index.errors import CorpusMissingError
from index.ingest.formats import FORMATS
from index.types import SkippedFile

# The suffixes a format reader is registered for; anything else is skipped as unsupported.
SUPPORTED_SUFFIXES = frozenset(FORMATS)
SIDECAR_SUFFIX = ".meta.yaml"
DEFAULT_MAX_FILE_BYTES = 20 * 1024 * 1024


@dataclass(frozen=True)
class ScannedFile:
    """A candidate document. `data` is kept only when its content is new to the index."""

    rel: str
    file_hash: str
    data: bytes | None
    sidecar: bytes | None


def is_document_name(name: str) -> bool:
    return not name.startswith(".") and Path(name).suffix.lower() in SUPPORTED_SUFFIXES


def file_hash(data: bytes, sidecar: bytes | None) -> str:
    """Hash of a file's bytes and its sidecar's: editing either re-indexes the document."""
    h = hashlib.blake2b(data, digest_size=20)
    if sidecar is not None:
        h.update(b"\0sidecar\0")
        h.update(sidecar)
    return h.hexdigest()


def scan_corpus(
    root: Path, known: dict[str, str], max_bytes: int = DEFAULT_MAX_FILE_BYTES
) -> tuple[dict[str, ScannedFile], list[SkippedFile]]:
    """Find the corpus's documents.

    Args:
        root: the corpus folder.
        known: file hashes already indexed, by relative path; unchanged files don't keep bytes.
        max_bytes: files larger than this are skipped.

    Returns:
        Documents by relative path (posix), and the files skipped with a reason.
    """
    if not root.is_dir():
        raise CorpusMissingError(root)
    real_root = root.resolve()
    found: dict[str, ScannedFile] = {}
    skipped: list[SkippedFile] = []
    for dirpath, dirnames, filenames in os.walk(root, followlinks=False):
        # Hidden folders hold editor and upload temporaries, never documents.
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in sorted(filenames):
            if name.startswith(".") or name.endswith(SIDECAR_SUFFIX):
                continue
            path = Path(dirpath) / name
            rel = path.relative_to(root).as_posix()
            if Path(name).suffix.lower() not in SUPPORTED_SUFFIXES:
                skipped.append(SkippedFile(rel, "unsupported file type"))
                continue
            reason, data = _read(path, real_root, max_bytes)
            if reason is not None or data is None:
                skipped.append(SkippedFile(rel, reason or "unreadable"))
                continue
            sidecar = _read_sidecar(path)
            digest = file_hash(data, sidecar)
            keep = known.get(rel) != digest
            found[rel] = ScannedFile(rel, digest, data if keep else None, sidecar)
    return found, skipped


def _read(path: Path, real_root: Path, max_bytes: int) -> tuple[str | None, bytes | None]:
    try:
        if path.is_symlink():
            target = path.resolve()
            if not target.is_relative_to(real_root):
                return "symlink leads outside the corpus", None
        st = path.stat()
    except OSError as exc:
        return f"unreadable: {exc.strerror or exc}", None
    except RuntimeError as exc:  # a symlink loop
        return f"unreadable: {exc}", None
    if not stat.S_ISREG(st.st_mode):
        return "not a regular file", None
    if st.st_size > max_bytes:
        return f"too large ({st.st_size:,} bytes; the cap is {max_bytes:,})", None
    try:
        with open(path, "rb") as fh:
            data = fh.read(max_bytes + 1)
    except OSError as exc:
        return f"unreadable: {exc.strerror or exc}", None
    if len(data) > max_bytes:
        return f"too large (over {max_bytes:,} bytes)", None
    return None, data


def _read_sidecar(path: Path) -> bytes | None:
    side = path.with_name(path.name + SIDECAR_SUFFIX)
    try:
        return side.read_bytes() if side.is_file() else None
    except OSError:
        return None
