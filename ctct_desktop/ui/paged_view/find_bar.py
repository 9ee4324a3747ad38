"""Find in a paged body: next, previous and the count of all matches, with case and regex
options, every search over the file in a worker so typing never waits for a 100 MB scan.

Each change of the query cancels the search before it (a threading.Event the scanner checks
between chunks) and a generation number drops any result that arrives late. The rows on screen
mark their matches at once; the count and the jump come back from the worker.
"""

from __future__ import annotations

import threading
from pathlib import Path

from PySide6 import QtCore, QtWidgets

from ctct_desktop.core.paging.search import BadPattern, Match, Query, SearchCancelled, count_matches, find_next, find_previous
from ctct_desktop.ui.paged_view.view import PagedTextView
from ctct_desktop.ui.widgets.find_keys import handle_find_keys
from ctct_desktop.ui.workers import start_task

COUNT_DELAY_MS = 150  # after the last keystroke


class PagedFindBar(QtWidgets.QWidget):
    """Hidden until ``open_bar()``; Enter finds next, Shift+Enter previous, Esc closes."""

    counted = QtCore.Signal(int)  # matches in the whole body, for tests and the status line
    found = QtCore.Signal(Match)  # the match jumped to
    not_found = QtCore.Signal()  # a next or previous found nothing

    def __init__(self, view: PagedTextView, parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(parent)
        self.view = view
        self._generation = 0
        self._cancel = threading.Event()
        self.field = QtWidgets.QLineEdit(self)
        self.field.setPlaceholderText("Find in the body")
        self.field.setAccessibleName("Find text")
        self.field.setToolTip("Enter: next match, Shift+Enter: previous, Esc: close")
        self.case = QtWidgets.QCheckBox("Match &case", self)
        self.regex = QtWidgets.QCheckBox("Rege&x", self)
        self.status = QtWidgets.QLabel(self)
        self.status.setAccessibleName("Find status")
        layout = QtWidgets.QHBoxLayout(self)
        layout.setContentsMargins(4, 2, 4, 2)
        layout.addWidget(QtWidgets.QLabel("Find:", self))
        layout.addWidget(self.field, 1)
        for label, tip, slot in (("Next", "Find next (Enter, F3)", self.find_next),
                                 ("Previous", "Find previous (Shift+Enter, Shift+F3)", self.find_previous)):
            button = QtWidgets.QToolButton(self)
            button.setText(label)
            button.setToolTip(tip)
            button.clicked.connect(slot)
            layout.addWidget(button)
        layout.addWidget(self.case)
        layout.addWidget(self.regex)
        layout.addWidget(self.status)
        close = QtWidgets.QToolButton(self)
        close.setText("Close")
        close.setToolTip("Close the find bar (Esc)")
        close.clicked.connect(self.close_bar)
        layout.addWidget(close)
        self._debounce = QtCore.QTimer(self)
        self._debounce.setSingleShot(True)
        self._debounce.setInterval(COUNT_DELAY_MS)
        self._debounce.timeout.connect(self._count)
        self.field.textChanged.connect(self._query_changed)
        self.case.toggled.connect(self._query_changed)
        self.regex.toggled.connect(self._query_changed)
        self.field.returnPressed.connect(self.find_next)
        self.field.installEventFilter(self)
        self.setVisible(False)

    def query(self) -> Query:
        return Query(self.field.text(), regex=self.regex.isChecked(), case_sensitive=self.case.isChecked())

    def open_bar(self) -> None:
        """Ctrl+F: show, with the selection (if short and on one line) as the query."""
        start, end = self.view.selection()
        if self.view.source is not None and 0 < end - start <= 200:
            selected = self.view.source.read(start, end).decode("utf-8", "replace")
            if "\n" not in selected:
                self.field.setText(selected)
        self.setVisible(True)
        self.field.setFocus()
        self.field.selectAll()

    def close_bar(self) -> None:
        self._stop()
        self.view.set_find_query(None)
        self.setVisible(False)
        self.view.setFocus()

    def eventFilter(self, watched: QtCore.QObject, event: QtCore.QEvent) -> bool:  # noqa: N802 (Qt's name)
        return watched is self.field and handle_find_keys(event, self.close_bar, self.find_previous)

    # ------------------------------------------------------------------ searching

    def _path(self) -> Path | None:
        return self.view.source.path if self.view.source is not None else None

    def _folded(self) -> Path | None:
        return self.view.source.folded_path if self.view.source is not None else None

    def _stop(self) -> None:
        """Cancel what is running; results of older generations are dropped."""
        self._cancel.set()
        self._cancel = threading.Event()
        self._generation += 1

    def _query_changed(self, *_args: object) -> None:
        self._stop()
        query = self.query()
        try:
            query.compile()
        except BadPattern as exc:
            self.view.set_find_query(None)
            self.status.setText(str(exc))
            return
        self.view.set_find_query(query)
        self.status.setText("Counting…" if query.text else "")
        if query.text:
            self._debounce.start()

    def _count(self) -> None:
        path, query, cancel, generation = self._path(), self.query(), self._cancel, self._generation
        folded = self._folded()
        if path is None or not query.text:
            return

        def work(_progress: object) -> int | None:
            try:
                return count_matches(path, query, cancel=cancel, folded=folded)
            except (SearchCancelled, BadPattern, OSError):
                return None

        start_task(work, lambda total: self._counted(generation, total), owner=self)

    def _counted(self, generation: int, total: int | None) -> None:
        if generation != self._generation or total is None:
            return
        self.status.setText("No matches" if total == 0 else f"{total:,} match{'es' if total != 1 else ''}")
        self.counted.emit(total)

    def find_next(self) -> None:
        self._jump(forward=True)

    def find_previous(self) -> None:
        self._jump(forward=False)

    def _jump(self, forward: bool) -> None:
        path, query, cancel, generation = self._path(), self.query(), self._cancel, self._generation
        folded = self._folded()
        if path is None or not query.text:
            return
        start, end = self.view.selection()
        origin = end if forward else start

        def work(_progress: object) -> Match | None | str:
            try:
                if forward:
                    return find_next(path, query, origin, cancel=cancel, folded=folded)
                return find_previous(path, query, origin, cancel=cancel, folded=folded)
            except SearchCancelled:
                return "cancelled"
            except BadPattern as exc:
                return str(exc)
            except OSError as exc:
                return f"The body cannot be read: {exc.strerror or exc}"

        start_task(work, lambda result: self._jumped(generation, result), owner=self)

    def _jumped(self, generation: int, result: Match | None | str) -> None:
        if generation != self._generation or result == "cancelled":
            return
        if isinstance(result, str):
            self.status.setText(result)
            return
        if result is None:
            self.status.setText("No matches")
            self.not_found.emit()
            return
        self.view.select_range(result.start, result.end)
        self.found.emit(result)
