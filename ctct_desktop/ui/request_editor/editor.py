"""RequestEditor: the widgets that produce a RequestModel (``to_model``) and show one (``set_model``).

Widgets never build HTTP: they describe the request, the transport sends it. The URI and the
query-parameter table stay in sync both ways without loops: typing in the URI rewrites the table
only, editing the table rebuilds the URI with ``with_params`` (values percent-encoded).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6 import QtCore, QtGui, QtWidgets

from ctct_desktop.core.models import DEFAULT_CONTENT_TYPES, STANDARD_METHODS, BodyKind, Header, QueryParam, \
    RequestModel
from ctct_desktop.core.urls import params_of, with_params
from ctct_desktop.ui.request_editor.auth_panel import AuthPanel
from ctct_desktop.ui.request_editor.body_editor import BodyEditor
from ctct_desktop.ui.request_editor.changes import ModelChangeCommand, replace_text_minimal
from ctct_desktop.ui.request_editor.kv_table import KeyValueTable, Row
from ctct_desktop.ui.request_editor.options_panel import OptionsPanel
from ctct_desktop.ui.request_editor.tests_tab import TestsTab
from ctct_desktop.ui.request_editor.url_paste import CommandPaste
from ctct_desktop.ui.widgets.code_editor import CodeEditor


class RequestEditor(QtWidgets.QWidget):
    """``changed`` fires on any user edit; ``send_requested`` / ``cancel_requested`` from the buttons."""

    changed = QtCore.Signal()
    send_requested = QtCore.Signal()
    cancel_requested = QtCore.Signal()
    message = QtCore.Signal(str)
    command_pasted = QtCore.Signal(str)  # a curl command or raw HTTP pasted into the URL field

    def __init__(self, parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(parent)
        self._build_top_row()
        self.params = KeyValueTable("Query parameters", "Parameter name (decoded)",
                                    "Value as meant; encoded when the URI is built", self)
        self.headers = KeyValueTable("Headers", "Header name", "Header value", self)
        self.body = BodyEditor(self)
        self.auth = AuthPanel(self)
        self.options = OptionsPanel(self)
        self.tests = TestsTab(self)
        self.tabs = QtWidgets.QTabWidget(self)
        self.tabs.setAccessibleName("Request parts")
        for widget, title in ((self.params, "&Params"), (self.headers, "Header&s"), (self.body, "&Body"),
                              (self.auth, "&Auth"), (self.options, "&Options"), (self.tests, "&Tests")):
            self.tabs.addTab(widget, title)
        layout = QtWidgets.QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 0)
        layout.addLayout(self._top)
        layout.addWidget(self.tabs, 1)
        # Edit → Undo change follows the shown request: each open request has its own stack.
        self.undo_group = QtGui.QUndoGroup(self)
        self.undo_stack = QtGui.QUndoStack(self)
        self.undo_group.addStack(self.undo_stack)
        self.undo_group.setActiveStack(self.undo_stack)
        self._connect()

    def _build_top_row(self) -> None:
        self.method = QtWidgets.QComboBox(self)
        self.method.setEditable(True)
        self.method.addItems(list(STANDARD_METHODS))
        self.method.setInsertPolicy(QtWidgets.QComboBox.InsertPolicy.NoInsert)
        self.method.setAccessibleName("HTTP method")
        self.method.setToolTip("HTTP method: pick one or type a custom method")
        self.method.setMinimumContentsLength(8)
        self.url = QtWidgets.QLineEdit(self)
        self.url.setAccessibleName("Request URI")
        self.url.setPlaceholderText("https://api.constantcontact.com/ws/customers/{username}/contacts")
        self.url.setToolTip("Request URI (Ctrl+L). Query parameters stay in sync with the Params tab.")
        self.url.setClearButtonEnabled(True)
        self.tls_badge = QtWidgets.QLabel("⚠ TLS verification OFF", self)
        self.tls_badge.setAccessibleName("TLS verification is off")
        self.tls_badge.setToolTip("Certificates are not checked for this request (Options tab)")
        self.tls_badge.setStyleSheet("QLabel { background: #c62828; color: white; border-radius: 3px;"
                                     " padding: 2px 6px; font-weight: bold; }")
        self.tls_badge.setVisible(False)
        self.send_button = QtWidgets.QPushButton("Send", self)
        self.send_button.setToolTip("Send the request (Ctrl+Enter)")
        self.send_button.setDefault(True)
        self.cancel_button = QtWidgets.QPushButton("Cancel", self)
        self.cancel_button.setToolTip("Stop the request in flight (Esc)")
        self.cancel_button.setEnabled(False)
        self.cancel_button.setVisible(False)  # Send and Cancel share one place: only one is ever useful
        width = max(self.send_button.sizeHint().width(), self.cancel_button.sizeHint().width())
        for button in (self.send_button, self.cancel_button):
            button.setFixedWidth(width)  # so the URI field keeps its width when one replaces the other
        self._top = QtWidgets.QHBoxLayout()
        for widget, stretch in ((self.method, 0), (self.url, 1), (self.tls_badge, 0),
                                (self.send_button, 0), (self.cancel_button, 0)):
            self._top.addWidget(widget, stretch)

    def _connect(self) -> None:
        self.url.textEdited.connect(self._on_url_edited)
        # after the URL's own handler, so a context-menu paste it undoes is the last word
        self._command_paste = CommandPaste(self.url, self.command_pasted.emit)
        self.params.edited.connect(self._on_params_edited)
        self.headers.edited.connect(self.changed)
        self.method.currentTextChanged.connect(self.changed)
        self.body.changed.connect(self.changed)
        self.body.kind_changed.connect(self._default_content_type)
        self.body.message.connect(self.message)
        self.auth.changed.connect(self.changed)
        self.options.changed.connect(self.changed)
        self.tests.changed.connect(self.changed)
        self.options.verify_changed.connect(lambda on: self.tls_badge.setVisible(not on))
        self.send_button.clicked.connect(self.send_requested)
        self.cancel_button.clicked.connect(self.cancel_requested)

    @property
    def body_editor(self) -> CodeEditor:
        """The body's QPlainTextEdit: lint underlines go in its extraSelections, markers in its gutter."""
        return self.body.editor

    def set_gutter_markers(self, markers: dict[int, str]) -> None:
        self.body.editor.set_gutter_markers(markers)

    def set_busy(self, busy: bool) -> None:
        """While a request is in flight Cancel stands where Send was (as in Insomnia), leaving
        the URI field the room a narrow side-by-side pane needs."""
        self.send_button.setEnabled(not busy)
        self.cancel_button.setEnabled(busy)
        self.send_button.setVisible(not busy)
        self.cancel_button.setVisible(busy)

    def show_part_for(self, model: RequestModel) -> None:
        """A request just opened: its Body tab when it has a body, its Params otherwise."""
        self.tabs.setCurrentWidget(self.body if model.body_kind is not BodyKind.NONE and model.body else self.params)

    def focus_url(self) -> None:
        self.url.setFocus(QtCore.Qt.FocusReason.ShortcutFocusReason)
        self.url.selectAll()

    def _on_url_edited(self, text: str) -> None:
        kept = [r for r in self.params.rows() if not r.enabled]
        self.params.set_rows([Row(True, p.name, p.value) for p in params_of(text)] + kept)
        self.changed.emit()

    def _on_params_edited(self) -> None:
        params = [QueryParam(r.name, r.value, r.enabled) for r in self.params.rows()]
        position = self.url.cursorPosition()
        self.url.setText(with_params(self.url.text(), params))
        self.url.setCursorPosition(min(position, len(self.url.text())))
        self.changed.emit()

    def _default_content_type(self, kind: BodyKind) -> None:
        """Set the Content-Type the body kind implies, unless the user chose one themselves."""
        rows = self.headers.rows()
        index = next((i for i, r in enumerate(rows) if r.name.strip().lower() == "content-type"), None)
        if index is not None and not rows[index].auto:
            return
        wanted = DEFAULT_CONTENT_TYPES.get(kind)
        if index is not None:
            del rows[index]
        if wanted:
            rows.append(Row(True, "Content-Type", wanted, auto=True))
        self.headers.set_rows(rows)
        self.changed.emit()

    def to_model(self) -> RequestModel:
        headers = tuple(Header(r.name, r.value, r.enabled) for r in self.headers.rows() if r.name or r.value)
        return RequestModel(
            method=self.method.currentText().strip().upper() or "GET",
            url=self.url.text().strip(),
            headers=headers,
            body=self.body.text() if self.body.body_kind() is not BodyKind.NONE else "",
            body_kind=self.body.body_kind(),
            auth=self.auth.to_auth(),
            timeout_s=self.options.timeout.value(),
            verify_tls=self.options.verify_tls.isChecked(),
            follow_redirects=self.options.follow_redirects.isChecked(),
        )

    def apply_change(self, model: RequestModel, title: str) -> None:
        """Show ``model`` as one undoable step (quick fixes, explainer actions); a no-op when equal."""
        before = self.to_model()
        if before == model:
            return
        self.undo_stack.push(ModelChangeCommand(title, before, model, self._show_parts))

    def _show_parts(self, model: RequestModel) -> None:
        """Like set_model, but touches only what differs and edits the body in place (undoable)."""
        current = self.to_model()
        with QtCore.QSignalBlocker(self):
            if model.method != current.method:
                self.method.setCurrentText(model.method)
            if model.url != current.url:
                self.url.setText(model.url)
                self.params.set_rows([Row(True, p.name, p.value) for p in params_of(model.url)])
            if model.headers != current.headers:
                self.headers.set_rows([Row(h.enabled, h.name, h.value) for h in model.headers])
            if model.auth != current.auth:
                self.auth.set_auth(model.auth)
            if (model.timeout_s, model.verify_tls, model.follow_redirects) != (
                    current.timeout_s, current.verify_tls, current.follow_redirects):
                self.options.set_values(model.timeout_s, model.verify_tls, model.follow_redirects)
            with QtCore.QSignalBlocker(self.body):
                if model.body_kind != current.body_kind:
                    self.body.set_kind(model.body_kind)
                replace_text_minimal(self.body.editor, model.body)
        self.body.relex_soon()
        self.changed.emit()

    def set_model(self, model: RequestModel) -> None:
        """Show ``model``; emits ``changed`` once at the end, not per field. A new request starts a
        new undo history: undoing a fix made on the previous request would overwrite this one."""
        self._show_model(model, lambda: self.body.set_body(model.body, model.body_kind))

    def show_document(self, model: RequestModel, body: QtGui.QTextDocument, undo: QtGui.QUndoStack) -> None:
        """Show another open request: ``model`` for every part but the body, which is ``body``
        (the tab's own document, so its text and its Ctrl+Z history come back as they were);
        ``undo`` is its own history of fixes and actions (Edit → Undo change)."""
        if undo not in self.undo_group.stacks():
            self.undo_group.addStack(undo)
        self.undo_group.setActiveStack(undo)
        self.undo_stack = undo
        self._show_model(model, lambda: self.body.use_document(body, model.body_kind), clear_undo=False)

    def forget_undo(self, undo: QtGui.QUndoStack) -> None:
        """A closed request's history of fixes goes with it."""
        if undo is not self.undo_stack:
            self.undo_group.removeStack(undo)

    def _show_model(self, model: RequestModel, show_body: Callable[[], None], clear_undo: bool = True) -> None:
        if clear_undo:
            self.undo_stack.clear()
        with QtCore.QSignalBlocker(self):
            self.method.setCurrentText(model.method)
            self.url.setText(model.url)
            self.params.set_rows([Row(True, p.name, p.value) for p in params_of(model.url)])
            self.headers.set_rows([Row(h.enabled, h.name, h.value) for h in model.headers])
            with QtCore.QSignalBlocker(self.body):
                show_body()
            self.auth.set_auth(model.auth)
            self.options.set_values(model.timeout_s, model.verify_tls, model.follow_redirects)
        self.changed.emit()

