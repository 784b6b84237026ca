"""BM25 updated in place ranks exactly as BM25 rebuilt over the same live chunks."""

from __future__ import annotations

import random

import bm25s
import numpy as np
import pytest

from index.storage import bm25 as bm25_mod
from index.storage.bm25 import LexicalIndex
from index.text.tokens import analyze

WORDS = (
    "minister embassy alliance trade energy health security talks summit visit treaty "
    "sanctions delegation border maritime climate refugees vaccine grain pipeline election "
    "ceasefire humanitarian aid nuclear export tariff investment"
).split()
PLACES = "Seoul Tokyo Nairobi Lisbon Quito Hanoi Kyiv Manila Accra Tbilisi Lima Oslo".split()
QUERIES = [
    "alliance talks in Seoul",
    "grain exports",
    "humanitarian aid ceasefire Kyiv",
    "nuclear nuclear treaty",  # a repeated term counts twice, as bm25s counted it
    "maritime security Manila",
    "vaccine",
    "unknownword",
]


def _text(rng: random.Random) -> str:
    words = [rng.choice(WORDS) for _ in range(rng.randint(3, 30))]
    words.insert(rng.randrange(len(words) + 1), rng.choice(PLACES))
    return " ".join(words) + "."


def _same(a: LexicalIndex, b: LexicalIndex) -> None:
    """Every answer the two give is the same, scores to float precision."""
    assert len(a) == len(b)
    assert sorted(a.ids().tolist()) == sorted(b.ids().tolist())
    live = sorted(a.ids().tolist())
    for q in QUERIES:
        terms = analyze(q)
        ra, rb = a.search_terms(terms, 10), b.search_terms(terms, 10)
        assert [c for c, _ in ra] == [c for c, _ in rb], q
        assert np.allclose([s for _, s in ra], [s for _, s in rb], rtol=1e-6), q
        assert np.allclose(a.scores(terms, live), b.scores(terms, live), rtol=1e-6), q
    for term in {t for w in WORDS + PLACES for t in analyze(w)} | {"zzzz"}:
        assert a.doc_freq(term) == b.doc_freq(term), term
        assert a.has_term(term) == b.has_term(term), term
        assert a.idf(term) == pytest.approx(b.idf(term)), term
    assert a.max_idf() == pytest.approx(b.max_idf())
    for typo in ["embasy", "aliance", "nairobbi", "sanctoins", "kyivv"]:
        assert a.correct(typo) == b.correct(typo), typo


def test_scores_are_bm25s_lucene_scores() -> None:
    """The same numbers bm25s gave before it was replaced: rankings don't move."""
    rng = random.Random(1)
    texts = [_text(rng) for _ in range(300)]
    ours = LexicalIndex.build(list(range(300)), texts)
    theirs = bm25s.BM25()
    theirs.index([analyze(t) for t in texts], show_progress=False)
    for q in QUERIES[:-1]:
        terms = analyze(q)
        expected = theirs.get_scores([t for t in terms if t in theirs.vocab_dict])
        assert np.allclose(ours.scores(terms, list(range(300))), expected, rtol=1e-5, atol=1e-6)


@pytest.mark.parametrize("min_delta", [4, 10_000])  # merged into the base often / never
def test_adds_changes_and_deletes_rank_as_a_rebuild(tmp_path, monkeypatch, min_delta) -> None:
    monkeypatch.setattr(bm25_mod, "MIN_DELTA", min_delta)
    rng = random.Random(7)
    live: dict[int, str] = {}
    next_id = 0

    def new(n: int) -> tuple[list[int], list[str]]:
        nonlocal next_id
        ids = list(range(next_id, next_id + n))
        next_id += n
        texts = [_text(rng) for _ in ids]
        live.update(zip(ids, texts, strict=True))
        return ids, texts

    ids, texts = new(40)
    index = LexicalIndex.build(ids, texts)
    for step in range(30):
        gone = rng.sample(sorted(live), k=min(len(live), rng.randint(0, 4)))
        for c in gone:
            del live[c]
        ids, texts = new(rng.randint(0, 5))  # a change is a delete plus an add
        index = index.updated(gone, ids, texts)
        if step % 5 == 0:  # through the files too, as the next generation reads it
            folder = tmp_path / f"bm25-{step:06d}"
            index.save(folder)
            index = LexicalIndex.load(folder)
        rebuilt = LexicalIndex.build(sorted(live), [live[c] for c in sorted(live)])
        _same(index, rebuilt)


def test_a_term_whose_chunks_are_all_deleted_is_no_longer_known() -> None:
    index = LexicalIndex.build([1, 2], ["Talks in Quito on grain.", "Energy talks in Oslo."])
    after = index.updated([1], [3], ["Energy summit in Lima."])
    assert not after.has_term("quito") and after.doc_freq("quito") == 0
    assert after.search_terms(["quito"], 5) == []
    assert after.correct("quitoo") is None  # no longer suggested
    assert after.doc_freq("energi") == 2
    assert [c for c, _ in after.search_terms(["talk"], 5)] == [2]


def test_an_empty_index_answers_nothing(tmp_path) -> None:
    index = LexicalIndex.build([], [])
    assert len(index) == 0 and index.search("talks", 5) == [] and index.max_idf() == 0.0
    index.save(tmp_path / "bm25-000001")
    loaded = LexicalIndex.load(tmp_path / "bm25-000001").updated([], [5], ["Talks in Hanoi."])
    assert [c for c, _ in loaded.search("Hanoi", 5)] == [5]
