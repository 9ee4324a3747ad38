"""New, rename, duplicate, delete (with confirm and undo), Save as, reveal: through the panel's
API and through its actions, on real files."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6 import QtCore, QtWidgets

from ctct_desktop.store.request_file import load_request
from ctct_desktop.ui.collections_view import dialogs
from tests.ui.collections_view.tree_helpers import names, wait_scanned


def test_new_request_and_folder_with_names(qtbot, opened, user_collection: Path) -> None:
    created = opened.commands.new_request(user_collection / "Lists", "Add members")
    assert created == user_collection / "Lists" / "Add members.ctct.toml" and created.is_file()
    folder = opened.commands.new_folder(user_collection, "Campaigns")
    assert folder is not None and folder.is_dir()
    wait_scanned(qtbot, opened, lambda: "Add members" in names(opened) and "Campaigns" in names(opened))
    assert opened.current_path() == folder  # the last created is selected


def test_new_request_action_uses_a_free_name_and_opens_the_inline_editor(qtbot, opened, user_collection) -> None:
    assert opened.select_path(user_collection / "Contacts")
    opened.panel_actions.new_request.trigger()
    path = user_collection / "Contacts" / "New request.ctct.toml"
    wait_scanned(qtbot, opened, lambda: opened.current_path() == path)
    qtbot.waitUntil(lambda: opened.view.state() == QtWidgets.QAbstractItemView.State.EditingState, timeout=3000)
    editor = QtWidgets.QApplication.focusWidget()
    assert isinstance(editor, QtWidgets.QLineEdit) and editor.text() == "New request"
    editor.selectAll()
    qtbot.keyClicks(editor, "Find by email")
    qtbot.keyClick(editor, QtCore.Qt.Key.Key_Return)
    renamed = user_collection / "Contacts" / "Find by email.ctct.toml"
    wait_scanned(qtbot, opened, lambda: opened.current_path() == renamed)
    assert not path.exists() and load_request(renamed).name == "Find by email"
    opened.select_path(user_collection / "Contacts")
    opened.panel_actions.new_request.trigger()  # "New request" is free again after the rename
    wait_scanned(qtbot, opened, lambda: opened.current_path() == path)


def test_rename_with_f2_and_a_clash_is_explained(qtbot, opened, user_collection: Path) -> None:
    source = user_collection / "Contacts" / "Get contacts.ctct.toml"
    opened.select_path(source)
    opened.view.setFocus()
    qtbot.keyClick(opened.view, QtCore.Qt.Key.Key_F2)
    editor = QtWidgets.QApplication.focusWidget()
    assert isinstance(editor, QtWidgets.QLineEdit)
    editor.setText("Create contact")  # taken
    qtbot.keyClick(editor, QtCore.Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: "already exists" in opened.messages.text, timeout=3000)
    assert source.exists()
    assert opened.commands.rename(source, "List contacts") == source.with_name("List contacts.ctct.toml")
    wait_scanned(qtbot, opened, lambda: "List contacts" in names(opened))


def test_duplicate_from_the_context_action(qtbot, opened, user_collection: Path) -> None:
    opened.select_path(user_collection / "Lists" / "Delete list.ctct.toml")
    opened.panel_actions.duplicate.trigger()
    copy = user_collection / "Lists" / "Delete list copy.ctct.toml"
    wait_scanned(qtbot, opened, lambda: opened.current_path() == copy)
    assert load_request(copy).request.url == "{{base_url}}/lists/7"


def test_delete_asks_first_and_undo_brings_it_back(qtbot, opened, user_collection: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    target = user_collection / "Contacts"
    questions: list[str] = []
    monkeypatch.setattr(dialogs, "confirm", lambda _parent, _title, text: questions.append(text) or False)
    opened.select_path(target)
    opened.view.setFocus()
    qtbot.keyClick(opened.view, QtCore.Qt.Key.Key_Delete)
    assert questions and "Contacts" in questions[0] and target.is_dir()  # declined: still there

    monkeypatch.setattr(dialogs, "confirm", lambda *_args: True)
    qtbot.keyClick(opened.view, QtCore.Qt.Key.Key_Delete)
    wait_scanned(qtbot, opened, lambda: "Get contacts" not in names(opened))
    assert not target.exists()
    trashed = list((user_collection / ".trash").iterdir())
    assert any(p.name.endswith(" Contacts") for p in trashed)
    assert opened.panel_actions.undo_delete.isEnabled()
    opened.panel_actions.undo_delete.trigger()
    wait_scanned(qtbot, opened, lambda: "Get contacts" in names(opened))
    assert (target / "Get contacts.ctct.toml").is_file()


def test_the_real_confirmation_dialog_is_answered(qtbot, opened, user_collection: Path) -> None:
    """Drive the real QMessageBox: answer No with the keyboard once it is up."""
    def answer_no() -> None:
        box = QtWidgets.QApplication.activeModalWidget()
        if isinstance(box, QtWidgets.QMessageBox):
            box.button(QtWidgets.QMessageBox.StandardButton.No).click()
        else:
            QtCore.QTimer.singleShot(20, answer_no)

    QtCore.QTimer.singleShot(20, answer_no)
    assert opened.commands.delete(user_collection / "Service document.ctct.toml") is None
    assert (user_collection / "Service document.ctct.toml").exists()


def test_templates_are_read_only_through_every_command(qtbot, opened, monkeypatch: pytest.MonkeyPatch) -> None:
    templates = opened.templates_root()
    template = next(templates.rglob("*.ctct.toml"))
    before = sorted(p.name for p in template.parent.iterdir())
    monkeypatch.setattr(dialogs, "confirm", lambda *_args: True)
    assert opened.commands.new_request(template.parent, "Mine") is None
    assert "read-only" in opened.messages.text
    assert opened.commands.rename(template, "Renamed") is None
    assert opened.commands.delete(template) is None
    assert opened.commands.duplicate(template) is None
    assert not opened.model.setData(opened.model.index_of_path(template), "Renamed")
    assert sorted(p.name for p in template.parent.iterdir()) == before
    opened.select_path(template)
    assert not opened.panel_actions.delete.isEnabled() and not opened.panel_actions.rename.isEnabled()
    assert opened.panel_actions.save_as.isEnabled()


def test_save_as_copies_a_template_into_the_chosen_folder(qtbot, opened, user_collection: Path,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    template = opened.templates_root() / "v1" / "Contacts" / "Get contact.ctct.toml"
    offered: list[tuple[list[str], str]] = []

    def choose(_parent, destinations, name):  # type: ignore[no-untyped-def]
        offered.append(([d.label for d in destinations], name))
        return dialogs.SaveAsChoice(user_collection / "Contacts", "Get one contact")

    monkeypatch.setattr(dialogs, "ask_save_as", choose)
    opened.select_path(template)
    opened.panel_actions.save_as.trigger()
    copy = user_collection / "Contacts" / "Get one contact.ctct.toml"
    wait_scanned(qtbot, opened, lambda: opened.current_path() == copy)
    labels, name = offered[0]
    assert name == "Get contact" and "Flower shop / Contacts" in labels and "Flower shop" in labels
    assert load_request(copy).request == load_request(template).request
    assert opened.commands.save_as(template, user_collection / "Contacts") == copy.with_name("Get contact.ctct.toml")


def test_reveal_opens_the_folder(opened, user_collection: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    shown: list[Path] = []
    monkeypatch.setattr(dialogs, "reveal_in_file_manager", lambda path: shown.append(path) or True)
    opened.select_path(user_collection / "Lists" / "Delete list.ctct.toml")
    opened.panel_actions.reveal.trigger()
    assert shown == [user_collection / "Lists" / "Delete list.ctct.toml"]


def test_open_new_and_close_collections(qtbot, panel, tmp_path: Path, user_collection: Path,
                                        monkeypatch: pytest.MonkeyPatch) -> None:
    opened_signals: list[Path] = []
    closed_signals: list[Path] = []
    panel.collection_opened.connect(opened_signals.append)
    panel.collection_closed.connect(closed_signals.append)
    monkeypatch.setattr(dialogs, "ask_folder", lambda *_args: user_collection)
    panel.panel_actions.open_collection.trigger()
    wait_scanned(qtbot, panel, lambda: "Flower shop" in names(panel))
    fresh = tmp_path / "team requests"
    monkeypatch.setattr(dialogs, "ask_folder", lambda *_args: fresh)
    monkeypatch.setattr(dialogs, "ask_text", lambda *_args: "Team")
    panel.panel_actions.new_collection.trigger()
    wait_scanned(qtbot, panel, lambda: "Team" in names(panel))
    assert (fresh / "collection.toml").is_file()
    assert panel.open_collections() == [user_collection, fresh.resolve()]
    assert opened_signals == [user_collection, fresh.resolve()]
    panel.remove_collection(user_collection)
    assert closed_signals == [user_collection] and "Flower shop" not in names(panel)
    assert user_collection.is_dir()  # closing never deletes


def test_opening_something_that_is_not_a_folder_is_explained(panel, tmp_path: Path) -> None:
    problems: list[str] = []
    panel.problem.connect(problems.append)
    assert not panel.add_collection(tmp_path / "missing")
    assert problems and "not a folder" in problems[0] and "not a folder" in panel.messages.text


def test_enter_opens_the_request(qtbot, opened, user_collection: Path) -> None:
    received: list[object] = []
    opened.request_opened.connect(received.append)
    path = user_collection / "Contacts" / "Create contact.ctct.toml"
    opened.select_path(path)
    opened.view.setFocus()
    qtbot.keyClick(opened.view, QtCore.Qt.Key.Key_Return)
    assert len(received) == 1
    saved = received[0]
    assert saved.path == path and saved.request.method == "POST" and saved.request.body == "<entry/>"


def test_renames_moves_and_deletes_are_announced_for_open_editors(qtbot, opened, user_collection: Path,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    from ctct_desktop.ui.collections_view import PathChange

    changes: list[PathChange] = []
    opened.path_changed.connect(changes.append)
    request = user_collection / "Contacts" / "Get contacts.ctct.toml"
    folder = opened.commands.rename(user_collection / "Contacts", "People")
    assert changes == [PathChange(user_collection / "Contacts", folder)]
    assert changes[0].follow(request) == folder / "Get contacts.ctct.toml"
    assert changes[0].follow(user_collection / "Lists") == user_collection / "Lists"
    wait_scanned(qtbot, opened, lambda: "People" in names(opened))
    assert opened.model.setData(opened.model.index_of_path(folder / "Get contacts.ctct.toml"), "All contacts")
    assert changes[-1] == PathChange(folder / "Get contacts.ctct.toml", folder / "All contacts.ctct.toml")
    monkeypatch.setattr(dialogs, "confirm", lambda *_args: True)
    wait_scanned(qtbot, opened, lambda: "All contacts" in names(opened))
    opened.commands.delete(folder / "All contacts.ctct.toml")
    assert changes[-1] == PathChange(folder / "All contacts.ctct.toml", None)
    assert changes[-1].follow(folder / "All contacts.ctct.toml") is None


def test_saving_the_editors_request_as_a_new_file(qtbot, opened, user_collection: Path) -> None:
    from ctct_desktop.core.models import RequestModel

    model = RequestModel(method="PUT", url="{{base_url}}/contacts/{{contact_id}}", body="<entry/>")
    path = opened.commands.new_request(user_collection / "Contacts", "Update contact", model, "Keeps all lists.")
    saved = load_request(path)
    assert saved.request == model and saved.description == "Keeps all lists."
    wait_scanned(qtbot, opened, lambda: opened.current_path() == path)
    assert not opened.is_read_only(path)
    assert opened.is_read_only(opened.templates_root() / "v1" / "Contacts" / "Get contact.ctct.toml")
