"""Names written by their initials: "MBZ" for Mohamed bin Zayed, "AMLO" for Andrés Manuel
López Obrador.

News writes a few leaders by their initials; releases write them out. The names a corpus knows
are read from its documents' titles: every run of two to five name words (capitalised, or a
particle inside a name: "bin", "von der"), not titles, offices or organisation words, gives its
initials. A question's word in capitals that the corpus does not have as a word is read as the
name with those initials, when the titles have one.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterable

from index.text.lexicon.people import NAME_PARTICLES, NOT_NAME_WORDS, ORG_WORDS, TITLES_BEFORE_NAME
from index.text.patterns import LOWER, UPPER

MIN_INITIALS, MAX_INITIALS = 3, 5
_NAME_WORD = re.compile(rf"[{UPPER}][{LOWER}]+(?:-[{UPPER}][{LOWER}]+)*")
_NOT_NAMES = frozenset(
    w.rstrip(".") for w in (*TITLES_BEFORE_NAME, *ORG_WORDS, *NOT_NAME_WORDS) for w in w.split()
)
_PARTICLES = frozenset(NAME_PARTICLES)
_POSSESSIVE = re.compile(r"['’]s$")


def initials_table(titles: Iterable[str]) -> dict[str, str]:
    """Initials -> the name the titles most often write with them ("MBZ" -> "Mohamed bin
    Zayed"), for runs of MIN_INITIALS to MAX_INITIALS name words."""
    seen: dict[str, Counter[str]] = {}
    for title in titles:
        for run in _name_runs(title):
            for i in range(len(run)):
                if run[i] in _PARTICLES:
                    continue
                for j in range(i + MIN_INITIALS, min(len(run), i + MAX_INITIALS) + 1):
                    if run[j - 1] in _PARTICLES:
                        continue
                    words = run[i:j]
                    key = "".join(w[0] for w in words).upper()
                    seen.setdefault(key, Counter())[" ".join(words)] += 1
    return {key: names.most_common(1)[0][0] for key, names in seen.items()}


def _name_runs(title: str) -> list[list[str]]:
    """The runs of name words of `title`, each a list of words (particles kept inside)."""
    runs: list[list[str]] = []
    run: list[str] = []

    def close() -> None:
        while run and run[-1] in _PARTICLES:
            run.pop()
        if len(run) >= 2:
            runs.append(list(run))
        run.clear()

    for token in title.split():
        bare = token.strip(',.:;()"“”')
        word = _POSSESSIVE.sub("", bare)
        if _NAME_WORD.fullmatch(word) and word not in _NOT_NAMES or word in _PARTICLES and run:
            run.append(word)
        else:
            close()
            continue
        if word != token:  # a possessive or punctuation ends the name
            close()
    close()
    return runs


_INITIALS = re.compile(rf"(?<![\w.-])[A-Z]{{{MIN_INITIALS},{MAX_INITIALS}}}(?![\w-])")


def expand_name_initials(query: str, table: dict[str, str], known: Callable[[str], bool]) -> str:
    """`query` with each word in capitals that the corpus lacks (`known(term)` is false for
    its lower case) and the titles write a name with (`table`) spelt out: "when is MBZ coming"
    -> "when is Mohamed bin Zayed coming". Not in a query typed all in capitals."""
    if query.upper() == query or not table:
        return query

    def spelt(m: re.Match[str]) -> str:
        word = m.group(0)
        name = table.get(word)
        return name if name is not None and not known(word.lower()) else word

    return _INITIALS.sub(spelt, query)
