"""Where docbot keeps files it makes once and can always make again, and how it writes them.

Exported ONNX models and the prebuilt place gazetteer live here: `.docbot/` of the checkout
(git-ignored; a fresh clone makes its own), else `~/.cache/docbot` for an installed package.
Deleting any of it costs time, never data.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


def cache_root() -> Path:
    """`.docbot` of this checkout, else `$XDG_CACHE_HOME/docbot` (or `~/.cache/docbot`)."""
    checkout = Path(__file__).resolve().parents[1]
    if (checkout / "pyproject.toml").is_file() and (checkout / "index").is_dir():
        return checkout / ".docbot"
    xdg = os.environ.get("XDG_CACHE_HOME")
    return (Path(xdg) if xdg else Path.home() / ".cache") / "docbot"


@contextmanager
def atomic_path(dest: Path) -> Iterator[Path]:
    """A temporary path beside `dest`, renamed onto it only when the block succeeds.

    A process killed while writing leaves a stray temporary file, never a half `dest`.
    """
    fd, name = tempfile.mkstemp(prefix=f".{dest.name}.", suffix=".part", dir=dest.parent)
    os.close(fd)
    tmp = Path(name)
    try:
        yield tmp
        tmp.chmod(0o644)  # mkstemp makes it private; the cache may be shared
        os.replace(tmp, dest)
    finally:
        tmp.unlink(missing_ok=True)
