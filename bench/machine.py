"""Machine details printed under every benchmark table."""

from __future__ import annotations

import os
import platform
import sys


def machine_lines() -> list[str]:
    """Cores, memory, CPU model, Python and library versions."""
    lines = [f"machine: {platform.machine()}, {os.cpu_count()} cores, {_memory()}, {_cpu()}"]
    lines.append(f"python {sys.version.split()[0]} on {platform.platform()}")
    versions = []
    for mod in ("torch", "sentence_transformers", "faiss", "bm25s", "telegram"):
        try:
            versions.append(f"{mod} {__import__(mod).__version__}")
        except Exception:  # noqa: BLE001 - a missing library just isn't listed
            continue
    lines.append(", ".join(versions))
    return lines


def _memory() -> str:
    try:
        with open("/proc/meminfo") as fh:
            kb = int(fh.readline().split()[1])
        return f"{kb / 1024 / 1024:.0f} GiB RAM"
    except OSError:
        return "? RAM"


def _cpu() -> str:
    try:
        with open("/proc/cpuinfo") as fh:
            for line in fh:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "?"


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
