"""Credentials test setup: real-keyring tests run only inside scripts/with-secret-service.

Tests marked ``keyring_real`` are deselected (not skipped) unless CTCT_REAL_KEYRING=1, so a run
without a Secret Service reports them as deselected instead of counting them as passed.
"""

from __future__ import annotations

import os
import socket
from collections.abc import Iterator

import keyring
import pytest

from ctct_desktop.credentials import secrets as secret_module
from ctct_desktop.credentials.accounts import AccountManager
from ctct_desktop.credentials.secrets import MemorySecretStore
from tests.credentials.memory_backend import MemoryKeyring
from tests.credentials.oauth_server import OAuthTestServer


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if os.environ.get("CTCT_REAL_KEYRING") == "1":
        return
    kept = [item for item in items if item.get_closest_marker("keyring_real") is None]
    dropped = [item for item in items if item.get_closest_marker("keyring_real") is not None]
    if dropped:
        config.hook.pytest_deselected(items=dropped)
        items[:] = kept


@pytest.fixture
def manager() -> AccountManager:
    """An account manager over a fresh in-memory store, accounts.json in the isolated app home."""
    return AccountManager(MemorySecretStore())


@pytest.fixture
def memory_keyring() -> Iterator[MemoryKeyring]:
    """A real keyring backend object that keeps secrets in memory, installed process-wide."""
    previous = keyring.get_keyring()
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    secret_module.reset_default_store()
    try:
        yield backend
    finally:
        keyring.set_keyring(previous)
        secret_module.reset_default_store()


@pytest.fixture
def no_keyring() -> Iterator[None]:
    """The headless-Linux situation: keyring resolves to its fail backend."""
    from keyring.backends import fail

    previous = keyring.get_keyring()
    keyring.set_keyring(fail.Keyring())
    secret_module.reset_default_store()
    try:
        yield
    finally:
        keyring.set_keyring(previous)
        secret_module.reset_default_store()


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture
def redirect_uri() -> str:
    return f"http://127.0.0.1:{free_port()}/oauth/callback"


@pytest.fixture
def oauth_server(redirect_uri: str) -> Iterator[OAuthTestServer]:
    server = OAuthTestServer(redirect_uri).start()
    try:
        yield server
    finally:
        server.stop()
