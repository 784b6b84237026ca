"""Walk the corpus folder: which files are documents, their content hashes, and what to skip.

Like git's index, a file whose stat signature (size, mtime, ctime, inode, device, and the same
for its sidecar) is the one recorded with its hash by an earlier run is not read again: a no-op
`docbot index` stats the folder instead of hashing it. ctime can't be set by a user, so a tool
that restores an old mtime still changes the signature. A file changed within
`RACY_SECONDS` of a scan is never recorded (a second write in the same clock tick would keep
its signature), so it is read again next time.
"""

from __future__ import annotations

import hashlib
import os
import stat
import time
from dataclasses import dataclass
from pathlib import Path

from index.errors import CorpusMissingError
from index.ingest.formats import FORMATS
from index.types import SkippedFile

# The suffixes a format reader is registered for; anything else is skipped as unsupported.
SUPPORTED_SUFFIXES = frozenset(FORMATS)
SIDECAR_SUFFIX = ".meta.yaml"
DEFAULT_MAX_FILE_BYTES = 20 * 1024 * 1024
RACY_SECONDS = 2.0


@dataclass(frozen=True)
class ScannedFile:
    """A candidate document. `data` is kept only when its content is new to the index.

    `signature` is its stat signature when it is old enough to be trusted next time, else None.
    """

    rel: str
    file_hash: str
    data: bytes | None
    sidecar: bytes | None
    signature: str | None = None


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
    root: Path,
    known: dict[str, str],
    max_bytes: int = DEFAULT_MAX_FILE_BYTES,
    signatures: dict[str, tuple[str, str]] | None = None,
) -> tuple[dict[str, ScannedFile], list[SkippedFile]]:
    """Find the corpus's documents.

    Args:
        root: the corpus folder.
        known: file hashes already indexed, by relative path; unchanged files don't keep bytes.
        max_bytes: files larger than this are skipped.
        signatures: (stat signature, file hash) recorded by an earlier scan, by relative path.
            A file whose signature and hash match it and `known` is not read.

    Returns:
        Documents by relative path (posix), and the files skipped with a reason.
    """
    if not root.is_dir():
        raise CorpusMissingError(root)
    real_root = root.resolve()
    signatures = signatures or {}
    racy_after = time.time_ns() - int(RACY_SECONDS * 1e9)
    found: dict[str, ScannedFile] = {}
    skipped: list[SkippedFile] = []
    for dirpath, dirnames, filenames in os.walk(root, followlinks=False):
        # Hidden folders hold editor and upload temporaries, never documents.
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        rel_dir = Path(dirpath).relative_to(root).as_posix()
        prefix = "" if rel_dir == "." else rel_dir + "/"
        names = set(filenames)
        for name in sorted(filenames):
            if name.startswith(".") or name.endswith(SIDECAR_SUFFIX):
                continue
            rel = prefix + name
            if os.path.splitext(name)[1].lower() not in SUPPORTED_SUFFIXES:
                skipped.append(SkippedFile(rel, "unsupported file type"))
                continue
            path = Path(dirpath, name)
            reason, st = _check(path, real_root, max_bytes)
            if reason is not None or st is None:
                skipped.append(SkippedFile(rel, reason or "unreadable"))
                continue
            has_sidecar = name + SIDECAR_SUFFIX in names
            signature = _signature(os.path.join(dirpath, name), st, has_sidecar, racy_after)
            recorded = signatures.get(rel)
            if signature is not None and recorded == (signature, known.get(rel)):
                found[rel] = ScannedFile(rel, recorded[1], None, None, signature)
                continue
            reason, data = _read(path, max_bytes)
            if reason is not None or data is None:
                skipped.append(SkippedFile(rel, reason or "unreadable"))
                continue
            sidecar = _read_sidecar(path)
            digest = file_hash(data, sidecar)
            keep = known.get(rel) != digest
            found[rel] = ScannedFile(rel, digest, data if keep else None, sidecar, signature)
    return found, skipped


def _signature(path: str, st: os.stat_result, has_sidecar: bool, racy_after: int) -> str | None:
    """The file's and its sidecar's stat signature, or None if either changed too recently.

    Taken before the file is read: a write during the read changes what the next scan sees.
    """
    parts = [st]
    if has_sidecar:
        try:
            parts.append(os.stat(path + SIDECAR_SUFFIX))
        except OSError:
            return None
    if any(max(p.st_mtime_ns, p.st_ctime_ns) >= racy_after for p in parts):
        return None
    return "|".join(
        f"{p.st_size}:{p.st_mtime_ns}:{p.st_ctime_ns}:{p.st_ino}:{p.st_dev}" for p in parts
    )


def _check(path: Path, real_root: Path, max_bytes: int) -> tuple[str | None, os.stat_result | None]:
    """Why the file can't be a document, or its stat."""
    try:
        if os.path.islink(path):
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
    return None, st


def _read(path: Path, max_bytes: int) -> tuple[str | None, bytes | None]:
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
