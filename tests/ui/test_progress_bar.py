"""The loading bars paint their value with the next frame: Qt's own setValue repaints at once and
flushes the window's other dirty widgets with it (the first screen of a large body was painted
inside the arrival's handler that way)."""

from __future__ import annotations

from PySide6 import QtCore, QtWidgets

from ctct_desktop.ui.widgets.progress_bar import ProgressBar


class _Paints(QtCore.QObject):
    def __init__(self) -> None:
        super().__init__()
        self.count = 0

    def eventFilter(self, watched: QtCore.QObject, event: QtCore.QEvent) -> bool:  # noqa: N802 - Qt API
        if event.type() == QtCore.QEvent.Type.Paint:
            self.count += 1
        return False


def _window(qtbot, bar: QtWidgets.QProgressBar) -> tuple[QtWidgets.QWidget, QtWidgets.QLabel]:  # type: ignore[no-untyped-def]
    window = QtWidgets.QWidget()
    qtbot.addWidget(window)
    layout = QtWidgets.QVBoxLayout(window)
    layout.addWidget(bar)
    label = QtWidgets.QLabel("before")
    layout.addWidget(label)
    bar.setRange(0, 1000)
    window.show()
    qtbot.waitExposed(window)
    QtWidgets.QApplication.processEvents()
    return window, label


def _paints_inside_set_value(qtbot, bar: QtWidgets.QProgressBar, keep: list[object]) -> tuple[int, int]:  # type: ignore[no-untyped-def]
    window, label = _window(qtbot, bar)
    keep.append(window)  # the caller keeps the window (and so the bar) alive
    bar_paints, label_paints = _Paints(), _Paints()
    bar.installEventFilter(bar_paints)
    label.installEventFilter(label_paints)
    label.setText("after")  # dirty: waits for the next frame
    bar.setValue(500)
    return bar_paints.count, label_paints.count


def test_qt_s_own_bar_paints_itself_and_the_window_s_dirty_widgets_inside_set_value(qtbot) -> None:  # type: ignore[no-untyped-def]
    assert _paints_inside_set_value(qtbot, QtWidgets.QProgressBar(), []) == (1, 1)  # why ProgressBar exists


def test_our_bar_takes_the_value_at_once_and_paints_it_with_the_next_frame(qtbot) -> None:  # type: ignore[no-untyped-def]
    bar, keep = ProgressBar(), []
    assert _paints_inside_set_value(qtbot, bar, keep) == (0, 0)
    assert bar.value() == 500
    painted = _Paints()
    bar.installEventFilter(painted)
    qtbot.waitUntil(lambda: painted.count > 0, timeout=2000)


def test_the_loading_bars_of_the_body_and_the_status_bar_are_ours(workbench) -> None:  # type: ignore[no-untyped-def]
    window = workbench.window
    assert isinstance(window.progress, ProgressBar)
    assert isinstance(window.response_view.body.progress, ProgressBar)
