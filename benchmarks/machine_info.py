"""The machine line every benchmark prints first, so figures from different runs can be compared."""

from __future__ import annotations

import os
import platform


def machine(*versions: str) -> str:
    """Platform, processor, CPU count, Python, any library versions given, and the load average
    (another process's load changes every figure on these shared 2-core machines)."""
    load = ", ".join(f"{x:.2f}" for x in os.getloadavg())
    parts = [f"machine: {platform.platform()}", f"processor: {platform.processor() or platform.machine()}",
             f"cpus: {os.cpu_count()}", f"python {platform.python_version()}", *versions, f"load average: {load}"]
    return " | ".join(parts)
