"""A thin QAbstractItemModel over the plain-Python collection trees (one root per collection).

The built-in Templates collection is the first root, read-only and marked as such; user
collections follow in the order they were opened. Renames (F2) and drag and drop call the pure
``collection_ops`` functions; the model then reports a ``TreeChange`` so its owner rescans the
folder, and failures as plain sentences. The model never rescans or touches widgets itself.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from PySide6 import QtCore, QtGui, QtWidgets

from ctct_desktop.store.collection import Collection
from ctct_desktop.store.collection_ops import CollectionError, move, rename
from ctct_desktop.store.collection_order import OrderError, folder_entries
from ctct_desktop.store.collection_order import move as move_in_order
from ctct_desktop.ui.collections_view.badges import METHOD_ROLE
from ctct_desktop.ui.collections_view.items import (
    ItemKind,
    TreeItem,
    collection_item,
    invisible_root,
    path_index,
    set_children,
)

MIME_TYPE = "application/x-ctct-desktop-tree-paths"
READ_ONLY_MARK = " (read-only)"
Qt = QtCore.Qt
_Index = QtCore.QModelIndex | QtCore.QPersistentModelIndex
_NO_PARENT = QtCore.QModelIndex()  # the default argument Qt's own signatures use


@dataclass(frozen=True)
class TreeChange:
    """Files changed under ``collection_root``; ``select`` is the path to show afterwards."""

    collection_root: Path
    select: Path | None


@dataclass(frozen=True)
class PathChange:
    """A request or folder was renamed or moved (``new``) or deleted (``new`` None).

    For a folder, every request below it moved with it: an open request at ``p`` is now at
    ``new / p.relative_to(old)``.
    """

    old: Path
    new: Path | None

    def follow(self, path: Path) -> Path | None:
        """Where ``path`` is after this change (itself when unaffected, None when deleted)."""
        if path != self.old and not path.is_relative_to(self.old):
            return path
        return None if self.new is None else self.new / path.relative_to(self.old)


@dataclass(frozen=True)
class CopyRequest:
    """Templates dropped on a user folder: copy them there ("Save as…" by drag and drop)."""

    sources: tuple[Path, ...]
    target_folder: Path


class CollectionTreeModel(QtCore.QAbstractItemModel):
    changed = QtCore.Signal(TreeChange)
    path_changed = QtCore.Signal(PathChange)
    failed = QtCore.Signal(str)
    copy_requested = QtCore.Signal(CopyRequest)  # templates dropped on a user folder

    def __init__(self, parent: QtCore.QObject | None = None) -> None:
        super().__init__(parent)
        self._root = invisible_root()
        self._collections: list[Collection] = []
        self._by_path: dict[Path, TreeItem] = {}

    # ------------------------------------------------------------------ content

    def set_collections(self, collections: Sequence[Collection]) -> None:
        """Show these collections (read-only ones first, each group in the given order)."""
        ordered = [c for c in collections if c.read_only] + [c for c in collections if not c.read_only]
        self.beginResetModel()
        self._collections = ordered
        set_children(self._root, [collection_item(c, self._root) for c in ordered])
        self._by_path = path_index(self._root)
        self.endResetModel()

    def collections(self) -> list[Collection]:
        return list(self._collections)

    def replace_collection(self, collection: Collection) -> None:
        """A rescan finished: swap that collection's rows (or add it when it is new)."""
        others = [c for c in self._collections if c.root != collection.root]
        position = next((i for i, c in enumerate(self._collections) if c.root == collection.root), len(others))
        others.insert(position, collection)
        self.set_collections(others)

    def remove_collection(self, root: Path) -> None:
        self.set_collections([c for c in self._collections if c.root != root])

    def container_items(self) -> list[TreeItem]:
        """Every collection and folder row (what a view can expand)."""
        return [item for item in self._by_path.values() if item.is_container]

    def item_at(self, path: Path) -> TreeItem | None:
        return self._by_path.get(path)

    def item(self, index: _Index) -> TreeItem | None:
        if not index.isValid() or index.model() is not self:
            return None
        found = index.internalPointer()
        return found if isinstance(found, TreeItem) else None

    def index_of_path(self, path: Path) -> QtCore.QModelIndex:
        found = self._by_path.get(path)
        return self._index_of(found) if found is not None else QtCore.QModelIndex()

    def _index_of(self, item: TreeItem) -> QtCore.QModelIndex:
        if item.parent is None:
            return QtCore.QModelIndex()
        return self.createIndex(item.row, 0, item)

    # ------------------------------------------------------------------ structure

    def index(self, row: int, column: int, parent: _Index = _NO_PARENT) -> QtCore.QModelIndex:
        owner = self.item(parent) or self._root
        if column != 0 or not 0 <= row < len(owner.children):
            return QtCore.QModelIndex()
        return self.createIndex(row, 0, owner.children[row])

    def parent(self, index: _Index | None = None) -> QtCore.QModelIndex:  # type: ignore[override]
        """The parent row; without an argument, QObject.parent() (both share the name in Qt)."""
        if index is None:
            return super().parent()  # type: ignore[return-value]
        item = self.item(index)
        if item is None or item.parent is None or item.parent is self._root:
            return QtCore.QModelIndex()
        return self._index_of(item.parent)

    def rowCount(self, parent: _Index = _NO_PARENT) -> int:
        if parent.isValid() and parent.column() != 0:
            return 0
        owner = self.item(parent) if parent.isValid() else self._root
        return len(owner.children) if owner is not None else 0

    def columnCount(self, parent: _Index = _NO_PARENT) -> int:
        return 1

    def hasChildren(self, parent: _Index = _NO_PARENT) -> bool:
        return self.rowCount(parent) > 0

    # ------------------------------------------------------------------ display

    def data(self, index: _Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        item = self.item(index)
        if item is None:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return item.name + (READ_ONLY_MARK if item.kind is ItemKind.COLLECTION and item.read_only else "")
        if role == Qt.ItemDataRole.EditRole:
            return item.name
        if role == Qt.ItemDataRole.DecorationRole:
            return _icon(item)
        if role == Qt.ItemDataRole.ToolTipRole:
            return tooltip(item)
        if role == Qt.ItemDataRole.FontRole and item.kind is ItemKind.COLLECTION:
            font = QtGui.QFont()
            font.setBold(True)
            font.setItalic(item.read_only)
            return font
        if role == Qt.ItemDataRole.ForegroundRole and item.kind is ItemKind.PROBLEM:
            return QtGui.QBrush(QtGui.QColor("#c0392b"))
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return accessible_text(item)
        if role == METHOD_ROLE and item.kind is ItemKind.REQUEST and item.saved is not None:
            return item.saved.request.method
        return None

    def flags(self, index: _Index) -> Qt.ItemFlag:
        item = self.item(index)
        if item is None:
            return Qt.ItemFlag.ItemIsDropEnabled
        return _FLAGS[(item.kind, item.read_only)]

    # ------------------------------------------------------------------ rename (F2)

    def setData(self, index: _Index, value: object, role: int = Qt.ItemDataRole.EditRole) -> bool:
        item = self.item(index)
        if item is None or role != Qt.ItemDataRole.EditRole or item.read_only:
            return False
        new_name = str(value).strip()
        if item.kind not in (ItemKind.FOLDER, ItemKind.REQUEST) or new_name == item.name:
            return False
        try:
            target = rename(item.path, new_name)
        except (CollectionError, OSError) as exc:
            self.failed.emit(f"Cannot rename '{item.name}': {_plain(exc)}")
            return False
        self.path_changed.emit(PathChange(item.path, target))
        self.changed.emit(TreeChange(item.collection.root, target))
        return True

    # ------------------------------------------------------------------ drag and drop

    def supportedDropActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction | Qt.DropAction.CopyAction

    def supportedDragActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction | Qt.DropAction.CopyAction

    def mimeTypes(self) -> list[str]:
        return [MIME_TYPE]

    def mimeData(self, indexes: Sequence[QtCore.QModelIndex]) -> QtCore.QMimeData:
        items = [i for i in (self.item(index) for index in indexes) if i is not None]
        paths = [str(i.path) for i in items if i.kind in (ItemKind.FOLDER, ItemKind.REQUEST)]
        data = QtCore.QMimeData()
        data.setData(MIME_TYPE, QtCore.QByteArray(json.dumps(sorted(set(paths))).encode("utf-8")))
        return data

    def canDropMimeData(self, data: QtCore.QMimeData, action: Qt.DropAction, row: int, column: int,
                        parent: _Index) -> bool:
        return self._drop_plan(data, parent) is not None

    def dropMimeData(self, data: QtCore.QMimeData, action: Qt.DropAction, row: int, column: int,
                     parent: _Index) -> bool:
        plan = self._drop_plan(data, parent)
        if plan is None:
            return False
        target, sources = plan
        if sources[0].read_only:
            self.copy_requested.emit(CopyRequest(tuple(s.path for s in sources), target.path))
            return False  # nothing was moved: the view must not remove the source rows
        if row >= 0 and self.item(parent) is target:
            return self._place_all(target, sources, row)  # dropped between rows: that place in the order
        return self._move_all(target, sources)

    def _place_all(self, target: TreeItem, sources: list[TreeItem], row: int) -> bool:
        """Move the sources into ``target`` (when they are elsewhere) and put them before ``row``,
        in the folder's order.toml (collection_order.move): the order a run runs and the tree shows."""
        before = target.children[row].path if row < len(target.children) else None
        placed: Path | None = None
        for source in sources:
            path = source.path
            try:
                if path.parent != target.path:
                    path = move(path, target.path)
                    self.path_changed.emit(PathChange(source.path, path))
                names = [p.name for p in folder_entries(target.path) if p != path]
                index = names.index(before.name) if before is not None and before.name in names else len(names)
                move_in_order(path, index)
            except (CollectionError, OrderError, OSError) as exc:
                self.failed.emit(f"Cannot move '{source.name}': {_plain(exc)}")
                continue
            placed = path
        if placed is not None:
            self.changed.emit(TreeChange(target.collection.root, placed))
        return False  # the rescan shows the new order; the view must not remove the source rows


    def _drop_plan(self, data: QtCore.QMimeData, parent: _Index) -> tuple[TreeItem, list[TreeItem]] | None:
        """Where a drop lands and what it carries, or None when it is not allowed."""
        sources = self._decode(data)
        dropped_on = self.item(parent)
        if not sources or dropped_on is None:
            return None
        target = dropped_on.container()
        if target.read_only or not target.is_container:
            return None
        from_templates = {s.read_only for s in sources}
        if len(from_templates) != 1:
            return None
        if from_templates == {True}:
            return (target, sources) if all(s.kind is ItemKind.REQUEST for s in sources) else None
        if any(s.collection.root != target.collection.root for s in sources):
            return None  # moving between collections would break each one's git history
        if any(s.kind is ItemKind.FOLDER and target.path.is_relative_to(s.path) for s in sources):
            return None
        return target, sources

    def _decode(self, data: QtCore.QMimeData) -> list[TreeItem]:
        if not data.hasFormat(MIME_TYPE):
            return []
        try:
            raw = json.loads(bytes(data.data(MIME_TYPE).data()).decode("utf-8"))
        except (ValueError, UnicodeDecodeError):
            return []
        if not isinstance(raw, list):
            return []
        found = [self._by_path.get(Path(p)) for p in raw if isinstance(p, str)]
        return [item for item in found if item is not None]

    def _move_all(self, target: TreeItem, sources: list[TreeItem]) -> bool:
        moved: Path | None = None
        for source in sources:
            try:
                moved = move(source.path, target.path)
            except (CollectionError, OSError) as exc:
                self.failed.emit(f"Cannot move '{source.name}': {_plain(exc)}")
                continue
            if moved != source.path:
                self.path_changed.emit(PathChange(source.path, moved))
        if moved is not None:
            self.changed.emit(TreeChange(target.collection.root, moved))
        return moved is not None


def _flags_for(kind: ItemKind, read_only: bool) -> Qt.ItemFlag:
    """Entries drag (a template dragged out is copied); only writable ones rename or take drops."""
    flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
    if kind in (ItemKind.FOLDER, ItemKind.REQUEST):
        flags |= Qt.ItemFlag.ItemIsDragEnabled
        if not read_only:
            flags |= Qt.ItemFlag.ItemIsEditable
    if kind in (ItemKind.COLLECTION, ItemKind.FOLDER) and not read_only:
        flags |= Qt.ItemFlag.ItemIsDropEnabled
    return flags


_FLAGS = {(kind, read_only): _flags_for(kind, read_only) for kind in ItemKind for read_only in (False, True)}


def _plain(exc: BaseException) -> str:
    if isinstance(exc, OSError):
        return exc.strerror or str(exc)
    return str(exc)


def _icon(item: TreeItem) -> QtGui.QIcon | None:
    if item.kind is ItemKind.REQUEST and item.saved is not None:
        return None  # the row delegate paints the METHOD pill at the row's font size
    pixmaps = QtWidgets.QStyle.StandardPixmap
    if item.ticket:
        return QtWidgets.QApplication.style().standardIcon(pixmaps.SP_FileDialogDetailedView)
    which = {ItemKind.COLLECTION: pixmaps.SP_DirHomeIcon if not item.read_only else pixmaps.SP_DirClosedIcon,
             ItemKind.FOLDER: pixmaps.SP_DirIcon, ItemKind.PROBLEM: pixmaps.SP_MessageBoxWarning,
             ItemKind.REQUEST: pixmaps.SP_FileIcon}[item.kind]
    return QtWidgets.QApplication.style().standardIcon(which)


def tooltip(item: TreeItem) -> str:
    """Plain text: what the row is, where it lives, and for a request its description and URL."""
    if item.kind is ItemKind.PROBLEM:
        return f"This file could not be loaded.\n{item.path}\n{item.problem.reason if item.problem else ''}"
    if item.kind is ItemKind.REQUEST and item.saved is not None:
        request = item.saved.request
        lines = [item.name, f"{request.method} {request.url}"]  # the whole name: the row may elide it
        if item.saved.description:
            lines += ["", item.saved.description]
        return "\n".join(lines)
    if item.kind is ItemKind.COLLECTION:
        note = "Built in and read-only: use “Save as…” to copy a request into your collection.\n" \
            if item.read_only else ""
        return f"{item.name}\n{note}{item.collection.description + chr(10) if item.collection.description else ''}{item.path}"
    if item.ticket:
        return f"Ticket {item.name}: Enter or double-click opens the ticket view\n{item.path}"
    return f"{item.name}\n{item.path}"


def accessible_text(item: TreeItem) -> str:
    if item.kind is ItemKind.REQUEST and item.saved is not None:
        return f"{item.saved.request.method} request {item.name}"
    if item.kind is ItemKind.PROBLEM:
        return f"Problem: {item.name}"
    suffix = ", read-only" if item.read_only else ""
    return f"{'ticket' if item.ticket else item.kind.value} {item.name}{suffix}"
