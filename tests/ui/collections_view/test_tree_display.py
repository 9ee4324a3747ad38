"""What the tree shows: Templates first and read-only, the user's requests with methods,
tooltips, problems as warning rows, and the filter box."""

from __future__ import annotations

from pathlib import Path

from PySide6 import QtCore

from ctct_desktop.ui.collections_view.badges import METHOD_ROLE
from ctct_desktop.ui.collections_view.items import ItemKind
from tests.ui.collections_view.tree_helpers import names, proxy_index, shown_rows, wait_scanned

Role = QtCore.Qt.ItemDataRole


def test_templates_first_and_marked_read_only_then_the_user_collection(opened, user_collection: Path) -> None:
    top = [opened.proxy.data(opened.proxy.index(r, 0)) for r in range(opened.proxy.rowCount())]
    assert top == ["Templates (read-only)", "Flower shop"]
    rows = shown_rows(opened)
    flower = rows.index("Flower shop")
    assert rows[flower + 1:] == ["  Contacts", "    Create contact", "    Get contacts", "  Lists",
                                 "    Delete list", "  Service document"]
    templates = opened.model.item(opened.model.index(0, 0))
    assert templates.read_only and templates.kind is ItemKind.COLLECTION
    assert "read-only" in opened.model.data(opened.model.index(0, 0), Role.ToolTipRole)
    assert opened.open_collections() == [user_collection]


def test_template_rows_are_neither_editable_nor_drop_targets(opened) -> None:
    model = opened.model
    templates = model.index(0, 0)
    folder = model.index(0, 0, templates)
    flags = model.flags(folder)
    assert not flags & QtCore.Qt.ItemFlag.ItemIsEditable
    assert not flags & QtCore.Qt.ItemFlag.ItemIsDropEnabled
    assert flags & QtCore.Qt.ItemFlag.ItemIsDragEnabled  # dragged out = copied into a user folder
    user = model.index(1, 0)
    assert model.flags(user) & QtCore.Qt.ItemFlag.ItemIsDropEnabled


def test_request_rows_show_their_method_and_describe_themselves(opened, user_collection: Path) -> None:
    path = user_collection / "Contacts" / "Get contacts.ctct.toml"
    index = opened.model.index_of_path(path)
    assert index.isValid()
    assert opened.model.data(index) == "Get contacts"
    tip = opened.model.data(index, Role.ToolTipRole)
    assert "GET {{base_url}}/contacts" in tip and "Every contact of the account." in tip
    assert opened.model.data(index, METHOD_ROLE) == "GET"  # painted as a pill by the row delegate
    assert opened.model.data(index, Role.AccessibleTextRole) == "GET request Get contacts"


def test_a_malformed_file_is_a_warning_row_and_the_rest_loads(qtbot, panel, user_collection: Path) -> None:
    (user_collection / "Lists" / "Broken.ctct.toml").write_text("format = 1\nmethod = [\n", encoding="utf-8")
    panel.add_collection(user_collection)
    wait_scanned(qtbot, panel, lambda: panel.collection(user_collection) is not None)
    rows = names(panel)
    assert "Delete list" in rows and "Get contacts" in rows
    problems = [r for r in rows if r.startswith("Lists/Broken.ctct.toml: ")]
    assert len(problems) == 1 and "Broken" not in rows
    index = panel.model.index_of_path(user_collection)
    problem_row = panel.model.index(panel.model.rowCount(index) - 1, 0, index)
    assert panel.model.item(problem_row).kind is ItemKind.PROBLEM
    assert "could not be loaded" in panel.model.data(problem_row, Role.ToolTipRole)


def test_filter_by_method_url_and_folder_name(qtbot, opened) -> None:
    qtbot.keyClicks(opened.filter_box, "delete")
    rows = names(opened)
    assert "Delete list" in rows and "Get contacts" not in rows and "Service document" not in rows
    assert "Lists" in rows and "Flower shop" in rows  # kept in context

    opened.filter_box.clear()
    qtbot.keyClicks(opened.filter_box, "POST")
    user_rows = names(opened)[names(opened).index("Flower shop"):]
    assert user_rows == ["Flower shop", "Contacts", "Create contact"]

    opened.set_filter_text("/lists/7")  # a URL fragment
    assert "Delete list" in names(opened) and "Create contact" not in names(opened)

    opened.set_filter_text("contacts")  # the folder's own name keeps all its children
    rows = names(opened)
    assert {"Create contact", "Get contacts"} <= set(rows)

    opened.set_filter_text("")
    assert "Service document" in names(opened)


def test_filter_that_matches_nothing_shows_no_rows(opened) -> None:
    opened.set_filter_text("no such request anywhere")
    assert opened.proxy.rowCount() == 0


def test_the_filter_searches_templates_too(opened) -> None:
    opened.set_filter_text("ACTION_BY_CONTACT")  # not in any name or URL
    assert opened.proxy.rowCount() == 0
    opened.set_filter_text("Re-subscribe")
    assert "Re-subscribe opted-out contact" in names(opened)
    assert proxy_index(opened, opened.templates_root()).isValid()
