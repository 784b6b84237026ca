"""A misspelt word, repaired in the context of the question.

The vocabulary proposes the closest indexed term, the most frequent among equally close ones
(index/storage/vocabulary.py). A misspelt name is often as close to a common word as to the
name: "kery" is one letter from "Kerry" and from "very". The question's other words decide:
"what will kery do in egipt" is about the term whose chunks hold them ("Kerry ... Cairo,
Egypt"), so among the terms one edit from the typed word (and the vocabulary's own proposal),
the one that scores best with the question's known terms in BM25 wins. The vocabulary holds
stems, so a word may be one edit from a word whose stem is two from its own: "itlay" is one swap
from "Italy", whose stem is "itali". Its one-edit neighbours are weighed the same way, when
the question has other known words to weigh them with ("What are clades?" has none, and
"claudes" is one edit away).
"""

from __future__ import annotations

from collections.abc import Sequence
from string import ascii_lowercase

from index.embed.base import Embedder
from index.storage.snapshot import Snapshot
from index.text.tokens import edit_distance, stem

MAX_CANDIDATES = 6  # terms weighed in context (each costs one BM25 search)


def correct_in_context(snap: Snapshot, word: str, term: str, context: Sequence[str]) -> str | None:
    """The indexed term the misspelt `word` (stem `term`) most likely meant, given the
    question's known terms `context`; None when nothing is close."""
    proposed = snap.correct(term)
    if proposed is None and term != word:
        proposed = snap.correct(word)
    if len(word) < 4 or not context:
        return proposed
    near = {stem(edit) for edit in _edits(word)} - {proposed}
    others = sorted((c for c in near if len(c) >= 3 and snap.has_term(c)), key=snap.idf)
    if not others:
        return proposed
    # A word one edit from a word whose stem is indexed, though its own stem is further from
    # that stem ("itlay" -> "italy", stem "itali"), is that word.
    candidates = [proposed, *others] if proposed is not None else others

    def fit(cand: str) -> float:
        hits = snap.lexical_search([cand, *context], 1)
        return hits[0][1] if hits else 0.0

    return max(candidates[:MAX_CANDIDATES], key=fit)  # ties keep the vocabulary's proposal


def spelling_context(snap: Snapshot, asked: Sequence[str]) -> list[str]:
    """The question's words as indexed terms: known ones as they are, unknown ones as the
    vocabulary repairs them (a question may misspell two words: "kery ... egipt")."""
    out = []
    for word in asked:
        term = stem(word)
        fixed = term if snap.has_term(term) else snap.correct(term)
        if fixed is not None:
            out.append(fixed)
    return out


def one_edit_with_stem(word: str, term: str) -> str | None:
    """The word one edit from the misspelt `word` whose stem is `term`, the term it was taken
    for ("acording" -> "according" for "accord"); None when no such word is that close."""
    found = words_one_edit_with_stem(word, term)
    return found[0] if found else None


def words_one_edit_with_stem(word: str, term: str) -> list[str]:
    """Every word one edit from the misspelt `word` whose stem is `term`, sorted ("wilke" and
    "wilkes" for "wilkse" taken for "wilk")."""
    return sorted(e for e in _edits(word.lower()) if stem(e) == term)


def _edits(word: str) -> set[str]:
    """Every string one deletion, swap, replacement or insertion away from `word`."""
    splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    out = {a + b[1:] for a, b in splits if b}
    out |= {a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 1}
    out |= {a + c + b[1:] for a, b in splits if b for c in ascii_lowercase}
    out |= {a + c + b for a, b in splits for c in ascii_lowercase}
    out.discard(word)
    return out


def shorter_form(snap: Snapshot, term: str) -> str | None:
    """An indexed term that `term` extends by a short suffix (demonyms, derived forms); a
    suffix of two or three letters only when no indexed term is one edit from `term`: "shermen"
    is "Sherman" misspelt, not "Sher" and "-men"; one letter only when no commoner term is:
    "sumit" is "summit" misspelt, not "Sumi" and "-t"."""
    for cut in (1, 2, 3):
        base = term[:-cut]
        if len(base) >= 4 and snap.has_term(base):
            if cut > 1:
                return None if one_edit_term(snap, term) else base
            # "sumit" is "summit" misspelt, not "Sumi" and "-t": a commoner term one edit away
            close = snap.correct(term)
            if close is not None and close != base and edit_distance(close, term) <= 1:
                return None if snap.idf(close) < snap.idf(base) else base
            return base
    return None


def typo_of_a_term(snap: Snapshot, embedder: Embedder, word: str, term: str) -> bool:
    """Whether `word` (stem `term`, not indexed) is no word the tokenizer knows whole and is one
    edit from an indexed term: a misspelling ("statment"), not a form of another word."""
    return embedder.count_tokens(word) > 1 and one_edit_term(snap, term)


def one_edit_term(snap: Snapshot, term: str) -> bool:
    """Whether the vocabulary holds a term one edit from `term`."""
    close = snap.correct(term)
    return close is not None and edit_distance(close, term) <= 1
