"""WCAG AA (4.5:1) for the text people read, in the light and the dark palette, on the real window:
every visible label (headings, status badge, explanation, failure panel, Problems summary) and
every placeholder, at each step of the golden path and for the two failure pages. The text colour
is what the label is drawn with (its style sheet's ``color`` or its palette's foreground role, and
inline colours in rich text); the background is the nearest thing that paints one: a style-sheet
background, or the palette colour of the first widget, the label itself or an ancestor, that
fills its background (the window at the top).

Colours that carry a meaning are measured too: the lint severities as the Problems list's text
(AA), as its icons and the editor's wavy underlines and gutter marks (3:1, non-text, WCAG 1.4.11), the TLS
badge when verification is off, every status badge of the response view and the history's status
colours.
"""

from __future__ import annotations

import re

from PySide6 import QtCore, QtGui, QtWidgets

import pytest

from ctct_desktop.core.models import FailureKind, ResponseRecord, TransportFailure
from ctct_desktop.resources import resource_path
from ctct_desktop.store.request_file import load_request
from ctct_desktop.ui.response_view.status_line import StatusLine
from ctct_desktop.ui.severity_colours import (
    OUTCOMES,
    SEVERITIES,
    STATUS_CLASSES,
    outcome_colour,
    severity_colour,
    status_class_colour,
)
from ctct_desktop.ui.theme import AA_CONTRAST, contrast_ratio, dark_palette, light_palette, set_theme
from tests.ui.helpers import send_and_wait, type_url

CREATE = resource_path("templates", "v1", "Contacts", "Create contact.ctct.toml")
_COLOUR = r"(palette\([a-z-]+\)|#[0-9a-fA-F]{3,8}|[a-zA-Z]+)"  # palette(...) first: "palette" is also a word
NON_TEXT_CONTRAST = 3.0  # WCAG 1.4.11: underlines and marks that carry meaning


def _sheet_colour(widget: QtWidgets.QWidget, prop: str) -> QtGui.QColor | None:
    match = re.search(rf"(?<![-\w]){prop}\s*:\s*{_COLOUR}", widget.styleSheet())
    if match is None:
        return None
    value = match.group(1)
    if value.startswith("palette("):
        role = "".join(part.title() for part in value[8:-1].split("-"))
        return widget.palette().color(getattr(QtGui.QPalette.ColorRole, role))
    return QtGui.QColor(value)


def background_of(widget: QtWidgets.QWidget) -> QtGui.QColor:
    node: QtWidgets.QWidget | None = widget
    while node is not None:
        sheet = _sheet_colour(node, "background(?:-color)?")
        if sheet is not None:
            return sheet
        if node.autoFillBackground() or node.isWindow():
            return node.palette().color(node.backgroundRole())
        node = node.parentWidget()
    raise AssertionError("no window above the widget")


def text_colours(label: QtWidgets.QLabel) -> list[QtGui.QColor]:
    colours = [_sheet_colour(label, "color") or label.palette().color(label.foregroundRole())]
    if label.textFormat() != QtCore.Qt.TextFormat.PlainText and "<" in label.text():
        colours += [QtGui.QColor(c) for c in re.findall(r"color\s*:\s*(#[0-9a-fA-F]{3,8}|[a-zA-Z]+)", label.text())]
    return colours


def failures(window: QtWidgets.QWidget, step: str, palette: str) -> list[str]:
    found: list[str] = []
    for label in window.findChildren(QtWidgets.QLabel):
        if not (label.isVisible() and label.isEnabled() and label.text().strip()):
            continue
        background = background_of(label)
        for colour in text_colours(label):
            ratio = contrast_ratio(colour, background)
            if ratio < AA_CONTRAST:
                found.append(f"{step}/{palette}: {label.text()[:50]!r} {colour.name()} on "
                             f"{background.name()} = {ratio:.2f}")
    editors: list[QtWidgets.QLineEdit | QtWidgets.QPlainTextEdit] = [
        *window.findChildren(QtWidgets.QLineEdit), *window.findChildren(QtWidgets.QPlainTextEdit)]
    for editor in editors:
        if editor.isVisible() and editor.isEnabled() and editor.placeholderText():
            palette_ = editor.palette()
            colour = palette_.color(QtGui.QPalette.ColorRole.PlaceholderText)
            ratio = contrast_ratio(colour, palette_.color(QtGui.QPalette.ColorRole.Base))
            if ratio < AA_CONTRAST:
                found.append(f"{step}/{palette}: placeholder {editor.placeholderText()[:40]!r} = {ratio:.2f}")
    return found


def severity_failures(bench, step: str, palette: str) -> list[str]:  # type: ignore[no-untyped-def]
    """The lint colours as drawn: each wavy underline against the editor's Base (3:1) and each
    Problems row's severity text against the list's Base (AA)."""
    found: list[str] = []
    body = bench.window.request_editor.body_editor
    base = body.palette().color(QtGui.QPalette.ColorRole.Base)
    wavy = QtGui.QTextCharFormat.UnderlineStyle.WaveUnderline
    for selection in body.extraSelections():
        if selection.format.underlineStyle() == wavy:
            colour = selection.format.underlineColor()
            ratio = contrast_ratio(colour, base)
            if ratio < NON_TEXT_CONTRAST:
                found.append(f"{step}/{palette}: underline {colour.name()} on {base.name()} = {ratio:.2f}")
    tree = bench.problems.tree
    tree_base = tree.palette().color(QtGui.QPalette.ColorRole.Base)
    for row in range(tree.topLevelItemCount()):
        item = tree.topLevelItem(row)
        colour = item.foreground(0).color()
        ratio = contrast_ratio(colour, tree_base)
        if ratio < AA_CONTRAST:
            found.append(f"{step}/{palette}: Problems {item.text(0)!r} {colour.name()} on {tree_base.name()} = {ratio:.2f}")
        shape = _opaque_colour(item.icon(0))
        if shape is None or contrast_ratio(shape, tree_base) < NON_TEXT_CONTRAST:
            found.append(f"{step}/{palette}: Problems icon of {item.text(0)!r} is "
                         f"{'missing' if shape is None else shape.name()} on {tree_base.name()}")
    return found


def _opaque_colour(icon: QtGui.QIcon) -> QtGui.QColor | None:
    """The colour of an icon's fully opaque pixels (its shape); None for an empty icon."""
    image = icon.pixmap(16, 16).toImage()
    for y in range(image.height()):
        for x in range(image.width()):
            colour = image.pixelColor(x, y)
            if colour.alpha() == 255:
                return colour
    return None


def test_every_visible_text_passes_aa_in_both_palettes(qtbot, sandbox_workbench, closed_port) -> None:
    bench = sandbox_workbench
    window = bench.window
    app = QtWidgets.QApplication.instance()
    assert isinstance(app, QtWidgets.QApplication)
    found: list[str] = []
    checked: set[str] = set()

    def check(step: str) -> None:
        for palette in ("light", "dark"):
            set_theme(app, palette)
            qtbot.wait(10)  # the palette change reaches every widget through the event loop
            found.extend(failures(window, step, palette))
            found.extend(severity_failures(bench, step, palette))
            checked.update(label.text() for label in window.findChildren(QtWidgets.QLabel) if label.isVisible())

    try:
        check("idle")
        window.request_editor.set_model(load_request(CREATE).request)
        created = send_and_wait(qtbot, window).response
        assert created is not None and created.status == 201
        check("201")
        conflict = send_and_wait(qtbot, window).response
        assert conflict is not None and conflict.status == 409
        qtbot.waitUntil(lambda: bench.card.isVisible() and bench.card.shown is not None, timeout=10000)
        check("409")
        body = window.request_editor.body_editor
        body.setPlainText(body.toPlainText().replace(' xmlns="http://www.w3.org/2005/Atom"', "", 1))
        qtbot.waitUntil(lambda: any(d.code == "L001" for d in bench.lint.diagnostics), timeout=10000)
        window.request_editor.options.verify_tls.setChecked(False)  # the "TLS verification OFF" badge
        check("problems")
        assert body.extraSelections() and bench.problems.tree.topLevelItemCount() > 0
        window.request_editor.options.verify_tls.setChecked(True)
        bench.settings = bench.settings.with_changes(confirm_send_with_errors=False)
        type_url(qtbot, window, f"http://127.0.0.1:{closed_port}/nothing")
        assert send_and_wait(qtbot, window).failure is not None
        check("refused")
        type_url(qtbot, window, "example.com/no-scheme")
        assert send_and_wait(qtbot, window).failure is not None
        check("invalid")
    finally:
        set_theme(app, "system")
    for heading in ("No response yet: press Ctrl+Enter to send", "Connection refused",
                    "The request cannot be sent", "201 Created", "409 Conflict", "⚠ TLS verification OFF"):
        assert heading in checked, f"{heading!r} was never on screen to check"
    assert found == []


def _palette(name: str) -> QtGui.QPalette:
    app = QtWidgets.QApplication.instance()
    assert isinstance(app, QtWidgets.QApplication)
    return light_palette(app.style()) if name == "light" else dark_palette()


@pytest.mark.parametrize("palette_name", ["light", "dark"])
def test_severity_and_status_colours_read_on_both_backgrounds(qapp, palette_name: str) -> None:
    """Text on Base and AlternateBase (lists, the history table), marks in the gutter (AlternateBase)."""
    palette = _palette(palette_name)
    found: list[str] = []
    for role in (QtGui.QPalette.ColorRole.Base, QtGui.QPalette.ColorRole.AlternateBase):
        background = palette.color(role)
        colours = [(f"severity {name}", severity_colour(name, palette)) for name in SEVERITIES]
        colours += [(f"status {c}xx", status_class_colour(c, palette)) for c in STATUS_CLASSES]
        colours += [(f"runner outcome {o}", outcome_colour(o, palette)) for o in OUTCOMES]  # rows, Tests tab
        for name, colour in colours:
            assert colour is not None
            ratio = contrast_ratio(colour, background)
            if ratio < AA_CONTRAST:
                found.append(f"{palette_name}: {name} {colour.name()} on {role.name} {background.name()} = {ratio:.2f}")
    assert found == []


_STATUSES = [(101, "Switching Protocols"), (200, "OK"), (302, "Found"), (404, "Not Found"),
             (500, "Internal Server Error"), (999, "Odd")]
_FAILURES = [FailureKind.CANCELLED, FailureKind.TLS, FailureKind.REFUSED, FailureKind.NOT_SENT]


@pytest.mark.parametrize("palette_name", ["light", "dark"])
def test_every_status_badge_of_the_response_view_passes_aa(qtbot, qapp, palette_name: str) -> None:
    window = QtWidgets.QWidget()
    qtbot.addWidget(window)
    line = StatusLine(window)
    window.show()
    found: list[str] = []
    shown: list[str] = []
    set_theme(qapp, palette_name)  # as Preferences does: the application's palette
    qtbot.wait(10)  # the palette change reaches every widget through the event loop
    try:
        for status, reason in _STATUSES:
            line.show_response(ResponseRecord(status, reason, "HTTP/1.1", (), b"", "http://x/", 1.0))
            shown.append(line.code.text())
            found += failures(window, f"{status}", palette_name)
        for kind in _FAILURES:
            line.show_failure(TransportFailure(kind, "plain words", "detail"))
            shown.append(line.code.text())
            found += failures(window, kind.value, palette_name)
        line.show_idle()
        found += failures(window, "idle", palette_name)
    finally:
        set_theme(qapp, "system")
    assert "Cancelled" in shown and "No response (tls)" in shown and "404 Not Found" in shown
    assert found == []


def test_a_style_sheet_palette_role_is_read_as_that_role(qapp) -> None:  # type: ignore[no-untyped-def]
    """The contrast checks above take backgrounds from style sheets; ``palette(alternate-base)`` was
    once read as the word "palette" (black), so the note over it was checked against black."""
    label = QtWidgets.QLabel("note")
    label.setStyleSheet("QLabel { background: palette(alternate-base); padding: 3px; }")
    assert background_of(label) == label.palette().color(QtGui.QPalette.ColorRole.AlternateBase)
    label.setStyleSheet("QLabel { background-color: #123456; }")
    assert background_of(label) == QtGui.QColor("#123456")
