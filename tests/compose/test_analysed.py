"""The per-snapshot analysis tables: cached values equal the uncached analysis, a new generation
starts afresh (a changed or deleted document's analysis never outlives it), tables stay bounded,
and answers are the same from cold and from warm tables."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import ROOT, SHARED_DATA

from index.compose import analysed as an
from index.compose.answer import analyse, answer_question
from index.compose.continuation import never_answers
from index.lru import Lru
from index.text.abbreviations import defined_abbreviations, name_initials, with_abbreviations
from index.text.entities import find_entities
from index.text.tokens import analyze, term_set

STATEDEPT = SHARED_DATA / "statedept" / "text"


def _seed_questions() -> list[str]:
    path = ROOT / "tests" / "questions" / "seed.jsonl"
    return [json.loads(line)["question"] for line in path.read_text().splitlines() if line]


@pytest.mark.parametrize(
    "text",
    [
        "",
        "The Secretary's meeting with the Minister; the ministers met.",
        "Café naïve résumé — 東京 «Seoul» talks.  ΣΟΦΟΣ and οδός: Tabs\tand\nnew lines. A I 42 x1",
        "meeting meetings met meet MEETING and the of to a an",
    ],
)
def test_term_set_is_the_set_of_analyze(text: str) -> None:
    assert term_set(text) == frozenset(analyze(text))
    assert term_set(text) == frozenset(analyze(text))  # again, from the stem table


def test_term_set_on_real_releases() -> None:
    if not STATEDEPT.is_dir():
        pytest.skip("shared State Department data not present")
    for path in sorted(STATEDEPT.rglob("*.txt"))[:150]:
        text = path.read_text(encoding="utf-8")
        assert term_set(text) == frozenset(analyze(text)), path.name


def test_cached_values_equal_the_uncached_analysis(seed_kb) -> None:
    snap = seed_kb.snapshot()
    tables = an.Analysed(snap)
    for chunk_id in snap.chunks:
        rec = snap.chunks[chunk_id]
        text = snap.text(rec.doc_id)
        title = snap.docs[rec.doc_id].title
        defined = defined_abbreviations(text)  # with the abbreviations the document defines
        want = [
            (
                s,
                e,
                text[s:e],
                None
                if never_answers(text[s:e])
                else with_abbreviations(text[s:e], frozenset(analyze(text[s:e])), defined),
            )
            for s, e in rec.sentences
        ]
        chunk = snap.chunk_text(chunk_id)
        for _ in range(2):  # made, then read back
            assert [tuple(x) for x in tables.sentences(chunk_id, never_answers)] == want
            assert tables.chunk_terms(chunk_id) == with_abbreviations(
                chunk, frozenset(analyze(title + "\n" + chunk)), defined
            )
            assert tables.doc_terms(rec.doc_id) == set(analyze(title + "\n" + text))
            assert tables.title_terms(rec.doc_id) == set(analyze(title)) | name_initials(title)
            ref = snap.published(rec.doc_id)
            for s, e in rec.sentences[:4]:
                assert list(tables.entities(text[s:e], ref)) == find_entities(text[s:e], ref)


def test_answers_are_the_same_from_cold_and_warm_tables(seed_kb) -> None:
    snap = seed_kb.snapshot()
    questions = _seed_questions()
    an._TABLES.pop(snap, None)
    cold = [answer_question(snap, seed_kb.embedder, q) for q in questions]
    assert an.analysed(snap).sizes()["sentences"] > 0
    warm = [answer_question(snap, seed_kb.embedder, q) for q in questions]
    for a, b in zip(cold, warm, strict=True):
        assert (a.kind, a.text, a.citations, a.highlights, a.suggestions) == (
            b.kind,
            b.text,
            b.citations,
            b.highlights,
            b.suggestions,
        )
    for q in questions[:5]:
        x, y = analyse(snap, seed_kb.embedder, q), analyse(snap, seed_kb.embedder, q)
        assert x.features == y.features and x.sentences == y.sentences


def test_a_changed_or_deleted_document_is_analysed_afresh(make_kb) -> None:
    kb = make_kb(
        {
            "a.txt": "Title: Port call\n\nThe frigate Aldra visited Veltmar harbour on Monday.",
            "b.txt": "Title: Grain talks\n\nMinisters discussed grain exports in Vilnius.",
        }
    )
    kb.sync()
    old = kb.snapshot()
    doc_a = next(d for d, info in old.docs.items() if info.ref.path == "a.txt")
    doc_b = next(d for d, info in old.docs.items() if info.ref.path == "b.txt")
    chunk_a = old.chunks_of(doc_a)[0]
    before = an.analysed(old).doc_terms(doc_a)
    assert "frigat" in before and "aldra" in before
    sentences_before = an.analysed(old).sentences(chunk_a, never_answers)

    corpus = Path(kb.config.corpus)
    (corpus / "a.txt").write_text(
        "Title: Port call\n\nThe cruiser Borsk left Veltmar harbour on Friday.", encoding="utf-8"
    )
    (corpus / "b.txt").unlink()
    kb.sync()
    new = kb.snapshot()
    assert new is not old and an.analysed(new) is not an.analysed(old)
    after = an.analysed(new).doc_terms(doc_a)
    assert "cruiser" in after and "frigat" not in after
    new_chunk = new.chunks_of(doc_a)[0]
    texts = [s.text for s in an.analysed(new).sentences(new_chunk, never_answers)]
    assert any("Borsk" in t for t in texts) and not any("Aldra" in t for t in texts)
    # The old snapshot's tables still describe the old generation (readers may hold it).
    assert an.analysed(old).doc_terms(doc_a) == before
    assert an.analysed(old).sentences(chunk_a, never_answers) == sentences_before
    # The deleted document is not in the new generation, and nothing of it is served.
    assert doc_b not in new.docs
    with pytest.raises(KeyError):
        an.analysed(new).doc_terms(doc_b)


def test_tables_are_bounded_and_least_recently_used_go_first() -> None:
    made: list[int] = []

    def maker(i: int):
        def make() -> int:
            made.append(i)
            return i * 10

        return make

    lru: Lru[int] = Lru(3)
    for i in range(3):
        assert lru.get(i, maker(i)) == i * 10
    assert lru.get(0, maker(0)) == 0  # a hit: 0 is now the most recently used
    lru.get(3, maker(3))  # evicts 1, the least recently used
    assert len(lru) == 3
    lru.get(1, maker(1))  # made again, evicting 2
    lru.get(0, maker(0))  # still kept
    assert made == [0, 1, 2, 3, 1]


def test_tables_go_with_their_snapshot(seed_kb) -> None:
    import gc
    import weakref

    from index.storage.snapshot import Snapshot

    gc.collect()  # snapshots other tests dropped go now, not in the count below
    snap = Snapshot(seed_kb.store.open_reader())
    an.analysed(snap).doc_terms(next(iter(snap.docs)))
    assert snap in an._TABLES
    held = len(an._TABLES)
    gone = weakref.ref(snap)
    snap.close()
    del snap
    gc.collect()
    assert gone() is None  # the tables hold their snapshot weakly: it was freed
    assert len(an._TABLES) == held - 1


def test_document_sentences_are_read_once_and_equal_a_fresh_reading(seed_kb) -> None:
    from index.compose import itinerary

    snap = seed_kb.snapshot()
    for doc_id in snap.docs:
        fresh = list(itinerary._read(snap, doc_id))
        first = itinerary.doc_sentences(snap, doc_id)
        assert first == fresh and first
        first.clear()  # a caller's list is its own
        assert itinerary.doc_sentences(snap, doc_id) == fresh
    assert an.analysed(snap).sizes()["per_document"] >= len(snap.docs)


def test_sentence_vectors_are_read_once_per_snapshot_and_equal_the_store(seed_kb) -> None:
    import numpy as np

    from index.storage.snapshot import Snapshot

    snap = Snapshot(seed_kb.store.open_reader())
    try:
        for chunk_id in snap.chunks:
            first = snap.sentence_vectors(chunk_id)
            assert np.array_equal(first, snap.reader.sentence_vectors(chunk_id))
            assert snap.sentence_vectors(chunk_id) is first  # kept
            with pytest.raises(ValueError):
                first[0, 0] = 1.0  # shared by later questions: read-only
    finally:
        snap.close()


def test_a_new_generation_reads_its_own_sentence_vectors(make_kb) -> None:
    import numpy as np

    kb = make_kb({"a.txt": "Title: Port call\n\nThe frigate Aldra visited Veltmar on Monday."})
    kb.sync()
    old = kb.snapshot()
    old_vecs = {c: old.sentence_vectors(c) for c in old.chunks}
    (Path(kb.config.corpus) / "a.txt").write_text(
        "Title: Port call\n\nGrain ministers met in Vilnius. They agreed on exports.",
        encoding="utf-8",
    )
    kb.sync()
    new = kb.snapshot()
    for c in new.chunks:
        vecs = new.sentence_vectors(c)
        assert np.array_equal(vecs, new.reader.sentence_vectors(c))
        assert all(vecs is not v for v in old_vecs.values())
    changed = [new.sentence_vectors(c) for c in new.chunks]
    assert changed and all(
        v.shape != o.shape or not np.array_equal(v, o) for v in changed for o in old_vecs.values()
    )
