"""Names typed in lower case (index/query/typed_names.py): the whole name a chat's question
is about, so that a follow-up's "she" is asked about it."""

from __future__ import annotations

from index.query.typed_names import question_subject, typed_names

RELEASE = """Title: Assistant Secretary Varga's Visit to Malabo
Published: 2022-02-11

Assistant Secretary of State Lena Varga will visit Malabo, Equatorial Guinea, on February 14.
There, Assistant Secretary Varga will meet Foreign Minister Simeon Oyono to discuss fisheries.
Varga will also meet Japanese Ambassador Kenji Ito about the port.
"""


def test_a_name_typed_in_lower_case_is_read_whole(make_kb) -> None:
    kb = make_kb({"varga.txt": RELEASE})
    kb.sync()
    snap = kb.snapshot()
    assert typed_names(snap, "who did lena varga meet in malabo") == ["Lena", "Varga"]
    # the words right after the first name word belong to it
    assert question_subject(snap, "who did lena varga meet in malabo") == "Lena Varga"
    assert question_subject(snap, "what is varga doing in malabo") == "Varga"
    # a country's adjective starts no name
    assert question_subject(snap, "which japanese ambassador did varga meet") == "Japanese"
    # a capitalised name is read as typed
    assert question_subject(snap, "Who did Lena Varga meet?") == "Lena Varga"


def test_a_follow_up_is_asked_about_the_whole_name(make_kb) -> None:
    kb = make_kb({"varga.txt": RELEASE})
    kb.sync()
    first = kb.respond("who did lena varga meet in malabo", None)
    follow = kb.respond("what did she discuss there?", first.context)
    assert follow.reply.reading is not None and "Lena Varga" in follow.reply.reading


DESIGNATION = """Title: Designation of Judge Ana Ferro for Involvement in Significant Corruption
Published: 2022-05-17

The United States is designating Judge Ana Ferro of Guatemala due to her involvement in
significant corruption. Her corruption undermines the rule of law, and the Department also
designates her husband, Tomas Ferro, for the same corruption. It is the second designation
under the Global Corruption Initiative this year.
"""


def test_a_question_typed_with_capitals_names_no_one_by_a_common_word(make_kb) -> None:
    """Whoever capitalises a place capitalises a name too: "corruption" there is no name,
    though the corpus writes it capitalised once ("the Global Corruption Initiative"); a word
    the corpus nearly always writes as a name still is one ("Who did lena varga meet in
    Malabo?")."""
    kb = make_kb({"varga.txt": RELEASE, "ferro.txt": DESIGNATION})
    kb.sync()
    snap = kb.snapshot()
    assert question_subject(snap, "Who did the US designate for corruption in Guatemala?") is None
    # typed all in lower case, the question says nothing of how its writer spells names: any
    # word the corpus writes capitalised may be one (the reading before this test's change)
    assert question_subject(snap, "who did the us designate for corruption") == "Corruption"
    assert question_subject(snap, "Who did lena varga meet in Malabo?") == "Lena Varga"
    first = kb.respond("Who did the US designate for corruption in Guatemala?", None)
    follow = kb.respond("was anyone in her family designated too?", first.context)
    assert follow.reply.reading is not None and "Corruption" not in follow.reply.reading
    assert "Tomas Ferro" in follow.reply.text, follow.reply.text
