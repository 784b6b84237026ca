"""The evaluation results as an aligned text table, with the targets."""

from __future__ import annotations

from typing import Any

from index.evaluation.datasets import HELD_OUT_SETS, TUNING_SETS


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
        half = f"held-out half, {x['held_out_questions']} q"
        for key, label, target in (
            ("answer_contains_gold", "answer contains gold", ">= 0.90"),
            ("first_sentence_contains_gold", "first sentence contains gold", ">= 0.75"),
            ("wrongly_refused", "in-corpus wrongly refused", "<= 0.03"),
        ):
            rows.append((f"XQuAD {label} ({half})", f"{x[key]:.3f}", target))
            rows.append((f"XQuAD {label} (all {x['questions']} q)", f"{x[key + '_all']:.3f}", ""))
        rows.append(("XQuAD mean answer length (chars)", f"{x['answer_chars_mean']:.0f}", "<= 700"))
    if "off_corpus_refused" in r:
        rows.append(
            ("off-corpus refused (XQuAD vs seed)", f"{r['off_corpus_refused']:.3f}", ">= 0.95")
        )
    for name, m in r.get("off_topic_at_scale", {}).items():
        label = f"off-topic {name} answered (2,031 docs; held-out half, {m['questions']} q)"
        rows.append((label, f"{m['answered']:.3f}", "<= 0.03"))
    if "intents" in r:
        rows.append(
            (
                f"intent table ({r['intents']['phrasings']})",
                f"{r['intents']['accuracy']:.3f}",
                "1.000",
            )
        )
    sets = [key for key, _ in (*TUNING_SETS, *HELD_OUT_SETS)]
    for key in ("dev_seed", "dev_statedept", *sets):
        if key in r:
            d = r[key]
            name = key.replace("dev_", "")
            rows.append(
                (f"{name} dev: in-corpus wrongly refused", f"{d['wrongly_refused']:.3f}", "<= 0.03")
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
