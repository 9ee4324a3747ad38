"""Start-up of the real entry point against a bare PySide6 main window: time and peak memory.

How it measures: each run spawns a fresh interpreter. The app side is ``python -m ctct_desktop``
(the command a user types, embedded sandbox on, as by default); the bare side is a script that
creates a QApplication and a QMainWindow of the app's first-run size and shows it. Both arm the
same probe (``ctct_desktop/ui/startup_probe.py``, through ``CTCT_DESKTOP_STARTUP_PROBE=idle``),
which prints ``time.monotonic()`` at the window's first idle (first paint done, event loop free
again) and exits there. Time is from just before the spawn to that timestamp (CLOCK_MONOTONIC is
system-wide on Linux); peak memory is the child's ``ru_maxrss`` from ``os.wait4``. Runs alternate
app, bare, app, bare… so load from other processes falls on both alike; the load average is
printed before and after. Bytecode caching is on as users have it (``PYTHONPYCACHEPREFIX`` in a
temp folder, warmed by one discarded run of each). The app keeps one data folder for all runs,
as a returning user does. ``--ready`` adds a third side to the interleaving: the app again, run
until its embedded sandbox is up (started after the first idle); its time and peak are reported
apart, since they include what start-up deferred.
The third side, ``floor`` (``benchmarks/startup_floor.py``), is a window with about the widgets
of the app's first screen and none of its code: what the widgets alone cost, beside the bare
window, tells how much of the gap is Qt's and how much is ours. The fourth, ``floor + our imports``,
is the same plain window made after importing ``ctct_desktop.app`` (everything the real entry point
loads before it builds its window): what loading our modules costs, apart from making our widgets.
``--profile`` runs the app once more under ``-X importtime`` and prints the 25 imports with the
largest cumulative time before the first idle.

Run: QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/bench_ui_startup.py [--runs N] [--profile]

Measured 2026-12-03, the same 2-core machine, idle otherwise (load average 0.2-0.4), 9 interleaved
runs each, medians: bare window 0.217 s / 51.9 MiB; floor 0.294 s (1.35x); floor + our imports
0.562 s (2.58x); the app 0.660 s / 76.0 MiB (3.04x / 1.46x). This machine's speed drifts by up to
1.5x within minutes, so only ratios from one interleaved run compare; another run the same hour gave
2.83x. What the ~0.27 s of our imports are (cProfile of ``import ctct_desktop.app``, which inflates
Python-heavy work about 2x, so shares rather than times): making 101 dataclasses 38 %, the Python
enums PySide6 makes on first use of a Qt class's enums 17 %, finding, reading and unmarshalling 180
modules 16 %, compiling regular expressions 4 %. PySide6's own import hook, which read every
module's source through ``inspect.getsource`` (~30 ms), now reads bytes (``ui/pyside_import_scan.py``).
Of the 180 modules, 86 run none of their functions before the first idle; they hold 75 ms of the
import self-time under ``-X importtime``, so even loading none of them would leave the imports above
2x the bare window.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from benchmarks.machine_info import machine  # noqa: E402
from benchmarks.startup_runs import PROBE_ENV, Run, one_run, spread  # noqa: E402

BARE = r"""
import sys
from PySide6 import QtWidgets
from ctct_desktop.ui import startup_probe
app = QtWidgets.QApplication(sys.argv[:1])
window = QtWidgets.QMainWindow()
window.setWindowTitle("bare")
window.resize(1360, 860)
startup_probe.install(window)
window.show()
sys.exit(app.exec())
"""


def top_imports(importtime: str, count: int) -> list[str]:
    """The ``-X importtime`` lines with the largest cumulative time, indented as Python nests them."""
    rows: list[tuple[int, int, str]] = []
    for line in importtime.splitlines():
        if not line.startswith("import time:") or "cumulative" in line:
            continue
        own, cumulative, name = line.split("|")
        rows.append((int(cumulative), int(own.split(":")[1]), name.rstrip()))
    rows.sort(reverse=True)
    return [f"{cum / 1000:8.1f} ms cumulative {own / 1000:7.1f} ms self  {name}" for cum, own, name in rows[:count]]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7, help="measured runs of each side (default 7)")
    parser.add_argument("--ready", action="store_true", help="also time the embedded sandbox being up")
    parser.add_argument("--profile", action="store_true", help="print the top 25 cumulative imports of the app")
    options = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="ctct-startup-") as folder:
        env = {**os.environ, "QT_QPA_PLATFORM": os.environ.get("QT_QPA_PLATFORM", "offscreen"),
               "PYTHONPYCACHEPREFIX": str(Path(folder) / "pycache"), "CTCT_DESKTOP_HOME": str(Path(folder) / "home")}
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        sides = {"app": ([sys.executable, "-m", "ctct_desktop"], {**env, PROBE_ENV: "idle"}),
                 "bare": ([sys.executable, "-c", BARE], {**env, PROBE_ENV: "idle"}),
                 "floor": ([sys.executable, str(ROOT / "benchmarks" / "startup_floor.py")], {**env, PROBE_ENV: "idle"}),
                 "imports": ([sys.executable, str(ROOT / "benchmarks" / "startup_floor.py"), "--with-app-imports"],
                             {**env, PROBE_ENV: "idle"})}
        if options.ready:
            sides["ready"] = ([sys.executable, "-m", "ctct_desktop"], {**env, PROBE_ENV: "ready"})
        for argv, side_env in sides.values():
            one_run(argv, side_env)  # warm the bytecode cache and the file cache; not counted
        print(machine())
        load_before = os.getloadavg()
        results: dict[str, list[Run]] = {name: [] for name in sides}
        for _ in range(options.runs):
            for name, (argv, side_env) in sides.items():
                results[name].append(one_run(argv, side_env)[0])
        load_after = os.getloadavg()
        print(f"load average before: {', '.join(f'{x:.2f}' for x in load_before)} | "
              f"after: {', '.join(f'{x:.2f}' for x in load_after)}")
        print(f"platform plugin: {env['QT_QPA_PLATFORM']} | {options.runs} runs each, interleaved")
        labels = {"app": "python -m ctct_desktop", "bare": "bare QMainWindow      ",
                  "floor": "floor (same widgets)  ", "imports": "floor + our imports   "}
        for name in ("app", "bare", "floor", "imports"):
            runs = results[name]
            label = labels[name]
            print(f"{label} first idle: {spread([r.idle_s for r in runs], 's', 3)}; "
                  f"peak RSS: {spread([r.peak_mib for r in runs], 'MiB', 1)}")
        app_idle = statistics.median(r.idle_s for r in results["app"])
        bare_idle = statistics.median(r.idle_s for r in results["bare"])
        app_peak = statistics.median(r.peak_mib for r in results["app"])
        bare_peak = statistics.median(r.peak_mib for r in results["bare"])
        floor_idle = statistics.median(r.idle_s for r in results["floor"])
        print(f"ratio app/bare (medians): time {app_idle / bare_idle:.2f}x, peak memory {app_peak / bare_peak:.2f}x "
              f"(target: at most 2x each)")
        imports_idle = statistics.median(r.idle_s for r in results["imports"])
        print(f"floor/bare {floor_idle / bare_idle:.2f}x: what the first screen's widgets cost with none of our code; "
              f"app/floor {app_idle / floor_idle:.2f}x: what our code adds")
        print(f"floor + our imports / bare {imports_idle / bare_idle:.2f}x: the same plain widgets after loading every "
              f"module the app loads before its window (+{imports_idle - floor_idle:.3f} s over the floor); "
              f"app over that: +{app_idle - imports_idle:.3f} s, making our own widgets and services")
        if options.ready:
            ready = [r.ready_s for r in results["ready"] if r.ready_s is not None]
            print(f"python -m ctct_desktop until the sandbox is up: {spread(ready, 's', 3)}; "
                  f"peak RSS: {spread([r.peak_mib for r in results['ready']], 'MiB', 1)}")
        if options.profile:
            argv, side_env = sides["app"]
            _run, stderr = one_run([argv[0], "-X", "importtime", *argv[1:]], side_env)
            print("top 25 cumulative imports before the first idle (one run under -X importtime):")
            print("\n".join(top_imports(stderr, 25)))


if __name__ == "__main__":
    main()
