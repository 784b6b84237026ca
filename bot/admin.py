"""Admin-only handlers: reindex, statistics, and documents sent to the bot."""

from __future__ import annotations

import html
import time
from pathlib import PurePosixPath

from telegram import Update

from bot.context import DocbotContext, add_and_refresh, sync_and_refresh
from bot.render import report_lines, stats_lines, to_html
from bot.replies import effective_message, is_private, reply, typing
from index.errors import DocbotError

UPLOAD_SUFFIXES = (".txt", ".md", ".html", ".htm", ".pdf", ".docx")


async def require_admin(update: Update, context: DocbotContext, what: str) -> bool:
    """True for admins; everyone else gets a clear refusal."""
    user = update.effective_user
    if context.settings.is_admin(user.id if user else None):
        return True
    who = f" (your user id is {user.id})" if user else ""
    await reply(
        update,
        context,
        f"Sorry, only the bot's admins can {html.escape(what)}{who}. "
        "Admins are listed in DOCBOT_ADMIN_IDS.",
    )
    return False


async def reindex(update: Update, context: DocbotContext) -> None:
    """Index what changed in the corpus (admins only) and report what was done."""
    if not await require_admin(update, context, "reindex"):
        return
    if context.state.indexing:
        await reply(
            update, context, f"A {context.state.indexing[0]} is already running; try again shortly."
        )
        return
    await reply(update, context, "Reindexing… I keep answering questions meanwhile.")
    try:
        report = await context.index_write(
            "reindex", sync_and_refresh, context.kb, context.state.indexer
        )
    except DocbotError as exc:
        await reply(update, context, html.escape(str(exc)))
        return
    context.state.last_sync = report
    await reply(update, context, to_html(report_lines(report))[0])


async def stats(update: Update, context: DocbotContext) -> None:
    """Show index and usage figures (admins only)."""
    if not await require_admin(update, context, "see the statistics"):
        return
    try:
        index = await context.off_loop(context.kb.stats)
    except DocbotError as exc:
        await reply(update, context, html.escape(str(exc)))
        return
    st = context.state.stats
    p50, p95 = st.percentile(50), st.percentile(95)
    uptime = int(time.time() - st.started)
    rows = [
        ("Questions answered", str(st.questions)),
        ("Summaries", str(st.summaries)),
        ("Not found in the documents", str(st.refused)),
        ("Reply time p50", f"{p50:.0f} ms" if p50 is not None else "n/a"),
        ("Reply time p95", f"{p95:.0f} ms" if p95 is not None else "n/a"),
        ("Rate-limited questions", str(st.rate_limited)),
        ("Errors", str(st.errors)),
        ("Indexing now", ", ".join(context.state.indexing) or "no"),
        ("Uptime", f"{uptime // 3600} h {uptime % 3600 // 60} min"),
    ]
    batches = getattr(context.kb.embedder, "batches", None)
    if batches:
        queries = context.kb.embedder.queries  # type: ignore[attr-defined]
        rows.append(("Query embeddings", f"{queries} in {batches} batches"))
    await reply(update, context, to_html(stats_lines(index, rows))[0])


async def document(update: Update, context: DocbotContext) -> None:
    """Add a .txt, .md, .html, .pdf or .docx file an admin sends to the corpus, and index it."""
    if not is_private(update):
        return  # files shared in groups are conversation, not uploads
    if not await require_admin(update, context, "add documents"):
        return
    message = effective_message(update)
    doc = message.document
    assert doc is not None  # guaranteed by the handler's filter
    name = doc.file_name or "document"
    limit = context.settings.max_upload_bytes
    if PurePosixPath(name.lower()).suffix not in UPLOAD_SUFFIXES:
        await reply(
            update,
            context,
            f"I can add .txt, .md, .html or .pdf files and Word .docx documents, "
            f"not {html.escape(name)}.",
        )
        return
    if doc.file_size is not None and doc.file_size > limit:
        await reply(
            update,
            context,
            f"{html.escape(name)} is {doc.file_size / 1e6:.1f} MB; "
            f"the limit is {limit / 1e6:.0f} MB.",
        )
        return
    try:
        async with typing(context, message.chat_id):
            data = bytes(await (await doc.get_file()).download_as_bytearray())
            info, report = await context.index_write(
                "upload", add_and_refresh, context.kb, context.state.indexer, name, data, limit
            )
    except DocbotError as exc:
        await reply(update, context, html.escape(str(exc)))
        return
    context.state.last_sync = report
    date = f" ({info.date})" if info.date else ""
    await reply(
        update,
        context,
        f"Added <b>{html.escape(info.title)}</b>{html.escape(date)}: {info.chunks} "
        f"chunk{'s' if info.chunks != 1 else ''}, saved as {html.escape(info.path)}. "
        "You can ask about it now.",
    )
