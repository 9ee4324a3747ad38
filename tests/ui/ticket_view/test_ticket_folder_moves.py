"""The open ticket follows its folder: renamed or moved in the collection tree (its own folder or
one it lies in), deleted there, or gone behind the app's back. It never writes into the old path,
and a reproduction of the ticket shown before never lands in the one shown now."""

from __future__ import annotations

import os
from typing import Any

from PySide6 import QtCore

from ctct_desktop.tickets.model import ExchangeMark, TicketStatus
from ctct_desktop.tickets.ticket_file import load_ticket
from tests.ui.ticket_view.support import open_collection, open_from_tree, t1_with_two_exchanges


def _ticket_entries(bench: Any) -> list[Any]:
    return bench.tickets.ticket_actions()


def test_a_ticket_renamed_in_the_tree_is_followed_notes_and_all(qtbot, workbench, tmp_path) -> None:  # type: ignore[no-untyped-def]
    root = open_collection(qtbot, workbench, tmp_path / "Support")
    folder = t1_with_two_exchanges(root / "T1")
    view = open_from_tree(qtbot, workbench, folder)
    view.notes.setFocus()
    qtbot.keyClicks(view.notes, "Typed just before the rename.")  # still waiting to be saved
    renamed = workbench.saved_work.collections.commands.rename(folder, "T1 stock campaign")
    assert renamed == root / "T1 stock campaign" and not folder.exists()
    assert view.folder == renamed
    assert load_ticket(renamed).notes == "Typed just before the rename."
    assert "now" in view.info.text() and str(renamed) in view.info.text()
    # what is changed next goes into the new place; the old folder is never made again
    view.status.setCurrentText(TicketStatus.WAITING.value)
    view.exchanges.select_files([load_ticket(renamed).exchanges[1].file])
    view.mark_selected(ExchangeMark.KNOWN_GOOD)
    qtbot.keyClicks(view.notes, " And after.")
    qtbot.waitUntil(lambda: load_ticket(renamed).notes.endswith(" And after."), timeout=5000)
    ticket = load_ticket(renamed)
    assert ticket.status is TicketStatus.WAITING and ticket.exchanges[1].mark is ExchangeMark.KNOWN_GOOD
    assert not folder.exists()
    # the requests listed are the new folder's: one opens as a document from there
    paths = [view.requests.item(row).data(QtCore.Qt.ItemDataRole.UserRole) for row in range(view.requests.count())]
    assert paths and all(path.startswith(str(renamed) + os.sep) for path in paths)
    view.requests.itemActivated.emit(view.requests.item(0))
    assert workbench.documents.document.path.parent == renamed


def test_a_ticket_moves_with_the_folder_it_lies_in(qtbot, workbench, tmp_path) -> None:  # type: ignore[no-untyped-def]
    root = open_collection(qtbot, workbench, tmp_path / "Support")
    (root / "Open").mkdir()
    folder = t1_with_two_exchanges(root / "Open" / "T1")
    view = open_from_tree(qtbot, workbench, folder)
    moved = workbench.saved_work.collections.commands.rename(root / "Open", "Closed")
    assert moved == root / "Closed"
    assert view.folder == root / "Closed" / "T1"
    view.status.setCurrentText(TicketStatus.CLOSED.value)
    assert load_ticket(root / "Closed" / "T1").status is TicketStatus.CLOSED
    assert not (root / "Open").exists()


def test_a_ticket_deleted_in_the_tree_stops_saving(qtbot, workbench, tmp_path) -> None:  # type: ignore[no-untyped-def]
    root = open_collection(qtbot, workbench, tmp_path / "Support")
    folder = t1_with_two_exchanges(root / "T1")
    view = open_from_tree(qtbot, workbench, folder)
    assert workbench.tickets.reproduce_action.isEnabled() and workbench.tickets.compare_action.isEnabled()
    view.notes.setFocus()
    qtbot.keyClicks(view.notes, "Typed before the delete.")
    assert workbench.saved_work.collections.commands.delete(folder, confirm=False) is not None
    assert not folder.exists()
    assert view.folder is None and "was deleted" in view.info.text()
    assert view.notes.toPlainText() == "Typed before the delete."  # kept on screen, to copy from
    view.save_notes()  # what the notes timer would do: nothing, and the folder is not re-created
    view.reproduce()
    assert not folder.exists()
    assert view.notes.isReadOnly() and not view.status.isEnabled() and not view.reproduce_button.isEnabled()
    assert not any(action.isEnabled() for action in _ticket_entries(workbench))
    assert not workbench.tickets.export_action.isEnabled()
    assert "gone" in workbench.tickets.dock.windowTitle()
    # Undo delete puts it back; opened again, it is editable again
    restored = workbench.saved_work.collections.commands.undo_delete()
    assert restored is not None and load_ticket(folder).id == "T1"
    view = open_from_tree(qtbot, workbench, folder)
    assert not view.notes.isReadOnly() and view.status.isEnabled() and view.reproduce_button.isEnabled()
    assert workbench.tickets.reproduce_action.isEnabled() and workbench.tickets.export_action.isEnabled()


def test_a_ticket_renamed_behind_the_apps_back_is_noticed_when_saving(qtbot, workbench, tmp_path) -> None:  # type: ignore[no-untyped-def]
    root = open_collection(qtbot, workbench, tmp_path / "Support")
    folder = t1_with_two_exchanges(root / "T1")
    view = open_from_tree(qtbot, workbench, folder)
    os.rename(folder, root / "T1 elsewhere")  # a file manager, a git checkout…
    view.status.setCurrentText(TicketStatus.WAITING.value)
    assert view.folder is None and "no longer there" in view.info.text()
    assert not folder.exists()
    assert load_ticket(root / "T1 elsewhere").status is not TicketStatus.WAITING


def test_a_ticket_deleted_behind_the_apps_back_is_noticed_without_a_write(qtbot, workbench, tmp_path) -> None:  # type: ignore[no-untyped-def]
    """The collection's watcher sees the folder go; the view stops editing at once, not at its next save."""
    import shutil

    root = open_collection(qtbot, workbench, tmp_path / "Support")
    folder = t1_with_two_exchanges(root / "T1")
    view = open_from_tree(qtbot, workbench, folder)
    assert not view.notes.isReadOnly()
    shutil.rmtree(folder)  # a git checkout of another branch, a file manager…
    qtbot.waitUntil(lambda: view.folder is None, timeout=10_000)
    assert "no longer there" in view.info.text() and view.notes.isReadOnly()
    assert "gone" in workbench.tickets.dock.windowTitle() and not workbench.tickets.export_action.isEnabled()
    assert not folder.exists()  # and nothing wrote it back


def test_a_reproduction_in_flight_is_dropped_when_another_ticket_is_opened(qtbot, workbench, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from tests.tickets.casebook import CASES

    root = open_collection(qtbot, workbench, tmp_path / "Support")
    slow = CASES["T3"](root / "T3")
    text = (slow / "ticket.toml").read_text(encoding="utf-8")
    quirk = 'latency_ms = "20000"'
    (slow / "ticket.toml").write_text(text.replace("[quirks]", f"[quirks]\n{quirk}") if "[quirks]" in text
                                      else f"{text}\n[quirks]\n{quirk}\n", encoding="utf-8")
    other = t1_with_two_exchanges(root / "T1")
    view = open_from_tree(qtbot, workbench, slow)
    view.reproduce_button.click()
    qtbot.waitUntil(lambda: view.info.text().startswith("Sending"), timeout=30_000)
    first = view.reproducer
    assert first is not None and first.running
    assert open_from_tree(qtbot, workbench, other) is view
    assert view.reproducer is None and view.reproduce_button.isEnabled() and not view.cancel_button.isEnabled()
    assert workbench.tickets.reproduce_action.isEnabled() and not workbench.tickets.cancel_action.isEnabled()
    # cancelled; what it reports (on the UI thread, with running turned off) is T3's, not T1's
    qtbot.waitUntil(lambda: not first.running, timeout=15_000)
    assert view.results.reproduction is None and not view.keep_button.isEnabled()
    assert view.folder == other and len(load_ticket(other).exchanges) == 2


def test_notes_typed_just_before_closing_are_saved(qtbot, workbench, tmp_path) -> None:  # type: ignore[no-untyped-def]
    root = open_collection(qtbot, workbench, tmp_path / "Support")
    folder = t1_with_two_exchanges(root / "T1")
    view = open_from_tree(qtbot, workbench, folder)
    view.notes.setFocus()
    qtbot.keyClicks(view.notes, "Closed the dock at once.")
    workbench.tickets.dock.close()  # before the notes timer fires
    assert load_ticket(folder).notes == "Closed the dock at once."
    assert workbench.tickets.open_ticket(folder)
    view.notes.setFocus()
    qtbot.keyClicks(view.notes, " Then the window.")
    workbench.window.close()
    assert load_ticket(folder).notes == "Closed the dock at once. Then the window."
