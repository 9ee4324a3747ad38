"""The response filter: an XPath (XML) or JSONPath (JSON) expression that shows only the
matching parts of the body, pretty-printed, with a count.

The expression runs off the UI thread (core/query; a spooled body is read there, within the
query limit): a body of ``OFFLOAD_FROM`` bytes or more in the helper process (``ui/offload``),
since lxml's and jsonpath-ng's work cannot be interrupted and pure-Python evaluation in a thread
would hold the GIL for seconds; stopping it kills the helper's work. While it runs the bar shows
a busy bar and a Stop button; Esc (or Stop) stops it, a new expression stops the old one. Errors
are one line in the bar. Esc with nothing running closes the bar and brings the whole body back.
The last expression of each kind is remembered for the next body of that kind (this session).
"""

from __future__ import annotations

import os
import threading

from PySide6 import QtCore, QtWidgets

from ctct_desktop.ui import offload
from ctct_desktop.ui.highlighting.visible import VisibleHighlighter
from ctct_desktop.ui.response_view.filter_query import JSONPATH, XPATH, FilterOutcome, query_kind, run_filter
from ctct_desktop.ui.severity_colours import severity_colour
from ctct_desktop.ui.widgets.code_editor import CodeEditor
from ctct_desktop.ui.widgets.find_keys import handle_find_keys
from ctct_desktop.ui.workers import start_task

FILTER_KEYS = "Ctrl+Alt+F"
OFFLOAD_FROM = 1 << 20  # bodies this large are filtered in the helper process (and can be stopped there)
_FILTER_MODULES = ("ctct_desktop.ui.response_view.filter_query", "ctct_desktop.core.query")
_PLACEHOLDER = {XPATH: "XPath, e.g. //atom:entry/atom:title  (atom: and ctct: are declared)",
                JSONPATH: "JSONPath, e.g. $.items[?(@.id > 3)].name"}
_LABEL = {XPATH: "XPath:", JSONPATH: "JSONPath:"}


def _results_editor(parent: QtWidgets.QWidget) -> CodeEditor:
    editor = CodeEditor(parent)
    editor.setReadOnly(True)
    editor.setUndoRedoEnabled(False)
    editor.setAccessibleName("Response body (filtered)")
    editor.setTextInteractionFlags(QtCore.Qt.TextInteractionFlag.TextSelectableByMouse
                                   | QtCore.Qt.TextInteractionFlag.TextSelectableByKeyboard)
    editor.enable_folding()
    return editor


class FilterBar(QtWidgets.QWidget):
    """Hidden until ``open_bar``. ``showing(bool)``: True when ``results`` should replace the
    body on screen, False when the whole body comes back."""

    showing = QtCore.Signal(bool)
    _last: dict[str, str] = {}  # kind -> the last expression run, shared by every response pane

    def __init__(self, parent: QtWidgets.QWidget) -> None:
        super().__init__(parent)
        self.results = _results_editor(parent)
        self._highlighter = VisibleHighlighter(self.results)
        self.open_button = QtWidgets.QToolButton(parent)
        self.open_button.setText("Filter…")
        self.open_button.setToolTip("Show only the parts matching an XPath (XML) or JSONPath (JSON) expression "
                                    f"({FILTER_KEYS})")
        self.open_button.clicked.connect(self.open_bar)
        self.label = QtWidgets.QLabel("Filter:", self)
        self.field = QtWidgets.QLineEdit(self)
        self.field.setAccessibleName("Filter expression")
        self.field.setToolTip("Enter: filter; Esc: close and show the whole body")
        self.label.setBuddy(self.field)
        self.status = QtWidgets.QLabel(self)
        self.status.setAccessibleName("Filter result")
        self.status.setWordWrap(True)
        self.status.setTextInteractionFlags(QtCore.Qt.TextInteractionFlag.TextSelectableByMouse)
        self.busy = QtWidgets.QProgressBar(self)
        self.busy.setRange(0, 0)  # no measure of an XPath's progress: a busy bar
        self.busy.setMaximumSize(80, 12)
        self.busy.setTextVisible(False)
        self.busy.setAccessibleName("Filtering")
        self.stop_button = QtWidgets.QToolButton(self)
        self.stop_button.setText("Stop")
        self.stop_button.setAccessibleName("Stop the filter")
        self.stop_button.setToolTip("Stop the filter that is running (Esc)")
        self.stop_button.clicked.connect(self.cancel)
        close = QtWidgets.QToolButton(self)
        close.setText("Close")
        close.setToolTip("Close the filter and show the whole body (Esc)")
        close.clicked.connect(self.close_bar)
        layout = QtWidgets.QHBoxLayout(self)
        layout.setContentsMargins(4, 2, 4, 2)
        layout.addWidget(self.label)
        layout.addWidget(self.field, 2)
        layout.addWidget(self.busy)
        layout.addWidget(self.stop_button)
        layout.addWidget(self.status, 1)
        layout.addWidget(close)
        self.field.returnPressed.connect(self.run)
        self.field.installEventFilter(self)
        self.results.installEventFilter(self)
        self._body, self._content_type, self._path = b"", "", ""
        self._kind: str | None = None
        self._serial = 0
        self._cancel = threading.Event()
        self._showing = False
        self.running = False
        self._set_running(False)
        self.setVisible(False)

    @property
    def kind(self) -> str | None:
        return self._kind

    @property
    def filtered(self) -> bool:
        """The results are on screen instead of the body."""
        return self._showing

    def eventFilter(self, watched: QtCore.QObject, event: QtCore.QEvent) -> bool:  # noqa: N802 - Qt API
        if watched is self.results:  # Esc in the results, too, brings the whole body back
            if event.type() == QtCore.QEvent.Type.KeyPress and event.key() == QtCore.Qt.Key.Key_Escape:  # type: ignore[attr-defined]
                self.close_bar()
                return True
            return False
        return watched is self.field and handle_find_keys(event, self._escape, self.run)

    def _escape(self) -> None:
        """Esc in the field: stop the filter that runs, else close the bar."""
        if self.running:
            self.cancel()
        else:
            self.close_bar()

    def cancel(self) -> None:
        """Stop the filter that runs (its helper's work is killed); what was on screen stays."""
        if not self.running:
            return
        self._stop_run()
        self._say("Filter stopped.")

    def _stop_run(self, *, kill: bool = True) -> None:
        """Whatever runs is for nothing now. ``kill``: stop its helper's work too (not when a new
        body arrives: the helper may be about to format it, and the answer is simply ignored)."""
        self._serial += 1
        if kill:
            self._cancel.set()
        self._set_running(False)

    def _set_running(self, running: bool) -> None:
        self.running = running
        self.busy.setVisible(running)
        self.stop_button.setVisible(running)

    def set_body(self, body: bytes, content_type: str, path: str = "") -> None:
        """A new body (``path``: its spool file, ``body`` then only its start). An open bar runs
        the last expression of the body's kind on it at once."""
        self._stop_run(kill=False)
        self._body, self._content_type, self._path = body, content_type, path
        kind = query_kind(body, content_type) if body or path else None
        changed = kind != self._kind
        self._kind = kind
        self._show_results(False)
        self._say("")
        self._describe()
        if changed and kind is not None:
            self.field.setText(self._last.get(kind, ""))
        if self.isVisible() and kind is not None and self.field.text().strip():
            self.run()
        elif self.isVisible() and kind is None and (body or path):
            self._say(self._unsupported())

    def open_bar(self) -> None:
        self.setVisible(True)
        self._describe()
        if self._kind is not None and self._size() >= OFFLOAD_FROM:
            offload.warm_up(*_FILTER_MODULES)  # the helper has lxml and jsonpath-ng loaded by the first run
        if self._kind is None:
            self._say(self._unsupported() if self._body or self._path else "No response body to filter.")
        elif not self.field.text():
            self.field.setText(self._last.get(self._kind, ""))
        self.field.setFocus(QtCore.Qt.FocusReason.ShortcutFocusReason)
        self.field.selectAll()

    def close_bar(self) -> None:
        self._stop_run()
        self.setVisible(False)
        self._show_results(False)

    def clear_results(self) -> None:
        """Back to the whole body, the bar staying open (Pretty/Raw was switched)."""
        self._stop_run()
        self._show_results(False)
        self._say("")

    def run(self) -> None:
        expression = self.field.text()
        kind = self._kind
        if kind is None:
            self._say(self._unsupported() if self._body or self._path else "No response body to filter.",
                      error=True)
            return
        if not expression.strip():
            self._show_results(False)
            self._say("")
            return
        self._last[kind] = expression
        self._stop_run()  # a new expression stops the old one
        self._cancel = cancel = threading.Event()
        serial, body, path = self._serial, self._body, self._path
        in_helper = self._size() >= OFFLOAD_FROM
        self._set_running(True)
        self._say("Filtering… (Esc stops)")

        def work(_progress: object) -> FilterOutcome | None:
            if not in_helper:
                return run_filter(serial, kind, body, path, expression)
            try:
                return offload.run(run_filter, serial, kind, body, path, expression, cancel=cancel)
            except offload.OffloadCancelled:
                return None

        start_task(work, self._done, lambda message: self._failed(serial, message), owner=self)

    def _size(self) -> int:
        if self._path:
            try:
                return os.path.getsize(self._path)
            except OSError:
                return 0
        return len(self._body)

    def _done(self, outcome: FilterOutcome | None) -> None:
        if outcome is None or outcome.serial != self._serial:
            return  # stopped, or a newer run, a new body or a closed bar
        self._set_running(False)
        if outcome.error is not None:
            self._say(outcome.error, error=True)
            return
        self._highlighter.set_spans(None)
        self._highlighter.set_provisional(outcome.syntax)
        self.results.setPlainText(outcome.text)
        self._show_results(True)
        self._say(outcome.summary)

    def _failed(self, serial: int, message: str) -> None:
        if serial != self._serial:
            return
        self._set_running(False)
        self._say(f"The filter failed: {message}", error=True)

    def _show_results(self, showing: bool) -> None:
        if not showing:
            self.results.clear()
        if showing != self._showing:
            self._showing = showing
            self.showing.emit(showing)

    def _describe(self) -> None:
        kind = self._kind
        self.label.setText(_LABEL.get(kind or "", "Filter:"))
        self.field.setPlaceholderText(_PLACEHOLDER.get(kind or "", "XPath for XML bodies, JSONPath for JSON"))
        self.field.setEnabled(kind is not None)

    @staticmethod
    def _unsupported() -> str:
        return "Filters work on XML bodies (XPath) and JSON bodies (JSONPath)."

    def _say(self, text: str, *, error: bool = False) -> None:
        text = " ".join(text.split())  # one line, whatever lxml or jsonpath-ng put in the message
        self.status.setText(text)
        self.status.setToolTip(text if len(text) > 60 else "")
        colour = severity_colour("error", self.palette()).name() if error else ""
        self.status.setStyleSheet(f"QLabel {{ color: {colour}; }}" if colour else "")
        self.status.setProperty("error", error)
