"""Document loading: formats, metadata, decoding, boilerplate removal."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from support.pdfs import make_pdf as _pdf

from index.errors import DocumentError
from index.ingest.cleaning import remove_boilerplate
from index.ingest.documents import load_document
from index.ingest.metadata import normalize_date
from index.ingest.scan import SIDECAR_SUFFIX, SUPPORTED_SUFFIXES

ROOT = Path(__file__).resolve().parents[2]
FORMATS = ROOT / "tests" / "data" / "formats"
SEED = ROOT / "docs_corpus"
ALJAZEERA = "aljazeera-blinken-austin-visit-japan-south-korea.txt"
BLINKEN_TRAVEL = "blinken-travel-israel-jordan-japan-korea-india-november-2023.txt"


def _load(folder: Path, name: str) -> object:
    sidecar = folder / (name + SIDECAR_SUFFIX)
    return load_document(
        name, (folder / name).read_bytes(), sidecar.read_bytes() if sidecar.exists() else None
    )


def test_supported_suffixes() -> None:
    assert {".txt", ".md", ".markdown", ".html", ".htm", ".pdf", ".docx"} == SUPPORTED_SUFFIXES


# -- metadata, one test per header style ------------------------------------------------------
def test_yaml_front_matter_whitehouse_style() -> None:
    doc = _load(FORMATS, "whitehouse-style.md")
    assert doc.title == (
        "Statement from the Press Secretary on the President's Travel to Germany and Angola"
    )
    assert doc.date == "2024-10-08"
    assert doc.url == (
        "https://example.gov/briefing-room/statements-releases/2024/10/08/statement-on-travel/"
    )
    assert doc.source == "example.gov"  # no source named: the URL's site stands in
    assert "---" not in doc.text and "source_url" not in doc.text and "tags:" not in doc.text
    # Hard-wrapped lines are one paragraph; markup is gone but its words stay.
    assert doc.text.startswith(
        "Given the projected trajectory and strength of Hurricane Milton, President Biden is "
        "postponing his upcoming trip to Germany and Angola in order to oversee preparations "
        "for the response.\n\nSchedule changes\n\n"
    )
    assert "a stop in Berlin and a state visit to Luanda; see the itinerary for details." in (
        doc.text
    )
    assert "- Visit to the Lobito Corridor project" in doc.text
    assert 'print("code stays as text")' in doc.text
    for markup in ("**", "](", "![", "##", "\\#", "# # #", "https://example.gov/podium"):
        assert markup not in doc.text


def test_statedept_header_lines() -> None:
    doc = _load(FORMATS, "statedept-style.txt")
    assert doc.title == "Secretary Blinken’s Call with Japanese Foreign Minister Hayashi"
    assert doc.date == "2022-03-04"
    assert doc.url == (
        "https://www.state.gov/secretary-blinkens-call-with-japanese-foreign-minister-hayashi/"
    )
    assert doc.text.startswith("Office of the Spokesperson\n\nThe below is attributable")
    for header in ("Title:", "Author:", "Published:", "URL:"):
        assert header not in doc.text


def test_header_like_first_line_that_is_body_stays_text() -> None:
    doc = load_document("n.txt", b"Date: tomorrow we meet the team\n\nAgenda follows.")
    assert doc.date is None
    assert doc.text.startswith("Date: tomorrow we meet the team")
    doc = load_document("n.txt", b"Published: 4 March 2022\nSource: Wire\n\nBody.")
    assert (doc.date, doc.source, doc.text) == ("2022-03-04", "Wire", "Body.")


def test_trailing_source_url_becomes_url() -> None:
    doc = load_document("s.txt", b"Headline\n\nBody text.\n\nSource: https://example.org/a")
    assert (doc.url, doc.source, doc.text) == (
        "https://example.org/a",
        "example.org",
        "Headline\n\nBody text.",
    )


def test_leading_date_marker_is_metadata_not_text() -> None:
    doc = load_document(BLINKEN_TRAVEL, (SEED / BLINKEN_TRAVEL).read_bytes())
    assert doc.date == "2023-11-17"
    assert doc.text.startswith("In a transcontinental voyage, Secretary of State Antony J. Blinken")
    assert "date 2023" not in doc.text
    # The first line is a whole paragraph, not a title: the file name stands in.
    assert doc.title == "Blinken travel israel jordan japan korea india november 2023"
    # The seed corpus gives it a real title in a sidecar.
    assert _load(SEED, BLINKEN_TRAVEL).title.startswith("Secretary Blinken's travel to Israel")


def test_trailing_source_line_and_sidecar_date() -> None:
    doc = _load(SEED, ALJAZEERA)
    assert doc.source == "Al Jazeera"
    assert doc.date == "2021-03-10"  # from the sidecar: the article has no date
    assert doc.title == "US secretaries of state, defence to visit South Korea, Japan"
    assert "Source:" not in doc.text
    assert doc.text.rstrip().endswith("returning to Washington, DC on Thursday.")


def test_file_name_date_prefix_and_sidecar_override() -> None:
    name = "2021-06-15-plain-notes.txt"
    data = (FORMATS / name).read_bytes()
    plain = load_document(f"notes/{name}", data)
    assert plain.date == "2021-06-15"
    assert plain.title == "Notes from the planning meeting"
    assert plain.source is None and plain.url is None
    assert plain.path == f"notes/{name}"

    doc = _load(FORMATS, name)
    assert doc.title == "Planning meeting notes"
    assert doc.source == "Internal memo"
    assert doc.url == "https://example.org/notes"
    assert doc.date == "2021-06-15"  # the sidecar gives no date: the file name still does
    assert doc.text == plain.text

    dated = load_document(name, data, b"date: March 4, 2022\ntitle: Other\n")
    assert (dated.date, dated.title) == ("2022-03-04", "Other")


def test_sidecar_overrides_parsed_header_values() -> None:
    data = (FORMATS / "statedept-style.txt").read_bytes()
    doc = load_document("a.txt", data, b"title: Better title\ndate: 2020-01-02\n")
    assert doc.title == "Better title"
    assert doc.date == "2020-01-02"
    assert doc.url.startswith("https://www.state.gov/")


@pytest.mark.parametrize("sidecar", [b"title: [unclosed\n", b"- a\n- list\n"])
def test_invalid_sidecar_is_a_document_error(sidecar: bytes) -> None:
    with pytest.raises(DocumentError, match="invalid sidecar YAML"):
        load_document("a.txt", b"Some text.", sidecar)


def test_html_metadata_and_visible_text() -> None:
    doc = _load(FORMATS, "article.html")
    assert doc.title == "Minister visits Seoul for talks"
    assert doc.date == "2022-03-04"
    assert doc.url == "https://news.example.com/2022/03/minister-visits-seoul"
    assert doc.source == "Example News"
    paragraphs = doc.text.split("\n\n")
    assert paragraphs[0] == "Minister visits Seoul for talks"
    assert paragraphs[1] == (
        "The minister arrived in Seoul on Friday & met her counterpart. Talks focused on trade."
    )
    # An escaped tag is text, not markup: it stays literal.
    assert "Officials wrote <b>urgent</b> on the agenda\nand moved on." in doc.text
    assert "First item" in paragraphs and "Second item" in paragraphs
    for dropped in ("tracking", "color: red", "Home", "Site banner", "Related", "Search", "Copy"):
        assert dropped not in doc.text


def test_html_main_content_is_preferred() -> None:
    html = (
        b"<html><body><div>Most read: other story</div><main><article><header><h1>Headline"
        b"</h1></header><p>Body <i>text</i>.<!-- a comment --></p></article></main>"
        b"<div>Newsletter box</div></body></html>"
    )
    doc = load_document("m.html", html)
    assert doc.text == "Headline\n\nBody text."
    assert doc.title == "Headline"


def test_html_without_meta_uses_title_tag() -> None:
    html = b"<html><head><title>Plain page</title></head><body><p>Body text.</p></body></html>"
    doc = load_document("p.htm", html)
    assert (doc.title, doc.date, doc.url, doc.text) == ("Plain page", None, None, "Body text.")


def test_pdf_metadata_and_text() -> None:
    data = _pdf(
        [
            "Annual travel report of the delegation, covering visits to Tokyo and Seoul in",
            "the spring. The delegation met ministers and discussed trade and security exam-",
            "ples in detail.",
            "",
            "Second paragraph.",
        ],
        info={"Title": "Travel Report 2022", "CreationDate": "D:20220304101500+01'00'"},
    )
    doc = load_document("reports/travel.pdf", data)
    assert doc.title == "Travel Report 2022"
    assert doc.date == "2022-03-04"
    assert "covering visits to Tokyo and Seoul in the spring." in doc.text
    assert "security examples in detail." in doc.text  # re-joined across the hyphenated break
    assert "\n" not in doc.text.split("Second paragraph")[0].strip()


def test_pdf_without_metadata_takes_first_line_as_title() -> None:
    doc = load_document("x.pdf", _pdf(["Quarterly Summary", "", "Revenue grew."]))
    assert doc.title == "Quarterly Summary"
    assert doc.date is None


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "empty file"),
        (b"  \n\n \t\n", "empty file"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary file"),
        (bytes(range(1, 32)) * 40, "binary file"),
        (b"---\ntitle: Only metadata\n---\n\n# # #\n", "no extractable text"),
    ],
)
def test_unusable_files_raise_document_error(data: bytes, reason: str) -> None:
    suffix = ".md" if data.startswith(b"---") else ".txt"
    with pytest.raises(DocumentError, match=re.escape(reason)):
        load_document("f" + suffix, data)


def test_pdf_running_headers_and_page_numbers_removed() -> None:
    body = "The committee reviewed the budget and approved the plan for the next fiscal year."
    data = _pdf(
        ["Annual Report", body, "1"],
        more_pages=[["Annual Report", "Second page text ends here.", "2"]],
    )
    doc = load_document("r.pdf", data)
    assert "Annual Report" not in doc.text
    assert doc.text == body + "\n\nSecond page text ends here."


def test_pdf_errors() -> None:
    with pytest.raises(DocumentError, match="invalid PDF"):
        load_document("bad.pdf", b"%PDF-1.4\nthis is not really a pdf\n")
    with pytest.raises(DocumentError, match="no extractable text"):
        load_document("scan.pdf", _pdf([]))
    with pytest.raises(DocumentError, match="encrypted PDF"):
        load_document("locked.pdf", _pdf(["Secret text."], encrypt=True))


def test_cp1252_fallback_is_indexed() -> None:
    data = "Caf\u00e9 \u201cquoted\u201d \u2013 na\u00efve \u20ac5.".encode("cp1252")
    with pytest.raises(UnicodeDecodeError):
        data.decode("utf-8")
    doc = load_document("old.txt", data)
    assert doc.text == "Caf\u00e9 \u201cquoted\u201d \u2013 na\u00efve \u20ac5."


def test_utf8_bom_and_whitespace_are_normalised() -> None:
    data = "\ufeffHeading\r\n\r\n\r\n\r\nA\u00a0line   with\tspaces.   \r\nNext line.".encode()
    doc = load_document("w.txt", data)
    assert doc.text == "Heading\n\nA line with spaces.\nNext line."
    assert doc.title == "Heading"


def test_utf16_with_bom_is_decoded() -> None:
    doc = load_document("u.txt", "Ünïcode heading\n\nBody text.".encode("utf-16"))
    assert doc.title == "Ünïcode heading" and doc.text.endswith("Body text.")


def test_long_first_line_title_is_capped() -> None:
    doc = load_document("t.md", ("---\ntitle: " + "word " * 100 + "\n---\nBody.").encode())
    assert len(doc.title) <= 201 and doc.title.endswith("word…")
    # A first line that is a whole paragraph is no title: the file name stands in.
    doc = load_document("dir/my_long-note.txt", ("word " * 100).encode())
    assert doc.title == "My long note"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2021-05-20T22:14:56+00:00", "2021-05-20"),
        ("2024-10-10 17:11:51-04:00", "2024-10-10"),
        ("March 4, 2022", "2022-03-04"),
        ("Sept. 3, 2021", "2021-09-03"),
        ("4 March 2022", "2022-03-04"),
        ("Fri, 20 May 2021 16:00:00 +0000", "2021-05-20"),
        ("D:20220304101500+01'00'", "2022-03-04"),
        ("2021-02-30", None),
        ("not a date", None),
        ("", None),
        (None, None),
        (12345, None),
    ],
)
def test_normalize_date(value: object, expected: str | None) -> None:
    assert normalize_date(value) == expected


def test_invalid_dates_never_crash_loading() -> None:
    doc = load_document("a.md", b"---\ndate: 2021-13-45\ntitle: T\n---\nBody text.\n")
    assert doc.date is None and doc.title == "T"


# -- boilerplate --------------------------------------------------------------------------------
def test_aljazeera_boilerplate_removed_and_every_sentence_kept() -> None:
    raw = (SEED / ALJAZEERA).read_text(encoding="utf-8")
    doc = _load(SEED, ALJAZEERA)
    assert "Advertisement" not in doc.text
    assert "[File: Saul Loeb/AFP]" not in doc.text
    assert (
        "Secretary of Defense Lloyd Austin and Secretary of State Antony Blinken will both"
        not in (doc.text)
    )
    dropped = {"Advertisement", "Source: Al Jazeera"}
    kept = [
        line.strip()
        for line in raw.splitlines()
        if line.strip() and line.strip() not in dropped and "[File:" not in line
    ]
    assert len(kept) == 16
    for line in kept:
        assert line in doc.text, line


def test_boilerplate_rules_are_general() -> None:
    lines = [
        "Share",
        "",
        "Real first paragraph.",
        "",
        "Share",
        "",
        "Read more",
        "",
        "A heading",
        "",
        "Read more",
        "",
        "* * *",
        "Police patrol the border [Jane Doe/Reuters]",
        "Photo: a view of the harbour",
        "12",
        "Page 3 of 9",
        "Officials said the cost is $5/day [citation needed].",
        "“We must act now.” [Statement, 3/15]",
        "Applicants must sign [and/or] initial each page [Form A/B]",
        "Credit: the bank extended the loan.",
        "Yes.",
        "Yes.",
    ]
    assert remove_boilerplate(lines) == [
        "",
        "Real first paragraph.",
        "",
        "",
        "",
        "A heading",
        "",
        "",
        "Officials said the cost is $5/day [citation needed].",
        "“We must act now.” [Statement, 3/15]",
        "Applicants must sign [and/or] initial each page [Form A/B]",
        "Credit: the bank extended the loan.",
        "Yes.",
        "Yes.",
    ]


def test_hard_wrapped_plain_text_is_reflowed() -> None:
    wrapped = (
        "The delegation arrived in Tokyo on Monday and met the foreign minister\n"
        "to discuss regional security, trade and the supply of critical miner-\n"
        "als. The talks lasted three hours and ended with a joint statement on\n"
        "cooperation.\n"
        "\n"
        "On Tuesday the delegation travelled to Seoul for a second round of\n"
        "talks with officials of the Republic of Korea.\n"
    )
    doc = load_document("w.txt", wrapped.encode())
    assert doc.text == (
        "The delegation arrived in Tokyo on Monday and met the foreign minister to discuss "
        "regional security, trade and the supply of critical minerals. The talks lasted three "
        "hours and ended with a joint statement on cooperation.\n\n"
        "On Tuesday the delegation travelled to Seoul for a second round of talks with "
        "officials of the Republic of Korea."
    )
    # One line per paragraph (the usual case) is left alone, single newlines included.
    text = "Kangerlussuaq, Greenland\nKangerlussuaq Airport\n\n" + "A long paragraph. " * 20
    assert load_document("k.txt", text.encode()).text == text.strip()


def test_a_wrapped_line_opening_with_a_number_or_an_initial_carries_on_the_sentence() -> None:
    """ "12. " or "J. " at the head of a hard-wrapped line carries on a sentence that stopped on a
    word; after a lead-in line or another item, it opens a list item."""
    wrapped = (
        "President Biden will welcome President Duda to the White House on March\n"
        "12. The leaders will reaffirm their support for Ukraine's defense and for\n"
        "the Alliance. The Secretary of State, Antony\n"
        "J. Blinken, will also take part in the meeting with the two leaders.\n"
        "\n"
        "The three priorities of the meeting, in the order of the agenda, are:\n"
        "1. Security assistance for Ukraine and its air defense systems now\n"
        "2. Energy security for the region through the coming winter months\n"
    )
    for name in ("w.md", "w.txt"):  # Markdown's own reading, and plain text's
        text = load_document(name, wrapped.encode()).text
        assert "White House on March 12. The leaders" in text, (name, text)
        assert "Antony J. Blinken, will also" in text, (name, text)
        assert "are:\n1. Security assistance" in text and "now\n2. Energy" in text, (name, text)
