"""What a measurement ran on: printed beside every figure, since this machine is shared."""

from __future__ import annotations

import os
import platform
import sys
from pathlib import Path


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
    out = {
        "cpu": cpu,
        "cores": str(os.cpu_count()),
        "ram": ram,
        "python": platform.python_version(),
        "os": platform.platform(),
        "load average": " ".join(f"{x:.1f}" for x in os.getloadavg()),
    }
    torch = sys.modules.get("torch")  # reported only when the run used it: never imported here
    if torch is not None:
        out["torch"] = torch.__version__
        out["torch_threads"] = str(torch.get_num_threads())
    return out
