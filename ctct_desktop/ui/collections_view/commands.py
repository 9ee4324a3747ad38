"""What the panel's commands do: pure ``collection_ops`` calls, then a rescan that shows the result.

Each public method works without dialogs when given its arguments (the API the window and the
tests use); the action slots ask the user through ``dialogs`` first. Failures become one
sentence in the panel's message bar.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6 import QtCore

from ctct_desktop.core.models import RequestModel
from ctct_desktop.store.collection import COLLECTION_FILE, create_collection
from ctct_desktop.store.collection_ops import (
    CollectionError,
    delete_to_trash,
    duplicate,
    free_request_name,
    new_folder,
    new_request,
    rename,
    restore_from_trash,
)
from ctct_desktop.store.request_file import RequestFileError, load_request
from ctct_desktop.ui.collections_view import dialogs
from ctct_desktop.ui.collections_view.actions import PanelActions
from ctct_desktop.ui.collections_view.items import ItemKind
from ctct_desktop.ui.collections_view.tree_model import CopyRequest, PathChange

if TYPE_CHECKING:
    from ctct_desktop.ui.collections_view.panel import CollectionsPanel

NEW_REQUEST_NAME = "New request"
NEW_FOLDER_NAME = "New folder"


@dataclass(frozen=True)
class TrashedEntry:
    """One delete that Undo can take back."""

    trashed: Path
    original: Path
    collection_root: Path


def _reason(exc: BaseException) -> str:
    if isinstance(exc, OSError):
        return f"{exc.strerror or exc}" + (f" ({exc.filename})" if exc.filename else "")
    return str(exc)


def free_folder_name(parent: Path, wanted: str) -> str:
    for n in range(1, 10_000):
        candidate = wanted if n == 1 else f"{wanted} {n}"
        if not (parent / candidate).exists():
            return candidate
    raise CollectionError("Too many folders with that name already exist.")


class CollectionCommands(QtCore.QObject):
    def __init__(self, panel: CollectionsPanel) -> None:
        super().__init__(panel)
        self.panel = panel
        self._trash: list[TrashedEntry] = []

    @property
    def can_undo(self) -> bool:
        return bool(self._trash)

    def bind(self, actions: PanelActions) -> None:
        actions.open_request.triggered.connect(self._open_current)
        actions.new_request.triggered.connect(lambda: self.new_request())
        actions.new_folder.triggered.connect(lambda: self.new_folder())
        actions.rename.triggered.connect(self._edit_current)
        actions.duplicate.triggered.connect(lambda: self._on_current(self.duplicate))
        actions.delete.triggered.connect(lambda: self._on_current(self.delete))
        actions.undo_delete.triggered.connect(self.undo_delete)
        actions.save_as.triggered.connect(self._save_current_as)
        actions.reveal.triggered.connect(lambda: self._on_current(self.reveal))
        actions.open_collection.triggered.connect(self._ask_open_collection)
        actions.new_collection.triggered.connect(self._ask_new_collection)
        actions.close_collection.triggered.connect(lambda: self._on_current(self.panel.remove_collection))

    # ------------------------------------------------------------------ helpers

    def _run(self, verb: str, operation: Callable[[], Path], root: Path, edit: bool = False) -> Path | None:
        try:
            result = operation()
        except (CollectionError, RequestFileError, OSError) as exc:
            self.panel.report(f"Cannot {verb}: {_reason(exc)}")
            return None
        self.panel.refresh_after(root, result, edit)
        return result

    def _writable_root(self, path: Path, verb: str) -> Path | None:
        root = self.panel.root_of(path.resolve())
        if root is None:
            self.panel.report(f"Cannot {verb}: {path} is not in an open collection.")
            return None
        if root == self.panel.templates_root():
            self.panel.report(f"Cannot {verb}: the built-in templates are read-only; use “Save as…” to copy a "
                              "request into your collection.")
            return None
        return root

    def _target_folder(self, folder: Path | None, verb: str) -> Path | None:
        if folder is not None:
            return folder.resolve()
        item = self.panel.current_item()
        if item is not None:
            return item.container().path
        roots = self.panel.open_collections()
        if not roots:
            self.panel.report(f"Cannot {verb}: open or create a collection first.")
            return None
        return roots[0]

    def _on_current(self, handler: Callable[[Path], object]) -> None:
        item = self.panel.current_item()
        if item is not None and item.kind is not ItemKind.PROBLEM:
            handler(item.path)

    # ------------------------------------------------------------------ commands

    def new_request(self, folder: Path | None = None, name: str | None = None,
                    request: RequestModel | None = None, description: str = "") -> Path | None:
        """Create a request file (blank, or the editor's ``request`` when saving a new one).

        ``folder`` None: the selected folder. ``name`` None: a free "New request" name, then the
        inline rename editor opens on it.
        """
        target = self._target_folder(folder, "create a request")
        root = self._writable_root(target, "create a request") if target is not None else None
        if target is None or root is None:
            return None
        return self._run("create the request",
                         lambda: new_request(target, name or free_request_name(target, NEW_REQUEST_NAME), request,
                                             description),
                         root, edit=name is None)

    def new_folder(self, parent: Path | None = None, name: str | None = None) -> Path | None:
        target = self._target_folder(parent, "create a folder")
        root = self._writable_root(target, "create a folder") if target is not None else None
        if target is None or root is None:
            return None
        return self._run("create the folder",
                         lambda: new_folder(target, name or free_folder_name(target, NEW_FOLDER_NAME)),
                         root, edit=name is None)

    def rename(self, path: Path, new_name: str) -> Path | None:
        root = self._writable_root(path, f"rename '{path.name}'")
        renamed = self._run(f"rename '{path.name}'", lambda: rename(path, new_name), root) if root else None
        if renamed is not None and renamed != path:
            self.panel.path_changed.emit(PathChange(path, renamed))
        return renamed

    def duplicate(self, path: Path) -> Path | None:
        root = self._writable_root(path, f"duplicate '{path.name}'")
        return self._run(f"duplicate '{path.name}'", lambda: duplicate(path), root) if root else None

    def delete(self, path: Path, confirm: bool = True) -> Path | None:
        """Move to the collection's .trash (after asking, unless ``confirm`` is False)."""
        root = self._writable_root(path, f"delete '{path.name}'")
        if root is None:
            return None
        what = "the folder and everything in it" if path.is_dir() else "the request"
        question = (f"Delete {what} “{path.name}”?\n\nIt goes to the collection's .trash folder (ignored by "
                    "git); “Undo delete” puts it back.")
        if confirm and not dialogs.confirm(self.panel, "Delete", question):
            return None
        try:
            trashed = delete_to_trash(root, path)
        except (CollectionError, OSError) as exc:
            self.panel.report(f"Cannot delete '{path.name}': {_reason(exc)}")
            return None
        self._trash.append(TrashedEntry(trashed, path, root))
        self.panel.path_changed.emit(PathChange(path, None))
        self.panel.refresh_after(root, path.parent)
        return trashed

    def undo_delete(self) -> Path | None:
        if not self._trash:
            return None
        last = self._trash.pop()
        return self._run(f"restore '{last.original.name}'", lambda: restore_from_trash(last.trashed, last.original),
                         last.collection_root)

    def save_as(self, source: Path, folder: Path, name: str | None = None) -> Path | None:
        """Copy a request (a template, typically) into a user collection's folder."""
        target = folder.resolve()
        root = self._writable_root(target, "save the copy")
        if root is None:
            return None

        def copy() -> Path:
            saved = load_request(source)
            return new_request(target, name or free_request_name(target, saved.name), saved.request,
                               saved.description)

        return self._run(f"save a copy of '{source.name}'", copy, root)

    def copy_templates(self, request: CopyRequest) -> None:
        """Templates dropped on a user folder: a copy of each, under a free name."""
        for source in request.sources:
            self.save_as(source, request.target_folder)

    def reveal(self, path: Path) -> None:
        if not dialogs.reveal_in_file_manager(path):
            self.panel.report(f"Could not open a file manager for {path if path.is_dir() else path.parent}.")

    def open_collection_at(self, folder: Path) -> bool:
        return self.panel.add_collection(folder)

    def create_collection_at(self, folder: Path, name: str) -> Path | None:
        """Write collection.toml in ``folder`` (created if needed) and open it."""
        try:
            folder.mkdir(parents=True, exist_ok=True)
            if not (folder / COLLECTION_FILE).exists():
                create_collection(folder, name.strip() or folder.name)
        except OSError as exc:
            self.panel.report(f"Cannot create the collection: {_reason(exc)}")
            return None
        return folder.resolve() if self.panel.add_collection(folder) else None

    # ------------------------------------------------------------------ action slots (ask first)

    def _open_current(self) -> None:
        item = self.panel.current_item()
        if item is not None and item.kind is ItemKind.REQUEST and item.saved is not None:
            self.panel.request_opened.emit(item.saved)

    def _edit_current(self) -> None:
        index = self.panel.view.currentIndex()
        if index.isValid():
            self.panel.view.edit(index)

    def _save_current_as(self) -> None:
        item = self.panel.current_item()
        if item is None or item.kind is not ItemKind.REQUEST:
            return
        destinations = self.destinations()
        if not destinations:
            self.panel.report("Open or create a collection first, then “Save as…” copies the request into it.")
            return
        start = item.container().path if not item.read_only else destinations[0].folder
        ordered = sorted(destinations, key=lambda d: d.folder != start)
        choice = dialogs.ask_save_as(self.panel, ordered, free_request_name(ordered[0].folder, item.name))
        if choice is not None:
            self.save_as(item.path, choice.folder, choice.name)

    def destinations(self) -> list[dialogs.Destination]:
        """Every folder of every open user collection, labelled "Collection / folder / sub"."""
        found: list[dialogs.Destination] = []
        for collection in self.panel.model.collections():
            if collection.read_only:
                continue
            for node in collection.tree.walk():
                if node.is_folder:
                    rel = node.path.relative_to(collection.root).parts
                    found.append(dialogs.Destination(node.path, " / ".join((collection.name, *rel))))
        return found

    def _ask_open_collection(self) -> None:
        folder = dialogs.ask_folder(self.panel, "Open collection folder")
        if folder is not None:
            self.open_collection_at(folder)

    def _ask_new_collection(self) -> None:
        folder = dialogs.ask_folder(self.panel, "Choose or create the folder for the new collection")
        if folder is None:
            return
        if (folder / COLLECTION_FILE).exists():
            self.open_collection_at(folder)
            return
        name = dialogs.ask_text(self.panel, "New collection", "Collection name:", folder.name)
        if name is not None:
            self.create_collection_at(folder, name)
