"""The milvus store against the local one on the same documents, and its safe writes.

Same documents in, same numbers out: BM25 scores, idf, spelling repair, sentence vectors,
texts, and in the end the same answers to the seed questions. Then what a killed run and a
rebuild leave behind. Everything runs on embedded milvus-lite, the real engine.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import numpy as np
import pytest

from index.config import IndexConfig
from index.evaluation.datasets import load_dev_questions
from index.kb import KnowledgeBase
from index.text.tokens import analyze

pytest.importorskip("pymilvus", reason="the milvus extra is not installed")
pytest.importorskip("milvus_lite", reason="the milvus extra is not installed")

from index.storage.milvus import MilvusStore  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]
QUESTIONS = ROOT / "tests" / "questions"
STATEDEPT = ROOT.parent / "shared" / "data" / "statedept" / "text"


def _pair(base: Path, corpus: Path, embedder) -> tuple[KnowledgeBase, KnowledgeBase]:
    """The same corpus indexed into the local store and into embedded milvus-lite."""
    kbs = []
    for store in ("faiss", "milvus"):
        config = IndexConfig(corpus, base / store, store=store)
        kb = KnowledgeBase(config, embedder=embedder)
        kb.sync()
        kbs.append(kb)
    return kbs[0], kbs[1]


@pytest.fixture(scope="module")
def seed_pair(tmp_path_factory, embedder):
    from conftest import copy_seed_corpus

    base = tmp_path_factory.mktemp("pair")
    return _pair(base, copy_seed_corpus(base / "corpus"), embedder)


def test_both_stores_hold_the_same_chunks_texts_and_vocabulary(seed_pair) -> None:
    local, milvus = (kb.snapshot() for kb in seed_pair)
    assert milvus.chunks == local.chunks
    assert milvus.docs == local.docs
    for doc_id in local.docs:
        assert milvus.text(doc_id) == local.text(doc_id)
    for term in ["blinken", "seoul", "allianc", "kishida", "nosuchterm"]:
        assert milvus.has_term(term) == local.has_term(term)
        assert milvus.idf(term) == pytest.approx(local.idf(term))
    assert milvus.max_idf() == pytest.approx(local.max_idf())
    for typo in ["blinkin", "seul", "kishdia", "tokyoo"]:
        assert milvus.correct(typo) == local.correct(typo)
    for chunk_id in local.chunks:
        np.testing.assert_allclose(
            milvus.sentence_vectors(chunk_id), local.sentence_vectors(chunk_id), atol=1e-6
        )


def test_both_stores_score_bm25_and_vectors_alike(seed_pair) -> None:
    local, milvus = (kb.snapshot() for kb in seed_pair)
    ids = sorted(local.chunks)
    for question in ["Who did Blinken meet in Seoul?", "alliance security talks Tokyo"]:
        terms = analyze(question)
        assert milvus.lexical_scores(terms, ids) == pytest.approx(local.lexical_scores(terms, ids))
        ours, theirs = milvus.lexical_search(terms, 5), local.lexical_search(terms, 5)
        assert [c for c, _ in ours] == [c for c, _ in theirs]
        assert [s for _, s in ours] == pytest.approx([s for _, s in theirs])
        qvec = seed_pair[0].embedder.embed_queries([question])[0]
        ours, theirs = milvus.dense_search(qvec, 5), local.dense_search(qvec, 5)
        assert [c for c, _ in ours] == [c for c, _ in theirs]
        assert [s for _, s in ours] == pytest.approx([s for _, s in theirs], abs=1e-5)


def _replies(kb: KnowledgeBase, questions: list[str]) -> list[tuple[str, list]]:
    return [
        (r.text, [(c.doc_id, c.start, c.end) for c in r.citations]) for r in map(kb.ask, questions)
    ]


def test_the_seed_questions_get_identical_answers(seed_pair) -> None:
    questions = [q.question for q in load_dev_questions(QUESTIONS / "seed.jsonl")]
    local, milvus = seed_pair
    assert _replies(milvus, questions) == _replies(local, questions)
    assert (
        milvus.summarize("Blinken's trip to Japan").text
        == local.summarize("Blinken's trip to Japan").text
    )


def test_state_department_questions_get_identical_answers(tmp_path, embedder) -> None:
    """A year of real releases, where the time filter and many near-duplicates matter."""
    if not STATEDEPT.is_dir():
        pytest.skip("../shared/data/statedept is not available")
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for f in sorted(STATEDEPT.glob("2021-0[67]/*.txt"))[:40]:
        shutil.copy(f, corpus / f.name)
    local, milvus = _pair(tmp_path, corpus, embedder)
    questions = [q.question for q in load_dev_questions(QUESTIONS / "statedept.jsonl")]
    assert _replies(milvus, questions) == _replies(local, questions)


def _milvus_kb(make_kb, docs: dict[str, str]) -> KnowledgeBase:
    kb = make_kb(docs)
    kb.config = IndexConfig(kb.corpus, kb.index_dir, store="milvus")
    kb.store = MilvusStore(kb.config)
    return kb


DOCS = {
    "a.txt": "Title: Talks in Seoul\nPublished: 2021-03-16\n\nThe ministers met in Seoul.",
    "b.txt": "Title: Talks in Tokyo\nPublished: 2023-11-08\n\nThe ministers met in Tokyo.",
}


def test_a_run_killed_before_publishing_leaves_the_previous_generation(
    make_kb, monkeypatch
) -> None:
    kb = _milvus_kb(make_kb, DOCS)
    kb.sync()
    before = kb.snapshot()
    (kb.corpus / "b.txt").write_text("Title: Talks in Osaka\n\nThe ministers met in Osaka.")
    (kb.corpus / "c.txt").write_text("Title: Talks in Manila\n\nThe ministers met in Manila.")

    def killed(self, target, gen):
        raise KeyboardInterrupt("killed before publishing")

    monkeypatch.setattr(MilvusStore, "_publish", killed)
    with pytest.raises(KeyboardInterrupt):
        kb.sync()
    monkeypatch.undo()
    # Another process opening the store now sees the previous generation, whole.
    other = KnowledgeBase(kb.config, embedder=kb.embedder)
    snap = other.snapshot()
    assert snap.generation == before.generation
    assert snap.docs == before.docs and snap.chunks == before.chunks
    hits = snap.lexical_search(analyze("Tokyo"), 5)
    assert {snap.docs[snap.chunks[c].doc_id].path for c, _ in hits} == {"b.txt"}
    # The next run completes the change, and leaves no row of the killed run behind.
    report = kb.sync()
    assert (report.added, report.updated) == (1, 1)
    snap = KnowledgeBase(kb.config, embedder=kb.embedder).snapshot()
    assert sorted(d.path for d in snap.docs.values()) == ["a.txt", "b.txt", "c.txt"]
    assert "Osaka" in snap.text(next(d for d, i in snap.docs.items() if i.path == "b.txt"))
    eng = kb.store.engine
    live = eng.live_set()
    rows = eng.query(live, "chunk_id >= 0", ["chunk_id", "added", "removed"])
    assert sorted(r["chunk_id"] for r in rows if r["removed"] == 0) == sorted(snap.chunks)


def test_a_rebuild_fills_a_new_set_and_switches_the_alias(make_kb) -> None:
    kb = _milvus_kb(make_kb, DOCS)
    kb.sync()
    before = kb.snapshot()
    first = kb.store.engine.live_set()
    kb.sync(rebuild=True)
    after = kb.snapshot()
    second = kb.store.engine.live_set()
    assert second != first and after.generation == before.generation + 1
    assert sorted(after.docs) == sorted(before.docs)
    # The old set stays for readers that still hold it; the one before that goes.
    qvec = kb.embedder.embed_queries(["ministers in Seoul"])[0]
    assert before.dense_search(qvec, 1)
    kb.sync(rebuild=True)
    assert first not in kb.store.engine.sets() and second in kb.store.engine.sets()


def test_removed_documents_leave_milvus_two_generations_later(make_kb) -> None:
    kb = _milvus_kb(make_kb, DOCS)
    kb.sync()
    (kb.corpus / "a.txt").unlink()
    kb.sync()
    eng = kb.store.engine
    live = eng.live_set()
    # Still there for readers of the generation before...
    assert eng.query(live + "_docs", 'path == "a.txt"', ["removed"])
    (kb.corpus / "d.txt").write_text("Title: Talks in Hanoi\n\nThe ministers met in Hanoi.")
    kb.sync()
    # ...and gone, with its texts and sentence vectors, once no reader can hold it.
    assert eng.query(live + "_docs", 'path == "a.txt"', ["removed"]) == []
    n_sents = len(eng.query(live + "_sents", "chunk_id >= 0", ["id"]))
    snap = kb.snapshot()
    assert n_sents == sum(len(r.sentences) for r in snap.chunks.values())


def test_after_incremental_runs_the_vocabulary_still_matches_the_local_store(
    tmp_path, embedder
) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for name, text in DOCS.items():
        (corpus / name).write_text(text)
    local, milvus = _pair(tmp_path, corpus, embedder)
    (corpus / "a.txt").unlink()
    (corpus / "b.txt").write_text("Title: Talks in Osaka\n\nThe ministers met in Osaka twice.")
    (corpus / "c.txt").write_text("Title: Budget\n\nThe ministers agreed on the budget in Osaka.")
    for kb in (local, milvus):
        kb.sync()
    ours, theirs = milvus.snapshot(), local.snapshot()
    vocab = ours.reader.vocab
    their_terms = theirs.reader.lexical.terms()
    assert set(vocab.df) == their_terms
    for term in vocab.df:
        assert vocab.doc_freq(term) == theirs.reader.lexical.doc_freq(term)
    assert ours.max_idf() == pytest.approx(theirs.max_idf())
    terms = analyze("ministers met in Osaka budget Seoul")
    # Chunk ids differ after replacements; chunks are compared by document and position.
    by_path = {
        snap.docs[r.doc_id].path + f"#{r.ordinal}": s
        for snap in (ours,)
        for r, s in zip(
            snap.chunks.values(), snap.lexical_scores(terms, list(snap.chunks)), strict=True
        )
    }
    expected = {
        theirs.docs[r.doc_id].path + f"#{r.ordinal}": s
        for r, s in zip(
            theirs.chunks.values(), theirs.lexical_scores(terms, list(theirs.chunks)), strict=True
        )
    }
    assert by_path == pytest.approx(expected)


def test_a_released_set_is_loaded_again_when_opened(make_kb) -> None:
    """A milvus-lite file opened by a new process, or a restarted server, starts released."""
    kb = _milvus_kb(make_kb, DOCS)
    kb.sync()
    eng = kb.store.engine
    live = eng.live_set()
    for suffix in ("", "_docs", "_texts", "_sents", "_meta"):
        eng.client.release_collection(collection_name=live + suffix)
    reopened = KnowledgeBase(kb.config, embedder=kb.embedder)
    assert sorted(d.path for d in reopened.snapshot().docs.values()) == sorted(DOCS)
    assert reopened.sync().generation == 1  # the indexer reads it too
