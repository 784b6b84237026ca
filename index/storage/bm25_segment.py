"""BM25 postings: immutable segments of term frequencies, merged without re-reading any text.

A segment holds, for each of its terms, the rows (chunks) that contain it and how often, plus
each row's chunk id and length. It stores raw counts, never scores: idf and the average
length are the whole live corpus's and are worked out when a question is asked, so a segment
written once stays right however many chunks are added or removed later.
"""

from __future__ import annotations

import json
import os
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from index.text.tokens import analyze

EMPTY_TERM = "\u2205"  # stands in for a chunk with no indexable word, so it keeps a length of 1
_BATCH = 50_000  # rows analysed at a time by `from_texts`
_MMAP_ABOVE = 1 << 20  # bytes: smaller arrays are simply read
_ARRAYS = ("indptr", "rows", "tf", "ids", "lengths")


@dataclass(frozen=True, eq=False)
class Segment:
    """Postings grouped by term: term j's rows are `rows[indptr[j]:indptr[j + 1]]`, ascending."""

    terms: list[str]
    indptr: np.ndarray  # int64, len(terms) + 1
    rows: np.ndarray  # int32, one per (term, row) pair
    tf: np.ndarray  # float32, the term's count in that row
    ids: np.ndarray  # int64, the chunk id of each row
    lengths: np.ndarray  # float32, how many terms each row has
    term_id: dict[str, int] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "term_id", {t: j for j, t in enumerate(self.terms)})

    @property
    def n_rows(self) -> int:
        return int(self.ids.shape[0])

    def postings(self, term: str) -> tuple[np.ndarray, np.ndarray] | None:
        """(rows, term frequencies) of `term`, or None when no row has it."""
        j = self.term_id.get(term)
        if j is None:
            return None
        start, end = int(self.indptr[j]), int(self.indptr[j + 1])
        return self.rows[start:end], self.tf[start:end]

    def doc_freq(self, term: str) -> int:
        j = self.term_id.get(term)
        return 0 if j is None else int(self.indptr[j + 1] - self.indptr[j])

    # -- building ---------------------------------------------------------------------------
    @classmethod
    def empty(cls) -> Segment:
        return cls.from_tokens([], [])

    @classmethod
    def from_texts(cls, chunk_ids: Sequence[int], texts: Sequence[str]) -> Segment:
        """Analyse `texts` (the i-th is chunk `chunk_ids[i]`) into one segment.

        Large inputs are analysed in batches and the batches merged, which bounds memory.
        """
        ids = list(chunk_ids)
        parts = [
            cls.from_tokens(
                ids[i : i + _BATCH], [analyze(t) or [EMPTY_TERM] for t in texts[i : i + _BATCH]]
            )
            for i in range(0, len(ids), _BATCH)
        ]
        if len(parts) == 1:
            return parts[0]
        return cls.merge([(p, None) for p in parts]) if parts else cls.empty()

    @classmethod
    def from_tokens(cls, chunk_ids: Sequence[int], tokens: Sequence[Sequence[str]]) -> Segment:
        vocab: dict[str, int] = {}
        flat: list[int] = []
        for toks in tokens:
            flat.extend(vocab.setdefault(t, len(vocab)) for t in toks)
        n = len(tokens)
        lengths = np.fromiter((len(t) for t in tokens), dtype=np.int64, count=n)
        # One key per token, term-major; counting equal keys gives each (term, row)'s frequency.
        keys = np.asarray(flat, dtype=np.int64) * max(n, 1) + np.repeat(np.arange(n), lengths)
        pairs, counts = np.unique(keys, return_counts=True)
        term_of = pairs // max(n, 1)
        indptr = np.zeros(len(vocab) + 1, dtype=np.int64)
        np.cumsum(np.bincount(term_of, minlength=len(vocab)), out=indptr[1:])
        return cls(
            terms=list(vocab),
            indptr=indptr,
            rows=(pairs % max(n, 1)).astype(np.int32),
            tf=counts.astype(np.float32),
            ids=np.asarray(list(chunk_ids), dtype=np.int64),
            lengths=lengths.astype(np.float32),
        )

    @classmethod
    def merge(cls, parts: Sequence[tuple[Segment, np.ndarray | None]]) -> Segment:
        """One segment of the live rows of `parts`, in order; each part's mask marks dead rows.

        Works on the postings arrays alone (no text is analysed again): each term's postings
        are the parts' postings of it, concatenated, with rows renumbered.
        """
        vocab: dict[str, int] = {}
        for seg, _ in parts:
            for t in seg.terms:
                vocab.setdefault(t, len(vocab))
        # Two passes over the parts (count, then place) so that only one part's temporary
        # arrays exist at a time: a merge at a million chunks handles ~10^8 postings.
        counts = np.zeros(len(vocab), dtype=np.int64)
        before = []
        for seg, dead in parts:
            before.append(counts.copy())
            local, _ = _kept(seg, dead)
            counts += np.bincount(_global_ids(seg, vocab)[local], minlength=len(vocab))
        indptr = np.zeros(len(vocab) + 1, dtype=np.int64)
        np.cumsum(counts, out=indptr[1:])
        rows = np.empty(int(indptr[-1]), dtype=np.int32)
        tf = np.empty(int(indptr[-1]), dtype=np.float32)
        alives = []
        offset = 0
        for (seg, dead), done in zip(parts, before, strict=True):
            alive = np.ones(seg.n_rows, dtype=bool) if dead is None else ~dead
            alives.append(alive)
            new_row = (np.cumsum(alive, dtype=np.int64) - 1 + offset).astype(np.int32)
            offset += int(alive.sum())
            local, keep = _kept(seg, dead)
            # A kept posting's place: its term's start, after earlier parts' postings of the
            # term, then its rank among this part's kept postings of the same term.
            kept_start = np.zeros(len(seg.terms) + 1, dtype=np.int64)
            np.cumsum(np.bincount(local, minlength=len(seg.terms)), out=kept_start[1:])
            term_of = _global_ids(seg, vocab)[local]
            where = indptr[term_of] + done[term_of] - kept_start[local]
            del term_of
            where += np.arange(len(local), dtype=np.int64)
            rows[where] = new_row[seg.rows[keep] if keep is not None else seg.rows]
            tf[where] = seg.tf[keep] if keep is not None else seg.tf
            del where, local
        per_part = [(seg, alive) for (seg, _), alive in zip(parts, alives, strict=True)]
        ids = np.concatenate([seg.ids[a] for seg, a in per_part] or [np.zeros(0, np.int64)]).astype(
            np.int64
        )
        lengths = np.concatenate(
            [seg.lengths[a] for seg, a in per_part] or [np.zeros(0, np.float32)]
        ).astype(np.float32)
        # Terms no live row has any more are dropped.
        used = counts > 0
        if not used.all():
            terms = [t for t, u in zip(vocab, used, strict=True) if u]
            indptr = np.concatenate([[0], indptr[1:][used]]).astype(np.int64)
            return cls(terms, indptr, rows, tf, ids, lengths)
        return cls(list(vocab), indptr, rows, tf, ids, lengths)

    # -- files ------------------------------------------------------------------------------
    def save(self, directory: Path) -> None:
        """Write into `directory` (which the caller renames into place once complete)."""
        directory.mkdir(parents=True, exist_ok=True)
        for name in _ARRAYS:
            with open(directory / f"{name}.npy", "wb") as fh:
                np.save(fh, getattr(self, name))
                fh.flush()
                os.fsync(fh.fileno())
        (directory / "terms.json").write_text(json.dumps(self.terms), encoding="utf-8")

    @classmethod
    def load(cls, directory: Path, mmap: bool = False) -> Segment:
        """Read a segment; with `mmap`, the postings stay on disk and are paged in as read."""
        arrays = {}
        for name in _ARRAYS:
            path = directory / f"{name}.npy"
            big = mmap and path.stat().st_size > _MMAP_ABOVE
            arrays[name] = np.load(path, mmap_mode="r" if big else None)
        terms = json.loads((directory / "terms.json").read_text(encoding="utf-8"))
        return cls(terms=terms, **arrays)


def _kept(seg: Segment, dead: np.ndarray | None) -> tuple[np.ndarray, np.ndarray | None]:
    """The local term id of each posting of a live row, and which postings those are (None:
    all of them)."""
    local = np.repeat(np.arange(len(seg.terms), dtype=np.int32), np.diff(seg.indptr))
    if dead is None or not dead.any():
        return local, None
    keep = ~dead[seg.rows]
    return local[keep], keep


def _global_ids(seg: Segment, vocab: dict[str, int]) -> np.ndarray:
    return np.fromiter((vocab[t] for t in seg.terms), dtype=np.int32, count=len(seg.terms))
