"""A modal question nobody answers would block a headless run forever. Tests that expect one
patch QMessageBox.exec themselves; any other is answered "Discard" (closing a window with
unsaved edits at teardown is the usual case) and recorded."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6 import QtWidgets


@pytest.fixture(autouse=True)
def unanswered_questions(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[str]]:
    asked: list[str] = []

    def answer(box: QtWidgets.QMessageBox) -> int:
        asked.append(box.text())
        return int(QtWidgets.QMessageBox.StandardButton.Discard.value)

    monkeypatch.setattr(QtWidgets.QMessageBox, "exec", answer)
    yield asked
