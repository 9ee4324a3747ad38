"""The strip of request tabs above the request editor: one tab per open document.

Document mode, closable and movable like an editor's tabs. Each tab carries its draft id as data
(the controller finds its state by it, whatever order the user dragged the tabs into); the label
is the document's name, elided when long, with '•' when unsaved; the tooltip says where it lives.
"""

from __future__ import annotations

from PySide6 import QtCore, QtGui, QtWidgets

from ctct_desktop.ui.documents.model import Document

LABEL_WIDTH = 200  # pixels of name before it is elided; the full name is in the tooltip
UNSAVED_MARK = " •"


def tab_tooltip(document: Document, dirty: bool) -> str:
    if document.path is None:
        where = "Not saved to a file yet"
    elif document.read_only:
        where = f"Built-in template (Ctrl+S saves a copy): {document.path}"
    else:
        where = str(document.path)
    return f"{document.name}\n{where}" + ("\nUnsaved changes" if dirty else "")


class RequestTabBar(QtWidgets.QTabBar):
    def __init__(self, parent: QtWidgets.QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("RequestTabs")
        self.setAccessibleName("Open requests")
        self.setDocumentMode(True)
        self.setTabsClosable(True)
        self.setMovable(True)
        self.setExpanding(False)
        self.setUsesScrollButtons(True)
        self.setElideMode(QtCore.Qt.TextElideMode.ElideRight)
        self.setFocusPolicy(QtCore.Qt.FocusPolicy.NoFocus)  # Ctrl+Tab moves between tabs; Tab stays in the form

    def mouseReleaseEvent(self, event: QtGui.QMouseEvent) -> None:  # noqa: N802 - Qt API
        """A middle click closes the tab under the pointer, as in browsers and editors."""
        index = self.tabAt(event.position().toPoint())
        if event.button() == QtCore.Qt.MouseButton.MiddleButton and index >= 0:
            self.tabCloseRequested.emit(index)
            return
        super().mouseReleaseEvent(event)

    def index_of(self, draft_id: str) -> int:
        return next((i for i in range(self.count()) if self.tabData(i) == draft_id), -1)

    def ids(self) -> list[str]:
        """The draft ids in the order the user sees the tabs."""
        return [str(self.tabData(i)) for i in range(self.count())]

    def add(self, draft_id: str, document: Document, dirty: bool, index: int = -1) -> int:
        position = self.insertTab(index if index >= 0 else self.count(), "")
        self.setTabData(position, draft_id)
        self.label(draft_id, document, dirty)
        return position

    def label(self, draft_id: str, document: Document, dirty: bool) -> None:
        index = self.index_of(draft_id)
        if index < 0:
            return
        name = self.fontMetrics().elidedText(document.name, QtCore.Qt.TextElideMode.ElideRight, LABEL_WIDTH)
        self.setTabText(index, name + (UNSAVED_MARK if dirty else ""))
        self.setTabToolTip(index, tab_tooltip(document, dirty))
        self.setTabWhatsThis(index, document.name)
