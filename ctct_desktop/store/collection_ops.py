"""Tree operations on a collection folder: new, rename, duplicate, delete, move.

Pure filesystem functions, so the tree view, drag and drop and tests share one behaviour. They
raise ``CollectionError`` with a message for the user and never leave a half-written file:
request files go through ``write_atomic`` and folders move with one ``os.replace``/``rename``.
"""

from __future__ import annotations

import os
import re
import shutil
from dataclasses import replace
from datetime import datetime, timezone
from pathlib import Path

from ctct_desktop.core.models import RequestModel
from ctct_desktop.store.collection_order import rename_in_order
from ctct_desktop.store.request_file import (
    REQUEST_SUFFIX,
    RequestFileError,
    SavedRequest,
    is_request_file,
    load_request,
    request_name_from_path,
    save_request,
)

TRASH_DIR = ".trash"
MAX_NAME_LENGTH = 120
_FORBIDDEN_RE = re.compile(r'[\x00-\x1f\x7f/\\:*?"<>|]')
_WINDOWS_RESERVED = {"con", "prn", "aux", "nul", *(f"com{i}" for i in range(1, 10)),
                     *(f"lpt{i}" for i in range(1, 10))}


class CollectionError(Exception):
    """An operation the user asked for cannot be done; the message says why in plain words."""


def check_name(name: str) -> str:
    """Return the trimmed name, or raise with the reason it cannot be a file or folder name."""
    cleaned = name.strip()
    if not cleaned:
        raise CollectionError("The name is empty.")
    if cleaned.startswith("."):
        raise CollectionError("A name cannot start with a dot (such files are hidden).")
    if _FORBIDDEN_RE.search(cleaned):
        raise CollectionError('A name cannot contain / \\ : * ? " < > | or control characters.')
    if cleaned.endswith(".") or cleaned.lower().split(".")[0] in _WINDOWS_RESERVED:
        raise CollectionError(f"'{cleaned}' is not a valid file name on every system; choose another.")
    if len(cleaned) > MAX_NAME_LENGTH:
        raise CollectionError(f"The name is longer than {MAX_NAME_LENGTH} characters.")
    return cleaned


def _ensure_writable(path: Path) -> None:
    from ctct_desktop.resources import resources_dir

    try:
        templates = (resources_dir() / "templates").resolve()
    except FileNotFoundError:
        return
    if path.resolve().is_relative_to(templates):
        raise CollectionError("The built-in templates are read-only; use “Save as…” to copy one into "
                              "your collection.")


def _free(path: Path) -> Path:
    if path.exists() or path.is_symlink():
        raise CollectionError(f"'{path.name}' already exists in {path.parent}.")
    return path


def request_path(folder: Path, name: str) -> Path:
    return folder / f"{check_name(name)}{REQUEST_SUFFIX}"


def new_request(folder: Path, name: str, request: RequestModel | None = None,
                description: str = "") -> Path:
    """Create ``NAME.ctct.toml`` in ``folder`` (also used by "Save as…" from a template)."""
    _ensure_writable(folder)
    target = _free(request_path(folder, name))
    save_request(target, SavedRequest(check_name(name), description, request or RequestModel()))
    return target


def new_folder(parent: Path, name: str) -> Path:
    _ensure_writable(parent)
    target = _free(parent / check_name(name))
    target.mkdir(parents=True)
    return target


def _load(path: Path) -> SavedRequest:
    try:
        return load_request(path)
    except RequestFileError as exc:
        raise CollectionError(f"{path.name} cannot be read: {exc.reason}") from None


def rename(path: Path, new_name: str) -> Path:
    """Rename a folder, or a request (its file and the ``name`` inside it)."""
    _ensure_writable(path)
    if path.is_dir():
        target = _free(path.parent / check_name(new_name))
        path.rename(target)
        rename_in_order(path.parent, path.name, target.name)
        return target
    saved = _load(path)
    target = request_path(path.parent, new_name)
    if target.name.casefold() != path.name.casefold():
        _free(target)
    save_request(path, replace(saved, name=check_name(new_name)))  # the name inside, atomically
    if target.name != path.name:
        os.rename(path, target)  # then the file name, atomically (a case-only change works too)
        rename_in_order(path.parent, path.name, target.name)
    return target


def _copy_name(folder: Path, stem: str, is_request: bool) -> str:
    """``Name copy``, ``Name copy 2``, ... whichever is free first."""
    for n in range(1, 10_000):
        candidate = f"{stem} copy" if n == 1 else f"{stem} copy {n}"
        taken = folder / (candidate + REQUEST_SUFFIX if is_request else candidate)
        if not taken.exists():
            return candidate
    raise CollectionError("Too many copies already exist.")


def free_request_name(folder: Path, wanted: str) -> str:
    """``wanted`` if no request has that name in ``folder``, else ``wanted copy``, ``wanted copy 2``...

    "Save as…" from a template uses it to propose a name that will not collide.
    """
    name = check_name(wanted)
    if not (folder / f"{name}{REQUEST_SUFFIX}").exists():
        return name
    return _copy_name(folder, name, is_request=True)


def duplicate(path: Path) -> Path:
    """Copy a request (with a fresh name inside) or a whole folder next to the original."""
    _ensure_writable(path.parent)
    if path.is_dir():
        target = path.parent / _copy_name(path.parent, path.name, is_request=False)
        shutil.copytree(path, target, symlinks=True)
        return target
    saved = _load(path)
    name = _copy_name(path.parent, request_name_from_path(path), is_request=True)
    target = request_path(path.parent, name)
    save_request(target, replace(saved, name=name, path=None))
    return target


def move(path: Path, new_parent: Path) -> Path:
    """Drag and drop: move a request or folder into another folder of the same collection."""
    _ensure_writable(path)
    _ensure_writable(new_parent)
    if not new_parent.is_dir():
        raise CollectionError(f"{new_parent} is not a folder.")
    if path.is_dir() and new_parent.resolve().is_relative_to(path.resolve()):
        raise CollectionError("A folder cannot be moved into itself.")
    if path.parent.resolve() == new_parent.resolve():
        return path
    target = _free(new_parent / path.name)
    os.rename(path, target)
    return target


def delete_to_trash(collection_root: Path, path: Path) -> Path:
    """Move to the collection's ``.trash`` folder (ignored by git); returns where it went."""
    _ensure_writable(path)
    trash = collection_root / TRASH_DIR
    trash.mkdir(exist_ok=True)
    ignore = trash / ".gitignore"
    if not ignore.exists():
        ignore.write_text("*\n", encoding="utf-8")
    stamp = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%S%f")
    target = trash / f"{stamp} {path.name}"
    os.rename(path, target)
    return target


def restore_from_trash(trashed: Path, original: Path) -> Path:
    """Undo a delete_to_trash (the UI's Undo)."""
    _free(original)
    original.parent.mkdir(parents=True, exist_ok=True)
    os.rename(trashed, original)
    return original


def delete_permanently(path: Path) -> None:
    """Delete for good; the caller has asked the user to confirm."""
    _ensure_writable(path)
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path)
    else:
        path.unlink()


def is_tree_entry(path: Path) -> bool:
    return path.is_dir() or is_request_file(path)
