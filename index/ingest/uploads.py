"""Documents sent by a user: a safe new name in the corpus, written atomically, never replacing."""

from __future__ import annotations

import os
import re
import time
import unicodedata
from pathlib import Path

from index.errors import UploadError
from index.ingest.scan import SUPPORTED_SUFFIXES

DEFAULT_MAX_UPLOAD_BYTES = 10 * 1024 * 1024
_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")


def safe_filename(filename: str) -> str:
    """A plain file name for an upload: no folders, no traversal, no hidden names.

    Raises:
        UploadError: the type is not one docbot reads.
    """
    base = unicodedata.normalize("NFKD", filename.replace("\\", "/").rsplit("/", 1)[-1])
    base = base.encode("ascii", "ignore").decode("ascii")
    stem, dot, suffix = base.rpartition(".")
    if not dot:
        stem, suffix = base, ""
    suffix = "." + suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        allowed = ", ".join(sorted(SUPPORTED_SUFFIXES))
        raise UploadError(f"I can only add {allowed} files, not {filename!r}.")
    stem = _UNSAFE.sub("-", stem).strip(".-_")[:80] or "document"
    return stem + suffix


def write_new_file(folder: Path, name: str, data: bytes) -> Path:
    """Write `data` as a new file in `folder` atomically; never replaces an existing file.

    Returns:
        The path written: `name`, or `name` with "-1", "-2", ... before its suffix.
    """
    tmp_dir = folder / ".uploads"
    tmp_dir.mkdir(exist_ok=True)
    tmp = tmp_dir / f"{os.getpid()}-{time.monotonic_ns()}.part"
    with open(tmp, "wb") as fh:
        fh.write(data)
        fh.flush()
        os.fsync(fh.fileno())
    stem, suffix = os.path.splitext(name)
    try:
        for n in range(1000):
            final = folder / (name if n == 0 else f"{stem}-{n}{suffix}")
            try:
                os.link(tmp, final)  # atomic, and fails rather than overwrite
            except FileExistsError:
                continue
            return final
        raise UploadError(f"Too many files named like {name} already.")
    finally:
        tmp.unlink(missing_ok=True)
