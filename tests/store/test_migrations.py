"""The one migration runner (core/migrations.py), and every format's reader refusing what it cannot read.

The runner's unit tests use the step packages in tests/store/migration_steps/. The table at the
end writes each format's file with a newer and with a bad version and checks the current reader
refuses it in plain words (the oldest versions of each format are tested next to its other tests).
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest

from ctct_desktop.core.migrations import (
    FORMAT_KEY,
    InvalidVersionError,
    MigrationError,
    MissingStepError,
    NewerFormatError,
    migrate_document,
    migrate_schema,
    read_version,
    schema_version,
)

STEPS = "tests.store.migration_steps"


# ---------------------------------------------------------------- documents

def test_steps_run_in_order_from_the_version_found() -> None:
    migrated = migrate_document({"x": 1}, f"{STEPS}.ordered", 3, "test file")
    assert migrated.document == {"x": 1, "trail": [0, 1, 2], FORMAT_KEY: 3}
    assert migrated.found == 0 and migrated.notes == ("upgraded from format 0 to 3",)
    later = migrate_document({FORMAT_KEY: 1}, f"{STEPS}.ordered", 3, "test file")
    assert later.document["trail"] == [1, 2] and later.notes == ("upgraded from format 1 to 3",)


def test_a_current_document_is_returned_as_it_is_without_notes() -> None:
    document = {FORMAT_KEY: 3, "x": [1]}
    migrated = migrate_document(document, f"{STEPS}.ordered", 3, "test file")
    assert migrated.document == document and migrated.found == 3 and migrated.notes == ()


def test_the_callers_document_is_not_changed() -> None:
    document = {"trail": [9]}
    migrate_document(document, f"{STEPS}.ordered", 3, "test file")
    assert document == {"trail": [9]}


def test_a_missing_key_is_version_zero() -> None:
    assert read_version({}, "test file") == 0
    assert read_version({FORMAT_KEY: 4}, "test file") == 4


def test_a_newer_document_is_refused_in_plain_words() -> None:
    with pytest.raises(NewerFormatError) as caught:
        migrate_document({FORMAT_KEY: 5}, f"{STEPS}.ordered", 3, "test file")
    assert str(caught.value) == ("the test file was written by a newer CTCT Desktop (format 5; "
                                 "this one reads up to 3)")
    assert (caught.value.found, caught.value.current) == (5, 3)


@pytest.mark.parametrize(("value", "words"), [
    (True, "must be a whole number, not true/false"),
    (False, "must be a whole number, not true/false"),
    ("1", "must be a whole number, not '1'"),
    (1.0, "must be a whole number, not 1.0"),
    (None, "must be a whole number, not None"),
    ([1], "must be a whole number, not [1]"),
    ("x" * 500, "..."),
    (-1, "'format' -1 is not a valid format number"),
])
def test_a_bad_version_value_is_refused(value: object, words: str) -> None:
    with pytest.raises(InvalidVersionError) as caught:
        migrate_document({FORMAT_KEY: value}, f"{STEPS}.ordered", 3, "test file")
    assert words in str(caught.value) and str(caught.value).startswith("the test file's 'format'")
    assert len(str(caught.value)) < 120  # a huge value is not echoed whole


def test_a_missing_step_module_is_a_clear_error_before_any_step_runs() -> None:
    with pytest.raises(MissingStepError, match=r"no upgrade from it exists \(module "
                                               r"tests\.store\.migration_steps\.gap\.v1 is missing\)"):
        migrate_document({}, f"{STEPS}.gap", 2, "test file")
    with pytest.raises(MissingStepError, match="no_such_package.v0 is missing"):
        migrate_document({}, f"{STEPS}.no_such_package", 1, "test file")


def test_a_step_that_does_not_stamp_its_version_is_an_error() -> None:
    with pytest.raises(MigrationError, match="unstamped.v0 did not produce a format 1 document"):
        migrate_document({}, f"{STEPS}.unstamped", 1, "test file")


def test_a_step_with_a_broken_import_surfaces_as_that_error() -> None:
    """Only a missing *step* is a gap; a step whose own import fails is a bug and says so."""
    with pytest.raises(ModuleNotFoundError, match="ctct_desktop_module_that_does_not_exist"):
        migrate_document({}, f"{STEPS}.broken_import", 1, "test file")


def test_the_errors_are_value_errors_so_readers_report_them_like_any_bad_content() -> None:
    assert issubclass(MigrationError, ValueError)
    assert all(issubclass(kind, MigrationError) for kind in (NewerFormatError, InvalidVersionError, MissingStepError))


# ---------------------------------------------------------------- SQLite schemas

def _memory() -> sqlite3.Connection:
    return sqlite3.connect(":memory:", isolation_level=None)


def _tables(conn: sqlite3.Connection) -> list[str]:
    return [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")]


def test_schema_steps_run_in_order_and_stamp_user_version() -> None:
    conn = _memory()
    migrated = migrate_schema(conn, f"{STEPS}.schema", 2, "test database")
    assert (migrated.found, migrated.notes) == (0, ("upgraded from format 0 to 2",))
    assert _tables(conn) == ["t0", "t1"] and schema_version(conn) == 2
    again = migrate_schema(conn, f"{STEPS}.schema", 2, "test database")
    assert (again.found, again.notes) == (2, ())


def test_schema_upgrade_starts_at_the_version_found() -> None:
    conn = _memory()
    conn.execute("PRAGMA user_version = 1")
    migrate_schema(conn, f"{STEPS}.schema", 2, "test database")
    assert _tables(conn) == ["t1"]


def test_a_newer_schema_is_refused_and_left_alone() -> None:
    conn = _memory()
    conn.execute("PRAGMA user_version = 7")
    with pytest.raises(NewerFormatError, match=r"test database was written by a newer CTCT Desktop "
                                               r"\(format 7; this one reads up to 2\)"):
        migrate_schema(conn, f"{STEPS}.schema", 2, "test database")
    assert schema_version(conn) == 7 and _tables(conn) == []


def test_a_negative_user_version_is_refused() -> None:
    conn = _memory()
    conn.execute("PRAGMA user_version = -3")
    with pytest.raises(InvalidVersionError, match=r"PRAGMA user_version\) -3 is not a valid format number"):
        migrate_schema(conn, f"{STEPS}.schema", 2, "test database")


def test_a_missing_schema_step_changes_nothing() -> None:
    conn = _memory()
    with pytest.raises(MissingStepError, match="schema.v2 is missing"):
        migrate_schema(conn, f"{STEPS}.schema", 3, "test database")
    assert _tables(conn) == [] and schema_version(conn) == 0 and not conn.in_transaction


def test_a_failing_schema_step_leaves_the_old_version(tmp_path: Path) -> None:
    conn = sqlite3.connect(tmp_path / "m.sqlite3", isolation_level=None)
    with pytest.raises(RuntimeError, match="step failed"):
        migrate_schema(conn, f"{STEPS}.schema_failing", 1, "test database")
    assert schema_version(conn) == 0 and _tables(conn) == [] and not conn.in_transaction


# ---------------------------------------------------------------- every format refuses what it cannot read

def _toml(value: object) -> str:
    return json.dumps(value)  # a JSON scalar is the same TOML scalar (true, "1", -1, 1.5)


def _request(tmp_path: Path, value: object) -> str:
    from ctct_desktop.store.request_file import RequestFileError, parse_request

    with pytest.raises(RequestFileError) as caught:
        parse_request(f"format = {_toml(value)}\n")
    return caught.value.reason


def _collection(tmp_path: Path, value: object) -> str:
    from ctct_desktop.store.collection import read_manifest

    (tmp_path / "collection.toml").write_text(f'format = {_toml(value)}\nname = "X"\n', encoding="utf-8")
    manifest = read_manifest(tmp_path)
    assert manifest.name == tmp_path.name  # refused whole: the folder name and no variables
    return manifest.problems[0].reason


def _environment(tmp_path: Path, value: object) -> str:
    from ctct_desktop.store.environment import EnvironmentFileError, parse_environment

    with pytest.raises(EnvironmentFileError) as caught:
        parse_environment(f'format = {_toml(value)}\nname = "E"\n', Path("E.toml"))
    return str(caught.value)


def _settings(tmp_path: Path, value: object) -> str:
    from ctct_desktop.store.settings import settings_from_dict

    loaded = settings_from_dict({"format": value, "theme": "dark"})
    assert loaded.settings.theme == "dark"  # settings are never refused whole, only reported
    return loaded.problems[0]


def _drafts(tmp_path: Path, value: object) -> str:
    from ctct_desktop.store.drafts import draft_from_json
    from ctct_desktop.store.history_codec import CodecError

    with pytest.raises(CodecError) as caught:
        draft_from_json(json.dumps({"format": value, "draft_id": "x", "request": {}}))
    return str(caught.value)


def _accounts(tmp_path: Path, value: object) -> str:
    from ctct_desktop.credentials.accounts_file import AccountsFileError, load_accounts

    path = tmp_path / "accounts.json"
    path.write_text(json.dumps({"format": value, "accounts": []}), encoding="utf-8")
    with pytest.raises(AccountsFileError) as caught:
        load_accounts(path)
    return str(caught.value)


def _window_state(tmp_path: Path, value: object) -> str:
    from ctct_desktop.store.drafts import DraftStore
    from ctct_desktop.ui.window_state import FILE_NAME, WindowStateStore

    (tmp_path / FILE_NAME).write_text(json.dumps({"format": value, "geometry": ""}), encoding="utf-8")
    store = WindowStateStore(tmp_path, DraftStore(tmp_path / "drafts"))
    assert store.load() is None
    return store.problems[0]


def _sandbox_port(tmp_path: Path, value: object) -> str:
    from ctct_desktop.store.sandbox_port import load_port

    path = tmp_path / "sandbox-port.json"
    path.write_text(json.dumps({"format": value, "port": 8089}), encoding="utf-8")
    remembered = load_port(path)
    assert remembered.port is None  # refused: the sandbox takes a free port and remembers that
    return remembered.problem


def _order(tmp_path: Path, value: object) -> str:
    from ctct_desktop.store.collection_order import read_order

    (tmp_path / "order.toml").write_text(f"format = {_toml(value)}\norder = []\n", encoding="utf-8")
    return read_order(tmp_path).problem


Reader = Callable[[Path, object], str]
FORMATS: dict[str, tuple[int, str, Reader]] = {
    "request": (2, "request file", _request),
    "collection": (1, "collection file", _collection),
    "order": (1, "order file", _order),
    "environment": (1, "environment file", _environment),
    "settings": (1, "settings file", _settings),
    "drafts": (1, "draft", _drafts),
    "accounts": (2, "accounts file", _accounts),
    "window state": (2, "window state file", _window_state),
    "sandbox port": (1, "sandbox port file", _sandbox_port),
}


@pytest.mark.parametrize("name", FORMATS)
def test_every_format_refuses_a_newer_file_in_plain_words(tmp_path: Path, name: str) -> None:
    current, label, read = FORMATS[name]
    message = read(tmp_path, current + 1)
    assert f"{label} was written by a newer CTCT Desktop (format {current + 1}; this one reads up to " \
           f"{current})" in message, message
    assert "Traceback" not in message


@pytest.mark.parametrize("value", [True, "1", 1.5, -1])
@pytest.mark.parametrize("name", FORMATS)
def test_every_format_refuses_a_bad_version_value(tmp_path: Path, name: str, value: object) -> None:
    _current, label, read = FORMATS[name]
    message = read(tmp_path, value)
    expected = "is not a valid format number" if value == -1 else "must be a whole number"
    assert f"{label}'s 'format'" in message and expected in message, message
