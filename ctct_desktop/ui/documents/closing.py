"""Closing tabs and the window: the questions before losing changes, and Ctrl+Shift+T.

A tab closes after Save / Discard / Cancel when it has unsaved changes; its request as it was
goes on a short stack, so Ctrl+Shift+T brings it back with those changes. Closing the window
asks once for every unsaved tab, then writes each tab's draft so the next start reopens them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ctct_desktop.ui.documents import dialogs as ask
from ctct_desktop.ui.documents.model import is_dirty
from ctct_desktop.ui.documents.tab_state import MAX_CLOSED, ClosedTab, OpenTab

if TYPE_CHECKING:
    from ctct_desktop.ui.documents.controller import DocumentController


class TabClosing:
    def __init__(self, documents: DocumentController) -> None:
        self.documents = documents
        self.closed: list[ClosedTab] = []

    def close_tab(self, tab: OpenTab | None = None) -> bool:
        """Ctrl+W: close a tab (asks Save/Discard/Cancel when unsaved); the last one leaves a blank."""
        documents, tabs = self.documents, self.documents.tabs
        tab = tab or tabs.current
        if tab.dirty:
            tabs.show(tab)  # the question is about what the user then sees
            answer = ask.ask_unsaved(documents.window, tab.document.name, "closing it")
            if answer is ask.UnsavedAnswer.CANCEL or (answer is ask.UnsavedAnswer.SAVE and not documents.save()):
                return False
        if tab is tabs.current:
            documents.autosave.stop()
        self.closed = [*self.closed, ClosedTab(tab.document, tabs.model_of(tab), tab.body)][-MAX_CLOSED:]
        if len(tabs.ordered()) == 1:
            documents.new()
        tabs.remove(tab)
        documents.autosave.forget(tab)
        documents.window.show_activity(f"Closed “{tab.document.name}”. Ctrl+Shift+T reopens it.")
        return True

    def reopen(self) -> bool:
        """Ctrl+Shift+T: the last closed tab again, with what it held when it was closed."""
        documents, tabs = self.documents, self.documents.tabs
        if not self.closed:
            documents.window.show_activity("No closed request to reopen.")
            return False
        closed = self.closed.pop()
        open_already = documents.tab_with(closed.document.path)
        if open_already is not None:
            tabs.show(open_already)
            documents.window.show_activity(f"“{closed.document.name}” is open already.")
            return True
        tab = OpenTab("", closed.document, closed.body, closed.model, dirty=is_dirty(closed.document, closed.model))
        tabs.adopt(tab, tabs.index_of(tabs.current) + 1)
        tabs.show(tab)
        if tab.dirty:
            documents.autosave.schedule()
        documents.window.show_activity(f"Reopened “{tab.document.name}”.")
        return True

    def confirm_close(self) -> bool:
        """Before the window closes: one question for every unsaved tab; False means Cancel."""
        documents, tabs = self.documents, self.documents.tabs
        unsaved = [t for t in tabs.ordered() if t.dirty]
        if unsaved:
            answer = ask.ask_unsaved_many(documents.window, [t.document.name for t in unsaved], "closing")
            if answer is ask.UnsavedAnswer.CANCEL:
                return False
            for tab in unsaved:
                if answer is ask.UnsavedAnswer.SAVE:
                    tabs.show(tab)
                    if not documents.save():
                        return False
                else:
                    self._discard_changes(tab)
        documents.autosave.write_all()
        return True

    def _discard_changes(self, tab: OpenTab) -> None:
        """The file's request goes back in the tab (a new request's is simply dropped)."""
        if tab.document.baseline is not None:
            if tab is self.documents.tabs.current:
                self.documents.show_model(tab.document.baseline)
            else:
                tab.model = tab.document.baseline
        tab.dirty = False
