"""Hybrid retrieval on the seed corpus: fusion, spelling repair, dates, diversity, duplicates."""

from __future__ import annotations

from index.query.fusion import Fusion
from index.query.plan import plan_query
from index.query.retrieve import hybrid_search, retrieve
from index.storage.bm25 import LexicalIndex
from index.text.tokens import edit_distance

NOV_2023 = "blinken-travel-israel-jordan-japan-korea-india-november-2023.txt"
MARCH_2021 = "aljazeera-blinken-austin-visit-japan-south-korea.txt"


def test_seed_fact_finds_its_document_first(seed_kb) -> None:
    hits = hybrid_search(seed_kb.snapshot(), seed_kb.embedder, "Kishida Fumio Kamikawa Yoko", k=3)
    assert hits[0].path == NOV_2023
    assert "Kishida Fumio" in hits[0].text
    assert hits[0].text == seed_kb.document_text(hits[0].doc_id)[hits[0].start : hits[0].end]


def test_scores_are_ranked_and_k_is_respected(seed_kb) -> None:
    hits = hybrid_search(seed_kb.snapshot(), seed_kb.embedder, "security alliance with Japan", k=4)
    assert 0 < len(hits) <= 4
    assert [h.score for h in hits] == sorted((h.score for h in hits), reverse=True)


def test_misspelt_names_are_repaired_against_the_vocabulary(seed_kb) -> None:
    snap = seed_kb.snapshot()
    plan = plan_query(snap, seed_kb.embedder, "who did blinkin meet in seul")
    assert plan.corrections == {"blinkin": "blinken", "seul": "seoul"}
    # Real English words the corpus lacks are not "corrected" into corpus words.
    plan = plan_query(snap, seed_kb.embedder, "boiling point of water")
    assert plan.corrections == {}
    assert "boil" in plan.unknown


def test_a_named_time_restricts_documents(seed_kb) -> None:
    snap, emb = seed_kb.snapshot(), seed_kb.embedder
    in_2021 = hybrid_search(snap, emb, "who did they meet in Seoul in March 2021", k=5)
    assert in_2021 and {h.path for h in in_2021} == {MARCH_2021}
    in_2023 = hybrid_search(snap, emb, "who did Blinken meet in Seoul in November 2023", k=5)
    assert in_2023 and {h.path for h in in_2023} == {NOV_2023}
    # "last February" is relative to the newest document (November 2023): nothing then.
    assert hybrid_search(snap, emb, "who did Blinken meet last February", k=5) == []


def test_times_outside_the_corpus_are_content_not_filters(seed_kb) -> None:
    # The Camp David summit of 1978 lies outside the corpus's dates: no date filter applies.
    snap = seed_kb.snapshot()
    plan = plan_query(snap, seed_kb.embedder, "What was agreed at Camp David in 1978?")
    assert plan.time is None
    assert retrieve(snap, plan)


def test_one_document_cannot_crowd_out_the_other(seed_kb) -> None:
    hits = hybrid_search(seed_kb.snapshot(), seed_kb.embedder, "Blinken visit to Seoul", k=3)
    assert {h.path for h in hits} == {NOV_2023, MARCH_2021}


def test_duplicate_documents_take_one_place(make_kb, seed_kb) -> None:
    original = seed_kb.document_text(
        next(s.doc_id for s in seed_kb.sources() if s.path == NOV_2023)
    )
    kb = make_kb({"copy-of-trip.txt": "date 2023-11-17 " + original}, seed=True)
    kb.sync()
    snap = kb.snapshot()
    hashes = {}
    for d in snap.docs.values():
        hashes.setdefault(d.text_hash, []).append(d.path)
    assert any(len(p) == 2 for p in hashes.values()), "the copy must have the same text hash"
    hits = hybrid_search(snap, kb.embedder, "Kishida Fumio Kamikawa Yoko Tokyo", k=5)
    texts = [h.text for h in hits]
    assert len(texts) == len(set(texts))


def test_fusion_variants_all_rank(seed_kb) -> None:
    snap, emb = seed_kb.snapshot(), seed_kb.embedder
    plan = plan_query(snap, emb, "Who hosted the Security Consultative Committee in Tokyo?")
    for fusion in (Fusion("rrf", 0.5, 0.5, 0.0), Fusion("combsum", 0.5, 0.5, 0.0), Fusion()):
        cands = retrieve(snap, plan, fusion)
        assert snap.docs[cands[0].doc_id].path == MARCH_2021


def test_edit_distance() -> None:
    assert edit_distance("seul", "seoul") == 1
    assert edit_distance("blinkin", "blinken") == 1
    assert edit_distance("chisnau", "chisinau") == 1
    assert edit_distance("abcd", "bacd") == 1  # adjacent swap
    assert edit_distance("kitten", "sitting", limit=2) == 3  # above the limit


def test_lexical_index_round_trip(tmp_path) -> None:
    idx = LexicalIndex.build([7, 9], ["Secretary Blinken visits Seoul", "Tokyo talks with Kishida"])
    idx.save(tmp_path / "bm25")
    loaded = LexicalIndex.load(tmp_path / "bm25")
    assert loaded.search("seoul", 5)[0][0] == 7
    assert loaded.correct("kishda") == "kishida"
    assert loaded.correct("tokyo") is None  # known terms are left alone
    assert loaded.doc_freq("seoul") == 1 and loaded.idf("seoul") > 0
    assert loaded.scores(["kishida"], [7, 9, 11]) == [0.0, loaded.search("kishida", 1)[0][1], 0.0]


def _release(title: str, published: str, body: str) -> str:
    return f"Title: {title}\nPublished: {published}\n\n{body}\n"


def _call(day: str, topic: str) -> str:
    return (
        "Title: Secretary Reed's Call with Foreign Minister Petrenko\n"
        f"Published: 2022-03-{day}\n\n"
        "Secretary of State Hanna Reed spoke today with Foreign Minister Oleh Petrenko. "
        f"They discussed {topic}.\n"
    )


def test_a_day_asked_takes_the_release_published_just_after_midnight_utc(make_kb) -> None:
    """A release's date is its UTC day: the call of March 7 in the evening in Washington is
    published on March 8 at 00:49 UTC. A day asked takes a day either side, no more."""
    kb = make_kb(
        {
            "early.txt": _call("05T15:00:00+00:00", "grain exports"),
            "evening.txt": _call("08T00:49:21+00:00", "diplomatic efforts to end the war"),
            "later.txt": _call("11T16:00:00+00:00", "energy security"),
        }
    )
    kb.sync()
    hits = hybrid_search(
        kb.snapshot(),
        kb.embedder,
        "What did Reed and Petrenko discuss on their March 7, 2022 call?",
        k=5,
    )
    assert hits and {h.path for h in hits} == {"evening.txt"}


def test_a_year_asked_reaches_the_next_years_documents_that_look_back_on_it(make_kb) -> None:
    """A figure for a year is often told the year after ("In 2021, trade doubled"). A whole
    year asked takes those later documents, but only where their text names that year."""

    def remarks(published: str, body: str) -> str:
        return _release("Secretary Reed at a Trade Fair in Velmora", published, body)

    kb = make_kb(
        {
            "in_2021.txt": remarks(
                "2021-06-01T13:00:00+00:00", "Secretary Reed opened the fair in Velmora."
            ),
            "looks_back.txt": remarks(
                "2022-03-30T13:00:00+00:00",
                "In 2021, even with the pandemic, trade between our countries doubled to "
                "$2.6 billion. Secretary Reed welcomed the exporters.",
            ),
            "other_year.txt": remarks(
                "2022-04-02T13:00:00+00:00",
                "In 2020, trade between our countries reached $1.2 billion. Secretary Reed "
                "thanked the exporters.",
            ),
        }
    )
    kb.sync()
    hits = hybrid_search(
        kb.snapshot(), kb.embedder, "what did Reed say trade with Velmora came to in 2021", k=5
    )
    paths = [h.path for h in hits]
    assert "looks_back.txt" in paths and "other_year.txt" not in paths, paths


def test_a_month_asked_takes_a_later_release_naming_that_month(make_kb) -> None:
    """A release of early May tells what happened "In April 2022": a question about April takes
    it, but not one that names another month."""

    def release(published: str, body: str) -> str:
        return _release("Reward Offer for the Velmora Hackers", published, body)

    kb = make_kb(
        {
            "april.txt": release(
                "2022-05-06T13:00:00+00:00",
                "The department offers a reward for the Velmora hackers. In April 2022, the "
                "group attacked the customs platform of the Government of Costa Rica.",
            ),
            "march.txt": release(
                "2022-05-09T13:00:00+00:00",
                "The department offers a reward for the Velmora hackers. In March 2022, the "
                "group attacked the customs platform of a hospital network.",
            ),
        }
    )
    kb.sync()
    hits = hybrid_search(
        kb.snapshot(), kb.embedder, "whose customs platform did the hackers hit in april 2022", k=5
    )
    assert [h.path for h in hits][:1] == ["april.txt"] and "march.txt" not in {h.path for h in hits}
