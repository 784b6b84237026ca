"""Sentence splitting and chunking, with the real all-MiniLM-L6-v2 tokenizer."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from index.ingest.chunking import CHUNKER_VERSION, chunk_document, split_sentences, title_context
from index.ingest.documents import load_document
from index.ingest.scan import SIDECAR_SUFFIX
from index.types import Chunk, Document

ROOT = Path(__file__).resolve().parents[2]
SEED = ROOT / "docs_corpus"
STATEDEPT = ROOT.parent / "shared" / "data" / "statedept" / "text"


def sentences(text: str) -> list[str]:
    return [text[s:e] for s, e in split_sentences(text)]


def _seed(name: str) -> Document:
    side = SEED / (name + SIDECAR_SUFFIX)
    return load_document(
        name, (SEED / name).read_bytes(), side.read_bytes() if side.exists() else None
    )


def _check_coverage(
    text: str, spans: list[tuple[int, int]], start: int = 0, end: int | None = None
):
    """Spans are ordered, stripped, disjoint and cover every non-space character once."""
    end = len(text) if end is None else end
    covered = 0
    prev_end = start
    for s, e in spans:
        assert prev_end <= s < e <= end
        assert not text[s].isspace() and not text[e - 1].isspace()
        assert text[prev_end:s].strip() == ""
        covered += sum(1 for ch in text[s:e] if not ch.isspace())
        prev_end = e
    assert text[prev_end:end].strip() == ""
    assert covered == sum(1 for ch in text[start:end] if not ch.isspace())


# -- sentences -------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Mr. Smith met Dr. Jones and Gen. Milley. Sen. Warren and Rep. Cheney spoke.",
            ["Mr. Smith met Dr. Jones and Gen. Milley.", "Sen. Warren and Rep. Cheney spoke."],
        ),
        (
            "Secretary of State Antony J. Blinken met Lloyd J. Austin III. They talked.",
            ["Secretary of State Antony J. Blinken met Lloyd J. Austin III.", "They talked."],
        ),
        (
            "The U.S. Embassy in the U.K. opened. The U.N. and the E.U. agreed in Washington, "
            "D.C. on Friday. He went back to the U.S. The next day he left.",
            [
                "The U.S. Embassy in the U.K. opened.",
                "The U.N. and the E.U. agreed in Washington, D.C. on Friday.",
                "He went back to the U.S.",
                "The next day he left.",
            ],
        ),
        (
            "He will co-chair the 2022 Mekong-U.S. Partnership. Laos is pro-U.S. The talks end.",
            [
                "He will co-chair the 2022 Mekong-U.S. Partnership.",
                "Laos is pro-U.S.",
                "The talks end.",
            ],
        ),
        (
            "The talks began Jan. 5 and ended Sept. 30, 2021. Growth was 3.5 percent. See No. 5 "
            "below.",
            [
                "The talks began Jan. 5 and ended Sept. 30, 2021.",
                "Growth was 3.5 percent.",
                "See No. 5 below.",
            ],
        ),
        (
            "“I look forward to it,” Blinken said. The trip will aim “to promote peace around "
            "the world”, he said. Is it over? Yes! It is.",
            [
                "“I look forward to it,” Blinken said.",
                "The trip will aim “to promote peace around the world”, he said.",
                "Is it over?",
                "Yes!",
                "It is.",
            ],
        ),
        (
            "He asked “Why now?” and left. “It is done.” She agreed.",
            ["He asked “Why now?” and left.", "“It is done.”", "She agreed."],
        ),
        (
            "He paused... Then he spoke. Wait… and see. St. Louis is far.",
            ["He paused...", "Then he spoke.", "Wait… and see.", "St. Louis is far."],
        ),
        (
            "FAQ:\n1. What is the purpose of the trip?\nTo meet allies. And to talk.\n\n"
            "2. Who goes?\nThe Secretary.",
            [
                "FAQ:",
                "1. What is the purpose of the trip?",
                "To meet allies.",
                "And to talk.",
                "2. Who goes?",
                "The Secretary.",
            ],
        ),
        (
            "Schedule\n\nKangerlussuaq, Greenland\nKangerlussuaq Airport\n\nThe meeting begins.",
            [
                "Schedule",
                "Kangerlussuaq, Greenland",
                "Kangerlussuaq Airport",
                "The meeting begins.",
            ],
        ),
        (
            "It starts at 10 a.m. Eastern time. It ends at 2 p.m. The press may attend.",
            ["It starts at 10 a.m. Eastern time.", "It ends at 2 p.m.", "The press may attend."],
        ),
        ("(The meeting ended.) Next topic.", ["(The meeting ended.)", "Next topic."]),
        (
            "The theme is, “Whoever. Wherever. Whenever. Everyone has the right to safety.” "
            'We honor them. He said "Go. Now." Then he left.',
            [
                "The theme is, “Whoever. Wherever. Whenever. Everyone has the right to safety.”",
                "We honor them.",
                'He said "Go. Now."',
                "Then he left.",
            ],
        ),
        (
            "He said: “" + "We act. " * 30 + "We win.” Then he left.\n“Open. And on",
            ["He said: “We act."]
            + ["We act."] * 29
            + ["We win.”", "Then he left.", "“Open.", "And on"],
        ),
        ("no final punctuation", ["no final punctuation"]),
    ],
)
def test_split_sentences_hard_cases(text: str, expected: list[str]) -> None:
    assert sentences(text) == expected
    _check_coverage(text, split_sentences(text))


def test_split_sentences_respects_start_and_end() -> None:
    text = "First one. Second one. Third one."
    spans = split_sentences(text, 11, 22)
    assert [text[s:e] for s, e in spans] == ["Second one."]
    assert split_sentences(text, 5, 5) == []
    assert split_sentences("   \n\n  ") == []


def test_seed_articles_split_correctly() -> None:
    doc = _seed("aljazeera-blinken-austin-visit-japan-south-korea.txt")
    got = sentences(doc.text)
    assert (
        "The trip will aim “to promote peace, security, and prosperity in the Indo-Pacific "
        "and around the world”, he said." in got
    )
    assert "‘Long-term competition with China’" in got
    assert got[-1].startswith("Blinken is also set to meet virtually")
    assert len(got) == 16  # one per paragraph in this article
    _check_coverage(doc.text, split_sentences(doc.text))

    doc = _seed("blinken-travel-israel-jordan-japan-korea-india-november-2023.txt")
    got = sentences(doc.text)
    assert got[0] == (
        "In a transcontinental voyage, Secretary of State Antony J. Blinken will embark on a "
        "series of visits to Tel Aviv, Amman, Tokyo, Seoul, and New Delhi from November 2 to "
        "10, 2023."
    )
    assert "1. What is the purpose of Secretary Blinken’s journey?" in got
    assert any(s.endswith("Secretary of Defense Lloyd J. Austin III.") for s in got)
    assert any(
        s.startswith(
            "The discussions will encompass strategies to ensure the safety of U.S. citizens"
        )
        for s in got
    )
    _check_coverage(doc.text, split_sentences(doc.text))


# -- chunks ----------------------------------------------------------------------------------
def _check_chunks(doc: Document, chunks: list[Chunk], count_tokens, max_tokens: int) -> None:
    assert chunks, doc.path
    prefix = title_context(doc) + "\n"
    all_spans = []
    for i, chunk in enumerate(chunks):
        assert chunk.ordinal == i
        assert chunk.text == doc.text[chunk.start : chunk.end]
        assert chunk.embed_text == prefix + chunk.text
        assert count_tokens(chunk.embed_text) + 2 <= max_tokens
        assert chunk.sentences[0][0] == chunk.start and chunk.sentences[-1][1] == chunk.end
        for (s, e), (s2, _) in zip(chunk.sentences, chunk.sentences[1:], strict=False):
            assert chunk.start <= s < e <= s2 <= chunk.end
        all_spans.extend(chunk.sentences)
    # Together the chunks cover every sentence, in order, each whole.
    unique = sorted(set(all_spans))
    _check_coverage(doc.text, unique)
    assert chunks[-1].end == max(e for _, e in unique)


def test_chunks_fit_window_overlap_and_never_cut_sentences(embedder) -> None:
    body = "\n\n".join(
        " ".join(
            f"Sentence {p}.{i} says that delegation {p} met minister {i} in city number {p + i}."
            for i in range(6)
        )
        for p in range(12)
    )
    doc = Document.of("d.txt", "A title", "2022-03-04", None, None, body)
    chunks = chunk_document(doc, embedder.count_tokens, max_tokens=128)
    assert len(chunks) > 5
    _check_chunks(doc, chunks, embedder.count_tokens, 128)
    sentence_set = set(split_sentences(body))
    for prev, chunk in zip(chunks, chunks[1:], strict=False):
        assert chunk.sentences[0] == prev.sentences[-1]  # exactly one sentence of overlap
        assert chunk.sentences[1] not in prev.sentences
        assert set(chunk.sentences) <= sentence_set  # no sentence was cut
    assert chunks[0].embed_text.startswith("A title (2022-03-04)\nSentence 0.0 says")


def test_no_overlap_when_asked(embedder) -> None:
    body = " ".join(f"This is sentence number {i} of the test." for i in range(60))
    doc = Document.of("d.txt", "T", None, None, None, body)
    chunks = chunk_document(doc, embedder.count_tokens, max_tokens=64, overlap_sentences=0)
    for prev, chunk in zip(chunks, chunks[1:], strict=False):
        assert chunk.start > prev.end
    _check_chunks(doc, chunks, embedder.count_tokens, 64)
    assert chunks[0].embed_text.startswith("T\nThis is")  # no date: title alone


def test_chunk_prefers_paragraph_end(embedder) -> None:
    para = " ".join(f"Paragraph statement {i} is here." for i in range(12))
    body = "\n\n".join([para, para, para])
    doc = Document.of("d.txt", "T", None, None, None, body)
    assert 64 < embedder.count_tokens(para) < 96  # a paragraph fills 2/3 of the window
    chunks = chunk_document(doc, embedder.count_tokens, max_tokens=100, overlap_sentences=0)
    ends = {c.end for c in chunks}
    para_ends = {len(para), 2 * len(para) + 2}
    assert para_ends <= ends


def test_over_long_sentence_is_split_at_word_boundaries(embedder) -> None:
    long_sentence = " ".join(f"clause{i} and" for i in range(400)) + " the end."
    body = f"Short opener. The {long_sentence} Short closer."
    doc = Document.of("d.txt", "Long", None, None, None, body)
    chunks = chunk_document(doc, embedder.count_tokens, max_tokens=64)
    _check_chunks(doc, chunks, embedder.count_tokens, 64)
    s0 = body.index("The clause0")
    pieces = sorted({sp for c in chunks for sp in c.sentences if s0 <= sp[0] < len(body) - 14})
    assert len(pieces) > 3
    assert pieces[0][0] == s0 and pieces[-1][1] == body.index(" Short closer.")
    for s, e in pieces:  # cut between words, never inside one
        assert body[s - 1] == " " and (e == len(body) or body[e] == " ")
    # A single "word" wider than the window is cut by characters as a last resort.
    doc = Document.of("d.txt", "Long", None, None, None, "x" * 3000)
    chunks = chunk_document(doc, embedder.count_tokens, max_tokens=64)
    _check_chunks(doc, chunks, embedder.count_tokens, 64)
    assert "".join(c.text for c in chunks if c.sentences).count("x") >= 3000


def test_huge_title_context_is_cut_to_leave_room(embedder) -> None:
    doc = Document.of("d.txt", "Title word " * 200, "2022-01-01", None, None, "Body sentence.")
    chunks = chunk_document(doc, embedder.count_tokens, max_tokens=128)
    assert len(chunks) == 1 and chunks[0].text == "Body sentence."
    assert embedder.count_tokens(chunks[0].embed_text) + 2 <= 128
    assert chunks[0].embed_text.startswith("Title word Title word")
    assert chunks[0].embed_text.endswith("…\nBody sentence.")
    doc = Document.of("d.txt", "x" * 5000, None, None, None, "Body sentence.")
    (chunk,) = chunk_document(doc, embedder.count_tokens, max_tokens=64)
    assert embedder.count_tokens(chunk.embed_text) + 2 <= 64 and chunk.text == "Body sentence."


def test_title_only_document_yields_one_chunk(embedder) -> None:
    doc = load_document("t.txt", b"Just a title line")
    chunks = chunk_document(doc, embedder.count_tokens)
    assert len(chunks) == 1
    assert chunks[0].text == "Just a title line"
    assert chunks[0].sentences == ((0, len(doc.text)),)


def test_chunking_is_deterministic(embedder) -> None:
    doc = _seed("blinken-travel-israel-jordan-japan-korea-india-november-2023.txt")
    a = chunk_document(doc, embedder.count_tokens)
    b = chunk_document(doc, embedder.count_tokens)
    assert a == b
    assert isinstance(CHUNKER_VERSION, str) and CHUNKER_VERSION
    _check_chunks(doc, a, embedder.count_tokens, 256)


def test_seed_corpus_chunks(embedder) -> None:
    for path in sorted(SEED.glob("*.txt")):
        doc = _seed(path.name)
        _check_chunks(doc, chunk_document(doc, embedder.count_tokens), embedder.count_tokens, 256)


@pytest.mark.skipif(not STATEDEPT.is_dir(), reason="../shared/data/statedept is not present")
def test_statedept_sample_metadata_and_chunks(embedder) -> None:
    files = sorted(STATEDEPT.rglob("*.txt"))
    sample = random.Random(7).sample(files, min(50, len(files)))
    for path in sample:
        rel = path.relative_to(STATEDEPT).as_posix()
        doc = load_document(rel, path.read_bytes())
        assert doc.title and not doc.title.startswith("Title:"), rel
        assert doc.date == path.name[:10], rel
        assert doc.url and doc.url.startswith("https://www.state.gov/"), rel
        assert "URL:" not in doc.text[:300] and "Published:" not in doc.text[:300]
        spans = split_sentences(doc.text)
        _check_coverage(doc.text, spans)
        chunks = chunk_document(doc, embedder.count_tokens)
        _check_chunks(doc, chunks, embedder.count_tokens, 256)
