"""The filter box's proxy: keeps requests whose name, URL or method contains the text.

Same rule as ``store.collection.filter_tree``: a folder whose own name matches keeps all its
children, and recursive filtering keeps the folders above every match so it stays in context.
"""

from __future__ import annotations

from PySide6 import QtCore

from ctct_desktop.ui.collections_view.items import ItemKind, TreeItem
from ctct_desktop.ui.collections_view.tree_model import CollectionTreeModel


def item_matches(item: TreeItem, needle: str) -> bool:
    """``needle`` is already case-folded and stripped."""
    if item.kind is ItemKind.COLLECTION:
        return False  # a collection shows when something inside it matches
    if needle in item.name.casefold():
        return True
    if item.saved is None:
        return False
    request = item.saved.request
    return needle in request.url.casefold() or needle in request.method.casefold()


def _inside_matching_folder(item: TreeItem, needle: str) -> bool:
    parent = item.parent
    while parent is not None and parent.kind is ItemKind.FOLDER:
        if needle in parent.name.casefold():
            return True
        parent = parent.parent
    return False


class CollectionFilterProxy(QtCore.QSortFilterProxyModel):
    def __init__(self, parent: QtCore.QObject | None = None) -> None:
        super().__init__(parent)
        self.setRecursiveFilteringEnabled(True)
        self.setDynamicSortFilter(False)  # the store already sorts; keep its order
        self._needle = ""

    @property
    def filter_text(self) -> str:
        return self._needle

    def set_filter_text(self, text: str) -> None:
        needle = text.strip().casefold()
        if needle == self._needle:
            return
        if hasattr(self, "endFilterChange"):  # Qt 6.10+: invalidateFilter is deprecated
            self.beginFilterChange()
            self._needle = needle
            self.endFilterChange(QtCore.QSortFilterProxyModel.Direction.Rows)
        else:
            self._needle = needle
            self.invalidateFilter()

    def filterAcceptsRow(self, source_row: int,
                         source_parent: QtCore.QModelIndex | QtCore.QPersistentModelIndex) -> bool:
        if not self._needle:
            return True
        model = self.sourceModel()
        if not isinstance(model, CollectionTreeModel):
            return True
        item = model.item(model.index(source_row, 0, source_parent))
        if item is None:
            return False
        return item_matches(item, self._needle) or _inside_matching_folder(item, self._needle)
