"""The local store updates BM25 and FAISS per document and still answers as a full rebuild."""

from __future__ import annotations

import json

import numpy as np

from index.config import IndexConfig
from index.kb import KnowledgeBase
from index.storage import bm25 as bm25_mod
from index.storage import faiss_index
from index.storage.local_reader import verify
from index.storage.snapshot import Snapshot
from index.text.tokens import analyze

TOPICS = ["grain exports", "maritime security", "vaccine deliveries", "energy pipelines"]
# Accents and an emoji: a rebuild slices chunk texts in SQL, an update in Python; both count
# characters alike.
PLACES = [
    "Lisbon",
    "Nairobi",
    "São Tomé",
    "Quito",
    "Hanoi",
    "Zürich 🌍",
    "Accra",
    "Tbilisi",
    "Manila",
]
QUESTIONS = ["grain exports from Odesa", "maritime security in Manila", "vaccines", "Quito energy"]


def _doc(i: int, variant: str = "") -> str:
    place, topic = PLACES[i % len(PLACES)], TOPICS[i % len(TOPICS)]
    paragraphs = [
        f"Delegation {i}{variant} arrived in {place}. Officials discussed {topic} and "
        f"{TOPICS[(i + k) % len(TOPICS)]} with partners from {PLACES[(i + k) % len(PLACES)]}."
        for k in range(4)
    ]
    return f"Report {i}{variant} from {place}\n\n" + "\n\n".join(paragraphs)


def _lexical(snap: Snapshot, question: str) -> list[tuple[str, int, float]]:
    """Every BM25 hit as (score, document, chunk ordinal), comparable across chunk ids (a
    rebuild numbers chunks in another order, so equal scores may be listed in another order)."""
    hits = snap.lexical_search(analyze(question), 1000)
    return sorted(
        (round(s, 5), snap.docs[snap.chunks[c].doc_id].path, snap.chunks[c].ordinal)
        for c, s in hits
    )


def test_adds_changes_and_deletes_answer_as_a_rebuild(make_kb, embedder, monkeypatch) -> None:
    monkeypatch.setattr(bm25_mod, "MIN_DELTA", 6)  # a merge happens along the way, too
    kb = make_kb({f"r{i:02d}.txt": _doc(i) for i in range(12)})
    kb.sync()
    for step in range(3):
        (kb.corpus / f"new{step}.txt").write_text(_doc(20 + step))  # an add
        (kb.corpus / f"r{step:02d}.txt").write_text(_doc(step, "b"))  # a change
        (kb.corpus / f"r{11 - step:02d}.txt").unlink()  # a delete
        kb.sync()
        snap = kb.snapshot()
        assert verify(snap) == []
        fresh_dir = kb.index_dir.parent / f"rebuilt{step}"
        rebuilt = KnowledgeBase(IndexConfig(kb.corpus, fresh_dir), embedder=embedder)
        rebuilt.sync()
        again = rebuilt.snapshot()
        for question in QUESTIONS:
            assert _lexical(snap, question) == _lexical(again, question), question
        assert snap.max_idf() == again.max_idf()
        for term in {t for q in QUESTIONS for t in analyze(q)}:
            assert snap.idf(term) == again.idf(term), term


def test_adding_one_document_keeps_the_base_and_writes_a_small_delta(make_kb) -> None:
    kb = make_kb({f"r{i:02d}.txt": _doc(i) for i in range(10)})
    kb.sync()
    bases = sorted(p.name for p in kb.index_dir.glob("bm25base-*"))
    assert len(bases) == 1
    (kb.corpus / "extra.txt").write_text(_doc(40))
    kb.sync()
    gen = kb.store.committed_generation()
    folder = kb.index_dir / f"bm25-{gen:06d}"
    assert json.loads((folder / "ok.json").read_text())["base"] == bases[0]  # shared, not copied
    added = kb.snapshot().chunks_of(
        next(d for d, s in kb.snapshot().docs.items() if s.path == "extra.txt")
    )
    assert np.load(folder / "delta" / "ids.npy").tolist() == added
    (kb.corpus / "r03.txt").unlink()
    kb.sync()
    gen = kb.store.committed_generation()
    assert len(np.load(kb.index_dir / f"bm25-{gen:06d}" / "dead.npy")) > 0  # a tombstone
    assert sorted(p.name for p in kb.index_dir.glob("bm25base-*")) == bases
    assert verify(kb.snapshot()) == []


def test_a_large_store_switches_to_ivf_and_still_finds_every_document(make_kb, monkeypatch):
    monkeypatch.setattr(faiss_index, "FLAT_UP_TO", 8)  # a few documents are "large"
    kb = make_kb({f"r{i:02d}.txt": _doc(i) for i in range(4)})
    kb.sync()
    assert not kb.snapshot().reader.vectors.approximate
    for i in range(4, 16):
        (kb.corpus / f"r{i:02d}.txt").write_text(_doc(i))
    kb.sync()
    snap = kb.snapshot()
    assert snap.reader.vectors.approximate and verify(snap) == []
    for doc_id, info in snap.docs.items():
        first = snap.chunks_of(doc_id)[0]
        qvec = kb.embedder.embed_queries([snap.chunk_text(first)])[0]
        assert first in [c for c, _ in snap.dense_search(qvec, 3)], info.path
    (kb.corpus / "r05.txt").unlink()
    kb.sync()
    snap = kb.snapshot()
    assert verify(snap) == [] and "r05.txt" not in {d.path for d in snap.docs.values()}


def test_a_reader_reads_its_own_generations_texts_after_a_change(make_kb) -> None:
    """Texts are read from the database when asked for, in the reader's own transaction."""
    kb = make_kb({"r00.txt": _doc(0), "r01.txt": _doc(1)})
    kb.sync()
    before = kb.snapshot()
    doc_id = next(d for d, s in before.docs.items() if s.path == "r00.txt")
    old_text = kb.snapshot().text(doc_id)
    (kb.corpus / "r00.txt").write_text(_doc(0, "changed"))
    (kb.corpus / "r01.txt").unlink()
    kb.sync()
    after = kb.snapshot()
    assert after.generation == before.generation + 1
    assert "changed" in after.text(doc_id) and "changed" not in before.text(doc_id)
    assert before.text(doc_id) == old_text
    gone = next(d for d, s in before.docs.items() if s.path == "r01.txt")
    assert "Delegation 1 " in before.chunk_text(before.chunks_of(gone)[0])
    assert verify(before) == [] and verify(after) == []
