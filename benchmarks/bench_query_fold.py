"""Response filter and folding figures: XPath and JSONPath time and peak memory by body size,
the paged view's fold scan over a large file, and the editor's stall when a fold hides many lines.

Each query case runs in its own process, so its peak RSS is its own (the figure is the peak over
the body's size, the body itself included). Medians of ``--runs`` runs. Ends with one JSON line
per case. Run: .venv/bin/python benchmarks/bench_query_fold.py [--sizes 1,20] [--scan-mb 100] [--runs 3]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from benchmarks.machine_info import machine  # noqa: E402

ENTRY = ('<entry><title>Contact {n}</title><content type="application/vnd.ctct+xml">'
         '<Contact xmlns="http://ws.constantcontact.com/ns/1.0/" id="c{n}"><EmailAddress>user{n}@example.com'
         '</EmailAddress><Name>User {n}</Name></Contact></content></entry>\n')
QUERIES = {"xml": "//ctct:Contact[@id='c{last}']/ctct:Name/text()", "json": "$.items[?(@.id == {last})].name"}


def _xml(size: int) -> tuple[bytes, int]:
    count = max(1, size // len(ENTRY.format(n=100000)))
    body = '<feed xmlns="http://www.w3.org/2005/Atom">\n' + "".join(ENTRY.format(n=n) for n in range(count)) + "</feed>"
    return body.encode(), count - 1


def _json(size: int) -> tuple[bytes, int]:
    count = max(1, size // 80)
    items = [{"id": n, "name": f"User {n}", "email": f"user{n}@example.com", "tags": ["a"]} for n in range(count)]
    return json.dumps({"items": items}).encode(), count - 1


def run_case(kind: str, path: str, last: int) -> dict[str, float]:
    """In the child: evaluate once, report seconds and peak RSS."""
    from ctct_desktop.core.query import evaluate_jsonpath, evaluate_xpath

    body = Path(path).read_bytes()
    evaluate = evaluate_xpath if kind == "xml" else evaluate_jsonpath
    began = time.perf_counter()
    result = evaluate(body, QUERIES[kind].format(last=last))
    elapsed = time.perf_counter() - began
    assert result.count == 1, result
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    return {"seconds": elapsed, "peak_bytes": peak}


def query_cases(sizes: list[int], runs: int) -> list[dict[str, object]]:
    figures = []
    with tempfile.TemporaryDirectory() as folder:
        for size_mb in sizes:
            for kind, make in (("xml", _xml), ("json", _json)):
                body, last = make(size_mb << 20)
                path = Path(folder) / f"body.{kind}"
                path.write_bytes(body)
                samples = []
                for _ in range(runs):
                    out = subprocess.run([sys.executable, __file__, "--child", kind, str(path), str(last)],
                                         capture_output=True, text=True, check=True, cwd=ROOT)
                    samples.append(json.loads(out.stdout.strip().splitlines()[-1]))
                figures.append({"case": f"{'xpath' if kind == 'xml' else 'jsonpath'}", "size_mb": round(len(body) / 2**20, 1),
                                "seconds": round(statistics.median(s["seconds"] for s in samples), 3),
                                "peak_rss_over_body": round(statistics.median(s["peak_bytes"] for s in samples) / len(body), 1)})
    return figures


def scan_case(scan_mb: int, runs: int) -> dict[str, object]:
    """Fold the root of a pretty-printed feed: the scan runs to the end of the file or its bound."""
    from ctct_desktop.core import folding

    line = "  <entry>\n    <title>x</title>\n  </entry>\n"
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "pretty.xml"
        with path.open("w") as handle:
            handle.write("<feed>\n")
            handle.write(line * ((scan_mb << 20) // len(line)))
            handle.write("</feed>\n")
        seconds, steps = [], []
        for _ in range(runs):
            began = time.perf_counter()
            found = folding.scan_fold_end(path, 0)
            seconds.append(time.perf_counter() - began)
        data = path.read_bytes()[: folding.SCAN_CHUNK_BYTES * 4]
        pattern = __import__("re").compile(rb"^[ \t]{0,0}(?=[^ \t\r\n])", __import__("re").MULTILINE)
        for _ in range(20):  # one step: a regex search over one chunk, the GIL held throughout
            began = time.perf_counter()
            pattern.search(data[folding.SCAN_CHUNK_BYTES:folding.SCAN_CHUNK_BYTES * 2])
            steps.append(time.perf_counter() - began)
        return {"case": "paged-fold-scan", "size_mb": scan_mb, "bound_mb": folding.MAX_FOLD_SCAN_BYTES >> 20,
                "found": found.last is not None, "seconds": round(statistics.median(seconds), 3),
                "longest_step_ms": round(max(steps) * 1000, 2)}


def editor_case(lines: int, fold_all: bool = False) -> dict[str, object]:
    """The editor's one-off stall when a fold hides ``lines`` lines and the fold is on screen
    (``fold_all``: Fold all on a body of ``lines`` lines of small objects instead)."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6 import QtWidgets

    from ctct_desktop.ui.widgets.code_editor import CodeEditor

    app = QtWidgets.QApplication.instance() or QtWidgets.QApplication([])
    if fold_all:
        text = json.dumps({"items": [{"id": n, "tags": ["a", "b"]} for n in range(lines // 7)]}, indent=2)
    else:
        text = "{\n  \"items\": [\n" + ",\n".join(f"    {n}" for n in range(lines)) + "\n  ]\n}"
    editor = CodeEditor()
    editor.setReadOnly(True)
    folds = editor.enable_folding()
    editor.resize(800, 600)
    editor.show()
    editor.setPlainText(text)
    while not folds.ready:
        app.processEvents()
    app.processEvents()
    began = time.perf_counter()
    folds.fold_all() if fold_all else folds.fold(1)
    command = time.perf_counter() - began
    began = time.perf_counter()
    editor.viewport().repaint()
    app.processEvents()
    first_paint = time.perf_counter() - began
    began = time.perf_counter()
    editor.viewport().repaint()
    later_paint = time.perf_counter() - began
    editor.close()
    return {"case": "editor-fold-all" if fold_all else "editor-fold", "lines": lines,
            "folded": len(folds.folded()), "command_ms": round(command * 1000, 1),
            "first_paint_ms": round(first_paint * 1000, 1), "later_paint_ms": round(later_paint * 1000, 1)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--sizes", default="1,20")
    parser.add_argument("--scan-mb", type=int, default=100)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--child", nargs=3)
    args = parser.parse_args()
    if args.child:
        kind, path, last = args.child
        print(json.dumps(run_case(kind, path, int(last))))
        return
    print(machine())
    figures = query_cases([int(s) for s in args.sizes.split(",")], args.runs)
    figures.append(scan_case(args.scan_mb, args.runs))
    for lines in (1_000, 2_999, 10_000):
        figures.append(editor_case(lines))
    figures.append(editor_case(80_000, fold_all=True))
    for figure in figures:
        print(json.dumps(figure))


if __name__ == "__main__":
    main()
