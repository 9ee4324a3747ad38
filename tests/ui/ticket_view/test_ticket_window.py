"""The ticket loop in the real window: create a ticket, open it from the tree, edit it, reproduce
casebook T1 on a scratch sandbox, keep and mark the exchanges, compare two, export and re-import."""

from __future__ import annotations

import json
import zipfile

from PySide6 import QtCore

from ctct_desktop.core.models import Auth, AuthKind, BodyKind, Header, RequestModel
from ctct_desktop.store.request_file import SavedRequest
from ctct_desktop.tickets.folder import add_request
from ctct_desktop.tickets.model import ExchangeMark, TicketStatus
from ctct_desktop.tickets.ticket_file import load_ticket
from ctct_desktop.ui.ticket_view.new_dialog import NewTicketDialog
from tests.importers.support import FIXTURES
from tests.ui.helpers import send_and_wait
from tests.tickets.casebook import CASES, SERVER, t1_fixed
from tests.ui.ticket_view.support import ALT_CTRL
from tests.ui.ticket_view.support import open_collection as _collection
from tests.ui.ticket_view.support import open_from_tree as _open_from_tree
from tests.ui.ticket_view.support import tree_item as _tree_item


def test_a_ticket_is_created_from_the_window_and_edited_there(qtbot, workbench, tmp_path) -> None:  # type: ignore[no-untyped-def]
    root = _collection(qtbot, workbench, tmp_path / "Support")
    workbench.window.request_editor.url.setText(SERVER + "/campaigns/2")
    assert workbench.tickets.new_action in workbench.window.menus["file"].actions()
    workbench.window.activateWindow()
    qtbot.keyClick(workbench.window, QtCore.Qt.Key.Key_N, ALT_CTRL)
    qtbot.waitUntil(lambda: isinstance(workbench.tickets.dialog, NewTicketDialog)
                    and workbench.tickets.dialog.isVisible())
    dialog = workbench.tickets.dialog
    assert dialog.parent_folder.currentData() == str(root)
    dialog.title.setText("Campaign update: Error 400")
    dialog.ticket_id.setText("T1")
    dialog.account.setText("acmeflowers")
    dialog.set_quirk("stock_campaign_update", "atom_sections_400")
    assert dialog.seed.isChecked()
    dialog.ok_button.click()
    folder = root / "T1"
    ticket = load_ticket(folder)
    assert (ticket.id, ticket.title, ticket.account) == ("T1", "Campaign update: Error 400", "acmeflowers")
    assert ticket.quirks == {"stock_campaign_update": "atom_sections_400"}
    assert [p.name for p in folder.glob("*.ctct.toml")] == ["New request.ctct.toml"]  # seeded
    view = workbench.tickets.view
    assert view is not None and view.folder == folder and workbench.tickets.dock.isVisible()
    assert "T1: Campaign update: Error 400 — account acmeflowers" == view.heading.text()
    assert "stock_campaign_update = atom_sections_400" in view.quirks.text()
    view.status.setCurrentText(TicketStatus.WAITING.value)
    assert load_ticket(folder).status is TicketStatus.WAITING
    view.notes.setFocus()
    qtbot.keyClicks(view.notes, "Customer pasted the PUT body.")
    qtbot.waitUntil(lambda: load_ticket(folder).notes == "Customer pasted the PUT body.", timeout=5000)
    # the tree knows it as a ticket, and Enter on it opens the view
    assert _open_from_tree(qtbot, workbench, folder) is view
    item = _tree_item(workbench, folder)
    assert "Ticket T1" in workbench.saved_work.collections.model.data(
        workbench.saved_work.collections.model.index_of_path(item.path), QtCore.Qt.ItemDataRole.ToolTipRole)
    # a request of the ticket opens as a document
    view.requests.setCurrentRow(0)
    view.requests.itemActivated.emit(view.requests.item(0))
    assert workbench.documents.document.path == (folder / "New request.ctct.toml").resolve()


def test_t1_is_reproduced_marked_kept_and_compared_in_the_view(qtbot, workbench, tmp_path) -> None:  # type: ignore[no-untyped-def]
    root = _collection(qtbot, workbench, tmp_path / "Support")
    folder = CASES["T1"](root / "T1")
    fixed = RequestModel("PUT", SERVER + "/campaigns/2", (Header("Content-Type", "application/atom+xml"),),
                         t1_fixed(), BodyKind.XML, Auth(AuthKind.CTCT_BASIC, username="acmeflowers"))
    add_request(folder, SavedRequest("Update campaign fixed", "", fixed))
    view = _open_from_tree(qtbot, workbench, folder)
    view.setFocus()
    qtbot.keyClick(view, QtCore.Qt.Key.Key_R, ALT_CTRL)  # Reproduce on the sandbox
    qtbot.waitUntil(lambda: view.results.reproduction is not None, timeout=60_000)
    rows = view.results.rows()
    assert [r[:2] for r in rows] == [("Update campaign", "400"), ("Update campaign fixed", "400")]
    assert rows[0][2].endswith("[v1-400-atom-sections]")  # the article that explains it
    assert view.cancel_button.isEnabled() is False and view.reproduce_button.isEnabled()
    # a row opens that exchange in the response pane
    first = view.results.topLevelItem(0)
    view.results.itemActivated.emit(first, 0)
    shown = workbench.window.response_view.exchange
    assert shown is not None and shown.response is not None and shown.response.status == 400
    assert b"errors in the common Atom sections" in shown.response.body
    # keep them in the ticket: both recorded, failing (400)
    view.keep_button.click()
    ticket = load_ticket(folder)
    assert [(e.request, e.mark) for e in ticket.exchanges] == [
        ("Update campaign", ExchangeMark.FAILING), ("Update campaign fixed", ExchangeMark.FAILING)]
    secrets = {secret for found in view.results.reproduction.exchanges for secret in found.run.result.secrets}
    assert secrets  # the scratch account's password and key: redacted with the plan's SecretSet
    for exchange in ticket.exchanges:
        text = (folder / exchange.file).read_text(encoding="utf-8")
        assert not any(secret in text for secret in secrets)
    # mark the second known-good, from the list's mark action (its context menu's entry)
    assert view.exchanges.topLevelItemCount() == 2
    view.exchanges.select_files([ticket.exchanges[1].file])
    view.exchanges.mark_actions[1].trigger()
    assert load_ticket(folder).exchanges[1].mark is ExchangeMark.KNOWN_GOOD
    assert view.exchanges.topLevelItem(1).text(0) == "✓ known-good"
    # Compare the two: the diff window, with the namespace difference ranked in
    view.exchanges.select_files([e.file for e in ticket.exchanges])
    view.compare_button.click()
    window = view.diff_window
    assert window is not None
    qtbot.waitUntil(lambda: window.comparison is not None, timeout=10_000)
    assert not window.comparison.error
    assert window.sides.text().startswith("A: exchanges/001")
    assert any("namespace" in " ".join(row).lower() for row in window.rows())
    window.close()
    # a recorded exchange opens in the response pane, too
    view.exchanges.opened.emit(ticket.exchanges[0].file)
    qtbot.waitUntil(lambda: "recorded, not sent" in view.info.text(), timeout=5000)
    assert workbench.window.response_view.exchange.response.status == 400


def test_a_bundle_is_exported_and_imported_again(qtbot, workbench, tmp_path) -> None:  # type: ignore[no-untyped-def]
    root = _collection(qtbot, workbench, tmp_path / "Support")
    other = _collection(qtbot, workbench, tmp_path / "Elsewhere")
    folder = CASES["T5"](root / "T5")
    assert workbench.tickets.open_ticket(folder)
    said: list[str] = []
    target = tmp_path / "out" / "T5.ctct-ticket.zip"
    workbench.tickets.export_bundle_to(target, said.append)
    qtbot.waitUntil(lambda: bool(said), timeout=10_000)
    assert said[-1].startswith("Exported ticket T5") and "secret scan found nothing" in said[-1]
    workbench.tickets.import_bundle_from(target, other, said.append)
    qtbot.waitUntil(lambda: len(said) == 2, timeout=10_000)
    assert said[-1].startswith("Imported ticket T5 into") and "found nothing" in said[-1]
    assert workbench.tickets.view.folder == other / "T5"
    assert load_ticket(other / "T5") == load_ticket(folder)
    # a damaged zip and a bundle of another format version: messages, nothing written
    damaged = tmp_path / "damaged.ctct-ticket.zip"
    damaged.write_bytes(target.read_bytes()[:200])
    workbench.tickets.import_bundle_from(damaged, other, said.append)
    qtbot.waitUntil(lambda: len(said) == 3, timeout=10_000)
    assert said[-1].startswith("Not imported:") and "not a readable zip" in said[-1]
    newer = tmp_path / "newer.ctct-ticket.zip"
    with zipfile.ZipFile(target) as source, zipfile.ZipFile(newer, "w") as out:
        for info in source.infolist():
            data = source.read(info)
            if info.filename == "manifest.json":
                manifest = json.loads(data)
                manifest["format"] = 99
                data = json.dumps(manifest).encode()
            out.writestr(info, data)
    workbench.tickets.import_bundle_from(newer, other, said.append)
    qtbot.waitUntil(lambda: len(said) == 4, timeout=10_000)
    assert said[-1].startswith("Not imported:") and "99" in said[-1]
    assert sorted(p.name for p in other.iterdir() if p.is_dir()) == ["T5"]
    # a secret in the open (imported) ticket's folder: the scan's finding is said, and no bundle is written
    pasted = "curl -H 'Authorization: Bearer tok_live_ABCDEFGH12345678' ...\n"
    (other / "T5" / "customer.txt").write_text(pasted, encoding="utf-8")
    refused = tmp_path / "out" / "refused.ctct-ticket.zip"
    workbench.tickets.export_bundle_to(refused, said.append)
    qtbot.waitUntil(lambda: len(said) == 5, timeout=10_000)
    assert said[-1].startswith("Not exported: Not bundled: the secret scan found 1 possible secret")
    assert "customer.txt" in said[-1] and "tok_live_ABCDEFGH12345678" not in said[-1]
    assert not refused.exists() and workbench.tickets.view.info.text() == said[-1]


def test_a_har_imported_into_a_ticket_keeps_its_responses_as_exchanges(qtbot, workbench, tmp_path) -> None:  # type: ignore[no-untyped-def]
    root = _collection(qtbot, workbench, tmp_path / "Support")
    folder = CASES["T2"](root / "T2")
    assert workbench.tickets.open_ticket(folder)
    view = workbench.tickets.view
    view.import_button.click()
    qtbot.waitUntil(lambda: workbench.tickets.import_dialog is not None and workbench.tickets.import_dialog.isVisible())
    dialog = workbench.tickets.import_dialog
    dialog.open_file(str(FIXTURES / "browser.har"))
    qtbot.waitUntil(dialog.import_button.isEnabled, timeout=5000)
    assert dialog.status.text().endswith("They go into the ticket; a HAR's recorded responses become its exchanges.")
    tabs = len(workbench.documents.tabs.ordered())
    dialog.import_button.click()
    ticket = load_ticket(folder)
    assert len(ticket.exchanges) == 2 and len(workbench.documents.tabs.ordered()) == tabs  # into the ticket, no tabs
    assert "2 recorded exchanges" in view.info.text()
    statuses = [json.loads((folder / e.file).read_text(encoding="utf-8"))["response"]["status"]
                for e in ticket.exchanges]
    assert statuses == [200, 201]
    assert view.exchanges.topLevelItemCount() == 2 and view.requests.count() == 3
    # the tree shows the ticket's requests, not its exchanges/ folder
    panel = workbench.saved_work.collections
    panel.rescan(root)
    qtbot.waitUntil(lambda: _tree_item(workbench, folder) is not None
                    and len(_tree_item(workbench, folder).children) == 3, timeout=10_000)
    assert (folder / "exchanges").is_dir()
    assert all(child.kind.value == "request" for child in _tree_item(workbench, folder).children)


def _slow_ticket(qtbot, workbench, tmp_path):  # type: ignore[no-untyped-def]
    """Case T3 opened in the view, its sandbox answering after 20 s: a reproduction stays in flight."""
    root = _collection(qtbot, workbench, tmp_path / "Support")
    folder = CASES["T3"](root / "T3")
    ticket_text = (folder / "ticket.toml").read_text(encoding="utf-8")
    (folder / "ticket.toml").write_text(ticket_text.replace("[quirks]", '[quirks]\nlatency_ms = "20000"')
                                        if "[quirks]" in ticket_text else ticket_text + '\n[quirks]\nlatency_ms = "20000"\n',
                                        encoding="utf-8")
    return _open_from_tree(qtbot, workbench, folder)


def test_esc_cancels_a_reproduction_in_flight(qtbot, workbench, tmp_path) -> None:  # type: ignore[no-untyped-def]
    view = _slow_ticket(qtbot, workbench, tmp_path)
    assert "latency_ms = 20000" in view.quirks.text()
    view.reproduce_button.click()
    qtbot.waitUntil(lambda: view.info.text().startswith("Sending"), timeout=30_000)
    assert view.cancel_button.isEnabled() and not view.reproduce_button.isEnabled()
    view.exchanges.setFocus()
    qtbot.keyClick(view.exchanges, QtCore.Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: view.results.reproduction is not None, timeout=15_000)
    assert view.results.reproduction.cancelled
    assert view.info.text().startswith("Cancelled after")
    assert view.reproduce_button.isEnabled() and not view.cancel_button.isEnabled()


def test_esc_with_a_send_and_a_reproduction_in_flight_cancels_the_one_the_focus_is_in(  # type: ignore[no-untyped-def]
        qtbot, workbench, http_server, tmp_path) -> None:
    """Two enabled actions on Esc (the window's Cancel and the view's) make the key ambiguous, and
    Qt runs neither: with a send and a reproduction at once, Esc did nothing anywhere."""
    view = _slow_ticket(qtbot, workbench, tmp_path)
    view.reproduce_button.click()
    qtbot.waitUntil(lambda: view.info.text().startswith("Sending"), timeout=30_000)
    window = workbench.window
    window.request_editor.url.setText(http_server.base_url + "/slow")
    window.window_actions.send.trigger()
    qtbot.waitUntil(lambda: window.window_actions.cancel.isEnabled(), timeout=10_000)  # the send is in flight
    view.exchanges.setFocus()
    qtbot.keyClick(view.exchanges, QtCore.Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: view.results.reproduction is not None, timeout=15_000)
    assert view.results.reproduction.cancelled  # the focus was in the ticket view: its reproduction
    assert window.window_actions.cancel.isEnabled()  # and the send goes on
    window.request_editor.url.setFocus()
    qtbot.keyClick(window.request_editor.url, QtCore.Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not window.window_actions.cancel.isEnabled(), timeout=10_000)  # elsewhere: the send


def test_a_new_ticket_is_seeded_with_the_request_and_its_last_exchange(qtbot, workbench, http_server,  # type: ignore[no-untyped-def]
                                                                       tmp_path) -> None:
    root = _collection(qtbot, workbench, tmp_path / "Support")
    model = RequestModel("GET", http_server.base_url + "/missing",
                         auth=Auth(AuthKind.BASIC, username="joe", password="s3cret-pw-789"))
    workbench.documents.show_model(model)
    exchange = send_and_wait(qtbot, workbench.window)
    assert exchange.response is not None and exchange.response.status == 404
    workbench.tickets.open_new_dialog()
    dialog = workbench.tickets.dialog
    dialog.title.setText("Lookup fails")
    assert dialog.seed.isEnabled() and dialog.seed.isChecked()
    dialog.ok_button.click()
    folder = root / "Lookup fails"
    ticket = load_ticket(folder)
    assert [(e.request, e.mark) for e in ticket.exchanges] == [("New request", ExchangeMark.FAILING)]
    for path in folder.rglob("*.*"):
        assert "s3cret-pw-789" not in path.read_text(encoding="utf-8"), path
    assert workbench.tickets.view.exchanges.topLevelItemCount() == 1


def test_a_new_ticket_needs_a_title_or_an_id_and_a_collection(qtbot, workbench) -> None:  # type: ignore[no-untyped-def]
    workbench.tickets.open_new_dialog()
    dialog = workbench.tickets.dialog
    dialog.ok_button.click()
    assert dialog.isVisible() and dialog.message.text() == "A ticket needs a title or an id."
    dialog.title.setText("Anything")
    dialog.ok_button.click()
    assert dialog.isVisible() and dialog.message.text().startswith("Open or create a collection first")
    dialog.reject()


def test_the_export_dialog_proposes_a_place_outside_the_collection(qtbot, workbench, tmp_path) -> None:  # type: ignore[no-untyped-def]
    """It proposed the folder beside the ticket, which is inside the collection (kept in git): the
    bundle, with the customer's data, would have been committed with it."""
    root = _collection(qtbot, workbench, tmp_path / "Support")
    folder = CASES["T5"](root / "T5")
    assert workbench.tickets.open_ticket(folder)
    proposed = workbench.tickets.suggested_bundle_target()
    assert proposed.name == "T5.ctct-ticket.zip"
    assert not proposed.resolve().is_relative_to(root.resolve()), proposed
    said: list[str] = []
    chosen = tmp_path / "for the customer" / "T5.ctct-ticket.zip"
    workbench.tickets.export_bundle_to(chosen, said.append)
    qtbot.waitUntil(lambda: bool(said), timeout=10_000)
    assert said[-1].startswith("Exported ticket T5")
    assert workbench.tickets.suggested_bundle_target() == chosen  # the next one goes where the last went
