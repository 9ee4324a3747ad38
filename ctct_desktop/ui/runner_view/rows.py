"""The runner view's table: one row per request and iteration, and the "failures only" filter.

A thin QAbstractTableModel over the ``RequestRun`` list; rows are only appended while a run
goes, and the model is cleared when the next run starts.
"""

from __future__ import annotations

from PySide6 import QtCore, QtGui

from ctct_desktop.core.redaction import redact_text
from ctct_desktop.core.secret_set import SecretSet
from ctct_desktop.runner import Outcome, RequestRun
from ctct_desktop.ui.runner_view import texts
from ctct_desktop.ui.severity_colours import outcome_colour

Qt = QtCore.Qt
_Index = QtCore.QModelIndex | QtCore.QPersistentModelIndex
_NO_PARENT = QtCore.QModelIndex()
HEADERS = ("#", "Request", "Method", "Status", "Time", "Assertions", "Outcome")
OUTCOME_COLUMN = HEADERS.index("Outcome")
RUN_ROLE = Qt.ItemDataRole.UserRole + 1


class RunRowsModel(QtCore.QAbstractTableModel):
    def __init__(self, parent: QtCore.QObject | None = None) -> None:
        super().__init__(parent)
        self._runs: list[RequestRun] = []
        self.iterations = 1
        self.secrets = SecretSet()

    def clear(self, iterations: int = 1) -> None:
        self.beginResetModel()
        self._runs = []
        self.iterations = iterations
        self.secrets = SecretSet()
        self.endResetModel()

    def append(self, run: RequestRun) -> None:
        self.secrets = self.secrets | run.secrets
        row = len(self._runs)
        self.beginInsertRows(QtCore.QModelIndex(), row, row)
        self._runs.append(run)
        self.endInsertRows()

    def runs(self) -> list[RequestRun]:
        return list(self._runs)

    def run_at(self, row: int) -> RequestRun | None:
        return self._runs[row] if 0 <= row < len(self._runs) else None

    def rowCount(self, parent: _Index = _NO_PARENT) -> int:
        return 0 if parent.isValid() else len(self._runs)

    def columnCount(self, parent: _Index = _NO_PARENT) -> int:
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return HEADERS[section]
        return None

    def cell_text(self, run: RequestRun, row: int, column: int) -> str:
        values = (str(row + 1), texts.row_name(run, self.iterations), run.item.saved.request.method,
                  texts.status_text(run), texts.time_text(run), texts.assertions_text(run),
                  texts.OUTCOME_WORDS[run.outcome])
        return redact_text(values[column], self.secrets)

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        run = self.run_at(index.row()) if index.isValid() else None
        if run is None:
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return self.cell_text(run, index.row(), index.column())
        if role == Qt.ItemDataRole.ToolTipRole:
            return "\n".join(texts.details_lines(run, self.secrets))
        if role == Qt.ItemDataRole.ForegroundRole and index.column() == OUTCOME_COLUMN:
            return QtGui.QBrush(outcome_colour(run.outcome.value, QtGui.QGuiApplication.palette()))
        if role == RUN_ROLE:
            return run
        return None


class FailuresFilter(QtCore.QSortFilterProxyModel):
    """Only the rows that did not pass, when ``failures_only`` is on."""

    def __init__(self, parent: QtCore.QObject | None = None) -> None:
        super().__init__(parent)
        self.failures_only = False

    def set_failures_only(self, on: bool) -> None:
        if hasattr(self, "endFilterChange"):  # Qt 6.10+: invalidateFilter is deprecated
            self.beginFilterChange()
            self.failures_only = on
            self.endFilterChange(QtCore.QSortFilterProxyModel.Direction.Rows)
        else:
            self.failures_only = on
            self.invalidateFilter()

    def filterAcceptsRow(self, source_row: int, source_parent: _Index) -> bool:
        if not self.failures_only:
            return True
        model = self.sourceModel()
        run = model.run_at(source_row) if isinstance(model, RunRowsModel) else None
        return run is not None and run.outcome is not Outcome.PASSED
