"""A name/value table with a per-row enabled checkbox, used for query parameters and headers.

Rows are never silently dropped: unticking keeps the row (like Posting's ``enabled`` flags).
``edited`` fires only for user edits, never for ``set_rows``, so owners can sync without loops.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6 import QtCore, QtGui, QtWidgets

AUTO_ROLE = QtCore.Qt.ItemDataRole.UserRole + 1  # marks a row the editor manages itself


@dataclass(frozen=True)
class Row:
    enabled: bool
    name: str
    value: str
    auto: bool = False  # added by the editor (e.g. a default Content-Type), not typed by the user


class KeyValueTable(QtWidgets.QWidget):
    """Table plus Add/Remove buttons; keyboard: Insert adds a row, Delete removes selected rows."""

    edited = QtCore.Signal()

    def __init__(self, noun: str, name_hint: str, value_hint: str,
                 parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(parent)
        self._updating = False
        self.table = QtWidgets.QTableWidget(0, 3, self)
        self.table.setHorizontalHeaderLabels(["On", "Name", "Value"])
        self.table.setAccessibleName(f"{noun} table")
        self.table.setToolTip(f"{noun}: tick to send a row, untick to keep it without sending. "
                              "Insert adds a row, Delete removes the selected rows.")
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QtWidgets.QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QtWidgets.QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(2, QtWidgets.QHeaderView.ResizeMode.Stretch)
        header.resizeSection(1, 200)
        self.table.verticalHeader().setVisible(False)
        self.table.itemChanged.connect(self._on_item_changed)
        self._name_hint, self._value_hint = name_hint, value_hint
        add = QtWidgets.QPushButton(f"Add {noun.lower().rstrip('s')}", self)
        add.setToolTip("Add a row (Insert)")
        add.clicked.connect(lambda: self.add_row(focus=True))
        remove = QtWidgets.QPushButton("Remove", self)
        remove.setToolTip("Remove the selected rows (Delete)")
        remove.clicked.connect(self.remove_selected)
        buttons = QtWidgets.QHBoxLayout()
        buttons.addWidget(add)
        buttons.addWidget(remove)
        buttons.addStretch(1)
        layout = QtWidgets.QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table)
        layout.addLayout(buttons)
        self.table.installEventFilter(self)

    def eventFilter(self, watched: QtCore.QObject, event: QtCore.QEvent) -> bool:  # noqa: N802 - Qt API
        if watched is self.table and event.type() == QtCore.QEvent.Type.KeyPress and self.table.state() \
                != QtWidgets.QAbstractItemView.State.EditingState:
            key = event.key()  # type: ignore[attr-defined]
            if key == QtCore.Qt.Key.Key_Insert:
                self.add_row(focus=True)
                return True
            if key == QtCore.Qt.Key.Key_Delete:
                self.remove_selected()
                return True
        return False

    def rows(self) -> list[Row]:
        result = []
        for r in range(self.table.rowCount()):
            check, name, value = (self.table.item(r, c) for c in range(3))
            result.append(Row(check is not None and check.checkState() == QtCore.Qt.CheckState.Checked,
                              name.text() if name else "", value.text() if value else "",
                              bool(name.data(AUTO_ROLE)) if name else False))
        return result

    def set_rows(self, rows: list[Row]) -> None:
        """Replace all rows without emitting ``edited``."""
        self._updating = True
        try:
            self.table.setRowCount(0)
            for row in rows:
                self._insert(self.table.rowCount(), row)
        finally:
            self._updating = False

    def add_row(self, row: Row | None = None, *, focus: bool = False) -> int:
        index = self.table.rowCount()
        self._updating = True
        try:
            self._insert(index, row or Row(True, "", ""))
        finally:
            self._updating = False
        if focus:
            self.table.setCurrentCell(index, 1)
            cell = self.table.item(index, 1)
            if cell is not None:
                self.table.editItem(cell)
        self.edited.emit()
        return index

    def remove_selected(self) -> None:
        rows = sorted({i.row() for i in self.table.selectedIndexes()} | (
            {self.table.currentRow()} if self.table.currentRow() >= 0 else set()), reverse=True)
        if not rows:
            return
        for r in rows:
            self.table.removeRow(r)
        self.edited.emit()

    def _insert(self, index: int, row: Row) -> None:
        self.table.insertRow(index)
        check = QtWidgets.QTableWidgetItem()
        check.setFlags(QtCore.Qt.ItemFlag.ItemIsUserCheckable | QtCore.Qt.ItemFlag.ItemIsEnabled
                       | QtCore.Qt.ItemFlag.ItemIsSelectable)
        check.setCheckState(QtCore.Qt.CheckState.Checked if row.enabled else QtCore.Qt.CheckState.Unchecked)
        check.setToolTip("Send this row")
        name = QtWidgets.QTableWidgetItem(row.name)
        name.setToolTip(self._name_hint)
        name.setData(AUTO_ROLE, row.auto)
        if row.auto:
            name.setForeground(QtGui.QBrush(self.palette().color(QtGui.QPalette.ColorRole.PlaceholderText)))
        value = QtWidgets.QTableWidgetItem(row.value)
        value.setToolTip(self._value_hint)
        for column, item in enumerate((check, name, value)):
            self.table.setItem(index, column, item)

    def _on_item_changed(self, item: QtWidgets.QTableWidgetItem) -> None:
        if self._updating:
            return
        if item.column() in (1, 2):
            name = self.table.item(item.row(), 1)
            if name is not None and name.data(AUTO_ROLE):
                self._updating = True
                name.setData(AUTO_ROLE, False)  # the user touched it: it is theirs now
                name.setForeground(QtGui.QBrush(self.palette().color(QtGui.QPalette.ColorRole.Text)))
                self._updating = False
        self.edited.emit()
