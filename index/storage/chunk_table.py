"""Every chunk record of a generation, in flat arrays: a read-only mapping of chunk id to record.

A dict of `ChunkRecord` objects costs about 1.1 KB a chunk, a gigabyte at a million chunks,
and each answer process holds its own. Here a chunk costs about 60 bytes (its document index,
ordinal, span and sentence spans as integers); a record is made when it is asked for. Chunk
ids are autoincrement integers with few gaps, so an id's row is found in an offset array.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Mapping

import numpy as np

from index.storage.base import ChunkRecord

_MADE_KEPT = 4096  # records kept once made: one question reads the same few chunks many times


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
            fields: (n, 3) int64 ordinal, start, end.
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
    def from_rows(cls, rows: Iterable[tuple[int, str, int, int, int, str]]) -> ChunkTable:
        """From (chunk_id, doc_id, ordinal, start, end, sentence spans as JSON) in id order."""
        ids: list[int] = []
        doc_index: dict[str, int] = {}
        doc_of: list[int] = []
        fields: list[tuple[int, int, int]] = []
        span_starts = [0]
        flat: list[int] = []
        for chunk_id, doc_id, ordinal, start, end, sentences in rows:
            ids.append(int(chunk_id))
            doc_of.append(doc_index.setdefault(doc_id, len(doc_index)))
            fields.append((int(ordinal), int(start), int(end)))
            for a, b in json.loads(sentences):
                flat += (int(a), int(b))
            span_starts.append(len(flat) // 2)
        id_arr = np.asarray(ids, dtype=np.int64)
        if len(id_arr) > 1 and not (np.diff(id_arr) > 0).all():
            raise ValueError("chunk rows must come in ascending id order")
        return cls(
            id_arr,
            list(doc_index),
            np.asarray(doc_of, dtype=np.int32),
            np.asarray(fields, dtype=np.int64).reshape(-1, 3),
            np.asarray(span_starts, dtype=np.int64),
            np.asarray(flat, dtype=np.int64).reshape(-1, 2),
        )

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
