"""The `docbot` command line."""

from __future__ import annotations

import argparse
import json
import logging
import sys
from collections.abc import Callable, Sequence
from dataclasses import asdict
from pathlib import Path
from typing import TYPE_CHECKING, Any

from bot.quick_settings import IndexSettings, quick_settings
from index.errors import DocbotError

if TYPE_CHECKING:
    from bot.settings import Settings
    from index.kb import KnowledgeBase
    from index.types import Citation, Hit, Reply, SourceInfo, SyncReport

ROOT = Path(__file__).resolve().parent.parent
SHARED_DATA = ROOT.parent / "shared" / "data"


def _kb(settings: IndexSettings) -> KnowledgeBase:
    from index.kb import KnowledgeBase

    return KnowledgeBase(settings.index_config())


def _print_json(obj: Any) -> None:
    print(json.dumps(obj, ensure_ascii=False, indent=2))


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


def cmd_index(settings: IndexSettings, args: argparse.Namespace) -> int:
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


def cmd_search(settings: IndexSettings, args: argparse.Namespace) -> int:
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


def _hit_json(hit: Hit) -> dict[str, Any]:
    return {
        **asdict(hit.ref),
        "text": hit.text,
        "start": hit.start,
        "end": hit.end,
        "score": hit.score,
    }


def _source_json(s: SourceInfo) -> dict[str, Any]:
    return {**asdict(s.ref), "chunks": s.chunks}


def _citation_json(c: Citation) -> dict[str, Any]:
    d = asdict(c)
    ref = d.pop("ref")
    return {"n": c.n, **ref, **{k: v for k, v in d.items() if k != "n"}}


def _reply_json(reply: Reply, query_key: str, text_key: str) -> dict[str, Any]:
    return {
        query_key: reply.query,
        text_key: reply.text,
        "found": reply.found,
        "citations": [_citation_json(c) for c in reply.citations],
        "highlights": [list(h) for h in reply.highlights],
        "latency_ms": reply.latency_ms,
        "reply": str(reply.kind),
    }


def answer_json(reply: Reply) -> dict[str, Any]:
    """`docbot ask --json`: the fields scripts read (named as before Reply), and its kind."""
    return {
        **_reply_json(reply, "question", "answer"),
        "suggestions": list(reply.suggestions),
        "kind": reply.kind.value,  # answer, summary, timeline, sources or refusal
        "reading": reply.reading,
    }


def summary_json(reply: Reply) -> dict[str, Any]:
    """`docbot summary --json`: the fields scripts read (named as before Reply), and its kind."""
    return {**_reply_json(reply, "topic", "summary"), "kind": reply.summary_of or "document"}


def cmd_sources(settings: IndexSettings, args: argparse.Namespace) -> int:
    """List the indexed documents."""
    sources = _kb(settings).sources()
    if args.json:
        _print_json([_source_json(s) for s in sources])
        return 0
    for s in sources:
        print(f"{s.date or 'undated':>10}  {s.title}  ({s.chunks} chunks) — {s.path}")
    print(f"{len(sources)} documents.")
    return 0


def format_answer(reply: Reply) -> str:
    """An answer or summary as terminal text, with its numbered sources."""
    lines = [reply.text]
    if reply.citations:
        lines.append("")
        for c in reply.citations:
            where = c.url or c.path
            lines.append(f"[{c.n}] {c.title} ({c.date or 'undated'}) — {where}")
    if not reply.found and reply.suggestions:
        lines.append("You might look at: " + "; ".join(reply.suggestions))
    return "\n".join(lines)


def _show(
    reply: Reply, as_json: bool, to_json: Callable[[Reply], dict[str, Any]] = answer_json
) -> int:
    """Print a reply as `docbot ask`, `summary` and `trips` do: JSON, or text with sources."""
    if as_json:
        _print_json(to_json(reply))
    else:
        print(format_answer(reply))
    return 0


def cmd_ask(settings: IndexSettings, args: argparse.Namespace) -> int:
    """Answer a question from the documents."""
    reply = _kb(settings).respond(args.question).reply  # routed: a summary request summarises
    return _show(reply, args.json)


def cmd_summary(settings: IndexSettings, args: argparse.Namespace) -> int:
    """Summarize a trip or a document."""
    return _show(_kb(settings).summarize(args.topic), args.json, summary_json)


def cmd_trips(settings: IndexSettings, args: argparse.Namespace) -> int:
    """A timeline of trips: a person's, a place's or a period's."""
    return _show(_kb(settings).timeline(args.topic), args.json)


def cmd_eval(settings: Settings, args: argparse.Namespace) -> int:
    """Run the quality evaluation (see index/evaluation/run.py)."""
    from index.config import IndexConfig
    from index.embed import build_embedder
    from index.evaluation.report import format_table
    from index.evaluation.run import EvalOptions, run_eval

    opts = EvalOptions(
        xquad=args.xquad,
        seed_corpus=args.seed_corpus,
        statedept=args.statedept,
        bbc=args.bbc,
        questions=args.questions,
        work_dir=args.work_dir,
        index_dir=args.index_dir,
        bbc_sample=args.bbc_sample,
        latency_questions=args.latency_questions,
        variants=args.variants,
        skip=frozenset(args.skip),
        squad2=args.squad2,
        whitehouse=args.whitehouse,
    )
    config = settings.index_config()
    # The eval's own corpora and indexes live under --work-dir; only the runtime and model
    # come from the settings.
    embedder = build_embedder(
        IndexConfig(
            opts.seed_corpus,
            opts.work_dir,
            runtime=config.runtime,
            model=config.model,
            embed_threads=args.torch_threads,
        )
    )
    results = run_eval(opts, embedder, lambda msg: print(msg, file=sys.stderr, flush=True))
    print(json.dumps(results, indent=2) if args.json else format_table(results))
    return 0


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


def _eval_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--xquad", type=Path, default=SHARED_DATA / "xquad_en" / "xquad.en.json")
    p.add_argument("--seed-corpus", type=Path, default=ROOT / "docs_corpus")
    p.add_argument("--statedept", type=Path, default=SHARED_DATA / "statedept" / "text")
    p.add_argument("--bbc", type=Path, default=SHARED_DATA / "bbc_summary" / "pairs.jsonl")
    p.add_argument(
        "--squad2",
        type=Path,
        default=SHARED_DATA / "squad2_dev_sample500" / "squad2_dev_sample500.jsonl",
        help="off-topic questions asked of the State Department index",
    )
    p.add_argument(
        "--whitehouse",
        type=Path,
        default=SHARED_DATA / "whitehouse",
        help="White House releases: heldout3's questions about them",
    )
    p.add_argument("--questions", type=Path, default=ROOT / "tests" / "questions")
    p.add_argument("--work-dir", type=Path, default=Path("/tmp/docbot-eval-cache"))
    p.add_argument("--index-dir", type=Path, help="reuse this State Department index")
    p.add_argument("--bbc-sample", type=int, default=300)
    p.add_argument("--latency-questions", type=int, default=200)
    p.add_argument("--variants", action="store_true", help="also measure fusion variants")
    p.add_argument(
        "--skip",
        action="append",
        default=[],
        choices=["xquad", "statedept", "bbc", "refusal"],
        help="leave out a part (repeatable)",
    )
    p.add_argument("--torch-threads", type=int, help="embedding threads (default: the runtime's)")
    p.add_argument("--json", action="store_true", help="print one JSON object")


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

    p = sub.add_parser("trips", help="a timeline of trips (a person, a place or a period)")
    p.add_argument("topic")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_trips)

    p = sub.add_parser("eval", help="quality evaluation on real data (see README)")
    _eval_arguments(p)
    p.set_defaults(func=cmd_eval)

    from bot.feeds_cli import add_feed_commands

    add_feed_commands(sub)

    sub.add_parser("serve", help="run the Telegram bot").set_defaults(func=cmd_serve)
    sub.add_parser("chat", help="chat in the terminal").set_defaults(func=cmd_chat)
    sub.add_parser("run", help="the bot if a token is set, else the terminal chat").set_defaults(
        func=cmd_run
    )
    return parser


# Commands that only open the knowledge base: they read the index settings without pydantic
# when nothing else is set (bot/quick_settings.py).
INDEX_COMMANDS = (cmd_index, cmd_search, cmd_sources, cmd_ask, cmd_summary, cmd_trips)


def _settings(command: Callable[..., int]) -> IndexSettings | Settings:
    quick = quick_settings() if command in INDEX_COMMANDS else None
    if quick is not None:
        return quick
    from bot.settings import Settings

    return Settings()


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    logging.basicConfig(
        level=logging.INFO if args.verbose else logging.WARNING,
        format="%(asctime)s %(levelname)s %(name)s: %(message)s",
    )
    try:
        return int(args.func(_settings(args.func), args) or 0)
    except DocbotError as exc:
        print(f"docbot: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
