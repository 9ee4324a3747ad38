"""The Problems panel: every diagnostic of the current request, like a compiler's error list.

Activating a row (double-click or Enter) asks to jump to it; the context menu and the Fix button
apply its quick fix; "About this rule" opens the rule's documentation. In a dock, the dock's tab
says how many ("Problems (2)"); errors bring the dock forward, and a dock that came forward on its
own goes away again once the request is clean.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6 import QtCore, QtGui, QtWidgets

from ctct_desktop.lint import Diagnostic, Severity, Where
from ctct_desktop.ui.lint_view.severity_icons import severity_icon
from ctct_desktop.ui.lint_view.underlines import severity_colour

_ROLE = QtCore.Qt.ItemDataRole.UserRole


def location_text(diagnostic: Diagnostic) -> str:
    if diagnostic.where is Where.BODY and diagnostic.line is not None:
        return f"body {diagnostic.line}:{diagnostic.column or 1}"
    return diagnostic.where.value


NO_PROBLEMS = "No problems found."
TITLE = "Problems"


def summary_text(diagnostics: Sequence[Diagnostic]) -> str:
    counts = {s: sum(1 for d in diagnostics if d.severity is s) for s in Severity}
    if not diagnostics:
        return NO_PROBLEMS
    parts = [f"{counts[s]} {s.value}{'s' if counts[s] != 1 else ''}" for s in Severity if counts[s]]
    return ", ".join(parts)


class ProblemsPanel(QtWidgets.QWidget):
    jump_requested = QtCore.Signal(Diagnostic)
    fix_requested = QtCore.Signal(Diagnostic)  # one that has a .fix
    rule_doc_requested = QtCore.Signal(str)  # rule code

    def __init__(self, parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(parent)
        self.summary = QtWidgets.QLabel(NO_PROBLEMS)
        self._came_forward = False  # the dock was shown by errors, not by the user
        self.fix_button = QtWidgets.QPushButton("Apply quick fix")
        self.fix_button.setEnabled(False)
        self.fix_button.clicked.connect(self._fix_current)
        self.tree = QtWidgets.QTreeWidget()
        self.tree.setAccessibleName("Problems")
        self.tree.setRootIsDecorated(False)
        self.tree.setUniformRowHeights(True)
        self.tree.setHeaderLabels(["Severity", "Rule", "Where", "Message"])
        self.tree.setContextMenuPolicy(QtCore.Qt.ContextMenuPolicy.CustomContextMenu)
        self.tree.customContextMenuRequested.connect(self._context_menu)
        self.tree.itemActivated.connect(lambda item, _col: self.jump_requested.emit(item.data(0, _ROLE)))
        self.tree.currentItemChanged.connect(self._current_changed)
        top = QtWidgets.QHBoxLayout()
        top.addWidget(self.summary, 1)
        top.addWidget(self.fix_button)
        layout = QtWidgets.QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(top)
        layout.addWidget(self.tree)

    def sizeHint(self) -> QtCore.QSize:  # noqa: N802 (Qt's name)
        """A dock starts at its panel's size hint: a few rows of problems, not a third of the window."""
        return QtCore.QSize(480, 150)

    def set_diagnostics(self, diagnostics: Sequence[Diagnostic]) -> None:
        self.tree.clear()
        for diagnostic in diagnostics:
            text = diagnostic.message + (f" — {diagnostic.hint}" if diagnostic.hint else "")
            item = QtWidgets.QTreeWidgetItem(
                [diagnostic.severity.value, diagnostic.code, location_text(diagnostic), text])
            item.setToolTip(3, text + (f"\nQuick fix: {diagnostic.fix.title}" if diagnostic.fix else ""))
            item.setData(0, _ROLE, diagnostic)
            self.tree.addTopLevelItem(item)
        self._colour_severities()
        for column in range(3):
            self.tree.resizeColumnToContents(column)
        self.summary.setText(summary_text(diagnostics))
        self.fix_button.setEnabled(False)
        self._update_dock(diagnostics)

    def _colour_severities(self) -> None:
        """The severity column's text and shape in its colour for the current palette."""
        palette = self.tree.palette()
        for row in range(self.tree.topLevelItemCount()):
            item = self.tree.topLevelItem(row)
            diagnostic = item.data(0, _ROLE) if item is not None else None
            if item is not None and isinstance(diagnostic, Diagnostic):
                item.setForeground(0, QtGui.QBrush(severity_colour(diagnostic.severity, palette)))
                item.setIcon(0, severity_icon(diagnostic.severity, palette))

    def changeEvent(self, event: QtCore.QEvent) -> None:  # noqa: N802 - Qt API
        super().changeEvent(event)
        if event.type() == QtCore.QEvent.Type.PaletteChange:
            self._colour_severities()

    def is_empty(self) -> bool:
        return self.tree.topLevelItemCount() == 0

    def _update_dock(self, diagnostics: Sequence[Diagnostic]) -> None:
        dock = self.parentWidget()
        if not isinstance(dock, QtWidgets.QDockWidget):
            return
        dock.setWindowTitle(f"{TITLE} ({len(diagnostics)})" if diagnostics else TITLE)
        if any(d.severity is Severity.ERROR for d in diagnostics):
            if not dock.isVisible() or dock.visibleRegion().isEmpty():
                hidden = not dock.isVisible()
                self._came_forward = self._came_forward or hidden
                dock.show()
                dock.raise_()
                if hidden:
                    self._keep_short(dock)
        elif not diagnostics and self._came_forward:
            self._came_forward = False
            dock.hide()

    @staticmethod
    def _keep_short(dock: QtWidgets.QDockWidget) -> None:
        """Come forward as a strip (a fifth of the window at most), never as a third of it: the
        request and its response stay the larger part of the screen."""
        window = dock.parentWidget()
        if isinstance(window, QtWidgets.QMainWindow) and dock.height() > window.height() // 5:
            window.resizeDocks([dock], [max(120, window.height() // 5)], QtCore.Qt.Orientation.Vertical)

    def diagnostics(self) -> list[Diagnostic]:
        items = (self.tree.topLevelItem(i) for i in range(self.tree.topLevelItemCount()))
        return [item.data(0, _ROLE) for item in items if item is not None]

    def _current(self) -> Diagnostic | None:
        item = self.tree.currentItem()
        return item.data(0, _ROLE) if item is not None else None

    def _current_changed(self, *_args: object) -> None:
        diagnostic = self._current()
        has_fix = diagnostic is not None and diagnostic.fix is not None
        self.fix_button.setEnabled(has_fix)
        self.fix_button.setText(f"Fix: {diagnostic.fix.title}" if has_fix else "Apply quick fix")  # type: ignore[union-attr]

    def _fix_current(self) -> None:
        diagnostic = self._current()
        if diagnostic is not None and diagnostic.fix is not None:
            self.fix_requested.emit(diagnostic)

    def _context_menu(self, point: QtCore.QPoint) -> None:
        item = self.tree.itemAt(point)
        if item is None:
            return
        diagnostic: Diagnostic = item.data(0, _ROLE)
        menu = QtWidgets.QMenu(self)
        menu.addAction("Go to problem", lambda: self.jump_requested.emit(diagnostic))
        if diagnostic.fix is not None:
            menu.addAction(f"Quick fix: {diagnostic.fix.title}", lambda: self.fix_requested.emit(diagnostic))
        menu.addAction(f"About rule {diagnostic.code}", lambda: self.rule_doc_requested.emit(diagnostic.code))
        menu.exec(self.tree.viewport().mapToGlobal(point))
