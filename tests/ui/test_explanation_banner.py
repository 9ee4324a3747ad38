"""The 409 explanation is a banner inside the response pane: it never grows the window past the
screen, and none of its parts (title, buttons, "Other possible causes", text) is drawn over another.

The window runs in a child process whose offscreen screen is 1440×900 (tests/ui/layout_probe.py).
"""

from __future__ import annotations

from PySide6 import QtWidgets

from tests.ui.helpers import send_and_wait, type_url
from tests.ui.layout_probe import walk_at


def test_the_409_explanation_keeps_the_window_on_a_1440x900_screen() -> None:
    conflict = walk_at(1440, 900)["conflict"]
    assert conflict["status"] == 409 and conflict["card"] == "v1-409-contact-exists"
    assert conflict["inside"], f"frame {conflict['frame']} leaves the screen {conflict['available']}"
    assert conflict["card_overlaps"] == []
    assert conflict["clipped"] == []


def test_the_banner_shrunk_with_the_window_draws_nothing_over_its_text() -> None:
    shrunk = walk_at(1440, 900)["shrunk"]
    assert shrunk["inside"], f"frame {shrunk['frame']} leaves the screen {shrunk['available']}"
    assert shrunk["card_overlaps"] == [] and shrunk["overlaps"] == []
    assert shrunk["clipped"] == []


def test_refused_reads_as_sentences_with_the_exception_chain_behind_details(qtbot, workbench, closed_port) -> None:
    window, card = workbench.window, workbench.card
    type_url(qtbot, window, f"http://127.0.0.1:{closed_port}/nothing")
    exchange = send_and_wait(qtbot, window)
    assert exchange.failure is not None and exchange.failure.kind.value == "refused"
    qtbot.waitUntil(lambda: card.isVisible() and card.shown is not None, timeout=10000)
    text = card.body.text()
    assert "refused the connection" in text
    assert "Errno" not in text and "&lt;-" not in text and "Details:" not in text
    assert "rejects it. The host is this computer" in text, "one sentence ends before the next starts"
    details = card.findChild(QtWidgets.QPushButton, "details")
    assert details is not None and details.isVisible() and not details.isChecked()
    details.click()
    assert "ConnectionRefusedError: [Errno 111]" in card.body.text()
    details.click()
    assert "Errno" not in card.body.text()
