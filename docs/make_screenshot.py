"""Make docs/screenshot.png from the real window on a real X server (run under xvfb-run).

It opens the app on the embedded sandbox, sends the "Create contact" template twice and
captures the window showing the 409 explained, as a new user sees it in the first minute.
Usage: xvfb-run -a -s "-screen 0 1440x960x24" .venv/bin/python docs/make_screenshot.py
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path


def main() -> int:
    os.environ.setdefault("CTCT_DESKTOP_HOME", tempfile.mkdtemp(prefix="ctct-shot-"))
    os.environ.setdefault("QT_QPA_PLATFORM", "xcb")
    from PySide6 import QtCore

    from ctct_desktop.app import Workbench, create_application
    from ctct_desktop.resources import resource_path
    from ctct_desktop.store.request_file import load_request

    app = create_application()
    bench = Workbench(start_sandbox=True)
    window = bench.window
    window.resize(1400, 920)
    window.show()
    out = Path(__file__).resolve().parent / "screenshot.png"
    template = resource_path("templates", "v1", "Contacts", "Create contact.ctct.toml")
    steps = iter(["load", "send", "send", "shoot"])

    def step() -> None:
        if window.send_controller.busy or bench.sandbox.info is None:
            QtCore.QTimer.singleShot(300, step)
            return
        action = next(steps)
        if action == "load":
            window.request_editor.set_model(load_request(template).request)
            window.request_editor.tabs.setCurrentWidget(window.request_editor.body)
        elif action == "send":
            window.send_current()
        else:
            app.processEvents()
            window.grab().save(str(out))
            print(f"wrote {out}")
            app.quit()
            return
        QtCore.QTimer.singleShot(1500, step)

    QtCore.QTimer.singleShot(1000, step)
    QtCore.QTimer.singleShot(60000, app.quit)  # never hang a build
    code = app.exec()
    bench.shutdown()
    return code


if __name__ == "__main__":
    sys.exit(main())
