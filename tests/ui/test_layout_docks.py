"""Empty docks stay out of the way: Problems starts hidden on a first run, comes forward with its
count in the tab when the request has errors, and "No problems found" is said once (the panel's)."""

from __future__ import annotations

from PySide6 import QtWidgets

from ctct_desktop.resources import resource_path
from ctct_desktop.store.request_file import load_request

CREATE = resource_path("templates", "v1", "Contacts", "Create contact.ctct.toml")


def _dock(window: QtWidgets.QMainWindow, title: str) -> QtWidgets.QDockWidget:
    return next(d for d in window.findChildren(QtWidgets.QDockWidget) if d.objectName() == f"Dock:{title}")


def test_problems_comes_forward_with_a_count_and_goes_when_clean(qtbot, workbench) -> None:
    window = workbench.window
    problems = _dock(window, "Problems")
    assert not problems.isVisible(), "an empty Problems panel is not shown on a first run"
    editor = window.request_editor
    editor.set_model(load_request(CREATE).request)
    original = editor.body_editor.toPlainText()
    editor.body_editor.setPlainText(original.replace(' xmlns="http://www.w3.org/2005/Atom"', "", 1))
    qtbot.waitUntil(lambda: any(d.code == "L001" for d in workbench.lint.diagnostics), timeout=10000)
    count = len(workbench.problems.diagnostics())
    assert problems.isVisible() and not problems.visibleRegion().isEmpty(), "errors bring Problems forward"
    assert problems.windowTitle() == f"Problems ({count})"
    assert problems.toggleViewAction().text() == f"Problems ({count})"
    assert window.lint_label.isVisible() and "error" in window.lint_label.text()
    editor.body_editor.setPlainText(original)
    qtbot.waitUntil(lambda: not workbench.lint.diagnostics, timeout=10000)
    assert problems.windowTitle() == "Problems" and not problems.isVisible()


def test_no_problems_is_said_once(qtbot, workbench) -> None:
    window = workbench.window
    window.request_editor.set_model(load_request(CREATE).request)
    _dock(window, "Problems").show()
    qtbot.waitUntil(lambda: workbench.problems.summary.text() == "No problems found.", timeout=10000)
    qtbot.waitUntil(lambda: window.lint_label.text() == "No problems found.", timeout=10000)
    shown = [w for w in window.findChildren(QtWidgets.QLabel) if w.isVisible() and w.text() == "No problems found."]
    assert shown == [workbench.problems.summary]


def test_problems_comes_forward_as_a_strip_not_a_third_of_the_window(qtbot, workbench) -> None:
    window = workbench.window
    window.resize(1360, 860)
    window.show()
    qtbot.waitExposed(window)
    editor = window.request_editor
    editor.set_model(load_request(CREATE).request)
    editor.body_editor.setPlainText(editor.body_editor.toPlainText().replace(' xmlns="http://www.w3.org/2005/Atom"', "", 1))
    problems = _dock(window, "Problems")
    qtbot.waitUntil(problems.isVisible, timeout=10000)
    qtbot.waitUntil(lambda: problems.height() > 0, timeout=5000)
    QtWidgets.QApplication.processEvents()
    assert problems.height() <= window.height() // 5 + 2, f"Problems took {problems.height()} of {window.height()} px"
    assert editor.height() > 2 * problems.height()
