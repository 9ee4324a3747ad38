"""The collections pane: Templates and the user's collections as a tree, with its commands."""

from __future__ import annotations

from ctct_desktop.ui.collections_view.panel import CollectionsPanel
from ctct_desktop.ui.collections_view.tree_model import CollectionTreeModel, CopyRequest, PathChange, TreeChange

__all__ = ["CollectionTreeModel", "CollectionsPanel", "CopyRequest", "PathChange", "TreeChange"]
