"""Start-up time: process start -> main window shown and idle (and -> sandbox ready).

Each run is a fresh interpreter, so imports are counted. Run:
QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/bench_ui_startup.py [runs]
"""

from __future__ import annotations

import os
import platform
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

CHILD = r"""
import time
from PySide6 import QtCore
from ctct_desktop.app import Workbench, create_application
app = create_application()
bench = Workbench(start_sandbox=True)
marks = {}
def idle():
    marks["idle"] = time.time()
def sandbox_ready(_info):
    marks["sandbox"] = time.time()
    app.quit()
bench.sandbox.started.connect(sandbox_ready)
bench.sandbox.failed.connect(lambda _m: app.quit())
bench.window.show()
QtCore.QTimer.singleShot(0, idle)
QtCore.QTimer.singleShot(20000, app.quit)
app.exec()
bench.shutdown()
print(marks.get("idle", 0.0), marks.get("sandbox", 0.0))
"""


def one_run() -> tuple[float, float]:
    env = dict(os.environ, QT_QPA_PLATFORM=os.environ.get("QT_QPA_PLATFORM", "offscreen"),
               CTCT_DESKTOP_HOME=tempfile.mkdtemp(prefix="ctct-startup-"))
    started = time.time()
    out = subprocess.run([sys.executable, "-c", CHILD], capture_output=True, text=True, env=env, cwd=ROOT,
                         timeout=60)
    idle, sandbox = (float(x) for x in out.stdout.split()[-2:])
    return idle - started, (sandbox - started) if sandbox else float("nan")


def main() -> None:
    runs = int(sys.argv[1]) if len(sys.argv) > 1 else 5
    one_run()  # warm the file cache
    results = [one_run() for _ in range(runs)]
    idle = [r[0] for r in results]
    ready = [r[1] for r in results]
    print(f"machine: {platform.platform()} | processor: {platform.processor() or 'unknown'} | "
          f"cpus: {os.cpu_count()} | python {platform.python_version()} | "
          f"platform plugin: {os.environ.get('QT_QPA_PLATFORM', 'offscreen')}")
    print(f"process start -> window shown and idle: median {statistics.median(idle):.3f} s "
          f"(min {min(idle):.3f}, max {max(idle):.3f}, {runs} runs)")
    print(f"process start -> embedded sandbox ready: median {statistics.median(ready):.3f} s")


if __name__ == "__main__":
    main()
