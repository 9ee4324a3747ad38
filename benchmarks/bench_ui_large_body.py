"""Time to show a 20 MB XML response in the real window, and the longest UI stall meanwhile.

A QTimer heartbeat ticks every 5 ms on the UI thread; the longest gap between ticks is the
longest stall a user would feel. Run: QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/bench_ui_large_body.py
"""

from __future__ import annotations

import os
import platform
import sys
import tempfile
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("CTCT_DESKTOP_HOME", tempfile.mkdtemp(prefix="ctct-bench-"))
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from PySide6 import QtCore, QtWidgets  # noqa: E402

from ctct_desktop.app import Workbench, create_application  # noqa: E402
from tests.support.bodies import large_xml  # noqa: E402

SIZE_MB = int(os.environ.get("BENCH_BODY_MB", "20"))


BODY = b""  # built in main(): the helper process imports this module too


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args: object) -> None:
        return

    def do_GET(self) -> None:  # noqa: N802 - stdlib API
        self.send_response(200)
        self.send_header("Content-Type", "application/atom+xml")
        self.send_header("Content-Length", str(len(BODY)))
        self.end_headers()
        self.wfile.write(BODY)


class Heartbeat(QtCore.QObject):
    """Ticks every 5 ms; BENCH_VERBOSE=1 prints each gap over 50 ms with the loading stage."""

    def __init__(self) -> None:
        super().__init__()
        self.stage = "sending"
        self.origin = self.last = time.perf_counter()
        self.verbose = bool(os.environ.get("BENCH_VERBOSE"))
        self.worst = 0.0
        self.timer = QtCore.QTimer(self, interval=5)
        self.timer.timeout.connect(self.tick)
        self.timer.start()

    def tick(self) -> None:
        now = time.perf_counter()
        if self.verbose and now - self.last > 0.05:
            print(f"  gap {1000 * (now - self.last):.0f} ms at {now - self.origin:.2f} s ({self.stage})")
        self.worst = max(self.worst, now - self.last)
        self.last = now

    def reset(self) -> float:
        worst, self.worst, self.last = self.worst, 0.0, time.perf_counter()
        return worst


def wait_for(app: QtWidgets.QApplication, condition: object, timeout: float = 300.0) -> None:
    deadline = time.perf_counter() + timeout
    while not condition() and time.perf_counter() < deadline:  # type: ignore[operator]
        app.processEvents(QtCore.QEventLoop.ProcessEventsFlag.AllEvents, 5)
        time.sleep(0.001)


def main() -> None:
    global BODY
    BODY = large_xml(SIZE_MB * 1024 * 1024)
    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    app = create_application()
    bench = Workbench(start_sandbox=False)
    window = bench.window
    window.show()
    wait_for(app, lambda: False, 0.3)
    window.request_editor.url.setText(f"http://127.0.0.1:{server.server_address[1]}/large")
    view = window.response_view
    stages: dict[str, float] = {}
    beat = Heartbeat()
    view.loading.connect(lambda s: stages.setdefault(s.stage, time.perf_counter()))
    view.loading.connect(lambda s: setattr(beat, "stage", s.stage))
    window.send_controller.finished.connect(lambda _e: setattr(beat, "stage", "received"))
    start = time.perf_counter()
    window.window_actions.send.trigger()
    wait_for(app, lambda: view.exchange is not None)
    received = time.perf_counter()
    wait_for(app, lambda: "highlighting" in stages or "done" in stages)
    shown = time.perf_counter()
    wait_for(app, lambda: not view.body.busy)
    finished = time.perf_counter()
    load_stall = beat.reset()
    editor = view.body.current_editor
    bar = editor.verticalScrollBar()
    steps = 200
    for i in range(steps):
        bar.setValue(bar.maximum() * i // steps)
        wait_for(app, lambda: False, 0.01)
    scroll_stall = beat.reset()
    print(f"machine: {platform.platform()} | processor: {platform.processor() or 'unknown'} | "
          f"cpus: {os.cpu_count()} | python {platform.python_version()}")
    print(f"body: {len(BODY) / 1024 / 1024:.1f} MiB minified XML -> {editor.document().blockCount():,} lines pretty")
    print(f"request sent -> response received: {received - start:.2f} s")
    print(f"received -> first screen of the body shown: {stages.get('filling', shown) - received:.2f} s")
    print(f"received -> whole body shown (text filled): {shown - received:.2f} s")
    print(f"received -> highlighting ready: {finished - received:.2f} s")
    print(f"longest UI stall while receiving and loading: {load_stall * 1000:.0f} ms")
    print(f"longest UI stall while scrolling top to bottom in {steps} jumps: {scroll_stall * 1000:.0f} ms")
    bench.shutdown()
    server.shutdown()


if __name__ == "__main__":
    main()
