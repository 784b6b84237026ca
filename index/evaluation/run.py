"""`docbot eval`: answer quality, refusals, summaries and latency, measured on real data.

Produces one result dict (printed as a table, or as JSON) with:
- XQuAD (240 Wikipedia paragraphs as the corpus, 1,190 questions): paragraph recall@1/@5 of
  hybrid search, and how often the composed answer contains the gold answer string, on the
  held-out half of the articles (index/evaluation/split.py) and on all; with `variants` also
  the fusion variants (BM25 only, dense only, RRF, ...);
- refusals: the share of XQuAD questions refused against the seed corpus (off-corpus), and the
  share of our own in-corpus development questions (tests/questions/) wrongly refused;
- summaries: ROUGE-1/2/L on a BBC News sample against lead-3 (and a length-matched lead-k);
- latency: `ask` p50/p95 in process on the 2,031-document State Department corpus.

Indexes are built with the real KnowledgeBase under the work folder and reused on the next run.
The command line's options live in bot/cli.py.
"""

from __future__ import annotations

import json
import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from index.config import IndexConfig
from index.embed.base import Embedder
from index.evaluation.datasets import (
    HELD_OUT_SETS,
    TUNING_SETS,
    DevQuestion,
    bbc_reference,
    load_bbc,
    load_dev_questions,
    load_xquad,
    write_bbc_corpus,
    write_whitehouse_corpus,
    write_xquad_corpus,
    xquad_name,
)
from index.evaluation.intents import intent_accuracy
from index.evaluation.machine import machine
from index.evaluation.metrics import dev_answer_ok, percentile
from index.evaluation.scale import eval_off_topic
from index.evaluation.split import held_out_set, reported
from index.kb import KnowledgeBase

Log = Callable[[str], None]


def indexed_kb(corpus: Path, index_dir: Path, embedder: Embedder, log: Log) -> KnowledgeBase:
    """The knowledge base of `corpus`, indexed (or brought up to date) in `index_dir`."""
    kb = KnowledgeBase(IndexConfig(corpus, index_dir), embedder=embedder)
    t0 = time.perf_counter()
    report = kb.sync()
    log(
        f"index {corpus} -> {index_dir}: {report.documents} docs, {report.chunks} chunks, "
        f"{report.chunks_embedded} embedded in {time.perf_counter() - t0:.1f} s"
    )
    return kb


def eval_xquad(
    kb: KnowledgeBase,
    questions: list[tuple[str, str, int]],
    variants: bool,
    held_out: frozenset[int] | None = None,
) -> dict[str, Any]:
    """Recall@1/@5 of the gold paragraph, answer-contains-gold, wrong refusals.

    The answer measures are reported on the `held_out` questions (by index; the articles the
    refusal model was not calibrated on), and on all of them as `*_all`."""
    from index.compose.answer import answer_question
    from index.query.fusion import DEFAULT_FUSION, Fusion, FusionMethod
    from index.query.plan import plan_query
    from index.query.retrieve import diversify, retrieve

    snap = kb.snapshot()
    emb = kb.embedder
    qvecs = emb.embed_queries([q for q, _, _ in questions])
    plans = [plan_query(snap, emb, q, v) for (q, _, _), v in zip(questions, qvecs, strict=True)]
    fusions = {"hybrid (shipped)": DEFAULT_FUSION}
    if variants:
        fusions.update(
            {
                "BM25 only": Fusion(FusionMethod.COMBSUM, 0.0, 1.0, 0.0),
                "dense only": Fusion(FusionMethod.COMBSUM, 1.0, 0.0, 0.0),
                "sentence-max only": Fusion(FusionMethod.COMBSUM, 0.0, 0.0, 1.0),
                "RRF dense+BM25": Fusion(FusionMethod.RRF, 0.5, 0.5, 0.0),
                "CombSUM dense+BM25": Fusion(FusionMethod.COMBSUM, 0.5, 0.5, 0.0),
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
    rows: list[tuple[bool, bool, bool, bool]] = []  # held out, refused, contains, first
    lengths = []
    for i, (q, gold_text, _) in enumerate(questions):
        a = answer_question(snap, emb, q)
        want = gold_text.lower()
        rows.append(
            (
                held_out is None or i in held_out,
                not a.found,
                a.found and want in a.text.lower(),
                a.found and want in first_sentence(a.text).lower(),
            )
        )
        lengths.append(len(a.text))
    for suffix, part in (("", [r for r in rows if r[0]]), ("_all", rows)):
        n = max(1, len(part))
        out["answer_contains_gold" + suffix] = sum(r[2] for r in part) / n
        out["first_sentence_contains_gold" + suffix] = sum(r[3] for r in part) / n
        out["wrongly_refused" + suffix] = sum(r[1] for r in part) / n
    out["held_out_questions"] = sum(r[0] for r in rows)
    out["answer_chars_mean"] = statistics.mean(lengths)
    return out


def first_sentence(answer: str) -> str:
    """An answer's first cited sentence: up to its first [n] marker, without the date prefix."""
    head = answer.split(" [", 1)[0]
    return head.split(": ", 1)[1] if head[:1].isdigit() and ": " in head else head


def eval_refusal(kb: KnowledgeBase, questions: list[str]) -> float:
    """Share of (off-corpus) questions refused."""
    from index.compose.answer import answer_question

    snap = kb.snapshot()
    return sum(not answer_question(snap, kb.embedder, q).found for q in questions) / len(questions)


def eval_dev(
    kb: KnowledgeBase,
    questions: list[DevQuestion],
    others: dict[str, KnowledgeBase] | None = None,
) -> dict[str, Any]:
    """Development questions, asked as a user types them (routed by intent, follow-ups after
    their chat's earlier messages): wrong refusals, expected facts, correct refusals.

    A question whose `corpus` is a key of `others` is asked of that knowledge base, one of
    the default corpus ("statedept", or the seed corpus's own questions) of `kb`; one of a
    corpus `others` lacks is left out."""
    from index.compose.respond import respond

    snaps = {"statedept": kb.snapshot()}
    snaps.update((name, k.snapshot()) for name, k in (others or {}).items())
    questions = [q for q in questions if q.corpus in snaps]
    inside = [q for q in questions if q.answerable]
    outside = [q for q in questions if not q.answerable]
    refused = correct = declined = 0
    failures = []
    for q in questions:
        snap = snaps[q.corpus]
        context = None
        for earlier in q.after:  # a follow-up: the chat's earlier messages first
            context = respond(snap, kb.embedder, earlier, context).context
        a = respond(snap, kb.embedder, q.question, context).reply
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


def reportable(name: str, scored: dict[str, Any]) -> dict[str, Any]:
    """A dev set's results as `docbot eval` reports them: a held-out set's without its failing
    questions (it is scored, never read question by question)."""
    if held_out_set(name):
        return {k: v for k, v in scored.items() if k != "failures"}
    return scored


def eval_bbc(kb: KnowledgeBase, rows_by_name: dict[str, dict[str, str]]) -> dict[str, Any]:
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


def eval_latency(kb: KnowledgeBase, questions: list[str], repeats: int = 1) -> dict[str, float]:
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


@dataclass(frozen=True)
class EvalOptions:
    """What to evaluate, and where the data sets are (missing ones are skipped)."""

    xquad: Path
    seed_corpus: Path
    statedept: Path
    bbc: Path
    questions: Path  # folder of dev questions: seed.jsonl, statedept.jsonl
    work_dir: Path  # corpora and indexes are built here and reused
    index_dir: Path | None = None  # reuse this State Department index
    bbc_sample: int = 300
    latency_questions: int = 200
    variants: bool = False
    skip: frozenset[str] = field(default_factory=frozenset)  # xquad, statedept, bbc, refusal
    squad2: Path | None = None  # SQuAD 2.0 dev sample: more off-topic questions at scale
    whitehouse: Path | None = None  # White House releases: heldout3's questions about them


def run_eval(opts: EvalOptions, emb: Embedder, log: Log) -> dict[str, Any]:
    """Every measurement `opts` asks for, as one JSON-ready dict (with the machine)."""
    work = opts.work_dir
    work.mkdir(parents=True, exist_ok=True)
    results: dict[str, Any] = {"machine": machine()}
    xq_questions: list[tuple[str, str, int]] = []
    paragraphs: list[tuple[str, str]] = []
    if opts.xquad.exists():
        paragraphs, xq_questions = load_xquad(opts.xquad)
    seed_kb = indexed_kb(opts.seed_corpus, work / "seed-index", emb, log)
    if "xquad" not in opts.skip and xq_questions:
        write_xquad_corpus(paragraphs, work / "xquad-corpus")
        xkb = indexed_kb(work / "xquad-corpus", work / "xquad-index", emb, log)
        held = frozenset(
            i for i, (_, _, p) in enumerate(xq_questions) if reported(paragraphs, paragraphs[p][0])
        )
        results["xquad"] = eval_xquad(xkb, xq_questions, opts.variants, held)
        log("xquad: " + json.dumps(results["xquad"]))
    if "refusal" not in opts.skip and xq_questions:
        results["off_corpus_refused"] = eval_refusal(seed_kb, [q for q, _, _ in xq_questions])
        log(f"off-corpus refused: {results['off_corpus_refused']:.3f}")
    intents = opts.questions / "intents.jsonl"
    if intents.exists():
        results["intents"] = intent_accuracy(intents)
        log("intents: " + json.dumps(results["intents"]))
    seed_dev = opts.questions / "seed.jsonl"
    if seed_dev.exists():
        results["dev_seed"] = eval_dev(seed_kb, load_dev_questions(seed_dev))
        log("dev seed: " + json.dumps(results["dev_seed"]))
    sd_dev = opts.questions / "statedept.jsonl"
    if "statedept" not in opts.skip and opts.statedept.exists():
        sd_kb = indexed_kb(opts.statedept, opts.index_dir or work / "statedept-index", emb, log)
        dev = load_dev_questions(sd_dev) if sd_dev.exists() else []
        more = opts.questions / "statedept_more.jsonl"
        dev += load_dev_questions(more) if more.exists() else []
        # Some dev questions ask White House travel releases, indexed here when present.
        others = {}
        if opts.whitehouse is not None and (opts.whitehouse / "index.tsv").exists():
            write_whitehouse_corpus(opts.whitehouse, work / "whitehouse-corpus")
            others["whitehouse"] = indexed_kb(
                work / "whitehouse-corpus", work / "whitehouse-index", emb, log
            )
        results["dev_statedept"] = eval_dev(sd_kb, dev, others)
        log("dev statedept: " + json.dumps(results["dev_statedept"]))
        for key, name in TUNING_SETS + HELD_OUT_SETS:
            path = opts.questions / name
            if path.exists():
                scored = reportable(name, eval_dev(sd_kb, load_dev_questions(path), others))
                results[key] = scored
                log(f"{name}: " + json.dumps(scored))
        if "refusal" not in opts.skip:
            results["off_topic_at_scale"] = eval_off_topic(
                sd_kb, paragraphs, xq_questions, opts.squad2
            )
            log("off-topic on the large index: " + json.dumps(results["off_topic_at_scale"]))
        pool = [q.question for q in dev if q.corpus == "statedept"]
        pool += [q for q, _, _ in xq_questions]
        results["latency"] = eval_latency(sd_kb, pool[: opts.latency_questions])
        log("latency: " + json.dumps(results["latency"]))
    if "bbc" not in opts.skip and opts.bbc.exists():
        rows = write_bbc_corpus(load_bbc(opts.bbc, opts.bbc_sample), work / "bbc-corpus")
        bkb = indexed_kb(work / "bbc-corpus", work / "bbc-index", emb, log)
        results["bbc"] = eval_bbc(bkb, rows)
        log("bbc: " + json.dumps(results["bbc"]))
    return results
