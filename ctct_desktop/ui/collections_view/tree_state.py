"""Remember which folders are open and which row is selected across a rescan (a model reset)."""

from __future__ import annotations

from pathlib import Path

from PySide6 import QtCore, QtWidgets

from ctct_desktop.ui.collections_view.filter_proxy import CollectionFilterProxy
from ctct_desktop.ui.collections_view.items import TreeItem
from ctct_desktop.ui.collections_view.tree_model import CollectionTreeModel


def source_item(proxy: CollectionFilterProxy, index: QtCore.QModelIndex) -> TreeItem | None:
    model = proxy.sourceModel()
    if not isinstance(model, CollectionTreeModel) or not index.isValid():
        return None
    return model.item(proxy.mapToSource(index))


def expanded_paths(view: QtWidgets.QTreeView, proxy: CollectionFilterProxy) -> set[Path]:
    """Open collections and folders (only they can be open: requests have no children)."""
    model = proxy.sourceModel()
    if not isinstance(model, CollectionTreeModel):
        return set()
    paths: set[Path] = set()
    for item in model.container_items():
        index = proxy.mapFromSource(model.index_of_path(item.path))
        if index.isValid() and view.isExpanded(index):
            paths.add(item.path)
    return paths


def proxy_index(proxy: CollectionFilterProxy, path: Path) -> QtCore.QModelIndex:
    model = proxy.sourceModel()
    if not isinstance(model, CollectionTreeModel):
        return QtCore.QModelIndex()
    return proxy.mapFromSource(model.index_of_path(path))


def restore_expanded(view: QtWidgets.QTreeView, proxy: CollectionFilterProxy, paths: set[Path]) -> None:
    for path in sorted(paths, key=lambda p: len(p.parts)):
        index = proxy_index(proxy, path)
        if index.isValid():
            view.setExpanded(index, True)


def reveal_row(view: QtWidgets.QTreeView, proxy: CollectionFilterProxy, path: Path, scroll: bool = True) -> bool:
    """Select ``path``, opening the folders above it, and scroll to it (unless ``scroll`` is
    False: restoring the selection after a rescan must not move the view). False when not shown."""
    index = proxy_index(proxy, path)
    if not index.isValid():
        return False
    parent = index.parent()
    while parent.isValid():
        view.setExpanded(parent, True)
        parent = parent.parent()
    auto_scroll = view.hasAutoScroll()
    view.setAutoScroll(scroll and auto_scroll)
    try:
        view.setCurrentIndex(index)
    finally:
        view.setAutoScroll(auto_scroll)
    if scroll:
        view.scrollTo(index)
    return True
