"""Connects the linter to the request editor: lint as the user types, show, jump, fix, gate Send.

Pure wiring: the runner lints in the thread pool, the underlines, gutter and Problems panel show
the newest result, and Send asks "N problems found — Send anyway / Show problems" when errors
remain (unless the setting turns the question off).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

from PySide6 import QtCore, QtGui, QtWidgets

from ctct_desktop.core.models import RequestModel
from ctct_desktop.lint import Diagnostic, Where
from ctct_desktop.send import SendPlan
from ctct_desktop.ui.lint_view.positions import PositionMap
from ctct_desktop.ui.lint_view.problems_panel import ProblemsPanel, summary_text
from ctct_desktop.ui.lint_view.runner import LintResult, LintRunner
from ctct_desktop.ui.lint_view.underlines import diagnostic_selections, diagnostics_at, tooltip_text
from ctct_desktop.ui.request_editor.editor import RequestEditor

VariablesProvider = Callable[[], Mapping[str, str] | None]
_TAB_FOR: dict[Where, str] = {Where.HEADER: "headers", Where.AUTH: "auth"}


class LintController(QtCore.QObject):
    summary_changed = QtCore.Signal(str)

    def __init__(self, editor: RequestEditor, panel: ProblemsPanel, variables: VariablesProvider,
                 *, debounce_ms: int = 400, confirm_send: Callable[[], bool] = lambda: True,
                 background: Callable[[], list[QtWidgets.QTextEdit.ExtraSelection]] = list,
                 stop_asking: Callable[[], None] | None = None,
                 parent: QtCore.QObject | None = None) -> None:
        super().__init__(parent)
        self._stop_asking = stop_asking  # "Don't ask again" turns the setting off
        self._background = background  # e.g. variable tints, drawn under the underlines
        self.editor, self.panel, self._variables = editor, panel, variables
        self._confirm_send = confirm_send
        self.runner = LintRunner(self._snapshot, debounce_ms, self)
        self.runner.finished.connect(self.show_result)
        editor.changed.connect(self.runner.schedule)
        panel.jump_requested.connect(self.jump_to)
        panel.fix_requested.connect(self.apply_fix)
        panel.rule_doc_requested.connect(self.show_rule_doc)
        editor.body_editor.viewport().installEventFilter(self)
        self.diagnostics: tuple[Diagnostic, ...] = ()

    def _snapshot(self) -> tuple[RequestModel, Mapping[str, str] | None]:
        return self.editor.to_model(), self._variables()

    # ----- showing ------------------------------------------------------------------------
    def show_result(self, result: LintResult) -> None:
        body = self.editor.body_editor
        if result.request.body != self.editor.to_model().body:
            self.runner.schedule()  # the text moved on while linting: positions would be off
            return
        self.diagnostics = result.diagnostics
        body.setExtraSelections(self._background() + diagnostic_selections(body, result.diagnostics))
        self.editor.set_gutter_markers(_gutter(result.diagnostics))
        self.panel.set_diagnostics(result.diagnostics)
        text = result.error or summary_text(result.diagnostics)
        self.summary_changed.emit(text)

    def eventFilter(self, watched: QtCore.QObject, event: QtCore.QEvent) -> bool:  # noqa: N802 - Qt API
        if event.type() == QtCore.QEvent.Type.PaletteChange and self.runner.latest is not None:
            self.show_result(self.runner.latest)  # underlines in the new palette's severity colours
        if event.type() == QtCore.QEvent.Type.ToolTip and self.diagnostics:
            body = self.editor.body_editor
            point = event.pos()  # type: ignore[attr-defined]
            position = body.cursorForPosition(point).position()
            hits = diagnostics_at(self.diagnostics, body.toPlainText(), position)
            if hits:
                QtWidgets.QToolTip.showText(event.globalPos(),  # type: ignore[attr-defined]
                                            "\n\n".join(tooltip_text(d) for d in hits), body)
                return True
        return super().eventFilter(watched, event)

    # ----- acting -------------------------------------------------------------------------
    def jump_to(self, diagnostic: Diagnostic) -> None:
        if diagnostic.where is Where.URL:
            self.editor.focus_url()
            return
        if diagnostic.where in _TAB_FOR:
            widget = getattr(self.editor, _TAB_FOR[diagnostic.where])
            self.editor.tabs.setCurrentWidget(widget)
            widget.setFocus()
            return
        self.editor.tabs.setCurrentWidget(self.editor.body)
        body = self.editor.body_editor
        if diagnostic.start is not None:
            positions = PositionMap(body.toPlainText())
            cursor = QtGui.QTextCursor(body.document())
            cursor.setPosition(min(positions.to_qt(diagnostic.start), body.document().characterCount() - 1))
            body.setTextCursor(cursor)
        body.centerCursor()
        body.setFocus()

    def apply_fix(self, diagnostic: Diagnostic) -> None:
        if diagnostic.fix is None:
            return
        self.editor.apply_change(diagnostic.fix.apply(self.editor.to_model()), diagnostic.fix.title)
        self.runner.lint_now()

    def show_rule_doc(self, code: str) -> None:
        from ctct_desktop.ui.lint_view.rule_doc import RuleDocDialog  # deferred: start-up (measured)

        RuleDocDialog(code, self.editor.window()).exec()

    # ----- the gate before sending ----------------------------------------------------------
    def confirm_send(self, plan: SendPlan) -> bool:
        """Ask about the errors the plan found (the pipeline linted it; nothing is linted here)."""
        found = list(plan.errors)
        if not found or not self._confirm_send():
            return True
        box = QtWidgets.QMessageBox(self.editor.window())
        box.setIcon(QtWidgets.QMessageBox.Icon.Warning)
        box.setWindowTitle("Problems in the request")
        count = len(found)
        box.setText(f"{count} problem{'s' if count != 1 else ''} found — the server will probably reject "
                    "this request.")
        box.setInformativeText("\n".join(f"{d.code}: {d.message}" for d in found[:5]))
        send = box.addButton("Send anyway", QtWidgets.QMessageBox.ButtonRole.AcceptRole)
        show = box.addButton("Show problems", QtWidgets.QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(show)
        dont_ask = None
        if self._stop_asking is not None:
            # Parented to the box: an unparented check box is deleted with its Python wrapper (a crash).
            dont_ask = QtWidgets.QCheckBox("Don't ask again (Preferences can turn it back on)", box)
            box.setCheckBox(dont_ask)
        box.exec()
        if box.clickedButton() is send:
            if dont_ask is not None and dont_ask.isChecked() and self._stop_asking is not None:
                self._stop_asking()
            return True
        self.show_diagnostics(plan.request, plan.diagnostics)
        self.reveal_panel()
        self.jump_to(found[0])
        return False

    def show_diagnostics(self, request: RequestModel, diagnostics: Sequence[Diagnostic]) -> None:
        """Show a plan's findings now, when the editor still holds the request it was made from."""
        if request != self.editor.to_model():
            self.runner.lint_now()
            return
        self.show_result(LintResult(0, request, tuple(diagnostics)))

    def reveal_panel(self) -> None:
        """Show and raise the dock that holds the Problems panel (it may be tabbed away)."""
        widget: QtWidgets.QWidget | None = self.panel
        while widget is not None and not isinstance(widget, QtWidgets.QDockWidget):
            widget = widget.parentWidget()
        if widget is not None:
            widget.show()
            widget.raise_()


def _gutter(diagnostics: tuple[Diagnostic, ...]) -> dict[int, str]:
    rank = {"error": 3, "warning": 2, "info": 1}
    markers: dict[int, str] = {}
    for d in diagnostics:
        if d.where is Where.BODY and d.line is not None:
            current = markers.get(d.line)
            if current is None or rank[d.severity.value] > rank[current]:
                markers[d.line] = d.severity.value
    return markers

