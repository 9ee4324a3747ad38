"""The open tabs and which one the request editor shows: adding, switching, moving, removing.

Switching stores the outgoing tab's request (``to_model``) and shows the incoming one with its
own body document (``RequestEditor.show_document``), so the editor's widgets, and everything
attached to them, stay the same objects. ``switched`` tells the controller to show that tab's
response, explanation and title; nothing of the previous tab survives it.
"""

from __future__ import annotations

from PySide6 import QtCore

from ctct_desktop.core.models import RequestModel
from ctct_desktop.ui.documents.model import Document
from ctct_desktop.ui.documents.tab_bar import RequestTabBar
from ctct_desktop.ui.documents.tab_state import OpenTab, new_draft_id
from ctct_desktop.ui.request_editor.editor import RequestEditor


class TabSet(QtCore.QObject):
    """``leaving`` fires before another tab is shown (autosave the outgoing one); ``switched`` after."""

    leaving = QtCore.Signal(OpenTab)
    switched = QtCore.Signal(OpenTab)
    close_requested = QtCore.Signal(OpenTab)

    def __init__(self, editor: RequestEditor, bar: RequestTabBar, first: Document) -> None:
        super().__init__(bar)
        self.editor, self.bar = editor, bar
        self.swapping = False  # True while another tab's request goes into the editor (not an edit)
        model = editor.to_model()
        self._current = OpenTab(new_draft_id(set()), first, editor.body.new_document(model.body), model,
                                editor.undo_stack)
        self._tabs: dict[str, OpenTab] = {self._current.draft_id: self._current}
        editor.body.use_document(self._current.body, model.body_kind)
        bar.add(self._current.draft_id, first, False)
        bar.currentChanged.connect(self._on_current_changed)
        bar.tabCloseRequested.connect(lambda index: self.close_requested.emit(self._tabs[str(bar.tabData(index))]))

    @property
    def current(self) -> OpenTab:
        return self._current

    def ordered(self) -> list[OpenTab]:
        return [self._tabs[draft_id] for draft_id in self.bar.ids()]

    def index_of(self, tab: OpenTab) -> int:
        return self.bar.index_of(tab.draft_id)

    def model_of(self, tab: OpenTab) -> RequestModel:
        """The tab's request now: the editor's for the shown tab, the stored one for the others."""
        return self.editor.to_model() if tab is self._current else tab.model

    def add(self, document: Document, model: RequestModel, after_current: bool = True,
            draft_id: str = "") -> OpenTab:
        """A new tab holding ``model`` (not shown yet: ``show`` it); ``draft_id`` keeps a recovered one's."""
        draft_id = draft_id if draft_id and draft_id not in self._tabs else new_draft_id(set(self._tabs))
        tab = OpenTab(draft_id, document, self.editor.body.new_document(model.body), model)
        self._tabs[tab.draft_id] = tab
        position = self.index_of(self._current) + 1 if after_current else -1
        with QtCore.QSignalBlocker(self.bar):
            self.bar.add(tab.draft_id, document, False, position)
        return tab

    def adopt(self, tab: OpenTab, position: int = -1) -> None:
        """Put back a tab built elsewhere (a reopened closed tab) under a fresh draft id."""
        tab.draft_id = new_draft_id(set(self._tabs))
        self._tabs[tab.draft_id] = tab
        with QtCore.QSignalBlocker(self.bar):
            self.bar.add(tab.draft_id, tab.document, tab.dirty, position)

    def show(self, tab: OpenTab) -> None:
        """Make ``tab`` the one in the editor (a no-op when it already is)."""
        index = self.index_of(tab)
        if tab is self._current:
            if self.bar.currentIndex() != index:
                with QtCore.QSignalBlocker(self.bar):
                    self.bar.setCurrentIndex(index)
            return
        self.bar.setCurrentIndex(index)  # -> _on_current_changed does the swap

    def remove(self, tab: OpenTab) -> None:
        """Take ``tab`` out; the neighbour Qt picks becomes current. Never removes the last tab."""
        if tab is self._current:
            tab.model = self.editor.to_model()
        index = self.index_of(tab)
        del self._tabs[tab.draft_id]  # first: the switch that follows keeps nothing of it
        self.bar.removeTab(index)
        self.editor.forget_undo(tab.undo)

    def rekey(self, tab: OpenTab, draft_id: str) -> None:
        """Give ``tab`` another draft id (a recovered draft's, so its autosaves replace that file)."""
        if draft_id == tab.draft_id or draft_id in self._tabs:
            return
        index = self.index_of(tab)
        del self._tabs[tab.draft_id]
        tab.draft_id = draft_id
        self._tabs[draft_id] = tab
        self.bar.setTabData(index, draft_id)

    def relabel(self, tab: OpenTab) -> None:
        self.bar.label(tab.draft_id, tab.document, tab.dirty)

    def step(self, delta: int) -> None:
        """Ctrl+Tab / Ctrl+Shift+Tab: the next or previous tab, wrapping around."""
        count = self.bar.count()
        if count > 1:
            self.bar.setCurrentIndex((self.bar.currentIndex() + delta) % count)

    def _on_current_changed(self, index: int) -> None:
        if index < 0:
            return
        incoming = self._tabs.get(str(self.bar.tabData(index)))
        if incoming is None or incoming is self._current:
            return
        outgoing = self._current
        if outgoing.draft_id in self._tabs:  # a removed tab has nothing to keep
            self.leaving.emit(outgoing)
            outgoing.model = self.editor.to_model()
        self._current = incoming
        self.swapping = True
        try:
            self.editor.show_document(incoming.model, incoming.body, incoming.undo)
        finally:
            self.swapping = False
        self.switched.emit(incoming)
