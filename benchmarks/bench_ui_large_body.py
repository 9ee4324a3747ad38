"""Large responses in the real window: first screen, UI stalls, find-all, jump to end and memory,
for XML (pretty and one-line), JSON and one-line text bodies, in the Pretty and the Raw view.

How each figure is measured (every case in a fresh child process running the real Workbench,
offscreen; the body served by an HTTP server in a third process, from a file):
- first_screen_s: from the response's arrival (the window's ``send_finished``) until the body
  view holds rows of the view asked for (Pretty's formatted rows, or Raw's) and has painted them;
  for a body with no Pretty form (text) in Pretty, Raw's rows are what the view shows.
- max_stall_ms: the longest gap of a 5 ms QTimer heartbeat on the UI thread, from the send to the
  end of the case: arrival, filling, scrolling to the end, switching Pretty/Raw twice, find.
- find_all_s: from starting the count of a word (case-insensitive literal, the bar's default)
  until the count is back from the worker (the typing debounce is not counted); find_case_s
  with Match case, find_regex_s with Regex (``\bneedle\b``, case-insensitive).
- jump_end_s: Ctrl+End's work: scroll to the last row and repaint the viewport, synchronously.
- peak_rss_over_body: the largest sum, sampled every 10 ms by the parent process (not in the
  case: a sampler there took the GIL from the UI thread), of the resident memory of the app's
  process and all its descendants (the helper process that formats), divided by the body size;
  ``extra_rss_over_body`` takes the app's memory before the send away first.
- The case waits in a nested Qt event loop (as a dialog would), not a processEvents/sleep loop.
Medians of ``--runs`` runs per case. Ends with one JSON line per case.

Run: .venv/bin/python benchmarks/bench_ui_large_body.py --sizes 1,20,100 [--runs 3] [--kinds …] [--views …]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from multiprocessing import Process
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

KINDS = ("xml-pretty", "xml-line", "json", "text-line")
VIEWS = ("pretty", "raw")
CONTENT_TYPES = {"xml-pretty": "application/atom+xml", "xml-line": "application/atom+xml",
                 "json": "application/json", "text-line": "text/plain"}
WORD = "needle"
REGEX = r"\bneedle\b"  # the regex option's figure (case-insensitive, as the bar's default)


# ---------------------------------------------------------------------- bodies

def write_body(path: Path, kind: str, size: int) -> None:
    """A body of about ``size`` bytes, written in pieces; WORD once every 1000 records and at the end."""
    with open(path, "wb") as out:
        if kind.startswith("xml"):
            newline = b"\n" if kind == "xml-pretty" else b""
            pad = (lambda depth: b"  " * depth) if kind == "xml-pretty" else (lambda depth: b"")
            out.write(b'<?xml version="1.0" encoding="UTF-8"?>' + newline +
                      b'<feed xmlns="http://www.w3.org/2005/Atom">' + newline)
            i = 0
            while out.tell() < size:
                word = WORD.encode() if i % 1000 == 999 else b"contact"
                out.write(b"".join([
                    pad(1), b"<entry>", newline,
                    pad(2), b"<id>http://api.constantcontact.com/ws/customers/joe/contacts/%d</id>" % i, newline,
                    pad(2), b'<title type="text">%s %d</title>' % (word, i), newline,
                    pad(2), b'<content type="application/vnd.ctct+xml">', newline,
                    pad(3), b"<Contact><EmailAddress>user%d@example.com</EmailAddress><Status>Active</Status>"
                            b"</Contact>" % i, newline,
                    pad(2), b"</content>", newline, pad(1), b"</entry>", newline]))
                i += 1
            out.write(b"<last>" + WORD.encode() + b"</last></feed>" + newline)
        elif kind == "json":
            out.write(b'{"results":[')
            i = 0
            while out.tell() < size:
                word = WORD if i % 1000 == 999 else "contact"
                out.write((b"," if i else b"") + json.dumps(
                    {"id": i, "email": f"user{i}@example.com", "name": f"{word} {i}", "lists": [1, 2, 3],
                     "status": "ACTIVE", "score": i % 97, "opted_in": True}, separators=(",", ":")).encode())
                i += 1
            out.write(b'],"last":"' + WORD.encode() + b'"}')
        else:
            block = b"lorem ipsum dolor sit amet consectetur " * 2600  # about 100 KB, no line break
            i = 0
            while out.tell() < size:
                out.write(block + (WORD.encode() if i % 10 == 9 else b"word") + b" ")
                i += 1
            out.write(WORD.encode())


# ---------------------------------------------------------------------- server (its own process)

def serve(folder: str, port_file: str) -> None:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *args: object) -> None:
            return

        def do_GET(self) -> None:  # noqa: N802 - stdlib API
            name = self.path.strip("/")
            path = Path(folder) / name
            kind = name.split("_", 1)[0]
            self.send_response(200)
            self.send_header("Content-Type", CONTENT_TYPES.get(kind, "text/plain"))
            self.send_header("Content-Length", str(path.stat().st_size))
            self.end_headers()
            with open(path, "rb") as body:
                while piece := body.read(1 << 20):
                    self.wfile.write(piece)

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    Path(port_file).write_text(str(server.server_address[1]))
    server.serve_forever()


# ---------------------------------------------------------------------- one case (child process)

def _rss_tree(pid: int) -> int:
    """Resident bytes of ``pid`` and every descendant, from /proc."""
    return sum(_rss_each(pid).values())


def _rss_each(pid: int) -> dict[int, int]:
    """Resident bytes of ``pid`` and of each descendant, from /proc."""
    each, stack = {}, [pid]
    while stack:
        current = stack.pop()
        try:
            with open(f"/proc/{current}/status") as status:
                for line in status:
                    if line.startswith("VmRSS:"):
                        each[current] = int(line.split()[1]) * 1024
            for task in os.listdir(f"/proc/{current}/task"):
                with open(f"/proc/{current}/task/{task}/children") as children:
                    stack += [int(c) for c in children.read().split()]
        except (OSError, ValueError):
            continue
    return each


class MemorySampler(threading.Thread):
    """Samples, from the parent, the memory of a case's process tree while the case says it is
    measuring (a marker file exists): sampling from inside the case cost its UI thread the GIL
    every 10 ms (a /proc walk in Python) and showed up in its stalls."""

    def __init__(self, pid: int, marker: Path) -> None:
        super().__init__(daemon=True)
        self.pid = pid
        self.marker = marker
        self.peak = 0
        self.app_peak = 0  # the app's own process
        self.running = True

    def run(self) -> None:
        while self.running:
            if self.marker.exists():
                each = _rss_each(self.pid)
                self.peak = max(self.peak, sum(each.values()))
                self.app_peak = max(self.app_peak, each.get(self.pid, 0))
            time.sleep(0.01)


def run_case(url: str, kind: str, view_name: str, size: int, probe_ms: float = 0.0) -> dict[str, object]:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    os.environ["CTCT_DESKTOP_HOME"] = tempfile.mkdtemp(prefix="ctct-bench-")
    from PySide6 import QtCore, QtWidgets

    from ctct_desktop.app import Workbench, create_application

    create_application()
    bench = Workbench(start_sandbox=False)
    window = bench.window
    window.resize(1400, 900)
    window.show()
    gaps = {"worst": 0.0, "last": time.perf_counter()}

    def tick() -> None:
        now = time.perf_counter()
        gaps["worst"] = max(gaps["worst"], now - gaps["last"])
        gaps["last"] = now

    def wait(condition: object, timeout: float = 600.0) -> None:
        """Run the real event loop (a nested one, as a dialog would) until ``condition()``: the
        app's own loop has no Python between events but its slots. (A processEvents-and-sleep
        loop let go of the GIL every millisecond and waited for it again behind the workers: up to
        a switch interval each time, stalls the app itself does not have.)"""
        if condition():  # type: ignore[operator]
            return
        loop = QtCore.QEventLoop()
        deadline = time.perf_counter() + timeout

        def check() -> None:
            if condition() or time.perf_counter() > deadline:  # type: ignore[operator]
                loop.quit()

        poll = QtCore.QTimer(interval=5)
        poll.timeout.connect(check)
        poll.start()
        loop.exec()
        poll.stop()

    wait(lambda: False, 2.0)  # let start-up work settle before measuring (its preloads in workers too)
    body = window.response_view.body
    body.pretty_button.setChecked(view_name == "pretty")
    body.raw_button.setChecked(view_name == "raw")
    baseline = _rss_tree(os.getpid())
    marker = Path(os.environ["CTCT_BENCH_MARKER"]) if os.environ.get("CTCT_BENCH_MARKER") else None
    if marker is not None:
        marker.write_text(str(os.getpid()))  # the parent samples memory from now on
    probe = None
    if probe_ms:
        from benchmarks.stall_probe import StallProbe

        probe = StallProbe(threshold_ms=probe_ms)
        probe.start()
    heartbeat = QtCore.QTimer(interval=5)
    heartbeat.timeout.connect(tick)
    heartbeat.start()
    arrival: list[float] = []
    window.send_finished.connect(lambda _result: arrival.append(time.perf_counter()))
    window.request_editor.url.setText(url)
    gaps["last"] = time.perf_counter()
    window.window_actions.send.trigger()
    wait(lambda: bool(arrival))

    def rows_shown() -> bool:
        source = body.paged.source
        if not body.paged_active or source is None or source.row_count == 0:
            return False
        if view_name == "pretty" and body.paged_body.has_pretty:
            return body.paged_body.shown == "pretty"
        return True  # Raw asked for, or a body with no Pretty form (text, or XML that gave up): Raw's rows

    wait(rows_shown)
    body.paged.viewport().repaint()
    first_screen = time.perf_counter() - arrival[0]
    wait(lambda: not body.busy)
    filled = time.perf_counter() - arrival[0]
    view = body.paged
    started = time.perf_counter()
    view.scroll_to_end()
    view.viewport().repaint()
    jump_end = time.perf_counter() - started
    for checked in (view_name != "pretty", view_name == "pretty"):  # Pretty/Raw and back
        body.pretty_button.setChecked(checked)
        body.raw_button.setChecked(not checked)
        view.viewport().repaint()
        wait(lambda: False, 0.1)
    find = body.paged_find
    find.open_bar()
    counts: list[tuple[float, int]] = []
    find.counted.connect(lambda total: counts.append((time.perf_counter(), total)))

    def count(text: str, case: bool = False, regex: bool = False) -> tuple[float, int]:
        find.case.setChecked(case)
        find.regex.setChecked(regex)
        find.field.setText(text)
        find._debounce.stop()  # noqa: SLF001 - the typing delay is not what is measured
        counts.clear()
        started = time.perf_counter()
        find._count()  # noqa: SLF001
        wait(lambda: bool(counts))
        return counts[0][0] - started, counts[0][1]

    find_all, matches = count(WORD)
    find_case, _ = count(WORD, case=True)
    find_regex, regex_matches = count(REGEX, regex=True)
    wait(lambda: False, 0.2)
    heartbeat.stop()
    if probe is not None:
        probe.stop()
    if marker is not None:
        marker.unlink()
    result = {"size_mb": round(size / (1 << 20)), "kind": kind, "view": view_name,
              "first_screen_s": round(first_screen, 3), "filled_s": round(filled, 2),
              "max_stall_ms": round(gaps["worst"] * 1000, 1), "find_all_s": round(find_all, 3),
              "matches": matches, "find_case_s": round(find_case, 3), "find_regex_s": round(find_regex, 3),
              "regex_matches": regex_matches, "jump_end_s": round(jump_end, 3),
              "idle_bytes": baseline,
              "shown": body.paged_body.shown}
    bench.shutdown()
    QtWidgets.QApplication.processEvents()
    return result


# ---------------------------------------------------------------------- parent

def run_child(command: list[str], size: int, marker: Path) -> tuple[subprocess.CompletedProcess[str], dict[str, float]]:
    """Run one case, sampling its process tree's memory from here while it measures."""
    marker.unlink(missing_ok=True)
    child = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT,
                             env=os.environ | {"CTCT_BENCH_MARKER": str(marker)})
    memory = MemorySampler(child.pid, marker)
    memory.start()
    try:
        out, err = child.communicate(timeout=1800)
    finally:
        memory.running = False
        memory.join()
        marker.unlink(missing_ok=True)
    done = subprocess.CompletedProcess(command, child.returncode, out, err)
    idle = 0
    for line in out.splitlines():
        if line.startswith("{"):
            idle = int(json.loads(line).get("idle_bytes", 0))
    return done, {"peak_rss_over_body": round(memory.peak / size, 2),
                  "extra_rss_over_body": round((memory.peak - idle) / size, 2),
                  "app_peak_mb": round(memory.app_peak / 2**20), "idle_mb": round(idle / 2**20)}


def _cpu_times() -> dict[int, tuple[str, float]]:
    """CPU seconds used so far by every process on the machine, with its name, from /proc."""
    ticks = os.sysconf("SC_CLK_TCK")
    times = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as stat:
                text = stat.read()
            with open(f"/proc/{entry}/cmdline", "rb") as cmdline:
                command = cmdline.read().replace(b"\0", b" ").decode(errors="replace").strip()
        except OSError:
            continue
        name, fields = text[text.index("(") + 1:text.rindex(")")], text[text.rindex(")") + 2:].split()
        times[int(entry)] = (command[:60] or name, (int(fields[11]) + int(fields[12])) / ticks)
    return times


def _others(before: dict[int, tuple[str, float]], after: dict[int, tuple[str, float]], seconds: float,
            mine: set[int]) -> str:
    """The load the machine's other processes put on it during a case: their CPU use in cores
    (2.0 = both cores busy) and the busiest three, so a figure can be read against it."""
    used = []
    for pid, (name, total) in after.items():
        if pid in mine:
            continue
        spent = total - before.get(pid, (name, 0.0))[1]
        if spent > 0:
            used.append((spent, pid, name))
    used.sort(reverse=True)
    cores = sum(spent for spent, _, _ in used) / max(seconds, 1e-3)
    top = ", ".join(f"{name} {spent / max(seconds, 1e-3):.2f}" for spent, _, name in used[:3])
    load = "/".join(f"{x:.1f}" for x in os.getloadavg())
    return f"load {load}, others {cores:.2f} cores ({top})"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1,20,100", help="body sizes in MB, comma-separated")
    parser.add_argument("--kinds", default=",".join(KINDS))
    parser.add_argument("--views", default=",".join(VIEWS))
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--case", nargs=4, metavar=("URL", "KIND", "VIEW", "SIZE"), help=argparse.SUPPRESS)
    parser.add_argument("--probe", type=float, default=0.0, metavar="MS",
                        help="with --case: print every thread's stack at each UI stall over MS (stall_probe.py)")
    args = parser.parse_args()
    if args.case:
        url, kind, view_name, size = args.case
        print(json.dumps(run_case(url, kind, view_name, int(size), args.probe)), flush=True)
        return 0
    from benchmarks.machine_info import machine

    print(machine(), flush=True)
    folder = Path(tempfile.mkdtemp(prefix="ctct-bench-bodies-"))
    port_file = folder / "port"
    server = Process(target=serve, args=(str(folder), str(port_file)), daemon=True)
    server.start()
    while not port_file.exists():
        time.sleep(0.05)
    port = int(port_file.read_text())
    results = []
    try:
        for size_mb in (int(s) for s in args.sizes.split(",")):
            for kind in args.kinds.split(","):
                name = f"{kind}_{size_mb}"
                path = folder / name
                write_body(path, kind, size_mb << 20)
                size = path.stat().st_size
                for view_name in args.views.split(","):
                    runs, loads = [], []
                    for _ in range(args.runs):
                        before, began = _cpu_times(), time.perf_counter()
                        done, measured = run_child([sys.executable, __file__, "--case",
                                                    f"http://127.0.0.1:{port}/{name}", kind, view_name, str(size)],
                                                   size, folder / "measuring")
                        loads.append(_others(before, _cpu_times(), time.perf_counter() - began,
                                             {os.getpid(), server.pid or 0}))
                        lines = [line for line in done.stdout.splitlines() if line.startswith("{")]
                        if done.returncode != 0 or not lines:
                            print(f"{name} {view_name}: the case failed\n{done.stderr[-2000:]}", file=sys.stderr)
                            break
                        runs.append(json.loads(lines[-1]) | measured)
                    if not runs:
                        continue
                    summary = dict(runs[0])
                    for key, value in runs[0].items():
                        if isinstance(value, float):
                            summary[key] = round(statistics.median(float(r[key]) for r in runs), 3)
                    summary["runs"] = len(runs)
                    summary["load"] = loads
                    results.append(summary)
                    print(f"{size_mb:>4} MB {kind:<10} {view_name:<6} first screen {summary['first_screen_s']:.3f} s"
                          f" | stall {summary['max_stall_ms']:.0f} ms | find-all {summary['find_all_s']:.3f} s"
                          f" (case {summary['find_case_s']:.3f} s, regex {summary['find_regex_s']:.3f} s)"
                          f" | end {summary['jump_end_s']:.3f} s | memory {summary['peak_rss_over_body']:.2f}x"
                          f" ({summary['extra_rss_over_body']:.2f}x over the idle app;"
                          f" app alone {summary['app_peak_mb']} MB, idle {summary['idle_mb']} MB) | filled {summary['filled_s']} s"
                          f" | shown {summary['shown']}\n      {' | '.join(loads)}", flush=True)
                path.unlink()
    finally:
        server.terminate()
    print(machine(), flush=True)
    for summary in results:
        print(json.dumps(summary))
    return 0


if __name__ == "__main__":
    sys.exit(main())
