"""Which evaluation questions calibrate the refusal model and which are reported.

The split is by article, so no topic is on both sides: the XQuAD articles at even positions of
the file (1st, 3rd, ...: Super Bowl 50, Normans, Computational complexity theory, ...) calibrate
(bench/calibrate_refusal.py), the odd ones (Warsaw, Nikola Tesla, Teacher, ...) are what
`docbot eval` reports. The SQuAD 2.0 dev sample has no titles; its articles are among XQuAD's
48, so each of its paragraphs takes the XQuAD article whose paragraphs share the most rare
words with it, and that article's side.

The development questions (tests/questions/) split by file: the tuning sets (TUNING_SETS) may
calibrate; every `heldout*.jsonl` is only scored, and `tuning_files` refuses to hand one out.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

from index.evaluation.datasets import TUNING_SETS as EVAL_TUNING_SETS
from index.text.tokens import analyze

# The development question files a fit may read: the seed corpus's questions, the State
# Department ones, and the further tuning sets `docbot eval` scores apart (a new one is added
# to `datasets.TUNING_SETS`, a held-out one never).
TUNING_SETS = (
    "seed.jsonl",
    "statedept.jsonl",
    "statedept_more.jsonl",
    *(name for _, name in EVAL_TUNING_SETS),
)
HELD_OUT_PREFIX = "heldout"  # heldout.jsonl, heldout2.jsonl, ...: scored, never tuned on


def held_out_set(name: str) -> bool:
    """Whether a development question file is held out (scored by `docbot eval` only)."""
    return Path(name).name.startswith(HELD_OUT_PREFIX)


def tuning_files(folder: Path, names: Sequence[str] = TUNING_SETS) -> list[Path]:
    """The tuning sets `names` in `folder`, in order (a missing one is left out).

    Raises:
        ValueError: one of `names` is a held-out set.
    """
    held = [n for n in names if held_out_set(n)]
    if held:
        raise ValueError(f"held-out question sets never calibrate: {', '.join(held)}")
    return [folder / n for n in names if (folder / n).exists()]


def calibration_titles(paragraphs: Sequence[tuple[str, str]]) -> frozenset[str]:
    """The article titles whose questions calibrate: every other article, from the first."""
    titles = list(dict.fromkeys(title for title, _ in paragraphs))
    return frozenset(titles[0::2])


def reported(paragraphs: Sequence[tuple[str, str]], title: str) -> bool:
    """Whether questions of article `title` are reported (held out from calibration)."""
    return title not in calibration_titles(paragraphs)


class ArticleMatcher:
    """The XQuAD article a paragraph from elsewhere (SQuAD 2.0) most likely comes from."""

    def __init__(self, paragraphs: Sequence[tuple[str, str]]) -> None:
        self.terms: dict[str, set[str]] = {}
        for title, context in paragraphs:
            self.terms.setdefault(title, set()).update(analyze(context))
        df = Counter(t for terms in self.terms.values() for t in terms)
        n = len(self.terms)
        self.idf = {t: math.log(n / c) for t, c in df.items()}

    def article(self, context: str) -> str:
        """The article sharing the most idf-weighted words with `context`."""
        words = set(analyze(context)) & self.idf.keys()

        def overlap(title: str) -> float:
            return sum(self.idf[w] for w in words & self.terms[title])

        return max(self.terms, key=overlap)
