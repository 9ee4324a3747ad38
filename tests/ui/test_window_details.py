"""Issue 12 details: the environment says what is active; Ctrl+N authenticates like a template."""

from __future__ import annotations

from typing import Any

from ctct_desktop.core.models import AuthKind
from tests.ui.helpers import send_and_wait


def test_no_sandbox_does_not_claim_sandbox_local(workbench: Any) -> None:
    window = workbench.window
    shown = window.environment.currentText()
    assert shown.startswith("Sandbox (not started)"), shown
    assert "Sandbox (local)" not in window.environment_label.text()
    assert window.environment_label.text() == f"Environment: {shown}"


def test_sandbox_started_is_sandbox_local(sandbox_workbench: Any) -> None:
    assert sandbox_workbench.window.environment.currentText() == "Sandbox (local)"


def test_ctrl_n_uses_the_environment_credentials_and_is_not_a_401(
        qtbot: Any, sandbox_workbench: Any) -> None:
    bench = sandbox_workbench
    bench.documents.new_action.trigger()
    model = bench.window.request_editor.to_model()
    assert model.auth.kind is AuthKind.CTCT_BASIC
    assert (model.auth.username, model.auth.password, model.auth.api_key) == (
        "{{username}}", "{{password}}", "{{api_key}}")
    bench.window.request_editor.url.setText("{{base_url}}/contacts")
    exchange = send_and_wait(qtbot, bench.window)
    assert exchange.response is not None and exchange.response.status == 200, exchange
