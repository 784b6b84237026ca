"""The store contract, run against every registered backend with the real model.

A new backend (one module in index/storage/ and one line in STORES) passes these unchanged.
"""

from __future__ import annotations

from datetime import date

import pytest

from index.config import IndexConfig
from index.errors import DocbotError, NoIndexError
from index.storage import STORES, open_store
from index.storage.base import SearchFilter
from index.storage.snapshot import Snapshot
from index.text.dates import DateRange
from index.text.tokens import analyze
from index.types import doc_id_for

DOCS = {
    "2021-03-16-seoul.txt": "Title: Talks in Seoul\nPublished: 2021-03-16\n\n"
    "The ministers met in Seoul to discuss the alliance. They agreed on shared priorities.",
    "2023-11-08-tokyo.txt": "Title: Talks in Tokyo\nPublished: 2023-11-08\n\n"
    "The ministers met in Tokyo to discuss the alliance and maritime security.",
    "notes.txt": "Undated notes\n\nThe ministers met again to discuss the alliance budget.",
}


def needs_extra(store: str) -> None:
    """Skip a backend whose optional extra is not installed (`make setup` installs them)."""
    if store == "milvus":
        pytest.importorskip("pymilvus", reason="the milvus extra is not installed")
        pytest.importorskip("milvus_lite", reason="the milvus extra is not installed")


@pytest.fixture(params=sorted(STORES))
def kb(request, make_kb):
    needs_extra(request.param)
    kb = make_kb(DOCS)
    kb.config = IndexConfig(kb.corpus, kb.index_dir, store=request.param)
    kb.store = open_store(kb.config)
    kb.sync()
    return kb


def _docs_of(snap: Snapshot, hits: list[tuple[int, float]]) -> set[str]:
    return {snap.docs[snap.chunks[c].doc_id].path for c, _ in hits}


def test_unfiltered_searches_see_every_document(kb) -> None:
    snap = kb.snapshot()
    qvec = kb.embedder.embed_queries(["ministers discuss the alliance"])[0]
    assert _docs_of(snap, snap.dense_search(qvec, 10)) == set(DOCS)
    assert _docs_of(snap, snap.lexical_search(analyze("alliance"), 10)) == set(DOCS)


def test_k_beyond_the_store_returns_real_chunks_only(kb) -> None:
    snap = kb.snapshot()
    qvec = kb.embedder.embed_queries(["alliance"])[0]
    hits = snap.dense_search(qvec, 1000)
    assert len(hits) == len(snap.chunks) and all(c in snap.chunks for c, _ in hits)


def test_a_document_filter_runs_inside_both_searches(kb) -> None:
    snap = kb.snapshot()
    only = SearchFilter(doc_ids=frozenset({doc_id_for("2023-11-08-tokyo.txt")}))
    qvec = kb.embedder.embed_queries(["talks in Seoul"])[0]
    assert _docs_of(snap, snap.dense_search(qvec, 5, only)) == {"2023-11-08-tokyo.txt"}
    assert _docs_of(snap, snap.lexical_search(analyze("ministers"), 5, only)) == {
        "2023-11-08-tokyo.txt"
    }
    # The filter is applied before the top k is taken, not after: k=1 still finds Tokyo.
    assert _docs_of(snap, snap.dense_search(qvec, 1, only)) == {"2023-11-08-tokyo.txt"}


def test_a_date_filter_keeps_that_time_and_undated_documents(kb) -> None:
    snap = kb.snapshot()
    in_2021 = SearchFilter(published=DateRange(date(2021, 1, 1), date(2021, 12, 31)))
    qvec = kb.embedder.embed_queries(["ministers met"])[0]
    expected = {"2021-03-16-seoul.txt", "notes.txt"}
    assert _docs_of(snap, snap.dense_search(qvec, 10, in_2021)) == expected
    assert _docs_of(snap, snap.lexical_search(analyze("ministers"), 10, in_2021)) == expected


def test_a_reader_keeps_its_generation_while_the_next_is_published(kb) -> None:
    before = kb.snapshot()
    (kb.corpus / "notes.txt").unlink()
    kb.sync()
    after = kb.snapshot()
    assert after.generation == before.generation + 1
    assert "notes.txt" not in {d.path for d in after.docs.values()}
    # The old snapshot still answers, whole, from its own generation.
    assert "notes.txt" in {d.path for d in before.docs.values()}
    qvec = kb.embedder.embed_queries(["alliance budget"])[0]
    assert "notes.txt" in _docs_of(before, before.dense_search(qvec, 10))


def test_an_empty_store_says_how_to_build_one(make_kb) -> None:
    kb = make_kb(DOCS)
    with pytest.raises(NoIndexError, match="docbot index"):
        kb.store.committed_generation()


def test_an_unknown_store_is_a_clear_error(tmp_path) -> None:
    with pytest.raises(DocbotError, match="faiss"):
        open_store(IndexConfig(tmp_path, tmp_path, store="cassandra"))
