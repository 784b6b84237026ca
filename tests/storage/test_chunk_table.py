"""The flat chunk table reads back exactly the records a dict of them would hold."""

from __future__ import annotations

import json

import pytest

from index.storage.base import ChunkRecord
from index.storage.chunk_table import ChunkTable, chunks_by_doc

ROWS = [
    # (chunk_id, doc_id, ordinal, start, end, sentence spans): ids with gaps, as after deletes;
    # doc-b's chunks stored out of ordinal order, as a re-indexed document's can be.
    (3, "doc-a", 0, 0, 120, [[0, 60], [61, 120]]),
    (4, "doc-a", 1, 100, 200, [[100, 200]]),
    (9, "doc-b", 1, 80, 150, [[80, 150]]),
    (10, "doc-b", 0, 0, 90, []),
    (57, "doc-c", 0, 0, 40, [[0, 20], [21, 30], [31, 40]]),
]


def _table() -> ChunkTable:
    return ChunkTable.from_rows((c, d, o, s, e, json.dumps(sp)) for c, d, o, s, e, sp in ROWS)


def _records() -> dict[int, ChunkRecord]:
    return {
        c: ChunkRecord(c, d, o, s, e, tuple(tuple(x) for x in sp))  # type: ignore[misc]
        for c, d, o, s, e, sp in ROWS
    }


def test_every_record_reads_back_as_stored():
    table, expected = _table(), _records()
    assert len(table) == len(expected)
    assert list(table) == sorted(expected)
    assert dict(table.items()) == expected
    assert table[57].sentences == ((0, 20), (21, 30), (31, 40))
    assert table[10].sentences == ()


def test_absent_ids_are_not_found():
    table = _table()
    for missing in (0, 2, 5, 8, 11, 56, 58, 10_000, -1):
        assert missing not in table
        with pytest.raises(KeyError):
            table[missing]
    assert "3" not in table
    assert table.get(5) is None


def test_chunks_by_document_are_in_ordinal_order_for_table_and_dict():
    expected = {"doc-a": (3, 4), "doc-b": (10, 9), "doc-c": (57,)}
    assert _table().by_doc() == expected
    assert chunks_by_doc(_table()) == expected
    assert chunks_by_doc(_records()) == expected


def test_rows_out_of_id_order_are_refused():
    rows = [ROWS[1], ROWS[0]]
    with pytest.raises(ValueError):
        ChunkTable.from_rows((c, d, o, s, e, json.dumps(sp)) for c, d, o, s, e, sp in rows)


def test_an_empty_table():
    table = ChunkTable.from_rows([])
    assert len(table) == 0 and list(table) == [] and 1 not in table and table.by_doc() == {}


def test_span_lists_in_another_json_form_still_read():
    rows = [(1, "d", 0, 0, 90, "[ [0, 60] ,\n[61, 90] ]"), (2, "d", 1, 90, 99, "[[90, 99.0]]")]
    table = ChunkTable.from_rows(rows)
    assert table[1].sentences == ((0, 60), (61, 90))
    assert table[2].sentences == ((90, 99),)
