"""What a run runs: the requests of a collection, a folder of it, or one file, in the kept order.

The collection (for its variables and environments) is the nearest folder at or above PATH with
a ``collection.toml``; a folder without one runs as a collection of its own. Nothing is written
while reading (the scan is read-only: a run never tidies the user's folder).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ctct_desktop.store.collection import COLLECTION_FILE, CollectionNode, read_manifest, scan_collection
from ctct_desktop.store.request_file import RequestFileError, SavedRequest, is_request_file, load_request


class RunInputError(ValueError):
    """What to run cannot be read (a missing path, a data file that is not a table); plain words."""


@dataclass(frozen=True)
class RunItem:
    """One request of the run; ``name`` is its place in the tree ("Contacts / Create contact")."""

    name: str
    path: Path
    saved: SavedRequest


@dataclass(frozen=True)
class RunSource:
    title: str
    root: Path | None  # the collection folder, for its environments
    variables: dict[str, str]
    items: tuple[RunItem, ...]
    problems: tuple[str, ...] = ()  # files that cannot be read, check lines that do not parse


def find_collection_root(start: Path) -> Path | None:
    """The nearest folder at or above ``start`` holding a collection.toml."""
    folder = start if start.is_dir() else start.parent
    for candidate in [folder, *folder.parents]:
        if (candidate / COLLECTION_FILE).is_file():
            return candidate
    return None


def _find(node: CollectionNode, wanted: Path) -> CollectionNode | None:
    if node.path.resolve() == wanted:
        return node
    for child in node.children:
        if child.is_folder:
            found = _find(child, wanted)
            if found is not None:
                return found
    return None


def _label(path: Path, root: Path) -> str:
    parts = list(path.relative_to(root).parts)
    if parts and parts[-1].endswith(".ctct.toml"):
        parts[-1] = parts[-1][: -len(".ctct.toml")]
    return " / ".join(parts)


def _check_problems(items: list[RunItem]) -> list[str]:
    return [f"{item.path}: {problem}" for item in items for problem in item.saved.check_problems]


def _one_file(path: Path, root: Path | None) -> RunSource:
    try:
        saved = load_request(path)
    except RequestFileError as exc:
        raise RunInputError(str(exc)) from None
    manifest = read_manifest(root) if root is not None else None
    item = RunItem(saved.name, path, saved)
    problems = [f"{p.path}: {p.reason}" for p in manifest.problems] if manifest else []
    return RunSource(saved.name, root, dict(manifest.variables) if manifest else {}, (item,),
                     tuple(problems + _check_problems([item])))


def load_source(target: Path) -> RunSource:
    """The requests under ``target`` in run order; RunInputError when it is not something to run."""
    if not target.exists():
        raise RunInputError(f"{target}: no such file or folder")
    root = find_collection_root(target.resolve())
    if target.is_file():
        if not is_request_file(target):
            raise RunInputError(f"{target}: not a request file (NAME.ctct.toml) or a collection folder")
        return _one_file(target, root)
    base = root or target.resolve()
    collection = scan_collection(base, read_only=True)
    node = _find(collection.tree, target.resolve())
    if node is None:
        raise RunInputError(f"{target}: not part of the collection at {base} (hidden, or its environments)")
    items = [RunItem(_label(n.path, base), n.path, n.saved) for n in node.requests() if n.saved is not None]
    title = collection.name if node is collection.tree else f"{collection.name} / {_label(node.path, base)}"
    problems = [f"{p.path}: {p.reason}" for p in collection.problems if _under(p.path, node.path)]
    return RunSource(title, base, dict(collection.variables), tuple(items),
                     tuple(problems + _check_problems(items)))


def _under(path: Path, folder: Path) -> bool:
    try:
        path.resolve().relative_to(folder.resolve())
    except ValueError:
        return path.name == COLLECTION_FILE
    return True
