"""A day named without its year, in a corpus that has that month in two years: "the drawdown
authorized on may 6" is asked once for each year, and the reading whose documents answer it
better is kept."""

from __future__ import annotations

from index.compose.answer import answer_question
from index.query.plan import plan_query
from index.query.when import in_each_year

RELEASES = {
    "a.txt": """Title: Drawdown for Lantia's Defense
Published: 2022-05-06

I am approving today further arms for Lantia, valued at up to $150 million.
They come from our own inventories, as the earlier ones did.
""",
    "b.txt": """Title: New Drawdown of Security Assistance for Lantia
Published: 2022-03-12

The big Lantia drawdown authorized today is worth $200 million in security assistance.
This drawdown for Lantia brings total security assistance for Lantia to $1.2 billion.
""",
    "c.txt": """Title: Additional Drawdown of Security Assistance for Lantia
Published: 2022-04-14

The big Lantia drawdown authorized today is worth $800 million in security assistance.
This drawdown for Lantia includes new capabilities for Lantia's defense.
""",
    "d.txt": """Title: Harbour Council Meets in Dunmore
Published: 2021-05-20

The harbour council of Dunmore met today to plan the summer season and the lighthouse works.
""",
}


def test_a_yearless_day_is_read_in_each_year_of_its_month(make_kb) -> None:
    kb = make_kb(RELEASES)
    kb.sync()
    snap = kb.snapshot()
    question = "how big was the lantia drawdown authorized on may 6?"

    def readings(text: str) -> list[str]:
        return in_each_year(snap, plan_query(snap, kb.embedder, text))

    assert readings(question) == [
        "how big was the lantia drawdown authorized on may 6 2021?",
        "how big was the lantia drawdown authorized on may 6 2022?",
    ]
    assert readings("how big was the lantia drawdown authorized on April 14?") == []
    assert readings("how big was the drawdown in May?") == []  # no one day
    reply = answer_question(snap, kb.embedder, question)
    assert reply.found and "$150 million" in reply.text.split("[1]")[0], reply.text
