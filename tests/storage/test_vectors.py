"""Dense vectors: exact while small, IVF past a size, with removal, filters and recall@10."""

from __future__ import annotations

import numpy as np
import pytest

from index.storage import faiss_index
from index.storage.faiss_index import VectorIndex

DIM = 48


def _unit(x: np.ndarray) -> np.ndarray:
    return (x / np.linalg.norm(x, axis=1, keepdims=True)).astype(np.float32)


def _corpus(n: int, seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    """`n` vectors around 60 topics, like chunk embeddings: clustered, not uniform."""
    rng = np.random.default_rng(seed)
    centres = rng.normal(size=(60, DIM))
    vecs = centres[rng.integers(0, 60, n)] + 0.6 * rng.normal(size=(n, DIM))
    return np.arange(1000, 1000 + n, dtype=np.int64), _unit(vecs)


def _exact(ids: np.ndarray, vecs: np.ndarray, q: np.ndarray, k: int) -> list[int]:
    return [int(ids[i]) for i in np.argsort(-(vecs @ q), kind="stable")[:k]]


def _recall_at_10(index: VectorIndex, ids: np.ndarray, vecs: np.ndarray) -> float:
    rng = np.random.default_rng(1)
    queries = _unit(vecs[rng.choice(len(vecs), 60)] + 0.3 * rng.normal(size=(60, DIM)))
    found = [
        len({c for c, _ in index.search(q, 10)} & set(_exact(ids, vecs, q, 10))) / 10
        for q in queries
    ]
    return float(np.mean(found))


@pytest.fixture
def ivf(monkeypatch) -> tuple[VectorIndex, np.ndarray, np.ndarray]:
    monkeypatch.setattr(faiss_index, "FLAT_UP_TO", 2000)
    ids, vecs = _corpus(6000)
    return VectorIndex.build(DIM, ids, vecs), ids, vecs


def test_small_stays_exact_and_large_becomes_ivf_with_recall(ivf) -> None:
    index, ids, vecs = ivf
    assert index.approximate and len(index) == 6000
    assert sorted(index.ids().tolist()) == ids.tolist()
    assert _recall_at_10(index, ids, vecs) >= 0.95
    small = VectorIndex.build(DIM, ids[:2000], vecs[:2000])
    assert not small.approximate
    assert _recall_at_10(small, ids[:2000], vecs[:2000]) == 1.0


def test_growing_past_the_threshold_switches_and_shrinking_switches_back(monkeypatch) -> None:
    monkeypatch.setattr(faiss_index, "FLAT_UP_TO", 2000)
    ids, vecs = _corpus(3000)
    index = VectorIndex.build(DIM, ids[:1500], vecs[:1500])
    index.add(ids[1500:], vecs[1500:])
    assert not index.approximate  # adding alone never changes the kind...
    grown = index.resized()  # ...the commit does, once per generation
    assert grown.approximate and sorted(grown.ids().tolist()) == ids.tolist()
    assert _recall_at_10(grown, ids, vecs) >= 0.95
    grown.remove(ids[:2500])
    shrunk = grown.resized()
    assert not shrunk.approximate and sorted(shrunk.ids().tolist()) == ids[2500:].tolist()
    q = vecs[2700]
    assert [c for c, _ in shrunk.search(q, 5)] == _exact(ids[2500:], vecs[2500:], q, 5)


def test_removed_vectors_are_never_found_and_files_keep_the_index(ivf, tmp_path) -> None:
    index, ids, vecs = ivf
    gone = ids[::3]
    assert index.remove(gone) == len(gone)
    assert index.remove(np.array([5], dtype=np.int64)) == 0  # not held: nothing happens
    path = tmp_path / "vectors-000001.faiss"
    index.save(path)
    loaded = VectorIndex.load(path)
    assert loaded.approximate and len(loaded) == 4000
    left = np.setdiff1d(ids, gone)
    assert sorted(loaded.ids().tolist()) == left.tolist()
    for q in vecs[:50:5]:
        assert not {c for c, _ in loaded.search(q, 10)} & set(gone.tolist())
    keep = np.isin(ids, left)
    assert _recall_at_10(loaded, ids[keep], vecs[keep]) >= 0.95


def test_filtered_searches_return_allowed_chunks_only(ivf) -> None:
    index, ids, vecs = ivf
    q = vecs[10]
    few = ids[::500]  # few allowed: searched exactly
    assert [c for c, _ in index.search(q, 5, few)] == _exact(few, vecs[np.isin(ids, few)], q, 5)
    many = ids[ids % 3 == 0]  # many allowed: IVF with more lists scanned
    faiss_index_subset = faiss_index.EXACT_SUBSET
    try:
        faiss_index.EXACT_SUBSET = 10
        hits = [c for c, _ in index.search(q, 10, many)]
    finally:
        faiss_index.EXACT_SUBSET = faiss_index_subset
    assert len(hits) == 10 and set(hits) <= set(many.tolist())
    expected = _exact(many, vecs[np.isin(ids, many)], q, 10)
    assert len(set(hits) & set(expected)) >= 9


@pytest.mark.parametrize("kind", ["flat", "ivf"])
def test_a_mapped_index_answers_exactly_as_a_read_one(kind, ivf, tmp_path) -> None:
    index, ids, vecs = ivf
    if kind == "flat":
        index = VectorIndex.build(DIM, ids[:2000], vecs[:2000])
    path = tmp_path / "vectors.faiss"
    index.save(path)
    read, mapped = VectorIndex.load(path), VectorIndex.load(path, mapped=True)
    assert mapped.approximate == (kind == "ivf")
    rng = np.random.default_rng(5)
    allowed = np.sort(rng.choice(ids, 300, replace=False))
    for q in _unit(rng.normal(size=(20, DIM))):
        assert mapped.search(q, 10) == read.search(q, 10)
        assert mapped.search(q, 5, allowed) == read.search(q, 5, allowed)
