"""The order of a folder's entries, kept in the folder's ``order.toml`` (never the file system's).

A collection runs (and its tree shows) each folder in this order: the entries the file names
come first, as listed; entries it does not name (new files, files copied in by git) follow in
the default order (folders first, then by name); names that no longer exist are ignored. Only a
move writes the file, so a folder nobody reordered has none and a diff shows only real changes.

```toml
format = 1
order = ["Create list.ctct.toml", "Contacts", "Get list.ctct.toml"]
```
"""

from __future__ import annotations

import os
import tomllib
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar

from ctct_desktop.core.atomic import write_atomic
from ctct_desktop.core.migrations import migrate_document
from ctct_desktop.store import toml_text as t

ORDER_FILE = "order.toml"
CURRENT_ORDER_FORMAT = 1
ORDER_STEPS = "ctct_desktop.store.migrations.order"
_TOP_ONLY = ("environments", "collection.toml")  # the collection root's own entries, not tree nodes
_REQUEST_SUFFIX = ".ctct.toml"

T = TypeVar("T")


class OrderError(Exception):
    """A move that cannot be done; the message is for the user."""


@dataclass(frozen=True)
class FolderOrder:
    names: tuple[str, ...] = ()
    problem: str = ""  # why the file was ignored (malformed, newer), for the collection's problems


def read_order(folder: Path) -> FolderOrder:
    """The folder's order; a missing file is no order, a malformed one is reported and ignored."""
    path = folder / ORDER_FILE
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return FolderOrder()
    except (OSError, UnicodeDecodeError) as exc:
        return FolderOrder(problem=f"cannot be read: {exc}")
    try:
        data = migrate_document(tomllib.loads(text), ORDER_STEPS, CURRENT_ORDER_FORMAT, "order file").document
        names = data.get("order", [])
        if not isinstance(names, list) or not all(isinstance(n, str) for n in names):
            raise ValueError("'order' must be a list of file and folder names")
    except (tomllib.TOMLDecodeError, ValueError) as exc:  # a MigrationError is a ValueError
        return FolderOrder(problem=f"ignored: {exc}")
    return FolderOrder(tuple(dict.fromkeys(names)))


def apply_order(items: Sequence[T], order: Sequence[str], name_of: Callable[[T], str]) -> list[T]:
    """``items`` (already in the default order) with those ``order`` names first, as listed."""
    by_name = {name_of(item): item for item in items}
    first = [by_name[name] for name in order if name in by_name]
    listed = set(order)
    return first + [item for item in items if name_of(item) not in listed]


def dump_order(names: Sequence[str]) -> str:
    rows = [f"  {t.basic_string(name)}," for name in names]
    return "\n".join([t.line("format", t.number(CURRENT_ORDER_FORMAT)), "order = [", *rows, "]"]) + "\n"


def write_order(folder: Path, names: Sequence[str]) -> None:
    write_atomic(folder / ORDER_FILE, dump_order(list(dict.fromkeys(names))))


def _default_key(path: Path) -> tuple[int, str, str]:
    """The scan's default order (collection.py): folders first, then by name ignoring case."""
    name = path.name[: -len(_REQUEST_SUFFIX)] if path.name.endswith(_REQUEST_SUFFIX) else path.name
    return (0 if path.is_dir() else 1, name.casefold(), path.name)


def folder_entries(folder: Path) -> list[Path]:
    """The tree entries of ``folder`` in its current order (what the tree shows and a run runs)."""
    top = (folder / "collection.toml").is_file()
    found = []
    for entry in os.scandir(folder):
        if entry.name.startswith(".") or entry.name.endswith("~") or (top and entry.name in _TOP_ONLY):
            continue
        if entry.is_dir(follow_symlinks=False) or (entry.name.endswith(_REQUEST_SUFFIX) and entry.is_file()):
            found.append(Path(entry.path))
    found.sort(key=_default_key)
    return apply_order(found, read_order(folder).names, lambda p: p.name)


def move(entry: Path, index: int) -> None:
    """Put ``entry`` at ``index`` (0 = first; past the end = last) among its folder's entries, and
    write the folder's order. The tree's drag to reorder calls this."""
    folder = entry.parent
    try:
        names = [p.name for p in folder_entries(folder)]
    except OSError as exc:
        raise OrderError(f"{folder} cannot be read: {exc.strerror or exc}") from None
    if entry.name not in names:
        raise OrderError(f"{entry.name} is not an entry of {folder.name}")
    names.remove(entry.name)
    names.insert(max(0, min(index, len(names))), entry.name)
    try:
        write_order(folder, names)
    except OSError as exc:
        raise OrderError(f"The order of {folder.name} could not be saved: {exc.strerror or exc}") from None


def rename_in_order(folder: Path, old: str, new: str) -> None:
    """A renamed entry keeps its place (only when the folder has an order file)."""
    order = read_order(folder)
    if old in order.names and not order.problem:
        write_order(folder, [new if name == old else name for name in order.names])
