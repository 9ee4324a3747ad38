"""State that belongs to its request (issue 12): a multi-step fix never crosses to another request."""

from __future__ import annotations

from PySide6 import QtWidgets

from ctct_desktop.resources import resource_path
from ctct_desktop.store.request_file import load_request
from tests.ui.helpers import send_and_wait

CONTACTS = ("templates", "v1", "Contacts")


def test_a_stale_find_and_update_fix_does_not_hijack_another_request(qtbot, sandbox_workbench) -> None:  # type: ignore[no-untyped-def]
    bench = sandbox_workbench
    window, card = bench.window, bench.card
    assert bench.documents.open(load_request(resource_path(*CONTACTS, "Create contact.ctct.toml")))
    send_and_wait(qtbot, window)
    assert send_and_wait(qtbot, window).response.status == 409
    qtbot.waitUntil(lambda: card.shown is not None, timeout=10000)
    button = card.findChild(QtWidgets.QPushButton, "action-find-and-update-contact")
    assert button is not None
    button.click()
    assert bench.documents.open(load_request(resource_path(*CONTACTS, "Get contact.ctct.toml")))
    got = send_and_wait(qtbot, window)
    assert got.response is not None and got.response.ok
    assert card.findChild(QtWidgets.QPushButton, "follow-up") is None
    assert bench.explainer.session.pending is None
    bench.explainer.continue_follow_up()  # even forced, nothing builds the PUT
    assert window.request_editor.to_model().method == "GET"
