"""The collections pane: filter box, tree of Templates and the user's collections, and commands.

Scans run in the thread pool (``CollectionRescanner``), also when files change on disk; when a
scan lands the tree is swapped and the open folders and the selection come back. Every command
goes through the pure ``collection_ops`` functions (``commands.py``) and a failure is told in
plain words, in the panel's message bar and through ``problem``.
"""

from __future__ import annotations

from pathlib import Path

from PySide6 import QtCore, QtWidgets

from ctct_desktop.store.collection import Collection
from ctct_desktop.store.request_file import SavedRequest
from ctct_desktop.ui.collections_view import tree_state
from ctct_desktop.ui.collections_view.actions import build_actions, context_menu, update_enabled
from ctct_desktop.ui.collections_view.commands import CollectionCommands
from ctct_desktop.ui.collections_view.filter_proxy import CollectionFilterProxy
from ctct_desktop.ui.collections_view.items import ItemKind, TreeItem
from ctct_desktop.ui.collections_view.message_bar import MessageBar
from ctct_desktop.ui.collections_view.rescanner import DEBOUNCE_MS, CollectionRescanner
from ctct_desktop.ui.collections_view.row_delegate import RowDelegate, fitting_width
from ctct_desktop.ui.collections_view.tree_model import CollectionTreeModel, PathChange, TreeChange

_DEFAULT = object()


def default_templates_root() -> Path | None:
    from ctct_desktop.resources import resource_path

    try:
        return resource_path("templates")
    except FileNotFoundError:
        return None


class CollectionsPanel(QtWidgets.QWidget):
    request_opened = QtCore.Signal(SavedRequest)
    collection_opened = QtCore.Signal(Path)
    collection_closed = QtCore.Signal(Path)
    problem = QtCore.Signal(str)
    path_changed = QtCore.Signal(PathChange)  # renamed, moved or deleted (open editors follow it)
    ticket_opened = QtCore.Signal(Path)  # a ticket folder activated (Enter, double-click)
    run_requested = QtCore.Signal(Path)  # Run (Ctrl+Shift+R): a collection, folder or request

    def __init__(self, parent: QtWidgets.QWidget | None = None, *, templates_root: Path | None | object = _DEFAULT,
                 debounce_ms: int = DEBOUNCE_MS) -> None:
        super().__init__(parent)
        self.model = CollectionTreeModel(self)
        self.proxy = CollectionFilterProxy(self)
        self.proxy.setSourceModel(self.model)
        self.rescanner = CollectionRescanner(self, debounce_ms)
        self._templates_root: Path | None = None
        self._user_roots: list[Path] = []
        self._select_after: Path | None = None
        self._edit_after = False
        self._seen: set[Path] = set()  # roots scanned at least once (first time: expand the root)
        self._deferred: dict[Path, Collection] = {}  # scans that landed during an inline rename
        self._build()
        self.commands = CollectionCommands(self)
        self._connect()
        self._update_actions()
        self.set_templates_root(default_templates_root() if templates_root is _DEFAULT else templates_root)  # type: ignore[arg-type]

    # ------------------------------------------------------------------ building

    def _build(self) -> None:
        self.filter_box = QtWidgets.QLineEdit(self)
        self.filter_box.setPlaceholderText("Filter by name, URL or method")
        self.filter_box.setClearButtonEnabled(True)
        self.filter_box.setAccessibleName("Filter requests")
        self.view = QtWidgets.QTreeView(self)
        self.view.setModel(self.proxy)
        self.view.setHeaderHidden(True)
        self.view.setAccessibleName("Collections")
        self.view.setUniformRowHeights(True)
        self.view.setItemDelegate(RowDelegate(self.view))
        self.view.setTextElideMode(QtCore.Qt.TextElideMode.ElideMiddle)  # "Create … member": both ends say what it is
        self.view.setEditTriggers(QtWidgets.QAbstractItemView.EditTrigger.EditKeyPressed)
        self.view.setContextMenuPolicy(QtCore.Qt.ContextMenuPolicy.CustomContextMenu)
        self.view.setDragDropMode(QtWidgets.QAbstractItemView.DragDropMode.DragDrop)
        self.view.setDefaultDropAction(QtCore.Qt.DropAction.MoveAction)
        self.view.setDropIndicatorShown(True)
        self.panel_actions = build_actions(self)
        self.toolbar = QtWidgets.QToolBar(self)
        self.toolbar.setIconSize(QtCore.QSize(16, 16))
        acts = self.panel_actions
        for action in (acts.new_request, acts.new_folder, acts.open_collection, acts.save_as, acts.delete, acts.run):
            self.toolbar.addAction(action)
        self.messages = MessageBar(self)
        layout = QtWidgets.QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        for widget in (self.toolbar, self.filter_box, self.messages, self.view):
            layout.addWidget(widget)

    def _connect(self) -> None:
        self.filter_box.textChanged.connect(self.set_filter_text)
        self.view.activated.connect(self._on_activated)
        self.view.customContextMenuRequested.connect(self._show_menu)
        self.view.selectionModel().currentChanged.connect(lambda *_: self._update_actions())
        self.model.modelReset.connect(self._update_actions)
        self.model.changed.connect(self._on_tree_change)
        self.model.failed.connect(self.report)
        self.model.path_changed.connect(self.path_changed.emit)
        self.model.copy_requested.connect(self.commands.copy_templates)
        self.rescanner.scanned.connect(self._on_scanned)
        self.rescanner.failed.connect(self.report)
        self.view.itemDelegate().closeEditor.connect(
            lambda *_: QtCore.QTimer.singleShot(0, self._apply_deferred))
        self.commands.bind(self.panel_actions)
        self.panel_actions.run.triggered.connect(self._run_current)

    def sizeHint(self) -> QtCore.QSize:  # noqa: N802 - Qt API
        """Wide enough that a long template name reads whole: the dock opens at this width."""
        hint = super().sizeHint()
        return QtCore.QSize(max(hint.width(), fitting_width(self.view) + 4), hint.height())

    # ------------------------------------------------------------------ public API

    def set_templates_root(self, path: Path | None) -> None:
        """Show this folder as the read-only Templates collection (None: no templates)."""
        if self._templates_root is not None:
            self._forget(self._templates_root)
        self._templates_root = Path(path).resolve() if path is not None else None
        if self._templates_root is not None:
            self.rescanner.follow(self._templates_root, read_only=True)
            self.rescanner.scan_now(self._templates_root)

    def templates_root(self) -> Path | None:
        return self._templates_root

    def add_collection(self, path: Path | str) -> bool:
        """Open a folder as a collection (a folder cloned from git with no collection.toml works too)."""
        root = Path(path).expanduser().resolve()
        if not root.is_dir():
            self.report(f"Cannot open {root}: it is not a folder.")
            return False
        if root == self._templates_root or root in self._user_roots:
            self.select_path(root)
            return True
        self._user_roots.append(root)
        self.rescanner.follow(root)
        self._select_after = self._select_after or root
        self.rescanner.scan_now(root)
        self.collection_opened.emit(root)
        return True

    def remove_collection(self, path: Path | str) -> None:
        """Stop showing a collection; its files are untouched."""
        root = Path(path).expanduser().resolve()
        if root not in self._user_roots:
            return
        self._user_roots.remove(root)
        self._forget(root)
        self.collection_closed.emit(root)

    def open_collections(self) -> list[Path]:
        return list(self._user_roots)

    def collection(self, root: Path) -> Collection | None:
        return next((c for c in self.model.collections() if c.root == root), None)

    def root_of(self, path: Path) -> Path | None:
        """The open collection (or Templates) holding ``path``."""
        roots = [*self._user_roots, *([self._templates_root] if self._templates_root else [])]
        holders = [r for r in roots if path == r or path.is_relative_to(r)]
        return max(holders, key=lambda r: len(r.parts)) if holders else None

    def select_path(self, path: Path | str) -> bool:
        """Select a row; when it is not in the tree yet (a scan is on its way) select it on arrival."""
        target = Path(path).expanduser().resolve()
        if tree_state.reveal_row(self.view, self.proxy, target):
            return True
        self._select_after = target
        return False

    def is_read_only(self, path: Path | str) -> bool:
        """True for anything in the built-in Templates (a request opened from there saves as a copy)."""
        target = Path(path).expanduser().resolve()
        return self._templates_root is not None and (target == self._templates_root
                                                     or target.is_relative_to(self._templates_root))

    def current_item(self) -> TreeItem | None:
        return tree_state.source_item(self.proxy, self.view.currentIndex())

    def current_path(self) -> Path | None:
        item = self.current_item()
        return item.path if item is not None and item.kind is not ItemKind.PROBLEM else None

    def set_filter_text(self, text: str) -> None:
        if self.filter_box.text() != text:
            self.filter_box.setText(text)  # comes back here through textChanged
            return
        self.proxy.set_filter_text(text)
        if text.strip():
            self.view.expandAll()

    def rescan(self, root: Path | None = None) -> None:
        """Read collections again now (all of them when ``root`` is None)."""
        roots = [root] if root is not None else [*self._user_roots, *filter(None, [self._templates_root])]
        for each in roots:
            self.rescanner.scan_now(each)

    @property
    def busy(self) -> bool:
        return self.rescanner.busy

    def report(self, message: str) -> None:
        """Tell the user something went wrong, in words, without a dialog."""
        self.messages.show_message(message)
        self.problem.emit(message)

    def refresh_after(self, root: Path, select: Path | None, edit: bool = False) -> None:
        """A command changed files under ``root``: rescan now and show ``select`` when it lands."""
        self._select_after = select.resolve() if select is not None else None
        self._edit_after = edit and select is not None
        self.rescanner.scan_now(root)

    # ------------------------------------------------------------------ internals

    def _forget(self, root: Path) -> None:
        self.rescanner.forget(root)
        self._seen.discard(root)
        self._deferred.pop(root, None)
        self.model.remove_collection(root)

    def _on_scanned(self, collection: Collection) -> None:
        if collection.root not in self._user_roots and collection.root != self._templates_root:
            return
        if self.view.state() == QtWidgets.QAbstractItemView.State.EditingState:
            self._deferred[collection.root] = collection  # a reset now would close the rename editor
            return
        self._deferred.pop(collection.root, None)  # this scan is newer than one held back
        if collection == self.collection(collection.root) and self._select_after is None:
            return  # nothing changed (our own write, seen again by the watcher)
        expanded = tree_state.expanded_paths(self.view, self.proxy)
        if collection.root not in self._seen:  # first time: open it one level (Templates shows v1, v2, v3)
            self._seen.add(collection.root)
            expanded.add(collection.root)
        current = self.current_path()
        scrolled = self.view.verticalScrollBar().value()
        self.model.replace_collection(collection)
        if self.proxy.filter_text:
            self.view.expandAll()
        tree_state.restore_expanded(self.view, self.proxy, expanded)
        self.view.doItemsLayout()  # the scroll range is known only after the layout
        self.view.verticalScrollBar().setValue(scrolled)  # a rescan must not make the tree jump
        self._restore_selection(current)

    def _apply_deferred(self) -> None:
        if self.view.state() == QtWidgets.QAbstractItemView.State.EditingState:
            return
        deferred, self._deferred = self._deferred, {}
        for collection in deferred.values():
            self._on_scanned(collection)

    def _restore_selection(self, previous: Path | None) -> None:
        wanted = self._select_after
        if wanted is not None and tree_state.reveal_row(self.view, self.proxy, wanted):
            self._select_after = None
            if self._edit_after:
                self._edit_after = False
                self.view.edit(self.view.currentIndex())
            return
        if previous is not None:
            tree_state.reveal_row(self.view, self.proxy, previous, scroll=False)

    def _on_tree_change(self, change: TreeChange) -> None:
        self.refresh_after(change.collection_root, change.select)

    def _on_activated(self, index: QtCore.QModelIndex) -> None:
        item = tree_state.source_item(self.proxy, index)
        if item is not None and item.kind is ItemKind.REQUEST and item.saved is not None:
            self.request_opened.emit(item.saved)
        elif item is not None and item.ticket:
            self.ticket_opened.emit(item.path)

    def _run_current(self) -> None:
        path = self.current_path()
        if path is not None:
            self.run_requested.emit(path)

    def _show_menu(self, position: QtCore.QPoint) -> None:
        index = self.view.indexAt(position)
        if index.isValid():
            self.view.setCurrentIndex(index)
        menu = context_menu(self, self.panel_actions, self.current_item() if index.isValid() else None)
        menu.exec(self.view.viewport().mapToGlobal(position))
        menu.deleteLater()

    def _update_actions(self) -> None:
        update_enabled(self.panel_actions, self.current_item(), self.commands.can_undo, bool(self._user_roots))
