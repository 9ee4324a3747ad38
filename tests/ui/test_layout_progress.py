"""Sending shows progress next to Cancel (busy bar, elapsed time, bytes so far), and the previous
response is greyed while the new one is awaited."""

from __future__ import annotations

from PySide6 import QtCore, QtWidgets

from tests.ui.helpers import send_and_wait, type_url


def test_a_slow_request_shows_time_passing_and_greys_the_old_response(qtbot, workbench, http_server) -> None:
    window = workbench.window
    type_url(qtbot, window, http_server.base_url + "/echo/first")
    first_response = send_and_wait(qtbot, window).response
    assert first_response is not None and first_response.status == 200
    progress, shown = window.send_progress, window.send_progress_action
    assert not shown.isVisible() and not progress.running and not window.response_view.waiting
    toolbar_items = [window.toolbar.widgetForAction(a) for a in window.toolbar.actions()]
    cancel_at = window.toolbar.actions().index(window.window_actions.cancel)
    assert toolbar_items.index(progress) == cancel_at + 1, "the progress sits right after Cancel"

    type_url(qtbot, window, http_server.base_url + "/slow")
    qtbot.keyClick(window.request_editor.url, QtCore.Qt.Key.Key_Return, QtCore.Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: window.send_controller.busy and shown.isVisible() and progress.running, timeout=5000)
    assert progress.bar.maximum() == 0, "busy (indeterminate) until a size is known"
    assert window.response_view.waiting and not window.response_view.pages.isEnabled()
    first = progress.label.text()
    assert first.endswith("s · 0 B")
    qtbot.waitUntil(lambda: progress.label.text() != first, timeout=5000)  # the clock runs
    qtbot.keyClick(QtWidgets.QApplication.focusWidget() or window, QtCore.Qt.Key.Key_Escape)
    qtbot.waitUntil(lambda: not window.send_controller.busy, timeout=5000)
    assert not shown.isVisible() and not progress.running and not window.response_view.waiting


def test_bytes_received_are_counted(qtbot, workbench, http_server) -> None:
    window = workbench.window
    seen: list[str] = []
    window.send_controller.progress.connect(lambda *_: seen.append(window.send_progress.label.text()))
    type_url(qtbot, window, http_server.base_url + "/large")
    send_and_wait(qtbot, window, timeout_ms=20000)
    assert seen and not seen[-1].endswith(" 0 B"), seen[-3:]
    assert "KiB" in seen[-1] or "MiB" in seen[-1]
