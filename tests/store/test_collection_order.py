"""A folder's order.toml: the order a collection runs and shows, kept in a file, moved with move()."""

from __future__ import annotations

from pathlib import Path

import pytest

from ctct_desktop.store.collection import create_collection, scan_collection
from ctct_desktop.store.collection_ops import new_folder, new_request, rename
from ctct_desktop.store.collection_order import ORDER_FILE, OrderError, move, read_order


def _names(root: Path) -> list[str]:
    return [child.path.name for child in scan_collection(root).tree.children]


@pytest.fixture
def shop(tmp_path: Path) -> Path:
    root = tmp_path / "Shop"
    root.mkdir()
    create_collection(root, "Shop")
    for name in ("Create list", "Get list", "Delete list"):
        new_request(root, name)
    new_folder(root, "Contacts")
    return root


def test_without_an_order_file_folders_come_first_then_names(shop: Path) -> None:
    assert _names(shop) == ["Contacts", "Create list.ctct.toml", "Delete list.ctct.toml", "Get list.ctct.toml"]
    assert not (shop / ORDER_FILE).exists()


def test_move_writes_the_order_and_the_scan_follows_it(shop: Path) -> None:
    move(shop / "Delete list.ctct.toml", 99)  # past the end: last
    move(shop / "Contacts", 1)
    assert _names(shop) == ["Create list.ctct.toml", "Contacts", "Get list.ctct.toml", "Delete list.ctct.toml"]
    assert (shop / ORDER_FILE).read_text(encoding="utf-8") == (
        'format = 1\norder = [\n  "Create list.ctct.toml",\n  "Contacts",\n  "Get list.ctct.toml",\n'
        '  "Delete list.ctct.toml",\n]\n')


def test_new_entries_append_at_the_end_and_missing_ones_are_ignored(shop: Path) -> None:
    move(shop / "Get list.ctct.toml", 0)
    (shop / "Create list.ctct.toml").unlink()
    new_request(shop, "Add member")
    assert _names(shop) == ["Get list.ctct.toml", "Contacts", "Delete list.ctct.toml", "Add member.ctct.toml"]


def test_a_renamed_entry_keeps_its_place(shop: Path) -> None:
    move(shop / "Get list.ctct.toml", 0)
    rename(shop / "Get list.ctct.toml", "Read list")
    rename(shop / "Contacts", "People")
    assert _names(shop)[:2] == ["Read list.ctct.toml", "People"]


def test_subfolders_keep_their_own_order(shop: Path) -> None:
    contacts = shop / "Contacts"
    for name in ("A", "B", "C"):
        new_request(contacts, name)
    move(contacts / "C.ctct.toml", 0)
    tree = scan_collection(shop).tree
    folder = next(c for c in tree.children if c.name == "Contacts")
    assert [c.name for c in folder.children] == ["C", "A", "B"]
    assert [n.name for n in tree.requests()][:3] == ["C", "A", "B"]


def test_a_hand_written_order_without_format_reads(shop: Path) -> None:
    (shop / ORDER_FILE).write_text('order = ["Get list.ctct.toml"]\n', encoding="utf-8")
    assert read_order(shop).names == ("Get list.ctct.toml",)
    assert _names(shop)[0] == "Get list.ctct.toml"


@pytest.mark.parametrize(("text", "words"), [
    ("order = [", "ignored:"), ("order = [1]\n", "must be a list of file and folder names"),
    ("format = 2\norder = []\n", "newer CTCT Desktop"),
])
def test_a_bad_order_file_is_a_problem_and_the_default_order_holds(shop: Path, text: str, words: str) -> None:
    (shop / ORDER_FILE).write_text(text, encoding="utf-8")
    collection = scan_collection(shop)
    assert any(p.path.name == ORDER_FILE and words in p.reason for p in collection.problems), collection.problems
    assert [c.path.name for c in collection.tree.children][0] == "Contacts"


def test_moving_something_that_is_not_an_entry_is_refused(shop: Path) -> None:
    with pytest.raises(OrderError, match="is not an entry"):
        move(shop / "collection.toml", 0)
