"""File → Ticket: the ticket view's commands in the window's menu and in the F1 list, enabled only
while a ticket view is shown, their keys working wherever the focus is in the window."""

from __future__ import annotations

from typing import Any

from PySide6 import QtCore, QtWidgets

from ctct_desktop.tickets.model import ExchangeMark
from ctct_desktop.tickets.ticket_file import load_ticket
from tests.ui.ticket_view.support import ALT_CTRL, open_collection, open_from_tree, t1_with_two_exchanges

TICKET_COMMANDS = {"Reproduce on the sandbox": "Ctrl+Alt+R", "Cancel reproduction": "Esc",
                   "Compare exchanges": "Ctrl+Alt+D", "Mark as failing": "Ctrl+Alt+1",
                   "Mark as known-good": "Ctrl+Alt+2", "Unmark": "Ctrl+Alt+0"}


def _ticket_menu(window: Any) -> QtWidgets.QMenu:
    menus = [a.menu() for a in window.menus["file"].actions() if a.menu() is not None]
    found = [m for m in menus if m.title().replace("&", "") == "Ticket"]
    assert len(found) == 1, "File holds one Ticket submenu"
    return found[0]


def _entries(window: Any) -> dict[str, Any]:
    return {a.text().replace("&", "").split("\t")[0]: a for a in _ticket_menu(window).actions() if not a.isSeparator()}


def _marks(folder: Any) -> list[ExchangeMark]:
    return [e.mark for e in load_ticket(folder).exchanges]


def test_the_ticket_commands_are_listed_by_f1_with_their_keys(qtbot, workbench) -> None:  # type: ignore[no-untyped-def]
    from ctct_desktop.ui.dialogs import shortcuts_dialog

    dialog = shortcuts_dialog(workbench.window, workbench.window.shortcut_actions())
    qtbot.addWidget(dialog)
    table = dialog.findChild(QtWidgets.QTableWidget)
    rows = {table.item(r, 0).text(): table.item(r, 1).text() for r in range(table.rowCount())}
    for command, keys in {**TICKET_COMMANDS, "New ticket…": "Ctrl+Alt+N"}.items():
        assert rows.get(command) == keys, command


def test_the_ticket_menu_acts_on_the_shown_ticket_and_only_then(qtbot, workbench, tmp_path) -> None:  # type: ignore[no-untyped-def]
    window = workbench.window
    entries = _entries(window)
    assert {name: entries[name].shortcut().toString() or entries[name].text().split("\t")[1]
            for name in TICKET_COMMANDS} == TICKET_COMMANDS
    assert not any(action.isEnabled() for action in entries.values()), "no ticket is shown yet"
    root = open_collection(qtbot, workbench, tmp_path / "Support")
    folder = t1_with_two_exchanges(root / "T1")
    view = open_from_tree(qtbot, workbench, folder)
    window.activateWindow()
    assert entries["Reproduce on the sandbox"].isEnabled() and entries["Compare exchanges"].isEnabled()
    assert entries["Mark as failing"].isEnabled() and not entries["Cancel reproduction"].isEnabled()
    assert not entries["Keep reproduced exchanges"].isEnabled(), "nothing was reproduced yet"
    # the mark keys from the exchange list (the window's actions: no second action on the same key)
    files = [e.file for e in load_ticket(folder).exchanges]
    view.exchanges.select_files(files[:1])
    view.exchanges.setFocus()
    qtbot.keyClick(view.exchanges, QtCore.Qt.Key.Key_1, ALT_CTRL)
    assert _marks(folder) == [ExchangeMark.FAILING, ExchangeMark.OTHER]
    view.exchanges.select_files(files[1:])
    qtbot.keyClick(view.exchanges, QtCore.Qt.Key.Key_2, ALT_CTRL)
    assert _marks(folder) == [ExchangeMark.FAILING, ExchangeMark.KNOWN_GOOD]
    assert view.exchanges.topLevelItem(1).text(0) == "✓ known-good"
    # a mark with nothing selected says what to do
    view.exchanges.clearSelection()
    entries["Unmark"].trigger()
    assert _marks(folder) == [ExchangeMark.FAILING, ExchangeMark.KNOWN_GOOD]
    assert view.info.text().startswith("Select the exchanges to mark")
    # Compare from the URL field: the key works with the focus outside the ticket view
    view.exchanges.select_files(files)
    window.request_editor.url.setFocus()
    qtbot.keyClick(window.request_editor.url, QtCore.Qt.Key.Key_D, ALT_CTRL)
    diff = view.diff_window
    assert diff is not None
    qtbot.waitUntil(lambda: diff.comparison is not None, timeout=10_000)
    assert diff.sides.text() == f"A: {files[0]} (failing)\nB: {files[1]} (known-good)"
    assert any("namespace" in " ".join(row).lower() for row in diff.rows())
    diff.close()
    # the dock closed: every entry is disabled and the keys do nothing
    workbench.tickets.dock.toggleViewAction().trigger()
    assert not workbench.tickets.dock.isVisible()
    assert not any(action.isEnabled() for action in entries.values())
    window.request_editor.url.setFocus()
    qtbot.keyClick(window.request_editor.url, QtCore.Qt.Key.Key_0, ALT_CTRL)
    assert _marks(folder) == [ExchangeMark.FAILING, ExchangeMark.KNOWN_GOOD]
    # shown again: enabled again
    workbench.tickets.dock.toggleViewAction().trigger()
    assert entries["Compare exchanges"].isEnabled() and entries["Reproduce on the sandbox"].isEnabled()
    # the exchange list's context menu offers the window's actions (with their keys)
    assert view.exchanges.menu_actions() == workbench.tickets.mark_actions


def _letter(text: str) -> str:
    at = text.find("&")
    return text[at + 1].lower() if at >= 0 and at + 1 < len(text) else ""


def test_the_ticket_entries_have_alt_letters_of_their_own(workbench) -> None:  # type: ignore[no-untyped-def]
    """In a menu, a letter two entries share opens neither: it only moves between them."""
    file_menu = workbench.window.menus["file"]
    ours = set(workbench.tickets.actions())
    letters = {a: _letter(a.text()) for a in file_menu.actions() if not a.isSeparator()}
    taken_by_others = {letter for a, letter in letters.items() if a not in ours}
    for action in ours:
        assert letters[action] and letters[action] not in taken_by_others, action.text()
    assert len({letters[a] for a in ours}) == len(ours)
    submenu = [_letter(a.text()) for a in _ticket_menu(workbench.window).actions() if not a.isSeparator()]
    assert all(submenu) and len(set(submenu)) == len(submenu), submenu
