"""The body editor: body kind, Format (one undo step) and highlighting that never stalls typing."""

from __future__ import annotations

import threading

from PySide6 import QtCore, QtGui, QtWidgets

from ctct_desktop.core.formatting import Syntax, detect_syntax, format_editor_text
from ctct_desktop.core.models import BodyKind
from ctct_desktop.ui import offload
from ctct_desktop.ui.body_text import lex_text
from ctct_desktop.ui.highlighting.spans import LineSpans, lex_spans
from ctct_desktop.ui.highlighting.visible import VisibleHighlighter
from ctct_desktop.ui.widgets.code_editor import CodeEditor
from ctct_desktop.ui.workers import start_task

SYNC_LEX_LIMIT = 200_000  # characters lexed on the UI thread; larger bodies lex in the helper process

_KIND_LABELS: tuple[tuple[BodyKind, str], ...] = (
    (BodyKind.NONE, "No body"), (BodyKind.XML, "XML"), (BodyKind.JSON, "JSON"),
    (BodyKind.FORM, "Form (urlencoded)"), (BodyKind.TEXT, "Text"),
)
_SYNTAX: dict[BodyKind, Syntax] = {BodyKind.XML: Syntax.XML, BodyKind.JSON: Syntax.JSON,
                                   BodyKind.FORM: Syntax.FORM, BodyKind.TEXT: Syntax.TEXT,
                                   BodyKind.NONE: Syntax.TEXT}


class BodyEditor(QtWidgets.QWidget):
    """``kind_changed(BodyKind)`` lets the editor default the Content-Type; ``message`` is for the status bar."""

    changed = QtCore.Signal()
    kind_changed = QtCore.Signal(BodyKind)
    message = QtCore.Signal(str)

    def __init__(self, parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(parent)
        self.kind = QtWidgets.QComboBox(self)
        self.kind.setAccessibleName("Body type")
        self.kind.setToolTip("What the body holds: sets highlighting and a default Content-Type")
        for kind, label in _KIND_LABELS:
            self.kind.addItem(label, kind)
        self.format_button = QtWidgets.QPushButton("Format", self)
        self.format_button.setToolTip("Pretty-print the body (Ctrl+Shift+F); Ctrl+Z undoes it")
        self.format_button.clicked.connect(self.format_body)
        self.editor = CodeEditor(self)
        self.editor.setAccessibleName("Request body")
        self.editor.setPlaceholderText("Request body: XML, JSON, form fields or text")
        self.highlighter = VisibleHighlighter(self.editor)
        self._lex_timer = QtCore.QTimer(self, singleShot=True, interval=150)
        self._lex_timer.timeout.connect(self._relex)
        self._lex_cancel = threading.Event()
        self._lex_serial = 0
        top = QtWidgets.QHBoxLayout()
        top.addWidget(QtWidgets.QLabel("Body:", self))
        top.addWidget(self.kind)
        top.addStretch(1)
        top.addWidget(self.format_button)
        layout = QtWidgets.QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.editor)
        self.kind.currentIndexChanged.connect(self._on_kind)
        self.editor.textChanged.connect(self._on_text)

    def body_kind(self) -> BodyKind:
        return BodyKind(self.kind.currentData())

    def text(self) -> str:
        return self.editor.toPlainText()

    def set_kind(self, kind: BodyKind) -> None:
        """Change the body type without touching the text (no Content-Type defaulting)."""
        with QtCore.QSignalBlocker(self.kind):
            self.kind.setCurrentIndex(next(i for i, (k, _l) in enumerate(_KIND_LABELS) if k is kind))
        self._relex()

    def relex_soon(self) -> None:
        """Re-highlight after a programmatic edit made with signals blocked."""
        self._lex_timer.start()

    def set_body(self, text: str, kind: BodyKind) -> None:
        with QtCore.QSignalBlocker(self.kind):
            self.kind.setCurrentIndex(next(i for i, (k, _l) in enumerate(_KIND_LABELS) if k is kind))
        self.editor.setPlainText(text)
        self._relex()

    def new_document(self, text: str = "") -> QtGui.QTextDocument:
        """A body document laid out and styled like the editor's own, holding ``text`` with no
        undo history yet; ``use_document`` shows it. Each open request keeps one."""
        document = QtGui.QTextDocument()
        document.setDocumentLayout(QtWidgets.QPlainTextDocumentLayout(document))
        document.setDefaultFont(self.editor.font())
        document.setDefaultTextOption(self.editor.document().defaultTextOption())
        document.setPlainText(text)
        document.clearUndoRedoStacks()
        return document

    def use_document(self, document: QtGui.QTextDocument, kind: BodyKind) -> None:
        """Show another request's body document, its undo history with it (no ``changed``)."""
        with QtCore.QSignalBlocker(self.kind):
            self.kind.setCurrentIndex(next(i for i, (k, _l) in enumerate(_KIND_LABELS) if k is kind))
        if document is not self.editor.document():
            with QtCore.QSignalBlocker(self.editor):
                self.editor.setDocument(document)
        self._relex()

    def _on_kind(self, _index: int) -> None:
        self._relex()
        self.kind_changed.emit(self.body_kind())
        self.changed.emit()

    def _on_text(self) -> None:
        if self.body_kind() is BodyKind.NONE and self.editor.document().characterCount() > 1:
            guessed = detect_syntax(self.text()[:4096].encode("utf-8", "replace"))
            kind = {Syntax.XML: BodyKind.XML, Syntax.JSON: BodyKind.JSON}.get(guessed, BodyKind.TEXT)
            self.kind.setCurrentIndex(next(i for i, (k, _l) in enumerate(_KIND_LABELS) if k is kind))
        self._lex_timer.start()
        self.changed.emit()

    def _relex(self) -> None:
        """Lex the whole body: on the UI thread when small, in the helper process when large."""
        self._lex_cancel.set()
        self._lex_serial += 1
        text, syntax = self.text(), _SYNTAX[self.body_kind()]
        if not text:
            self.highlighter.set_spans(None)  # nothing to colour (and no lexer to import before the first paint)
            return
        if len(text) <= SYNC_LEX_LIMIT:
            self.highlighter.set_spans(lex_spans(text, syntax))
            return
        serial, cancel = self._lex_serial, threading.Event()
        self._lex_cancel = cancel

        def work(_progress: object) -> LineSpans | None:
            try:
                return offload.run(lex_text, text, syntax, cancel=cancel)
            except offload.OffloadCancelled:
                return None

        start_task(work, lambda spans: self._lexed(serial, spans), owner=self)

    def _lexed(self, serial: int, spans: LineSpans | None) -> None:
        if serial == self._lex_serial and spans is not None:
            self.highlighter.set_spans(spans)

    def format_body(self) -> None:
        """Replace the body with its pretty form as a single undoable edit; say why when it cannot."""
        kind = self.body_kind()
        if kind not in (BodyKind.XML, BodyKind.JSON, BodyKind.FORM):
            self.message.emit("Format works on XML and JSON bodies; choose the body type first.")
            return
        original = self.text()
        result = format_editor_text(original, _SYNTAX[kind])
        if result.note or result.text == original:
            self.message.emit(result.note or "The body is already formatted.")
            return
        cursor = QtGui.QTextCursor(self.editor.document())
        cursor.beginEditBlock()
        cursor.select(QtGui.QTextCursor.SelectionType.Document)
        cursor.insertText(result.text)
        cursor.endEditBlock()
        self.message.emit("Body formatted (Ctrl+Z undoes it).")
