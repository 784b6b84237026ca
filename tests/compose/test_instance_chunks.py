"""A "what NOUN" question asking for a named thing finds it in a later chunk of the document
that holds the question's words: "what unit are they in?" is answered by "Unit 4417", said
paragraphs after the opening that names the officers."""

from __future__ import annotations

from conftest import UNRELATED_RELEASES, other_releases

FILLER = (
    "Tips may be sent through a secure line that is open day and night in many languages, "
    "and those who send them may be eligible for relocation. "
)
OFFER = (
    "Title: Reward Offer for Information on Lantian Intelligence Officers\n"
    "Published: 2022-04-26\n\n"
    "The Rewards program is offering a reward of up to $10 million for information on six "
    "officers of the Lantian Intelligence Directorate (LID) for their role in a conspiracy "
    "of malicious cyber activities against critical infrastructure.\n\n"
    + "\n\n".join(FILLER * 3 for _ in range(12))
    + "\n\nAll six officers of the Directorate work in Unit 4417, also known by researchers "
    "as Grey Heron.\n"
)
SIMILAR = {
    f"offer{i}.txt": (
        f"Title: Reward Offer for Information on Tolmar Officers {i}\nPublished: 2022-05-0{i}\n\n"
        f"The Rewards program is offering a reward for information on {i} officers of the "
        "Tolmar security service who took part in cyber activities.\n"
    )
    for i in range(1, 8)
}
OTHERS = other_releases(UNRELATED_RELEASES, "2022-03")


def test_a_named_thing_asked_for_is_found_in_a_later_chunk(make_kb) -> None:
    kb = make_kb({"offer.txt": OFFER, **SIMILAR, **OTHERS})
    kb.sync()
    reply = kb.respond(
        "The six LID officers the Rewards program wants info on for cyber activities against "
        "critical infrastructure - what unit are they in?"
    ).reply
    assert reply.found and "Unit 4417" in reply.text, reply.text
