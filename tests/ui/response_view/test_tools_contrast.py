"""The body tools' text reads in both palettes: the hex note, the image details and a broken
image's note (WCAG AA, measured as tests/ui/test_contrast.py measures the rest of the window)."""

from __future__ import annotations

import pytest
from PySide6 import QtGui, QtWidgets

from ctct_desktop.ui.theme import AA_CONTRAST, contrast_ratio, set_theme
from tests.ui.helpers import send_and_wait, type_url
from tests.ui.response_view.bodies_server import BodiesServer, png
from tests.ui.test_contrast import background_of


def _background(label: QtWidgets.QLabel) -> QtGui.QColor:
    """The note's style sheet paints palette(alternate-base) (test_contrast's sheet reader takes
    "palette(...)" for a colour name, so it is read here); anything else, as test_contrast does."""
    if "palette(alternate-base)" in label.styleSheet():
        return label.palette().color(QtGui.QPalette.ColorRole.AlternateBase)
    return background_of(label)

pytestmark = [pytest.mark.qt_log_level_fail("WARNING"), pytest.mark.qt_log_ignore("propagateSizeHints", "QFont::")]


def test_tool_text_passes_aa_in_both_palettes(qtbot, workbench, bodies: BodiesServer) -> None:
    window = workbench.window
    app = QtWidgets.QApplication.instance()
    assert isinstance(app, QtWidgets.QApplication)
    body = window.response_view.body
    found: list[str] = []
    seen: list[str] = []

    def check(step: str) -> None:
        for palette in ("light", "dark"):
            set_theme(app, palette)
            qtbot.wait(10)
            for label in (body.note, body.tools.image.details):
                if not label.isVisible():
                    continue
                seen.append(label.text())
                colour = label.palette().color(label.foregroundRole())
                ratio = contrast_ratio(colour, _background(label))
                if ratio < AA_CONTRAST:
                    found.append(f"{step}/{palette}: {label.text()[:40]!r} {ratio:.2f}")

    try:
        type_url(qtbot, window, bodies.serve("/p.png", "image/png", png(8, 8)))
        send_and_wait(qtbot, window)
        qtbot.waitUntil(lambda: body.tools.image.image is not None, timeout=10000)
        check("image")
        window.window_actions.raw_view.trigger()
        check("hex")
        window.window_actions.pretty_view.trigger()
        type_url(qtbot, window, bodies.serve("/bad.png", "image/png", b"\x89PNG\r\n\x1a\nbroken"))
        send_and_wait(qtbot, window)
        qtbot.waitUntil(lambda: bool(body.tools.image.error), timeout=10000)
        check("broken")
    finally:
        set_theme(app, "system")
    assert any(text.startswith("PNG, 8 × 8 pixels") for text in seen)
    assert any(text.startswith("Shown as hex") for text in seen)
    assert any(text.startswith("The image cannot be shown") for text in seen)
    assert found == []
