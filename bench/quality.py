"""Answer-quality benchmark: the same table as `docbot eval` (see index/evaluation/run.py).

Usage: .venv/bin/python bench/quality.py [--work-dir DIR] [--index-dir STATEDEPT_INDEX] [--variants]
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bot.cli import main  # noqa: E402

if __name__ == "__main__":
    sys.exit(main(["eval", *sys.argv[1:]]))
