"""Saved work in the real window: history recorded (redacted) and restored, a stored account
applied in the send worker, environments feeding variables, collections reopened from settings."""

from __future__ import annotations

from pathlib import Path

import pytest

from ctct_desktop.send import Scope, Scopes
from ctct_desktop.core.models import Auth, AuthKind, RequestModel
from ctct_desktop.credentials.accounts import Account, AccountKind, AccountSecrets
from ctct_desktop.credentials.secrets import MemorySecretStore
from ctct_desktop.core import sandbox_demo as demo
from ctct_desktop.store.collection import create_collection
from ctct_desktop.core.paths import app_dirs
from ctct_desktop.store.settings import Settings, save_settings
from tests.ui.helpers import send_and_wait


@pytest.fixture
def bench(sandbox_workbench, monkeypatch):  # type: ignore[no-untyped-def]
    """Accounts keep their secrets in memory here (the keyring itself is tested in tests/credentials)."""
    from ctct_desktop.credentials import lazy_store

    store = MemorySecretStore()
    monkeypatch.setattr(lazy_store.LazySecretStore, "_resolved", lambda self: store)
    return sandbox_workbench


def _history_bytes() -> bytes:
    folder = app_dirs().history_db.parent
    return b"".join(p.read_bytes() for p in folder.glob("history.sqlite3*"))


def test_sandbox_environment_supplies_variables(qtbot, bench) -> None:  # type: ignore[no-untyped-def]
    info = bench.sandbox.info
    qtbot.waitUntil(lambda: bench.saved_work.variables().get("base_url") == info.account_url, timeout=5000)
    assert bench.window.environment.currentText() == "Sandbox (local)"
    bench.window.request_editor.set_model(RequestModel(url="{{base_url}}/lists", auth=Auth(
        AuthKind.CTCT_BASIC, username="{{username}}", password="{{password}}", api_key="{{api_key}}")))
    exchange = send_and_wait(qtbot, bench.window)
    assert exchange.response is not None and exchange.response.status == 200
    assert exchange.request.url == info.account_url + "/lists"


def test_history_records_redacted_and_restores(qtbot, bench) -> None:  # type: ignore[no-untyped-def]
    window = bench.window
    before = bench.history.usage().entries
    exchange = send_and_wait(qtbot, window)  # the first-run GET contacts with the demo credentials
    assert exchange.response.status == 200
    qtbot.waitUntil(lambda: bench.history.usage().entries == before + 1, timeout=5000)
    raw = _history_bytes()
    assert demo.DEMO_PASSWORD.encode() not in raw and demo.DEMO_API_KEY.encode() not in raw
    entry = bench.history.list(limit=1)[0]
    record = bench.history.get(entry.id)
    window.request_editor.set_model(RequestModel(url="http://example.invalid/other"))
    bench.saved_work.open_history_record(record)
    assert window.request_editor.to_model().url == exchange.request.url
    assert window.response_view.status_line.code.text().startswith("200")


def test_stored_account_is_applied_in_the_worker(qtbot, bench) -> None:  # type: ignore[no-untyped-def]
    manager = bench.accounts.manager
    manager.add(Account("demo", AccountKind.V1_BASIC, username=demo.DEMO_USERNAME),
                AccountSecrets(api_key=demo.DEMO_API_KEY, password=demo.DEMO_PASSWORD))
    bench.accounts.refresh_names()
    editor = bench.window.request_editor
    editor.set_model(RequestModel(url=bench.sandbox.info.account_url + "/lists", auth=Auth(account="demo")))
    assert editor.to_model().auth.account == "demo"
    exchange = send_and_wait(qtbot, bench.window)
    assert exchange.response is not None and exchange.response.status == 200, exchange
    last = bench.window.send_controller.last_result
    assert last is not None and demo.DEMO_PASSWORD in last.secrets
    qtbot.waitUntil(lambda: bench.history.usage().entries >= 1, timeout=5000)
    assert demo.DEMO_PASSWORD.encode() not in _history_bytes()


def test_missing_account_stops_the_send_in_plain_words(qtbot, bench) -> None:  # type: ignore[no-untyped-def]
    bench.window.request_editor.set_model(RequestModel(url=bench.sandbox.info.account_url + "/lists",
                                                       auth=Auth(account="nobody")))
    exchange = send_and_wait(qtbot, bench.window)
    assert exchange.response is None and exchange.failure is not None
    assert "nobody" in exchange.failure.message


def test_open_collections_come_back_from_settings(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from ctct_desktop.app import Workbench, create_application

    root = tmp_path / "team"
    create_collection(root, "Team")
    save_settings(Settings().with_changes(open_collections=(str(root),)))
    create_application()
    workbench = Workbench(start_sandbox=False)
    qtbot.addWidget(workbench.window)
    try:
        assert [p.resolve() for p in workbench.saved_work.collections.open_collections()] == [root.resolve()]
    finally:
        workbench.shutdown()


def test_placeholders_are_tinted_by_whether_they_resolve(qtbot, bench) -> None:  # type: ignore[no-untyped-def]
    from ctct_desktop.ui.environment_view.variable_marks import DEFINED, UNDEFINED

    editor = bench.window.request_editor
    qtbot.waitUntil(lambda: "list_uri" in bench.saved_work.variables(), timeout=5000)
    editor.body_editor.setPlainText("<a>{{list_uri}}</a><b>{{no_such_variable}}</b>")
    colours = [s.format.background().color() for s in bench.marks.selections()]
    assert colours == [DEFINED, UNDEFINED]
    qtbot.waitUntil(lambda: any(d.code == "L026" for d in bench.lint.diagnostics), timeout=5000)
    underlined = editor.body_editor.extraSelections()
    assert len(underlined) >= 3  # two tints plus the unresolved-variable underline


def test_an_environment_picks_the_account_through_a_variable(qtbot, bench, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    manager = bench.accounts.manager
    manager.add(Account("sandbox-demo", AccountKind.V1_BASIC, username=demo.DEMO_USERNAME),
                AccountSecrets(api_key=demo.DEMO_API_KEY, password=demo.DEMO_PASSWORD))
    original = bench.saved_work.scopes
    monkeypatch.setattr(bench.saved_work, "scopes", lambda: Scopes((Scope("test", {"account": "sandbox-demo"}),
                                                                    *original().scopes)))
    bench.window.request_editor.set_model(RequestModel(url="{{base_url}}/lists", auth=Auth(account="{{account}}")))
    exchange = send_and_wait(qtbot, bench.window)
    assert exchange.response is not None and exchange.response.status == 200, exchange
    assert exchange.request.auth.account == "sandbox-demo"


def test_exchanges_recorded_in_a_burst_reach_the_history_in_the_order_they_were_sent(qtbot, workbench) -> None:  # type: ignore[no-untyped-def]
    """A run's exchanges were written by concurrent tasks and listed in whichever order those
    finished (a runner test saw POST after GET reversed); they are written one at a time now."""
    from ctct_desktop.core.models import Exchange, RequestModel, ResponseRecord
    from ctct_desktop.send.planning import SendPlan
    from ctct_desktop.send.result import SendResult

    saved_work = workbench.saved_work
    history = saved_work.history
    sent = []
    for number in range(12):
        request = RequestModel(method="GET", url=f"http://127.0.0.1:9/burst/{number}")
        body = (b"<feed>" + b"<entry/>" * (20_000 if number % 2 == 0 else 1) + b"</feed>")  # uneven work
        response = ResponseRecord(status=200, reason="OK", http_version="HTTP/1.1",
                                  headers=[("Content-Type", "application/atom+xml")], body=body,
                                  url=request.url, elapsed_ms=1)
        sent.append(request.url)
        saved_work.record(SendResult(SendPlan(request, request), Exchange(request=request, response=response)))
    qtbot.waitUntil(lambda: len(history.list(limit=50)) >= 12, timeout=30_000)
    listed = [entry.url for entry in history.list(limit=50)][:12]
    assert listed == list(reversed(sent))  # newest first
