"""Load a body into a read-only editor without stalling the UI, however large it is.

Pipeline: a helper process prepares the text (pretty-print or decode); the UI thread appends it
in slices sized to a time budget (a few milliseconds each) while the lines on screen are lexed on
the spot; the helper process lexes the whole text for the visible-block highlighter (ui/offload.py:
a process, so its work never holds our GIL). The next load cancels every stage. The slicing is
what lets a later issue push to 100 MB: only total time and memory grow, never a single stall.
"""

from __future__ import annotations

import threading
import time
from dataclasses import dataclass

from PySide6 import QtCore, QtGui

from ctct_desktop.core.formatting import Formatted
from ctct_desktop.ui import offload
from ctct_desktop.ui.body_text import lex_text, prepare_text
from ctct_desktop.ui.highlighting.spans import LineSpans, lex_spans
from ctct_desktop.ui.highlighting.visible import VisibleHighlighter
from ctct_desktop.ui.widgets.code_editor import CodeEditor
from ctct_desktop.ui.workers import start_task

SYNC_LIMIT = 256 * 1024  # bytes handled on the UI thread in one go (a few milliseconds)
SLICE_BUDGET_S = 0.008  # time allowed per appended slice
STATE_INTERVAL_S = 0.1  # progress reports at most this often
_FIRST_SLICE = 64 * 1024


@dataclass(frozen=True)
class LoadState:
    """What the owner shows while and after loading."""

    stage: str  # "preparing", "filling", "highlighting", "done"
    done: int = 0
    total: int = 0
    note: str | None = None


def _read(path: str) -> bytes:
    """A spooled body, read in the worker; a vanished file becomes a plain message."""
    try:
        with open(path, "rb") as handle:
            return handle.read()
    except OSError as exc:
        raise OSError(f"the spooled body file is gone or unreadable ({exc.strerror or exc})") from exc


class BodyLoader(QtCore.QObject):
    """Owns the filling of one CodeEditor; ``state`` reports progress, ``loaded`` the end."""

    state = QtCore.Signal(LoadState)
    loaded = QtCore.Signal(Formatted)  # the text may be large: passed by reference, never copied

    def __init__(self, editor: CodeEditor) -> None:
        super().__init__(editor)
        self.editor = editor
        self.highlighter = VisibleHighlighter(editor)
        self._serial = 0
        self._cancel = threading.Event()
        self._timer = QtCore.QTimer(self, interval=0)
        self._timer.timeout.connect(self._fill_slice)
        self._text = ""
        self._position = 0
        self._slice = _FIRST_SLICE
        self._formatted: Formatted | None = None
        self._reported = 0.0
        self._filling = False
        self._lexing = False

    @property
    def busy(self) -> bool:
        return self._filling or self._lexing or self._timer.isActive()

    def cancel(self) -> None:
        self._serial += 1
        self._cancel.set()
        self._timer.stop()
        self._filling = self._lexing = False

    def clear(self) -> None:
        self.cancel()
        self.highlighter.set_provisional(None)
        self.highlighter.set_spans(None)
        self.editor.clear()

    def load(self, body: bytes, content_type: str, pretty_view: bool, path: str = "") -> None:
        """Show ``body``: synchronously when small, through the worker pipeline when large.
        With ``path`` (a spooled body) the whole body is read from that file in the worker."""
        self.clear()
        if len(body) <= SYNC_LIMIT and not path:
            formatted = prepare_text(body, content_type, pretty_view)
            self.editor.setPlainText(formatted.text)
            self.highlighter.set_spans(lex_spans(formatted.text, formatted.syntax))
            self.state.emit(LoadState("done", note=formatted.note))
            self.loaded.emit(formatted)
            return
        serial, cancel = self._serial, threading.Event()
        self._cancel = cancel
        self._filling = True
        self.state.emit(LoadState("preparing", 0, len(body)))
        def prepare(_progress: object) -> Formatted | None:
            whole = _read(path) if path else body
            try:
                return offload.run(prepare_text, whole, content_type, pretty_view, cancel=cancel)
            except offload.OffloadCancelled:
                return None

        start_task(prepare, lambda formatted: self._prepared(serial, cancel, formatted),
                   lambda message: self._failed(serial, message), owner=self)

    def _failed(self, serial: int, message: str) -> None:
        if serial == self._serial:
            self._filling = False
            self.editor.setPlainText(f"[the body could not be shown: {message}]")
            self.state.emit(LoadState("done", note="The body could not be prepared for display."))

    def _prepared(self, serial: int, cancel: threading.Event, formatted: Formatted | None) -> None:
        if serial != self._serial or formatted is None:
            return
        self._formatted, self._text, self._position = formatted, formatted.text, 0
        self._slice = _FIRST_SLICE
        self._reported = 0.0
        self._lexing = True
        text, syntax = formatted.text, formatted.syntax
        self.highlighter.set_provisional(syntax)

        def lex(_progress: object) -> LineSpans | None:
            try:
                return offload.run(lex_text, text, syntax, cancel=cancel)
            except offload.OffloadCancelled:
                return None

        start_task(lex, lambda spans: self._lexed(serial, spans), lambda _m: self._lexed(serial, None), owner=self)
        self._timer.start()

    def _fill_slice(self) -> None:
        """Append one slice that ends on a line break, then size the next to the time budget."""
        text, start = self._text, self._position
        end = text.find("\n", min(len(text), start + self._slice))
        end = len(text) if end < 0 else end
        began = time.perf_counter()
        cursor = QtGui.QTextCursor(self.editor.document())
        cursor.movePosition(QtGui.QTextCursor.MoveOperation.End)
        cursor.insertText(text[start:end])
        elapsed = max(time.perf_counter() - began, 1e-4)
        self._slice = int(min(4 * self._slice, max(8192, self._slice * SLICE_BUDGET_S / elapsed)))
        self._position = end
        if end >= len(text) or began - self._reported >= STATE_INTERVAL_S:
            self._reported = began
            self.state.emit(LoadState("filling", end, len(text)))
        if end >= len(text):
            self._timer.stop()
            self._filling = False
            self._finish_if_done()

    def _lexed(self, serial: int, spans: LineSpans | None) -> None:
        if serial != self._serial:
            return
        self._lexing = False
        self.highlighter.set_spans(spans)
        self._finish_if_done()

    def _finish_if_done(self) -> None:
        if self._filling or self._lexing or self._formatted is None:
            if self._lexing and not self._filling:
                self.state.emit(LoadState("highlighting", note=self._formatted.note if self._formatted else None))
            return
        self.state.emit(LoadState("done", note=self._formatted.note))
        self.loaded.emit(self._formatted)
        self._text = ""
