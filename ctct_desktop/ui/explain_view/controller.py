"""Connects the explainer to the window: a card for every failed exchange, actions into the editor.

Explaining runs in the thread pool (the first call loads the knowledge base). Actions change the
request in the editor as one undoable step and never send anything. "Find and update this
contact" takes several sends; after each one the card offers the next step.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6 import QtCore

from ctct_desktop.core.models import Exchange, RequestModel
from ctct_desktop.explain import Explanation, explain, load_kb, needs_explaining
from ctct_desktop.explain.actions import available_actions, continue_find_and_update, run_action
from ctct_desktop.lint import Diagnostic
from ctct_desktop.send import SendResult
from ctct_desktop.ui.explain_view.article_viewer import ArticleViewer
from ctct_desktop.ui.explain_view.card import ExplanationCard
from ctct_desktop.ui.request_editor.editor import RequestEditor
from ctct_desktop.ui.workers import start_task

FOLLOW_UP = "update-from-search"


class ExplainController(QtCore.QObject):
    explained = QtCore.Signal(list)  # the Explanations of the exchange last shown
    message = QtCore.Signal(str)

    def __init__(self, editor: RequestEditor, card: ExplanationCard,
                 jump: Callable[[Diagnostic], None], parent: QtCore.QObject | None = None) -> None:
        super().__init__(parent)
        self.editor, self.card = editor, card
        self._jump = jump
        self._serial = 0
        self._exchange: Exchange | None = None
        self._pending_original: RequestModel | None = None  # the 409 request of a multi-step fix
        self._viewer: ArticleViewer | None = None
        card.action_requested.connect(self.run_action)
        card.article_requested.connect(self.open_article)
        card.jump_requested.connect(jump)
        card.follow_up_requested.connect(self.continue_follow_up)
        start_task(lambda _p: load_kb(), lambda _kb: None, owner=None)  # warm the knowledge base off the UI thread

    def on_result(self, result: SendResult) -> None:
        """Explain a finished send with the diagnostics its plan found (lint ran once, there)."""
        self.on_exchange(result.exchange, result.plan.diagnostics)

    def on_exchange(self, exchange: Exchange, diagnostics: Sequence[Diagnostic] | None = None) -> None:
        self._serial += 1
        self._exchange = exchange
        if self._pending_original is not None and exchange.response is not None and exchange.response.ok:
            self.card.show_follow_up("Find and update this contact",
                                     f"Got {exchange.response.status} {exchange.response.reason}. "
                                     "Build the next step from this response.", "Continue: build the next request")
            return
        if not needs_explaining(exchange):
            self.card.clear()
            self.explained.emit([])
            return
        known = list(diagnostics) if diagnostics is not None else None
        serial = self._serial
        start_task(lambda _p: explain(exchange, known), lambda found: self._show(serial, found), owner=self)

    def _show(self, serial: int, explanations: list[Explanation]) -> None:
        if serial != self._serial:
            return  # a newer exchange arrived meanwhile
        self.card.show_explanations(explanations)
        self.explained.emit(explanations)

    def run_action(self, name: str, _explanation: Explanation | None = None) -> None:
        if self._exchange is None:
            return
        result = run_action(name, self._exchange)
        if not result.applied:
            self.message.emit(result.note)
            return
        self.editor.apply_change(result.request, _label(name))
        self._pending_original = self._exchange.request if result.follow_up == FOLLOW_UP else None
        self.message.emit(result.note + " Press Ctrl+Enter to send it; Edit → Undo change reverts it.")

    def continue_follow_up(self) -> None:
        exchange, original = self._exchange, self._pending_original
        if exchange is None or original is None or exchange.response is None:
            return
        result = continue_find_and_update(original, exchange.response.body, exchange)
        if not result.applied:
            self._pending_original = None
            self.card.clear()
            self.message.emit(result.note)
            return
        self.editor.apply_change(result.request, "Find and update this contact")
        self._pending_original = original if result.follow_up == FOLLOW_UP else None
        self.card.clear()
        self.message.emit(result.note)

    def open_article(self, article_id: str) -> None:
        viewer = self.open_reference()
        viewer.show_article(article_id)

    def open_reference(self) -> ArticleViewer:
        if self._viewer is None:
            self._viewer = ArticleViewer(self.editor.window())
        self._viewer.show()
        self._viewer.raise_()
        return self._viewer


def _label(action_name: str) -> str:
    spec = available_actions().get(action_name)
    return spec.label if spec is not None else action_name
