"""Telegram HTML rendering, checked with the fake server's strict parser (Telegram's rules)."""

from __future__ import annotations

import pytest
from support.telegram_html import BadRequest, parse_html

from bot.ratelimit import RateLimiter, Stats
from bot.render import (
    TELEGRAM_LIMIT,
    citation_buttons,
    decode_passage,
    encode_passage,
    help_examples,
    passage_lines,
    passage_ref,
    result_lines,
    sources_page,
    to_html,
    to_text,
)
from index.types import Citation, DocRef, Reply, ReplyKind, SourceInfo


def _citation(n: int, doc: str = "a1b2c3d4e5f6", **kw: object) -> Citation:
    passage = "First sentence. Kishida met Blinken in Tokyo. Last one."
    values: dict = dict(
        n=n,
        doc_id=doc,
        path=f"{doc}.txt",
        title=f"Title {doc}",
        date="2023-11-17",
        source="State Department",
        url="https://example.org/a?x=1&y=2",
        passage=passage,
        start=1016,
        end=1016 + len("Kishida met Blinken in Tokyo."),
        score=0.9,
        passage_start=1000,
        passage_end=1000 + len(passage),
    )
    values.update(kw)
    ref = DocRef(*(values.pop(k) for k in ("doc_id", "path", "title", "date", "source", "url")))
    return Citation(ref=ref, **values)


def _answer(text: str, highlights=(), citations=(), found=True, suggestions=()) -> Reply:
    return Reply(
        kind=ReplyKind.ANSWER if found else ReplyKind.REFUSAL,
        query="q",
        text=text,
        citations=list(citations),
        highlights=list(highlights),
        latency_ms=1.0,
        suggestions=list(suggestions),
    )


def test_document_text_is_escaped_and_highlights_are_bold() -> None:
    text = 'He wrote <b>bold</b> & <a href="http://evil">x</a> then met Kishida [1].'
    start = text.index("Kishida")
    html = to_html(result_lines(_answer(text, [(start, start + 7)], [_citation(1)])))
    assert len(html) == 1
    assert "&lt;b&gt;bold&lt;/b&gt;" in html[0] and "&amp;" in html[0]
    plain, bold, hrefs = parse_html(html[0])
    assert plain.startswith(text)  # the user sees the document's characters, not markup
    assert bold == ["Kishida", "Sources"]
    assert hrefs == ["https://example.org/a?x=1&y=2"]  # the & in the URL survives escaping
    assert "[1] Title a1b2c3d4e5f6 — 2023-11-17, State Department" in plain


def test_highlights_overlapping_and_out_of_range_are_merged_and_clamped() -> None:
    text = "Antony Blinken met Kishida."
    html = to_html(result_lines(_answer(text, [(0, 6), (3, 14), (19, 999), (5, 2)])))
    _, bold, _ = parse_html(html[0])
    assert bold == ["Antony Blinken", "Kishida."]


def test_unsafe_link_is_dropped_but_title_kept() -> None:
    c = _citation(1, title="<script>alert(1)</script>", url="javascript:alert(1)")
    plain, _, hrefs = parse_html(to_html(result_lines(_answer("x [1]", citations=[c])))[0])
    assert hrefs == []
    assert "<script>alert(1)</script>" in plain


def test_citations_of_one_document_share_a_source_line() -> None:
    cites = [_citation(1), _citation(2, doc="ffffffffffff"), _citation(3)]
    plain, _, _ = parse_html(to_html(result_lines(_answer("a [1] b [2] c [3]", [], cites)))[0])
    assert "[1][3] Title a1b2c3d4e5f6" in plain
    assert "[2] Title ffffffffffff" in plain


def test_refusal_lists_suggestions_without_sources() -> None:
    answer = _answer("I couldn't find that in the documents.", found=False, suggestions=["Doc A"])
    plain, _, _ = parse_html(to_html(result_lines(answer))[0])
    assert "Sources" not in plain and "You might look at:" in plain and "• Doc A" in plain


def test_summary_renders_like_an_answer() -> None:
    s = Reply(
        ReplyKind.SUMMARY,
        "t",
        "Headline [1]\nStop one [1]",
        [_citation(1)],
        [(0, 8)],
        1.0,
        summary_of="trip",
    )
    plain, bold, _ = parse_html(to_html(result_lines(s))[0])
    assert plain.splitlines()[:2] == ["Headline [1]", "Stop one [1]"]
    assert bold[0] == "Headline"


@pytest.mark.parametrize("limit", [TELEGRAM_LIMIT, 300])
def test_long_replies_split_between_lines_with_balanced_tags(limit: int) -> None:
    sentence = "Blinken & Kishida <met> in Tokyo on 8 November 2023. "
    paragraphs = [sentence * (i % 7 + 1) for i in range(200)]
    text = "\n".join(paragraphs)
    spans = [(i, i + 7) for i in range(0, len(text), 97)]
    parts = to_html(result_lines(_answer(text, spans)), limit=limit)
    assert len(parts) > 1
    seen = []
    for part in parts:
        assert len(part.encode("utf-16-le")) // 2 <= limit
        plain, _, _ = parse_html(part)  # raises on unbalanced or unescaped markup
        assert plain == plain.strip("\n")
        seen.append(plain)
    if limit == TELEGRAM_LIMIT:
        # Paragraphs fit a message: split only at line ends, nothing lost.
        assert "\n".join(seen) == text
    else:
        # Paragraphs longer than a message are split between words, never inside one.
        assert " ".join(seen).split() == text.split()


def test_one_huge_line_splits_between_words() -> None:
    words = [f"w{i}&<x>" for i in range(3000)]
    text = " ".join(words)
    parts = to_html(result_lines(_answer(text, [(0, len(text))])))
    assert len(parts) > 1
    plains = [parse_html(p)[0] for p in parts]
    assert all(len(p) <= TELEGRAM_LIMIT for p in parts)
    assert "".join(plains).split() == words  # no word is cut in two
    assert all(parse_html(p)[1] for p in parts)  # bold carried into every piece


def test_one_huge_word_is_cut_by_characters() -> None:
    text = "<&>" * 5000 + "x" * 3000
    parts = to_html(result_lines(_answer(text, [(100, 14000)])))
    assert all(len(p) <= TELEGRAM_LIMIT for p in parts)
    assert "".join(parse_html(p)[0] for p in parts) == text


def test_citation_buttons_fit_telegram_and_round_trip() -> None:
    big = 50_000_000
    cites = [
        _citation(1),
        _citation(2, start=big + 5, end=big + 40, passage_start=big, passage_end=big + 900),
    ]
    buttons = citation_buttons(cites)
    assert [b.label[:3] for b in buttons] == ["[1]", "[2]"]
    for button, cite in zip(buttons, cites, strict=True):
        assert len(button.data.encode()) <= 64
        ref = decode_passage(button.data)
        assert ref is not None and ref == passage_ref(cite)
        assert (ref.start, ref.end, ref.passage_start) == (cite.start, cite.end, cite.passage_start)


@pytest.mark.parametrize(
    "data",
    ["", "p:", "s:1", "p:zz:1:2:3:4:5", "p:a1b2c3d4e5f6:9:1:2:3:4", "p:a1b2c3d4e5f6:x!:1:1:1:1"],
)
def test_malformed_callback_data_is_rejected(data: str) -> None:
    assert decode_passage(data) is None


def test_passage_without_span_falls_back_to_the_sentence() -> None:
    ref = passage_ref(_citation(1, passage_start=0, passage_end=0))
    assert (ref.passage_start, ref.passage_end, ref.check) == (ref.start, ref.end, 0)
    assert decode_passage(encode_passage(ref)) == ref


def test_passage_view_bolds_the_answering_sentence() -> None:
    passage = "Before. The <answer> & more. After."
    start = passage.index("The")
    lines = passage_lines("T <1>", "2021-03-10", None, passage, (start, start + 20))
    plain, bold, _ = parse_html(to_html(lines)[0])
    assert bold == ["T <1>", "The <answer> & more."]
    assert plain.endswith(passage)


def test_sources_pages() -> None:
    sources = [
        SourceInfo(
            DocRef(f"{i:012x}", f"d{i}.txt", f"Doc {i}", f"2020-01-{i + 1:02d}", None, None), 2
        )
        for i in range(20)
    ]
    lines, page, pages = sources_page(sources, 99)
    assert (page, pages) == (2, 3)
    plain = parse_html(to_html(lines)[0])[0]
    assert "20 documents — page 3 of 3" in plain and "17. Doc 16" in plain
    assert sources_page([], 0)[2] == 1


def test_help_examples_come_from_the_corpus() -> None:
    sources = [
        SourceInfo(
            DocRef(
                "1",
                "a.txt",
                "Secretary Blinken's Travel to Chile and Peru",
                "2022-10-03",
                None,
                None,
            ),
            3,
        ),
        SourceInfo(DocRef("2", "b.txt", "Zanzibar spice report", None, None, None), 1),
    ]
    examples = help_examples(sources)
    name = examples[0].removeprefix("What do the documents say about ").rstrip("?")
    assert name in {"Blinken", "Chile", "Peru"}
    assert examples[1].startswith("/summary Secretary Blinken")
    assert examples[2] == "What happened in October 2022?"
    assert help_examples([]) == []


def test_terminal_text_marks_bold() -> None:
    text = to_text(result_lines(_answer("met Kishida [1]", [(4, 11)], [_citation(1)])), ("*", "*"))
    assert text.startswith("met *Kishida* [1]")
    assert "<https://example.org/a?x=1&y=2>" in text


def test_strict_parser_refuses_what_telegram_refuses() -> None:
    for bad in ["a < b", "<b>x", "<i>x</b>", "&nbsp;", "<div>x</div>"]:
        with pytest.raises(BadRequest):
            parse_html(bad)


def test_rate_limiter_window_and_single_notice() -> None:
    now = [0.0]
    limiter = RateLimiter(3, window=60, clock=lambda: now[0])
    assert all(limiter.check(1).allowed for _ in range(3))
    first, second = limiter.check(1), limiter.check(1)
    assert not first.allowed and first.notify and 59 <= first.retry_in <= 60
    assert not second.allowed and not second.notify  # a flood gets one polite reply, not many
    assert limiter.check(2).allowed  # per user
    now[0] = 60.5
    assert limiter.check(1).allowed


def test_stats_percentiles() -> None:
    stats = Stats()
    assert stats.percentile(50) is None
    for ms in range(1, 101):
        stats.record(float(ms), found=ms % 2 == 0)
    assert stats.questions == 100 and stats.refused == 50
    assert stats.percentile(50) in (50.0, 51.0) and stats.percentile(95) in (95.0, 96.0)


def test_bot_layer_never_imports_the_heavy_libraries() -> None:
    import ast
    from pathlib import Path

    forbidden = {"faiss", "numpy", "sentence_transformers", "torch"}
    for path in (Path(__file__).resolve().parents[2] / "bot").glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            for name in names:
                assert name.split(".")[0] not in forbidden, f"{path.name} imports {name}"


def test_log_redactor_scrubs_messages_arguments_and_tracebacks(caplog) -> None:
    import logging

    from bot.logsafe import REDACTED, redact_token_in_logs

    token = "999:ZZsecretZZsecretZZsecret"
    redact_token_in_logs(token)
    log = logging.getLogger("some.library")
    with caplog.at_level(logging.DEBUG):
        log.info("GET https://api.telegram.org/bot%s/getMe", token)
        try:
            raise ValueError(f"bad url https://x/bot{token}/sendMessage")
        except ValueError:
            log.exception("request failed")
    assert token not in caplog.text and "ZZsecretZZsecretZZsecret" not in caplog.text
    assert caplog.text.count(REDACTED) == 2  # the message, and the exception in the traceback


def test_no_token_is_a_clear_error(tmp_path) -> None:
    from bot.settings import Settings
    from bot.telegram_app import build_application
    from index.errors import DocbotError

    settings = Settings(_env_file=None, TELEGRAM_BOT_TOKEN="  ")  # type: ignore[call-arg]
    with pytest.raises(DocbotError, match="TELEGRAM_BOT_TOKEN is not set"):
        build_application(settings, kb=None)  # type: ignore[arg-type]
