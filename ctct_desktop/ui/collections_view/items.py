"""The plain-Python rows the collection tree shows, built from scanned collections.

The Qt model only adapts these: each ``TreeItem`` knows its parent, its children and the
collection it belongs to, so questions like "is this read-only?" or "which collection does a
drop land in?" are answered without Qt. Problem rows (a malformed file) sit under their
collection, after its requests.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path

from ctct_desktop.store.collection import Collection, CollectionNode, LoadProblem, NodeKind
from ctct_desktop.store.request_file import SavedRequest
from ctct_desktop.tickets.model import EXCHANGES_DIR, TICKET_FILE


class ItemKind(str, Enum):
    COLLECTION = "collection"
    FOLDER = "folder"
    REQUEST = "request"
    PROBLEM = "problem"


@dataclass(eq=False)
class TreeItem:
    kind: ItemKind
    name: str
    path: Path
    collection: Collection = field(repr=False)
    parent: TreeItem | None = field(default=None, repr=False)
    children: list[TreeItem] = field(default_factory=list, repr=False)
    saved: SavedRequest | None = field(default=None, repr=False)
    problem: LoadProblem | None = None
    row: int = 0  # position among its parent's children (the lists never change after building)
    ticket: bool = False  # a folder holding ticket.toml: a support case, opened in the ticket view

    @property
    def read_only(self) -> bool:
        return self.collection.read_only

    @property
    def is_container(self) -> bool:
        """Something a request or folder can be created in or dropped into."""
        return self.kind in (ItemKind.COLLECTION, ItemKind.FOLDER)

    def container(self) -> TreeItem:
        """This item when it can hold children, else its parent (where "New request" goes)."""
        item: TreeItem = self
        while not item.is_container and item.parent is not None:
            item = item.parent
        return item

    def walk(self) -> list[TreeItem]:
        found = [self]
        for child in self.children:
            found += child.walk()
        return found


def set_children(item: TreeItem, children: list[TreeItem]) -> None:
    for position, child in enumerate(children):
        child.row = position
    item.children = children


def _node_item(node: CollectionNode, collection: Collection, parent: TreeItem) -> TreeItem:
    kind = ItemKind.FOLDER if node.kind is NodeKind.FOLDER else ItemKind.REQUEST
    item = TreeItem(kind, node.name, node.path, collection, parent, saved=node.saved,
                    ticket=kind is ItemKind.FOLDER and (node.path / TICKET_FILE).is_file())
    children = node.children
    if item.ticket:  # its recorded exchanges are the ticket view's to show, not an empty folder's
        children = [c for c in children if not (c.is_folder and c.name == EXCHANGES_DIR and not c.requests())]
    set_children(item, [_node_item(child, collection, item) for child in children])
    return item


def problem_label(problem: LoadProblem, root: Path) -> str:
    try:
        where = problem.path.relative_to(root).as_posix() or problem.path.name
    except ValueError:
        where = str(problem.path)
    return f"{where}: {problem.reason}"


def collection_item(collection: Collection, parent: TreeItem) -> TreeItem:
    """One top-level row: the collection, its tree, then a warning row per problem."""
    item = TreeItem(ItemKind.COLLECTION, collection.name, collection.root, collection, parent)
    children = [_node_item(child, collection, item) for child in collection.tree.children]
    children += [TreeItem(ItemKind.PROBLEM, problem_label(p, collection.root), p.path, collection, item,
                          problem=p) for p in collection.problems]
    set_children(item, children)
    return item


def invisible_root() -> TreeItem:
    """The parent of the top-level rows (never shown)."""
    placeholder = Collection(Path(), "", {}, CollectionNode(NodeKind.FOLDER, "", Path()))
    return TreeItem(ItemKind.COLLECTION, "", Path(), placeholder)


def path_index(root: TreeItem) -> dict[Path, TreeItem]:
    """Every collection, folder and request row by its path (problem rows excluded)."""
    return {item.path: item for item in root.walk() if item is not root and item.kind is not ItemKind.PROBLEM}
