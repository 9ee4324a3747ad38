"""Every tab's draft: written a moment after the last edit of the shown tab, when another tab is
shown, and for all tabs on close; removed when there is nothing left to bring back.

A draft holds the tab's request without secrets (``DraftStore`` strips them), the document it
belongs to, its tab's place and whether it was in front, so ``recover()`` rebuilds the same tabs.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6 import QtCore

from ctct_desktop.store.drafts import DraftError, DraftStore
from ctct_desktop.ui.documents.model import draft_meta
from ctct_desktop.ui.documents.tab_state import OpenTab
from ctct_desktop.ui.documents.tabs import TabSet


class TabAutosave(QtCore.QObject):
    def __init__(self, tabs: TabSet, store: DraftStore, sandbox_url: Callable[[], str],
                 tell: Callable[[str], None], interval_ms: int) -> None:
        super().__init__(tabs)
        self.tabs, self.store = tabs, store
        self._sandbox_url, self._tell = sandbox_url, tell
        self._timer = QtCore.QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(self.write_shown)

    def set_interval(self, milliseconds: int) -> None:
        self._timer.setInterval(max(0, milliseconds))

    def schedule(self) -> None:
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()

    @property
    def pending(self) -> bool:
        return self._timer.isActive()

    def write_shown(self) -> bool:
        """Autosave now: the shown tab (a new request nobody typed into has nothing to bring back)."""
        self._timer.stop()
        tab = self.tabs.current
        if not tab.dirty and tab.document.path is None:
            return self.forget(tab)
        return self.write(tab)

    def write(self, tab: OpenTab) -> bool:
        try:
            meta = draft_meta(tab.document, self._sandbox_url(), self.tabs.index_of(tab), tab is self.tabs.current)
            self.store.save(tab.draft_id, self.tabs.model_of(tab), meta)
        except (OSError, DraftError) as exc:
            self._tell(f"Unsaved changes could not be autosaved: {exc}")
            return False
        return True

    def forget(self, tab: OpenTab) -> bool:
        try:
            self.store.discard(tab.draft_id)
        except OSError as exc:
            self._tell(f"An old draft could not be removed ({exc}); it may come back on the next start.")
            return False
        return True

    def write_all(self) -> None:
        """On close: every tab's draft with its place; none for a new request nobody typed into."""
        self._timer.stop()
        for tab in self.tabs.ordered():
            if tab.document.path is None and not tab.dirty:
                self.forget(tab)
            else:
                self.write(tab)
