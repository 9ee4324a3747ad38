"""Request menu: export the last exchange for a support ticket, copy the request as cURL.

Both go through the redaction module (store/export.py); the file is written atomically.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6 import QtCore, QtGui, QtWidgets

from ctct_desktop.core.models import Exchange
from ctct_desktop.store.atomic import write_atomic
from ctct_desktop.store.export import as_curl, exchange_report
from ctct_desktop.ui.main_window import MainWindow
from ctct_desktop.ui.window_actions import make_action


class ExportActions(QtCore.QObject):
    def __init__(self, window: MainWindow, secrets: Callable[[], Sequence[str]],
                 explanations: Callable[[], Sequence[str]]) -> None:
        super().__init__(window)
        self.window, self._secrets, self._explanations = window, secrets, explanations
        self.last: Exchange | None = None
        window.exchange_finished.connect(self._remember)
        self.export = self._action("&Export exchange for support…",
                                   "Save the last request and response as a text report, secrets masked (Ctrl+E)",
                                   "Ctrl+E", self.export_dialog)
        self.export.setEnabled(False)
        self.curl = self._action("Copy as c&URL", "Copy the request as a cURL command, secrets masked "
                                 "(Ctrl+Shift+C)", "Ctrl+Shift+C", self.copy_curl)

    def _action(self, text: str, tip: str, keys: str, slot: Callable[[], object]) -> QtGui.QAction:
        action = make_action(self.window, text, tip, keys)
        action.triggered.connect(slot)
        self.window.menus["request"].addAction(action)
        return action

    def _remember(self, exchange: Exchange) -> None:
        self.last = exchange
        self.export.setEnabled(True)

    def report_text(self) -> str | None:
        if self.last is None:
            return None
        return exchange_report(self.last, self._secrets(), explanations=self._explanations())

    def export_dialog(self) -> None:
        text = self.report_text()
        if text is None:
            self.window.show_activity("Send a request first; the export describes the last exchange.")
            return
        path, _filter = QtWidgets.QFileDialog.getSaveFileName(self.window, "Export exchange for support",
                                                              "ctct-exchange.txt", "Text files (*.txt)")
        if path:
            self.write(path, text)

    def write(self, path: str, text: str) -> None:
        try:
            write_atomic(path, text)
        except OSError as exc:
            self.window.show_activity(f"The report could not be written: {exc.strerror or exc}")
            return
        self.window.show_activity(f"Exchange report saved to {path} (secrets masked).")

    def copy_curl(self) -> None:
        command = as_curl(self.window.request_editor.to_model(), self._secrets())
        QtWidgets.QApplication.clipboard().setText(command)
        self.window.show_activity("Copied as cURL (secrets masked).")
