"""Machine details printed under every benchmark table."""

from __future__ import annotations

import platform
import sys

from index.evaluation.machine import machine


def machine_lines() -> list[str]:
    """Cores, memory, CPU model, load, Python and library versions."""
    m = machine()
    lines = [
        f"machine: {platform.machine()}, {m['cores']} cores, {m['ram']} RAM, {m['cpu']}, "
        f"load average {m['load average']}"
    ]
    lines.append(f"python {sys.version.split()[0]} on {platform.platform()}")
    versions = []
    for mod in ("torch", "sentence_transformers", "faiss", "bm25s", "telegram"):
        try:
            versions.append(f"{mod} {__import__(mod).__version__}")
        except Exception:  # noqa: BLE001 - a missing library just isn't listed
            continue
    lines.append(", ".join(versions))
    return lines


def print_table(title: str, rows: list[tuple[str, str, str]]) -> None:
    """A Markdown table of (measure, value, target) rows, then the machine."""
    print(f"\n### {title}\n")
    print("| measure | value | target |")
    print("|---|---|---|")
    for measure, value, target in rows:
        print(f"| {measure} | {value} | {target} |")
    print()
    for line in machine_lines():
        print(f"- {line}")
