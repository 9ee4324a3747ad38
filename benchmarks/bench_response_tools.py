"""Issue 13's response tools on large bodies: hex find, paged Fold all, stopping a filter.

Run: QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/bench_response_tools.py [--size-mb 100] [--runs 3]
Prints the machine, then medians; ends with one JSON line per case. Writes only to a temporary folder.

- hex-find: ``find_all`` (what the hex bar's worker runs) over a spooled binary body with the
  pattern near its end, beside a 5 ms heartbeat on the UI thread: seconds, the longest gap
  between beats (``max_stall_ms``) and how much the peak RSS grew (the body is never read whole).
- paged-fold-all: Fold all in a real PagedTextView on a pretty-printed feed of the size, from the
  key press to the folded rows painted, with the heartbeat: seconds, folds made, longest stall,
  and the paint of the folded screen.
- filter-stop: a slow JSONPath filter in the helper process stopped after 0.5 s: how long until
  the worker returns (the helper's work is killed), and the next small filter's seconds (a
  fresh helper has to start).
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6 import QtCore, QtGui, QtWidgets  # noqa: E402

from benchmarks.machine_info import machine  # noqa: E402
from benchmarks.ui_heartbeat import beside_heartbeat  # noqa: E402
from ctct_desktop.core.binary.byte_search import find_all  # noqa: E402
from ctct_desktop.core.binary.source import ByteSource  # noqa: E402
from ctct_desktop.core.formatting import Syntax  # noqa: E402
from ctct_desktop.core.paging.rows import index_file  # noqa: E402
from ctct_desktop.ui import offload  # noqa: E402
from ctct_desktop.ui.paged_view.source import PagedSource  # noqa: E402
from ctct_desktop.ui.paged_view.view import PagedTextView  # noqa: E402
from ctct_desktop.ui.response_view.filter_query import JSONPATH, run_filter  # noqa: E402

ENTRY = ("  <entry>\n    <id>urn:contact:{n}</id>\n    <title>Contact {n}</title>\n    <content>\n"
         "      <Contact id=\"c{n}\">\n        <EmailAddress>user{n}@example.com</EmailAddress>\n"
         "      </Contact>\n    </content>\n  </entry>\n")


def _rss_peak_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def hex_find_run(app: QtWidgets.QApplication, path: Path) -> dict[str, float]:
    before = _rss_peak_mib()
    found: list[int] = []
    seconds, stall = beside_heartbeat(app, lambda: found.append(
        find_all(ByteSource(b"", str(path)), b"\xde\xad\xbe\xef").count))
    assert found == [1], found
    return {"seconds": seconds, "max_stall_ms": stall, "rss_growth_mib": _rss_peak_mib() - before}


def fold_all_run(app: QtWidgets.QApplication, path: Path, entries: int) -> dict[str, float]:
    view = PagedTextView()
    view.resize(900, 700)
    view.show()
    view.set_source(PagedSource(path, index_file(path)), Syntax.XML)
    app.processEvents()
    view.setFocus()
    press = QtGui.QKeyEvent(QtCore.QEvent.Type.KeyPress, QtCore.Qt.Key.Key_BracketLeft,
                            QtCore.Qt.KeyboardModifier.ControlModifier | QtCore.Qt.KeyboardModifier.AltModifier)
    seconds, stall = beside_heartbeat(app, lambda: view.keyPressEvent(press), lambda: not view.folds.scanning)
    assert len(view.folds.rows) == entries, len(view.folds.rows)
    began = time.perf_counter()
    view.viewport().repaint()
    paint = (time.perf_counter() - began) * 1000
    assert view.source is not None
    view.source.close()
    view.close()
    return {"seconds": seconds, "max_stall_ms": stall, "folded_paint_ms": paint, "folds": entries}


def filter_stop_run(path: Path) -> dict[str, float]:
    cancel = threading.Event()
    outcome: list[object] = []

    def slow() -> None:
        try:
            outcome.append(offload.run(run_filter, 1, JSONPATH, b"", str(path), "$..tags[?(@ == 'c')]", cancel=cancel))
        except offload.OffloadCancelled:
            outcome.append("cancelled")

    worker = threading.Thread(target=slow)
    worker.start()
    time.sleep(0.5)  # the benchmark's own pacing: the filter is well under way
    began = time.perf_counter()
    cancel.set()
    worker.join()
    stopped = time.perf_counter() - began
    assert outcome == ["cancelled"], outcome
    began = time.perf_counter()
    small = offload.run(run_filter, 2, JSONPATH, b'{"a": [1, 2]}', "", "$.a[1]")
    assert small.text == "2", small
    return {"stop_s": stopped, "next_filter_s": time.perf_counter() - began}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size-mb", type=int, default=100)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    app = QtWidgets.QApplication.instance() or QtWidgets.QApplication([])
    print(machine(f"Qt {QtCore.qVersion()}"))
    size = args.size_mb << 20
    cases: list[dict[str, object]] = []
    with tempfile.TemporaryDirectory(prefix="bench-response-tools-") as temp:
        folder = Path(temp)
        binary = folder / "body.bin"
        block = bytes(range(256)) * 4096
        with binary.open("wb") as handle:
            for _ in range(size // len(block)):
                handle.write(block)
            handle.write(b"..\xde\xad\xbe\xef..")  # the only match, at the very end
        runs = [hex_find_run(app, binary) for _ in range(args.runs)]
        cases.append({"case": "hex-find", "size_mb": args.size_mb} | _medians(runs))

        feed = folder / "feed.xml"
        entries = size // len(ENTRY.format(n=100000))
        with feed.open("w") as handle:
            handle.write('<?xml version="1.0"?>\n<feed xmlns="http://www.w3.org/2005/Atom">\n  <title>t</title>\n')
            for n in range(entries):
                handle.write(ENTRY.format(n=n))
            handle.write("</feed>\n")
        runs = [fold_all_run(app, feed, entries) for _ in range(args.runs)]
        cases.append({"case": "paged-fold-all", "size_mb": round(feed.stat().st_size / 2**20, 1)} | _medians(runs))

        items = folder / "items.json"
        items.write_text(json.dumps({"items": [{"id": n, "tags": ["a", "b", "c"]} for n in range(300_000)]}))
        offload.warm_up("ctct_desktop.ui.response_view.filter_query", "ctct_desktop.core.query")
        runs = [filter_stop_run(items) for _ in range(args.runs)]
        cases.append({"case": "filter-stop", "size_mb": round(items.stat().st_size / 2**20, 1)} | _medians(runs))
    offload.shutdown()
    for case in cases:
        print(json.dumps(case))


def _medians(runs: list[dict[str, float]]) -> dict[str, float]:
    return {key: round(statistics.median(run[key] for run in runs), 3) for key in runs[0]}


if __name__ == "__main__":
    main()
