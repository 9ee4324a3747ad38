"""Find what stalls the UI thread: a watchdog thread prints every thread's stack whenever a 5 ms
QTimer heartbeat on the UI thread has not ticked for longer than a threshold (100 ms by default).

A stall on these 2-core machines is mostly the UI thread waiting for the GIL that a worker
thread holds in one long C call (a regex, a split, a parse over a big chunk) or in a busy Python
loop. The watchdog needs the GIL too, so it wakes when the holder lets go: the stacks then show
the worker that held it (and the UI thread waiting), which is what to shorten.

Use in any Qt process::

    from benchmarks.stall_probe import StallProbe
    probe = StallProbe(threshold_ms=100)  # after the QApplication exists, on the UI thread
    probe.start(); ...; probe.stop()

or run one case of the large-body benchmark with it (stacks go to stderr, the case's figures
to stdout)::

    .venv/bin/python benchmarks/stall_probe.py --size 100 --kind xml-pretty --view pretty [--threshold 100]
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import threading
import time
import traceback
from multiprocessing import Process
from pathlib import Path
from typing import TextIO

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


class StallProbe:
    """Heartbeat on the UI thread, watchdog in a thread; ``stalls`` keeps (when, length) pairs."""

    def __init__(self, threshold_ms: float = 100.0, out: TextIO | None = None, depth: int = 12) -> None:
        from PySide6 import QtCore

        self.threshold = threshold_ms / 1000
        self.out = out if out is not None else sys.stderr
        self.depth = depth
        self.stalls: list[tuple[float, float]] = []
        self._last = time.perf_counter()
        self._last_cpu = time.thread_time()
        self._began = self._last
        self._running = False
        self._ui_thread = threading.get_ident()
        self._timer = QtCore.QTimer(interval=5)
        self._timer.timeout.connect(self._tick)
        self._watchdog = threading.Thread(target=self._watch, name="stall-probe", daemon=True)

    def start(self) -> None:
        self._running = True
        self._last = self._began = time.perf_counter()
        self._last_cpu = time.thread_time()
        self._timer.start()
        self._watchdog.start()

    def stop(self) -> None:
        self._running = False
        self._timer.stop()
        self._watchdog.join()

    def _tick(self) -> None:
        now, cpu = time.perf_counter(), time.thread_time()
        gap = now - self._last
        if gap > self.threshold:
            self.stalls.append((self._last - self._began, gap))
            # the UI thread's own CPU time over the gap: near the gap, the UI thread was working
            # (in Python, or in Qt: layout, painting); far below it, it waited (for the GIL)
            print(f"[stall-probe] UI thread stalled {gap * 1000:.0f} ms at t={self._last - self._began:.2f} s"
                  f" (UI thread CPU {(cpu - self._last_cpu) * 1000:.0f} ms of it)", file=self.out, flush=True)
        self._last, self._last_cpu = now, cpu

    def _watch(self) -> None:
        """Dump once the threshold has passed, and again each further threshold the stall lasts
        (a long stall is often several holders in turn)."""
        dumped_for, dumps = -1.0, 0
        while self._running:
            time.sleep(0.01)
            last = self._last
            gap = time.perf_counter() - last
            if last != dumped_for:
                dumps = 0
            if gap > self.threshold * (dumps + 1):
                dumped_for, dumps = last, dumps + 1
                self._dump(gap)

    def _dump(self, gap: float) -> None:
        names = {thread.ident: thread.name for thread in threading.enumerate()}
        lines = [f"[stall-probe] no heartbeat for {gap * 1000:.0f} ms "
                 f"(t={time.perf_counter() - self._began:.2f} s); threads:"]
        for ident, frame in sys._current_frames().items():  # noqa: SLF001 - the point of the probe
            if ident == threading.get_ident():
                continue
            label = "UI" if ident == self._ui_thread else names.get(ident, str(ident))
            lines.append(f"  --- {label}")
            lines += ["    " + entry.rstrip().replace("\n", "\n    ")
                      for entry in traceback.format_stack(frame)[-self.depth:]]
        print("\n".join(lines), file=self.out, flush=True)


def main() -> int:
    parser = argparse.ArgumentParser(description="One large-body case with the stall probe on.")
    parser.add_argument("--size", type=int, default=100, help="MB")
    parser.add_argument("--kind", default="xml-pretty", help="xml-pretty|xml-line|json|text-line")
    parser.add_argument("--view", default="pretty", help="pretty|raw")
    parser.add_argument("--threshold", type=float, default=100.0, help="ms without a heartbeat that count")
    args = parser.parse_args()
    from benchmarks.bench_ui_large_body import serve, write_body
    from benchmarks.machine_info import machine

    print(machine(), flush=True)
    folder = Path(tempfile.mkdtemp(prefix="ctct-probe-"))
    name = f"{args.kind}_{args.size}"
    write_body(folder / name, args.kind, args.size << 20)
    port_file = folder / "port"
    server = Process(target=serve, args=(str(folder), str(port_file)), daemon=True)
    server.start()
    try:
        while not port_file.exists():
            time.sleep(0.05)
        url = f"http://127.0.0.1:{port_file.read_text()}/{name}"
        size = (folder / name).stat().st_size
        done = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "bench_ui_large_body.py"), "--case", url,
                               args.kind, args.view, str(size), "--probe", str(args.threshold)], cwd=ROOT, check=False)
        return done.returncode
    finally:
        server.terminate()
        (folder / name).unlink(missing_ok=True)


if __name__ == "__main__":
    sys.exit(main())
