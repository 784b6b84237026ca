"""Misspelt question words, repaired before anything reads the question.

Question words and auxiliaries are a small closed class (index/text/lexicon/questions.py),
and a misspelling of one ("wher", "wat", "whn", "wil") is closer to it than to anything the
corpus's vocabulary would offer ("her", "at"). A token is taken for one of them when it sits
where one can (the first word, or the word after a question word) and is one edit from it:
a dropped, swapped, changed or added letter. Among several, a dropped letter is the likelier
typo, then a swap, a change, an added letter ("wat" is "what" before "was"). A question word
with an "s" joined on is "is" with its apostrophe dropped: "whos" is "who's", not "whose".

Real words are left alone: a function word ("as", "in", "at") or a follow-up's lead ("so what
do they ..."), a capitalised word that is known (a name such as "Ho" or "Wen"), and, after the
question word, any word the corpus knows ("what war", "which wall").
"""

from __future__ import annotations

import re
from collections.abc import Callable

from index.storage.snapshot import Snapshot
from index.text.lexicon.grammar import STOPWORDS
from index.text.lexicon.questions import CHAT_OPENERS, CONTRACTED_OPENERS, QUESTION_OPENERS
from index.text.lexicon.requests import FOLLOWUP_LEADS
from index.text.tokens import stem

_OPENERS = frozenset(QUESTION_OPENERS)
_LEADS = frozenset(FOLLOWUP_LEADS)  # "so what do they expect ...": "so" is no misspelt "do"
_WH = frozenset(QUESTION_OPENERS[:9])  # who ... whose: a word after them may be an auxiliary
_AUXILIARIES = frozenset(QUESTION_OPENERS[9:])
_TOKEN = re.compile(r"[A-Za-z]+")
DROPPED, SWAPPED, CHANGED, ADDED = range(4)  # a typo's likelihood, likeliest first


def typo_kind(typed: str, word: str) -> int | None:
    """How `typed` differs from `word` by one edit (DROPPED ... ADDED), or None."""
    if typed == word:
        return None
    n, m = len(typed), len(word)
    if n + 1 == m:
        return DROPPED if any(word[:i] + word[i + 1 :] == typed for i in range(m)) else None
    if n == m + 1:
        return ADDED if any(typed[:i] + typed[i + 1 :] == word for i in range(n)) else None
    if n != m:
        return None
    diff = [i for i in range(n) if typed[i] != word[i]]
    if len(diff) == 1:
        return CHANGED
    if len(diff) == 2 and diff[1] == diff[0] + 1:
        i, j = diff
        return SWAPPED if typed[i] == word[j] and typed[j] == word[i] else None
    return None


def closest_opener(typed: str) -> str | None:
    """The question word or auxiliary `typed` most likely misspells, or None."""
    low = typed.lower()
    if low in _OPENERS or low in STOPWORDS or low in _LEADS or len(low) < 2:
        return None
    if low.endswith("s") and low[:-1] in CONTRACTED_OPENERS:  # "whos": "who's"
        return f"{low[:-1]}'s"
    best: tuple[int, int, str] | None = None
    for rank, word in enumerate(QUESTION_OPENERS):
        kind = typo_kind(low, word)
        if kind is not None and (best is None or (kind, rank) < best[:2]):
            best = (kind, rank, word)
    return best[2] if best else None


def repair_question_words(question: str, known: Callable[[str], bool]) -> str:
    """`question` with a misspelt question word or auxiliary repaired where it stands.

    Args:
        question: the text as typed ("wher will zeya travel").
        known: whether a word is a real word of the corpus (its vocabulary).

    Returns:
        The question with at most its first word and the word after a question word
        repaired ("where will zeya travel"), keeping the typed word's capitalisation; a
        question word as chat spells it ("y did ...") is written out before an auxiliary.
    """
    tokens = list(_TOKEN.finditer(question))[:2]
    if not tokens or question[: tokens[0].start()].strip():
        return question
    fixes: list[tuple[re.Match[str], str]] = []
    first = tokens[0].group(0)
    opener = None
    if first.lower() in CHAT_OPENERS:  # "y did ...": "why did ..."
        if len(tokens) > 1 and tokens[1].group(0).lower() in _AUXILIARIES:
            opener = CHAT_OPENERS[first.lower()]
    elif not (first[:1].isupper() and len(tokens) > 1 and known(first.lower())):
        opener = closest_opener(first)
    if opener is not None:
        fixes.append((tokens[0], opener))
    if len(tokens) > 1 and (opener or first.lower()) in _WH:
        second = tokens[1].group(0)
        aux = None if known(second.lower()) else closest_opener(second)
        if aux is not None:
            fixes.append((tokens[1], aux))
    out = question
    for tok, word in reversed(fixes):
        typed = tok.group(0)
        word = word.capitalize() if typed[:1].isupper() else word
        out = out[: tok.start()] + word + out[tok.end() :]
    return out


def repair_against(snap: Snapshot, question: str) -> str:
    """`repair_question_words` with the snapshot's vocabulary as the known words."""
    return repair_question_words(question, lambda w: snap.has_term(stem(w)))
