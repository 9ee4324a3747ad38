"""A collection is a folder: subfolders are tree nodes, each ``*.ctct.toml`` file is a request.

``scan_collection`` builds a plain-Python tree (the UI wraps it in a thin QAbstractItemModel) and
never gives up on the whole folder because of one bad file: each malformed file becomes a
``LoadProblem`` with its path and reason, and the rest loads. Hidden entries (``.git``,
``.trash``, editor swap files) and the ``environments`` folder are not part of the tree. Each
folder is in the order its ``order.toml`` keeps (collection_order.py), else folders first by name.
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path

from ctct_desktop.core.migrations import migrate_document
from ctct_desktop.store import toml_text as t
from ctct_desktop.core.atomic import write_atomic
from ctct_desktop.store.collection_order import ORDER_FILE, apply_order, read_order
from ctct_desktop.store.collection_tidy import tidy_collection
from ctct_desktop.store.request_file import RequestFileError, SavedRequest, is_request_file, load_request

COLLECTION_FILE = "collection.toml"
ENVIRONMENTS_DIR = "environments"
CURRENT_COLLECTION_FORMAT = 1
COLLECTION_STEPS = "ctct_desktop.store.migrations.collection"


class NodeKind(str, Enum):
    FOLDER = "folder"
    REQUEST = "request"


@dataclass
class CollectionNode:
    kind: NodeKind
    name: str
    path: Path
    children: list[CollectionNode] = field(default_factory=list)
    saved: SavedRequest | None = None  # set for request nodes

    @property
    def is_folder(self) -> bool:
        return self.kind is NodeKind.FOLDER

    def walk(self) -> list[CollectionNode]:
        """This node and every node below it, depth first, in display order."""
        nodes = [self]
        for child in self.children:
            nodes += child.walk()
        return nodes

    def requests(self) -> list[CollectionNode]:
        return [n for n in self.walk() if n.kind is NodeKind.REQUEST]


@dataclass(frozen=True)
class LoadProblem:
    path: Path
    reason: str


@dataclass
class Collection:
    root: Path
    name: str
    variables: dict[str, str]
    tree: CollectionNode
    problems: list[LoadProblem] = field(default_factory=list)
    read_only: bool = False
    description: str = ""


def _sort_key(node: CollectionNode) -> tuple[int, str, str]:
    """Folders first, then by name ignoring case, ties by file name: stable on every platform."""
    return (0 if node.is_folder else 1, node.name.casefold(), node.path.name)


def _is_hidden(entry: os.DirEntry[str]) -> bool:
    return entry.name.startswith(".") or entry.name.endswith("~")


def _scan_folder(folder: Path, problems: list[LoadProblem], top: bool) -> list[CollectionNode]:
    try:
        entries = list(os.scandir(folder))
    except OSError as exc:
        problems.append(LoadProblem(folder, f"cannot be read: {exc.strerror or exc}"))
        return []
    nodes: list[CollectionNode] = []
    for entry in entries:
        if _is_hidden(entry) or (top and entry.name in (ENVIRONMENTS_DIR, COLLECTION_FILE)):
            continue
        path = Path(entry.path)
        if entry.is_dir(follow_symlinks=False):
            nodes.append(CollectionNode(NodeKind.FOLDER, entry.name, path,
                                        _scan_folder(path, problems, top=False)))
        elif is_request_file(path) and entry.is_file():
            try:
                saved = load_request(path)
            except RequestFileError as exc:
                problems.append(LoadProblem(path, exc.reason))
                continue
            nodes.append(CollectionNode(NodeKind.REQUEST, saved.name, path, saved=saved))
    order = read_order(folder)
    if order.problem:
        problems.append(LoadProblem(folder / ORDER_FILE, order.problem))
    return apply_order(sorted(nodes, key=_sort_key), order.names, lambda node: node.path.name)


@dataclass
class Manifest:
    """What collection.toml says (the folder name and no variables when it is absent)."""

    name: str
    description: str = ""
    variables: dict[str, str] = field(default_factory=dict)
    problems: list[LoadProblem] = field(default_factory=list)


def read_manifest(root: Path) -> Manifest:
    """Read collection.toml; a malformed one becomes a problem and defaults, never an exception."""
    manifest = root / COLLECTION_FILE
    if not manifest.is_file():
        return Manifest(root.name)
    problems: list[LoadProblem] = []
    try:
        parsed = tomllib.loads(manifest.read_text(encoding="utf-8"))
        data = migrate_document(parsed, COLLECTION_STEPS, CURRENT_COLLECTION_FORMAT, "collection file").document
        name = data.get("name", root.name)
        description = data.get("description", "")
        raw_vars = data.get("variables", {})
        if not isinstance(name, str) or not isinstance(description, str) or not isinstance(raw_vars, dict):
            raise ValueError("name and description must be text and [variables] a table")
        bad = sorted(k for k, v in raw_vars.items() if not isinstance(v, str))
        if bad:
            problems.append(LoadProblem(manifest, f"variables must be text; ignored: {', '.join(bad)}"))
        variables = {k: v for k, v in raw_vars.items() if isinstance(v, str)}
        return Manifest(name or root.name, description, variables, problems)
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError, ValueError) as exc:  # MigrationError too
        return Manifest(root.name, problems=[LoadProblem(manifest, str(exc))])


def scan_collection(root: Path | str, *, read_only: bool = False) -> Collection:
    """Load the whole folder; problems are collected, never raised. A writable collection is
    tidied first (collection_tidy: stale temp files of killed saves, its .gitignore)."""
    folder = Path(root)
    problems: list[LoadProblem] = []
    if not folder.is_dir():
        problems.append(LoadProblem(folder, "is not a folder (moved or deleted?)"))
        return Collection(folder, folder.name, {}, CollectionNode(NodeKind.FOLDER, folder.name, folder),
                          problems, read_only)
    if not read_only:
        tidy_collection(folder)  # what killed saves left behind
    manifest = read_manifest(folder)
    problems += manifest.problems
    tree = CollectionNode(NodeKind.FOLDER, manifest.name, folder, _scan_folder(folder, problems, top=True))
    return Collection(folder, manifest.name, manifest.variables, tree, problems, read_only, manifest.description)


def dump_manifest(name: str, variables: dict[str, str], description: str = "") -> str:
    lines = [t.line("format", t.number(CURRENT_COLLECTION_FORMAT)), t.line("name", t.text_value(name))]
    if description:
        lines.append(t.line("description", t.text_value(description, multiline=True)))
    lines += ["", "[variables]"] + [t.line(k, t.text_value(v)) for k, v in sorted(variables.items())]
    return "\n".join(lines) + "\n"


def create_collection(root: Path | str, name: str, variables: dict[str, str] | None = None) -> Collection:
    """Make (or adopt) a folder as a collection by writing its collection.toml."""
    folder = Path(root)
    write_atomic(folder / COLLECTION_FILE, dump_manifest(name, dict(variables or {})))
    return scan_collection(folder)  # which writes the .gitignore


def save_collection_variables(collection: Collection, variables: dict[str, str]) -> None:
    write_atomic(collection.root / COLLECTION_FILE,
                 dump_manifest(collection.name, variables, collection.description))


def _matches(node: CollectionNode, needle: str) -> bool:
    if needle in node.name.casefold():
        return True
    if node.saved is None:
        return False
    request = node.saved.request
    return needle in request.url.casefold() or needle in request.method.casefold()


def filter_tree(root: CollectionNode, text: str) -> CollectionNode | None:
    """The subtree the filter box shows: matching requests (name, URL or method) and their folders.

    A folder below the root whose own name matches keeps all its children. Returns None when
    nothing matches; an empty filter returns the tree unchanged.
    """
    needle = text.strip().casefold()
    if not needle:
        return root
    kept = [c for c in (_filtered(child, needle) for child in root.children) if c is not None]
    return CollectionNode(root.kind, root.name, root.path, kept, root.saved) if kept else None


def _filtered(node: CollectionNode, needle: str) -> CollectionNode | None:
    if node.kind is NodeKind.REQUEST:
        return node if _matches(node, needle) else None
    if needle in node.name.casefold():
        return node
    kept = [c for c in (_filtered(child, needle) for child in node.children) if c is not None]
    return CollectionNode(node.kind, node.name, node.path, kept, node.saved) if kept else None
