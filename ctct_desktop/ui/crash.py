"""Unexpected errors: never a traceback in front of the user.

An exception that escapes to the event loop is written (redacted) to the log and to a crash
report file, and the user gets a plain message saying the work is safe and where the report is.
"""

from __future__ import annotations

import sys
import threading
import traceback
from datetime import datetime, timezone
from pathlib import Path
from types import TracebackType

from PySide6 import QtCore, QtWidgets

from ctct_desktop import __version__
from ctct_desktop.core.logs import logger
from ctct_desktop.core.redaction import redact_text
from ctct_desktop.core.secret_set import session_secrets
from ctct_desktop.core.atomic import write_atomic


def write_crash_report(folder: Path, kind: type[BaseException], error: BaseException,
                       tb: TracebackType | None) -> Path | None:
    text = "".join(traceback.format_exception(kind, error, tb))
    stamp = datetime.now(timezone.utc).strftime("%Y%m%d-%H%M%S-%f")
    path = folder / f"crash-{stamp}.txt"
    report = f"CTCT Desktop {__version__} crash report\n\n" + redact_text(text, session_secrets.current())
    try:
        write_atomic(path, report)
    except OSError:
        return None
    return path


class CrashHandler(QtCore.QObject):
    """Installs sys.excepthook and threading.excepthook; shows at most one dialog at a time."""

    _show = QtCore.Signal(str)

    def __init__(self, folder: Path, parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(parent)
        self.folder = folder
        self._parent = parent
        self._showing = False
        self.reports: list[Path] = []
        self._show.connect(self._dialog, QtCore.Qt.ConnectionType.QueuedConnection)

    def install(self) -> None:
        sys.excepthook = self.handle
        threading.excepthook = lambda args: self.handle(args.exc_type, args.exc_value or Exception(),
                                                        args.exc_traceback)

    def handle(self, kind: type[BaseException], error: BaseException, tb: TracebackType | None) -> None:
        if issubclass(kind, KeyboardInterrupt):
            QtWidgets.QApplication.quit()
            return
        logger("crash").error("unexpected error", exc_info=(kind, error, tb))
        path = write_crash_report(self.folder, kind, error, tb)
        if path is not None:
            self.reports.append(path)
        where = f"A report was saved to {path}." if path else "The report could not be saved."
        self._show.emit(f"{redact_text(str(error), session_secrets.current())[:300]}\n\n{where}")

    def _dialog(self, text: str) -> None:
        if self._showing:
            return
        self._showing = True
        try:
            QtWidgets.QMessageBox.warning(
                self._parent, "Something went wrong inside CTCT Desktop",
                "An internal error occurred. Your request and the app are still usable; if it happens "
                f"again, attach the report to a bug report.\n\n{text}")
        finally:
            self._showing = False
