"""The environment editor: masked secrets into the store, references in the file, validation."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6 import QtCore, QtWidgets

from ctct_desktop.credentials.secrets import MemorySecretStore
from ctct_desktop.store.builtin_environments import preset_environments
from ctct_desktop.store.collection import create_collection
from ctct_desktop.store.environment import (
    Environment,
    EnvVariable,
    environment_path,
    load_environment,
    save_environment,
)
from ctct_desktop.ui.environment_view import EnvironmentEditor, EnvironmentSwitcher
from ctct_desktop.ui.environment_view.editor_dialog import NAME, NOT_SAVED_NOTE, SECRET, VALUE


class PersistentStore(MemorySecretStore):
    persistent = True


@pytest.fixture
def root(tmp_path: Path) -> Path:
    folder = tmp_path / "shop"
    folder.mkdir()
    create_collection(folder, "Shop")
    return folder


def _set(dialog: EnvironmentEditor, row: int, column: int, value: str) -> None:
    dialog.table.item(row, column).setData(QtCore.Qt.ItemDataRole.EditRole, value)


def test_a_new_environment_with_a_secret(qtbot, root: Path) -> None:
    store = PersistentStore()
    dialog = EnvironmentEditor(None, root, store)
    qtbot.addWidget(dialog)
    assert dialog.note.isHidden()
    dialog.name.setText("Production")
    dialog.add_row("username", "joesflowers", False)
    row = dialog.add_row("password", "", True)
    _set(dialog, row, VALUE, "s3cret!")
    with qtbot.waitSignal(dialog.saved) as blocker:
        dialog.buttons.button(QtWidgets.QDialogButtonBox.StandardButton.Save).click()
    written = blocker.args[0]
    path = environment_path(root, "Production")
    text = path.read_text(encoding="utf-8")
    assert "s3cret!" not in text and 'username = "joesflowers"' in text and "secret =" in text
    ref = next(v.secret_ref for v in written.variables if v.name == "password")
    assert store.get(ref) == "s3cret!"
    assert load_environment(path, store).values() == {"username": "joesflowers", "password": "s3cret!"}
    assert dialog.result() == QtWidgets.QDialog.DialogCode.Accepted


def test_secret_values_are_masked_and_edited_in_a_password_field(qtbot, root: Path) -> None:
    env = Environment("Production", (EnvVariable("api_key", "ak-12345", "env/Shop/Production/api_key"),))
    dialog = EnvironmentEditor(env, root, PersistentStore())
    qtbot.addWidget(dialog)
    dialog.show()
    index = dialog.table.model().index(0, VALUE)
    option = QtWidgets.QStyleOptionViewItem()
    dialog.delegate.initStyleOption(option, index)
    assert option.text == "••••••••"
    editor = dialog.delegate.createEditor(dialog.table.viewport(), option, index)
    assert isinstance(editor, QtWidgets.QLineEdit)
    assert editor.echoMode() == QtWidgets.QLineEdit.EchoMode.Password
    dialog.delegate.setEditorData(editor, index)
    assert editor.text() == "ak-12345"
    dialog.reveal.setChecked(True)
    shown = QtWidgets.QStyleOptionViewItem()
    dialog.delegate.initStyleOption(shown, index)
    assert shown.text == "ak-12345"


def test_without_a_keyring_the_dialog_says_not_saved(qtbot, root: Path) -> None:
    dialog = EnvironmentEditor(None, root, MemorySecretStore())
    qtbot.addWidget(dialog)
    assert not dialog.note.isHidden() and dialog.note.text() == NOT_SAVED_NOTE


def test_invalid_rows_are_explained_and_nothing_is_written(qtbot, root: Path) -> None:
    dialog = EnvironmentEditor(None, root, PersistentStore())
    qtbot.addWidget(dialog)
    dialog.name.setText("Staging")
    dialog.add_row("base url", "x", False)
    assert dialog.save() is None
    assert "not a variable name" in dialog.error.text()
    _set(dialog, 0, NAME, "base_url")
    dialog.add_row("base_url", "y", False)
    assert dialog.save() is None and "defined twice" in dialog.error.text()
    dialog.name.setText("../evil")
    assert dialog.save() is None and "Environment name" in dialog.error.text()
    assert not (root / "environments").exists()


def test_editing_a_preset_makes_a_copy(qtbot, root: Path) -> None:
    preset = preset_environments()[0]
    dialog = EnvironmentEditor(preset, root, PersistentStore())
    qtbot.addWidget(dialog)
    assert dialog.name.text() == f"{preset.name} copy"
    written = dialog.save()
    assert written is not None and not written.builtin
    assert load_environment(environment_path(root, written.name)).values() == preset.values()


def test_a_new_name_that_exists_is_refused(qtbot, root: Path) -> None:
    save_environment(environment_path(root, "Production"), Environment("Production", (EnvVariable("a", "1"),)))
    dialog = EnvironmentEditor(None, root, PersistentStore())
    qtbot.addWidget(dialog)
    dialog.name.setText("Production")
    assert dialog.save() is None and "already exists" in dialog.error.text()


def test_unchecking_secret_forgets_the_keyring_entry(qtbot, root: Path) -> None:
    store = PersistentStore()
    path = environment_path(root, "Production")
    env = save_environment(path, Environment("Production", (EnvVariable("token", "t-1", "env/x/token"),)), store)
    dialog = EnvironmentEditor(load_environment(path, store), root, store)
    qtbot.addWidget(dialog)
    dialog.table.item(0, SECRET).setCheckState(QtCore.Qt.CheckState.Unchecked)
    written = dialog.save()
    assert written is not None and env.path == written.path
    assert store.get("env/x/token") is None
    assert 'token = "t-1"' in path.read_text(encoding="utf-8")


def test_switcher_editor_round_trip(qtbot, root: Path) -> None:
    store = PersistentStore()
    switcher = EnvironmentSwitcher(store=store, sandbox_url="http://127.0.0.1:8765")
    qtbot.addWidget(switcher)
    switcher.set_collections([root])
    dialog = switcher.new_environment()
    assert dialog is not None
    dialog.name.setText("Staging")
    dialog.add_row("base_url", "http://127.0.0.1:8000/ws/customers/joe", False)
    with qtbot.waitSignal(switcher.environment_changed) as blocker:
        dialog.accept()
    assert blocker.args[0].name == "Staging"
    assert switcher.current_environment().values()["base_url"].endswith("/customers/joe")
