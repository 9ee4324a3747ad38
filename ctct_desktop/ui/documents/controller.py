"""The current-request document: which file the editor shows, whether it has unsaved changes,
File → New / Save / Save as, the question before losing changes, and the draft autosave.

The editor only describes a request; this controller gives it a home on disk. The document is
"unsaved" when the editor's request, as a file would keep it, differs from the file: literal
secrets never reach a file, so typing a password is not an unsaved change. A draft of the
editor (secrets removed) is written one second after the last edit and on close, so a crash or
a killed process loses nothing; ``recover()`` brings it back on the next start.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from PySide6 import QtCore, QtGui

from ctct_desktop.core.models import RequestModel
from ctct_desktop.store.drafts import DraftError, DraftStore
from ctct_desktop.store.request_file import (
    SavedRequest,
    request_name_from_path,
    save_request,
)
from ctct_desktop.ui.documents import dialogs as ask
from ctct_desktop.ui.collections_view.panel import CollectionsPanel
from ctct_desktop.ui.collections_view.tree_model import PathChange
from ctct_desktop.ui.documents.model import (
    DRAFT_ID,
    Document,
    comparable,
    draft_meta,
    is_dirty,
    secrets_note,
)
from ctct_desktop.ui.documents.recovery import recover_document
from ctct_desktop.ui.window_actions import make_action
from ctct_desktop.ui.documents.save_as import SaveAsFlow
from ctct_desktop.ui.main_window import MainWindow

AUTOSAVE_MS = 1000
APP_TITLE = "CTCT Desktop"


class DocumentController(QtCore.QObject):
    """One document at a time in ``window.request_editor``; ``dirty_changed`` tells the title's '*'."""

    dirty_changed = QtCore.Signal(bool)
    document_changed = QtCore.Signal(Document)  # opened, new, saved, renamed, moved or deleted

    def __init__(self, window: MainWindow, collections: CollectionsPanel, drafts: DraftStore,
                 autosave_ms: int = AUTOSAVE_MS) -> None:
        super().__init__(window)
        self.window, self.collections, self.drafts = window, collections, drafts
        self.editor = window.request_editor
        self.blank: Callable[[], RequestModel] = RequestModel  # what File → New starts from (settings' defaults)
        self.draft_sandbox_url = ""  # the sandbox address the recovered draft was written against
        self._loading = False
        self._dirty = False
        self._autosave = QtCore.QTimer(self)
        self._autosave.setSingleShot(True)
        self._autosave.setInterval(autosave_ms)
        self._autosave.timeout.connect(self.write_draft)
        self._document = Document(baseline=comparable(self.editor.to_model()))
        self._save_as_flow = SaveAsFlow(window, collections)
        self._build_actions()
        self.editor.changed.connect(self._on_edited)
        collections.request_opened.connect(self.open)
        collections.path_changed.connect(self._on_path_changed)
        self._refresh_title()

    def set_autosave_ms(self, milliseconds: int) -> None:
        self._autosave.setInterval(max(0, milliseconds))

    def _build_actions(self) -> None:
        self.new_action = make_action(self.window, "&New request", "Start a new, unsaved request (Ctrl+N)", "Ctrl+N")
        self.save_action = make_action(self.window, "&Save", "Save the request to its file (Ctrl+S)", "Ctrl+S")
        self.save_as_action = make_action(self.window, "Save &as…", "Save the request under a new name or in "
                                      "another folder of a collection (Ctrl+Shift+S)", "Ctrl+Shift+S")
        self.new_action.triggered.connect(lambda: self.new())
        self.save_action.triggered.connect(lambda: self.save())
        self.save_as_action.triggered.connect(lambda: self.save_as())

    # ------------------------------------------------------------------ public API

    def actions(self) -> list[QtGui.QAction]:
        """New request, Save, Save as: for the File menu."""
        return [self.new_action, self.save_action, self.save_as_action]

    @property
    def document(self) -> Document:
        return self._document

    @property
    def dirty(self) -> bool:
        return self._dirty

    def title(self) -> str:
        return f"{APP_TITLE} — {self._document.name}{'*' if self._dirty else ''}"

    def open(self, saved: SavedRequest) -> bool:
        """Show a saved request (asks first when the current one has unsaved changes)."""
        path = saved.path.resolve() if saved.path is not None else None
        if path is not None and path == self._document.path and self._dirty:
            self.window.show_activity(f"“{saved.name}” is already open, with unsaved changes.")
            return True
        if not self._settle(f"opening “{saved.name}”"):
            return False
        read_only = path is not None and self.collections.is_read_only(path)
        shown = self._show(saved.request)
        self._adopt(Document(saved.name, saved.description, path, comparable(shown), read_only))
        self._forget_draft()  # it belonged to the previous document, now saved or discarded
        self.window.show_activity(self._opened_text(saved, read_only))
        return True

    def new(self, request: RequestModel | None = None) -> bool:
        """File → New request: a blank (or the given) unsaved request; asks first when needed."""
        if not self._settle("starting a new request"):
            return False
        shown = self._show(request or self.blank())
        self._adopt(Document(baseline=comparable(shown)))
        self._forget_draft()
        return True

    def save(self) -> bool:
        """Ctrl+S: write the file; a template or a new request goes through ``save_as``."""
        document = self._document
        if document.path is None or document.read_only:
            return self.save_as()
        model = self.editor.to_model()
        try:
            save_request(document.path, SavedRequest(document.name, document.description, model))
        except OSError as exc:
            self.window.show_activity(f"Could not save “{document.name}”: {exc.strerror or exc}")
            return False
        self._saved(document.path, document.name, model)
        return True

    def save_as(self) -> bool:
        """Ctrl+Shift+S: ask for a name and a folder of an open collection, then write a new file."""
        model = self.editor.to_model()
        target = self._save_as_flow.run(self._document, model)
        if target is None:
            return False
        self._saved(target.path, target.name, model)
        return True

    def confirm_close(self) -> bool:
        """Before the window closes: False means the user chose Cancel (keep the window open)."""
        if not self._settle("closing"):
            return False
        if self._document.path is None:
            self._forget_draft()
        else:
            self.write_draft()  # saved or discarded: the next start reopens this file as it is on disk
        return True

    def recover(self) -> bool:
        """On start: bring back the last session's document (its unsaved changes, if any)."""
        try:
            outcome = recover_document(self.drafts, self._show, self.collections.is_read_only)
        except OSError as exc:
            self.window.show_activity(f"The last session's draft could not be read: {exc}")
            return False
        for problem in self.drafts.problems:
            self.window.show_activity(problem)
        if outcome is None:
            return False
        self.draft_sandbox_url = outcome.sandbox_base_url
        self._adopt(outcome.document)
        self.window.show_activity(outcome.message)
        return True

    def write_draft(self) -> bool:
        """Autosave now: the editor's request (without secrets) and which document it belongs to."""
        self._autosave.stop()
        if self._dirty is False and self._document.path is None:
            self._forget_draft()  # a new request nobody typed into: nothing to bring back
            return True
        try:
            sandbox = self.window.sandbox_base_url or self.draft_sandbox_url  # "" until the sandbox runs
            self.drafts.save(DRAFT_ID, self.editor.to_model(), draft_meta(self._document, sandbox))
        except (OSError, DraftError) as exc:
            self.window.show_activity(f"Unsaved changes could not be autosaved: {exc}")
            return False
        return True

    # ------------------------------------------------------------------ internals

    def _settle(self, before: str) -> bool:
        """Unsaved changes: Save (True when it worked), Discard (True) or Cancel (False)."""
        if not self._dirty:
            return True
        answer = ask.ask_unsaved(self.window, self._document.name, before)
        if answer is ask.UnsavedAnswer.SAVE:
            return self.save()
        if answer is ask.UnsavedAnswer.DISCARD:
            self._discard_changes()
            return True
        return False

    def _discard_changes(self) -> None:
        """The file's request goes back in the editor and the draft goes away: nothing to recover."""
        if self._document.baseline is not None:
            self._show(self._document.baseline)
            self._set_dirty(False)
        self._autosave.stop()
        self._forget_draft()

    def _forget_draft(self) -> None:
        try:
            self.drafts.discard(DRAFT_ID)
        except OSError as exc:
            self.window.show_activity(f"An old draft could not be removed ({exc}); it may come back "
                                      "on the next start.")

    def _show(self, model: RequestModel) -> RequestModel:
        """Put ``model`` in the editor without counting it as an edit; returns what the editor holds."""
        self._autosave.stop()
        self._loading = True
        try:
            self.editor.set_model(model)
        finally:
            self._loading = False
        return self.editor.to_model()

    def _adopt(self, document: Document) -> None:
        self._document = document
        self._set_dirty(is_dirty(document, self.editor.to_model()))
        self.document_changed.emit(document)

    def _saved(self, path: Path, name: str, model: RequestModel) -> None:
        self._adopt(Document(name, self._document.description, path, comparable(model), read_only=False))
        self._forget_draft()
        note = secrets_note(model)
        self.window.show_activity(f"Saved “{name}”." + (f" {note}" if note else ""))

    def _on_edited(self) -> None:
        if self._loading:
            return
        self._set_dirty(is_dirty(self._document, self.editor.to_model()))
        self._autosave.start()

    def _set_dirty(self, dirty: bool) -> None:
        if dirty != self._dirty:
            self._dirty = dirty
            self.dirty_changed.emit(dirty)
        self._refresh_title()

    def _refresh_title(self) -> None:
        self.window.setWindowTitle(self.title())

    def _on_path_changed(self, change: PathChange) -> None:
        """The open file was renamed or moved (follow it) or deleted (keep the content, unsaved)."""
        current = self._document.path
        if current is None:
            return
        change = PathChange(change.old.resolve(), change.new.resolve() if change.new is not None else None)
        moved_to = change.follow(current)
        if moved_to == current:
            return
        if moved_to is None:
            self._adopt(replace(self._document, path=None, baseline=None, read_only=False))
            self.window.show_activity(f"“{self._document.name}” was deleted; the editor keeps it as an unsaved "
                                      "request (Ctrl+S saves it again).")
        else:
            renamed = moved_to.name != current.name
            name = request_name_from_path(moved_to) if renamed else self._document.name
            self._adopt(replace(self._document, path=moved_to, name=name))
        if self._dirty:
            self._autosave.start()  # the draft must name the new place

    @staticmethod
    def _opened_text(saved: SavedRequest, read_only: bool) -> str:
        parts = [f"Opened “{saved.name}”."]
        if read_only:
            parts.append("It is a built-in template: Ctrl+S saves a copy into your collection.")
        parts += [note[0].upper() + note[1:] + "." for note in saved.notes if note]
        return " ".join(parts)
