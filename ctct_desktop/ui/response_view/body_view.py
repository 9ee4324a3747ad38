"""The response body with Pretty and Raw views. A body in memory loads lazily into an editor
through a BodyLoader; a spooled body (too large to keep in memory) is paged from its file
(ui/paged_view), so nothing on the UI thread grows with it."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6 import QtCore, QtWidgets

from ctct_desktop.ui.response_view.body_loader import BodyLoader, LoadState
from ctct_desktop.ui.response_view.body_tools import BodyTools
from ctct_desktop.ui.response_view.filter_bar import FilterBar
from ctct_desktop.ui.widgets.code_editor import CodeEditor
from ctct_desktop.ui.widgets.progress_bar import ProgressBar

if TYPE_CHECKING:
    from ctct_desktop.ui.paged_view.body_pages import PagedBody, PagesState
    from ctct_desktop.ui.paged_view.find_bar import PagedFindBar
    from ctct_desktop.ui.paged_view.view import PagedTextView

PRETTY, RAW = 0, 1  # the editors' places in the stack; the paged view, made on first use, comes after
PAGED_FROM_BYTES = 1 << 20  # a body this large is paged even when held in memory (one editor fill of
# 1 MB already stalled the window 51-85 ms)


def _viewer(parent: QtWidgets.QWidget, name: str) -> CodeEditor:
    editor = CodeEditor(parent)
    editor.setReadOnly(True)
    editor.setUndoRedoEnabled(False)
    editor.setAccessibleName(name)
    editor.enable_folding()
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
        self.origin_url = ""  # the response's URL: it names saved files
        self.note = QtWidgets.QLabel(self)
        self.note.setWordWrap(True)
        self.note.setAccessibleName("Body note")
        self.note.setStyleSheet("QLabel { background: palette(alternate-base); padding: 3px; }")
        self.note.setVisible(False)
        self.progress = ProgressBar(self)  # painted with the next frame: see its module
        self.progress.setMaximumHeight(12)
        self.progress.setAccessibleName("Body loading progress")
        self.progress.setVisible(False)
        self.editors = (_viewer(self, "Response body (pretty)"), _viewer(self, "Response body (raw)"))
        self.loaders = tuple(BodyLoader(e) for e in self.editors)
        self._pages: tuple[PagedTextView, PagedBody, PagedFindBar] | None = None  # see _paged_parts
        self.stack = QtWidgets.QStackedWidget(self)
        for editor in self.editors:
            self.stack.addWidget(editor)
        self.filter_bar = FilterBar(self)  # XPath / JSONPath: its results replace the body in the stack
        self.stack.addWidget(self.filter_bar.results)
        self._unfiltered: QtWidgets.QWidget = self.editors[PRETTY]
        self.filter_bar.showing.connect(self._on_filtered)
        for editor in (*self.editors, self.filter_bar.results):
            editor.enable_folding().message.connect(self._show_note)  # why a fold was refused
        self.stack.currentChanged.connect(self._on_page)
        top = QtWidgets.QHBoxLayout()
        top.addWidget(self.pretty_button)
        top.addWidget(self.raw_button)
        self.tools = BodyTools(self, top)  # Hex and Image choices, their pages, Save body and Open externally
        top.addWidget(self.filter_bar.open_button)
        top.addWidget(self.progress, 1)
        top.addStretch(0)
        layout = QtWidgets.QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.tools.actions.bar)
        layout.addWidget(self.filter_bar)
        layout.addWidget(self.note)
        layout.addWidget(self.stack, 1)
        layout.addWidget(self.tools.hex_find)  # the hex view's find / go-to bar, under it
        self._layout = layout
        self._body, self._content_type, self._path = b"", "", ""
        self._copy = ""  # our spool file of a large in-memory body
        self._loaded = [False, False]
        self._notes: list[str | None] = [None, None]
        for index, loader in enumerate(self.loaders):
            loader.state.connect(lambda s, i=index: self._on_state(i, s))
        self.tools.choice.connect(self._on_choice)

    def _paged_parts(self) -> tuple[PagedTextView, PagedBody, PagedFindBar]:
        """The paged view, its loader and its find bar, made when a large body first needs them: most
        sessions never see one, and making them (with their modules) cost the first paint ~20 ms."""
        if self._pages is None:
            from ctct_desktop.ui.paged_view.body_pages import PagedBody  # deferred: start-up (measured)
            from ctct_desktop.ui.paged_view.find_bar import PagedFindBar
            from ctct_desktop.ui.paged_view.view import PagedTextView

            view = PagedTextView(self)
            body = PagedBody(view)
            find = PagedFindBar(view, self)
            find.setVisible(False)
            view.copied.connect(self._on_copied)
            view.folds.message.connect(self._show_note)  # why a fold was not made
            body.state.connect(self._on_pages)
            self.stack.addWidget(view)
            self._layout.insertWidget(self._layout.indexOf(self.stack) + 1, find)
            self._pages = (view, body, find)
        return self._pages

    @property
    def paged(self) -> PagedTextView:
        return self._paged_parts()[0]

    @property
    def paged_body(self) -> PagedBody:
        return self._paged_parts()[1]

    @property
    def paged_find(self) -> PagedFindBar:
        return self._paged_parts()[2]

    @property
    def current_editor(self) -> CodeEditor:
        """The editor of a body held in memory (the Pretty one while a spooled body is paged)."""
        current = self.stack.currentWidget()
        return current if isinstance(current, CodeEditor) else self.editors[PRETTY]

    @property
    def paged_active(self) -> bool:
        """A spooled body is shown from its file, in ``paged``."""
        return self._pages is not None and self.stack.currentWidget() is self._pages[0]

    @property
    def paged_find_open(self) -> bool:
        return self._pages is not None and self._pages[2].isVisible()

    def _cancel_pages(self) -> None:
        if self._pages is not None:
            self._pages[1].cancel()
            self._pages[2].setVisible(False)

    @property
    def busy(self) -> bool:
        return any(loader.busy for loader in self.loaders) or (self.paged_active and self.paged_body.busy)

    def show_body(self, body: bytes, content_type: str, path: str = "") -> None:
        """``path``: the spool file holding the whole body (``body`` is then only its start);
        such a body is paged from the file, Pretty and Raw."""
        self._body, self._content_type, self._path = body, content_type, path
        self.filter_bar.set_body(body, content_type, path)
        self._loaded = [False, False]
        self._notes = [None, None]
        for loader in self.loaders:
            loader.clear()
        self._drop_copy()
        if self.tools.show(body, content_type, path):  # hex or image: the text views are not filled
            self._cancel_pages()
            return
        if not path and len(body) >= PAGED_FROM_BYTES:
            path = self._copy_to_file(body)
        if path:
            self._show_note(None)
            self.stack.setCurrentWidget(self.paged)
            try:
                self.paged_body.load(Path(path), content_type, pretty=self.pretty_button.isChecked())
            except OSError as exc:
                self.paged_body.cancel()
                self._show_note(f"The body cannot be shown: its spooled file is gone or unreadable "
                                f"({exc.strerror or exc}).")
            return
        self._cancel_pages()
        self.stack.setCurrentIndex(PRETTY if self.pretty_button.isChecked() else RAW)
        self._load(self.stack.currentIndex())

    def _copy_to_file(self, body: bytes) -> str:
        """A large body held in memory, written to the spool folder so it can be paged; "" when
        that fails (it is then shown in the editor, as before)."""
        from ctct_desktop.transport.spool import DEFAULT_FOLDER  # deferred: start-up (measured)

        try:
            handle, name = DEFAULT_FOLDER.create()
            with handle:
                handle.write(body)
            DEFAULT_FOLDER.finished(name)
        except OSError:
            return ""
        self._copy = name
        return name

    def _drop_copy(self) -> None:
        if self._copy:
            from ctct_desktop.transport.spool import DEFAULT_FOLDER

            self._cancel_pages()
            DEFAULT_FOLDER.remove(self._copy)
            self._copy = ""

    def clear(self) -> None:
        self._drop_copy()
        self.tools.clear()
        self.origin_url = ""
        self._body, self._path = b"", ""
        self.filter_bar.set_body(b"", "")
        self._loaded = [True, True]
        for loader in self.loaders:
            loader.clear()
        self._cancel_pages()
        self.stack.setCurrentIndex(PRETTY if self.pretty_button.isChecked() else RAW)  # not a paged body's rows
        self._show_note(None)
        self.progress.setVisible(False)

    def open_find(self) -> None:
        """Ctrl+F on a paged body: its own find bar, which searches the file in a worker."""
        self.paged_find.open_bar()

    def open_filter(self) -> None:
        """Ctrl+Alt+F: the XPath / JSONPath filter bar."""
        self.filter_bar.open_bar()

    def _on_filtered(self, showing: bool) -> None:
        """The filter's results replace the body on screen, or the body comes back."""
        results = self.filter_bar.results
        if showing:
            self._unfiltered = self.stack.currentWidget() or self.editors[PRETTY]
            self.stack.setCurrentWidget(results)
        elif self.stack.currentWidget() is results:
            self.stack.setCurrentWidget(self._unfiltered)

    def _on_page(self, _index: int) -> None:
        """Another view took the place of the filter's results (Pretty/Raw, a new body): they are gone."""
        if self.filter_bar.filtered and self.stack.currentWidget() is not self.filter_bar.results:
            self.filter_bar.clear_results()

    def _on_choice(self, choice: int) -> None:
        """Pretty, Raw, Hex or Image chosen: body_tools shows its pages, else the text views do
        (filled now when the body was last shown as hex or an image)."""
        if self.tools.show_choice():
            self._cancel_pages()
            return
        if self.tools.owns_page(self.stack.currentIndex()):
            self.show_body(self._body, self._content_type, self._path)
            return
        self._on_mode(choice == PRETTY)

    def _on_mode(self, pretty: bool) -> None:
        if self.paged_active:
            self.paged_body.set_pretty(pretty)
            return
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

    def _on_pages(self, state: PagesState) -> None:
        """A paged body's progress, said as the editors' loading is (the status bar listens)."""
        if not self.paged_active:
            return
        working = state.formatting or state.indexed < state.total
        self.progress.setVisible(working)
        if working:
            self.progress.setRange(0, 1000)
            self.progress.setValue(int(1000 * min(state.indexed, state.total) / max(1, state.total)))
            self.progress.setFormat("Formatting… %p%" if state.formatting and state.view == "pretty"
                                    else "Reading body… %p%")
        note = state.note
        if note is not None and self.pretty_button.isChecked():
            self._show_note(note)
        elif note is None:
            self._show_note(None)
        stage = "filling" if working else "done"
        self.state.emit(LoadState(stage, min(state.indexed, state.total), state.total, note))

    def _on_copied(self, size: int, cut: bool) -> None:
        if cut:
            self._show_note(f"Only the first {size >> 20} MB of the selection was copied.")

    def _show_note(self, note: str | None) -> None:
        self.note.setText(note or "")
        self.note.setVisible(bool(note))
