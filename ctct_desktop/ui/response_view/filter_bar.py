"""The response filter: an XPath (XML) or JSONPath (JSON) expression that shows only the
matching parts of the body, pretty-printed, with a count.

The expression runs in a worker (core/query; a spooled body is read there, within the query
limit); errors are said in the bar. Esc closes the bar and brings the whole body back. The last
expression of each kind is remembered for the next body of that kind (this session).
"""

from __future__ import annotations

from PySide6 import QtCore, QtWidgets

from ctct_desktop.ui.highlighting.visible import VisibleHighlighter
from ctct_desktop.ui.response_view.filter_query import JSONPATH, XPATH, FilterOutcome, query_kind, run_filter
from ctct_desktop.ui.severity_colours import severity_colour
from ctct_desktop.ui.widgets.code_editor import CodeEditor
from ctct_desktop.ui.widgets.find_keys import handle_find_keys
from ctct_desktop.ui.workers import start_task

FILTER_KEYS = "Ctrl+Alt+F"
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
        close = QtWidgets.QToolButton(self)
        close.setText("Close")
        close.setToolTip("Close the filter and show the whole body (Esc)")
        close.clicked.connect(self.close_bar)
        layout = QtWidgets.QHBoxLayout(self)
        layout.setContentsMargins(4, 2, 4, 2)
        layout.addWidget(self.label)
        layout.addWidget(self.field, 2)
        layout.addWidget(self.status, 1)
        layout.addWidget(close)
        self.field.returnPressed.connect(self.run)
        self.field.installEventFilter(self)
        self.results.installEventFilter(self)
        self._body, self._content_type, self._path = b"", "", ""
        self._kind: str | None = None
        self._serial = 0
        self._showing = False
        self.running = False
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
        return watched is self.field and handle_find_keys(event, self.close_bar, self.run)

    def set_body(self, body: bytes, content_type: str, path: str = "") -> None:
        """A new body (``path``: its spool file, ``body`` then only its start). An open bar runs
        the last expression of the body's kind on it at once."""
        self._serial += 1
        self.running = False
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
        if self._kind is None:
            self._say(self._unsupported() if self._body or self._path else "No response body to filter.")
        elif not self.field.text():
            self.field.setText(self._last.get(self._kind, ""))
        self.field.setFocus(QtCore.Qt.FocusReason.ShortcutFocusReason)
        self.field.selectAll()

    def close_bar(self) -> None:
        self._serial += 1
        self.running = False
        self.setVisible(False)
        self._show_results(False)

    def clear_results(self) -> None:
        """Back to the whole body, the bar staying open (Pretty/Raw was switched)."""
        self._serial += 1
        self.running = False
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
        self._serial += 1
        serial, body, path = self._serial, self._body, self._path
        self.running = True
        self._say("Filtering…")
        start_task(lambda _progress: run_filter(serial, kind, body, path, expression), self._done,
                   lambda message: self._failed(serial, message), owner=self)

    def _done(self, outcome: FilterOutcome) -> None:
        if outcome.serial != self._serial:
            return  # a newer run, a new body or a closed bar
        self.running = False
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
        self.running = False
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
        self.status.setText(text)
        self.status.setToolTip(text if len(text) > 60 else "")
        colour = severity_colour("error", self.palette()).name() if error else ""
        self.status.setStyleSheet(f"QLabel {{ color: {colour}; }}" if colour else "")
        self.status.setProperty("error", error)
