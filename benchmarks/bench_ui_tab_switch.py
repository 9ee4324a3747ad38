"""Time to switch between request tabs in the real window, with small and large request bodies.

Each switch stores the outgoing request and shows the incoming one with its own body document
(no copy of the body text into the editor), then lets the lint and highlight timers run.
Run: QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/bench_ui_tab_switch.py [--tabs 8] [--body-kb 200]
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("CTCT_DESKTOP_HOME", tempfile.mkdtemp(prefix="ctct-bench-"))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from PySide6 import QtWidgets  # noqa: E402

from ctct_desktop.app import Workbench, create_application  # noqa: E402
from ctct_desktop.core.models import BodyKind, RequestModel  # noqa: E402


def _body(kilobytes: int) -> str:
    entry = "<entry xmlns=\"http://www.w3.org/2005/Atom\"><title>contact</title><content>x</content></entry>\n"
    return "<feed>\n" + entry * max(1, kilobytes * 1024 // len(entry)) + "</feed>\n"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--tabs", type=int, default=8)
    parser.add_argument("--body-kb", type=int, default=200)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args()
    app = create_application()
    bench = Workbench(start_sandbox=False)
    bench.window.show()
    app.processEvents()
    body = _body(args.body_kb)
    for index in range(args.tabs):
        bench.documents.new(RequestModel(method="POST", url=f"http://127.0.0.1:9/{index}", body=body,
                                         body_kind=BodyKind.XML))
    app.processEvents()
    switches: list[float] = []
    for _ in range(args.rounds):
        for _ in range(bench.documents.bar.count()):
            start = time.perf_counter()
            bench.documents.step(1)
            app.processEvents()
            switches.append((time.perf_counter() - start) * 1000)
    print(f"machine: {platform.machine()} {platform.python_version()}, {os.cpu_count()} cores")
    print(f"{args.tabs + 1} tabs, {len(body) / 1024:.0f} KiB XML body each, {len(switches)} switches")
    print(f"switch: median {statistics.median(switches):.1f} ms, worst {max(switches):.1f} ms")
    bench.window.close()
    bench.shutdown()
    QtWidgets.QApplication.processEvents()


if __name__ == "__main__":
    main()
