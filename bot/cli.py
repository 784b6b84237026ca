"""The `docbot` command line."""

from __future__ import annotations

import argparse
import json
import logging
import sys
from collections.abc import Callable, Sequence
from dataclasses import asdict
from typing import TYPE_CHECKING, Any

from bot.settings import Settings
from index.errors import DocbotError

if TYPE_CHECKING:
    from index.kb import KnowledgeBase
    from index.types import Answer, Summary, SyncReport


def _kb(settings: Settings) -> KnowledgeBase:
    from index.kb import KnowledgeBase

    return KnowledgeBase(settings.corpus, settings.index_dir, model=settings.model)


def _dump(obj: Any) -> None:
    print(json.dumps(asdict(obj), ensure_ascii=False, indent=2))


def _progress_bar() -> tuple[Callable[[str, int, int], None], Callable[[], None]]:
    """A tqdm bar on a terminal; nothing when output is piped."""
    if not sys.stderr.isatty():
        return (lambda stage, done, total: None), (lambda: None)
    from tqdm import tqdm

    bars: dict[str, Any] = {}

    def update(stage: str, done: int, total: int) -> None:
        if total == 0:
            return
        bar = bars.get(stage)
        if bar is None:
            bar = bars[stage] = tqdm(total=total, desc=stage, unit="chunk", leave=False)
        bar.n = done
        bar.refresh()

    def close() -> None:
        for bar in bars.values():
            bar.close()

    return update, close


def format_report(report: SyncReport) -> str:
    """A sync report as terminal text."""
    lines = [
        f"Indexed {report.documents} documents, {report.chunks} chunks "
        f"(generation {report.generation}) in {report.seconds:.2f} s.",
        f"  added {report.added}, updated {report.updated}, removed {report.removed}, "
        f"renamed {report.renamed}, unchanged {report.unchanged}; "
        f"chunks embedded {report.chunks_embedded}.",
    ]
    if report.skipped:
        lines.append(f"  skipped {len(report.skipped)}:")
        lines += [f"    {s.path}: {s.reason}" for s in report.skipped]
    return "\n".join(lines)


def cmd_index(settings: Settings, args: argparse.Namespace) -> int:
    """Bring the index in step with the corpus."""
    kb = _kb(settings)
    update, close = _progress_bar()

    def waiting(holder: str) -> None:
        print(f"Another index run holds the lock ({holder}); waiting for it…", file=sys.stderr)

    try:
        report = kb.sync(
            rebuild=args.rebuild, wait=not args.no_wait, progress=update, on_wait=waiting
        )
    finally:
        close()
    if args.json:
        print(json.dumps(_report_json(report), ensure_ascii=False))
    else:
        print(format_report(report))
    return 0


def _report_json(report: SyncReport) -> dict[str, Any]:
    keys = ("documents", "chunks", "added", "updated", "removed", "unchanged", "chunks_embedded")
    out: dict[str, Any] = {k: getattr(report, k) for k in keys}
    out["seconds"] = report.seconds
    out["skipped"] = [{"path": s.path, "reason": s.reason} for s in report.skipped]
    out["renamed"] = report.renamed
    out["generation"] = report.generation
    return out


def cmd_search(settings: Settings, args: argparse.Namespace) -> int:
    """Ranked chunks for a query."""
    hits = _kb(settings).search(args.query, k=args.k)
    if args.json:
        print(json.dumps([_hit_json(h) for h in hits], ensure_ascii=False, indent=2))
        return 0
    if not hits:
        print("No matching passages.")
    for rank, h in enumerate(hits, 1):
        print(
            f"{rank}. [{h.score:.3f}] {h.title} ({h.date or 'undated'})"
            f" — {h.path}:{h.start}-{h.end}"
        )
        print("   " + h.text.replace("\n", " ")[:300])
    return 0


def _hit_json(hit: Any) -> dict[str, Any]:
    d = asdict(hit)
    d.pop("chunk_id", None)
    return d


def cmd_sources(settings: Settings, args: argparse.Namespace) -> int:
    """List the indexed documents."""
    sources = _kb(settings).sources()
    if args.json:
        print(json.dumps([asdict(s) for s in sources], ensure_ascii=False, indent=2))
        return 0
    for s in sources:
        print(f"{s.date or 'undated':>10}  {s.title}  ({s.chunks} chunks) — {s.path}")
    print(f"{len(sources)} documents.")
    return 0


def format_answer(result: Answer | Summary) -> str:
    """An answer or summary as terminal text, with its numbered sources."""
    body = result.answer if hasattr(result, "answer") else result.summary  # type: ignore[union-attr]
    lines = [body]
    if result.citations:
        lines.append("")
        for c in result.citations:
            where = c.url or c.path
            lines.append(f"[{c.n}] {c.title} ({c.date or 'undated'}) — {where}")
    suggestions = getattr(result, "suggestions", None)
    if not result.found and suggestions:
        lines.append("You might look at: " + "; ".join(suggestions))
    return "\n".join(lines)


def cmd_ask(settings: Settings, args: argparse.Namespace) -> int:
    """Answer a question from the documents."""
    answer = _kb(settings).ask(args.question)
    if args.json:
        _dump(answer)
    else:
        print(format_answer(answer))
    return 0


def cmd_summary(settings: Settings, args: argparse.Namespace) -> int:
    """Summarize a trip or a document."""
    summary = _kb(settings).summarize(args.topic)
    if args.json:
        _dump(summary)
    else:
        print(format_answer(summary))
    return 0


def cmd_eval(settings: Settings, args: argparse.Namespace) -> int:
    """Run the quality evaluation (see bench/quality.py)."""
    from index.evaluation.run import main as eval_main

    return eval_main(list(args.rest))


def cmd_serve(settings: Settings, args: argparse.Namespace) -> int:
    """Run the Telegram bot."""
    from bot.telegram_app import serve

    serve(settings)
    return 0


def cmd_chat(settings: Settings, args: argparse.Namespace) -> int:
    """Chat with the documents in the terminal."""
    from bot.chat import run

    return run(settings)


def cmd_run(settings: Settings, args: argparse.Namespace) -> int:
    """The main job: the Telegram bot when a token is set, else the terminal chat."""
    if settings.telegram_bot_token is not None:
        return cmd_serve(settings, args)
    print("TELEGRAM_BOT_TOKEN is not set: starting the terminal chat instead.", file=sys.stderr)
    return cmd_chat(settings, args)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="docbot", description="Answers questions about a folder of documents, with citations."
    )
    parser.add_argument("-v", "--verbose", action="store_true", help="log more")
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("index", help="index what changed in the corpus")
    p.add_argument("--rebuild", action="store_true", help="discard the index and build it anew")
    p.add_argument("--json", action="store_true", help="print one JSON object")
    p.add_argument("--no-wait", action="store_true", help="fail if another run holds the lock")
    p.set_defaults(func=cmd_index)

    p = sub.add_parser("search", help="ranked passages for a query")
    p.add_argument("query")
    p.add_argument("-k", type=int, default=5, help="how many passages (default 5)")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_search)

    p = sub.add_parser("sources", help="list the indexed documents")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_sources)

    p = sub.add_parser("ask", help="answer a question, with citations")
    p.add_argument("question")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_ask)

    p = sub.add_parser("summary", help="summarize a trip or a document")
    p.add_argument("topic")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_summary)

    p = sub.add_parser("eval", help="quality evaluation; `docbot eval -- --help` for options")
    p.add_argument("rest", nargs=argparse.REMAINDER)
    p.set_defaults(func=cmd_eval)

    sub.add_parser("serve", help="run the Telegram bot").set_defaults(func=cmd_serve)
    sub.add_parser("chat", help="chat in the terminal").set_defaults(func=cmd_chat)
    sub.add_parser("run", help="the bot if a token is set, else the terminal chat").set_defaults(
        func=cmd_run
    )
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    logging.basicConfig(
        level=logging.INFO if args.verbose else logging.WARNING,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
    )
    try:
        settings = Settings()
        return int(args.func(settings, args) or 0)
    except DocbotError as exc:
        print(f"docbot: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
