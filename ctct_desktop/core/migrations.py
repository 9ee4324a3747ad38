"""The one way every persisted format is upgraded: step modules named after the version they upgrade from.

Each format has a package of steps (``ctct_desktop.store.migrations.request`` and so on):
``v0.py`` turns format 0 into format 1, ``v1.py`` turns 1 into 2, and so on (the HTTPie
convention). A step module holds one function, ``upgrade``, and never changes once released, so a
file of any age reads in any later version.

Documents (JSON or TOML files parsed into a dict) keep their version under the one key
``format``; a document without it is version 0 (written before the number existed, or by hand).
A document step is ``upgrade(document) -> document`` and stamps the version it produces.

SQLite databases keep their version in ``PRAGMA user_version``: that is the schema's version key.
A schema step is ``upgrade(conn) -> None``; all steps of one upgrade run in one transaction, and the
runner stamps the new version, so a crash mid-way leaves the old version intact.

This module is the bottom layer: it imports step packages by name and never the layers above.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import sqlite3  # the schema helpers take a connection; the file formats never need sqlite3

FORMAT_KEY = "format"


class MigrationError(ValueError):
    """Data that cannot be brought to the current format; the message is plain words for the user."""


class NewerFormatError(MigrationError):
    """Written by a newer version of the program than this one."""

    def __init__(self, label: str, found: int, current: int) -> None:
        super().__init__(f"the {label} was written by a newer CTCT Desktop (format {found}; "
                         f"this one reads up to {current})")
        self.found = found
        self.current = current


class InvalidVersionError(MigrationError):
    """The version value is not a whole number of zero or more."""


class MissingStepError(MigrationError):
    """No step module exists to upgrade from some version (a gap in the package)."""


@dataclass(frozen=True)
class Migrated:
    """A document in the current format, the version it was found at, and what was done to it."""

    document: dict[str, Any]
    found: int
    notes: tuple[str, ...] = ()


@dataclass(frozen=True)
class SchemaMigrated:
    """The version a database was found at and what was done to it."""

    found: int
    notes: tuple[str, ...] = ()


def check_version(value: object, label: str, where: str = f"'{FORMAT_KEY}'") -> int:
    """The version as an int; InvalidVersionError for a bool, a non-integer or a negative number."""
    if isinstance(value, bool):
        raise InvalidVersionError(f"the {label}'s {where} must be a whole number, not true/false")
    if not isinstance(value, int):
        shown = repr(value)
        shown = shown if len(shown) <= 40 else shown[:37] + "..."
        raise InvalidVersionError(f"the {label}'s {where} must be a whole number, not {shown}")
    if value < 0:
        raise InvalidVersionError(f"the {label}'s {where} {value} is not a valid format number")
    return value


def read_version(document: Mapping[str, object], label: str) -> int:
    """The document's version under ``format``; a document without the key is version 0."""
    return check_version(document.get(FORMAT_KEY, 0), label)


def _refuse_newer(found: int, current: int, label: str) -> None:
    if found > current:
        raise NewerFormatError(label, found, current)


def _step(package: str, version: int, label: str) -> Callable[..., object]:
    """The ``upgrade`` function of ``<package>.v<version>``; MissingStepError when there is none."""
    name = f"{package}.v{version}"
    try:
        module = importlib.import_module(name)
    except ModuleNotFoundError as exc:
        if exc.name is None or not (name == exc.name or name.startswith(exc.name + ".")):
            raise  # the step exists but one of its own imports is missing: a bug, not a gap
        raise MissingStepError(f"the {label} is at format {version}, and no upgrade from it exists "
                               f"(module {name} is missing)") from None
    upgrade: object = getattr(module, "upgrade", None)
    if not callable(upgrade):
        raise MissingStepError(f"the {label} cannot be upgraded from format {version} "
                               f"({name} has no upgrade function)")
    return upgrade


def _notes(found: int, current: int) -> tuple[str, ...]:
    return (f"upgraded from format {found} to {current}",) if found < current else ()


def number_from_old_key(document: Mapping[str, Any], old_key: str, what: str, why: str = "") -> dict[str, Any]:
    """A v0 step for files that kept format 1's number under ``old_key`` (only 1 was ever written
    there; a file with no number at all is read as format 1 too): stamp ``format`` = 1, refusing
    any other old value. ``what`` names the file in the refusal, ``why`` may add a reason."""
    old = document.get(old_key, 1)
    if isinstance(old, bool) or old != 1:
        raise MigrationError(f"{what}'s '{old_key}' is {old!r}; only 1 was ever written under that key{why}")
    return {**document, FORMAT_KEY: 1}


def migrate_document(document: Mapping[str, Any], package: str, current: int, label: str) -> Migrated:
    """Bring ``document`` to format ``current`` through the steps in ``package``.

    ``label`` names the file in messages ("request file", "settings file"). Raises a
    MigrationError subclass with a plain message; the caller's document is not changed.
    """
    found = read_version(document, label)
    _refuse_newer(found, current, label)
    steps = [_step(package, version, label) for version in range(found, current)]
    upgraded: dict[str, Any] = dict(document)
    for version, upgrade in enumerate(steps, start=found):
        result = upgrade(dict(upgraded))
        if not isinstance(result, dict) or result.get(FORMAT_KEY) != version + 1:
            raise MigrationError(f"the {label} could not be upgraded: {package}.v{version} did not "
                                 f"produce a format {version + 1} document")
        upgraded = result
    return Migrated(upgraded, found, _notes(found, current))


def schema_version(conn: sqlite3.Connection) -> int:
    """The database's ``PRAGMA user_version`` (0 for a new, empty database)."""
    return int(conn.execute("PRAGMA user_version").fetchone()[0])


def migrate_schema(conn: sqlite3.Connection, package: str, current: int, label: str) -> SchemaMigrated:
    """Bring the database to version ``current`` through the steps in ``package``, in one transaction.

    ``conn`` must be in autocommit mode (``isolation_level=None``) and outside a transaction.
    The version key is ``PRAGMA user_version``. Raises a MigrationError subclass with a plain
    message (the database unchanged); a failing step's own error propagates after a rollback.
    """
    found = check_version(schema_version(conn), label, "version (PRAGMA user_version)")
    _refuse_newer(found, current, label)
    if found == current:
        return SchemaMigrated(found)
    steps = [_step(package, version, label) for version in range(found, current)]
    conn.execute("BEGIN IMMEDIATE")
    try:
        for upgrade in steps:
            upgrade(conn)
        conn.execute(f"PRAGMA user_version = {int(current)}")
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    return SchemaMigrated(found, _notes(found, current))
