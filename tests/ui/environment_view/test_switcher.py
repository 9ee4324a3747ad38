"""The environment switcher on real files: built-ins, user environments, secrets from a store."""

from __future__ import annotations

from pathlib import Path

import pytest

from ctct_desktop.credentials.secrets import MemorySecretStore
from ctct_desktop.store.builtin_environments import SANDBOX_ENV_NAME, V1_PRESET, V2_PRESET, V3_PRESET
from ctct_desktop.store.collection import create_collection
from ctct_desktop.store.environment import Environment, EnvVariable, environment_path, save_environment
from ctct_desktop.ui.environment_view import EnvironmentSwitcher

SANDBOX = "http://127.0.0.1:8765"


@pytest.fixture
def store() -> MemorySecretStore:
    return MemorySecretStore()


def _collection(tmp_path: Path, name: str, store: MemorySecretStore) -> Path:
    root = tmp_path / name.lower()
    root.mkdir()
    create_collection(root, name)
    env = Environment("Production", (EnvVariable("username", "joesflowers"),
                                     EnvVariable("password", "s3cret!", f"env/{name}/Production/password")))
    save_environment(environment_path(root, "Production"), env, store)
    return root


def test_built_ins_are_listed_with_the_sandbox_first(qtbot, store: MemorySecretStore) -> None:
    switcher = EnvironmentSwitcher(store=store, sandbox_url=SANDBOX)
    qtbot.addWidget(switcher)
    names = [env.name for env in switcher.environments()]
    assert names == [SANDBOX_ENV_NAME, V1_PRESET, V2_PRESET, V3_PRESET]
    current = switcher.current_environment()
    assert current is not None and current.name == SANDBOX_ENV_NAME and current.builtin
    assert current.values()["base_url"].startswith(SANDBOX)
    assert switcher.currentText() == SANDBOX_ENV_NAME


def test_user_environments_follow_with_secrets_from_the_store(qtbot, tmp_path: Path, store) -> None:
    root = _collection(tmp_path, "Shop", store)
    switcher = EnvironmentSwitcher(store=store, sandbox_url=SANDBOX)
    qtbot.addWidget(switcher)
    changes: list[Environment] = []
    switcher.environment_changed.connect(changes.append)
    switcher.set_collections([root])
    assert [c.label for c in switcher.choices()][-1] == "Production"
    assert changes == []  # the sandbox stays current: nothing to announce
    with qtbot.waitSignal(switcher.environment_changed) as blocker:
        assert switcher.select("production")
    env = blocker.args[0]
    assert env.values() == {"username": "joesflowers", "password": "s3cret!"}
    tip = switcher.itemData(switcher.currentIndex(), 3)  # ToolTipRole
    assert "s3cret!" not in tip and "password = ••••••••" in tip


def test_the_choice_survives_a_reload_and_falls_back_when_deleted(qtbot, tmp_path: Path, store) -> None:
    root = _collection(tmp_path, "Shop", store)
    switcher = EnvironmentSwitcher(store=store, sandbox_url=SANDBOX)
    qtbot.addWidget(switcher)
    switcher.set_collections([root])
    switcher.select("Production")
    switcher.set_sandbox_url("http://127.0.0.1:9999")
    assert switcher.current_environment().name == "Production"
    environment_path(root, "Production").unlink()
    with qtbot.waitSignal(switcher.environment_changed) as blocker:
        switcher.reload()
    assert blocker.args[0].name == SANDBOX_ENV_NAME
    assert blocker.args[0].values()["base_url"].startswith("http://127.0.0.1:9999")


def test_two_collections_are_told_apart_and_bad_files_reported(qtbot, tmp_path: Path, store) -> None:
    shop, agency = _collection(tmp_path, "Shop", store), _collection(tmp_path, "Agency", store)
    (agency / "environments" / "Broken.toml").write_text("format = 1\n[variables]\nx = [1]\n", encoding="utf-8")
    switcher = EnvironmentSwitcher(store=store, sandbox_url=SANDBOX)
    qtbot.addWidget(switcher)
    problems: list[str] = []
    switcher.problem.connect(problems.append)
    switcher.set_collections([shop, agency])
    labels = [c.label for c in switcher.choices() if not c.environment.builtin]
    assert labels == ["Production — Shop", "Production — Agency"]
    assert len(problems) == 1 and "Broken.toml" in problems[0]
    assert switcher.select("Production", agency)
    assert switcher.current_choice().collection_root == agency


def test_a_secret_missing_from_the_store_stays_unresolved(qtbot, tmp_path: Path, store) -> None:
    root = _collection(tmp_path, "Shop", store)
    switcher = EnvironmentSwitcher(store=MemorySecretStore(), sandbox_url=SANDBOX)  # an empty keyring
    qtbot.addWidget(switcher)
    switcher.set_collections([root])
    switcher.select("Production")
    env = switcher.current_environment()
    assert env.missing_secrets() == ("password",) and "password" not in env.values()
    assert "secret not in the keyring" in switcher.itemData(switcher.currentIndex(), 3)


def test_editing_without_a_collection_is_explained(qtbot, store) -> None:
    switcher = EnvironmentSwitcher(store=store, sandbox_url=SANDBOX)
    qtbot.addWidget(switcher)
    with qtbot.waitSignal(switcher.problem) as blocker:
        assert switcher.edit_current() is None
    assert "Open a collection first" in blocker.args[0]


def test_environment_files_changed_on_disk_are_picked_up(qtbot, tmp_path: Path, store) -> None:
    root = tmp_path / "fresh"
    root.mkdir()
    create_collection(root, "Fresh")  # no environments folder yet
    switcher = EnvironmentSwitcher(store=store, sandbox_url=SANDBOX)
    qtbot.addWidget(switcher)
    switcher.set_collections([root])
    save_environment(environment_path(root, "Staging"), Environment("Staging", (EnvVariable("a", "1"),)))
    qtbot.waitUntil(lambda: "Staging" in [c.label for c in switcher.choices()], timeout=5000)
    switcher.select("Staging")
    save_environment(environment_path(root, "Staging"), Environment("Staging", (EnvVariable("a", "2"),)))
    qtbot.waitUntil(lambda: switcher.current_environment().values() == {"a": "2"}, timeout=5000)
