"""`docbot chat`: the bot's answers and summaries in a terminal, reading questions from stdin.

Works interactively (a prompt, bold in ANSI) and with piped input (no prompt, bold as **…**),
so `make run` without a token gives a newcomer the bot in one command, and tests can drive it.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, TextIO

from bot.memory import ChatMemory
from bot.render import (
    Line,
    help_examples,
    passage_lines,
    passage_ref,
    report_lines,
    result_lines,
    sources_page,
    stats_lines,
    to_text,
)
from bot.settings import Settings
from index.errors import DocbotError

if TYPE_CHECKING:
    from index.kb import KnowledgeBase
    from index.types import Reply

log = logging.getLogger(__name__)
QUIT = {"/quit", "/exit", "/q"}
CHAT = 1  # the terminal is one chat
COMMANDS = """Commands:
  QUESTION            just type it (or /ask QUESTION); also "summarize …", "where did X
                      travel in 2022", follow-ups such as "what about Tokyo?" or "who else?"
  /summary TOPIC      summarize a trip or a document
  /trips TOPIC        a timeline of trips: a person, a place or a period
  /new                forget the conversation (follow-ups start afresh)
  /sources [PAGE]     list the documents
  /passage N          show the passage behind citation [N] of the last answer
  /reindex            index what changed in the corpus
  /stats              index figures
  /help               this text
  /quit               leave (or Ctrl-D)"""


@dataclass
class _Session:
    kb: KnowledgeBase
    settings: Settings
    out: TextIO
    bold: tuple[str, str]
    last: Reply | None = None
    memory: ChatMemory | None = None  # one chat: follow-ups are read against its context

    def say(self, text: str) -> None:
        print(text, file=self.out, flush=True)


def run(
    settings: Settings,
    *,
    kb: KnowledgeBase | None = None,
    stdin: TextIO | None = None,
    stdout: TextIO | None = None,
) -> int:
    """Chat until /quit or end of input; returns the exit status.

    Raises:
        DocbotError: the corpus or index can't be used (the CLI prints the message).
    """
    stdin = stdin or sys.stdin
    stdout = stdout or sys.stdout
    if kb is None:
        from index.kb import KnowledgeBase

        kb = KnowledgeBase(settings.index_config())
        print(f"Updating the index of {settings.corpus}…", file=sys.stderr, flush=True)
        kb.sync()
        kb.refresh()
    interactive = stdin.isatty()
    bold = ("\033[1m", "\033[0m") if stdout.isatty() else ("**", "**")
    memory = ChatMemory(":memory:", ttl_seconds=settings.context_minutes * 60)
    session = _Session(kb, settings, stdout, bold, memory=memory)
    session.say(_banner(session))
    while True:
        if interactive:
            print("> ", end="", file=stdout, flush=True)
        try:
            line = stdin.readline()
        except KeyboardInterrupt:
            session.say("")
            return 0
        if not line:  # end of input
            return 0
        if not _handle(session, line.strip()):
            return 0


def _banner(session: _Session) -> str:
    try:
        count = len(session.kb.sources())
    except DocbotError as exc:
        return f"docbot chat: {exc}"
    return f"docbot chat: {count} documents. Type a question, /help for commands, /quit to leave."


def _handle(session: _Session, line: str) -> bool:
    """Act on one input line; False when the user wants to leave."""
    if not line:
        return True
    command, _, rest = line.partition(" ") if line.startswith("/") else ("", "", line)
    command = command.lower()
    if command in QUIT:
        return False
    try:
        if command in ("", "/ask"):
            _answer(session, rest, summary=False)
        elif command == "/summary":
            _answer(session, rest, summary=True)
        elif command == "/trips":
            _answer(session, rest, summary=False, trips=True)
        elif command == "/new":
            if session.memory is not None:
                session.memory.forget(CHAT)
            session.say("Starting afresh: follow-ups now need a new question first.")
        elif command in ("/help", "/start"):
            _help(session)
        elif command == "/sources":
            _sources(session, rest)
        elif command in ("/passage", "/open"):
            _passage(session, rest)
        elif command == "/reindex":
            report = session.kb.sync()
            session.kb.refresh()
            session.say(_text(session, report_lines(report)))
        elif command == "/stats":
            session.say(_text(session, stats_lines(session.kb.stats(), [])))
        else:
            session.say(f"Unknown command {command}. Type /help for the list.")
    except DocbotError as exc:
        session.say(str(exc))
    except Exception as exc:  # like the bot's error handler: log it, say so, keep going
        log.error("Error while handling %r", line[:80], exc_info=exc)
        session.say(f"Sorry, something went wrong ({type(exc).__name__}); see the log.")
    return True


def _text(session: _Session, lines: Sequence[Line]) -> str:
    return to_text(lines, bold=session.bold)


def _answer(session: _Session, text: str, *, summary: bool, trips: bool = False) -> None:
    question = " ".join(text.split())
    if not question:
        what = (
            "a topic after /trips"
            if trips
            else "a topic after /summary"
            if summary
            else "a question after /ask"
        )
        session.say(f"Please give {what}.")
        return
    limit = session.settings.max_question_chars
    if len(question) > limit:
        session.say(f"That is {len(question):,} characters; please ask in {limit:,} or fewer.")
        return
    if summary:
        result = session.kb.summarize(question)
    elif trips:
        result = session.kb.timeline(question)
    else:
        result = _respond(session, question)
        if result.kind == "sources":  # "what documents do you have": the document list
            _sources(session, "")
            return
    session.last = result
    out = _text(session, result_lines(result))
    if result.citations:
        out += "\n(/passage N shows the passage behind citation [N].)"
    session.say(out)


def _respond(session: _Session, message: str) -> Reply:
    """A plain message: routed by intent and read against the chat's context."""
    memory = session.memory
    context = memory.get(CHAT) if memory is not None else None
    responded = session.kb.respond(message, context)
    if memory is not None and responded.context is not None and responded.context != context:
        memory.put(CHAT, [], responded.context)
    return responded.reply


def _help(session: _Session) -> None:
    examples = help_examples(session.kb.sources())
    text = COMMANDS
    if examples:
        text = "Try:\n" + "\n".join(f"  {e}" for e in examples) + "\n\n" + text
    session.say(text)


def _sources(session: _Session, rest: str) -> None:
    page = int(rest) - 1 if rest.strip().isdigit() else 0
    lines, shown, pages = sources_page(session.kb.sources(), page)
    out = _text(session, lines)
    if shown + 1 < pages:
        out += f"\n(/sources {shown + 2} for the next page)"
    session.say(out)


def _passage(session: _Session, rest: str) -> None:
    if session.last is None or not session.last.citations:
        session.say("Ask a question first; then /passage N shows the passage behind [N].")
        return
    by_n = {c.n: c for c in session.last.citations}
    n = int(rest) if rest.strip().isdigit() else -1
    if n not in by_n:
        session.say(f"Give a citation number: {', '.join(str(k) for k in sorted(by_n))}.")
        return
    ref = passage_ref(by_n[n])
    info, passage = session.kb.passage(ref.doc_id, ref.passage_start, ref.passage_end)
    bold = (ref.start - ref.passage_start, ref.end - ref.passage_start)
    session.say(_text(session, passage_lines(info.title, info.date, info.url, passage, bold)))
