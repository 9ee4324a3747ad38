"""Layout probes shared by the layout tests: is the frame on the screen, do widgets overlap.

``python -m tests.ui.layout_probe WIDTHxHEIGHT`` walks the golden path in a fresh process whose
offscreen platform has one screen of that size (``QT_QPA_PLATFORM=offscreen:configfile=…``, a
JSON file with a ``screens`` list: the offscreen platform reads its screens only at start-up, so
each size needs its own process) and prints one JSON line per step.
"""

from __future__ import annotations

import json
import os
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6 import QtCore, QtWidgets

_TOLERANCE = 2  # px: styles let frames share a border line (a tab bar on its pane, say)


def _rect(widget: QtWidgets.QWidget) -> QtCore.QRect:
    return QtCore.QRect(widget.mapTo(widget.window(), QtCore.QPoint(0, 0)), widget.size())


def overlaps(root: QtWidgets.QWidget) -> list[str]:
    """Pairs of visible sibling widgets under ``root`` whose rectangles intersect (more than a
    shared border): a layout squeezed below its minimum draws its children over each other."""
    found: list[str] = []
    widgets = [root, *root.findChildren(QtWidgets.QWidget)]
    for parent in widgets:
        if not parent.isVisible() or isinstance(parent, QtWidgets.QAbstractScrollArea):
            continue  # a scroll area's viewport and bars are laid out by the area itself
        children = [c for c in parent.children() if isinstance(c, QtWidgets.QWidget)
                    and c.isVisible() and not c.isWindow() and c.width() > 0 and c.height() > 0]
        for i, a in enumerate(children):
            for b in children[i + 1:]:
                common = a.geometry().intersected(b.geometry())
                if common.width() > _TOLERANCE and common.height() > _TOLERANCE:
                    found.append(f"{_name(a)} {_rect(a).getRect()} overlaps {_name(b)} {_rect(b).getRect()}")
    return found


def clipped(root: QtWidgets.QWidget) -> list[str]:
    """Visible widgets under ``root`` cut by their parent (outside its rectangle), scroll-area
    contents excepted (they are meant to be larger than the viewport)."""
    found: list[str] = []
    for child in root.findChildren(QtWidgets.QWidget):
        parent = child.parentWidget()
        if (parent is None or not child.isVisible() or child.isWindow()
                or isinstance(parent.parentWidget(), QtWidgets.QAbstractScrollArea)):
            continue
        inside = parent.rect().adjusted(-_TOLERANCE, -_TOLERANCE, _TOLERANCE, _TOLERANCE)
        if not inside.contains(child.geometry()):
            found.append(f"{_name(child)} {child.geometry().getRect()} outside {_name(parent)} {parent.rect().getRect()}")
    return found


def _name(widget: QtWidgets.QWidget) -> str:
    text = getattr(widget, "text", None)
    label = text() if callable(text) and isinstance(text(), str) else ""
    return f"{type(widget).__name__}({widget.objectName() or widget.accessibleName() or label[:30]!r})"


def frame_report(window: QtWidgets.QWidget) -> dict[str, object]:
    screen = window.screen().availableGeometry()
    frame = window.frameGeometry()
    return {"frame": [frame.x(), frame.y(), frame.width(), frame.height()],
            "available": [screen.x(), screen.y(), screen.width(), screen.height()],
            "inside": screen.contains(frame)}


def wait_until(condition: Callable[[], bool], timeout_s: float = 15.0) -> None:
    deadline = time.monotonic() + timeout_s
    while not condition():
        if time.monotonic() > deadline:
            raise TimeoutError("the window did not get there in time")
        QtWidgets.QApplication.processEvents(QtCore.QEventLoop.ProcessEventsFlag.AllEvents, 20)
        time.sleep(0.01)


def settle(rounds: int = 10) -> None:
    """Let posted layout requests and zero-timers run (a re-wrap takes a pass or two)."""
    for _ in range(rounds):
        QtWidgets.QApplication.processEvents(QtCore.QEventLoop.ProcessEventsFlag.AllEvents, 20)
        time.sleep(0.01)


def screen_environment(width: int, height: int, folder: Path) -> dict[str, str]:
    """Environment for a child process with one offscreen screen of ``width``×``height``."""
    config = folder / f"screen-{width}x{height}.json"
    config.write_text(json.dumps({"screens": [{"name": "probe", "x": 0, "y": 0, "width": width,
                                               "height": height, "logicalDpi": 96,
                                               "logicalBaseDpi": 96, "dpr": 1}]}), encoding="utf-8")
    env = dict(os.environ)
    env["QT_QPA_PLATFORM"] = f"offscreen:configfile={config}"
    env["CTCT_DESKTOP_HOME"] = str(folder / "home")
    return env


def _walk() -> None:
    from ctct_desktop.app import Workbench, create_application
    from ctct_desktop.resources import resource_path
    from ctct_desktop.store.request_file import load_request

    create_application()
    bench = Workbench(start_sandbox=True)
    window = bench.window
    window.show()
    wait_until(lambda: bench.sandbox.info is not None, 20)
    response = window.response_view

    def report(step: str, **extra: object) -> None:
        settle()
        values = {key: value() if callable(value) else value for key, value in extra.items()}
        values["side_by_side"] = window.panes.side_by_side
        print(json.dumps({"step": step, **frame_report(window), "overlaps": overlaps(response),
                          "clipped": clipped(response), **values}), flush=True)

    def send() -> int:
        response.exchange = None
        window.send_current()
        wait_until(lambda: response.exchange is not None and not window.send_controller.busy)
        wait_until(lambda: not response.body.busy)
        exchange = response.exchange
        return exchange.response.status if exchange is not None and exchange.response is not None else 0

    report("start")
    create = resource_path("templates", "v1", "Contacts", "Create contact.ctct.toml")
    window.request_editor.set_model(load_request(create).request)
    report("created", status=send())
    status = send()
    wait_until(lambda: bench.card.isVisible() and bench.card.shown is not None)
    report("conflict", status=status, card=bench.card.shown.article_id if bench.card.shown else "",
           card_overlaps=lambda: overlaps(bench.card))
    body = window.request_editor.body_editor
    body.setPlainText(body.toPlainText().replace(' xmlns="http://www.w3.org/2005/Atom"', "", 1))
    wait_until(lambda: any(d.code == "L001" and d.fix is not None for d in bench.lint.diagnostics))
    problems_dock = bench.problems.parentWidget()
    report("broken", problems=lambda: [d.code for d in bench.problems.diagnostics()],
           fixable=lambda: [d.code for d in bench.problems.diagnostics() if d.fix is not None],
           problems_shown=lambda: problems_dock is not None and problems_dock.isVisible()
           and not problems_dock.visibleRegion().isEmpty(),
           problems_overlaps=lambda: overlaps(bench.problems))
    screen = window.screen().availableGeometry()
    window.resize(min(900, screen.width()), min(600, screen.height()))  # shrunk back by the user
    report("shrunk", card_overlaps=lambda: overlaps(bench.card), minimums=lambda: {
        w.objectName() or type(w).__name__: w.minimumSizeHint().height()
        for w in [window.request_editor, response, bench.card, window.statusBar(),
                  *window.findChildren(QtWidgets.QDockWidget), *window.findChildren(QtWidgets.QToolBar)]})
    window.send_controller.cancel()
    bench.shutdown()


if __name__ == "__main__":
    _walk()


_WALKS: dict[tuple[int, int], dict[str, dict[str, Any]]] = {}


def walk_at(width: int, height: int) -> dict[str, dict[str, Any]]:
    """The golden path on a ``width``×``height`` screen, in a child process; its steps by name.
    Kept for the session: the banner test and the golden-path test read the same walk."""
    key = (width, height)
    if key not in _WALKS:
        import subprocess

        folder = Path(tempfile.mkdtemp(prefix=f"layout-{width}x{height}-"))
        done = subprocess.run([sys.executable, "-m", "tests.ui.layout_probe"], capture_output=True, text=True,
                              env=screen_environment(width, height, folder), timeout=60,
                              cwd=Path(__file__).resolve().parents[2])
        steps = [json.loads(line) for line in done.stdout.splitlines() if line.startswith("{")]
        assert done.returncode == 0, f"the walk failed at {width}x{height}:\n{done.stdout}\n{done.stderr[-3000:]}"
        _WALKS[key] = {step["step"]: step for step in steps}
    return _WALKS[key]
