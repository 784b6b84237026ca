"""End to end: the real PTB Application, a real KnowledgeBase, and a fake Bot API server.

Every test talks to the bot only the way Telegram would: updates in, Bot API calls out.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from support.bot_harness import ADMIN, Conversation, bulletins, running_bot, write_corpus
from support.fake_telegram import SentMessage

from bot.render import decode_passage, emphasised
from index.config import IndexConfig
from index.kb import KnowledgeBase

QUESTION = "Who did Blinken meet in Tokyo in November 2023?"

MARKUP_DOC = """Title: The Glimmerfen tapestry record
Published: 2022-05-04

The Glimmerfen tapestry hangs in the Varnholt museum. The conservator wrote <b>restored by Odalys
Prenn</b> in the catalogue, and the web page shows <a href="https://evil.example/x">the record</a>
with the note "fragile & faded". Odalys Prenn restored the Glimmerfen tapestry in 2019 using
madder-dyed wool.
"""


@pytest.fixture(scope="module")
def kb(tmp_path_factory: pytest.TempPathFactory, embedder) -> KnowledgeBase:
    """docs_corpus/ plus a document full of markup and ten short bulletins (for paging)."""
    base = tmp_path_factory.mktemp("bot_e2e")
    files = {"glimmerfen.txt": MARKUP_DOC}
    files.update(bulletins(10))
    corpus = write_corpus(base / "corpus", files)
    kb = KnowledgeBase(IndexConfig(corpus, base / "index"), embedder=embedder)
    kb.sync()
    return kb


@pytest.fixture(scope="module")
def bot(kb: KnowledgeBase, tmp_path_factory: pytest.TempPathFactory):
    """The bot, running for the whole module; each test uses its own chat ids."""
    with running_bot(kb, tmp_path_factory.mktemp("bot")) as running:
        yield running


def _answer_of(messages: list[SentMessage]) -> SentMessage:
    assert len(messages) == 1, [m.plain for m in messages]
    return messages[0]


def test_startup_registers_commands(bot) -> None:
    fake, _ = bot
    public = [c["command"] for c in fake.commands["default"]]
    assert public[:6] == ["ask", "summary", "trips", "new", "sources", "help"]  # issue 8
    assert public[6:] == ["follow", "following", "unfollow"]  # issue 10
    admin = [c["command"] for c in fake.commands[f"chat:{ADMIN}"]]
    assert {"reindex", "stats"} <= set(admin)


def test_start_and_help_give_examples_from_the_corpus(bot, kb: KnowledgeBase) -> None:
    fake, _ = bot
    chat = Conversation(fake, 101)
    start = _answer_of(chat.say("/start")).plain
    assert "Hello" in start and f"{len(kb.sources())} documents" in start
    examples = start.split("Try\n", 1)[1].split("\n\n", 1)[0].splitlines()
    assert len(examples) == 3
    titles = " ".join(s.title for s in kb.sources())
    name = examples[0].removeprefix("• What do the documents say about ").rstrip("?")
    assert name in titles  # taken from the documents, not written into the bot
    assert "/reindex" not in start  # admin help only for admins
    admin_help = _answer_of(Conversation(fake, ADMIN).say("/help")).plain
    assert "/reindex" in admin_help and "/stats" in admin_help


def test_question_gets_answer_citations_and_buttons(bot, kb: KnowledgeBase) -> None:
    fake, _ = bot
    expected = kb.ask(QUESTION)
    assert expected.found and expected.citations
    chat = Conversation(fake, 102)
    reply = _answer_of(chat.say(QUESTION))
    assert reply.parse_mode == "HTML"
    assert reply.plain.startswith(expected.text)
    highlighted = [r.text for r in emphasised(expected.text, expected.highlights) if r.bold]
    assert reply.bold == [*highlighted, "Sources"]
    assert "Sources" in reply.bold
    for c in expected.citations:
        assert f"[{c.n}]" in reply.plain and c.title in reply.plain
        assert (c.date or "undated") in reply.plain
    assert len(reply.buttons) == len(expected.citations)
    for button, c in zip(reply.buttons, expected.citations, strict=True):
        assert button["text"].startswith(f"[{c.n}]")
        ref = decode_passage(button["callback_data"])
        assert ref is not None and (ref.doc_id, ref.start, ref.end) == (c.doc_id, c.start, c.end)


def test_button_press_shows_the_passage_with_the_sentence_bold(bot, kb: KnowledgeBase) -> None:
    fake, _ = bot
    chat = Conversation(fake, 103)
    answer = _answer_of(chat.say(QUESTION))
    expected = kb.ask(QUESTION)
    for button, c in zip(answer.buttons, expected.citations, strict=True):
        before = len(chat.sent())
        query_id = fake.press_button(answer, button["callback_data"], user_id=103)
        passage = _answer_of(chat.wait_new(before))
        sentence = kb.document_text(c.doc_id)[c.start : c.end]
        assert passage.reply_to == answer.message_id
        assert passage.bold == [c.title, sentence]
        assert passage.plain.startswith(c.title) and sentence in passage.plain
        assert c.passage in passage.plain  # the full cited passage
        fake.wait_for(
            lambda q=query_id: any(a["callback_query_id"] == q for a in fake.callback_answers)
        )


def test_stale_or_forged_button_is_answered_without_crashing(bot) -> None:
    fake, _ = bot
    chat = Conversation(fake, 104)
    answer = _answer_of(chat.say(QUESTION))
    forged = "p:000000000000:0:5:0:5:1"
    query_ids = [fake.press_button(answer, data, user_id=104) for data in (forged, "zz:1")]
    fake.wait_for(lambda: {a["callback_query_id"] for a in fake.callback_answers} >= set(query_ids))
    texts = {a["callback_query_id"]: a.get("text", "") for a in fake.callback_answers}
    assert "no longer in the index" in texts[query_ids[0]]
    assert "expired" in texts[query_ids[1]]
    assert len(chat.sent()) == 1  # no error message, no passage


def test_summary(bot, kb: KnowledgeBase) -> None:
    fake, _ = bot
    topic = "the November 2023 trip"
    expected = kb.summarize(topic)
    reply = _answer_of(Conversation(fake, 105).say(f"/summary {topic}"))
    assert reply.plain.startswith(expected.text)
    assert len(reply.buttons) == min(len(expected.citations), 10)


def test_sources_paging_with_inline_buttons(bot, kb: KnowledgeBase) -> None:
    fake, _ = bot
    chat = Conversation(fake, 106)
    titles = [s.title for s in kb.sources()]
    listing = _answer_of(chat.say("/sources"))
    assert f"{len(titles)} documents — page 1 of 2" in listing.plain
    assert titles[0] in listing.plain and titles[-1] not in listing.plain
    labels = [b["text"] for b in listing.buttons]
    assert labels == ["1 / 2", "Next ›"]
    fake.press_button(listing, listing.buttons[1]["callback_data"], user_id=106)
    fake.wait_for(lambda: listing.edits == 1)
    assert "page 2 of 2" in listing.plain and titles[-1] in listing.plain
    assert [b["text"] for b in listing.buttons] == ["‹ Previous", "2 / 2"]
    fake.press_button(listing, listing.buttons[0]["callback_data"], user_id=106)
    fake.wait_for(lambda: listing.edits == 2)
    assert "page 1 of 2" in listing.plain
    # Pressing the current page changes nothing and is not an error.
    query = fake.press_button(listing, listing.buttons[0]["callback_data"], user_id=106)
    fake.wait_for(lambda: any(a["callback_query_id"] == query for a in fake.callback_answers))
    assert len(chat.sent()) == 1 and listing.edits == 2


def test_document_markup_arrives_escaped(bot, kb: KnowledgeBase) -> None:
    fake, _ = bot
    question = "Who restored the Glimmerfen tapestry?"
    reply = _answer_of(Conversation(fake, 107).say(question))
    # The fake parses HTML as Telegram does: had the document's tags gone out raw, the send
    # would have failed (unsupported <a> target) or shown bold/links the document never had.
    assert "Odalys" in reply.plain and "Prenn" in reply.plain
    assert "https://evil.example/x" not in reply.hrefs
    cited = next(b for b in reply.buttons if "Glimmerfen" in b["text"])
    before = len(fake.messages_to(107))
    fake.press_button(reply, cited["callback_data"], user_id=107)
    passage = fake.wait_messages(107, before + 1)[-1]
    assert "<b>restored by Odalys" in passage.plain
    assert '<a href="https://evil.example/x">the record</a>' in passage.plain
    assert "&lt;b&gt;" in passage.text and "&lt;a href=" in passage.text
    assert "fragile &amp; faded" in passage.text
    assert passage.hrefs == []


def test_non_admin_commands_and_uploads_are_refused(bot, kb: KnowledgeBase) -> None:
    fake, _ = bot
    chat = Conversation(fake, 108)
    generation = kb.stats().generation
    for command in ("/reindex", "/stats"):
        refusal = _answer_of(chat.say(command)).plain
        assert refusal.startswith("Sorry, only the bot's admins") and "108" in refusal
    before = len(chat.sent())
    fake.send_document(108, "facts.txt", b"The moon is made of basalt.", user_id=108)
    refusal = _answer_of(chat.wait_new(before)).plain
    assert "only the bot's admins can add documents" in refusal
    assert not (kb.corpus / "facts.txt").exists()
    assert kb.stats().generation == generation
    assert not fake.calls_of("getFile")  # refused before downloading anything


def test_bad_input_gets_sensible_replies(bot) -> None:
    fake, _ = bot
    chat = Conversation(fake, 109)
    usage = _answer_of(chat.say("/ask")).plain
    assert usage.startswith("Please put your question after /ask. For example: /ask ")
    assert "Please put a topic after /summary" in _answer_of(chat.say("/summary   ")).plain
    long = _answer_of(chat.say("why" + "y" * 4996 + "?")).plain
    assert "5,000 characters" in long and "shorter question" in long
    before = len(chat.sent())
    fake.send_sticker(109)
    assert _answer_of(chat.wait_new(before)).plain.startswith("I can only read text")
    before = len(chat.sent())
    fake.send_photo(109)
    assert _answer_of(chat.wait_new(before)).plain.startswith("I can only read text")
    assert "/help" in _answer_of(chat.say("/frobnicate")).plain
    assert "help" in _answer_of(chat.say("/help")).plain  # and the bot is still fine


def test_per_user_rate_limit_is_answered_politely_once(bot) -> None:
    fake, _ = bot
    chat, other = Conversation(fake, 110), Conversation(fake, 111)
    for i in range(10):
        chat.say(f"How many ships did Veltmar harbour handle in month {i + 1}?")
    notice = _answer_of(chat.say("One more question?")).plain
    assert "at most 10 questions a minute" in notice and "try again in" in notice
    before = len(chat.sent())
    fake.send_text(110, "And another?")
    # Other users are not limited; and the flooder gets no second notice.
    assert _answer_of(other.say("How many ferries used Veltmar harbour in month 2?"))
    fake.wait_for(lambda: fake.pending_updates() == 0)
    assert "How many ferries" not in chat.sent()[-1].plain
    assert len(chat.sent()) == before or all(
        "questions a minute" not in m.plain for m in chat.sent()[before:]
    )


def test_admin_stats(bot) -> None:
    fake, _ = bot
    stats = _answer_of(Conversation(fake, ADMIN).say("/stats")).plain
    for label in ("Documents: ", "Chunks: ", "Last indexed: ", "Questions answered: "):
        assert label in stats
    assert "Reply time p50: " in stats


def test_admin_upload_makes_a_new_fact_answerable(make_kb, tmp_path: Path) -> None:
    kb = make_kb(seed=True)
    kb.sync()
    question = "Who founded the Quillon observatory?"
    upload = (
        "---\ntitle: Quillon observatory history\ndate: 2020-06-01\n---\n\n"
        "The Quillon observatory was founded in 1887 by the astronomer Mirela Vantosh. "
        "It stands on the northern ridge above the town.\n"
    )
    with running_bot(kb, tmp_path) as (fake, _):
        admin = Conversation(fake, ADMIN)
        assert "Vantosh" not in _answer_of(admin.say(question)).plain
        before = len(admin.sent())
        fake.send_document(ADMIN, "../../quillon notes.md", upload.encode(), user_id=ADMIN)
        ack = _answer_of(admin.wait_new(before)).plain
        assert ack.startswith("Added Quillon observatory history (2020-06-01)")
        assert "1 chunk" in ack and "saved as quillon-notes.md" in ack
        assert (kb.corpus / "quillon-notes.md").read_text(encoding="utf-8") == upload
        assert "Vantosh" in _answer_of(admin.say(question)).plain
        # The same name again is stored beside it, never over it.
        before = len(admin.sent())
        fake.send_document(ADMIN, "quillon notes.md", b"Another text entirely.", user_id=ADMIN)
        assert "quillon-notes-1.md" in _answer_of(admin.wait_new(before)).plain
        # Unsupported types and oversized files are refused with a reason.
        before = len(admin.sent())
        fake.send_document(ADMIN, "tool.exe", b"MZ", user_id=ADMIN)
        assert (
            "I can add .txt, .md, .html or .pdf files" in _answer_of(admin.wait_new(before)).plain
        )
        before = len(admin.sent())
        fake.send_document(ADMIN, "big.pdf", b"%PDF", user_id=ADMIN, declared_size=11 * 2**20)
        assert "the limit is" in _answer_of(admin.wait_new(before)).plain
        before = len(admin.sent())
        fake.send_document(ADMIN, "empty.txt", b"", user_id=ADMIN)
        refusal = _answer_of(admin.wait_new(before)).plain
        assert not refusal.startswith("Added") and not refusal.startswith("Sorry, something")


def test_dropped_file_is_answerable_after_the_rescan(make_kb, tmp_path: Path) -> None:
    kb = make_kb(seed=True)
    kb.sync()
    question = "Which bird nests on the Tarvik lighthouse?"
    with running_bot(kb, tmp_path, DOCBOT_RESCAN_SECONDS=0.5) as (fake, _):
        user = Conversation(fake, 120)
        assert "puffin" not in _answer_of(user.say(question)).plain.lower()
        (kb.corpus / "tarvik.txt").write_text(
            "Tarvik lighthouse notes\n\nA colony of Atlantic puffins nests on the Tarvik "
            "lighthouse rock every spring, and the keeper counts them in May.\n",
            encoding="utf-8",
        )
        # Nobody but the background job indexes here.
        fake.wait_for(lambda: any(s.path == "tarvik.txt" for s in kb.sources()), timeout=120)
        assert "puffin" in _answer_of(user.say(question)).plain.lower()


def test_admin_reindex_reports_what_changed(make_kb, tmp_path: Path) -> None:
    kb = make_kb(seed=True)
    kb.sync()
    with running_bot(kb, tmp_path) as (fake, _):
        admin = Conversation(fake, ADMIN)
        (kb.corpus / "new-note.txt").write_text("Note\n\nThe ferry to Ostrel leaves at nine.\n")
        ack, report = admin.say("/reindex", replies=2)
        assert ack.plain.startswith("Reindexing")
        assert report.plain.startswith("Index updated") and "added 1" in report.plain
        assert "unchanged 2" in report.plain


def test_button_of_a_changed_document_says_so(make_kb, tmp_path: Path) -> None:
    kb = make_kb(seed=True)
    kb.sync()
    with running_bot(kb, tmp_path) as (fake, _):
        user = Conversation(fake, 130)
        answer = _answer_of(user.say(QUESTION))
        ref = decode_passage(answer.buttons[0]["callback_data"])
        assert ref is not None
        path = kb.corpus / next(s.path for s in kb.sources() if s.doc_id == ref.doc_id)
        path.chmod(0o644)
        text = path.read_text(encoding="utf-8")
        # Rewrite the document so the cited offsets now point at other words.
        body_start = text.index("\n\n") + 2 if "\n\n" in text else 0
        path.write_text(text[:body_start] + text[body_start:][::-1], encoding="utf-8")
        Conversation(fake, ADMIN).say("/reindex", replies=2)
        query = fake.press_button(answer, answer.buttons[0]["callback_data"], user_id=130)
        fake.wait_for(lambda: any(a["callback_query_id"] == query for a in fake.callback_answers))
        alert = next(a for a in fake.callback_answers if a["callback_query_id"] == query)
        assert "changed since this answer" in alert.get("text", "")
        assert alert["show_alert"] is True
        assert len(user.sent()) == 1  # no stale passage shown
