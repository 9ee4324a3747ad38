"""Drag and drop through the model's mime data, and the tree following changes made on disk."""

from __future__ import annotations

from pathlib import Path

from PySide6 import QtCore

from ctct_desktop.core.models import RequestModel
from ctct_desktop.store.request_file import SavedRequest, load_request, save_request
from tests.ui.collections_view.tree_helpers import names, proxy_index, wait_scanned

MOVE = QtCore.Qt.DropAction.MoveAction


def _drag(panel, sources: list[Path]) -> QtCore.QMimeData:  # type: ignore[no-untyped-def]
    return panel.proxy.mimeData([proxy_index(panel, p) for p in sources])


def test_drop_moves_a_request_into_another_folder(qtbot, opened, user_collection: Path) -> None:
    source = user_collection / "Service document.ctct.toml"
    target = proxy_index(opened, user_collection / "Lists")
    data = _drag(opened, [source])
    changes: list[object] = []
    opened.path_changed.connect(changes.append)
    assert opened.proxy.canDropMimeData(data, MOVE, -1, -1, target)
    assert opened.proxy.dropMimeData(data, MOVE, -1, -1, target)
    moved = user_collection / "Lists" / "Service document.ctct.toml"
    assert moved.is_file() and not source.exists()
    assert [(c.old, c.new) for c in changes] == [(source, moved)]
    wait_scanned(qtbot, opened, lambda: opened.current_path() == moved)


def test_drop_on_a_request_lands_in_its_folder_and_folders_move_too(qtbot, opened, user_collection: Path) -> None:
    on_request = proxy_index(opened, user_collection / "Lists" / "Delete list.ctct.toml")
    assert opened.proxy.dropMimeData(_drag(opened, [user_collection / "Contacts"]), MOVE, -1, -1, on_request)
    assert (user_collection / "Lists" / "Contacts" / "Get contacts.ctct.toml").is_file()
    wait_scanned(qtbot, opened, lambda: opened.current_path() == user_collection / "Lists" / "Contacts")


def test_forbidden_drops(qtbot, opened, user_collection: Path) -> None:
    templates_folder = next(p for p in opened.templates_root().iterdir() if p.is_dir())
    into_templates = proxy_index(opened, templates_folder)
    data = _drag(opened, [user_collection / "Service document.ctct.toml"])
    assert not opened.proxy.canDropMimeData(data, MOVE, -1, -1, into_templates)
    assert not opened.proxy.dropMimeData(data, MOVE, -1, -1, into_templates)
    folder = user_collection / "Contacts"
    into_itself = _drag(opened, [folder])
    assert not opened.proxy.canDropMimeData(into_itself, MOVE, -1, -1, proxy_index(opened, folder))
    foreign = QtCore.QMimeData()
    foreign.setText(str(user_collection / "Service document.ctct.toml"))
    assert not opened.proxy.canDropMimeData(foreign, MOVE, -1, -1, proxy_index(opened, user_collection / "Lists"))
    assert (user_collection / "Service document.ctct.toml").is_file()


def test_dropping_a_template_copies_it(qtbot, opened, user_collection: Path) -> None:
    template = opened.templates_root() / "v1" / "Lists" / "Create list.ctct.toml"
    target = proxy_index(opened, user_collection / "Lists")
    data = _drag(opened, [template])
    assert opened.proxy.canDropMimeData(data, QtCore.Qt.DropAction.CopyAction, -1, -1, target)
    assert not opened.proxy.dropMimeData(data, MOVE, -1, -1, target)  # nothing moved: the view keeps its rows
    copy = user_collection / "Lists" / "Create list.ctct.toml"
    assert copy.is_file() and template.is_file()
    wait_scanned(qtbot, opened, lambda: opened.current_path() == copy)


def test_a_file_added_on_disk_appears_and_state_is_kept(qtbot, opened, user_collection: Path) -> None:
    lists = user_collection / "Lists"
    opened.view.setExpanded(proxy_index(opened, user_collection / "Contacts"), False)
    opened.view.setExpanded(proxy_index(opened, lists), True)
    selected = lists / "Delete list.ctct.toml"
    assert opened.select_path(selected)
    save_request(lists / "Get list.ctct.toml",
                 SavedRequest("Get list", "", RequestModel(method="GET", url="{{base_url}}/lists/1")))
    wait_scanned(qtbot, opened, lambda: "Get list" in names(opened))
    assert opened.current_path() == selected
    assert opened.view.isExpanded(proxy_index(opened, lists))
    assert not opened.view.isExpanded(proxy_index(opened, user_collection / "Contacts"))


def test_a_file_edited_in_place_or_removed_is_followed(qtbot, opened, user_collection: Path) -> None:
    path = user_collection / "Contacts" / "Get contacts.ctct.toml"
    text = path.read_text(encoding="utf-8").replace('method = "GET"', 'method = "HEAD"')
    with open(path, "w", encoding="utf-8") as handle:  # like an editor saving over the file
        handle.write(text)

    def method_now() -> str:
        item = opened.model.item(opened.model.index_of_path(path))
        return item.saved.request.method if item is not None and item.saved else ""

    wait_scanned(qtbot, opened, lambda: method_now() == "HEAD")
    path.unlink()
    wait_scanned(qtbot, opened, lambda: "Get contacts" not in names(opened))
    (user_collection / "Lists" / "Half written.ctct.toml").write_text('format = 1\nname = "x', encoding="utf-8")
    wait_scanned(qtbot, opened, lambda: any(r.startswith("Lists/Half written") for r in names(opened)))


def test_a_git_checkout_sized_burst_is_one_consistent_tree(qtbot, opened, user_collection: Path) -> None:
    bulk = user_collection / "Bulk"
    bulk.mkdir()
    for n in range(60):
        save_request(bulk / f"Request {n:02d}.ctct.toml",
                     SavedRequest(f"Request {n:02d}", "", RequestModel(url=f"{{{{base_url}}}}/n/{n}")))
    wait_scanned(qtbot, opened, lambda: sum(r.startswith("Request ") for r in names(opened)) == 60)
    assert load_request(bulk / "Request 59.ctct.toml").request.url == "{{base_url}}/n/59"


def test_the_collection_folder_itself_removed(qtbot, opened, user_collection: Path) -> None:
    import shutil

    shutil.rmtree(user_collection)
    wait_scanned(qtbot, opened, lambda: any("not a folder" in r for r in names(opened)))


def test_a_rescan_keeps_the_scroll_position(qtbot, opened, user_collection: Path) -> None:
    many = user_collection / "Many"
    many.mkdir()
    for n in range(150):
        save_request(many / f"R{n:03d}.ctct.toml", SavedRequest(f"R{n:03d}", "", RequestModel()))
    wait_scanned(qtbot, opened, lambda: "R149" in names(opened))
    opened.view.setExpanded(proxy_index(opened, many), True)
    qtbot.wait(20)
    bar = opened.view.verticalScrollBar()
    assert bar.maximum() > 100
    bar.setValue(bar.maximum() // 2)
    middle = bar.value()
    save_request(many / "Zed.ctct.toml", SavedRequest("Zed", "", RequestModel()))
    wait_scanned(qtbot, opened, lambda: "Zed" in names(opened))
    qtbot.wait(20)
    assert bar.value() == middle
