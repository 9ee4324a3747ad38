"""The response body with Pretty and Raw views; each view loads lazily through a BodyLoader."""

from __future__ import annotations

from PySide6 import QtCore, QtWidgets

from ctct_desktop.ui.response_view.body_loader import BodyLoader, LoadState
from ctct_desktop.ui.widgets.code_editor import CodeEditor

PRETTY, RAW = 0, 1


def _viewer(parent: QtWidgets.QWidget, name: str) -> CodeEditor:
    editor = CodeEditor(parent)
    editor.setReadOnly(True)
    editor.setUndoRedoEnabled(False)
    editor.setAccessibleName(name)
    editor.setTextInteractionFlags(QtCore.Qt.TextInteractionFlag.TextSelectableByMouse
                                   | QtCore.Qt.TextInteractionFlag.TextSelectableByKeyboard)
    return editor


class BodyView(QtWidgets.QWidget):
    """``state(LoadState)`` reports loading progress of the view on screen."""

    state = QtCore.Signal(LoadState)

    def __init__(self, parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(parent)
        self.pretty_button = QtWidgets.QRadioButton("Pretty", self)
        self.pretty_button.setToolTip("Formatted for reading: XML and JSON indented, forms decoded (Ctrl+1)")
        self.raw_button = QtWidgets.QRadioButton("Raw", self)
        self.raw_button.setToolTip("Exactly as received, decoded to text (Ctrl+2)")
        self.pretty_button.setChecked(True)
        self.note = QtWidgets.QLabel(self)
        self.note.setWordWrap(True)
        self.note.setAccessibleName("Body note")
        self.note.setStyleSheet("QLabel { background: palette(alternate-base); padding: 3px; }")
        self.note.setVisible(False)
        self.progress = QtWidgets.QProgressBar(self)
        self.progress.setMaximumHeight(12)
        self.progress.setAccessibleName("Body loading progress")
        self.progress.setVisible(False)
        self.editors = (_viewer(self, "Response body (pretty)"), _viewer(self, "Response body (raw)"))
        self.loaders = tuple(BodyLoader(e) for e in self.editors)
        self.stack = QtWidgets.QStackedWidget(self)
        for editor in self.editors:
            self.stack.addWidget(editor)
        top = QtWidgets.QHBoxLayout()
        top.addWidget(self.pretty_button)
        top.addWidget(self.raw_button)
        top.addWidget(self.progress, 1)
        top.addStretch(0)
        layout = QtWidgets.QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.note)
        layout.addWidget(self.stack, 1)
        self._body, self._content_type, self._path = b"", "", ""
        self._loaded = [False, False]
        self._notes: list[str | None] = [None, None]
        for index, loader in enumerate(self.loaders):
            loader.state.connect(lambda s, i=index: self._on_state(i, s))
        self.pretty_button.toggled.connect(self._on_mode)

    @property
    def current_editor(self) -> CodeEditor:
        return self.editors[self.stack.currentIndex()]

    @property
    def busy(self) -> bool:
        return any(loader.busy for loader in self.loaders)

    def show_body(self, body: bytes, content_type: str, path: str = "") -> None:
        """``path``: the spool file holding the whole body (``body`` is then only its start)."""
        self._body, self._content_type, self._path = body, content_type, path
        self._loaded = [False, False]
        self._notes = [None, None]
        for loader in self.loaders:
            loader.clear()
        self._load(self.stack.currentIndex())

    def clear(self) -> None:
        self._body, self._path = b"", ""
        self._loaded = [True, True]
        for loader in self.loaders:
            loader.clear()
        self._show_note(None)
        self.progress.setVisible(False)

    def _on_mode(self, pretty: bool) -> None:
        index = PRETTY if pretty else RAW
        self.stack.setCurrentIndex(index)
        self._show_note(self._notes[index])
        if not self._loaded[index]:
            self._load(index)

    def _load(self, index: int) -> None:
        self._loaded[index] = True
        self.loaders[index].load(self._body, self._content_type, pretty_view=index == PRETTY, path=self._path)

    def _on_state(self, index: int, state: LoadState) -> None:
        if state.note is not None or state.stage == "done":
            self._notes[index] = state.note
        if index != self.stack.currentIndex():
            return
        filling = state.stage in ("preparing", "filling", "highlighting")
        self.progress.setVisible(filling)
        if state.stage == "filling" and state.total:
            self.progress.setRange(0, 1000)
            self.progress.setValue(int(1000 * state.done / state.total))
            self.progress.setFormat("Loading body… %p%")
        elif filling:
            self.progress.setRange(0, 0)
        self._show_note(self._notes[index])
        self.state.emit(state)

    def _show_note(self, note: str | None) -> None:
        self.note.setText(note or "")
        self.note.setVisible(bool(note))
