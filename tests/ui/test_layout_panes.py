"""Three panes: request and response side by side on a wide window, stacked on a narrow tall one,
switched from the View menu or Ctrl+Alt+L, the choice kept in window-state.json."""

from __future__ import annotations

from pathlib import Path

from PySide6 import QtCore, QtGui, QtWidgets

from ctct_desktop.store.drafts import DraftStore
from ctct_desktop.ui.widgets.panes import SIDE_BY_SIDE, STACKED, PaneArrangement
from ctct_desktop.ui.window_state import WindowState, WindowStateStore

HORIZONTAL, VERTICAL = QtCore.Qt.Orientation.Horizontal, QtCore.Qt.Orientation.Vertical


def _arrangement(qtbot) -> PaneArrangement:
    splitter = QtWidgets.QSplitter()
    qtbot.addWidget(splitter)
    splitter.addWidget(QtWidgets.QLabel("request"))
    splitter.addWidget(QtWidgets.QLabel("response"))
    return PaneArrangement(splitter)


def test_by_size_wide_is_side_by_side_narrow_and_tall_is_stacked(qtbot) -> None:
    panes = _arrangement(qtbot)
    panes.window_resized(QtCore.QSize(1400, 860))
    assert panes.splitter.orientation() == HORIZONTAL
    panes.window_resized(QtCore.QSize(1000, 900))
    assert panes.splitter.orientation() == VERTICAL
    panes.window_resized(QtCore.QSize(1000, 650))  # too short for stacked panes and the docks
    assert panes.splitter.orientation() == HORIZONTAL


def test_a_choice_holds_at_any_size(qtbot) -> None:
    panes = _arrangement(qtbot)
    panes.window_resized(QtCore.QSize(1400, 860))
    panes.toggle()
    assert panes.mode == STACKED and panes.splitter.orientation() == VERTICAL
    panes.window_resized(QtCore.QSize(1900, 1000))
    assert panes.splitter.orientation() == VERTICAL
    panes.toggle()
    assert panes.mode == SIDE_BY_SIDE
    panes.window_resized(QtCore.QSize(900, 1000))
    assert panes.splitter.orientation() == HORIZONTAL


def test_view_menu_and_ctrl_alt_l_switch_and_the_choice_is_kept(qtbot, workbench) -> None:
    window = workbench.window
    action = window.window_actions.side_by_side
    assert action in window.menus["view"].actions()
    key = QtGui.QKeySequence("Ctrl+Alt+L")
    users = [a for a in window.findChildren(QtGui.QAction) if key in a.shortcuts()]
    assert users == [action], "Ctrl+Alt+L is this action's alone"
    before = window.splitter.orientation()
    action.trigger()
    after = window.splitter.orientation()
    assert after != before and action.isChecked() == (after == HORIZONTAL)
    window.save_state()
    store = window.services.state_store
    assert store is not None and store.load().panes in (SIDE_BY_SIDE, STACKED)
    window.splitter.setOrientation(before)
    window.restore_state()
    assert window.splitter.orientation() == after


def test_window_state_keeps_the_arrangement_and_reads_files_without_it(tmp_path: Path) -> None:
    store = WindowStateStore(tmp_path, DraftStore(tmp_path / "drafts"))
    store.save(WindowState(b"geo", b"dock", b"split", STACKED))
    assert store.load() == WindowState(b"geo", b"dock", b"split", STACKED)
    store.save(WindowState(b"geo", b"dock", b"split"))
    assert "panes" not in store.path.read_text(encoding="utf-8")
    assert store.load() == WindowState(b"geo", b"dock", b"split", "")
    store.path.write_text(store.path.read_text(encoding="utf-8").replace(
        '"format": 2,', '"format": 2, "panes": "diagonal",'), encoding="utf-8")
    assert store.load() == WindowState(b"geo", b"dock", b"split", "")  # unknown: by size
