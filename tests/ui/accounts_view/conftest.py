"""Account dialog tests: managers over in-memory secret stores, accounts.json in a temp folder.

``saved_manager`` behaves like a real keyring (persistent store over a real keyring backend
object kept in memory); ``session_manager`` is the no-keyring case (MemorySecretStore).
Qt warnings fail these tests.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from ctct_desktop.credentials.accounts import AccountManager
from ctct_desktop.credentials.secrets import KeyringSecretStore, MemorySecretStore
from tests.credentials.memory_backend import MemoryKeyring

_HERE = Path(__file__).resolve().parent


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if Path(str(item.fspath)).resolve().parent == _HERE:
            item.add_marker(pytest.mark.qt_log_level_fail("WARNING"))
            item.add_marker(pytest.mark.qt_log_ignore("propagateSizeHints", "QFont::"))


@pytest.fixture
def keyring_backend() -> MemoryKeyring:
    return MemoryKeyring()


@pytest.fixture
def saved_manager(tmp_path: Path, keyring_backend: MemoryKeyring) -> AccountManager:
    return AccountManager(KeyringSecretStore(keyring_backend), path=tmp_path / "accounts.json")


@pytest.fixture
def session_manager(tmp_path: Path) -> AccountManager:
    return AccountManager(MemorySecretStore(), path=tmp_path / "accounts.json")
