"""Dragging between rows puts the entry at that place in the folder's order.toml: the tree shows
that order after the rescan and a run runs in it. A drop on a folder still moves the file there."""

from __future__ import annotations

from pathlib import Path

from PySide6 import QtCore

from ctct_desktop.runner import load_source
from ctct_desktop.store.collection_order import read_order
from tests.ui.collections_view.tree_helpers import proxy_index, shown_rows, wait_scanned

MOVE = QtCore.Qt.DropAction.MoveAction


def _children(panel, folder: Path) -> list[str]:  # type: ignore[no-untyped-def]
    return [row.strip() for row in shown_rows(panel, proxy_index(panel, folder))]


def test_a_drop_between_rows_reorders_and_the_run_follows(qtbot, opened, user_collection: Path) -> None:
    contacts = user_collection / "Contacts"
    assert _children(opened, contacts) == ["Create contact", "Get contacts"]
    data = opened.proxy.mimeData([proxy_index(opened, contacts / "Get contacts.ctct.toml")])
    parent = proxy_index(opened, contacts)
    assert opened.proxy.canDropMimeData(data, MOVE, 0, 0, parent)
    opened.proxy.dropMimeData(data, MOVE, 0, 0, parent)  # before the first row
    assert read_order(contacts).names == ("Get contacts.ctct.toml", "Create contact.ctct.toml")
    wait_scanned(qtbot, opened, lambda: _children(opened, contacts) == ["Get contacts", "Create contact"])
    assert [item.name for item in load_source(contacts).items] == ["Contacts / Get contacts",
                                                                   "Contacts / Create contact"]
    # from another folder, between two rows: moved there, at that place
    data = opened.proxy.mimeData([proxy_index(opened, user_collection / "Lists" / "Delete list.ctct.toml")])
    opened.proxy.dropMimeData(data, MOVE, 1, 0, proxy_index(opened, contacts))
    moved = contacts / "Delete list.ctct.toml"
    assert moved.is_file() and not (user_collection / "Lists" / "Delete list.ctct.toml").exists()
    wait_scanned(qtbot, opened, lambda: _children(opened, contacts) == ["Get contacts", "Delete list",
                                                                        "Create contact"])


def test_a_drop_after_the_last_row_puts_it_last(qtbot, opened, user_collection: Path) -> None:
    contacts = user_collection / "Contacts"
    data = opened.proxy.mimeData([proxy_index(opened, contacts / "Create contact.ctct.toml")])
    opened.proxy.dropMimeData(data, MOVE, 2, 0, proxy_index(opened, contacts))
    wait_scanned(qtbot, opened, lambda: _children(opened, contacts) == ["Get contacts", "Create contact"])
    assert read_order(contacts).names == ("Get contacts.ctct.toml", "Create contact.ctct.toml")
