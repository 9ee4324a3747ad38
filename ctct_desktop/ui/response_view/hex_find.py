"""The hex view's bar: find bytes (hex pairs or text) and go to an offset, keyboard first.

Ctrl+F (with the hex view shown) opens it on the find field, Ctrl+G on the offset field. Typing
searches the whole body in a worker (``core/binary/byte_search``, over the spool file, never a
copy in memory), a new pattern cancelling the old search; Enter / F3 go to the next match,
Shift+Enter / Shift+F3 to the previous one, and the bar counts them. Esc closes the bar (or stops
a search under way) and gives the keys back to the hex view.
"""

from __future__ import annotations

import threading

from PySide6 import QtCore, QtWidgets

from ctct_desktop.core.binary.byte_search import (ByteMatches, PatternError, SearchCancelled, find_all,
                                                  parse_offset, parse_pattern)
from ctct_desktop.core.binary.source import ByteSource
from ctct_desktop.ui.response_view.hex_view import HexView
from ctct_desktop.ui.severity_colours import severity_colour
from ctct_desktop.ui.widgets.find_keys import handle_find_keys
from ctct_desktop.ui.workers import start_task

GOTO_KEYS = "Ctrl+G"
SETTLE_MS = 150  # typing pauses this long before a search starts


class HexFindBar(QtWidgets.QWidget):
    """``searched(ByteMatches)``: a search finished (tests and the count read it)."""

    searched = QtCore.Signal(ByteMatches)

    def __init__(self, hex_view: HexView, parent: QtWidgets.QWidget) -> None:
        super().__init__(parent)
        self.hex = hex_view
        self.field = QtWidgets.QLineEdit(self)
        self.field.setAccessibleName("Find bytes")
        self.field.setPlaceholderText("Text, or hex pairs with Hex ticked (de ad be ef)")
        self.field.setToolTip("Enter: next match; Shift+Enter: previous; Esc: close")
        self.as_hex = QtWidgets.QCheckBox("He&x", self)
        self.as_hex.setToolTip("Find the field's text as hex byte pairs (de ad be ef, 0xde 0xad, deadbeef)")
        self.previous_button = QtWidgets.QToolButton(self)
        self.previous_button.setText("Previous")
        self.previous_button.setToolTip("Previous match (Shift+Enter, Shift+F3)")
        self.next_button = QtWidgets.QToolButton(self)
        self.next_button.setText("Next")
        self.next_button.setToolTip("Next match (Enter, F3)")
        self.status = QtWidgets.QLabel(self)
        self.status.setAccessibleName("Hex find result")
        self.offset_field = QtWidgets.QLineEdit(self)
        self.offset_field.setAccessibleName("Go to offset")
        self.offset_field.setPlaceholderText("1234 or 0x4d2")
        self.offset_field.setToolTip(f"Go to a byte offset, decimal or 0x hex ({GOTO_KEYS}); Enter goes")
        self.offset_field.setMaximumWidth(140)
        close = QtWidgets.QToolButton(self)
        close.setText("Close")
        close.setToolTip("Close the bar (Esc)")
        find_label = QtWidgets.QLabel("&Find:", self)
        find_label.setBuddy(self.field)
        goto_label = QtWidgets.QLabel("&Offset:", self)
        goto_label.setBuddy(self.offset_field)
        layout = QtWidgets.QHBoxLayout(self)
        layout.setContentsMargins(4, 2, 4, 2)
        for widget, stretch in ((find_label, 0), (self.field, 2), (self.as_hex, 0), (self.previous_button, 0),
                                (self.next_button, 0), (self.status, 1), (goto_label, 0), (self.offset_field, 0),
                                (close, 0)):
            layout.addWidget(widget, stretch)
        self._settle = QtCore.QTimer(self, singleShot=True, interval=SETTLE_MS)
        self._settle.timeout.connect(self.search)
        self.field.textChanged.connect(self._changed)
        self.as_hex.toggled.connect(self._changed)
        self.field.returnPressed.connect(self.find_next)
        self.offset_field.returnPressed.connect(self.go_to_offset)
        self.next_button.clicked.connect(self.find_next)
        self.previous_button.clicked.connect(self.find_previous)
        close.clicked.connect(self.close_bar)
        for field in (self.field, self.offset_field):
            field.installEventFilter(self)
        self.matches: ByteMatches | None = None
        self.current: int | None = None  # index into matches.offsets of the match shown
        self._serial = 0
        self._cancel = threading.Event()
        self._then: bool | None = None  # a next (True) / previous (False) asked before the search ended
        self.searching = False
        self.setVisible(False)

    # ------------------------------------------------------------------ opening and closing

    def open_find(self) -> None:
        self.setVisible(True)
        self.field.setFocus(QtCore.Qt.FocusReason.ShortcutFocusReason)
        self.field.selectAll()

    def open_goto(self) -> None:
        self.setVisible(True)
        self.offset_field.setFocus(QtCore.Qt.FocusReason.ShortcutFocusReason)
        self.offset_field.selectAll()

    def close_bar(self) -> None:
        if self.searching:  # Esc during a search stops it; a second Esc closes
            self.stop()
            return
        self.stop()
        self.setVisible(False)
        self.hex.setFocus(QtCore.Qt.FocusReason.OtherFocusReason)

    def stop(self) -> None:
        self._serial += 1
        self._cancel.set()
        self._settle.stop()
        if self.searching:
            self.searching = False
            self._say("Search stopped.")

    def reset(self) -> None:
        """Another body: the matches were of the old one."""
        self.stop()
        self.matches, self.current = None, None
        self._say("")

    def eventFilter(self, watched: QtCore.QObject, event: QtCore.QEvent) -> bool:  # noqa: N802 - Qt API
        previous = self.find_previous if watched is self.field else self.go_to_offset
        return handle_find_keys(event, self.close_bar, previous)

    # ------------------------------------------------------------------ searching

    def _changed(self) -> None:
        self.stop()
        self.matches, self.current = None, None
        self._say("")
        if self.field.text():
            self._settle.start()

    def search(self) -> None:
        """Search the body for the field's pattern in a worker (cancelling a search under way)."""
        self.stop()
        source = self.hex.source
        if source is None or not self.field.text():
            return
        try:
            pattern = parse_pattern(self.field.text(), self.as_hex.isChecked())
        except PatternError as exc:
            self._say(str(exc), error=True)
            return
        self._serial += 1
        self._cancel = cancel = threading.Event()
        serial = self._serial
        self.searching = True
        self._say("Searching…")
        worker_source = ByteSource(source.data, source.path)  # its own file handle: the view reads the other

        def work(progress: object) -> ByteMatches | None:
            try:
                return find_all(worker_source, pattern, cancel=cancel, progress=progress)  # type: ignore[arg-type]
            except SearchCancelled:
                return None

        start_task(work, lambda found: self._found(serial, found),
                   lambda message: self._failed(serial, message),
                   lambda done, total: self._progress(serial, done, total), owner=self)

    def _progress(self, serial: int, done: int, total: int) -> None:
        if serial == self._serial and self.searching:
            self._say(f"Searching… {100 * done // max(1, total)}%")

    def _failed(self, serial: int, message: str) -> None:
        if serial == self._serial:
            self.searching = False
            self._say(f"The search failed: {message}", error=True)

    def _found(self, serial: int, found: ByteMatches | None) -> None:
        if serial != self._serial or found is None:
            return
        self.searching = False
        self.matches, self.current = found, None
        then, self._then = self._then, None
        if then is not None and found.offsets:
            self._step(forward=then)
        else:
            self._describe()
        self.searched.emit(found)

    # ------------------------------------------------------------------ moving

    def find_next(self) -> None:
        self._move(forward=True)

    def find_previous(self) -> None:
        self._move(forward=False)

    def _move(self, *, forward: bool) -> None:
        if self.matches is None:  # not searched yet (or still searching): go there when it ends
            self._then = forward
            if not self.searching:
                self.search()
            return
        self._step(forward=forward)

    def _step(self, *, forward: bool) -> None:
        matches = self.matches
        if matches is None or not matches.offsets:
            self._describe()
            return
        caret = self.hex.selection()[0]
        index: int | None
        if self.current is not None and matches.offsets[self.current] == caret:
            index = (self.current + (1 if forward else -1)) % len(matches.offsets)
        else:
            index = matches.after(caret - 1) if forward else matches.before(caret)
        if index is None:
            return
        self.current = index
        start = matches.offsets[index]
        self.hex.select_range(start, start + len(matches.pattern), center=True)
        self._describe()

    def _describe(self) -> None:
        matches = self.matches
        if matches is None:
            return
        if matches.count == 0:
            self._say("No matches", error=True)
            return
        total = f"{matches.count:,} match" + ("" if matches.count == 1 else "es")
        kept = f" (the first {len(matches.offsets):,} can be stepped through)" if matches.cut else ""
        where = f"{self.current + 1:,} of " if self.current is not None else ""
        self._say(f"{where}{total}{kept}")

    def go_to_offset(self) -> None:
        source = self.hex.source
        if source is None:
            return
        try:
            offset = parse_offset(self.offset_field.text(), source.size)
        except PatternError as exc:
            self._say(str(exc), error=True)
            return
        self.hex.select_range(offset, offset, center=True)
        self._say(f"At offset {offset:,} (0x{offset:x})")
        self.hex.setFocus(QtCore.Qt.FocusReason.OtherFocusReason)

    def _say(self, text: str, *, error: bool = False) -> None:
        self.status.setText(text)
        self.status.setToolTip(text if len(text) > 50 else "")
        colour = severity_colour("error", self.palette()).name() if error else ""
        self.status.setStyleSheet(f"QLabel {{ color: {colour}; }}" if colour else "")
