"""Find and go to offset in the hex view, through the real window and a loopback server: a
spooled binary body (read from its file by the search), a hit near its end by hex pairs and by
text, next/previous with the count, go to a decimal or hex offset, bad input said in one line,
and the selection copied as hex and as text."""

from __future__ import annotations

import pytest
from PySide6 import QtCore, QtWidgets

from ctct_desktop.core.binary.hex_rows import ROW_BYTES
from tests.ui.helpers import send_and_wait, type_url
from tests.ui.response_view.bodies_server import BodiesServer

pytestmark = [pytest.mark.qt_log_level_fail("WARNING"), pytest.mark.qt_log_ignore("propagateSizeHints", "QFont::")]
Key, Mod = QtCore.Qt.Key, QtCore.Qt.KeyboardModifier
CTRL, SHIFT = Mod.ControlModifier, Mod.ShiftModifier
MAGIC = b"\xde\xad\xbe\xef"
BODY = bytearray(bytes(range(256)) * (48 * 1024))  # 12 MiB: spooled to a file as it arrives
FIRST, NEAR_END = 4096 + 3, len(BODY) - 37
BODY[FIRST:FIRST + 4] = MAGIC
BODY[NEAR_END:NEAR_END + 4] = MAGIC
BODY[NEAR_END + 10:NEAR_END + 19] = b"THE END!!"


@pytest.fixture
def hex_body(qtbot, workbench, bodies: BodiesServer):  # type: ignore[no-untyped-def]
    window = workbench.window
    type_url(qtbot, window, bodies.serve("/dump.bin", "application/octet-stream", bytes(BODY)))
    exchange = send_and_wait(qtbot, window, timeout_ms=60000)
    assert exchange.response is not None and exchange.response.body_path, "spooled"
    body = window.response_view.body
    assert body.stack.currentWidget() is body.tools.hex
    body.tools.hex.setFocus()
    return window, body.tools


def _find(qtbot, window, tools, text: str, as_hex: bool) -> None:  # type: ignore[no-untyped-def]
    qtbot.keyClick(tools.hex, Key.Key_F, CTRL)  # the window's Find, routed to the hex bar
    bar = tools.hex_find
    assert bar.isVisible() and QtWidgets.QApplication.focusWidget() is bar.field
    bar.as_hex.setChecked(as_hex)
    with qtbot.waitSignal(bar.searched, timeout=30000):
        qtbot.keyClicks(bar.field, text)


def test_hex_pairs_are_found_to_the_end_of_a_spooled_body(qtbot, hex_body) -> None:  # type: ignore[no-untyped-def]
    window, tools = hex_body
    bar, view = tools.hex_find, tools.hex
    _find(qtbot, window, tools, "de ad be ef", as_hex=True)
    assert bar.matches is not None and list(bar.matches.offsets) == [FIRST, NEAR_END]
    assert bar.status.text() == "2 matches"
    qtbot.keyClick(bar.field, Key.Key_Return)
    assert view.selection() == (FIRST, FIRST + 4) and bar.status.text() == "1 of 2 matches"
    qtbot.keyClick(bar.field, Key.Key_Return)
    assert view.selection() == (NEAR_END, NEAR_END + 4) and bar.status.text() == "2 of 2 matches"
    row = NEAR_END // ROW_BYTES
    assert view.first_row() <= row < view.first_row() + view.visible_rows(), "scrolled to the match"
    assert any("de ad be ef" in line for line in view.rows_on_screen())
    qtbot.keyClick(bar.field, Key.Key_Return)  # wraps to the first
    assert view.selection() == (FIRST, FIRST + 4)
    qtbot.keyClick(bar.field, Key.Key_Return, SHIFT)  # and back to the last
    assert view.selection() == (NEAR_END, NEAR_END + 4)
    window.window_actions.find_previous.trigger()  # Shift+F3, from the window
    assert view.selection() == (FIRST, FIRST + 4)


def test_text_is_found_and_copied_as_text_and_as_hex(qtbot, hex_body) -> None:  # type: ignore[no-untyped-def]
    window, tools = hex_body
    _find(qtbot, window, tools, "THE END", as_hex=False)
    qtbot.keyClick(tools.hex_find.field, Key.Key_Return)
    view = tools.hex
    assert view.selection() == (NEAR_END + 10, NEAR_END + 17)
    view.setFocus()
    qtbot.keyClick(view, Key.Key_C, CTRL | Mod.AltModifier)
    assert QtWidgets.QApplication.clipboard().text() == "THE END"
    qtbot.keyClick(view, Key.Key_C, CTRL)
    assert QtWidgets.QApplication.clipboard().text() == "54 48 45 20 45 4e 44"


def test_bad_hex_says_why_in_one_line(qtbot, hex_body) -> None:  # type: ignore[no-untyped-def]
    window, tools = hex_body
    bar = tools.hex_find
    qtbot.keyClick(tools.hex, Key.Key_F, CTRL)
    bar.as_hex.setChecked(True)
    qtbot.keyClicks(bar.field, "de a")
    qtbot.keyClick(bar.field, Key.Key_Return)
    qtbot.waitUntil(lambda: "pairs" in bar.status.text(), timeout=5000)
    assert "\n" not in bar.status.text() and not bar.searching
    qtbot.keyClick(bar.field, Key.Key_Escape)
    assert not bar.isVisible() and QtWidgets.QApplication.focusWidget() is tools.hex


def test_go_to_offset_decimal_and_hex_and_past_the_end(qtbot, hex_body) -> None:  # type: ignore[no-untyped-def]
    window, tools = hex_body
    bar, view = tools.hex_find, tools.hex
    qtbot.keyClick(view, Key.Key_G, CTRL)
    assert bar.isVisible() and QtWidgets.QApplication.focusWidget() is bar.offset_field
    qtbot.keyClicks(bar.offset_field, hex(NEAR_END))
    qtbot.keyClick(bar.offset_field, Key.Key_Return)
    assert view.selection() == (NEAR_END, NEAR_END)
    assert view.first_row() <= NEAR_END // ROW_BYTES < view.first_row() + view.visible_rows()
    assert QtWidgets.QApplication.focusWidget() is view, "the keys go back to the bytes"
    qtbot.keyClick(view, Key.Key_Right, SHIFT)
    assert view.selection() == (NEAR_END, NEAR_END + 1)

    qtbot.keyClick(view, Key.Key_G, CTRL)
    qtbot.keyClicks(bar.offset_field, "4099")
    qtbot.keyClick(bar.offset_field, Key.Key_Return)
    assert view.selection() == (FIRST, FIRST) and view.first_row() <= FIRST // ROW_BYTES

    qtbot.keyClick(view, Key.Key_G, CTRL)
    qtbot.keyClicks(bar.offset_field, str(len(BODY)))
    qtbot.keyClick(bar.offset_field, Key.Key_Return)
    assert "past the end of the body" in bar.status.text() and view.selection() == (FIRST, FIRST)


def test_the_bar_goes_with_the_hex_view_and_forgets_the_old_body(qtbot, hex_body, workbench,
                                                                bodies: BodiesServer) -> None:  # type: ignore[no-untyped-def]
    window, tools = hex_body
    _find(qtbot, window, tools, "de ad be ef", as_hex=True)
    assert tools.hex_find.matches is not None
    type_url(qtbot, window, bodies.serve("/text", "text/plain", b"words"))
    send_and_wait(qtbot, window)
    assert not tools.hex_find.isVisible() and tools.hex_find.matches is None
    assert not tools.goto_action.isEnabled()
