"""The ticket's recorded exchanges as a list: each row marked failing / known-good / unmarked, the
mark changed from its context menu (or the keyboard's menu key), two rows selected for Compare.

The keys (Ctrl+Alt+1/2/0) belong to the window's File → Ticket actions, which the window hands to
``use_menu_actions`` so the context menu shows them; the list's own actions carry no shortcut (two
actions on one key would make Qt run neither)."""

from __future__ import annotations

from PySide6 import QtCore, QtGui, QtWidgets

from ctct_desktop.tickets.model import ExchangeMark, RecordedExchange

COLUMNS = ("Mark", "Request", "File", "Note")
MARK_TEXT = {ExchangeMark.FAILING: "✗ failing", ExchangeMark.KNOWN_GOOD: "✓ known-good", ExchangeMark.OTHER: "unmarked"}
MARK_ACTIONS = ((ExchangeMark.FAILING, "Mark as &failing", "Ctrl+Alt+1"),  # the keys: File → Ticket's
                (ExchangeMark.KNOWN_GOOD, "Mark as &known-good", "Ctrl+Alt+2"),
                (ExchangeMark.OTHER, "&Unmark", "Ctrl+Alt+0"))
FILE_ROLE = QtCore.Qt.ItemDataRole.UserRole + 1


class ExchangeList(QtWidgets.QTreeWidget):
    """``mark_requested(file, mark)``: the user changed a mark; ``opened(file)``: a row was activated."""

    mark_requested = QtCore.Signal(str, ExchangeMark)
    opened = QtCore.Signal(str)

    def __init__(self, parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Recorded exchanges")
        self.setColumnCount(len(COLUMNS))
        self.setHeaderLabels(list(COLUMNS))
        self.setRootIsDecorated(False)
        self.setUniformRowHeights(True)
        self.setSelectionMode(QtWidgets.QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setContextMenuPolicy(QtCore.Qt.ContextMenuPolicy.CustomContextMenu)
        self.customContextMenuRequested.connect(self._menu)
        self.itemActivated.connect(lambda item, _column: self.opened.emit(item.data(0, FILE_ROLE)))
        self.mark_actions: list[QtGui.QAction] = []
        for mark, text, _key in MARK_ACTIONS:
            action = QtGui.QAction(text, self)
            action.triggered.connect(lambda _checked=False, m=mark: self._mark_selected(m))
            self.mark_actions.append(action)
        self._menu_actions: list[QtGui.QAction] = self.mark_actions
        self._exchanges: tuple[RecordedExchange, ...] = ()

    def use_menu_actions(self, actions: list[QtGui.QAction]) -> None:
        """The context menu shows these (the window's, with their keys) instead of the list's own."""
        self._menu_actions = actions

    def menu_actions(self) -> list[QtGui.QAction]:
        return list(self._menu_actions)

    def show_exchanges(self, exchanges: tuple[RecordedExchange, ...]) -> None:
        selected = set(self.selected_files())
        self._exchanges = exchanges
        self.clear()
        for exchange in exchanges:
            item = QtWidgets.QTreeWidgetItem(self, [MARK_TEXT[exchange.mark], exchange.request, exchange.file,
                                                    exchange.note])
            item.setData(0, FILE_ROLE, exchange.file)
            item.setToolTip(0, f"{exchange.mark.value}: change it from the context menu (Menu key)")
            item.setSelected(exchange.file in selected)
        for column in range(len(COLUMNS) - 1):
            self.resizeColumnToContents(column)

    def selected_files(self) -> list[str]:
        return [str(item.data(0, FILE_ROLE)) for item in self.selectedItems()]

    def selected(self) -> list[RecordedExchange]:
        files = set(self.selected_files())
        return [e for e in self._exchanges if e.file in files]

    def select_files(self, files: list[str]) -> None:
        for row in range(self.topLevelItemCount()):
            item = self.topLevelItem(row)
            if item is not None:
                item.setSelected(item.data(0, FILE_ROLE) in files)

    def _mark_selected(self, mark: ExchangeMark) -> None:
        for file in self.selected_files():
            self.mark_requested.emit(file, mark)

    def _menu(self, position: QtCore.QPoint) -> None:
        item = self.itemAt(position)
        if item is not None and not item.isSelected():
            self.setCurrentItem(item)
        if not self.selectedItems():
            return
        menu = QtWidgets.QMenu(self)
        menu.addActions(self._menu_actions)
        menu.exec(self.viewport().mapToGlobal(position))
        menu.deleteLater()
