"""A window listing the differences of two exchanges, ranked, with the two sides in adjacent
columns; the rule and article columns name what explains each one."""

from __future__ import annotations

from collections.abc import Callable

from PySide6 import QtCore, QtWidgets

from ctct_desktop.diffing import Difference
from ctct_desktop.store.history import History
from ctct_desktop.ui.diff_view.loading import Comparison, compare_entries
from ctct_desktop.ui.workers import start_task

COLUMNS = ("Where", "Kind", "A", "B", "Rule", "Article")
WHERE, KIND, A, B, RULE, ARTICLE = range(len(COLUMNS))


def _cell(value: str | None) -> str:
    if value is None:
        return "(absent)"
    return value if len(value) <= 300 else value[:297] + "..."


class DiffWindow(QtWidgets.QWidget):
    """Shows a ``Comparison``; ``loaded`` says when one is shown (tests and the status line wait on it).

    ``sides`` names A and B while the comparison is being made (a comparison's own titles replace them)."""

    loaded = QtCore.Signal()

    def __init__(self, parent: QtWidgets.QWidget | None = None, title: str = "Compare exchanges",
                 sides: tuple[str, str] | None = None) -> None:
        super().__init__(parent, QtCore.Qt.WindowType.Window)
        self.setWindowTitle(title)
        self.setAttribute(QtCore.Qt.WidgetAttribute.WA_DeleteOnClose)
        self.sides = QtWidgets.QLabel("Comparing…", self)
        self.sides.setTextInteractionFlags(QtCore.Qt.TextInteractionFlag.TextSelectableByMouse)
        self.tree = QtWidgets.QTreeWidget(self)
        self.tree.setColumnCount(len(COLUMNS))
        self.tree.setHeaderLabels(list(COLUMNS))
        self.tree.setAccessibleName("Differences")
        self.tree.setUniformRowHeights(True)
        self.summary = QtWidgets.QLabel(self)
        self.pane_a, self.pane_b = self._pane("A body"), self._pane("B body")
        panes = QtWidgets.QSplitter(QtCore.Qt.Orientation.Horizontal, self)
        panes.addWidget(self.pane_a)
        panes.addWidget(self.pane_b)
        split = QtWidgets.QSplitter(QtCore.Qt.Orientation.Vertical, self)
        split.addWidget(self.tree)
        split.addWidget(panes)
        split.setStretchFactor(0, 3)
        split.setStretchFactor(1, 2)
        layout = QtWidgets.QVBoxLayout(self)
        for widget in (self.sides, split, self.summary):
            layout.addWidget(widget)
        self.tree.currentItemChanged.connect(self._show_bodies)
        self.resize(1100, 600)
        self.comparison: Comparison | None = None
        self._titles = sides
        if sides is not None:
            self.set_sides(*sides)

    def set_sides(self, title_a: str, title_b: str) -> None:
        """Name the two sides (shown above the differences, and with "Comparing…" until they come)."""
        self._titles = (title_a, title_b)
        suffix = "" if self.comparison is not None else "\nComparing…"
        self.sides.setText(f"A: {title_a}\nB: {title_b}{suffix}")

    def _pane(self, name: str) -> QtWidgets.QPlainTextEdit:
        pane = QtWidgets.QPlainTextEdit(self)
        pane.setReadOnly(True)
        pane.setAccessibleName(name)
        pane.setLineWrapMode(QtWidgets.QPlainTextEdit.LineWrapMode.NoWrap)
        return pane

    def _show_bodies(self, item: QtWidgets.QTreeWidgetItem | None) -> None:
        """The bodies of the section the current row is in, A left and B right."""
        if self.comparison is None or item is None:
            return
        top = item.parent() or item
        response = self.tree.indexOfTopLevelItem(top) == 1
        a, b = self.comparison.response_bodies if response else self.comparison.request_bodies
        self.pane_a.setPlainText(a)
        self.pane_b.setPlainText(b)

    def show_comparison(self, comparison: Comparison) -> None:
        self.comparison = comparison
        self.tree.clear()
        if comparison.error:
            self.sides.setText(f"The exchanges could not be compared: {comparison.error}")
        else:
            titles = comparison.titles if any(comparison.titles) else self._titles or ("A", "B")
            self.set_sides(*titles)
            self._section("Request", comparison.request)
            self._section("Response", comparison.response)
            self.tree.expandAll()
            first = self.tree.topLevelItem(0)
            current = first.child(0) if first is not None and first.childCount() else first
            if current is not None:
                self.tree.setCurrentItem(current)
            for column in (WHERE, KIND, RULE, ARTICLE):
                self.tree.resizeColumnToContents(column)
            total = len(comparison.request) + len(comparison.response)
            self.summary.setText("Equivalent: no differences." if total == 0 else
                                 f"{total} difference{'s' if total != 1 else ''}, what matters to the API first.")
        self.loaded.emit()

    def _section(self, title: str, differences: list[Difference]) -> None:
        top = QtWidgets.QTreeWidgetItem(self.tree, [f"{title} ({len(differences)})"])
        top.setFirstColumnSpanned(True)
        for d in differences:
            row = QtWidgets.QTreeWidgetItem(top, [d.where, d.kind, _cell(d.a), _cell(d.b), d.rule or "",
                                                  d.article or ""])
            tip = d.describe()
            for column in range(len(COLUMNS)):
                row.setToolTip(column, tip)

    def rows(self) -> list[tuple[str, ...]]:
        """Every difference row as its cells, section by section (for tests and copying)."""
        out = []
        for i in range(self.tree.topLevelItemCount()):
            top = self.tree.topLevelItem(i)
            children = [top.child(j) for j in range(top.childCount())] if top is not None else []
            out += [tuple(child.text(c) for c in range(len(COLUMNS))) for child in children if child is not None]
        return out


def compare_in_window(compare: Callable[[], Comparison], parent: QtWidgets.QWidget | None = None,
                      title: str = "Compare exchanges", sides: tuple[str, str] | None = None) -> DiffWindow:
    """Open the window now (it says "Comparing…"), run ``compare`` in a worker and show what it gives.

    ``compare`` reads the two exchanges and returns ``Comparison.of_exchanges`` (or ``Comparison.failed``)."""
    window = DiffWindow(parent, title, sides)
    window.show()
    start_task(lambda _progress: compare(), window.show_comparison,
               lambda message: window.show_comparison(Comparison.failed(message)), owner=window)
    return window


def open_comparison(history: History, first_id: int, second_id: int,
                    parent: QtWidgets.QWidget | None = None) -> DiffWindow:
    """Two history entries, compared in the window (the History panel's Compare)."""
    return compare_in_window(lambda: compare_entries(history, first_id, second_id), parent)
