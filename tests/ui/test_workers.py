"""Results of pool tasks never reach a widget that was destroyed while the task ran."""

from __future__ import annotations

import threading

import shiboken6
from PySide6 import QtWidgets

from ctct_desktop.ui import workers
from ctct_desktop.ui.collections_view.message_bar import MessageBar


def test_a_result_for_a_destroyed_owner_is_dropped(qtbot):
    release = threading.Event()
    bar = MessageBar()
    label = bar.label
    delivered: list[str] = []

    def shown(text: str) -> None:
        delivered.append(text)
        label.setText(text)  # raised "Internal C++ object already deleted" before owners were checked

    signals = workers.start_task(lambda _p: release.wait(5) and "late", shown, owner=bar)
    bar.deleteLater()
    qtbot.waitUntil(lambda: not _alive(label))
    with qtbot.waitSignal(signals.finished, timeout=5000):
        release.set()
    qtbot.wait(20)
    assert delivered == []


def test_a_result_for_a_living_owner_arrives(qtbot):
    owner = QtWidgets.QWidget()
    qtbot.addWidget(owner)
    delivered: list[object] = []
    signals = workers.start_task(lambda _p: 42, delivered.append, owner=owner)
    qtbot.waitUntil(lambda: delivered == [42], timeout=5000)
    assert signals is not None


def test_failures_and_progress_are_dropped_too(qtbot):
    owner = QtWidgets.QWidget()
    heard: list[object] = []
    release = threading.Event()

    def job(progress):
        release.wait(5)
        progress(1, 2)
        raise ValueError("boom")

    signals = workers.start_task(job, heard.append, heard.append, lambda a, b: heard.append((a, b)), owner=owner)
    owner.deleteLater()
    qtbot.waitUntil(lambda: not _alive(owner))
    with qtbot.waitSignal(signals.failed, timeout=5000):
        release.set()
    qtbot.wait(20)
    assert heard == []


def _alive(obj: object) -> bool:
    return shiboken6.isValid(obj)


def test_the_finished_signal_carries_the_result_in_its_named_box(qtbot):
    owner = QtWidgets.QWidget()
    qtbot.addWidget(owner)
    delivered: list[object] = []
    release = threading.Event()
    signals = workers.start_task(lambda _p: release.wait(5) and {"rows": 3}, delivered.append, owner=owner)
    with qtbot.waitSignal(signals.finished, timeout=5000) as blocker:
        release.set()  # emitted only once the blocker listens
    (box,) = blocker.args
    assert isinstance(box, workers.TaskResult) and box.value == {"rows": 3}
    qtbot.waitUntil(lambda: delivered == [{"rows": 3}], timeout=5000)
