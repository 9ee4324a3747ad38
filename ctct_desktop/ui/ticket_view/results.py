"""What a reproduction gave: each request's status and the explanation that comes first."""

from __future__ import annotations

from PySide6 import QtCore, QtWidgets

from ctct_desktop.tickets.reproduce import ReproducedExchange, Reproduction

COLUMNS = ("Request", "Status", "Explanation")


def status_text(found: ReproducedExchange) -> str:
    run = found.run
    return str(run.status) if run.status is not None else run.outcome.value


def explanation_text(found: ReproducedExchange) -> str:
    return f"{found.article_title} [{found.article_id}]" if found.article_id else ""


class ReproductionList(QtWidgets.QTreeWidget):
    """``opened(ReproducedExchange)``: a row activated, to be shown in the response pane."""

    opened = QtCore.Signal(ReproducedExchange)

    def __init__(self, parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName("Reproduced exchanges")
        self.setColumnCount(len(COLUMNS))
        self.setHeaderLabels(list(COLUMNS))
        self.setRootIsDecorated(False)
        self.setUniformRowHeights(True)
        self.itemActivated.connect(self._activated)
        self.reproduction: Reproduction | None = None

    def show_reproduction(self, reproduction: Reproduction | None) -> None:
        self.reproduction = reproduction
        self.clear()
        for found in reproduction.exchanges if reproduction is not None else ():
            item = QtWidgets.QTreeWidgetItem(self, [found.name, status_text(found), explanation_text(found)])
            notes = "\n".join(found.notes)
            for column in range(len(COLUMNS)):
                item.setToolTip(column, notes or "Double-click (Enter) shows this exchange in the response pane")
        for column in range(len(COLUMNS) - 1):
            self.resizeColumnToContents(column)

    def rows(self) -> list[tuple[str, str, str]]:
        out = []
        for row in range(self.topLevelItemCount()):
            item = self.topLevelItem(row)
            if item is not None:
                out.append((item.text(0), item.text(1), item.text(2)))
        return out

    def _activated(self, item: QtWidgets.QTreeWidgetItem, _column: int) -> None:
        if self.reproduction is None:
            return
        row = self.indexOfTopLevelItem(item)
        if 0 <= row < len(self.reproduction.exchanges):
            self.opened.emit(self.reproduction.exchanges[row])
