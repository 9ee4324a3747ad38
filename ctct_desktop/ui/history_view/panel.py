"""The history pane: every send newest first, a search box, and Open / Delete / Clear all.

All database work runs in the thread pool (``queries``); results come back tagged with the
generation that asked, so a slow search never overwrites a newer one. The list loads page by
page as the user scrolls. Notices from the history (a damaged database moved aside) and errors
are shown in a banner above the table.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6 import QtCore, QtGui, QtWidgets

from ctct_desktop.store.history_models import HistoryEntry, HistoryRecord
from ctct_desktop.ui.collections_view.message_bar import MessageBar
from ctct_desktop.ui.history_view import queries
from ctct_desktop.ui.history_view.columns import HEADERS, URL
from ctct_desktop.ui.history_view.table_model import HistoryTableModel
from ctct_desktop.ui.workers import start_task

if TYPE_CHECKING:
    from ctct_desktop.store.history import History  # the database (sqlite3) opens after the first paint

PAGE_SIZE = 200
SEARCH_DELAY_MS = 250
_LOCAL = QtCore.Qt.ShortcutContext.WidgetWithChildrenShortcut


def confirm_clear(parent: QtWidgets.QWidget) -> bool:
    buttons = QtWidgets.QMessageBox.StandardButton
    answer = QtWidgets.QMessageBox.question(
        parent, "Clear history", "Delete every entry of the send history? This cannot be undone.",
        buttons.Yes | buttons.No, buttons.No)
    return answer == buttons.Yes


class HistoryPanel(QtWidgets.QWidget):
    entry_opened = QtCore.Signal(HistoryRecord)
    problem = QtCore.Signal(str)

    def __init__(self, history: History | None = None, parent: QtWidgets.QWidget | None = None, *,
                 page_size: int = PAGE_SIZE, search_delay_ms: int = SEARCH_DELAY_MS) -> None:
        super().__init__(parent)
        self._history: History | None = None
        self.comparison: QtWidgets.QWidget | None = None  # the last diff window opened from here
        self._page_size = max(1, page_size)
        self._generation = 0
        self._in_flight = 0
        self.model = HistoryTableModel(self)
        self._build(search_delay_ms)
        self._connect()
        self.set_history(history)

    # ------------------------------------------------------------------ building

    def _build(self, search_delay_ms: int) -> None:
        self.search_box = QtWidgets.QLineEdit(self)
        self.search_box.setPlaceholderText('Search: URL, status ("409", "4xx"), method or body text')
        self.search_box.setClearButtonEnabled(True)
        self.search_box.setAccessibleName("Search history")
        self._search_timer = QtCore.QTimer(self)
        self._search_timer.setSingleShot(True)
        self._search_timer.setInterval(search_delay_ms)
        self.banner = MessageBar(self)
        self.table = QtWidgets.QTableView(self)
        self.table.setModel(self.model)
        self.table.setAccessibleName("History")
        self.table.setSelectionBehavior(QtWidgets.QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QtWidgets.QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setContextMenuPolicy(QtCore.Qt.ContextMenuPolicy.CustomContextMenu)
        self.table.verticalHeader().setVisible(False)
        self.table.setWordWrap(False)
        self.table.setTextElideMode(QtCore.Qt.TextElideMode.ElideMiddle)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(URL, QtWidgets.QHeaderView.ResizeMode.Stretch)
        for column in range(len(HEADERS)):
            if column != URL:
                header.setSectionResizeMode(column, QtWidgets.QHeaderView.ResizeMode.ResizeToContents)
        self.status = QtWidgets.QLabel(self)
        self._build_actions()
        layout = QtWidgets.QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        for widget in (self.search_box, self.banner, self.table, self.status):
            layout.addWidget(widget)

    def _build_actions(self) -> None:
        def action(text: str, slot: Callable[[], Any], keys: QtGui.QKeySequence.StandardKey | str | None = None
                   ) -> QtGui.QAction:
            made = QtGui.QAction(text, self)
            made.triggered.connect(slot)
            if keys is not None:
                made.setShortcut(QtGui.QKeySequence(keys))
                made.setShortcutContext(_LOCAL)
            self.addAction(made)
            return made

        self.open_action = action("&Open", self.open_selected)
        self.copy_url_action = action("Copy &URL", self.copy_url)
        self.delete_action = action("&Delete", self.delete_selected, QtGui.QKeySequence.StandardKey.Delete)
        self.compare_action = action("Co&mpare", self.compare_selected)
        self.clear_action = action("&Clear all…", self.clear_all)
        self.refresh_action = action("&Refresh", self.refresh, QtGui.QKeySequence.StandardKey.Refresh)

    def _connect(self) -> None:
        self.search_box.textChanged.connect(lambda _text: self._search_timer.start())
        self.search_box.returnPressed.connect(self.refresh)
        self._search_timer.timeout.connect(self.refresh)
        self.model.more_wanted.connect(self._load_more)
        self.table.activated.connect(lambda _index: self.open_selected())
        self.table.customContextMenuRequested.connect(self._show_menu)

    # ------------------------------------------------------------------ public API

    def set_history(self, history: History | None) -> None:
        self._history = history
        self.setEnabled(history is not None)
        if history is None:
            self.model.set_entries([], False)
            self.status.setText("History is not available.")
            return
        self.refresh()

    @property
    def busy(self) -> bool:
        return self._in_flight > 0 or self._search_timer.isActive()

    def search_text(self) -> str:
        return self.search_box.text().strip()

    def refresh(self) -> None:
        """Load the first page again (the search, when there is one). Call after each send."""
        self._search_timer.stop()
        history = self._history
        if history is None:
            return
        self._generation += 1
        generation, query, limit = self._generation, self.search_text(), self._page_size
        self.model.loading = True
        self._run(lambda: queries.load_page(history, query, 0, limit),
                  lambda page: self._on_first_page(generation, query, page))

    def selected_entries(self) -> list[HistoryEntry]:
        rows = sorted({index.row() for index in self.table.selectionModel().selectedRows()})
        if not rows and self.table.currentIndex().isValid():
            rows = [self.table.currentIndex().row()]
        return [e for e in (self.model.entry(r) for r in rows) if e is not None]

    def open_selected(self) -> None:
        chosen = self.selected_entries()
        if chosen and self._history is not None:
            history, entry_id = self._history, chosen[0].id
            self._run(lambda: queries.open_entry(history, entry_id), self._on_opened)

    def compare_selected(self) -> None:
        """Two entries selected: open the diff view, the older one as A (before, usually failing)."""
        chosen = self.selected_entries()
        if len(chosen) == 2 and self._history is not None:
            from ctct_desktop.ui.diff_view import open_comparison  # deferred: only a comparison needs it

            older, newer = sorted(chosen, key=lambda e: e.id)
            self.comparison = open_comparison(self._history, older.id, newer.id, self)

    def delete_selected(self) -> None:
        ids = tuple(e.id for e in self.selected_entries())
        if ids and self._history is not None:
            history = self._history
            self._run(lambda: queries.delete_entries(history, ids), self._on_changed)

    def clear_all(self) -> None:
        if self._history is None or not confirm_clear(self):
            return
        history = self._history
        self._run(lambda: queries.clear_all(history), self._on_changed)

    def copy_url(self) -> None:
        chosen = self.selected_entries()
        if chosen:
            QtGui.QGuiApplication.clipboard().setText(chosen[0].url)

    def report(self, message: str) -> None:
        self.banner.show_message(message)
        self.problem.emit(message)

    # ------------------------------------------------------------------ results

    def _run(self, job: Callable[[], object], done: Callable[[Any], None]) -> None:
        self._in_flight += 1

        def finished(result: object) -> None:
            self._in_flight -= 1
            done(result)

        def failed(message: str) -> None:
            self._in_flight -= 1
            self.model.loading = False
            self.report(f"The history could not be read: {message}")

        start_task(lambda _progress: job(), finished, failed, owner=self)

    def _show_notices(self, notices: tuple[str, ...], error: str = "") -> None:
        for message in (*notices, *([error] if error else [])):
            self.report(message)

    def _on_first_page(self, generation: int, query: str, page: queries.Page) -> None:
        if generation != self._generation:
            return  # a newer refresh or search is on its way
        self._show_notices(page.notices, page.error)
        kept = {e.id for e in self.selected_entries()}
        self.model.set_entries(page.entries, page.has_more)
        self._reselect(kept)
        self._update_status(query, page)

    def _reselect(self, ids: set[int]) -> None:
        """After a refresh, select again the entries that were selected (when still listed)."""
        selection = self.table.selectionModel()
        flags = (QtCore.QItemSelectionModel.SelectionFlag.Select
                 | QtCore.QItemSelectionModel.SelectionFlag.Rows)
        for row, entry in enumerate(self.model.entries()):
            if entry.id in ids:
                selection.select(self.model.index(row, 0), flags)

    def _load_more(self) -> None:
        history = self._history
        if history is None or self.search_text():
            self.model.loading = False
            return
        generation, offset, limit = self._generation, self.model.rowCount(), self._page_size

        def appended(page: queries.Page) -> None:
            if generation != self._generation:
                return
            self._show_notices(page.notices, page.error)
            self.model.append_entries(page.entries, page.has_more)

        self._run(lambda: queries.load_page(history, "", offset, limit), appended)

    def _on_opened(self, opened: queries.Opened) -> None:
        self._show_notices(opened.notices, opened.error)
        if opened.record is not None:
            self.entry_opened.emit(opened.record)
        elif opened.error:
            self.refresh()  # it was pruned or deleted elsewhere: show what is there now

    def _on_changed(self, changed: queries.Changed) -> None:
        self._show_notices(changed.notices, changed.error)
        for entry_id in changed.removed:
            self.model.remove_entry(entry_id)
        if changed.cleared or changed.error:
            self.refresh()

    def _update_status(self, query: str, page: queries.Page) -> None:
        shown = len(page.entries)
        if query:
            more = " (the newest; refine the search for older ones)" if page.capped else ""
            self.status.setText(f"{shown} match{'es' if shown != 1 else ''}{more}")
        else:
            total = page.total if page.total is not None else shown
            self.status.setText(f"{total} entr{'ies' if total != 1 else 'y'}")

    def _show_menu(self, position: QtCore.QPoint) -> None:
        index = self.table.indexAt(position)
        if index.isValid() and not self.table.selectionModel().isRowSelected(index.row(), QtCore.QModelIndex()):
            self.table.selectRow(index.row())
        has_row = bool(self.selected_entries())
        menu = QtWidgets.QMenu(self)
        for item in (self.open_action, self.copy_url_action, self.delete_action):
            item.setEnabled(has_row)
            menu.addAction(item)
        self.compare_action.setEnabled(len(self.selected_entries()) == 2)
        menu.addAction(self.compare_action)
        menu.addSeparator()
        menu.addAction(self.clear_action)
        menu.addAction(self.refresh_action)
        menu.exec(self.table.viewport().mapToGlobal(position))
        menu.deleteLater()
