"""Word documents built with python-docx, for the ingest and chat tests."""

from __future__ import annotations

import datetime as dt
import io


def make_docx(
    title: str | None, paragraphs: list[str], created: dt.datetime | None = None
) -> bytes:
    """A .docx with these paragraphs, a small table, and `title`/`created` core properties."""
    import docx

    document = docx.Document()
    for text in paragraphs:
        document.add_paragraph(text)
    table = document.add_table(rows=2, cols=2)
    for r, row in enumerate([("City", "Date"), ("Hanoi", "June 3")]):
        for c, value in enumerate(row):
            table.cell(r, c).text = value
    props = document.core_properties
    props.title = title or ""
    if created is not None:
        props.created = created
    buf = io.BytesIO()
    document.save(buf)
    return buf.getvalue()
