"""``ctct-desktop account``: secrets from stdin only, never printed, refused without a keyring."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path

import pytest

from ctct_desktop.cli import run
from ctct_desktop.credentials.secrets import SERVICE
from tests.credentials.memory_backend import MemoryKeyring


def _run(monkeypatch: pytest.MonkeyPatch, argv: list[str], stdin: str = "") -> int:
    monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
    return run(argv)


def test_add_v1_basic_reads_api_key_then_password(memory_keyring: MemoryKeyring, monkeypatch: pytest.MonkeyPatch,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    code = _run(monkeypatch, ["account", "add", "joe", "--kind", "v1-basic", "--username", "joesflowers",
                              "--api-key-stdin", "--password-stdin"], "the-api-key\nthe-password\n")
    assert code == 0
    assert memory_keyring.entries == {(SERVICE, "account/joe/api_key"): "the-api-key",
                                      (SERVICE, "account/joe/password"): "the-password"}
    out = capsys.readouterr()
    assert "the-password" not in out.out + out.err and "Added v1-basic account 'joe'" in out.out


def test_list_shows_names_and_kinds_never_secrets(memory_keyring: MemoryKeyring, monkeypatch: pytest.MonkeyPatch,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    _run(monkeypatch, ["account", "add", "v3acct", "--kind", "v3", "--client-id", "cid", "--token-stdin",
                       "--refresh-token-stdin", "--expires-in", "3600"], "access-xyz\nrefresh-xyz\n")
    _run(monkeypatch, ["account", "add", "tok", "--kind", "oauth2-token", "--username", "joe", "--token-stdin"],
         "access-abc\n")
    capsys.readouterr()
    assert _run(monkeypatch, ["account", "list"]) == 0
    out = capsys.readouterr().out
    assert [line.split() for line in out.splitlines()] == [["tok", "oauth2-token", "user", "joe"],
                                                           ["v3acct", "v3", "client", "cid"]]
    for secret in ("access-xyz", "refresh-xyz", "access-abc"):
        assert secret not in out


def test_remove_deletes_the_keyring_entries(memory_keyring: MemoryKeyring, monkeypatch: pytest.MonkeyPatch) -> None:
    _run(monkeypatch, ["account", "add", "two", "--kind", "v2", "--api-key-stdin", "--token-stdin"], "k\nt\n")
    assert len(memory_keyring.entries) == 2
    assert _run(monkeypatch, ["account", "remove", "two"]) == 0
    assert memory_keyring.entries == {}
    assert _run(monkeypatch, ["account", "remove", "two"]) == 1


def test_short_stdin_and_missing_secrets_are_explained(memory_keyring: MemoryKeyring,
                                                       monkeypatch: pytest.MonkeyPatch,
                                                       capsys: pytest.CaptureFixture[str]) -> None:
    code = _run(monkeypatch, ["account", "add", "j", "--kind", "v1-basic", "--username", "u", "--api-key-stdin",
                              "--password-stdin"], "only-one-line\n")
    assert code == 2
    assert "line 2: password" in capsys.readouterr().err
    code = _run(monkeypatch, ["account", "add", "j", "--kind", "v1-basic", "--username", "u"])
    err = capsys.readouterr().err
    assert code == 1 and "needs: api key, password" in err and "--api-key-stdin" in err
    assert memory_keyring.entries == {}


def test_no_keyring_refuses_add_in_plain_words(no_keyring: None, monkeypatch: pytest.MonkeyPatch,
                                               capsys: pytest.CaptureFixture[str],
                                               _isolated_app_home: Path) -> None:
    code = _run(monkeypatch, ["account", "add", "joe", "--kind", "oauth2-token", "--token-stdin"], "tok-secret\n")
    err = capsys.readouterr().err
    assert code != 0
    assert "No OS keyring" in err and "gnome-keyring" in err and "PYTHON_KEYRING_BACKEND" in err
    assert "Nothing was saved" in err
    assert [p for p in _isolated_app_home.rglob("*") if p.is_file()] == []
    assert _run(monkeypatch, ["account", "status"]) == 1
    assert "Keyring backend: none" in capsys.readouterr().out


def test_no_keyring_cli_in_a_fresh_process(tmp_path: Path, _isolated_app_home: Path) -> None:
    """The real command line with keyring forced to its fail backend (a headless box)."""
    env = {**os.environ, "PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring", "HOME": str(tmp_path)}
    done = subprocess.run([sys.executable, "-m", "ctct_desktop", "account", "add", "a", "--kind", "v2",
                           "--api-key-stdin", "--token-stdin"], input="key-zzz\ntok-zzz\n", env=env,
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 3, done.stderr
    assert "No OS keyring is available" in done.stderr
    written = [p for p in list(_isolated_app_home.rglob("*")) + list(tmp_path.rglob("*")) if p.is_file()]
    for path in written:
        data = path.read_bytes()
        assert b"key-zzz" not in data and b"tok-zzz" not in data


def test_bare_account_command_asks_for_an_action(monkeypatch: pytest.MonkeyPatch,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    assert _run(monkeypatch, ["account"]) == 2
    assert "add, signin, list, remove or status" in capsys.readouterr().err


def test_signin_saves_the_token_as_an_account(memory_keyring: MemoryKeyring, monkeypatch: pytest.MonkeyPatch,
                                              capsys: pytest.CaptureFixture[str], oauth_server: object,
                                              redirect_uri: str) -> None:
    from ctct_desktop.credentials import command
    from tests.credentials.browser import PlayedBrowser
    from tests.credentials.oauth_server import CLIENT_ID, CLIENT_SECRET

    monkeypatch.setattr(command, "_open_in_browser", PlayedBrowser(
        "&sandbox_user=joesflowers&sandbox_password=sandbox-password&sandbox_decision=allow"))
    code = _run(monkeypatch, ["account", "signin", "web", "--flow", "server", "--client-id", CLIENT_ID,
                              "--client-secret-stdin", "--redirect-uri", redirect_uri,
                              "--server", oauth_server.base_url, "--timeout", "10"],  # type: ignore[attr-defined]
                CLIENT_SECRET + "\n")
    out = capsys.readouterr()
    assert code == 0, out.err
    assert "Signed in as joesflowers; saved oauth2-token account 'web'" in out.out
    assert "If no browser opens, visit:" in out.err and CLIENT_SECRET not in out.out + out.err
    assert (SERVICE, "account/web/access_token") in memory_keyring.entries


def test_signin_failure_is_explained(memory_keyring: MemoryKeyring, monkeypatch: pytest.MonkeyPatch,
                                     capsys: pytest.CaptureFixture[str], oauth_server: object,
                                     redirect_uri: str) -> None:
    wrong = redirect_uri + "/elsewhere"
    code = _run(monkeypatch, ["account", "signin", "x", "--flow", "client", "--client-id", "test-api-key",
                              "--redirect-uri", wrong, "--server", oauth_server.base_url,  # type: ignore[attr-defined]
                              "--no-browser"])
    err = capsys.readouterr().err
    assert code == 1 and "redirect_uri_mismatch" in err and wrong in err
    assert memory_keyring.entries == {}
