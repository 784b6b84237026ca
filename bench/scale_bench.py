"""A million chunks: dense search speed and recall, add/delete one document, serve memory.

Builds a store of N synthetic chunks without embedding anything: the documents, chunks and
chunk vectors of an existing index (e.g. the 2,031 State Department releases) are repeated,
each copy's vectors perturbed by random noise of norm --noise (then renormalised), each copy's
title tagged with its copy number. The store is written through the local store's real commit
(SQLite, FAISS, BM25), --step chunks at a time, so every size threshold, merge and file format
is the real one.

Then a separate process opens the store as `docbot serve` would and answers: its resident
memory, dense and BM25 search times, and per-sentence vector reads for the candidates. The
recall@10 of the approximate index is measured against exact search over the same vectors,
for several nprobe; exact (flat) search is timed in the same run as the baseline.

Usage:
    python -m bench.scale_bench --source-index /path/to/index --chunks 1000000 --work /tmp/scale
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sqlite3
import statistics
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import numpy as np

from bench.machine import print_table
from index.config import IndexConfig
from index.storage import sqlite as db
from index.storage.base import Changes, IndexedDocument
from index.storage.local import LocalStore
from index.types import Chunk, Document

NPROBES = [8, 16, 24, 32, 48, 64]
QUERIES = 200


def _proc_mb(path: str, *keys: str) -> list[float]:
    """The "Key:   N kB" lines of a /proc file named by `keys`, in MB, in that order."""
    values = {}
    for line in Path(path).read_text().splitlines():
        parts = line.split()
        if parts and parts[0].rstrip(":") in keys:
            values[parts[0].rstrip(":")] = float(parts[1]) / 1024
    return [values[k] for k in keys]


def _rss_mb() -> tuple[float, float]:
    """(resident, peak resident) memory of this process in MB."""
    rss, peak = _proc_mb("/proc/self/status", "VmRSS", "VmHWM")
    return rss, peak


class _PerturbedCache:
    """An EmbeddingLookup whose vectors are the source's, perturbed per chunk, in call order."""

    def __init__(self, by_hash: dict[str, np.ndarray], noise: float, seed: int) -> None:
        self.by_hash = by_hash
        self.noise = noise
        self.rng = np.random.default_rng(seed)
        self.last: np.ndarray | None = None

    def vectors(self, chunk_hashes):
        if not chunk_hashes:
            return np.zeros((0, 0), dtype=np.float32)
        out = np.empty((len(chunk_hashes), len(next(iter(self.by_hash.values())))), np.float32)
        for start in range(0, len(chunk_hashes), 100_000):
            part = chunk_hashes[start : start + 100_000]
            base = np.vstack([self.by_hash[h] for h in part])
            noise = self.rng.normal(size=base.shape).astype(np.float32)
            noise *= self.noise / np.sqrt(base.shape[1])
            block = base + noise
            block /= np.linalg.norm(block, axis=1, keepdims=True)
            out[start : start + len(part)] = block
        self.last = out
        return out

    def sentence_vectors(self, chunk_hashes):  # the store joins them from SQLite itself
        raise NotImplementedError


def _source(db_path: Path):
    """The source index's documents with their chunks, and vectors by chunk hash."""
    conn = db.connect(db_path, readonly=True)
    docs = conn.execute("SELECT doc_id, path, title, date, source, url, text FROM documents")
    by_doc: dict[str, list] = {}
    for row in conn.execute(
        'SELECT doc_id, ordinal, start, "end", sentences, chunk_hash FROM chunks ORDER BY chunk_id'
    ):
        by_doc.setdefault(row[0], []).append(row[1:])
    out = []
    for doc_id, path, title, date, source, url, text in docs.fetchall():
        out.append(((path, title, date, source, url, text), by_doc.get(doc_id, [])))
    vecs = {
        h: np.frombuffer(v, dtype=np.float32)
        for h, v in conn.execute("SELECT chunk_hash, vector FROM embeddings")
    }
    manifest = db.get_meta(conn)
    conn.close()
    return out, vecs, manifest


def _copies(source, n_chunks: int) -> Iterator[IndexedDocument]:
    """Documents repeated until they hold `n_chunks` chunks."""
    total, copy = 0, 0
    while total < n_chunks:
        for (path, title, date, src, url, text), chunks in source:
            if total >= n_chunks:
                return
            if not chunks:
                continue
            doc = Document.of(f"copy{copy:03d}/{path}", f"{title} copy{copy}", date, src, url, text)
            parts = [
                Chunk(o, s, e, "", "", tuple(tuple(x) for x in json.loads(sent)))
                for o, s, e, sent, _h in chunks
            ]
            hashes = [h for *_x, h in chunks]
            yield IndexedDocument(doc, f"f{copy}-{path}", f"t{copy}-{path}", parts, hashes)
            total += len(parts)
        copy += 1


def build(source_index: Path, index_dir: Path, n_chunks: int, noise: float, step: int):
    """Write the synthetic store, `step` chunks a commit; returns its chunk vectors in chunk-id
    order, and the seconds each commit took."""
    source, vecs, manifest = _source(source_index / "docbot.sqlite")
    shutil.rmtree(index_dir, ignore_errors=True)
    index_dir.mkdir(parents=True)
    conn = db.connect(index_dir / "docbot.sqlite")
    conn.execute("ATTACH DATABASE ? AS src", (f"file:{source_index / 'docbot.sqlite'}?mode=ro",))
    conn.execute("INSERT INTO embeddings SELECT * FROM src.embeddings")  # sentence vectors
    conn.execute("DETACH DATABASE src")
    conn.close()
    cache = _PerturbedCache(vecs, noise, seed=0)
    store = LocalStore(IndexConfig(index_dir, index_dir))
    # Whole documents: the last one may take the count a few chunks past `n_chunks`.
    out = np.empty((n_chunks + 1000, len(next(iter(vecs.values())))), dtype=np.float32)
    done, batch, times, pending = 0, [], [], 0
    for doc in _copies(source, n_chunks):
        batch.append(doc)
        pending += len(doc.chunks)
        if pending >= step or done + pending >= n_chunks:
            t0 = time.perf_counter()
            store.commit(Changes(upserts=batch, fresh=done == 0), manifest, cache)
            times.append(time.perf_counter() - t0)
            assert cache.last is not None
            out[done : done + len(cache.last)] = cache.last
            done += len(cache.last)
            print(f"committed {done:,} chunks in {times[-1]:.0f} s", file=sys.stderr, flush=True)
            batch, pending = [], 0
    store.close()
    return out[:done], times


def _one_doc(n: int) -> IndexedDocument:
    text = f"Bench release {n}. The delegation met in Vilnius to discuss grain exports."
    doc = Document.of(f"bench/added-{n}.txt", f"Bench release {n}", "2024-01-01", None, None, text)
    return IndexedDocument(
        doc, f"bench{n}", f"bench{n}", [Chunk(0, 0, len(text), text, "", ((0, len(text)),))], []
    )


def add_delete(index_dir: Path, vecs_by_hash: dict[str, np.ndarray], repeat: int):
    """Median seconds to add one document, then to delete it, through the store's commit."""
    store = LocalStore(IndexConfig(index_dir, index_dir))
    manifest = store.manifest()
    some_hash = next(iter(vecs_by_hash))
    cache = _PerturbedCache(vecs_by_hash, 0.5, seed=1)
    adds, deletes = [], []
    for i in range(repeat):
        doc = _one_doc(i)
        doc = IndexedDocument(doc.doc, doc.file_hash, doc.text_hash, doc.chunks, [some_hash])
        t0 = time.perf_counter()
        store.commit(Changes(upserts=[doc]), manifest, cache)
        adds.append(time.perf_counter() - t0)
        t0 = time.perf_counter()
        store.commit(Changes(deletes=[doc.doc.doc_id]), manifest, cache)
        deletes.append(time.perf_counter() - t0)
    store.close()
    return statistics.median(adds), statistics.median(deletes)


def serve(index_dir: Path, queries_path: Path, out_path: Path, release: Path | None = None) -> None:
    """The child process: open the store as `docbot serve` does, answer, report; then, with
    `release`, stay alive (store open) until that file appears, so its memory can be read."""
    from index.storage.local_reader import load_reader
    from index.storage.snapshot import Snapshot
    from index.text.tokens import analyze

    rss0 = _rss_mb()[0]
    t0 = time.perf_counter()
    snap = Snapshot(load_reader(index_dir))
    load_s = time.perf_counter() - t0
    rss_loaded = _rss_mb()[0]
    queries = np.load(queries_path)
    vectors = snap.reader.vectors
    ivf = getattr(vectors, "_ivf", None)
    result: dict = {"load_s": load_s, "rss_start_mb": rss0, "rss_loaded_mb": rss_loaded}
    result["approximate"] = vectors.approximate
    result["nlist"] = int(ivf.nlist) if ivf is not None else 0
    result["default_nprobe"] = int(ivf.nprobe) if ivf is not None else 0
    per_nprobe = {}
    for nprobe in NPROBES if ivf is not None else [0]:
        if ivf is not None:
            ivf.nprobe = nprobe
        times, found = [], []
        for q in queries:
            t = time.perf_counter()
            hits = snap.dense_search(q, 10)
            times.append(time.perf_counter() - t)
            found.append([c for c, _ in hits])
        per_nprobe[str(nprobe)] = {"times": times, "ids": found}
    if ivf is not None:
        ivf.nprobe = result["default_nprobe"]
    result["dense"] = per_nprobe
    # BM25: questions of 3-5 words taken from random chunks' texts; then, as the answer stage
    # does, the sentence vectors of the top 20 candidates.
    rng = np.random.default_rng(3)
    chunk_ids = np.fromiter(snap.chunks, dtype=np.int64)
    lex_times, sent_times = [], []
    for _ in range(QUERIES):
        words = analyze(snap.chunk_text(int(rng.choice(chunk_ids))))
        if not words:
            continue
        terms = list(
            rng.choice(words, size=min(len(words), int(rng.integers(3, 6))), replace=False)
        )
        t = time.perf_counter()
        hits = snap.lexical_search(terms, 20)
        lex_times.append(time.perf_counter() - t)
        t = time.perf_counter()
        for c, _ in hits:
            snap.sentence_vectors(c)
        sent_times.append(time.perf_counter() - t)
    result["lexical_times"] = lex_times
    result["sentence_times"] = sent_times
    result["rss_answering_mb"], result["peak_rss_mb"] = _rss_mb()
    result["pid"] = os.getpid()
    tmp = out_path.with_name(out_path.name + ".tmp")
    tmp.write_text(json.dumps(result))
    tmp.replace(out_path)
    while release is not None and not release.exists():
        time.sleep(0.2)


def _memory_mb(pid: int) -> tuple[float, float]:
    """(Pss, Rss) of a live process in MB. Pss shares each shared page (the memory-mapped
    FAISS and BM25 files) among the processes mapping it, so Pss sums to the real total."""
    pss, rss = _proc_mb(f"/proc/{pid}/smaps_rollup", "Pss", "Rss")
    return pss, rss


def serve_processes(
    index_dir: Path, queries: Path, work: Path, processes: int
) -> tuple[dict, list[tuple[float, float]]]:
    """`processes` serve children at once (the bot's main process and its answer workers each
    open the store): the first one's report, and every child's (Pss, Rss) while all are open."""
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[1])}
    release = work / "serve.release"
    release.unlink(missing_ok=True)
    outs = [work / f"serve-{i}.json" for i in range(processes)]
    for out in outs:
        out.unlink(missing_ok=True)
    cmd = [sys.executable, "-m", "bench.scale_bench", "--serve", str(index_dir), str(queries)]
    children = [subprocess.Popen([*cmd, str(out), str(release)], env=env) for out in outs]
    try:
        while not all(out.exists() for out in outs):
            if any(c.poll() not in (None, 0) for c in children):
                raise SystemExit("a serve child failed")
            time.sleep(0.5)
        reports = [json.loads(out.read_text()) for out in outs]
        memory = [_memory_mb(r["pid"]) for r in reports]
    finally:
        release.touch()
        for c in children:
            c.wait()
    return reports[0], memory


def _embedded_questions(paths: list[Path]) -> np.ndarray:
    """The questions of JSON-lines files, embedded by the default runtime."""
    from index.embed import build_embedder

    lines = [line for p in paths for line in p.read_text(encoding="utf-8").splitlines()]
    questions = [json.loads(line)["question"] for line in lines if line.strip()]
    embedder = build_embedder(IndexConfig(Path("."), Path(".")))
    return np.asarray(embedder.embed_queries(questions), dtype=np.float32)


def _ms(values: list[float], q: float) -> str:
    return f"{np.quantile(np.asarray(values) * 1000, q):.1f} ms"


def _exact_top10(vectors: np.ndarray, queries: np.ndarray, first_id: int) -> list[list[int]]:
    """Exact top 10 ids by inner product (chunk ids are consecutive from `first_id`)."""
    scores = np.zeros((len(queries), 0), dtype=np.float32)
    best_ids = np.zeros((len(queries), 0), dtype=np.int64)
    for start in range(0, len(vectors), 200_000):
        block = vectors[start : start + 200_000] @ queries.T  # (block, q)
        top = np.argpartition(-block, 10, axis=0)[:10].T  # (q, 10)
        scores = np.hstack([scores, np.take_along_axis(block.T, top, axis=1)])
        best_ids = np.hstack([best_ids, top + start])
    order = np.argsort(-scores, axis=1)[:, :10]
    return (np.take_along_axis(best_ids, order, axis=1) + first_id).tolist()


def _stored_vectors(index_dir: Path) -> np.ndarray:
    """The vectors of the store's newest FAISS file, in chunk-id order (ids consecutive)."""
    from index.storage.faiss_index import VectorIndex

    newest = sorted(index_dir.glob("vectors-*.faiss"))[-1]
    ids, vecs = VectorIndex.load(newest).all()
    order = np.argsort(ids)
    assert ids[order[-1]] - ids[order[0]] + 1 == len(ids), "chunk ids are not consecutive"
    return vecs[order]


def _flat_times(vectors: np.ndarray, queries: np.ndarray) -> list[float]:
    from index.storage.faiss_index import VectorIndex

    flat = VectorIndex.build(
        vectors.shape[1], np.arange(len(vectors)), vectors, flat_up_to=len(vectors)
    )
    times = []
    for q in queries[:50]:
        t = time.perf_counter()
        flat.search(q, 10)
        times.append(time.perf_counter() - t)
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--source-index", type=Path, required=True)
    parser.add_argument("--chunks", type=int, default=1_000_000)
    parser.add_argument("--work", type=Path, default=Path("/tmp/docbot-scale"))
    parser.add_argument("--noise", type=float, default=0.5, help="norm of each copy's noise")
    parser.add_argument("--repeat", type=int, default=3, help="add/delete repetitions")
    parser.add_argument("--reuse", action="store_true", help="keep a store built before")
    parser.add_argument("--step", type=int, default=100_000, help="chunks added per commit")
    parser.add_argument(
        "--serve-processes",
        type=int,
        default=3,
        help="processes that open the store at once: `docbot serve`'s main process and its "
        "answer workers (one per core; 2 here)",
    )
    parser.add_argument(
        "--questions",
        type=Path,
        nargs="*",
        default=[],
        help="JSON-lines files of real questions ({'question': ...}); embedded with the "
        "default runtime and searched as well, for their recall@10",
    )
    args = parser.parse_args()

    index_dir = args.work / "index"
    t0 = time.perf_counter()
    vec_file = args.work / "vectors.npy"
    commits: list[float] = []
    if args.reuse and vec_file.exists():
        vectors = np.load(vec_file, mmap_mode="r")
    elif args.reuse:
        vectors = _stored_vectors(index_dir)
    else:
        args.work.mkdir(parents=True, exist_ok=True)
        vectors, commits = build(args.source_index, index_dir, args.chunks, args.noise, args.step)
        np.save(vec_file, vectors)
    build_s = time.perf_counter() - t0
    n = len(vectors)

    # Questions: chunk vectors perturbed more strongly than the copies (cosine ~0.8).
    rng = np.random.default_rng(2)
    picks = vectors[rng.choice(n, QUERIES, replace=False)]
    queries = picks + rng.normal(size=picks.shape).astype(np.float32) * (
        0.7 / np.sqrt(picks.shape[1])
    )
    queries = (queries / np.linalg.norm(queries, axis=1, keepdims=True)).astype(np.float32)
    n_synthetic = len(queries)
    if args.questions:
        # Real questions land between chunks, not on one chunk's copies: a harder test of the
        # approximate index's recall than the perturbed chunk vectors.
        queries = np.vstack([queries, _embedded_questions(args.questions)])
    np.save(args.work / "queries.npy", queries)
    conn = sqlite3.connect(index_dir / "docbot.sqlite")
    first_id = int(conn.execute("SELECT MIN(chunk_id) FROM chunks").fetchone()[0])
    conn.close()
    truth = _exact_top10(np.asarray(vectors), queries, first_id)
    flat = _flat_times(np.asarray(vectors), queries)

    served, memory = serve_processes(
        index_dir, args.work / "queries.npy", args.work, args.serve_processes
    )
    _, vecs_by_hash, _ = _source(args.source_index / "docbot.sqlite")
    add_s, delete_s = add_delete(index_dir, vecs_by_hash, args.repeat)

    rows = [
        (
            f"chunks / build, {args.step:,} chunks a commit",
            f"{n:,} / {build_s:.0f} s" + (f", last commit {commits[-1]:.0f} s" if commits else ""),
            "",
        ),
        ("dense index", f"IVF, {served['nlist']} lists" if served["approximate"] else "flat", ""),
        (
            "exact (flat) search p50 / p95, same vectors",
            f"{_ms(flat, 0.5)} / {_ms(flat, 0.95)}",
            "baseline",
        ),
    ]
    for nprobe, res in served["dense"].items():
        hits = [len(set(a) & set(b)) / 10 for a, b in zip(res["ids"], truth, strict=True)]
        recall = f"{np.mean(hits[:n_synthetic]):.3f}"
        if len(hits) > n_synthetic:
            recall += f" / {np.mean(hits[n_synthetic:]):.3f}"
        mark = " (default)" if int(nprobe) == served["default_nprobe"] else ""
        rows.append(
            (
                f"dense p50 / p95, recall@10 (synthetic{' / real' if args.questions else ''}),"
                f" nprobe {nprobe}{mark}",
                f"{_ms(res['times'], 0.5)} / {_ms(res['times'], 0.95)}, {recall}",
                "<= 10 ms, >= 0.95",
            )
        )
    rows += [
        (
            "BM25 search p50 / p95 (3-5 terms, top 20)",
            f"{_ms(served['lexical_times'], 0.5)} / {_ms(served['lexical_times'], 0.95)}",
            "",
        ),
        ("sentence vectors of 20 candidates p50", _ms(served["sentence_times"], 0.5), ""),
        ("open the store (serve start)", f"{served['load_s']:.1f} s", ""),
        (
            f"serve memory, {args.serve_processes} processes with the store open: total Pss"
            " / each one's Rss",
            f"{sum(p for p, _ in memory):,.0f} MB / "
            + ", ".join(f"{r:,.0f}" for _, r in memory)
            + " MB",
            "<= 4 GB",
        ),
        (
            "one process's resident memory: start / opened / answering / peak",
            " / ".join(
                f"{served[k]:.0f}"
                for k in ("rss_start_mb", "rss_loaded_mb", "rss_answering_mb", "peak_rss_mb")
            )
            + " MB",
            "",
        ),
        ("add one document (commit), median", f"{add_s:.2f} s", ""),
        ("delete one document (commit), median", f"{delete_s:.2f} s", ""),
    ]
    print_table(f"scale bench: {n:,} synthetic chunks", rows)


if __name__ == "__main__":
    if len(sys.argv) in (5, 6) and sys.argv[1] == "--serve":
        serve(*(Path(a) for a in sys.argv[2:]))
    else:
        main()
