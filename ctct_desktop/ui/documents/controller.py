"""The open request documents, one tab each: which file a tab shows, whether it has unsaved
changes, File → New / Save / Save as / Revert, closing and reopening tabs, and the draft autosave.

The editor only describes a request; this controller gives it a home on disk. A tab is "unsaved"
when its request, as a file would keep it, differs from the file: literal secrets never reach a
file, so typing a password is not an unsaved change. Every tab's draft (secrets removed) is
written one second after its last edit and on close, so a crash or a killed process loses
nothing; ``recover()`` brings the tabs back on the next start. The response side of each tab (its
``DocumentSession``) goes with it: switching tabs shows that tab's own response and explanation.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from PySide6 import QtCore, QtGui

from ctct_desktop.core.models import Exchange, RequestModel
from ctct_desktop.send import SendResult
from ctct_desktop.store.drafts import DraftStore
from ctct_desktop.store.history_models import HistoryRecord
from ctct_desktop.store.request_file import (
    RequestFileError,
    SavedRequest,
    load_request,
    request_name_from_path,
    save_request,
)
from ctct_desktop.ui.collections_view.panel import CollectionsPanel
from ctct_desktop.ui.collections_view.tree_model import PathChange
from ctct_desktop.ui.document_session import DocumentSession
from ctct_desktop.ui.documents import dialogs as ask
from ctct_desktop.ui.documents.autosave import TabAutosave
from ctct_desktop.ui.documents.closing import TabClosing
from ctct_desktop.ui.documents.model import Document, comparable, is_dirty, secrets_note
from ctct_desktop.ui.documents.recovery import recover_draft, tab_drafts
from ctct_desktop.ui.documents.save_as import SaveAsFlow
from ctct_desktop.ui.documents.tab_actions import TabActions
from ctct_desktop.ui.documents.tab_bar import RequestTabBar
from ctct_desktop.ui.documents.tab_state import OpenTab
from ctct_desktop.ui.documents.tabs import TabSet
from ctct_desktop.ui.documents.titles import history_name, opened_text, window_title
from ctct_desktop.ui.main_window import MainWindow

AUTOSAVE_MS = 1000


class DocumentController(QtCore.QObject):
    """The tabs over ``window.request_editor``; ``dirty_changed`` follows the shown tab."""

    dirty_changed = QtCore.Signal(bool)
    document_changed = QtCore.Signal(Document)  # opened, new, saved, renamed, moved, deleted or switched to
    session_changed = QtCore.Signal(DocumentSession)  # another tab is shown: its response side
    shown_result = QtCore.Signal(SendResult)  # a send from the shown tab finished (explain it)

    def __init__(self, window: MainWindow, collections: CollectionsPanel, drafts: DraftStore,
                 autosave_ms: int = AUTOSAVE_MS) -> None:
        super().__init__(window)
        self.window, self.collections, self.drafts = window, collections, drafts
        self.editor = window.request_editor
        self.blank: Callable[[], RequestModel] = RequestModel  # what File → New starts from (settings' defaults)
        self.draft_sandbox_url = ""  # the sandbox address the recovered drafts were written against
        self._loading = False
        self._sending: OpenTab | None = None  # the tab whose request is in flight
        self.bar = RequestTabBar(window)
        window.set_request_tabs(self.bar)
        self.tabs = TabSet(self.editor, self.bar, Document(baseline=comparable(self.editor.to_model())))
        self.autosave = TabAutosave(self.tabs, drafts, lambda: window.sandbox_base_url or self.draft_sandbox_url,
                                    window.show_activity, autosave_ms)
        self.closing = TabClosing(self)
        self._save_as_flow = SaveAsFlow(window, collections)
        self.tab_actions = TabActions(window, self)
        self.new_action, self.save_action = self.tab_actions.new, self.tab_actions.save
        self._connect()
        self._refresh()

    def _connect(self) -> None:
        self.editor.changed.connect(self._on_edited)
        self.tabs.leaving.connect(self._leaving)
        self.tabs.switched.connect(self._switched)
        self.tabs.close_requested.connect(self.close_tab)
        self.collections.request_opened.connect(self.open)
        self.collections.path_changed.connect(self._on_path_changed)
        self.window.send_controller.busy_changed.connect(self._send_busy)
        self.window.result_is_shown = lambda: self._sending is None or self._sending is self.tabs.current

    def set_autosave_ms(self, milliseconds: int) -> None:
        self.autosave.set_interval(milliseconds)

    # ------------------------------------------------------------------ public API

    def actions(self) -> list[QtGui.QAction]:
        """New request, Save, Save as, Revert, Close tab, Reopen closed tab: for the File menu."""
        return self.tab_actions.file_actions()

    @property
    def document(self) -> Document:
        return self.tabs.current.document

    @property
    def dirty(self) -> bool:
        return self.tabs.current.dirty

    @property
    def session(self) -> DocumentSession:
        return self.tabs.current.session

    def title(self) -> str:
        return window_title(self.document.name)

    def open(self, saved: SavedRequest) -> bool:
        """Show a saved request in a tab: its own when it is open already (offering Revert when it
        has unsaved changes), the blank new request's when nobody used that, a new one otherwise."""
        path = saved.path.resolve() if saved.path is not None else None
        existing = self.tab_with(path)
        if existing is not None:
            self.tabs.show(existing)
            if existing.dirty and ask.ask_revert(self.window, existing.document.name):
                return self.revert(ask_first=False)
            self.window.show_activity(f"“{saved.name}” is already open" +
                                      (", with unsaved changes." if existing.dirty else "."))
            return True
        read_only = path is not None and self.collections.is_read_only(path)
        tab = self._fresh_tab(saved.request)
        shown = self.show_model(saved.request)
        self._adopt(Document(saved.name, saved.description, path, comparable(shown), read_only))
        self._show_session(tab)  # a request just opened has no response yet
        self.editor.show_part_for(shown)
        self.window.show_activity(opened_text(saved, read_only))
        return True

    def new(self, request: RequestModel | None = None) -> bool:
        """File → New request (Ctrl+N): a new tab with a blank (or the given) unsaved request."""
        model = request or self.blank()
        tab = self.tabs.add(Document(), model)
        self.tabs.show(tab)
        self._adopt(Document(baseline=comparable(self.editor.to_model())))
        self.editor.focus_url()
        return True

    def fill_blank(self, request: RequestModel) -> bool:
        """At start: put ``request`` in the blank first tab if nobody used it yet (else leave all be)."""
        if not self.tabs.current.pristine:
            return False
        shown = self.show_model(request)
        self._adopt(Document(baseline=comparable(shown)))
        return True

    def open_restored(self, record: HistoryRecord) -> None:
        """History → open: a new tab (never over unsaved edits) showing the entry's response."""
        tab = self._fresh_tab(record.request)
        self.show_model(record.request)
        self._adopt(Document(name=history_name(record.request)))
        tab.session.record(record.exchange())
        self._show_session(tab)  # and the explainer explains it afresh (session_changed)

    def open_recorded(self, request: RequestModel, exchange: Exchange, name: str = "") -> bool:
        """An exchange recorded elsewhere (a HAR entry, a ticket's): its request in a new unsaved
        tab, its response shown as the response pane shows any (its notes say it was not sent)."""
        tab = self.tabs.add(Document(), request)  # its own tab, as File → New request opens one
        self.tabs.show(tab)
        self._adopt(Document(name=name or history_name(request)))
        tab.session.record(exchange)
        self._show_session(tab)
        return True

    def open_result(self, saved: SavedRequest, result: SendResult) -> bool:
        """A runner row: its request in its tab (opened as ``open`` does) showing that run's exchange."""
        if not self.open(saved):
            return False
        tab = self.tabs.current
        tab.session.record(result.exchange, result)
        self._show_session(tab)
        return True

    def save(self) -> bool:
        """Ctrl+S: write the file; a template or a new request goes through ``save_as``."""
        document = self.document
        if document.path is None or document.read_only:
            return self.save_as()
        model = self.editor.to_model()
        try:
            save_request(document.path, SavedRequest(document.name, document.description, model,
                                                     check_lines=self.editor.tests.check_lines()))
        except OSError as exc:
            self.window.show_activity(f"Could not save “{document.name}”: {exc.strerror or exc}")
            return False
        self.editor.tests.follow_save(document.path)
        self._saved(document.path, document.name, model)
        return True

    def save_as(self) -> bool:
        """Ctrl+Shift+S: ask for a name and a folder of an open collection, then write a new file."""
        model = self.editor.to_model()
        target = self._save_as_flow.run(self.document, model)
        if target is None:
            return False
        lines = self.editor.tests.check_lines()
        if not lines.empty:  # the Tests tab's lines go with the copy
            try:
                save_request(target.path, SavedRequest(target.name, self.document.description, model, check_lines=lines))
            except OSError as exc:
                self.window.show_activity(f"“{target.name}” was saved without its tests: {exc.strerror or exc}")
        self.editor.tests.follow_save(target.path)
        self._saved(target.path, target.name, model)
        return True

    def revert(self, ask_first: bool = True) -> bool:
        """File → Revert: the shown tab back to its file as it is on disk (asks first when unsaved)."""
        document = self.document
        if document.path is None:
            self.window.show_activity("This request has no saved file to revert to.")
            return False
        if ask_first and self.dirty and not ask.ask_revert(self.window, document.name):
            return False
        try:
            saved = load_request(document.path)
        except (RequestFileError, OSError) as exc:
            self.window.show_activity(f"“{document.name}” could not be read again: {exc}")
            return False
        shown = self.show_model(saved.request)
        self.editor.tests.reload()
        self._adopt(replace(document, name=saved.name, description=saved.description, baseline=comparable(shown)))
        self.autosave.forget(self.tabs.current)
        self.window.show_activity(f"Reverted “{saved.name}” to the saved file.")
        return True

    def close_tab(self, tab: OpenTab | None = None) -> bool:
        """Ctrl+W (closing.py): asks when unsaved; closing the last tab leaves a blank one."""
        return self.closing.close_tab(tab)

    def close_tabs(self, tabs: list[OpenTab]) -> bool:
        """Close several tabs in turn; stops at the first Cancel (False)."""
        return all(self.close_tab(tab) for tab in tabs)

    def reopen_closed(self) -> bool:
        """Ctrl+Shift+T (closing.py): the last closed tab, with its unsaved contents."""
        return self.closing.reopen()

    def confirm_close(self) -> bool:
        """Before the window closes (closing.py): one question for all unsaved tabs; False is Cancel."""
        return self.closing.confirm_close()

    def recover(self) -> bool:
        """On start: bring back the last session's tabs (their unsaved changes, if any)."""
        try:
            drafts, front = tab_drafts(self.drafts)
        except OSError as exc:
            self.window.show_activity(f"The last session's draft could not be read: {exc}")
            return False
        for problem in self.drafts.problems:
            self.window.show_activity(problem)
        messages: list[str] = []
        front_tab: OpenTab | None = None
        for draft in drafts:
            tab = self._fresh_tab(draft.request, draft.draft_id)
            try:
                outcome = recover_draft(self.drafts, draft, self.show_model, self.collections.is_read_only)
            except OSError as exc:
                outcome = None
                messages.append(f"The draft of “{draft.meta.get('name', '')}” could not be used: {exc}")
            twin = self.tab_with(outcome.document.path) if outcome is not None else None
            if twin is not None and twin is not tab:  # two drafts of one file: the first one wins
                self.autosave.forget(tab)
                outcome = None
            if outcome is None:
                if len(self.tabs.ordered()) > 1:
                    self.tabs.remove(tab)
                continue
            self.draft_sandbox_url = outcome.sandbox_base_url or self.draft_sandbox_url
            self._adopt(outcome.document)
            messages.append(outcome.message)
            front_tab = tab if draft.draft_id == front or front_tab is None else front_tab
        if front_tab is None:
            return False
        self.tabs.show(front_tab)
        self.window.show_activity(" ".join(messages))
        return True

    def write_draft(self) -> bool:
        """Autosave now: the shown tab's request (without secrets) and which document it belongs to."""
        return self.autosave.write_shown()

    def rewrite_tabs(self, change: Callable[[RequestModel], RequestModel]) -> None:
        """Apply ``change`` to every tab's request (the sandbox moved: recovered drafts follow it)."""
        for tab in self.tabs.ordered():
            model = self.tabs.model_of(tab)
            changed = change(model)
            if changed == model:
                continue
            if tab is self.tabs.current:
                self.editor.set_model(changed)
            else:
                if changed.body != model.body:
                    tab.body.setPlainText(changed.body)
                tab.model, tab.dirty = changed, is_dirty(tab.document, changed)
                self.tabs.relabel(tab)

    def step(self, delta: int) -> None:
        self.tabs.step(delta)

    def on_send_finished(self, result: SendResult) -> None:
        """A send finished: its tab's session records it; the shown tab's is explained at once."""
        tab, self._sending = self._sending or self.tabs.current, None
        if tab is self.tabs.current:
            self.shown_result.emit(result)
        else:
            tab.session.record(result.exchange, result)  # explained when the user comes back to it

    # ------------------------------------------------------------------ internals

    def tab_with(self, path: Path | None) -> OpenTab | None:
        if path is None:
            return None
        return next((t for t in self.tabs.ordered() if t.document.path == path), None)

    def _fresh_tab(self, model: RequestModel, draft_id: str = "") -> OpenTab:
        """The tab a request opens in: the unused blank one, or a new tab after the shown one."""
        current = self.tabs.current
        if current.pristine:
            if draft_id:
                self.tabs.rekey(current, draft_id)
            return current
        tab = self.tabs.add(Document(), model, draft_id=draft_id)
        self.tabs.show(tab)
        return tab

    def show_model(self, model: RequestModel) -> RequestModel:
        """Put ``model`` in the editor without counting it as an edit; returns what the editor holds."""
        self.autosave.stop()
        self._loading = True
        try:
            self.editor.set_model(model)
        finally:
            self._loading = False
        return self.editor.to_model()

    def _adopt(self, document: Document) -> None:
        tab = self.tabs.current
        tab.document = document
        tab.dirty = is_dirty(document, self.editor.to_model())
        self._refresh()
        self.document_changed.emit(document)

    def _saved(self, path: Path, name: str, model: RequestModel) -> None:
        self._adopt(Document(name, self.document.description, path, comparable(model), read_only=False))
        self.autosave.forget(self.tabs.current)
        note = secrets_note(model)
        self.window.show_activity(f"Saved “{name}”." + (f" {note}" if note else ""))

    def _on_edited(self) -> None:
        if self._loading or self.tabs.swapping:
            return
        tab = self.tabs.current
        dirty = is_dirty(tab.document, self.editor.to_model()) or self.editor.tests.modified
        if dirty != tab.dirty:
            tab.dirty = dirty
            self._refresh()
        self.autosave.schedule()

    def _refresh(self) -> None:
        """Title, '*' and the tab's label from the shown tab; ``dirty_changed`` when it flipped."""
        tab = self.tabs.current
        was = self.window.isWindowModified()
        self.window.setWindowTitle(self.title())
        self.window.setWindowModified(tab.dirty)
        self.tabs.relabel(tab)
        if was != tab.dirty:
            self.dirty_changed.emit(tab.dirty)

    def _leaving(self, tab: OpenTab) -> None:
        if self.autosave.pending:
            self.write_draft()  # the editor still holds the outgoing tab

    def _switched(self, tab: OpenTab) -> None:
        self.autosave.stop()
        self._refresh()
        self._show_session(tab)
        self.document_changed.emit(tab.document)

    def _show_session(self, tab: OpenTab) -> None:
        """The response pane shows this tab's own exchange (or nothing), then its explanation."""
        exchange = tab.session.exchange
        if exchange is None:
            self.window.response_view.clear()
        else:
            self.window.response_view.show_exchange(exchange)
        self.session_changed.emit(tab.session)

    def _send_busy(self, busy: bool) -> None:
        """A send begins (planning included): its result belongs to the tab shown now."""
        if busy:
            self._sending = self.tabs.current

    def _on_path_changed(self, change: PathChange) -> None:
        """An open file was renamed or moved (follow it) or deleted (keep the content, unsaved)."""
        change = PathChange(change.old.resolve(), change.new.resolve() if change.new is not None else None)
        for tab in self.tabs.ordered():
            current = tab.document.path
            moved_to = change.follow(current) if current is not None else current
            if current is None or moved_to == current:
                continue
            if moved_to is None:
                document = replace(tab.document, path=None, baseline=None, read_only=False)
                self.window.show_activity(f"“{document.name}” was deleted; its tab keeps it as an unsaved "
                                          "request (Ctrl+S saves it again).")
            else:
                name = request_name_from_path(moved_to) if moved_to.name != current.name else tab.document.name
                document = replace(tab.document, path=moved_to, name=name)
            self._set_document(tab, document)

    def _set_document(self, tab: OpenTab, document: Document) -> None:
        if tab is self.tabs.current:
            self._adopt(document)
        else:
            tab.document, tab.dirty = document, is_dirty(document, tab.model)
            self.tabs.relabel(tab)
        if tab.dirty:
            if tab is self.tabs.current:
                self.autosave.schedule()  # the draft must name the new place
            else:
                self.autosave.write(tab)
