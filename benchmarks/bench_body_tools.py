"""Response tools on a large binary body: hex view paints, streamed save, image decode.

Run: QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/bench_body_tools.py [--size-mb 100] [--runs 3]
Prints the machine, then medians; ends with one JSON line. Writes only to a temporary folder.

- hex_first_paint_ms / hex_end_paint_ms: set the 100 MB file as the hex view's source and paint;
  jump to the end (Ctrl+End) and paint. worst_page_paint_ms: the slowest of 200 PageDowns.
- save_s, save_mib_s, save_max_stall_ms: Save body's streamed copy of the file (the worker
  function the app runs) beside a 5 ms heartbeat on the UI thread; save_rss_growth_mib: how much
  the process's peak RSS grew during the copy (the body is never read whole).
- image_decode_ms: a 3000 × 2000 PNG decoded as the image view's worker does it.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PySide6 import QtCore, QtGui, QtWidgets  # noqa: E402

from benchmarks.machine_info import machine  # noqa: E402
from benchmarks.ui_heartbeat import beside_heartbeat  # noqa: E402
from ctct_desktop.core.binary.body_copy import copy_body  # noqa: E402
from ctct_desktop.core.binary.source import ByteSource  # noqa: E402
from ctct_desktop.ui.response_view.hex_view import HexView  # noqa: E402
from ctct_desktop.ui.response_view.image_view import decode_image  # noqa: E402
from tests.ui.response_view.bodies_server import png  # noqa: E402


def _write_body(path: Path, size: int) -> None:
    block = bytes(range(256)) * 4096
    with open(path, "wb") as handle:
        for _ in range(size // len(block)):
            handle.write(block)
        handle.write(block[:size % len(block)])


def _paint_ms(view: HexView) -> float:
    began = time.perf_counter()
    view.viewport().repaint()
    return (time.perf_counter() - began) * 1000


def _rss_peak_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def _hex_run(app: QtWidgets.QApplication, path: Path) -> dict[str, float]:
    view = HexView()
    view.resize(900, 700)
    view.show()
    app.processEvents()
    began = time.perf_counter()
    view.set_source(ByteSource(b"", str(path)))
    view.viewport().repaint()
    first = (time.perf_counter() - began) * 1000
    view.setFocus()
    event = QtGui.QKeyEvent(QtCore.QEvent.Type.KeyPress, QtCore.Qt.Key.Key_End, QtCore.Qt.KeyboardModifier.ControlModifier)
    began = time.perf_counter()
    view.keyPressEvent(event)
    view.viewport().repaint()
    end = (time.perf_counter() - began) * 1000
    view.keyPressEvent(QtGui.QKeyEvent(QtCore.QEvent.Type.KeyPress, QtCore.Qt.Key.Key_Home,
                                       QtCore.Qt.KeyboardModifier.ControlModifier))
    worst = 0.0
    page = QtGui.QKeyEvent(QtCore.QEvent.Type.KeyPress, QtCore.Qt.Key.Key_PageDown, QtCore.Qt.KeyboardModifier.NoModifier)
    for _ in range(200):
        view.keyPressEvent(page)
        worst = max(worst, _paint_ms(view))
    view.set_source(None)
    view.close()
    return {"hex_first_paint_ms": first, "hex_end_paint_ms": end, "worst_page_paint_ms": worst}


def _save_run(app: QtWidgets.QApplication, path: Path, folder: Path) -> dict[str, float]:
    target = folder / "saved.bin"
    before = _rss_peak_mib()
    elapsed, stall = beside_heartbeat(app, lambda: copy_body(ByteSource(b"", str(path)), target))
    size = path.stat().st_size
    assert target.stat().st_size == size
    target.unlink()
    return {"save_s": elapsed, "save_mib_s": size / (1 << 20) / elapsed, "save_max_stall_ms": stall,
            "save_rss_growth_mib": _rss_peak_mib() - before}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size-mb", type=int, default=100)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    app = QtWidgets.QApplication.instance() or QtWidgets.QApplication([])
    print(machine(f"Qt {QtCore.qVersion()}"))
    with tempfile.TemporaryDirectory(prefix="bench-body-tools-") as temp:
        folder = Path(temp)
        path = folder / "body.bin"
        _write_body(path, args.size_mb << 20)
        runs = [_hex_run(app, path) | _save_run(app, path, folder) for _ in range(args.runs)]
        image = png(3000, 2000)
        decodes = []
        for _ in range(args.runs):
            began = time.perf_counter()
            assert decode_image(image, "", len(image)).image is not None
            decodes.append((time.perf_counter() - began) * 1000)
    summary: dict[str, float | int] = {"size_mb": args.size_mb}
    for key in runs[0]:
        summary[key] = round(statistics.median(run[key] for run in runs), 2)
    summary["image_decode_ms"] = round(statistics.median(decodes), 1)
    for key, value in summary.items():
        print(f"{key}: {value}")
    print(json.dumps(summary))


if __name__ == "__main__":
    main()
