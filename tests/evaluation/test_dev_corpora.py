"""Dev questions of more than one corpus: heldout3 asks State Department and White House
releases, each question of the knowledge base of its `corpus`."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from conftest import SHARED_DATA

from index.evaluation.datasets import DevQuestion, load_dev_questions, write_whitehouse_corpus
from index.evaluation.run import eval_dev, indexed_kb, reportable

QUESTIONS = Path(__file__).resolve().parents[1] / "questions"


def test_questions_name_their_corpus(tmp_path: Path) -> None:
    path = tmp_path / "q.jsonl"
    rows = [
        {"question": "Who will the mayor meet?", "expect": ["Brandvik"]},
        {"question": "Why is the governor going?", "corpus": "whitehouse", "expect": ["x"]},
    ]
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    qs = load_dev_questions(path)
    assert [q.corpus for q in qs] == ["statedept", "whitehouse"]


def well_formed(name: str, at_least: int) -> list[DevQuestion]:
    """A set's questions, after the checks every set passes: at least `at_least` of them, each
    answerable one expecting something, and a follow-up and a summary request among them."""
    qs = load_dev_questions(QUESTIONS / name)
    assert len(qs) >= at_least
    assert all(q.expect or q.expect_any for q in qs if q.answerable)
    assert any(q.after for q in qs) and any(q.reply == "summary" for q in qs)
    return qs


@pytest.mark.parametrize(
    "name",
    [
        "heldout3.jsonl",
        "heldout4.jsonl",
        "heldout5.jsonl",
        "heldout6.jsonl",
        "heldout7.jsonl",
        "heldout8.jsonl",
        "heldout9.jsonl",
        "heldout10.jsonl",
        "heldout11.jsonl",
        "heldout12.jsonl",
        "tune7.jsonl",
        "tune8.jsonl",
        "tune9.jsonl",
        "tune10.jsonl",
        "tune11.jsonl",
        "tune12.jsonl",
    ],
)
def test_new_question_sets_are_well_formed(name: str) -> None:
    qs = well_formed(name, 40)
    assert {q.corpus for q in qs} == {"statedept", "whitehouse"}


@pytest.mark.parametrize("name", ["tune13.jsonl", "heldout13.jsonl"])
def test_call_and_dialogue_sets_are_well_formed(name: str) -> None:
    """Round 11's sets come from call readouts, joint statements and dialogues: nearly all State
    Department releases (one White House statement fell to `tune13`)."""
    qs = well_formed(name, 40)
    assert {q.corpus for q in qs} <= {"statedept", "whitehouse"}
    assert sum(not q.answerable for q in qs) >= 5


@pytest.mark.parametrize("name", ["tune14.jsonl", "heldout14.jsonl"])
def test_transcript_sets_are_well_formed(name: str) -> None:
    """Round 12's sets come from the Secretary's press availabilities and remarks: State
    Department transcripts, a dozen releases each, every one cited by some question."""
    qs = well_formed(name, 60)
    assert {q.corpus for q in qs} == {"statedept"}
    assert sum(not q.answerable for q in qs) >= 6
    cited = {d for q in qs for d in q.docs}
    assert len(cited) >= 12 and all(d.startswith("secretary-antony-j-blinken") for d in cited)


@pytest.mark.parametrize("name", ["tune15.jsonl", "heldout15.jsonl"])
def test_readout_sets_are_well_formed(name: str) -> None:
    """Round 15's sets come from meeting readouts and trip releases, twelve State Department
    releases each, most cited by some question; `tune15` also holds questions written while
    trying docbot on other unseen releases."""
    qs = well_formed(name, 30)
    assert {q.corpus for q in qs} == {"statedept"}
    assert sum(not q.answerable for q in qs) >= 2
    assert len({d for q in qs for d in q.docs}) >= 8


@pytest.mark.parametrize("name", ["tune16.jsonl", "heldout16.jsonl"])
def test_round_17_sets_are_well_formed(name: str) -> None:
    """Round 17's sets come from 11 releases each by a sixth rule (State Department trip
    releases and White House travel statements no set cited), with summaries typed as text,
    follow-ups and unanswerable questions."""
    qs = well_formed(name, 30)
    assert {q.corpus for q in qs} == {"statedept", "whitehouse"}
    assert sum(not q.answerable for q in qs) >= 3
    assert sum(q.reply == "summary" for q in qs) >= 3 and sum(bool(q.after) for q in qs) >= 4
    assert len({d for q in qs for d in q.docs}) >= 8


@pytest.mark.parametrize(
    "name",
    [
        *("tune17.jsonl", "heldout17.jsonl"),
        *("tune18.jsonl", "heldout18.jsonl", "tune19.jsonl", "heldout19.jsonl"),
        *("tune20.jsonl", "tune20b.jsonl", "tune22.jsonl", "heldout22.jsonl"),
        *("tune23.jsonl", "heldout23.jsonl", "tune24.jsonl", "heldout24.jsonl"),
        *("tune25.jsonl", "heldout25.jsonl", "tune26.jsonl", "heldout26.jsonl"),
        *("tune27.jsonl", "tune27b.jsonl"),
        *(f"heldout28{x}.jsonl" for x in "abcdef"),
        *("tune29a.jsonl", "tune29b.jsonl", "heldout29a.jsonl", "heldout29b.jsonl"),
        *("tune30a.jsonl", "tune30b.jsonl", "heldout30a.jsonl", "heldout30b.jsonl"),
    ],
)
def test_round_18_to_30_sets_are_well_formed(name: str) -> None:
    """Round 18's sets come from trips by a seventh rule (a State Department trip announcement
    with the later releases of the same trip), with questions only a later release answers;
    round 20's by an eighth (`tune18`, `heldout18`: trip announcements of officials other than
    the Secretary and the Deputy Secretary that no set cited, with any later release of the
    same trip) and a ninth (`tune19`, `heldout19`: trip, meeting and call releases of 1,500
    bytes or more that no set cited, drawn at random); round 21's by a tenth (`tune20`,
    `heldout20`: meeting transcripts, joint statements, readouts and travel releases of 1,500
    to 9,000 bytes that no set cited, drawn at random; `heldout20` was read by accident in
    round 22 and is `tune20b` since); round 22's by an eleventh (`tune22`, `heldout22`: press
    statements, designations, reward offers, interviews and notices of 1,500 to 9,000 bytes
    whose titles name no travel, call, meeting, joint statement or remarks, that no set cited,
    drawn at random); round 23's by a twelfth (`tune23`, `heldout23`: any release of 1,500 to
    9,000 bytes that no set cited, drawn at random), and rounds 24 to 27's by the same rule
    (`tune24` to `tune27`, `heldout24` to `heldout26`, each round drawing with another seed
    from the releases no earlier round drew; `tune27b` was written as `heldout27` and read by
    accident late in round 27; round 28 drew six held-out sets, `heldout28a` to `heldout28f`;
    round 29 drew two tuning sets and two held-out sets, `tune29a`, `tune29b`, `heldout29a`
    and `heldout29b`; round 30 the same with another seed, `tune30a`, `tune30b`, `heldout30a`
    and `heldout30b`). All have summaries typed as text, follow-ups and unanswerable questions."""
    qs = well_formed(name, 30)
    assert {q.corpus for q in qs} == {"statedept"}
    assert sum(not q.answerable for q in qs) >= 3
    assert sum(q.reply == "summary" for q in qs) >= 3 and sum(bool(q.after) for q in qs) >= 5
    assert len({d for q in qs for d in q.docs}) >= 10


@pytest.mark.skipif(not (SHARED_DATA / "statedept" / "text").is_dir(), reason="no State Dept data")
@pytest.mark.parametrize(
    "name",
    [
        *("tune18.jsonl", "heldout18.jsonl", "tune19.jsonl", "heldout19.jsonl"),
        *("tune20.jsonl", "tune20b.jsonl", "tune22.jsonl", "heldout22.jsonl"),
        *("tune23.jsonl", "heldout23.jsonl", "tune24.jsonl", "heldout24.jsonl"),
        *("tune25.jsonl", "heldout25.jsonl", "tune26.jsonl", "heldout26.jsonl"),
        *("tune27.jsonl", "tune27b.jsonl"),
        *(f"heldout28{x}.jsonl" for x in "abcdef"),
        *("tune29a.jsonl", "tune29b.jsonl", "heldout29a.jsonl", "heldout29b.jsonl"),
        *("tune30a.jsonl", "tune30b.jsonl", "heldout30a.jsonl", "heldout30b.jsonl"),
    ],
)
def test_round_20_to_30_expected_strings_are_in_the_cited_releases(name: str) -> None:
    """A question citing releases expects strings its releases hold: what it expects can be
    answered from them, word for word."""
    texts: dict[str, str] = {}
    for path in (SHARED_DATA / "statedept" / "text").glob("*/*.txt"):
        doc = re.sub(r"^\d{4}-\d\d-\d\d-\d+-", "", path.stem)
        texts[doc] = texts.get(doc, "") + path.read_text(encoding="utf-8").lower()
    for q in load_dev_questions(QUESTIONS / name):
        if not q.docs:
            continue
        cited = " ".join(texts[d] for d in q.docs)
        assert all(e.lower() in cited for e in q.expect), q.question
        assert not q.expect_any or any(e.lower() in cited for e in q.expect_any), q.question


def test_whitehouse_corpus_takes_flagged_statements(tmp_path: Path) -> None:
    source = tmp_path / "wh"
    rows = [
        ("statements-releases/a.md", "statements-releases", "1"),
        ("statements-releases/b.md", "statements-releases", "0"),
        ("press-briefings/c.md", "press-briefings", "1"),
    ]
    lines = ["path\tdate\tsection\ttitle\tsource_url\ttravel_related\tbody_chars"]
    for path, section, travel in rows:
        (source / path).parent.mkdir(parents=True, exist_ok=True)
        (source / path).write_text(f"---\ntitle: {path}\n---\n\nText.\n", encoding="utf-8")
        lines.append(f"{path}\t2023-01-01\t{section}\tT\thttps://x\t{travel}\t6")
    (source / "index.tsv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert write_whitehouse_corpus(source, tmp_path / "out") == 1
    assert [p.name for p in (tmp_path / "out").iterdir()] == ["a.md"]


def _kb(folder: Path, name: str, text: str, embedder):
    (folder / "corpus").mkdir(parents=True)
    (folder / "corpus" / name).write_text(text, encoding="utf-8")
    return indexed_kb(folder / "corpus", folder / "index", embedder, lambda _: None)


def test_each_question_is_asked_of_its_corpus(tmp_path: Path, embedder) -> None:
    harbour = _kb(
        tmp_path / "harbour",
        "harbour.md",
        "# Harbour council\n\nThe council chair Maren Holt will meet Mayor Ilse Brandvik in "
        "Dunmore on Monday to discuss the fisheries forum.\n",
        embedder,
    )
    orchard = _kb(
        tmp_path / "orchard",
        "orchard.md",
        "# Orchard board\n\nThe orchard board chair Tove Lindqvist will visit Halden in May "
        "to open the new cider press of the cooperative.\n",
        embedder,
    )
    rows = [
        {"question": "Who will Maren Holt meet in Dunmore?", "expect": ["Brandvik"]},
        {
            "question": "Why will Tove Lindqvist visit Halden?",
            "corpus": "orchard",
            "expect": ["cider press"],
        },
        {"question": "Who?", "corpus": "missing", "expect": ["x"]},
    ]
    path = tmp_path / "q.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    qs = load_dev_questions(path)
    both = eval_dev(harbour, qs, {"orchard": orchard})
    assert both["in_corpus"] == 2 and both["facts_correct"] == 1.0, both
    alone = eval_dev(harbour, qs)
    assert alone["in_corpus"] == 1 and alone["facts_correct"] == 1.0, alone


@pytest.mark.skipif(
    not (SHARED_DATA / "whitehouse" / "index.tsv").exists(), reason="no White House data"
)
def test_real_whitehouse_selection(tmp_path: Path) -> None:
    n = write_whitehouse_corpus(SHARED_DATA / "whitehouse", tmp_path / "wh")
    assert 200 < n < 400


def test_held_out_sets_are_reported_without_their_failures() -> None:
    scored = {"facts_correct": 0.5, "failures": ["Who did she meet in Accra?"]}
    assert reportable("heldout5.jsonl", scored) == {"facts_correct": 0.5}
    assert reportable("tune5.jsonl", scored) == scored


def test_off_topic_at_scale_gives_shares_and_never_the_questions(seed_kb) -> None:
    """The off-topic questions are those of the held-out half: which were answered is not
    shown, only how many."""
    from index.evaluation.scale import eval_off_topic

    paragraphs = [("Amazon rainforest", "The Amazon rainforest covers much of the basin.")]
    xquad = [("Which rainforest covers the Amazon basin?", "Amazon", 0)]
    out = eval_off_topic(seed_kb, paragraphs, xquad, None)
    assert set(out) == {"xquad"} and set(out["xquad"]) == {"questions", "answered"}
    assert 0.0 <= out["xquad"]["answered"] <= 1.0
