"""After a run, "Save captured values to the environment" writes them into the active user
environment's file; a built-in environment is refused in words."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ctct_desktop.store.environment import EnvVariable, Environment, environment_path, load_environment, save_environment
from tests.ui.runner_view.conftest import flow, open_collection, run_selected


def test_captured_values_go_to_the_user_environment_when_asked(qtbot: Any, ready: Any, tmp_path: Path) -> None:
    bench = ready
    root = flow(tmp_path / "Flow")
    values = bench.saved_work.variables()
    path = environment_path(root, "Mine")
    path.parent.mkdir(parents=True, exist_ok=True)
    save_environment(path, Environment("Mine", tuple(EnvVariable(k, v) for k, v in values.items()
                                                     if k in ("base_url", "username", "password", "api_key"))))
    open_collection(qtbot, bench, root)
    switcher = bench.saved_work.switcher
    qtbot.waitUntil(lambda: switcher.select("Mine", root.resolve()), timeout=5000)
    run_selected(qtbot, bench)
    panel = bench.runner.panel
    assert "new_list_id" not in load_environment(path).values()  # nothing lands before the user asks
    assert panel.save_captures.isEnabled()
    panel.save_captures.click()
    saved = load_environment(path).values()
    captured = panel.result.runs[0].captures[0].value
    assert captured and saved["new_list_id"] == captured
    assert saved["base_url"] == values["base_url"]  # the rest kept
    assert "Saved 1 captured value to “Mine”" in bench.window.activity_label.text()


def test_a_built_in_environment_is_refused_in_words(qtbot: Any, ready: Any, tmp_path: Path) -> None:
    bench = ready
    open_collection(qtbot, bench, flow(tmp_path / "Flow"))
    run_selected(qtbot, bench)
    text = bench.runner.save_captured()
    assert "is built in and cannot keep values" in text
    assert bench.window.activity_label.text() == text
