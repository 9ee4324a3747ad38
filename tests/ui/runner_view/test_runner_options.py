"""The Runner panel's options against the embedded sandbox: a data file chosen in the file dialog
(its rows as variables, one iteration each), bail, force, timeout, Re-run, results per
iteration, and the choices remembered per collection."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6 import QtCore

from ctct_desktop.core.models import BodyKind, Header
from ctct_desktop.runner import Outcome
from ctct_desktop.ui.runner_view.choices import FILE_NAME, RunChoices, RunChoicesStore
from tests.runner.helpers import collection, request
from tests.ui.runner_view.conftest import open_collection, run_selected

Key = QtCore.Qt.Key


def _by_path(root: Path) -> Path:
    return collection(root, [("Read it", request("GET", "{{base_url}}/{{what}}"), {"assertions": ("status == 200",)})])


def _finished(qtbot: Any, bench: Any) -> None:
    qtbot.waitUntil(lambda: bench.runner.panel.result is not None and not bench.runner.running, timeout=20_000)


def test_a_data_file_chosen_in_the_dialog_gives_one_iteration_per_row(qtbot: Any, ready: Any,
                                                                         tmp_path: Path) -> None:
    bench = ready
    root = _by_path(tmp_path / "ByPath")
    data = tmp_path / "rows.csv"
    data.write_text("what\nlists\ncontacts\ncampaigns\n", encoding="utf-8")
    open_collection(qtbot, bench, root)
    run_selected(qtbot, bench)  # no data yet: {{what}} is unresolved, so it is not sent
    panel = bench.runner.panel
    assert [r.outcome for r in panel.result.runs] == [Outcome.ERROR]
    bar = panel.options
    qtbot.mouseClick(bar.choose_data, QtCore.Qt.MouseButton.LeftButton)
    dialog = bar.dialog
    assert dialog is not None and dialog.isVisible()
    dialog.selectFile(str(data))
    dialog.accept()
    assert bar.data_file == str(data)
    qtbot.waitUntil(lambda: "3 rows" in bar.data_label.text(), timeout=10_000)
    assert bar.rerun.isEnabled()
    qtbot.mouseClick(bar.rerun, QtCore.Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: bench.runner.running or panel.result is None, timeout=5000)
    _finished(qtbot, bench)
    runs = panel.result.runs
    assert [r.iteration for r in runs] == [1, 2, 3]
    assert [r.outcome for r in runs] == [Outcome.PASSED] * 3
    sent = [r.result.exchange.sent_url for r in runs]
    assert [url.rsplit("/", 1)[-1] for url in sent] == ["lists", "contacts", "campaigns"]
    assert [panel.proxy.index(i, 1).data() for i in range(3)] == [f"Read it (iteration {n})" for n in (1, 2, 3)]
    assert panel.per_iteration.text() == "Iteration 1: 1 passed · Iteration 2: 1 passed · Iteration 3: 1 passed"


def test_a_bad_data_file_says_why_in_the_panel(qtbot: Any, ready: Any, tmp_path: Path) -> None:
    bench = ready
    root = _by_path(tmp_path / "ByPath")
    data = tmp_path / "rows.json"
    data.write_text('{"not": "a list"}', encoding="utf-8")
    open_collection(qtbot, bench, root)
    run_selected(qtbot, bench)
    panel = bench.runner.panel
    panel.options.set_data_file(str(data))
    qtbot.waitUntil(lambda: "rows.json:" in panel.options.data_label.text(), timeout=10_000)
    qtbot.mouseClick(panel.options.rerun, QtCore.Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "Cannot run: data file" in panel.summary.text(), timeout=10_000)
    assert "Traceback" not in panel.summary.text() and panel.options.rerun.isEnabled()


def test_bail_stops_after_the_first_failure_and_iterations_repeat(qtbot: Any, ready: Any, tmp_path: Path) -> None:
    bench = ready
    root = collection(tmp_path / "Failing", [
        ("Fails", request("GET", "{{base_url}}/lists"), {"assertions": ("status == 404",)}),
        ("Passes", request("GET", "{{base_url}}/lists"), {"assertions": ("status == 200",)}),
    ])
    open_collection(qtbot, bench, root)
    run_selected(qtbot, bench)
    panel = bench.runner.panel
    assert len(panel.result.runs) == 2
    panel.options.iterations.setValue(3)
    qtbot.mouseClick(panel.options.rerun, QtCore.Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: panel.result is not None and len(panel.result.runs) == 6 and not bench.runner.running,
                    timeout=20_000)
    assert panel.per_iteration.text().startswith("Iteration 1: 1 passed, 1 failed · Iteration 2")
    panel.options.bail.setChecked(True)
    qtbot.mouseClick(panel.options.rerun, QtCore.Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: panel.result is not None and panel.result.bailed and not bench.runner.running,
                    timeout=20_000)
    assert [(r.item.name, r.outcome) for r in panel.result.runs] == [("Fails", Outcome.FAILED)]
    assert "stopped at the first failure" in panel.summary.text()


BROKEN = '<entry xmlns="urn:not-atom"><title/></entry>'  # L001: not in the Atom namespace


def test_force_timeout_and_delay_reach_the_run(qtbot: Any, ready: Any, tmp_path: Path) -> None:
    bench = ready
    headers = (Header("Content-Type", "application/atom+xml"),)
    root = collection(tmp_path / "Broken", [
        ("Broken", request("POST", "{{base_url}}/lists", body=BROKEN, kind=BodyKind.XML, headers=headers), {}),
    ])
    open_collection(qtbot, bench, root)
    run_selected(qtbot, bench)
    panel = bench.runner.panel
    assert panel.result.runs[0].outcome is Outcome.ERROR and "lint errors" in panel.result.runs[0].message
    panel.options.force.setChecked(True)
    panel.options.timeout.setValue(7.5)
    panel.options.delay.setValue(20)
    panel.options.iterations.setValue(2)
    qtbot.mouseClick(panel.options.rerun, QtCore.Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: panel.result is not None and len(panel.result.runs) == 2 and not bench.runner.running,
                    timeout=20_000)
    first = panel.result.runs[0]
    assert first.status == 400  # sent despite the lint error; the sandbox refuses the body
    assert first.result.plan.resolved.timeout_s == 7.5
    options = bench.runner.bridge.run.options
    assert options.delay_ms == 20 and options.force and options.iterations == 2


def test_choices_are_remembered_per_collection(qtbot: Any, ready: Any, tmp_path: Path) -> None:
    bench = ready
    first = _by_path(tmp_path / "First")
    second = _by_path(tmp_path / "Second")
    open_collection(qtbot, bench, first)
    run_selected(qtbot, bench)
    bar = bench.runner.panel.options
    bar.iterations.setValue(2)
    bar.bail.setChecked(True)
    bar.delay.setValue(5)
    qtbot.mouseClick(bar.rerun, QtCore.Qt.MouseButton.LeftButton)
    _finished(qtbot, bench)
    qtbot.waitUntil(lambda: bench.runner.panel.result is not None and not bench.runner.running, timeout=20_000)
    open_collection(qtbot, bench, second)
    run_selected(qtbot, bench)
    assert bar.choices() == RunChoices()  # another collection starts from the defaults
    open_collection(qtbot, bench, first)
    run_selected(qtbot, bench)
    assert bar.choices() == RunChoices(iterations=2, bail=True, delay_ms=5)
    store = bench.runner._choices
    assert isinstance(store, RunChoicesStore) and store.path.name == FILE_NAME
    assert RunChoicesStore(store.path.parent).load(first) == RunChoices(iterations=2, bail=True, delay_ms=5)
