"""A message asking two questions gets both answers in one reply, numbered on."""

from __future__ import annotations

import re

from conftest import UNRELATED_RELEASES, other_releases

DIALOGUE = (
    "Title: The Second Lantia Harbour Dialogue\nPublished: 2021-08-03\n\n"
    "Lantia and the United States held the second Harbour Dialogue on August 2, 2021. Through "
    "the dialogue, the two governments fund fisheries research and clean shipping.\n\n"
    "Ministers also agreed to meet again in Tolmar next spring.\n"
)
OTHERS = other_releases(UNRELATED_RELEASES, "2021-07")


def test_both_questions_are_answered_and_cited(make_kb) -> None:
    kb = make_kb({"dialogue.txt": DIALOGUE, **OTHERS})
    kb.sync()
    reply = kb.respond(
        "When was the second Harbour Dialogue held, and where will the ministers meet next?"
    ).reply
    assert reply.found and "August 2, 2021" in reply.text and "Tolmar" in reply.text, reply.text
    markers = [int(n) for n in re.findall(r"\[(\d+)\]", reply.text)]
    assert markers == list(range(1, len(reply.citations) + 1))
    assert [c.n for c in reply.citations] == markers
    text = kb.document_text(reply.citations[0].doc_id)
    for c in reply.citations:  # each marker cites the sentence it follows
        before = reply.text.split(f"[{c.n}]")[0]
        assert text[c.start : c.end].strip()[-20:] in before, (c.n, before)
    for a, b in reply.highlights:
        assert 0 <= a < b <= len(reply.text) and "[" not in reply.text[a:b], reply.text[a:b]


def test_a_question_that_only_looks_double_is_answered_whole(make_kb) -> None:
    kb = make_kb({"dialogue.txt": DIALOGUE, **OTHERS})
    kb.sync()
    reply = kb.respond("Who held the Harbour Dialogue, and when?").reply
    assert reply.found and "August 2, 2021" in reply.text, reply.text
