"""A follow-up opened by "and" or "so" goes on from the last question: the documents just cited
answer it when they hold most of its words (compose/respond.py, query/followup.py `goes_on`)."""

from __future__ import annotations

from index.query.followup import goes_on

VISA = (
    "Title: Changes to the Tolmar Visa Application\nPublished: 2022-07-15\n\n"
    "The Department changed the Tolmar visa application process on July 15, 2022. New "
    "applicants no longer need to submit Form T-360 with their application.\n"
)
PERMITS = (
    "Title: Lantia Work Permits\nPublished: 2022-05-01\n\n"
    "New workers in Lantia can skip form L-100 when they apply for permits, the ministry said.\n"
)
ENVOY = (
    "Title: Special Envoy to Monitor and Combat Antisemitism\nPublished: 2022-05-03\n\n"
    "The President named Dana Orr as the new Special Envoy to Monitor and Combat Antisemitism.\n"
)


def test_a_message_opened_by_and_or_so_goes_on() -> None:
    assert goes_on("So which form can new applicants skip now?")
    assert goes_on("and what does that bring total US security aid to since the invasion?")
    assert not goes_on("Which form can new applicants skip now?")
    assert not goes_on("and " + "what did the minister say about the talks " * 3)  # too long


def test_going_on_is_answered_from_the_documents_just_cited(make_kb) -> None:
    kb = make_kb({"visa.txt": VISA, "permits.txt": PERMITS, "envoy.txt": ENVOY})
    kb.sync()
    first = kb.respond("What change did the Department make to the Tolmar visa application?")
    assert first.reply.found and "T-360" in first.reply.text, first.reply.text
    asked = kb.respond("So which form can new applicants skip now?", first.context).reply
    assert asked.found and "T-360" in asked.text and "L-100" not in asked.text, asked.text
    # most of its words are no words of the release just cited: a question of its own
    named = "and who did the president name to combat antisemitism?"
    other = kb.respond(named, first.context).reply
    assert other.found and "Dana Orr" in other.text, other.text
