"""Every chunk record of a generation, in flat arrays: a read-only mapping of chunk id to record.

A dict of `ChunkRecord` objects costs about 1.1 KB a chunk, a gigabyte at a million chunks,
and each answer process holds its own. Here a chunk costs about 60 bytes (its document index,
ordinal, span and sentence spans as integers); a record is made when it is asked for. Chunk
ids are autoincrement integers with few gaps, so an id's row is found in an offset array.
"""

from __future__ import annotations

import json
import warnings
from collections.abc import Iterable, Iterator, Mapping
from itertools import chain, islice

import numpy as np

from index.storage.base import ChunkRecord

# Records kept once made. A question reads each of its ~200 candidates' records several times,
# and answering at 2,031 documents made ~400 records a question: up to this many, a table is as
# fast as a dict (a store that size is wholly kept, ~70 MB at most at any size).
_MADE_KEPT = 65_536


class ChunkTable(Mapping[int, ChunkRecord]):
    """Chunk id -> ChunkRecord, held as arrays."""

    def __init__(
        self,
        ids: np.ndarray,
        doc_ids: list[str],
        doc_of: np.ndarray,
        fields: np.ndarray,
        span_starts: np.ndarray,
        spans: np.ndarray,
    ) -> None:
        """Arrays in ascending chunk id order.

        Args:
            ids: chunk ids (int64, ascending).
            doc_ids: the documents, indexed by `doc_of`.
            doc_of: each chunk's document index.
            fields: (n, 3) ordinal, start, end.
            span_starts: (n + 1) offsets into `spans` of each chunk's sentence spans.
            spans: (m, 2) sentence spans, all chunks' in order.
        """
        self._ids = ids
        self._doc_ids = doc_ids
        self._doc_of = doc_of
        self._fields = fields
        self._span_starts = span_starts
        self._spans = spans
        self._base = int(ids[0]) if len(ids) else 0
        row_of = np.full(int(ids[-1]) - self._base + 1 if len(ids) else 0, -1, dtype=np.int32)
        row_of[ids - self._base] = np.arange(len(ids), dtype=np.int32)
        self._row_of = row_of
        self._made: dict[int, ChunkRecord] = {}
        self._by_doc: dict[str, tuple[int, ...]] | None = None

    @classmethod
    def from_rows(
        cls, rows: Iterable[tuple[int, str, int, int, int, str]], batch: int = 10_000
    ) -> ChunkTable:
        """From (chunk_id, doc_id, ordinal, start, end, sentence spans as JSON) in id order.

        Read `batch` rows at a time into arrays: a million rows turned into Python objects at
        once would leave hundreds of megabytes of freed but unreturned memory behind.
        """
        doc_index: dict[str, int] = {}
        parts: list[tuple[np.ndarray, ...]] = []
        it = iter(rows)
        while chunk := list(islice(it, batch)):
            n = len(chunk)
            counts, flat = _spans([r[5] for r in chunk])
            parts.append(
                (
                    np.fromiter((r[0] for r in chunk), np.int64, n),
                    np.fromiter(
                        (doc_index.setdefault(r[1], len(doc_index)) for r in chunk), np.int32, n
                    ),
                    np.asarray([(r[2], r[3], r[4]) for r in chunk], np.int32).reshape(n, 3),
                    counts,
                    flat,
                )
            )
            del chunk
        columns = [np.concatenate(c) for c in zip(*parts, strict=True)] if parts else []
        ids, doc_of, fields, counts, flat = columns or [
            np.zeros(0, np.int64),
            np.zeros(0, np.int32),
            np.zeros((0, 3), np.int32),
            np.zeros(0, np.int64),
            np.zeros(0, np.int32),
        ]
        if len(ids) > 1 and not (np.diff(ids) > 0).all():
            raise ValueError("chunk rows must come in ascending id order")
        span_starts = np.concatenate([[0], np.cumsum(counts)]).astype(np.int64)
        return cls(ids, list(doc_index), doc_of, fields, span_starts, flat.reshape(-1, 2))

    def _row(self, chunk_id: int) -> int:
        i = chunk_id - self._base
        if not 0 <= i < len(self._row_of):
            return -1
        return int(self._row_of[i])

    def __getitem__(self, chunk_id: int) -> ChunkRecord:
        made = self._made.get(chunk_id)
        if made is not None:
            return made
        row = self._row(chunk_id)
        if row < 0:
            raise KeyError(chunk_id)
        ordinal, start, end = self._fields[row].tolist()
        lo, hi = self._span_starts[row : row + 2].tolist()
        record = ChunkRecord(
            chunk_id=chunk_id,
            doc_id=self._doc_ids[self._doc_of[row]],
            ordinal=ordinal,
            start=start,
            end=end,
            sentences=tuple(map(tuple, self._spans[lo:hi].tolist())),  # type: ignore[arg-type]
        )
        if len(self._made) >= _MADE_KEPT:
            self._made.clear()
        self._made[chunk_id] = record
        return record

    def __contains__(self, chunk_id: object) -> bool:
        return isinstance(chunk_id, (int, np.integer)) and self._row(int(chunk_id)) >= 0

    def __iter__(self) -> Iterator[int]:
        return iter(self._ids.tolist())

    def __len__(self) -> int:
        return len(self._ids)

    def ids(self) -> np.ndarray:
        """All chunk ids, ascending."""
        return self._ids

    def by_doc(self) -> dict[str, tuple[int, ...]]:
        """Each document's chunk ids in document (ordinal) order (worked out once)."""
        if self._by_doc is None:
            self._by_doc = self._group()
        return self._by_doc

    def _group(self) -> dict[str, tuple[int, ...]]:
        order = np.lexsort((self._fields[:, 0], self._doc_of))
        docs = self._doc_of[order]
        cuts = np.flatnonzero(np.diff(docs)) + 1
        out: dict[str, tuple[int, ...]] = {}
        for part in np.split(order, cuts) if len(order) else []:
            out[self._doc_ids[self._doc_of[part[0]]]] = tuple(self._ids[part].tolist())
        return out


def chunks_by_doc(chunks: Mapping[int, ChunkRecord]) -> dict[str, tuple[int, ...]]:
    """Each document's chunk ids in document order, for a ChunkTable or any mapping."""
    if isinstance(chunks, ChunkTable):
        return chunks.by_doc()
    by_doc: dict[str, list[int]] = {}
    for rec in chunks.values():
        by_doc.setdefault(rec.doc_id, []).append(rec.chunk_id)
    return {d: tuple(sorted(ids, key=lambda c: chunks[c].ordinal)) for d, ids in by_doc.items()}


_SPAN_PUNCTUATION = str.maketrans("[],", "   ")


def _spans(texts: list[str]) -> tuple[np.ndarray, np.ndarray]:
    """Each chunk's number of sentence spans, and all their offsets in one flat array, from
    the JSON lists of pairs the store writes ("[[0, 60], [61, 120]]"). Parsed as one string
    of integers, many times faster than json.loads per row; any other form goes through JSON."""
    counts = np.fromiter((t.count("[") - 1 for t in texts), np.int64, len(texts))
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error")  # numpy warns when text is left unparsed
            joined = " ".join(texts).translate(_SPAN_PUNCTUATION)
            flat = np.fromstring(joined, dtype=np.int32, sep=" ")
    except (ValueError, DeprecationWarning):
        flat = np.zeros(0, np.int32)
    if len(flat) != 2 * int(counts.sum()) or (counts < 0).any():
        spans = [json.loads(t) for t in texts]
        counts = np.fromiter(map(len, spans), np.int64, len(texts))
        flat = np.fromiter(chain.from_iterable(chain.from_iterable(spans)), np.int32)
    return counts, flat
