"""Environments: plain files with secret references, built-ins, lookup, sandbox discovery."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from ctct_desktop.store.builtin_environments import (
    DEFAULT_SANDBOX_URL,
    SANDBOX_ENV_NAME,
    find_environment,
    find_sandbox_url,
    list_environments,
)
from ctct_desktop.store.environment import (
    Environment,
    EnvironmentFileError,
    EnvVariable,
    delete_environment,
    dump_environment,
    environment_path,
    load_environment,
    parse_environment,
    save_environment,
)
from ctct_desktop.core.paths import app_dirs


class DictSecretStore:
    """An in-memory SecretStore for tests (the contract: get/set/delete, persistent)."""

    def __init__(self, persistent: bool = True) -> None:
        self.persistent = persistent
        self.values: dict[str, str] = {}

    def get(self, key: str) -> str | None:
        return self.values.get(key)

    def set(self, key: str, value: str) -> None:
        self.values[key] = value

    def delete(self, key: str) -> None:
        self.values.pop(key, None)


def _prod() -> Environment:
    env = Environment("Production")
    env = env.with_value("base_url", "https://api.constantcontact.com/ws/customers/{{username}}")
    env = env.with_value("username", "joesflowers")
    env = env.with_value("api_key", "real-key-123", secret=True)
    return env.with_value("password", "real-pass-456", secret=True)


def test_secrets_go_to_the_store_and_the_file_holds_references(tmp_path: Path) -> None:
    store = DictSecretStore()
    path = environment_path(tmp_path, "Production")
    save_environment(path, _prod(), store)
    text = path.read_text(encoding="utf-8")
    assert "real-key-123" not in text and "real-pass-456" not in text
    data = tomllib.loads(text)
    assert data["format"] == 1 and data["name"] == "Production"
    assert data["variables"]["password"] == {"secret": "env/Production/password"}
    assert store.values == {"env/Production/api_key": "real-key-123", "env/Production/password": "real-pass-456"}
    loaded = load_environment(path, store)
    assert loaded.values() == _prod().values()
    assert [v.name for v in loaded.variables] == ["base_url", "username", "api_key", "password"]


def test_missing_secret_is_left_unresolved(tmp_path: Path) -> None:
    path = tmp_path / "environments" / "Prod.toml"
    save_environment(path, _prod(), DictSecretStore())
    elsewhere = load_environment(path, DictSecretStore())  # a teammate's keyring after git clone
    assert "password" not in elsewhere.values() and elsewhere.values()["username"] == "joesflowers"
    assert set(elsewhere.missing_secrets()) == {"api_key", "password"}
    assert load_environment(path).missing_secrets()  # no store at all: nothing read


def test_existing_reference_is_kept_when_the_value_changes() -> None:
    env = Environment("E", (EnvVariable("pw", "old", "custom/ref"),))
    changed = env.with_value("pw", "new")
    assert changed.variables[0] == EnvVariable("pw", "new", "custom/ref")


def test_failing_keyring_becomes_a_note_not_an_exception() -> None:
    class Locked(DictSecretStore):
        def get(self, key: str) -> str | None:
            raise RuntimeError("locked")

    env = parse_environment('format = 1\nname = "E"\n[variables]\npw = { secret = "r" }\n', store=Locked())
    assert env.missing_secrets() == ("pw",) and "locked" in env.notes[0]


@pytest.mark.parametrize("text, reason", [
    ("name = ", "not valid TOML"),
    ("format = 2\n", "format 2"),
    ("[variables]\nx = 1\n", "variable 'x'"),
    ("[variables]\nx = { secret = 1 }\n", "variable 'x'"),
    ("variables = 3\n", "[variables] a table"),
])
def test_malformed_environment_files(text: str, reason: str) -> None:
    with pytest.raises(EnvironmentFileError, match=reason.replace("[", r"\[").replace("]", r"\]")):
        parse_environment(text, Path("e.toml"))


def test_builtins_come_first_and_collection_files_follow(tmp_path: Path) -> None:
    save_environment(environment_path(tmp_path, "staging"), Environment("staging", (EnvVariable("a", "1"),)))
    save_environment(environment_path(tmp_path, "Beta"), Environment("Beta"))
    (tmp_path / "environments" / "broken.toml").write_text("x = ", encoding="utf-8")
    envs, problems = list_environments(tmp_path, sandbox_url="http://127.0.0.1:5555")
    names = [e.name for e in envs]
    assert names == [SANDBOX_ENV_NAME, "Constant Contact v1", "Constant Contact v2", "Constant Contact v3",
                     "Beta", "staging"]
    assert len(problems) == 1 and "broken.toml" in problems[0]
    sandbox = envs[0].values()
    assert sandbox["base_url"] == "http://127.0.0.1:5555/ws/customers/joesflowers"
    assert sandbox["oauth_base_url"] == "http://127.0.0.1:5555"
    assert {"username", "api_key", "password", "list_uri", "contact_id", "other_list_id"} <= set(sandbox)
    v1 = envs[1].values()
    assert v1["base_url"] == "https://api.constantcontact.com/ws/customers/{{username}}"
    assert envs[2].values()["v2_base_url"] == "https://api.constantcontact.com/v2"
    assert envs[3].values()["v3_base_url"] == "https://api.cc.email/v3"
    assert all(e.builtin for e in envs[:4]) and not any(e.builtin for e in envs[4:])
    with pytest.raises(EnvironmentFileError, match="built in"):
        save_environment(tmp_path / "x.toml", envs[0])


def test_find_environment_by_name_file_or_sandbox(tmp_path: Path) -> None:
    path = environment_path(tmp_path, "Staging")
    save_environment(path, Environment("Staging", (EnvVariable("a", "1"),)))
    assert find_environment("staging", tmp_path).name == "Staging"
    assert find_environment(str(path), None).values() == {"a": "1"}
    assert find_environment("sandbox", None, sandbox_url="http://127.0.0.1:1").name == SANDBOX_ENV_NAME
    assert find_environment("constant contact v3", None).builtin
    with pytest.raises(EnvironmentFileError, match="Known: .*Staging"):
        find_environment("nope", tmp_path)


def test_delete_environment_removes_file_and_secrets(tmp_path: Path) -> None:
    store = DictSecretStore()
    env = save_environment(environment_path(tmp_path, "P"), _prod(), store)
    delete_environment(env, store)
    assert env.path is not None and not env.path.exists() and store.values == {}


def test_sandbox_discovery_order(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CTCT_SANDBOX_URL", raising=False)
    assert find_sandbox_url() == DEFAULT_SANDBOX_URL
    endpoint = app_dirs().sandbox / "endpoint.json"
    endpoint.parent.mkdir(parents=True, exist_ok=True)
    endpoint.write_text(json.dumps({"base_url": "http://127.0.0.1:4321", "account_url": "x", "pid": os.getpid()}))
    assert find_sandbox_url() == "http://127.0.0.1:4321"
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    endpoint.write_text(json.dumps({"base_url": "http://127.0.0.1:4321", "pid": int(dead.stdout)}))
    assert find_sandbox_url() == DEFAULT_SANDBOX_URL  # the process that wrote it is gone
    endpoint.write_text("{not json")
    assert find_sandbox_url() == DEFAULT_SANDBOX_URL
    monkeypatch.setenv("CTCT_SANDBOX_URL", "http://127.0.0.1:9999/")
    assert find_sandbox_url() == "http://127.0.0.1:9999"


def test_user_copy_of_a_preset_is_editable_and_gets_its_own_secret_refs(tmp_path: Path) -> None:
    from ctct_desktop.store.environment import user_copy

    envs, _ = list_environments(None, sandbox_url="http://127.0.0.1:1")
    mine = user_copy(envs[1], "My v1").with_value("username", "joe").with_value("password", "pw", secret=True)
    assert not mine.builtin and mine.values()["base_url"].endswith("/customers/{{username}}")
    store = DictSecretStore()
    save_environment(environment_path(tmp_path, mine.name), mine, store)
    assert store.values == {"env/My v1/password": "pw"}


# An environment file exactly as the first release (commit c4a89eb) wrote it: format 1.
FIRST_RELEASE_ENVIRONMENT = """format = 1
name = "Production"

[variables]
username = "joe"
password = { secret = "env/Production/password" }
"""


def test_an_unversioned_environment_is_format_zero_and_reads() -> None:
    """Version 0, the oldest: hand-written without the number (the v0 step stamps it)."""
    env = parse_environment('name = "Hand"\n[variables]\nx = "1"\n', Path("Hand.toml"))
    assert env.name == "Hand" and env.values() == {"x": "1"}


def test_the_first_releases_environment_reads_and_dumps_byte_for_byte() -> None:
    env = parse_environment(FIRST_RELEASE_ENVIRONMENT, Path("Production.toml"))
    assert env.variables == (EnvVariable("username", "joe"), EnvVariable("password", None, "env/Production/password"))
    assert dump_environment(env) == FIRST_RELEASE_ENVIRONMENT


def test_environment_round_trip_keeps_the_format_key() -> None:
    env = Environment("Staging", (EnvVariable("base_url", "https://h/{{username}}"), EnvVariable("pw", "", "env/S/pw")))
    text = dump_environment(env)
    assert tomllib.loads(text)["format"] == 1
    again = parse_environment(text)
    assert (again.name, again.variables) == ("Staging", (EnvVariable("base_url", "https://h/{{username}}"),
                                                         EnvVariable("pw", None, "env/S/pw")))
