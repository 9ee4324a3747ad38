"""Connects the explainer to the window: a card for every failed exchange, actions into the editor.

Explaining runs in the thread pool (the first call loads the knowledge base). Actions change the
request in the editor as one undoable step and never send anything. "Find and update this
contact" takes several sends; after each one the card offers the next step. What is shown and
pending belongs to the open document's ``DocumentSession``: a fix started on one request is
never offered for another, nor for a different exchange than the one it built.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from PySide6 import QtCore

from ctct_desktop.core.models import Exchange
from ctct_desktop import explain as explainer  # its names load on first use: after the first paint
from ctct_desktop.lint import Diagnostic
from ctct_desktop.send import SendResult
from ctct_desktop.ui.document_session import DocumentSession
from ctct_desktop.ui.explain_view.card import ExplanationCard
from ctct_desktop.ui.request_editor.editor import RequestEditor
from ctct_desktop.ui.workers import start_task

if TYPE_CHECKING:
    from ctct_desktop.explain import Explanation
    from ctct_desktop.ui.explain_view.article_viewer import ArticleViewer

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
        self._session = DocumentSession()  # replaced whenever another document is shown
        self._viewer: ArticleViewer | None = None
        card.action_requested.connect(self.run_action)
        card.article_requested.connect(self.open_article)
        card.jump_requested.connect(jump)
        card.follow_up_requested.connect(self.continue_follow_up)

    def warm_up(self) -> None:
        """Load the knowledge base, and import the engine that matches it, off the UI thread
        (start-up calls this after the first paint). Imported on the first response instead, the
        engine held the UI thread 440-490 ms: PySide's import hook reads each module's source."""
        def load(_progress: object) -> object:
            explainer.needs_explaining  # noqa: B018 - the attribute access is the import
            explainer.explain  # noqa: B018
            return explainer.load_kb()

        start_task(load, lambda _kb: None, owner=None)

    @property
    def session(self) -> DocumentSession:
        """The open document's response side: its exchange, explanations and pending fix."""
        return self._session

    def set_session(self, session: DocumentSession) -> None:
        """Another document is shown: its own explanation (or none), never the previous one's fix."""
        self._serial += 1  # an explanation still being worked out belongs to the previous document
        self._session = session
        self.card.clear()
        if session.pending is not None and session.exchange is not None:
            self._offer_follow_up(session.exchange)
        elif session.explanations:
            self.card.show_explanations(session.explanations)
        elif session.exchange is not None and explainer.needs_explaining(session.exchange):
            # restored from history, or finished while another tab was shown: explain it now
            known = list(session.diagnostics) if session.result is not None else None
            self._start(session.exchange, known, session)
            return
        self.explained.emit(list(session.explanations))

    def on_result(self, result: SendResult) -> None:
        """Explain a finished send with the diagnostics its plan found (lint ran once, there)."""
        self._explain(result.exchange, result.plan.diagnostics, result)

    def on_exchange(self, exchange: Exchange, diagnostics: Sequence[Diagnostic] | None = None) -> None:
        """Explain an exchange that no send of this document produced (a restored history entry)."""
        self._explain(exchange, diagnostics, None)

    def _explain(self, exchange: Exchange, diagnostics: Sequence[Diagnostic] | None,
                 result: SendResult | None) -> None:
        self._serial += 1
        session = self._session
        if session.record(exchange, result) is not None:
            self._offer_follow_up(exchange)
            return
        if not explainer.needs_explaining(exchange):
            self.card.clear()
            self.explained.emit([])
            return
        self._start(exchange, list(diagnostics) if diagnostics is not None else None, session)

    def _start(self, exchange: Exchange, known: list[Diagnostic] | None, session: DocumentSession) -> None:
        serial = self._serial
        start_task(lambda _p: explainer.explain(exchange, known), lambda found: self._show(serial, session, found), owner=self)

    def _offer_follow_up(self, exchange: Exchange) -> None:
        response = exchange.response
        status = f"Got {response.status} {response.reason}. " if response is not None else ""
        self.card.show_follow_up("Find and update this contact", status + "Build the next step from this response.",
                                 "Continue: build the next request")

    def _show(self, serial: int, session: DocumentSession, explanations: list[Explanation]) -> None:
        session.explanations = list(explanations)
        if serial != self._serial or session is not self._session:
            return  # a newer exchange (or another document) arrived meanwhile
        self.card.show_explanations(explanations)
        self.explained.emit(explanations)

    def run_action(self, name: str, _explanation: Explanation | None = None) -> None:
        session = self._session
        exchange = session.exchange
        if exchange is None:
            return
        from ctct_desktop.explain.actions import run_action  # deferred: start-up (measured: it brings lxml)

        result = run_action(name, exchange)
        if not result.applied:
            self.message.emit(result.note)
            return
        self.editor.apply_change(result.request, _label(name))
        if result.follow_up == FOLLOW_UP:
            session.bind(exchange.request, self.editor.to_model())
        else:
            session.drop_pending()
        self.message.emit(result.note + " Press Ctrl+Enter to send it; Edit → Undo change reverts it.")

    def continue_follow_up(self) -> None:
        session = self._session
        exchange, pending = session.exchange, session.pending
        if exchange is None or pending is None or exchange.response is None:
            return
        from ctct_desktop.explain.actions import continue_find_and_update  # deferred: start-up (measured)

        result = continue_find_and_update(pending.original, exchange.response.body, exchange)
        self.card.clear()
        if not result.applied:
            session.drop_pending()
            self.message.emit(result.note)
            return
        self.editor.apply_change(result.request, "Find and update this contact")
        if result.follow_up == FOLLOW_UP:
            session.bind(pending.original, self.editor.to_model())
        else:
            session.drop_pending()
        self.message.emit(result.note)

    def open_article(self, article_id: str) -> None:
        viewer = self.open_reference()
        viewer.show_article(article_id)

    def open_reference(self) -> ArticleViewer:
        if self._viewer is None:
            from ctct_desktop.ui.explain_view.article_viewer import ArticleViewer  # deferred: start-up (measured)

            self._viewer = ArticleViewer(self.editor.window())
        self._viewer.show()
        self._viewer.raise_()
        return self._viewer


def _label(action_name: str) -> str:
    from ctct_desktop.explain.actions import available_actions  # deferred: start-up (measured)

    spec = available_actions().get(action_name)
    return spec.label if spec is not None else action_name
