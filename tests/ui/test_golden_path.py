"""design.md's golden path on the real window and the embedded sandbox: create a contact (201),
again (409, explained, fixed in three guided steps), then break the body and see the linter."""

from __future__ import annotations

import pytest
from PySide6 import QtWidgets

from ctct_desktop.lint import Severity
from ctct_desktop.resources import resource_path
from ctct_desktop.store.request_file import load_request
from tests.ui.helpers import send_and_wait

CREATE = resource_path("templates", "v1", "Contacts", "Create contact.ctct.toml")


@pytest.fixture
def bench(sandbox_workbench):  # type: ignore[no-untyped-def]
    return sandbox_workbench


def _button(card: QtWidgets.QWidget, name: str) -> QtWidgets.QPushButton:
    button = card.findChild(QtWidgets.QPushButton, name)
    assert button is not None, f"no button {name} on the card"
    return button


def test_create_conflict_explained_and_fixed_in_guided_steps(qtbot, bench) -> None:  # type: ignore[no-untyped-def]
    window, card = bench.window, bench.card
    editor = window.request_editor
    assert not card.isVisible()  # nothing to explain before the first response
    editor.set_model(load_request(CREATE).request)
    assert send_and_wait(qtbot, window).response.status == 201
    assert not card.isVisible()
    conflict = send_and_wait(qtbot, window)
    assert conflict.response.status == 409
    qtbot.waitUntil(lambda: card.isVisible() and card.shown is not None, timeout=10000)
    assert card.shown.article_id == "v1-409-contact-exists"
    assert "new.subscriber@example.com" in card.body.text()

    _button(card, "action-find-and-update-contact").click()
    search = editor.to_model()
    assert search.method == "GET" and "/contacts?email=new.subscriber%40example.com" in search.url
    assert send_and_wait(qtbot, window).response.status == 200
    qtbot.waitUntil(lambda: card.isVisible() and card.findChild(QtWidgets.QPushButton, "follow-up") is not None)
    _button(card, "follow-up").click()
    detail = editor.to_model()
    assert detail.method == "GET" and "/contacts/" in detail.url and "?" not in detail.url
    assert send_and_wait(qtbot, window).response.status == 200
    qtbot.waitUntil(lambda: card.findChild(QtWidgets.QPushButton, "follow-up") is not None)
    _button(card, "follow-up").click()
    update = editor.to_model()
    assert update.method == "PUT" and "<ContactList" in update.body
    assert send_and_wait(qtbot, window).response.status == 204
    qtbot.waitUntil(lambda: not card.isVisible())

    window.undo_change.trigger()  # Edit → Undo change brings back the GET of the contact
    assert editor.to_model().method == "GET"


def test_a_broken_body_is_underlined_before_sending_and_fixed_in_one_click(qtbot, bench) -> None:  # type: ignore[no-untyped-def]
    window = bench.window
    editor = window.request_editor
    editor.set_model(load_request(CREATE).request)
    body = editor.body_editor
    original = body.toPlainText()
    broken = original.replace(' xmlns="http://www.w3.org/2005/Atom"', "", 1)
    body.setPlainText(broken)
    qtbot.waitUntil(lambda: any(d.code == "L001" for d in bench.lint.diagnostics), timeout=10000)
    l001 = next(d for d in bench.lint.diagnostics if d.code == "L001")
    assert l001.severity is Severity.ERROR and l001.line == 2
    assert body.extraSelections(), "the error is underlined"
    assert body.gutter_markers().get(2) == "error"
    assert any(row.code == "L001" for row in bench.problems.diagnostics())
    bench.lint.apply_fix(l001)
    assert body.toPlainText() == original
    qtbot.waitUntil(lambda: not any(d.code == "L001" for d in bench.lint.diagnostics), timeout=10000)
    window.undo_change.trigger()
    assert body.toPlainText() == broken


def test_send_with_errors_asks_first(qtbot, bench, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    window = bench.window
    editor = window.request_editor
    editor.set_model(load_request(CREATE).request)
    editor.body_editor.setPlainText(editor.body_editor.toPlainText().replace("<id>data:,none</id>", "<id>2</id>"))
    answers = iter(["Show problems", "Send anyway"])
    asked: list[str] = []

    def answer(box: QtWidgets.QMessageBox) -> int:
        asked.append(box.text())
        wanted = next(answers, None)
        if wanted is None:  # closing the window at teardown asks about the edited request
            return int(QtWidgets.QMessageBox.StandardButton.Discard.value)
        box.setProperty("clicked", wanted)
        for button in box.buttons():
            if button.text() == wanted:
                button.click()
        return 0

    monkeypatch.setattr(QtWidgets.QMessageBox, "exec", answer)
    sent: list[object] = []
    window.send_controller.started.connect(sent.append)
    window.send_current()  # planned in a worker; the question comes when the plan is back
    qtbot.waitUntil(lambda: bool(asked) and not window.send_controller.busy, timeout=10000)
    assert "problem" in asked[0] and not sent
    qtbot.waitUntil(lambda: any(d.code == "L003" for d in bench.lint.diagnostics), timeout=10000)
    assert editor.tabs.currentWidget() is editor.body  # "Show problems" jumped to the first one
    exchange = send_and_wait(qtbot, window)
    assert len(asked) == 2 and "problem" in asked[1] and sent
    assert exchange.response is not None and exchange.response.status == 400  # the sandbox agrees


def test_status_transition_error_offers_the_allowed_opt_in_source(qtbot, bench) -> None:  # type: ignore[no-untyped-def]
    window, card = bench.window, bench.card
    editor = window.request_editor
    template = resource_path("templates", "v1", "Contacts", "Re-subscribe opted-out contact.ctct.toml")
    assert bench.documents.open(load_request(template))  # as from the tree: its collection's variables apply
    editor.body_editor.setPlainText(editor.body_editor.toPlainText().replace("ACTION_BY_CONTACT", "ACTION_BY_CUSTOMER"))
    bench.settings = bench.settings.with_changes(confirm_send_with_errors=False)
    refused = send_and_wait(qtbot, window)
    assert refused.response.status == 400 and b"Status transition from O to S" in refused.response.body
    qtbot.waitUntil(lambda: card.isVisible() and card.shown is not None, timeout=10000)
    assert card.shown.article_id == "v1-400-status-transition"
    _button(card, "action-switch-optin-source").click()
    assert "ACTION_BY_CONTACT" in editor.to_model().body and "ACTION_BY_CUSTOMER" not in editor.to_model().body
    assert send_and_wait(qtbot, window).response.status == 204
