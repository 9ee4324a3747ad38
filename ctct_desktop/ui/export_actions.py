"""Request menu: export the last exchange for a support ticket, copy the request as cURL or as
code in another language (Copy as…, ctct_desktop/snippets: credentials read from environment
variables, never written).

Both mask with the ``SecretSet`` of the last send's plan (send/export.py); the file is
written atomically, as text or as JSON by its extension.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from PySide6 import QtCore, QtGui, QtWidgets

from ctct_desktop.send import SendResult
from ctct_desktop.ui.main_window import MainWindow
from ctct_desktop.ui.window_actions import make_action


# The snippet languages in menu order (ctct_desktop.snippets.LANGUAGES; a test keeps the two equal).
# Listed here so building the menu does not import the snippet writers before the first paint.
SNIPPET_LANGUAGES: tuple[tuple[str, str], ...] = (
    ("curl", "cURL (bash)"), ("curl-windows", "cURL (Windows cmd)"), ("php", "PHP (curl)"),
    ("python-httpx", "Python (httpx)"), ("python-requests", "Python (requests)"), ("java", "Java (HttpClient)"),
    ("csharp", "C# (HttpClient)"), ("js", "JavaScript (fetch)"))


class ExportActions(QtCore.QObject):
    def __init__(self, window: MainWindow, explanations: Callable[[], Sequence[str]]) -> None:
        super().__init__(window)
        self.window, self._explanations = window, explanations
        self._last: SendResult | None = None
        # Which exchange "the last" is: with request tabs, the shown tab's (app.py sets it).
        self.source: Callable[[], SendResult | None] = lambda: self._last
        window.send_finished.connect(self._remember)
        self.export = self._action("&Export exchange for support…",
                                   "Save the last request and response as a report, secrets masked (Ctrl+E)",
                                   "Ctrl+E", self.export_dialog)
        self.export.setEnabled(False)
        self.curl = self._action("Copy as cU&RL", "Copy the request as a cURL command, secrets masked "
                                 "(Ctrl+Shift+C)", "Ctrl+Shift+C", self.copy_curl)
        self.export_as_menu = window.menus["request"].addMenu("Export re&quest as")
        self.export_postman = self.export_as_menu.addAction("&Postman collection (v2.1)…")
        self.export_postman.triggered.connect(lambda: self.export_request_dialog("postman"))
        self.export_har = self.export_as_menu.addAction("&HAR 1.2…")
        self.export_har.triggered.connect(lambda: self.export_request_dialog("har"))
        self.copy_as_menu = window.menus["request"].addMenu("Copy &as")
        self.copy_as: dict[str, QtGui.QAction] = {}
        for lang, title in SNIPPET_LANGUAGES:
            action = self.copy_as_menu.addAction(title)
            action.setStatusTip(f"Copy the request as runnable {title} code; it reads the credentials from "
                                "CTCT_* environment variables")
            action.triggered.connect(lambda _checked=False, lang=lang: self.copy_snippet(lang))
            self.copy_as[lang] = action

    def _action(self, text: str, tip: str, keys: str, slot: Callable[[], object]) -> QtGui.QAction:
        action = make_action(self.window, text, tip, keys)
        action.triggered.connect(slot)
        self.window.menus["request"].addAction(action)
        return action

    @property
    def last(self) -> SendResult | None:
        return self.source()

    def refresh(self) -> None:
        """Another tab is shown: Export is for its exchange, if it has one."""
        self.export.setEnabled(self.last is not None)

    def _remember(self, result: SendResult) -> None:
        self._last = result
        self.export.setEnabled(self.window.result_is_shown() or self.last is not None)

    def report_text(self) -> str | None:
        if self.last is None:
            return None
        from ctct_desktop.send.export import exchange_report  # deferred: start-up (measured)

        return exchange_report(self.last.exchange, self.last.secrets, explanations=self._explanations())

    def export_dialog(self) -> None:
        if self.last is None:
            self.window.show_activity("Send a request first; the export describes the last exchange.")
            return
        path, _filter = QtWidgets.QFileDialog.getSaveFileName(
            self.window, "Export exchange for support", "ctct-exchange.txt",
            "Text report (*.txt);;JSON report (*.json)")
        if path:
            self.write(path)

    def write(self, path: str) -> None:
        if self.last is None:
            return
        try:
            from ctct_desktop.send.export import write_exchange_report  # deferred: start-up (measured)

            write_exchange_report(Path(path), self.last.exchange, self.last.secrets, explanations=self._explanations())
        except OSError as exc:
            self.window.show_activity(f"The report could not be written: {exc.strerror or exc}")
            return
        self.window.show_activity(f"Exchange report saved to {path} (secrets masked).")

    def copy_curl(self) -> None:
        """The request as the last send resolved it when the editor still holds that request;
        otherwise the editor's request as written (its {{variables}} kept)."""
        from ctct_desktop.send.export import as_curl  # deferred: start-up (measured)

        model = self.window.request_editor.to_model()
        last = self.last
        if last is not None and last.plan.request == model:
            command = as_curl(last.plan.resolved, last.secrets)
        else:
            command = as_curl(model)
        QtWidgets.QApplication.clipboard().setText(command)
        self.window.show_activity("Copied as cURL (secrets masked).")

    def copy_snippet(self, lang: str) -> None:
        """Like Copy as cURL: the request as the last send resolved it (its secrets masked) when the
        editor still holds it, otherwise as written, {{variables}} left for the reader."""
        from ctct_desktop.snippets import SnippetError, language, snippet  # deferred: start-up

        model = self.window.request_editor.to_model()
        last = self.last
        try:
            if last is not None and last.plan.request == model:
                text = snippet(last.plan.resolved, lang, secrets=last.secrets)
            else:
                text = snippet(model, lang)
        except SnippetError as exc:
            self.window.show_activity(f"Not copied: {exc}")
            return
        QtWidgets.QApplication.clipboard().setText(text)
        self.window.show_activity(f"Copied as {language(lang).title}; it reads the credentials from environment "
                                  "variables.")

    def export_request_dialog(self, kind: str) -> None:
        suffix = "postman_collection.json" if kind == "postman" else "har"
        path, _filter = QtWidgets.QFileDialog.getSaveFileName(
            self.window, "Export request", f"ctct-request.{suffix}",
            "Postman collection (*.json)" if kind == "postman" else "HTTP archive (*.har)")
        if path:
            self.write_request(path, kind)

    def write_request(self, path: str, kind: str) -> None:
        """The editor's request as a Postman collection or a HAR file (secrets as {{references}}
        or left out), written atomically; the last exchange goes with it in a HAR when it is this
        request's."""
        from ctct_desktop.core.atomic import write_atomic  # deferred: start-up
        from ctct_desktop.exporters import ExportItem, har_text, postman_text

        model = self.window.request_editor.to_model()
        last = self.last
        if kind == "postman":
            text = postman_text("CTCT Desktop export", [ExportItem("Request", model)])
        elif last is not None and last.plan.request == model:
            text = har_text([last.exchange], secrets=last.secrets)
        else:
            text = har_text([model])
        try:
            write_atomic(Path(path), text.encode("utf-8"))
        except OSError as exc:
            self.window.show_activity(f"The export could not be written: {exc.strerror or exc}")
            return
        self.window.show_activity(f"Request exported to {path} (no secrets in it).")
