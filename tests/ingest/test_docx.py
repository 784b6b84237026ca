"""Word documents: text, tables and the core properties' title and date."""

from __future__ import annotations

import datetime as dt

import pytest
from support.docx_files import make_docx

from index.errors import DocumentError
from index.ingest.documents import load_document
from index.ingest.scan import SUPPORTED_SUFFIXES

PARAGRAPHS = [
    "The Deputy Secretary will travel to Hanoi and Jakarta from June 1 to June 5.",
    "In Hanoi she will meet the Foreign Minister to discuss maritime security.",
]


def test_docx_is_a_corpus_format() -> None:
    assert ".docx" in SUPPORTED_SUFFIXES


def test_docx_text_tables_title_and_date() -> None:
    data = make_docx("Deputy Secretary's Travel", PARAGRAPHS, dt.datetime(2022, 5, 30, 9, 0))
    doc = load_document("notes/travel.docx", data)
    assert (doc.title, doc.date) == ("Deputy Secretary's Travel", "2022-05-30")
    assert PARAGRAPHS[0] in doc.text and PARAGRAPHS[1] in doc.text
    assert "Hanoi | June 3" in doc.text


def test_docx_without_a_title_property_takes_its_first_line() -> None:
    doc = load_document("untitled.docx", make_docx(None, PARAGRAPHS))
    assert doc.title.startswith("The Deputy Secretary will travel")


@pytest.mark.parametrize("data", [b"", b"PK\x03\x04 truncated zip", b"plain text, not a docx"])
def test_broken_docx_is_skipped_with_a_reason(data: bytes) -> None:
    with pytest.raises(DocumentError):
        load_document("broken.docx", data)
