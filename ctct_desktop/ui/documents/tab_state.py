"""One open request tab as plain state: its document, its request, its body and its response side.

There is one request editor for all tabs (the lint, variable-mark and explain controllers hold
``window.request_editor`` and its body editor, so they keep working whatever tab is shown). What
a tab owns is swapped in and out of it: the request's fields as a ``RequestModel`` and the body
as the tab's own ``QTextDocument``, so each tab keeps its text *and* its Ctrl+Z history,
and its own ``QUndoStack`` of fixes and explainer actions (Edit → Undo change). The
response, explanation and pending fix live in the tab's ``DocumentSession``.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field

from PySide6 import QtGui

from ctct_desktop.core.models import RequestModel
from ctct_desktop.ui.document_session import DocumentSession
from ctct_desktop.ui.documents.model import DRAFT_ID, Document

MAX_CLOSED = 20  # how many closed tabs Ctrl+Shift+T can bring back


@dataclass(eq=False)
class OpenTab:
    """``model`` is the tab's request as the editor last held it (current only while in the background)."""

    draft_id: str
    document: Document
    body: QtGui.QTextDocument
    model: RequestModel
    undo: QtGui.QUndoStack = field(default_factory=QtGui.QUndoStack)  # its fixes (Edit → Undo change)
    dirty: bool = False
    session: DocumentSession = field(default_factory=DocumentSession)

    @property
    def pristine(self) -> bool:
        """A new request nobody typed into or sent: opening a file may take its place."""
        return self.document.untitled and not self.dirty and self.session.exchange is None


@dataclass(frozen=True)
class ClosedTab:
    """What Ctrl+Shift+T brings back: the document, and the request as it was when closed."""

    document: Document
    model: RequestModel
    body: QtGui.QTextDocument


def new_draft_id(taken: set[str]) -> str:
    """The legacy single-draft id for the first tab (older versions recover it), unique ids after."""
    if DRAFT_ID not in taken:
        return DRAFT_ID
    # os.urandom, not uuid: importing uuid (and platform with it) cost start-up 4 ms
    while (candidate := f"tab-{os.urandom(6).hex()}") in taken:
        pass
    return candidate
