"""Accounts: metadata in accounts.json, secrets only in the store, removal cleans the keyring."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from ctct_desktop.credentials.accounts import (
    Account,
    AccountError,
    AccountKind,
    AccountManager,
    AccountSecrets,
    AccountsFileError,
)
from ctct_desktop.credentials.accounts_file import default_path
from ctct_desktop.credentials.secrets import KeyringSecretStore, MemorySecretStore, SecretStoreError
from tests.credentials.memory_backend import MemoryKeyring

EVERY_KIND = [
    (Account("basic", AccountKind.V1_BASIC, username="joesflowers"),
     AccountSecrets(api_key="key-111", password="pass-222")),
    (Account("token", AccountKind.OAUTH2_TOKEN, username="joesflowers"), AccountSecrets(access_token="tok-333")),
    (Account("two", AccountKind.V2), AccountSecrets(api_key="key-444", access_token="tok-555")),
    (Account("three", AccountKind.V3, client_id="client-v3", expires_at=2_000_000_000.0, scope="contact_data"),
     AccountSecrets(access_token="tok-666", refresh_token="ref-777", client_secret="cs-888")),
]


def _persistent_manager() -> tuple[AccountManager, MemoryKeyring]:
    backend = MemoryKeyring()
    return AccountManager(KeyringSecretStore(backend)), backend


@pytest.mark.parametrize(("account", "secrets"), EVERY_KIND, ids=lambda v: getattr(v, "name", ""))
def test_add_get_and_secrets_for_every_kind(account: Account, secrets: AccountSecrets) -> None:
    manager, backend = _persistent_manager()
    added = manager.add(account, secrets)
    assert added.saved is True
    assert manager.get(account.name) == added
    assert manager.secrets(account.name) == secrets
    assert manager.missing_secrets(account.name) == ()
    stored_keys = {key for _, key in backend.entries}
    assert stored_keys == {f"account/{account.name}/{field}" for field, _ in secrets.items()}
    text = default_path().read_text(encoding="utf-8")
    for _, value in secrets.items():
        assert value not in text


def test_accounts_file_is_versioned_sorted_and_private() -> None:
    manager, _ = _persistent_manager()
    for account, secrets in reversed(EVERY_KIND):
        manager.add(account, secrets)
    document = json.loads(default_path().read_text(encoding="utf-8"))
    assert list(document) == ["format", "accounts"] and document["format"] == 2
    assert [a["name"] for a in document["accounts"]] == ["basic", "three", "token", "two"]
    assert document["accounts"][1] == {"name": "three", "kind": "v3", "client_id": "client-v3",
                                       "expires_at": 2_000_000_000.0, "scope": "contact_data"}
    if os.name == "posix":
        assert default_path().stat().st_mode & 0o077 == 0
    assert [a.name for a in manager.list()] == ["basic", "three", "token", "two"]


def test_remove_deletes_keyring_entries_too() -> None:
    manager, backend = _persistent_manager()
    for account, secrets in EVERY_KIND:
        manager.add(account, secrets)
    manager.remove("three")
    assert not any("account/three/" in key for _, key in backend.entries)
    assert manager.find("three") is None
    with pytest.raises(AccountError, match="no account named 'three'"):
        manager.get("three")
    assert len(backend.entries) == 5


def test_duplicate_and_invalid_names_are_refused(manager: AccountManager) -> None:
    manager.add(*EVERY_KIND[0])
    with pytest.raises(AccountError, match="already exists"):
        manager.add(*EVERY_KIND[0])
    for bad in ("", " lead", "a/b", "tab\there", "x" * 101):
        with pytest.raises(AccountError):
            manager.add(Account(bad, AccountKind.OAUTH2_TOKEN), AccountSecrets(access_token="t"))


@pytest.mark.parametrize(("account", "secrets", "message"), [
    (Account("a", AccountKind.V1_BASIC, username="u"), AccountSecrets(api_key="k"), "needs: password"),
    (Account("a", AccountKind.V1_BASIC), AccountSecrets(api_key="k", password="p"), "needs the username"),
    (Account("a", AccountKind.V2), AccountSecrets(access_token="t"), "needs: api key"),
    (Account("a", AccountKind.V3), AccountSecrets(access_token="t"), "needs the client id"),
    (Account("a", AccountKind.OAUTH2_TOKEN), AccountSecrets(access_token="t", password="p"),
     "does not use: password"),
    (Account("a", AccountKind.OAUTH2_TOKEN), AccountSecrets(access_token="t\nx"), "line break"),
])
def test_secrets_must_fit_the_kind(manager: AccountManager, account: Account, secrets: AccountSecrets,
                                   message: str) -> None:
    with pytest.raises(AccountError, match=message):
        manager.add(account, secrets)
    assert manager.list() == []


def test_update_keeps_or_replaces_secrets_and_renames() -> None:
    manager, backend = _persistent_manager()
    manager.add(*EVERY_KIND[0])
    manager.update(Account("basic", AccountKind.V1_BASIC, username="other"))
    assert manager.get("basic").username == "other"
    assert manager.secrets("basic").password == "pass-222"
    manager.update(Account("renamed", AccountKind.V1_BASIC, username="other"),
                   AccountSecrets(api_key="key-new", password="pw-new"), previous_name="basic")
    assert [a.name for a in manager.list()] == ["renamed"]
    assert {key for _, key in backend.entries} == {"account/renamed/api_key", "account/renamed/password"}


def test_store_tokens_replaces_tokens_and_expiry() -> None:
    manager, _ = _persistent_manager()
    manager.add(*EVERY_KIND[3])
    manager.store_tokens("three", access_token="tok-new", expires_at=123.0)
    assert manager.secrets("three").access_token == "tok-new"
    assert manager.secrets("three").refresh_token == "ref-777"  # kept when not given
    assert manager.get("three").expires_at == 123.0


def test_without_a_keyring_accounts_live_for_the_session_only(manager: AccountManager) -> None:
    added = manager.add(*EVERY_KIND[1])
    assert added.saved is False
    assert manager.list() == [added]
    assert not default_path().exists()  # nothing at all on disk
    fresh = AccountManager(MemorySecretStore())
    assert fresh.list() == []


def test_secrets_lost_at_exit_are_reported_missing() -> None:
    manager, backend = _persistent_manager()
    manager.add(*EVERY_KIND[2])
    backend.entries.clear()  # e.g. the keyring was reset
    assert manager.missing_secrets("two") == ("api_key", "access_token")


class _BrokenStore(MemorySecretStore):
    persistent = True

    def set(self, key: str, value: str) -> None:
        raise SecretStoreError("The OS keyring could not save it (locked).")


def test_a_keyring_failure_leaves_no_half_made_account() -> None:
    manager = AccountManager(_BrokenStore())
    with pytest.raises(AccountError, match="locked"):
        manager.add(*EVERY_KIND[0])
    assert manager.list() == []
    assert not default_path().exists()


@pytest.mark.parametrize(("content", "message"), [
    (b"{not json", "not valid JSON"),
    (b'{"format": 99, "accounts": []}', "newer CTCT Desktop"),
    (b'{"format_version": 99, "accounts": []}', "only 1 was ever written"),
    (b'{"accounts": [{"name": "x", "kind": "martian"}]}', "unknown kind"),
    (b'{"accounts": "nope"}', "does not hold an accounts list"),
    (b"\xff\xfe", "not valid JSON"),
])
def test_a_damaged_accounts_file_is_explained(tmp_path: Path, content: bytes, message: str) -> None:
    path = tmp_path / "accounts.json"
    path.write_bytes(content)
    manager = AccountManager(MemorySecretStore(), path)
    with pytest.raises(AccountsFileError, match=message):
        manager.list()
    assert path.read_bytes() == content  # never overwritten silently


def test_secrets_repr_never_shows_values() -> None:
    secrets = EVERY_KIND[3][1]
    assert "tok-666" not in repr(secrets) and "ref-777" not in str(secrets)
    assert "access_token" in repr(secrets)


def test_concurrent_adds_from_worker_threads_all_land() -> None:
    import threading

    manager, _ = _persistent_manager()
    threads = [threading.Thread(target=manager.add, args=(Account(f"acct-{i}", AccountKind.OAUTH2_TOKEN),
                                                          AccountSecrets(access_token=f"t{i}")))
               for i in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(a.name for a in AccountManager(manager.store).list()) == [f"acct-{i}" for i in range(8)]


# accounts.json exactly as the first release (commit 40960b1) wrote it: format 1, under "format_version".
FIRST_RELEASE_ACCOUNTS = """{
  "format_version": 1,
  "accounts": [
    {
      "name": "joe",
      "kind": "v1-basic",
      "username": "joe",
      "api_version": "v1"
    },
    {
      "name": "Oauth",
      "kind": "v3",
      "client_id": "cid",
      "scope": "contact_data",
      "expires_at": 1900000000.123
    }
  ]
}
"""


@pytest.mark.parametrize("text", [FIRST_RELEASE_ACCOUNTS, FIRST_RELEASE_ACCOUNTS.replace('  "format_version": 1,\n', "")],
                         ids=["format_version-1", "no-number"])
def test_the_first_releases_accounts_file_reads_and_is_rewritten_with_format(tmp_path: Path, text: str) -> None:
    from ctct_desktop.credentials.accounts_file import load_accounts, save_accounts

    path = tmp_path / "accounts.json"
    path.write_text(text, encoding="utf-8")
    accounts = load_accounts(path)
    assert accounts == {
        "joe": Account("joe", AccountKind.V1_BASIC, username="joe", api_version="v1"),
        "Oauth": Account("Oauth", AccountKind.V3, client_id="cid", scope="contact_data", expires_at=1900000000.123),
    }
    save_accounts(path, accounts)
    rewritten = path.read_text(encoding="utf-8")
    assert rewritten == FIRST_RELEASE_ACCOUNTS.replace('"format_version": 1', '"format": 2')
    assert load_accounts(path) == accounts
