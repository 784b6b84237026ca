"""`docbot eval`: answer quality, refusals, summaries and latency, measured on real data.

Prints one table (and, with --json, one JSON object) with:
- XQuAD (240 Wikipedia paragraphs as the corpus, 1,190 questions): paragraph recall@1/@5 of
  hybrid search, and how often the composed answer contains the gold answer string; with
  --variants also the fusion variants (BM25 only, dense only, RRF, ...);
- refusals: the share of XQuAD questions refused against the seed corpus (off-corpus), and the
  share of our own in-corpus development questions (tests/questions/) wrongly refused;
- summaries: ROUGE-1/2/L on a BBC News sample against lead-3 (and a length-matched lead-k);
- latency: `ask` p50/p95 in process on the 2,031-document State Department corpus.

Indexes are built with the real KnowledgeBase under --work-dir and reused on the next run.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import statistics
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared" / "data"


@dataclass(frozen=True)
class DevQuestion:
    question: str
    answerable: bool
    expect: tuple[str, ...]  # every one must be in the answer
    expect_any: tuple[str, ...]  # at least one must be
    forbid: tuple[str, ...]  # none may be
    docs: tuple[str, ...]  # path fragments the citations should include


def load_dev_questions(path: Path) -> list[DevQuestion]:
    """Development questions, one JSON object a line (see tests/questions/)."""
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        r = json.loads(line)
        out.append(
            DevQuestion(
                r["question"],
                bool(r.get("answerable", True)),
                tuple(r.get("expect", ())),
                tuple(r.get("expect_any", ())),
                tuple(r.get("forbid", ())),
                tuple(r.get("docs", ())),
            )
        )
    return out


def dev_answer_ok(q: DevQuestion, answer: Any) -> bool:
    """Whether an Answer meets a development question's expectations."""
    if not q.answerable:
        return not answer.found
    text = answer.answer.lower()
    paths = " ".join(c.path for c in answer.citations)
    return (
        answer.found
        and all(e.lower() in text for e in q.expect)
        and (not q.expect_any or any(e.lower() in text for e in q.expect_any))
        and not any(f.lower() in text for f in q.forbid)
        and all(d in paths for d in q.docs)
    )


def load_xquad(path: Path) -> tuple[list[tuple[str, str]], list[tuple[str, str, int]]]:
    """(title, context) per paragraph, and (question, gold answer, paragraph index)."""
    data = json.loads(path.read_text(encoding="utf-8"))
    paragraphs: list[tuple[str, str]] = []
    questions: list[tuple[str, str, int]] = []
    for article in data["data"]:
        for para in article["paragraphs"]:
            for qa in para["qas"]:
                questions.append((qa["question"], qa["answers"][0]["text"], len(paragraphs)))
            paragraphs.append((article["title"].replace("_", " "), para["context"]))
    return paragraphs, questions


def xquad_name(i: int) -> str:
    return f"p{i:03d}.md"


def write_xquad_corpus(paragraphs: list[tuple[str, str]], folder: Path) -> None:
    """One Markdown document per paragraph, the article title in its front matter."""
    folder.mkdir(parents=True, exist_ok=True)
    for i, (title, context) in enumerate(paragraphs):
        body = f"---\ntitle: {json.dumps(title)}\n---\n\n{context}\n"
        _write_if_changed(folder / xquad_name(i), body)


def load_bbc(path: Path, sample: int) -> list[dict[str, str]]:
    """An evenly spaced sample of BBC article/summary pairs (all five categories)."""
    rows = [json.loads(x) for x in path.read_text(encoding="utf-8").splitlines() if x.strip()]
    step = max(1, len(rows) // sample)
    return rows[::step][:sample]


def bbc_reference(summary: str) -> str:
    """The reference summaries glue sentences together ("$10.9bn.For the"): split them again."""
    return re.sub(r'(?<=[.!?"])(?=[A-Z"])', " ", summary)


def write_bbc_corpus(rows: list[dict[str, str]], folder: Path) -> dict[str, dict[str, str]]:
    """One text file per article (title on the first line); returns rows by file name."""
    folder.mkdir(parents=True, exist_ok=True)
    by_name = {}
    for r in rows:
        name = r["id"].replace("/", "-") + ".txt"
        _write_if_changed(folder / name, r["title"] + "\n\n" + r["article"].strip() + "\n")
        by_name[name] = r
    return by_name


def _write_if_changed(path: Path, text: str) -> None:
    if not path.exists() or path.read_text(encoding="utf-8") != text:
        path.write_text(text, encoding="utf-8")


def percentile(values: list[float], q: float) -> float:
    """The q-th percentile (0-100) by linear interpolation."""
    if not values:
        return float("nan")
    s = sorted(values)
    k = (len(s) - 1) * q / 100
    lo, hi = int(k), min(int(k) + 1, len(s) - 1)
    return s[lo] + (s[hi] - s[lo]) * (k - lo)


def machine() -> dict[str, str]:
    """What the figures were measured on."""
    cpu = platform.processor() or "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
        mem = Path("/proc/meminfo").read_text().splitlines()[0].split()[1]
        ram = f"{int(mem) / 1024 / 1024:.1f} GB"
    except OSError:
        ram = "unknown"
    import torch

    return {
        "cpu": cpu,
        "cores": str(os.cpu_count()),
        "ram": ram,
        "python": platform.python_version(),
        "torch": torch.__version__,
        "torch_threads": str(torch.get_num_threads()),
        "os": platform.platform(),
    }


def _kb(corpus: Path, index_dir: Path, embedder: Any, log: Callable[[str], None]) -> Any:
    from index.kb import KnowledgeBase

    kb = KnowledgeBase(corpus, index_dir, embedder=embedder)
    t0 = time.perf_counter()
    report = kb.sync()
    log(
        f"index {corpus} -> {index_dir}: {report.documents} docs, {report.chunks} chunks, "
        f"{report.chunks_embedded} embedded in {time.perf_counter() - t0:.1f} s"
    )
    return kb


def eval_xquad(kb: Any, questions: list[tuple[str, str, int]], variants: bool) -> dict[str, Any]:
    """Recall@1/@5 of the gold paragraph, answer-contains-gold, wrong refusals."""
    from index.compose.answer import answer_question
    from index.query.retrieve import DEFAULT_FUSION, Fusion, diversify, plan_query, retrieve

    snap = kb.snapshot()
    emb = kb.embedder
    qvecs = emb.embed_queries([q for q, _, _ in questions])
    plans = [plan_query(snap, emb, q, v) for (q, _, _), v in zip(questions, qvecs, strict=True)]
    fusions = {"hybrid (shipped)": DEFAULT_FUSION}
    if variants:
        fusions.update(
            {
                "BM25 only": Fusion("combsum", 0.0, 1.0, 0.0),
                "dense only": Fusion("combsum", 1.0, 0.0, 0.0),
                "sentence-max only": Fusion("combsum", 0.0, 0.0, 1.0),
                "RRF dense+BM25": Fusion("rrf", 0.5, 0.5, 0.0),
                "CombSUM dense+BM25": Fusion("combsum", 0.5, 0.5, 0.0),
            }
        )
    out: dict[str, Any] = {"questions": len(questions), "retrieval": {}}
    for name, fusion in fusions.items():
        r1 = r5 = 0
        for plan, (_, _, gold) in zip(plans, questions, strict=True):
            picked = diversify(snap, retrieve(snap, plan, fusion), 5, fusion.per_doc_decay)
            paths = [snap.docs[c.doc_id].path for c in picked]
            r1 += paths[:1] == [xquad_name(gold)]
            r5 += xquad_name(gold) in paths
        n = len(questions)
        out["retrieval"][name] = {"recall@1": r1 / n, "recall@5": r5 / n}
    contains = refused = 0
    lengths = []
    for q, gold_text, _ in questions:
        a = answer_question(snap, emb, q)
        refused += not a.found
        contains += a.found and gold_text.lower() in a.answer.lower()
        lengths.append(len(a.answer))
    out["answer_contains_gold"] = contains / len(questions)
    out["wrongly_refused"] = refused / len(questions)
    out["answer_chars_mean"] = statistics.mean(lengths)
    return out


def eval_refusal(kb: Any, questions: list[str]) -> float:
    """Share of (off-corpus) questions refused."""
    from index.compose.answer import answer_question

    snap = kb.snapshot()
    return sum(not answer_question(snap, kb.embedder, q).found for q in questions) / len(questions)


def eval_dev(kb: Any, questions: list[DevQuestion]) -> dict[str, Any]:
    """Development questions: wrong refusals, expected facts, correct refusals."""
    from index.compose.answer import answer_question

    snap = kb.snapshot()
    inside = [q for q in questions if q.answerable]
    outside = [q for q in questions if not q.answerable]
    refused = correct = declined = 0
    failures = []
    for q in questions:
        a = answer_question(snap, kb.embedder, q.question)
        ok = dev_answer_ok(q, a)
        if q.answerable:
            refused += not a.found
            correct += ok
        else:
            declined += ok
        if not ok:
            failures.append(q.question)
    return {
        "in_corpus": len(inside),
        "wrongly_refused": refused / max(1, len(inside)),
        "facts_correct": correct / max(1, len(inside)),
        "off_corpus": len(outside),
        "refused_when_unanswerable": declined / max(1, len(outside)),
        "failures": failures,
    }


def eval_bbc(kb: Any, rows_by_name: dict[str, dict[str, str]]) -> dict[str, Any]:
    """ROUGE of the extractive summaries against lead-3 and a length-matched lead-k."""
    from rouge_score import rouge_scorer

    from index.compose.summary import SUMMARY_SENTENCES, document_sentences

    scorer = rouge_scorer.RougeScorer(["rouge1", "rouge2", "rougeL"], use_stemmer=True)
    snap = kb.snapshot()
    by_path = {d.path: d for d in snap.docs.values()}
    systems: dict[str, list[dict[str, float]]] = {"docbot": [], "lead-3": [], "lead-k": []}
    for name, row in rows_by_name.items():
        doc = by_path.get(name)
        if doc is None:
            continue
        text = snap.text(doc.doc_id)
        spans = sorted({s for c in snap.chunks_of(doc.doc_id) for s in snap.chunks[c].sentences})
        sentences = [text[s:e] for s, e in spans]
        picks = document_sentences(snap, doc.doc_id, SUMMARY_SENTENCES)
        ref = bbc_reference(row["summary"])
        outputs = {
            "docbot": " ".join(sentences[i] for i in picks),
            "lead-3": " ".join(sentences[:3]),
            "lead-k": " ".join(sentences[: len(picks)]),
        }
        for system, summary in outputs.items():
            sc = scorer.score(ref, summary)
            systems[system].append({k: v.fmeasure for k, v in sc.items()})
    result: dict[str, Any] = {"articles": len(systems["docbot"]), "k": SUMMARY_SENTENCES}
    for system, scores in systems.items():
        result[system] = {m: statistics.mean(s[m] for s in scores) for m in scores[0]}
    return result


def eval_latency(kb: Any, questions: list[str], repeats: int = 1) -> dict[str, float]:
    """`ask` wall time in process (after one warm-up), p50/p95 in milliseconds."""
    from index.compose.answer import answer_question

    snap = kb.snapshot()
    answer_question(snap, kb.embedder, questions[0])
    times = []
    for _ in range(repeats):
        for q in questions:
            t0 = time.perf_counter()
            answer_question(snap, kb.embedder, q)
            times.append((time.perf_counter() - t0) * 1000)
    return {"asks": len(times), "p50_ms": percentile(times, 50), "p95_ms": percentile(times, 95)}


def _parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="docbot eval", description=__doc__.splitlines()[0])
    p.add_argument("--xquad", type=Path, default=SHARED / "xquad_en" / "xquad.en.json")
    p.add_argument("--seed-corpus", type=Path, default=ROOT / "docs_corpus")
    p.add_argument("--statedept", type=Path, default=SHARED / "statedept" / "text")
    p.add_argument("--bbc", type=Path, default=SHARED / "bbc_summary" / "pairs.jsonl")
    p.add_argument("--questions", type=Path, default=ROOT / "tests" / "questions")
    p.add_argument("--work-dir", type=Path, default=Path("/tmp/docbot-eval-cache"))
    p.add_argument("--index-dir", type=Path, help="reuse this State Department index")
    p.add_argument("--bbc-sample", type=int, default=300)
    p.add_argument("--latency-questions", type=int, default=200)
    p.add_argument("--variants", action="store_true", help="also measure fusion variants")
    p.add_argument(
        "--skip", action="append", default=[], choices=["xquad", "statedept", "bbc", "refusal"]
    )
    p.add_argument("--torch-threads", type=int, help="torch intra-op threads (default: torch's)")
    p.add_argument("--json", action="store_true", help="print one JSON object")
    return p


def main(argv: list[str]) -> int:
    """Run the evaluation; returns the process exit code."""
    args = _parser().parse_args(argv)
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    from index.embed.sbert import SentenceTransformerEmbedder

    def log(msg: str) -> None:
        print(msg, file=sys.stderr, flush=True)

    if args.torch_threads:
        import torch

        torch.set_num_threads(args.torch_threads)
    emb = SentenceTransformerEmbedder()
    work: Path = args.work_dir
    work.mkdir(parents=True, exist_ok=True)
    results: dict[str, Any] = {"machine": machine()}
    xq_questions: list[tuple[str, str, int]] = []
    if args.xquad.exists():
        paragraphs, xq_questions = load_xquad(args.xquad)
    seed_kb = _kb(args.seed_corpus, work / "seed-index", emb, log)
    if "xquad" not in args.skip and xq_questions:
        write_xquad_corpus(paragraphs, work / "xquad-corpus")
        xkb = _kb(work / "xquad-corpus", work / "xquad-index", emb, log)
        results["xquad"] = eval_xquad(xkb, xq_questions, args.variants)
        log("xquad: " + json.dumps(results["xquad"]))
    if "refusal" not in args.skip and xq_questions:
        results["off_corpus_refused"] = eval_refusal(seed_kb, [q for q, _, _ in xq_questions])
        log(f"off-corpus refused: {results['off_corpus_refused']:.3f}")
    seed_dev = args.questions / "seed.jsonl"
    if seed_dev.exists():
        results["dev_seed"] = eval_dev(seed_kb, load_dev_questions(seed_dev))
        log("dev seed: " + json.dumps(results["dev_seed"]))
    sd_dev = args.questions / "statedept.jsonl"
    if "statedept" not in args.skip and args.statedept.exists():
        sd_index = args.index_dir or work / "statedept-index"
        sd_kb = _kb(args.statedept, sd_index, emb, log)
        dev = load_dev_questions(sd_dev) if sd_dev.exists() else []
        results["dev_statedept"] = eval_dev(sd_kb, dev)
        log("dev statedept: " + json.dumps(results["dev_statedept"]))
        pool = [q.question for q in dev] + [q for q, _, _ in xq_questions]
        results["latency"] = eval_latency(sd_kb, pool[: args.latency_questions])
        log("latency: " + json.dumps(results["latency"]))
    if "bbc" not in args.skip and args.bbc.exists():
        rows = write_bbc_corpus(load_bbc(args.bbc, args.bbc_sample), work / "bbc-corpus")
        bkb = _kb(work / "bbc-corpus", work / "bbc-index", emb, log)
        results["bbc"] = eval_bbc(bkb, rows)
        log("bbc: " + json.dumps(results["bbc"]))
    if args.json:
        print(json.dumps(results, indent=2))
    else:
        print(format_table(results))
    return 0


def format_table(r: dict[str, Any]) -> str:
    """The results as an aligned text table, with the targets of issue 3."""
    rows: list[tuple[str, str, str]] = []
    for key, value in r["machine"].items():
        rows.append((f"machine {key}", value, ""))
    if "xquad" in r:
        x = r["xquad"]
        for name, m in x["retrieval"].items():
            target = ">= 0.94" if name == "hybrid (shipped)" else ""
            rows.append((f"XQuAD recall@1 {name}", f"{m['recall@1']:.3f}", target))
            rows.append((f"XQuAD recall@5 {name}", f"{m['recall@5']:.3f}", ""))
        rows.append(("XQuAD answer contains gold", f"{x['answer_contains_gold']:.3f}", ">= 0.85"))
        rows.append(("XQuAD in-corpus wrongly refused", f"{x['wrongly_refused']:.3f}", ""))
        rows.append(("XQuAD mean answer length (chars)", f"{x['answer_chars_mean']:.0f}", "<= 700"))
    if "off_corpus_refused" in r:
        rows.append(
            ("off-corpus refused (XQuAD vs seed)", f"{r['off_corpus_refused']:.3f}", ">= 0.95")
        )
    for key in ("dev_seed", "dev_statedept"):
        if key in r:
            d = r[key]
            name = key.replace("dev_", "")
            rows.append(
                (f"{name} dev: in-corpus wrongly refused", f"{d['wrongly_refused']:.3f}", "<= 0.05")
            )
            rows.append((f"{name} dev: expected facts in answer", f"{d['facts_correct']:.3f}", ""))
            rows.append(
                (f"{name} dev: unanswerable refused", f"{d['refused_when_unanswerable']:.3f}", "")
            )
    if "latency" in r:
        lat = r["latency"]
        rows.append(
            (f"ask p50 ms (statedept, {lat['asks']} asks)", f"{lat['p50_ms']:.1f}", "<= 30")
        )
        rows.append(("ask p95 ms (statedept)", f"{lat['p95_ms']:.1f}", ""))
    if "bbc" in r:
        b = r["bbc"]
        for system in ("docbot", "lead-3", "lead-k"):
            label = f"lead-{b['k']}" if system == "lead-k" else system
            for m in ("rouge1", "rouge2", "rougeL"):
                target = ">= lead-3" if system == "docbot" and m == "rouge2" else ""
                rows.append(
                    (f"BBC {m} {label} ({b['articles']} articles)", f"{b[system][m]:.4f}", target)
                )
    width = max(len(a) for a, _, _ in rows)
    vwidth = max(len(b) for _, b, _ in rows)
    lines = [f"{'measure'.ljust(width)}  {'value'.ljust(vwidth)}  target"]
    lines += [f"{a.ljust(width)}  {b.ljust(vwidth)}  {c}" for a, b, c in rows]
    return "\n".join(lines)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main(sys.argv[1:]))
