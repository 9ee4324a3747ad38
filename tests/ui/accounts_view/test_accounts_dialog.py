"""The account manager on real widgets: add, edit, remove, the keyring banner, inline validation."""

from __future__ import annotations

import pytest
from PySide6 import QtWidgets

from ctct_desktop.credentials.accounts import AccountManager
from ctct_desktop.credentials.model import Account, AccountKind, AccountSecrets
from ctct_desktop.credentials.secrets import SESSION_NOTE
from ctct_desktop.ui.accounts_view import AccountsDialog
from ctct_desktop.ui.accounts_view.editor import UNCHANGED
from ctct_desktop.ui.accounts_view.presentation import NOT_SAVED_TEXT, SAVED_TEXT
from tests.credentials.memory_backend import MemoryKeyring
from tests.ui.accounts_view.helpers import click, save_button, type_into, visible_errors

YES = QtWidgets.QMessageBox.StandardButton.Yes
CANCEL = QtWidgets.QMessageBox.StandardButton.Cancel


def _dialog(qtbot, manager: AccountManager, **kwargs: object) -> AccountsDialog:  # type: ignore[no-untyped-def]
    dialog = AccountsDialog(manager, **kwargs)  # type: ignore[arg-type]
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def _rows(dialog: AccountsDialog) -> list[list[str]]:
    tree = dialog.list
    return [[tree.topLevelItem(i).text(c) for c in range(tree.columnCount())]
            for i in range(tree.topLevelItemCount())]


def _add_v1(qtbot, dialog: AccountsDialog, name: str = "joe") -> None:  # type: ignore[no-untyped-def]
    click(qtbot, dialog.add_button)
    editor = dialog.editor
    assert editor is not None and editor.current_kind is AccountKind.V1_BASIC
    type_into(qtbot, editor.name, name)
    type_into(qtbot, editor.username, "joesflowers")
    type_into(qtbot, editor.secret_fields["api_key"], "the-key")
    type_into(qtbot, editor.secret_fields["password"], "the-password")
    with qtbot.waitSignal(dialog.accounts_changed, timeout=5000):
        click(qtbot, save_button(editor))


def test_add_through_the_editor_saves_secrets_in_the_keyring(qtbot, saved_manager: AccountManager,
                                                             keyring_backend: MemoryKeyring) -> None:
    dialog = _dialog(qtbot, saved_manager)
    assert dialog.empty_note.isVisible() and dialog.banner.isHidden()
    _add_v1(qtbot, dialog)
    assert _rows(dialog) == [["joe", "v1 Basic", "joesflowers", "", SAVED_TEXT]]
    assert keyring_backend.entries[("ctct-desktop", "account/joe/api_key")] == "the-key"
    assert keyring_backend.entries[("ctct-desktop", "account/joe/password")] == "the-password"
    assert "the-key" not in saved_manager.path.read_text()
    assert dialog.selected_name() == "joe" and not dialog.empty_note.isVisible()


def test_secret_fields_are_hidden_until_show_is_toggled(qtbot, saved_manager: AccountManager) -> None:
    dialog = _dialog(qtbot, saved_manager)
    editor = dialog.add_account()
    field = editor.secret_fields["password"]
    assert field.edit.echoMode() == QtWidgets.QLineEdit.EchoMode.Password
    click(qtbot, field.show_button)
    assert field.edit.echoMode() == QtWidgets.QLineEdit.EchoMode.Normal
    click(qtbot, field.show_button)
    assert field.edit.echoMode() == QtWidgets.QLineEdit.EchoMode.Password


def test_the_form_follows_the_kind(qtbot, saved_manager: AccountManager) -> None:
    editor = _dialog(qtbot, saved_manager).add_account()

    def shown() -> set[str]:
        return {name for name, box in editor.boxes.items() if editor.form.isRowVisible(box)}

    assert shown() == {"name", "username", "api_key", "password"}
    editor.kind.setCurrentIndex(editor.kind.findData(AccountKind.V3))
    assert shown() == {"name", "client_id", "client_secret", "access_token", "refresh_token", "expires"}
    editor.kind.setCurrentIndex(editor.kind.findData(AccountKind.V2))
    assert shown() == {"name", "api_key", "access_token"}


def test_inline_validation_blocks_the_save(qtbot, saved_manager: AccountManager) -> None:
    saved_manager.add(Account("taken", AccountKind.OAUTH2_TOKEN), AccountSecrets(access_token="t"))
    dialog = _dialog(qtbot, saved_manager)
    editor = dialog.add_account()
    type_into(qtbot, editor.username, "key%joesflowers")
    assert set(visible_errors(editor)) == {"username"}  # only what was typed in, before Save
    click(qtbot, save_button(editor))
    errors = visible_errors(editor)
    assert set(errors) == {"name", "username", "api_key", "password"}
    assert "apikey%username" in errors["username"]
    type_into(qtbot, editor.name, "TAKEN")
    assert "already exists" in visible_errors(editor)["name"]
    qtbot.wait(100)
    assert editor.isVisible() and editor.saved_account is None
    assert [a.name for a in saved_manager.list()] == ["taken"]


def test_edit_keeps_unchanged_secrets_and_overwrites_typed_ones(qtbot, saved_manager: AccountManager) -> None:
    saved_manager.add(Account("joe", AccountKind.V1_BASIC, username="joesflowers"),
                      AccountSecrets(api_key="old-key", password="old-pw"))
    dialog = _dialog(qtbot, saved_manager)
    dialog.select("joe")
    click(qtbot, dialog.edit_button)
    editor = dialog.editor
    assert editor is not None and editor.name.text() == "joe"
    assert editor.secret_fields["api_key"].text() == ""
    assert editor.secret_fields["api_key"].placeholderText() == UNCHANGED
    type_into(qtbot, editor.secret_fields["password"], "new-pw")
    type_into(qtbot, editor.name, "joe-renamed")
    with qtbot.waitSignal(dialog.accounts_changed, timeout=5000):
        click(qtbot, save_button(editor))
    assert [a.name for a in saved_manager.list()] == ["joe-renamed"]
    assert saved_manager.secrets("joe-renamed") == AccountSecrets(api_key="old-key", password="new-pw")
    assert dialog.selected_name() == "joe-renamed"


def test_edit_a_v3_account_keeps_its_expiry_and_tokens(qtbot, saved_manager: AccountManager) -> None:
    saved_manager.add(Account("v3", AccountKind.V3, client_id="cid", expires_at=1_900_000_000.0,
                              auth_server="http://127.0.0.1:1", scope="contact_data"),
                      AccountSecrets(access_token="at", refresh_token="rt"))
    dialog = _dialog(qtbot, saved_manager)
    dialog.select("v3")
    editor = dialog.edit_account()
    assert editor is not None and editor.expires.isChecked()
    type_into(qtbot, editor.client_id, "cid-2")
    with qtbot.waitSignal(dialog.accounts_changed, timeout=5000):
        click(qtbot, save_button(editor))
    account = saved_manager.get("v3")
    assert (account.client_id, account.expires_at, account.scope) == ("cid-2", 1_900_000_000.0, "contact_data")
    assert saved_manager.secrets("v3") == AccountSecrets(access_token="at", refresh_token="rt")


@pytest.mark.parametrize("answer", [YES, CANCEL])
def test_remove_asks_first_and_deletes_the_keyring_entries(qtbot, saved_manager: AccountManager,
                                                           keyring_backend: MemoryKeyring, monkeypatch,
                                                           answer: QtWidgets.QMessageBox.StandardButton) -> None:
    saved_manager.add(Account("joe", AccountKind.V1_BASIC, username="joesflowers"),
                      AccountSecrets(api_key="k", password="p"))
    asked: list[str] = []

    def question(parent, title, text, *args):  # type: ignore[no-untyped-def]
        asked.append(text)
        return answer

    monkeypatch.setattr(QtWidgets.QMessageBox, "question", question)
    dialog = _dialog(qtbot, saved_manager)
    dialog.select("joe")
    if answer == YES:
        with qtbot.waitSignal(dialog.accounts_changed, timeout=5000):
            click(qtbot, dialog.remove_button)
        assert saved_manager.list() == [] and keyring_backend.entries == {}
        assert _rows(dialog) == [] and "Removed 'joe'" in dialog.status.text()
    else:
        click(qtbot, dialog.remove_button)
        qtbot.wait(100)
        assert [a.name for a in saved_manager.list()] == ["joe"] and len(keyring_backend.entries) == 2
    assert len(asked) == 1 and "keyring" in asked[0]


def test_no_keyring_banner_and_not_saved_marker(qtbot, session_manager: AccountManager) -> None:
    dialog = _dialog(qtbot, session_manager)
    assert dialog.banner.isVisible()
    assert dialog.banner.text.text() == SESSION_NOTE  # at once, before the keyring is asked
    qtbot.waitUntil(lambda: dialog.banner.text.text() != SESSION_NOTE, timeout=5000)
    assert "this session only" in dialog.banner.text.text()
    _add_v1(qtbot, dialog, "temp")
    assert _rows(dialog)[0][4] == NOT_SAVED_TEXT
    assert "session only" in dialog.status.text()
    assert not session_manager.path.exists()


def test_a_failing_keyring_is_reported_and_the_editor_stays_open(qtbot, tmp_path) -> None:  # type: ignore[no-untyped-def]
    class LockedKeyring(MemoryKeyring):
        def set_password(self, service: str, username: str, password: str) -> None:
            raise RuntimeError("the collection is locked")

    from ctct_desktop.credentials.secrets import KeyringSecretStore

    manager = AccountManager(KeyringSecretStore(LockedKeyring()), path=tmp_path / "accounts.json")
    dialog = _dialog(qtbot, manager)
    editor = dialog.add_account()
    editor.kind.setCurrentIndex(editor.kind.findData(AccountKind.OAUTH2_TOKEN))
    type_into(qtbot, editor.name, "tok")
    type_into(qtbot, editor.secret_fields["access_token"], "abc")
    click(qtbot, save_button(editor))
    qtbot.waitUntil(lambda: editor.failure.isVisible(), timeout=5000)
    assert "locked" in editor.failure.text() and "Not saved" in editor.failure.text()
    assert editor.isVisible() and save_button(editor).isEnabled()
    assert manager.list() == []


def test_a_damaged_accounts_file_is_reported_not_raised(qtbot, saved_manager: AccountManager) -> None:
    saved_manager.path.write_text("{ not json", encoding="utf-8")
    dialog = _dialog(qtbot, saved_manager)
    assert _rows(dialog) == [] and "could not be read" in dialog.status.text()
    assert str(saved_manager.path) in dialog.status.text()
    signin = dialog.sign_in()
    type_into(qtbot, signin.form.name, "x")  # the name check reads the file too
    assert signin.form.name_note.text() == ""
