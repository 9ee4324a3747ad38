"""Make the README screenshots from the real window: docs/screenshots/light.png and dark.png.

Each theme is shot in its own child process whose offscreen platform has one 1440×900 screen
(``QT_QPA_PLATFORM=offscreen:configfile=…``: the platform reads its screens only at start-up),
so no X server is needed and the window is laid out exactly as on such a screen. The child opens
the app on the embedded sandbox with a fresh home, sends the "Create contact" template twice so
the 409 is explained in the response pane, then removes the Atom namespace from the body so the
Problems panel lists L001 with its quick fix selected, and grabs the window.

Usage: .venv/bin/python docs/make_screenshot.py [--theme light|dark]   (both when omitted)
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

WIDTH, HEIGHT = 1440, 900
OUT = Path(__file__).resolve().parent / "screenshots"
THEMES = ("light", "dark")


def _child_environment(folder: Path) -> dict[str, str]:
    config = folder / "screen.json"
    config.write_text(json.dumps({"screens": [{"name": "shot", "x": 0, "y": 0, "width": WIDTH, "height": HEIGHT,
                                               "logicalDpi": 96, "logicalBaseDpi": 96, "dpr": 1}]}),
                      encoding="utf-8")
    env = dict(os.environ)
    env["QT_QPA_PLATFORM"] = f"offscreen:configfile={config}"
    env["CTCT_DESKTOP_HOME"] = str(folder / "home")
    return env


def _wait_until(condition: Callable[[], bool], timeout_s: float = 30.0) -> None:
    from PySide6 import QtCore, QtWidgets

    deadline = time.monotonic() + timeout_s
    while not condition():
        if time.monotonic() > deadline:
            raise TimeoutError("the window did not get there in time")
        QtWidgets.QApplication.processEvents(QtCore.QEventLoop.ProcessEventsFlag.AllEvents, 20)
        time.sleep(0.01)


def _settle(seconds: float = 0.5) -> None:
    from PySide6 import QtCore, QtWidgets

    end = time.monotonic() + seconds
    while time.monotonic() < end:
        QtWidgets.QApplication.processEvents(QtCore.QEventLoop.ProcessEventsFlag.AllEvents, 20)
        time.sleep(0.01)


def shoot(theme: str, out: Path) -> None:
    """In this process (its screen set by the parent): walk to the 409 and L001, grab the window."""
    from PySide6 import QtWidgets

    from ctct_desktop.app import Workbench, create_application
    from ctct_desktop.resources import resource_path
    from ctct_desktop.store.request_file import load_request
    from ctct_desktop.ui.theme import set_theme

    app = create_application()
    bench = Workbench(start_sandbox=True)
    set_theme(app, theme)
    window = bench.window
    window.show()
    window.resize(WIDTH, HEIGHT)  # the whole screen, as a maximised window has it
    _wait_until(lambda: bench.sandbox.info is not None)
    response = window.response_view

    def send() -> None:
        response.exchange = None
        window.send_current()
        _wait_until(lambda: response.exchange is not None and not window.send_controller.busy)
        _wait_until(lambda: not response.body.busy)

    bench.documents.open(load_request(resource_path("templates", "v1", "Contacts", "Create contact.ctct.toml")))
    send()
    send()
    _wait_until(lambda: bench.card.isVisible() and bench.card.shown is not None)
    body = window.request_editor.body_editor
    body.setPlainText(body.toPlainText().replace(' xmlns="http://www.w3.org/2005/Atom"', "", 1))
    _wait_until(lambda: any(d.code == "L001" and d.fix is not None for d in bench.problems.diagnostics()))
    tree = bench.problems.tree
    for row in range(tree.topLevelItemCount()):
        item = tree.topLevelItem(row)
        if item is not None and item.text(1) == "L001":
            tree.setCurrentItem(item)
    _settle()
    out.parent.mkdir(parents=True, exist_ok=True)
    if not window.grab().save(str(out)):
        raise OSError(f"could not write {out}")
    window.send_controller.cancel()
    bench.shutdown()
    QtWidgets.QApplication.processEvents()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--theme", choices=THEMES, help="one theme only (default: both)")
    parser.add_argument("--in-this-process", action="store_true", help=argparse.SUPPRESS)
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args(argv)
    if args.in_this_process:
        shoot(args.theme, args.out / f"{args.theme}.png")
        return 0
    root = Path(__file__).resolve().parents[1]
    for theme in [args.theme] if args.theme else THEMES:
        with tempfile.TemporaryDirectory(prefix=f"ctct-shot-{theme}-") as folder:
            done = subprocess.run([sys.executable, str(Path(__file__).resolve()), "--in-this-process",
                                   "--theme", theme, "--out", str(args.out)],
                                  env=_child_environment(Path(folder)), cwd=root, timeout=120)
        if done.returncode != 0:
            print(f"the {theme} screenshot failed (exit {done.returncode})", file=sys.stderr)
            return done.returncode
        print(f"wrote {args.out / f'{theme}.png'} ({WIDTH}x{HEIGHT}, {theme})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
