"""Spawning one start-up and timing it, shared by the start-up benchmarks (bench_ui_startup.py,
bench_build_startup.py) so the venv, the bare window and the standalone build are measured by the
same code.

A run is timed from just before the spawn to the timestamp the app's start-up probe prints
(``ctct_desktop/ui/startup_probe.py``; CLOCK_MONOTONIC is system-wide on Linux, so the child's
clock and ours agree), or, for a command that simply exits, to its exit. Peak memory is the
child's ``ru_maxrss`` from ``os.wait4``. No Qt is imported here: the driver stays light.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CHILD_TIMEOUT_S = 120
PROBE_ENV = "CTCT_DESKTOP_STARTUP_PROBE"  # ctct_desktop.ui.startup_probe.ENV, not imported: no Qt here


@dataclass(frozen=True)
class Run:
    idle_s: float
    ready_s: float | None
    peak_mib: float


@dataclass(frozen=True)
class Exit:
    """A command timed from its spawn to its exit (``--version``, say)."""

    seconds: float
    peak_mib: float
    stdout: str


def _spawn_and_reap(argv: list[str], env: dict[str, str], cwd: Path) -> tuple[float, int, float, str, str]:
    """Start time, exit code, peak RSS (MiB), stdout, stderr; a child still running after
    CHILD_TIMEOUT_S is killed (and so reported by the caller), not waited for forever."""
    with tempfile.TemporaryFile() as err:
        began = time.monotonic()
        child = subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=err, stdin=subprocess.DEVNULL, env=env,
                                 cwd=cwd, text=True)
        watchdog = threading.Timer(CHILD_TIMEOUT_S, child.kill)
        watchdog.start()
        assert child.stdout is not None
        out = child.stdout.read()
        _pid, status, usage = os.wait4(child.pid, 0)
        watchdog.cancel()
        child.returncode = os.waitstatus_to_exitcode(status)
        err.seek(0)
        stderr = err.read().decode(errors="replace")
    return began, child.returncode, usage.ru_maxrss / 1024, out, stderr


def one_run(argv: list[str], env: dict[str, str], cwd: Path = ROOT) -> tuple[Run, str]:
    """Spawn, read the probe's line, reap with wait4 for the child's peak RSS."""
    began, code, peak, out, stderr = _spawn_and_reap(argv, env, cwd)
    line = next((x for x in out.splitlines() if x.startswith("startup-probe ")), None)
    if code != 0 or line is None:
        raise SystemExit(f"{' '.join(argv)} exited {code} without the probe's line:\n"
                         f"{out[-800:]}\n{stderr[-1500:]}")
    fields = line.split()
    marks = dict(zip(fields[1::2], (float(x) for x in fields[2::2]), strict=True))
    ready = marks.get("ready")
    return Run(marks["idle"] - began, None if ready is None else ready - began, peak), stderr


def exit_run(argv: list[str], env: dict[str, str], cwd: Path = ROOT) -> Exit:
    """Spawn a command that prints and exits; time it to its exit (the pipe closing, then wait4)."""
    began, code, peak, out, stderr = _spawn_and_reap(argv, env, cwd)
    ended = time.monotonic()
    if code != 0:
        raise SystemExit(f"{' '.join(argv)} exited {code}:\n{out[-800:]}\n{stderr[-1500:]}")
    return Exit(ended - began, peak, out)


def spread(values: list[float], unit: str, digits: int) -> str:
    return (f"median {statistics.median(values):.{digits}f} {unit} "
            f"(min {min(values):.{digits}f}, max {max(values):.{digits}f}, "
            f"stdev {statistics.stdev(values) if len(values) > 1 else 0.0:.{digits}f})")
