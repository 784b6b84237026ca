"""Dense vectors in FAISS. The only module that imports `faiss`.

Up to `FLAT_UP_TO` vectors: `IndexIDMap2(IndexFlatIP)` over normalised vectors, exact (inner
product is cosine similarity; ids are chunk ids). Beyond it exact search grows too slow (about
150 ms a question at a million), and the index becomes `IndexIVFFlat`: the vectors are
clustered into about 2 sqrt(n) lists by k-means on the corpus itself, and a question scans the
`nprobe` nearest lists. IVF keeps chunk ids itself and removes them (through a hash-table
direct map, which also serves filtered searches over few chunks exactly). HNSW can't remove.
Readers memory-map the file (`load(mapped=True)`), so every answer process shares one copy.
bench/scale_bench.py measures speed and recall at a million (README, "The local store at
scale").
"""

from __future__ import annotations

import math
import os
from pathlib import Path
from typing import Any

import faiss
import numpy as np

FLAT_UP_TO = 100_000  # vectors; above, the approximate index
# Lists scanned per question. At a million chunks (2,000 lists) with 86 real questions, recall@10
# against exact search was 0.966 at 24, 0.988 at 48 and no better at 96 in one trial, and 0.949
# at 24, 0.963 at 48 in scale_bench's store (README, "The local store at scale"); 48 lists are
# 2.4% of the vectors.
NPROBE = 48
EXACT_SUBSET = 20_000  # a filter allowing at most this many chunks is searched exactly
_TRAIN_PER_LIST = 64  # k-means sample: this many vectors per list
_TRAIN_ITERATIONS = 10  # k-means rounds (FAISS's default is 25): 2,000 lists trained in 25 s
# One question's search is small: OpenMP's team start-up and spinning cost more than a second
# thread saves, and on a busy machine they cost a lot (11,610 vectors: 11-14 ms with two
# threads against 0.8 ms with one). Bulk work (training, adding many vectors) uses every core.
# The setting is OpenMP's per calling thread, so each operation sets it for itself.
SEARCH_THREADS = 1
BULK_THREADS = os.cpu_count() or 1


def nlist_for(n: int) -> int:
    """How many IVF lists for `n` vectors: about 2 sqrt(n), with 32+ vectors to train each.

    At a million, 2,000 lists searched 48 at a time took 2.7 ms where 500 lists needed 10 ms
    for the same recall (in memory, one thread, same vectors and questions).
    """
    return max(1, min(int(2 * math.sqrt(n)), n // 32))


class VectorIndex:
    """Chunk vectors keyed by chunk id."""

    def __init__(self, index: faiss.Index) -> None:
        self._index = index
        self._ivf = index if isinstance(index, faiss.IndexIVF) else None
        if self._ivf is not None:  # a search setting, not the data's: files keep an older one
            self._ivf.nprobe = min(NPROBE, self._ivf.nlist)

    @classmethod
    def empty(cls, dim: int) -> VectorIndex:
        return cls(faiss.IndexIDMap2(faiss.IndexFlatIP(dim)))

    @classmethod
    def build(
        cls, dim: int, ids: np.ndarray, vectors: np.ndarray, flat_up_to: int | None = None
    ) -> VectorIndex:
        """Exact up to `flat_up_to` (default `FLAT_UP_TO`) vectors, IVF trained on them beyond."""
        if len(ids) <= (FLAT_UP_TO if flat_up_to is None else flat_up_to):
            out = cls.empty(dim)
        else:
            out = cls(_trained_ivf(dim, np.ascontiguousarray(vectors, dtype=np.float32)))
        out.add(ids, vectors)
        return out

    def resized(self, flat_up_to: int | None = None) -> VectorIndex:
        """This index, or the same vectors in the kind that fits their number now.

        Flat past `flat_up_to` becomes IVF; IVF below half of it becomes flat again, and IVF
        whose lists no longer fit its size (half or twice `nlist_for`, so every fourfold growth)
        is trained anew.
        """
        n = len(self)
        flat_up_to = FLAT_UP_TO if flat_up_to is None else flat_up_to
        if self._ivf is None:
            if n <= flat_up_to:
                return self
        elif n >= flat_up_to // 2 and nlist_for(n) / 2 <= self._ivf.nlist <= 2 * nlist_for(n):
            return self
        ids, vectors = self.all()
        return VectorIndex.build(self.dim, ids, vectors, flat_up_to)

    @property
    def dim(self) -> int:
        return int(self._index.d)

    @property
    def approximate(self) -> bool:
        return self._ivf is not None

    def __len__(self) -> int:
        return int(self._index.ntotal)

    def add(self, ids: np.ndarray, vectors: np.ndarray) -> None:
        if len(ids) == 0:
            return
        vecs = np.ascontiguousarray(vectors, dtype=np.float32).reshape(len(ids), self.dim)
        faiss.omp_set_num_threads(BULK_THREADS if len(ids) > 1000 else SEARCH_THREADS)
        self._index.add_with_ids(vecs, np.ascontiguousarray(ids, dtype=np.int64))

    def remove(self, ids: np.ndarray) -> int:
        if len(ids) == 0:
            return 0
        arr = np.ascontiguousarray(ids, dtype=np.int64)
        if self._ivf is not None:
            # The hash-table direct map finds each id (it takes only an array selector).
            return int(self._index.remove_ids(faiss.IDSelectorArray(arr)))
        return int(self._index.remove_ids(faiss.IDSelectorBatch(arr)))

    def ids(self) -> np.ndarray:
        """All chunk ids held (for flat, in storage order: the row -> id mapping lives here)."""
        if self._ivf is None:
            return faiss.vector_to_array(self._index.id_map).astype(np.int64)  # type: ignore[attr-defined]
        return self.all(with_vectors=False)[0]

    def all(self, with_vectors: bool = True) -> tuple[np.ndarray, np.ndarray]:
        """Every (chunk id, vector) held."""
        if self._ivf is None:
            ids = self.ids()
            flat: Any = faiss.downcast_index(self._index.index)  # type: ignore[attr-defined]
            codes = faiss.vector_to_array(flat.codes) if with_vectors else np.zeros(0, np.uint8)
            return ids, codes.view(np.float32).reshape(-1, self.dim)
        lists: Any = self._ivf.invlists
        id_parts, vec_parts = [], []
        for li in range(self._ivf.nlist):
            size = lists.list_size(li)
            if size == 0:
                continue
            id_parts.append(faiss.rev_swig_ptr(lists.get_ids(li), size).copy())
            if with_vectors:
                raw = faiss.rev_swig_ptr(lists.get_codes(li), size * lists.code_size)
                vec_parts.append(raw.copy().view(np.float32).reshape(size, self.dim))
        ids = np.concatenate(id_parts) if id_parts else np.zeros(0, np.int64)
        vecs = np.vstack(vec_parts) if vec_parts else np.zeros((0, self.dim), np.float32)
        return ids.astype(np.int64), vecs

    def search(
        self, query: np.ndarray, k: int, allowed: np.ndarray | None = None
    ) -> list[tuple[int, float]]:
        """Up to `k` (chunk_id, cosine) pairs, best first.

        Args:
            query: a normalised query vector.
            k: how many at most.
            allowed: chunk ids that may be returned (None: any); applied inside the search.
        """
        if k <= 0 or len(self) == 0:
            return []
        faiss.omp_set_num_threads(SEARCH_THREADS)
        q = np.ascontiguousarray(query, dtype=np.float32).reshape(1, self.dim)
        if allowed is None:
            scores, ids = self._index.search(q, min(k, len(self)))
        elif len(allowed) == 0:
            return []
        elif self._ivf is not None and len(allowed) <= EXACT_SUBSET:
            try:
                return self._search_subset(q[0], k, allowed)
            except RuntimeError:  # an allowed id it doesn't hold: the filtered search below
                pass
        if allowed is not None:
            selector = faiss.IDSelectorBatch(np.ascontiguousarray(allowed, dtype=np.int64))
            if self._ivf is None:
                params = faiss.SearchParameters(sel=selector)  # type: ignore[call-arg]
            else:
                # Scan as many more lists as the filter is narrower, to meet as many allowed
                # chunks as an unfiltered search would.
                wider = math.ceil(self._ivf.nprobe * len(self) / len(allowed))
                params = faiss.SearchParametersIVF(sel=selector, nprobe=min(self._ivf.nlist, wider))  # type: ignore[call-arg]
            scores, ids = self._index.search(q, min(k, len(allowed), len(self)), params=params)
        # FAISS pads with id -1 when k exceeds what it holds.
        return [(int(i), float(s)) for i, s in zip(ids[0], scores[0], strict=True) if i != -1]

    def _search_subset(self, q: np.ndarray, k: int, allowed: np.ndarray) -> list[tuple[int, float]]:
        """Exact search over few allowed chunks, their vectors fetched by id."""
        assert self._ivf is not None
        held = np.ascontiguousarray(allowed, dtype=np.int64)
        vecs = self._ivf.reconstruct_batch(held)
        scores = vecs @ q
        top = np.argsort(-scores, kind="stable")[:k]
        return [(int(held[i]), float(scores[i])) for i in top]

    def save(self, path: Path) -> None:
        """Write atomically: a crash leaves either the old file or the new one, never half."""
        tmp = path.with_name(path.name + f".tmp{os.getpid()}")
        faiss.write_index(self._index, str(tmp))
        with open(tmp, "rb") as fh:
            os.fsync(fh.fileno())
        os.replace(tmp, path)

    @classmethod
    def load(cls, path: Path, *, mapped: bool = False) -> VectorIndex:
        """Read a saved index.

        Args:
            path: the file `save` wrote.
            mapped: memory-map the vectors read-only instead of reading them into memory. Every
                process that answers questions maps the same file, so the vectors sit once in
                the page cache, shared, rather than once per process; such an index can only
                be searched, never changed.
        """
        if not mapped:
            return cls(faiss.read_index(str(path)))
        index = faiss.read_index(str(path), faiss.IO_FLAG_MMAP_IFC | faiss.IO_FLAG_READ_ONLY)
        _read_ahead(path)
        return cls(index)


def _trained_ivf(dim: int, vectors: np.ndarray) -> faiss.IndexIVFFlat:
    """An empty IVF index whose lists are k-means clusters of (a sample of) `vectors`."""
    nlist = nlist_for(len(vectors))
    quantizer: Any = faiss.IndexFlatIP(dim)
    index = faiss.IndexIVFFlat(quantizer, dim, nlist, faiss.METRIC_INNER_PRODUCT)
    index.own_fields = True
    quantizer.this.disown()
    rng = np.random.default_rng(0)
    sample_size = min(len(vectors), nlist * _TRAIN_PER_LIST)
    sample = vectors[np.sort(rng.choice(len(vectors), sample_size, replace=False))]
    index.cp.max_points_per_centroid = _TRAIN_PER_LIST
    index.cp.niter = _TRAIN_ITERATIONS
    faiss.omp_set_num_threads(BULK_THREADS)
    index.train(sample)
    index.nprobe = NPROBE
    index.set_direct_map_type(faiss.DirectMap.Hashtable)  # type: ignore[attr-defined]
    return index


def _read_ahead(path: Path) -> None:
    """Ask the kernel to page the file in now, in the background: otherwise the first
    questions after opening fault its pages in one by one."""
    if not hasattr(os, "posix_fadvise"):
        return
    fd = os.open(path, os.O_RDONLY)
    try:
        os.posix_fadvise(fd, 0, 0, os.POSIX_FADV_WILLNEED)
    finally:
        os.close(fd)
