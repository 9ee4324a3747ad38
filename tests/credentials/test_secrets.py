"""The secret store: keyring when there is one, memory for the session when not, never a file."""

from __future__ import annotations

import keyring
import pytest
from keyring.backends import fail, null

from ctct_desktop.credentials.secrets import (
    SERVICE,
    KeyringSecretStore,
    MemorySecretStore,
    SecretStore,
    SecretStoreError,
    default_secret_store,
    keyring_status,
    session_store,
    status_of,
)
from tests.credentials.memory_backend import MemoryKeyring, TestOnlyBackend


def test_memory_store_round_trip_and_is_not_persistent() -> None:
    store = MemorySecretStore()
    assert store.persistent is False
    assert store.get("k") is None
    store.set("k", "v")
    assert store.get("k") == "v"
    store.delete("k")
    store.delete("k")  # deleting twice is fine
    assert store.get("k") is None
    assert "v" not in repr(store)


def test_keyring_store_uses_service_and_key(memory_keyring: MemoryKeyring) -> None:
    store = KeyringSecretStore()
    assert isinstance(store, SecretStore) and store.persistent is True
    store.set("account/a/password", "pw")
    assert memory_keyring.entries == {(SERVICE, "account/a/password"): "pw"}
    assert store.get("account/a/password") == "pw"
    store.delete("account/a/password")
    store.delete("account/a/password")  # PasswordDeleteError is swallowed
    assert memory_keyring.entries == {}


class _LockedKeyring(TestOnlyBackend):

    def get_password(self, service: str, username: str) -> str | None:
        raise keyring.errors.KeyringLocked("collection is locked")

    def set_password(self, service: str, username: str, password: str) -> None:
        raise keyring.errors.PasswordSetError("locked")

    def delete_password(self, service: str, username: str) -> None:
        raise keyring.errors.KeyringError("D-Bus went away")


def test_keyring_failures_become_plain_errors() -> None:
    store = KeyringSecretStore(_LockedKeyring())
    with pytest.raises(SecretStoreError, match="could not read 'x'.*unlock it"):
        store.get("x")
    with pytest.raises(SecretStoreError, match="could not save"):
        store.set("x", "secret-value")
    with pytest.raises(SecretStoreError, match="could not delete"):
        store.delete("x")


def test_no_backend_status_says_what_to_do(no_keyring: None) -> None:
    status = keyring_status()
    assert status.available is False
    assert status.backend_name == "none"
    for words in ("No OS keyring", "gnome-keyring-daemon", "KWallet", "PYTHON_KEYRING_BACKEND", "keyringrc"):
        assert words in status.message


def test_no_backend_gives_the_session_store(no_keyring: None) -> None:
    store = default_secret_store()
    assert store is session_store()
    assert store.persistent is False


def test_real_backend_gives_a_keyring_store(memory_keyring: MemoryKeyring) -> None:
    store = default_secret_store()
    assert isinstance(store, KeyringSecretStore) and store.persistent
    assert default_secret_store() is store  # resolved once


def test_null_and_plaintext_backends_are_refused() -> None:
    assert status_of(null.Keyring()).available is False
    assert status_of(fail.Keyring()).available is False

    class PlaintextKeyring(MemoryKeyring):
        pass

    refused = status_of(PlaintextKeyring())
    assert refused.available is False and "plain file" in refused.message


def test_available_status_names_the_backend(memory_keyring: MemoryKeyring) -> None:
    status = keyring_status()
    assert status.available is True
    assert SERVICE in status.message
