"""The real window with its embedded sandbox, and a small collection on disk to run in it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6 import QtCore

from tests.runner.helpers import collection, create_list_step, request



def flow(root: Path) -> Path:
    """Create a list (capturing its id), read it back (one assertion fails on purpose)."""
    return collection(root, [
        create_list_step("Runner view {{$randomInt}}"),
        ("Get it", request("GET", "{{base_url}}/lists/{{new_list_id}}"),
         {"assertions": ("status == 200", 'header Content-Type matches "json"')}),
    ])


def open_collection(qtbot: Any, bench: Any, root: Path) -> None:
    panel = bench.saved_work.collections
    assert panel.add_collection(root)
    qtbot.waitUntil(lambda: not panel.busy and panel.collection(root.resolve()) is not None, timeout=10_000)
    qtbot.waitUntil(lambda: panel.select_path(root), timeout=5000)


def run_selected(qtbot: Any, bench: Any) -> None:
    """Ctrl+Shift+R in the collection tree, as a user does; waits for the run to finish."""
    tree = bench.saved_work.collections.view
    tree.setFocus()
    qtbot.waitUntil(tree.hasFocus, timeout=2000)
    qtbot.keyClick(tree, QtCore.Qt.Key.Key_R, QtCore.Qt.KeyboardModifier.ControlModifier
                   | QtCore.Qt.KeyboardModifier.ShiftModifier)
    qtbot.waitUntil(lambda: bench.runner.dock is not None and bench.runner.panel.result is not None
                    and not bench.runner.running, timeout=20_000)


@pytest.fixture
def ready(sandbox_workbench: Any, qtbot: Any) -> Any:
    """The sandbox workbench once the Sandbox (local) environment points at the running sandbox."""
    bench = sandbox_workbench
    qtbot.waitUntil(lambda: "base_url" in bench.saved_work.variables(), timeout=10_000)
    return bench
