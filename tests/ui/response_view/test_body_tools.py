"""Binary and image responses through the real window and send pipeline (a loopback server):
images shown as images, binary bodies as hex with a note, Hex beside Pretty/Raw for any body,
and Save body / Open in another app writing the bytes as received, small and spooled."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6 import QtCore

from ctct_desktop.core.binary import hex_rows
from tests.ui.helpers import send_and_wait, type_url
from tests.ui.response_view.bodies_server import BodiesServer, png

pytestmark = [pytest.mark.qt_log_level_fail("WARNING"), pytest.mark.qt_log_ignore("propagateSizeHints", "QFont::")]
Key, Mod = QtCore.Qt.Key, QtCore.Qt.KeyboardModifier
CTRL_ALT = Mod.ControlModifier | Mod.AltModifier
LARGE = bytes(range(256)) * (40 * 1024) + b"\x00LAST"  # 10 MiB: past the 8 MiB spool threshold


def _get(qtbot, workbench, url: str):  # type: ignore[no-untyped-def]
    window = workbench.window
    type_url(qtbot, window, url)
    exchange = send_and_wait(qtbot, window, timeout_ms=60000)
    assert exchange.response is not None
    return window.response_view.body, exchange.response


def test_a_png_is_shown_as_an_image_and_raw_as_hex(qtbot, workbench, bodies: BodiesServer) -> None:
    image = png(40, 30)
    body, _record = _get(qtbot, workbench, bodies.serve("/logo.png", "image/png", image))
    tools = body.tools
    assert tools.image_button.isVisible() and body.stack.currentWidget() is body.tools.image
    qtbot.waitUntil(lambda: tools.image.image is not None, timeout=10000)
    assert tools.image.details.text() == f"PNG, 40 × 30 pixels, {len(image)} B"
    assert tools.image.picture.pixmap().width() == 40  # room to spare: never scaled up
    assert all(editor.document().characterCount() <= 1 for editor in body.editors), "not decoded as text"

    workbench.window.window_actions.raw_view.trigger()
    assert body.stack.currentWidget() is body.tools.hex
    assert "Shown as hex: the body is binary (its type is image/png)" in body.note.text()
    assert tools.hex.rows_on_screen()[0].startswith("00000000  89 50 4e 47 0d 0a 1a 0a")


def test_a_large_image_is_scaled_down_to_fit(qtbot, workbench, bodies: BodiesServer) -> None:
    body, _record = _get(qtbot, workbench, bodies.serve("/big.png", "image/png", png(3000, 2000)))
    image = body.tools.image
    qtbot.waitUntil(lambda: image.image is not None, timeout=10000)
    shown = image.picture.pixmap()
    assert shown.width() <= image.picture.width() and shown.height() <= image.picture.height()
    assert abs(shown.width() / shown.height() - 1.5) < 0.02  # the aspect ratio kept
    assert "3,000 × 2,000 pixels" in image.details.text()


def test_a_broken_image_says_so(qtbot, workbench, bodies: BodiesServer) -> None:
    body, _record = _get(qtbot, workbench, bodies.serve("/broken.png", "image/png", b"\x89PNG\r\n\x1a\nnot really"))
    image = body.tools.image
    qtbot.waitUntil(lambda: bool(image.details.text()), timeout=10000)
    assert image.image is None
    assert image.details.text().startswith("The image cannot be shown: it does not decode as an image")


def test_an_svg_is_xml_text_in_pretty_and_drawn_in_image(qtbot, workbench, bodies: BodiesServer) -> None:
    svg = b'<svg xmlns="http://www.w3.org/2000/svg" width="20" height="10"><rect width="20" height="10"/></svg>'
    body, _record = _get(qtbot, workbench, bodies.serve("/shape.svg", "image/svg+xml", svg))
    assert body.stack.currentIndex() == 0 and "<rect" in body.current_editor.toPlainText()
    assert body.tools.image_button.isVisible()
    body.tools.image_button.click()
    qtbot.waitUntil(lambda: body.tools.image.image is not None, timeout=10000)
    assert body.tools.image.details.text().startswith("SVG, 20 × 10 pixels")
    body.pretty_button.click()
    assert body.stack.currentIndex() == 0 and "<rect" in body.current_editor.toPlainText()


def test_a_binary_body_is_hex_in_pretty_and_raw_with_the_reason(qtbot, workbench, bodies: BodiesServer) -> None:
    data = b"PK\x03\x04" + bytes(range(256)) * 4
    body, _record = _get(qtbot, workbench, bodies.serve("/export.zip", "application/zip", data))
    assert body.stack.currentWidget() is body.tools.hex and not body.tools.image_button.isVisible()
    assert "its type is application/zip" in body.note.text()
    workbench.window.window_actions.raw_view.trigger()
    assert body.stack.currentWidget() is body.tools.hex and "binary" in body.note.text()
    assert all(editor.document().characterCount() <= 1 for editor in body.editors)


def test_hex_beside_pretty_and_raw_for_a_text_body(qtbot, workbench, bodies: BodiesServer) -> None:
    xml = b'<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><title>Lists</title></feed>'
    body, _record = _get(qtbot, workbench, bodies.serve("/lists", "application/atom+xml", xml))
    assert body.stack.currentIndex() == 0
    window = workbench.window
    qtbot.keyClick(window.request_editor.url, Key.Key_3, Mod.ControlModifier)
    assert body.tools.hex_button.isChecked() and body.stack.currentWidget() is body.tools.hex
    assert body.tools.hex.rows_on_screen()[0].endswith("<?xml version=\"1")
    assert not body.note.isVisible()  # chosen, not imposed: nothing to explain
    window.window_actions.pretty_view.trigger()
    qtbot.waitUntil(lambda: not body.busy)
    assert body.stack.currentIndex() == 0 and "  <title>Lists</title>" in body.current_editor.toPlainText()


def test_a_spooled_binary_body_is_paged_as_hex_from_its_file(qtbot, workbench, bodies: BodiesServer) -> None:
    body, record = _get(qtbot, workbench, bodies.serve("/dump", "application/octet-stream", LARGE))
    assert record.body_path and len(record.body) < len(LARGE)
    hex_view = body.tools.hex
    assert body.stack.currentWidget() is body.tools.hex and hex_view.source.path == record.body_path
    assert body.paged.source is None or not body.paged_body.busy  # the text pager was not started on it
    hex_view.setFocus()
    qtbot.keyClick(hex_view, Key.Key_End, Mod.ControlModifier)
    last = hex_view.rows_on_screen()[-1]
    assert last == hex_rows.format_row(len(LARGE) - len(LARGE) % 16, LARGE[-(len(LARGE) % 16):])


def test_save_body_writes_the_bytes_as_received(qtbot, workbench, bodies: BodiesServer, tmp_path: Path) -> None:
    xml = b"<feed xmlns='http://www.w3.org/2005/Atom'><entry/></feed>\r\n"
    body, _record = _get(qtbot, workbench, bodies.serve("/ws/customers/joe/contacts", "application/atom+xml", xml))
    actions = body.tools.actions
    asked: list[str] = []
    target = tmp_path / "saved.xml"
    actions.ask_path = lambda suggested: asked.append(suggested) or str(target)
    window = workbench.window
    with qtbot.waitSignal(actions.finished, timeout=10000):
        qtbot.keyClick(window.request_editor.url, Key.Key_S, CTRL_ALT)
    assert Path(asked[0]).name == "contacts.xml"
    assert target.read_bytes() == xml  # not the pretty text
    assert body.note.text() == f"Saved the body ({len(xml)} B) to {target}."
    window.response_view.tabs.setCurrentWidget(window.response_view.headers)  # the body is out of sight
    target.unlink()
    with qtbot.waitSignal(actions.finished, timeout=10000):
        qtbot.keyClick(window.request_editor.url, Key.Key_S, CTRL_ALT)
    assert target.read_bytes() == xml


def test_save_body_streams_a_spooled_body_with_progress(qtbot, workbench, bodies: BodiesServer, tmp_path: Path) -> None:
    body, record = _get(qtbot, workbench, bodies.serve("/dump", "application/octet-stream", LARGE))
    assert record.body_path
    actions = body.tools.actions
    target = tmp_path / "dump.bin"
    actions.ask_path = lambda _suggested: str(target)
    with qtbot.waitSignal(actions.finished, timeout=30000) as finished:
        actions.save_action.trigger()
        assert actions.bar.isVisible() and actions.busy and not actions.save_action.isEnabled()
    assert finished.args[0].written == len(LARGE)
    assert target.read_bytes() == LARGE
    assert not actions.bar.isVisible() and actions.save_action.isEnabled()


def test_a_save_that_fails_says_why_and_keeps_everything(qtbot, workbench, bodies: BodiesServer, tmp_path: Path) -> None:
    body, _record = _get(qtbot, workbench, bodies.serve("/a.json", "application/json", b'{"a": 1}'))
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("keep me")
    body.tools.actions.ask_path = lambda _suggested: str(blocker / "a.json")
    with qtbot.waitSignal(body.tools.actions.finished, timeout=10000):
        body.tools.actions.save_action.trigger()
    assert body.note.text() == f"The body was not saved to {blocker / 'a.json'}: {blocker} is not a folder."
    assert blocker.read_text() == "keep me"
    assert body.stack.currentIndex() == 0 and '"a": 1' in body.current_editor.toPlainText()  # still shown


def test_open_externally_hands_a_file_holding_the_body_to_the_opener(qtbot, workbench, bodies: BodiesServer) -> None:
    body, _record = _get(qtbot, workbench, bodies.serve("/dump", "application/octet-stream", LARGE))
    actions = body.tools.actions
    opened: list[QtCore.QUrl] = []
    actions.opener = lambda url: opened.append(url) or True
    with qtbot.waitSignal(actions.finished, timeout=30000):
        qtbot.keyClick(workbench.window.request_editor.url, Key.Key_O, CTRL_ALT)
    path = Path(opened[0].toLocalFile())
    assert path.name == "dump.bin" and path.read_bytes() == LARGE
    assert path.stat().st_mode & 0o077 == 0  # the body may hold contacts: the file is the user's only
    actions.open_externally()  # the same body again: the same file, handed over at once
    assert [Path(u.toLocalFile()) for u in opened] == [path, path]
    assert body.note.text().startswith("Opened dump.bin in another application")


def test_open_externally_says_when_nothing_opened_it(qtbot, workbench, bodies: BodiesServer) -> None:
    body, _record = _get(qtbot, workbench, bodies.serve("/report.csv", "text/csv", b"a,b\n1,2\n"))
    actions = body.tools.actions
    given: list[Path] = []
    actions.opener = lambda url: given.append(Path(url.toLocalFile())) and False
    with qtbot.waitSignal(actions.finished, timeout=10000):
        actions.open_action.trigger()
    assert given[0].name == "report.csv" and given[0].read_bytes() == b"a,b\n1,2\n"
    assert body.note.text().startswith(f"No application opened the body; it is in {given[0]}")


def test_the_tools_are_off_without_a_body(qtbot, workbench) -> None:
    body = workbench.window.response_view.body
    assert not body.tools.actions.save_action.isEnabled() and not body.tools.actions.open_action.isEnabled()
    assert body.tools.menu_button.accessibleName() == "Body actions"
    assert body.tools.hex.accessibleName() == "Response body (hex)"


def test_saving_a_body_cut_at_the_size_limit_says_so(qtbot, workbench, bodies: BodiesServer, tmp_path: Path) -> None:
    workbench.settings = workbench.settings.with_changes(max_response_mb=1)
    body, record = _get(qtbot, workbench, bodies.serve("/huge.bin", "application/octet-stream", LARGE[:3 << 20]))
    assert record.body_truncated
    target = tmp_path / "cut.bin"
    body.tools.actions.ask_path = lambda _suggested: str(target)
    with qtbot.waitSignal(body.tools.actions.finished, timeout=10000):
        body.tools.actions.save_action.trigger()
    assert target.read_bytes() == LARGE[:1 << 20]
    assert body.note.text().endswith("It was cut at the size limit as it arrived: the file holds what was kept.")


def test_another_body_of_the_same_size_gets_its_own_file(qtbot, workbench, bodies: BodiesServer) -> None:
    opened: list[Path] = []
    for path, data in (("/same", b"first body\x00"), ("/same", b"other body\x00")):
        body, _record = _get(qtbot, workbench, bodies.serve(path, "application/octet-stream", data))
        body.tools.actions.opener = lambda url: opened.append(Path(url.toLocalFile())) or True
        with qtbot.waitSignal(body.tools.actions.finished, timeout=10000):
            body.tools.actions.open_action.trigger()
    assert opened[0] != opened[1] and opened[0].name == opened[1].name == "same.bin"
    assert opened[0].read_bytes() == b"first body\x00" and opened[1].read_bytes() == b"other body\x00"


def test_cancel_stops_a_save_and_writes_nothing(qtbot, workbench, bodies: BodiesServer, tmp_path: Path) -> None:
    import threading
    from collections.abc import Iterator

    from ctct_desktop.core.binary.source import ByteSource

    body, record = _get(qtbot, workbench, bodies.serve("/dump", "application/octet-stream", LARGE))
    release = threading.Event()

    class HeldSource(ByteSource):
        """The spooled body, each chunk held until the test lets it go (a slow disk, on demand)."""

        def chunks(self, size: int = 1 << 20) -> Iterator[bytes]:
            for piece in super().chunks(size):
                release.wait(10)
                yield piece

    body.tools.source = HeldSource(record.body, record.body_path)
    actions = body.tools.actions
    target = tmp_path / "never.bin"
    actions.ask_path = lambda _suggested: str(target)
    actions.save_action.trigger()
    assert actions.bar.isVisible() and actions.cancel_button.isVisible()
    with qtbot.waitSignal(actions.finished, timeout=20000) as finished:
        qtbot.mouseClick(actions.cancel_button, QtCore.Qt.MouseButton.LeftButton)
        release.set()
    assert finished.args[0].cancelled
    assert body.note.text() == f"Saving was cancelled; {target} was not written."
    assert list(tmp_path.iterdir()) == []
