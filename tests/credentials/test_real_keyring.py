"""Against a real Secret Service (gnome-keyring in a private D-Bus session).

Run with: scripts/with-secret-service .venv/bin/python -m pytest -q tests/credentials
Without CTCT_REAL_KEYRING=1 these tests are deselected by conftest.py, never counted as passed.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import keyring
import pytest

from ctct_desktop.credentials import secrets as secret_module
from ctct_desktop.credentials.accounts import Account, AccountKind, AccountManager, AccountSecrets
from ctct_desktop.credentials.secrets import SERVICE, KeyringSecretStore, default_secret_store, keyring_status

pytestmark = pytest.mark.keyring_real


@pytest.fixture(autouse=True)
def _real_backend() -> None:
    keyring.core.init_backend()  # undo any backend another test installed
    secret_module.reset_default_store()


def _cli(*args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "ctct_desktop", "account", *args], input=stdin,
                          capture_output=True, text=True, timeout=60, env=dict(os.environ))


def _lookup(key: str) -> str:
    """What the Secret Service itself holds under service=ctct-desktop, username=KEY (D-Bus, directly)."""
    import secretstorage

    connection = secretstorage.dbus_init()
    try:
        collection = secretstorage.get_default_collection(connection)
        items = list(collection.search_items({"service": SERVICE, "username": key}))
        return items[0].get_secret().decode("utf-8") if items else ""
    finally:
        connection.close()


def test_status_reports_the_secret_service() -> None:
    status = keyring_status()
    assert status.available, status.message
    assert status.backend_name.startswith("Secret Service")
    store = default_secret_store()
    assert isinstance(store, KeyringSecretStore) and store.persistent


def test_store_round_trip_in_the_real_keyring() -> None:
    store = KeyringSecretStore()
    store.set("account/rt/access_token", "real-token-Ω-123")
    try:
        assert store.get("account/rt/access_token") == "real-token-Ω-123"
    finally:
        store.delete("account/rt/access_token")
    assert store.get("account/rt/access_token") is None
    store.delete("account/rt/access_token")  # already gone: fine


def test_cli_add_list_remove_against_the_real_keyring() -> None:
    added = _cli("add", "real-v1", "--kind", "v1-basic", "--username", "joesflowers", "--api-key-stdin",
                 "--password-stdin", stdin="real-api-key-77\nreal-password-88\n")
    assert added.returncode == 0, added.stderr
    assert _lookup("account/real-v1/api_key") == "real-api-key-77"
    assert _lookup("account/real-v1/password") == "real-password-88"
    listed = _cli("list")
    assert "real-v1" in listed.stdout and "real-password-88" not in listed.stdout
    removed = _cli("remove", "real-v1")
    assert removed.returncode == 0, removed.stderr
    assert _lookup("account/real-v1/password") == "" and _lookup("account/real-v1/api_key") == ""


def test_every_kind_survives_a_new_process_and_removal_cleans_up() -> None:
    manager = AccountManager(KeyringSecretStore())
    manager.add(Account("k-v2", AccountKind.V2), AccountSecrets(api_key="v2-key-1", access_token="v2-tok-1"))
    manager.add(Account("k-v3", AccountKind.V3, client_id="cid"),
                AccountSecrets(access_token="v3-tok-1", refresh_token="v3-ref-1", client_secret="v3-cs-1"))
    code = ("from ctct_desktop.credentials.accounts import AccountManager\n"
            "from ctct_desktop.credentials.secrets import default_secret_store\n"
            "m = AccountManager(default_secret_store())\n"
            "print(m.secrets('k-v3').refresh_token, m.secrets('k-v2').api_key)\n")
    fresh = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert fresh.stdout.split() == ["v3-ref-1", "v2-key-1"], fresh.stderr
    manager.remove("k-v3")
    manager.remove("k-v2")
    store = KeyringSecretStore()
    for key in ("account/k-v3/access_token", "account/k-v3/refresh_token", "account/k-v3/client_secret",
                "account/k-v2/api_key", "account/k-v2/access_token"):
        assert store.get(key) is None


def test_the_keyring_file_itself_is_encrypted() -> None:
    KeyringSecretStore().set("account/enc/password", "plain-looking-secret-4242")
    keyrings = Path(os.environ["HOME"]) / ".local" / "share" / "keyrings"
    files = [p for p in keyrings.rglob("*") if p.is_file()]
    assert files, "gnome-keyring wrote no keyring file"
    assert all(b"plain-looking-secret-4242" not in p.read_bytes() for p in files)
    KeyringSecretStore().delete("account/enc/password")
