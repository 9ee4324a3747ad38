"""The hex view on a real widget: a 100 MB body is read a screen at a time from its file, the
keyboard walks and selects bytes, Copy copies hex, the mouse picks the byte under it, and the
colours are the palette's in light and dark."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6 import QtCore, QtGui, QtWidgets

from ctct_desktop.core.binary import hex_rows
from ctct_desktop.core.binary.source import ByteSource
from ctct_desktop.ui.response_view.hex_view import HexView
from ctct_desktop.ui.theme import dark_palette, light_palette

pytestmark = [pytest.mark.qt_log_level_fail("WARNING"), pytest.mark.qt_log_ignore("propagateSizeHints", "QFont::")]
Key, Mod = QtCore.Qt.Key, QtCore.Qt.KeyboardModifier
SIZE = 100 << 20
TAIL = bytes(range(200, 256)) + b"THE END."


class CountingSource(ByteSource):
    """Counts the bytes the view reads: a screen's worth, never the body."""

    read_bytes = 0

    def read(self, start: int, end: int) -> bytes:
        data = super().read(start, end)
        self.read_bytes += len(data)
        return data


@pytest.fixture
def big_file(tmp_path: Path) -> Path:
    path = tmp_path / "body.bin"
    with open(path, "wb") as handle:
        handle.write(bytes(range(256)))
        handle.truncate(SIZE - len(TAIL))  # sparse: 100 MB without writing 100 MB
        handle.seek(SIZE - len(TAIL))
        handle.write(TAIL)
    return path


@pytest.fixture
def view(qtbot) -> HexView:  # type: ignore[no-untyped-def]
    widget = HexView()
    qtbot.addWidget(widget)
    widget.resize(760, 400)
    widget.show()
    qtbot.waitExposed(widget)
    return widget


def test_a_hundred_megabyte_body_is_read_one_screen_at_a_time(view: HexView, big_file: Path, qtbot) -> None:
    source = CountingSource(b"", str(big_file))
    view.set_source(source)
    assert view.row_count() == SIZE // 16
    assert view.rows_on_screen()[0] == hex_rows.format_row(0, bytes(range(16)))
    view.setFocus()
    qtbot.keyClick(view, Key.Key_End, Mod.ControlModifier)
    rows = view.rows_on_screen()
    assert rows[-1] == hex_rows.format_row(SIZE - 16, TAIL[-16:])
    assert rows[-1].endswith("THE END.")
    view.repaint()
    assert source.read_bytes < 64 * 1024, "the view read more than a few screens"


def test_keys_select_bytes_and_copy_puts_hex_on_the_clipboard(view: HexView, qtbot) -> None:
    view.set_source(ByteSource(b"\x00\x01\x02\x03" + b"A" * 40))
    view.setFocus()
    qtbot.keyClick(view, Key.Key_Right)
    for _ in range(3):
        qtbot.keyClick(view, Key.Key_Right, Mod.ShiftModifier)
    assert view.selection() == (1, 4)
    with qtbot.waitSignal(view.copied) as copied:
        qtbot.keyClick(view, Key.Key_C, Mod.ControlModifier)
    assert copied.args == [3, False]
    assert QtWidgets.QApplication.clipboard().text() == "01 02 03"
    qtbot.keyClick(view, Key.Key_Down, Mod.ShiftModifier)  # a row further: 16 bytes more
    assert view.selection() == (1, 20)
    qtbot.keyClick(view, Key.Key_A, Mod.ControlModifier)
    assert view.selection() == (0, 44)


def test_the_mouse_picks_the_byte_under_it_in_hex_and_in_ascii(view: HexView, qtbot) -> None:
    view.set_source(ByteSource(bytes(range(64))))
    width, height = view.char_width(), view.row_height()

    def at(column: int, row: int) -> QtCore.QPoint:
        return QtCore.QPoint(int(4 + (column + 0.5) * width), int((row + 0.5) * height))

    qtbot.mouseClick(view.viewport(), QtCore.Qt.MouseButton.LeftButton, pos=at(hex_rows.hex_column(5), 1))
    assert view.selection() == (21, 21)
    qtbot.mouseClick(view.viewport(), QtCore.Qt.MouseButton.LeftButton, Mod.ShiftModifier,
                     pos=at(hex_rows.ASCII_START + 9, 2))
    assert view.selection() == (21, 41)


@pytest.mark.parametrize("palette", [light_palette, dark_palette])
def test_it_paints_with_the_palette(view: HexView, palette, qtbot) -> None:  # type: ignore[no-untyped-def]
    view.setPalette(palette())
    view.set_source(ByteSource(b"\xff" * 32))
    image = view.viewport().grab().toImage()
    base = view.palette().color(QtGui.QPalette.ColorRole.Base)
    assert image.pixelColor(image.width() - 2, image.height() - 2) == base
    text = view.palette().color(QtGui.QPalette.ColorRole.Text)
    first_row = [image.pixelColor(x, y) for x in range(image.width()) for y in range(view.row_height())]
    assert any(abs(c.lightness() - text.lightness()) < 40 for c in first_row)  # the hex digits, in Text
