"""Which evaluation questions calibrate the refusal model and which are reported.

The split is by article, so no topic is on both sides: the XQuAD articles at even positions of
the file (1st, 3rd, ...: Super Bowl 50, Normans, Computational complexity theory, ...) calibrate
(bench/calibrate_refusal.py), the odd ones (Warsaw, Nikola Tesla, Teacher, ...) are what
`docbot eval` reports. The SQuAD 2.0 dev sample has no titles; its articles are among XQuAD's
48, so each of its paragraphs takes the XQuAD article whose paragraphs share the most rare
words with it, and that article's side.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence

from index.text.tokens import analyze


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
