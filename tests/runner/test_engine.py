"""The runner against a real sandbox: order, captures, assertions, lint, polling, data rows, bail, cancel."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

from ctct_desktop.core.models import BodyKind, Header, RequestModel
from ctct_desktop.runner import (
    CollectionRun,
    Outcome,
    RequestFinished,
    RequestStarted,
    RunEvent,
    RunFinished,
    RunOptions,
    RunStarted,
    load_source,
)
from tests.runner.helpers import XML, collection, create_list_step, list_body, request, sandbox_scopes

LIST_BODY = list_body()


def _create_then_get(root: Path) -> Path:
    return collection(root, [
        create_list_step(),
        ("Get it", request("GET", "{{base_url}}/lists/{{new_list_id}}"),
         {"assertions": ("status == 200", 'xpath "//ctct:ContactList/ctct:Name" == "{{list_name}}"',
                         'header Content-Type matches "json"')}),
    ])


def test_a_capture_feeds_the_next_request_and_a_failed_assertion_says_expected_and_actual(
        tmp_path: Path, sandbox: Any) -> None:
    source = load_source(_create_then_get(tmp_path / "Flow"))
    assert [i.name for i in source.items] == ["Create list", "Get it"]
    result = CollectionRun(source, sandbox_scopes(sandbox, list_name="Runner list")).run()
    created, got = result.runs
    assert created.outcome is Outcome.PASSED and created.captures[0].value is not None
    assert got.result is not None and got.result.plan.resolved.url.endswith(f"/lists/{created.captures[0].value}")
    assert [a.passed for a in got.assertions] == [True, True, False]
    failed = got.assertions[2]
    assert (failed.expected, failed.actual) == ("matches json", "application/atom+xml; charset=utf-8")
    assert got.outcome is Outcome.FAILED and "expected matches json" in got.message
    assert not result.passed and result.assertion_counts == (3, 1)


def test_events_come_in_order(tmp_path: Path, sandbox: Any) -> None:
    events: list[RunEvent] = []
    source = load_source(_create_then_get(tmp_path / "Flow"))
    CollectionRun(source, sandbox_scopes(sandbox, list_name="Events"), on_event=events.append).run()
    kinds = [type(e) for e in events]
    assert kinds == [RunStarted, RequestStarted, RequestFinished, RequestStarted, RequestFinished, RunFinished]
    started = events[0]
    assert isinstance(started, RunStarted) and started.total == 2


def test_lint_errors_stop_a_request_unless_forced(tmp_path: Path, sandbox: Any) -> None:
    broken = LIST_BODY.replace(' xmlns="http://www.w3.org/2005/Atom"', "")  # L001: not in the Atom namespace
    root = collection(tmp_path / "Lint", [
        ("Create list", request("POST", "{{base_url}}/lists", body=broken, kind=BodyKind.XML, headers=XML),
         {"assertions": ("status == 400",)})])
    scopes = sandbox_scopes(sandbox, list_name="Lint")
    stopped = CollectionRun(load_source(root), scopes).run().runs[0]
    assert stopped.outcome is Outcome.ERROR and "lint errors (L001" in stopped.message
    assert stopped.result is not None and not stopped.result.sent
    forced = CollectionRun(load_source(root), scopes, RunOptions(force=True)).run().runs[0]
    assert forced.outcome is Outcome.PASSED and forced.status == 400


def test_an_unresolved_variable_is_not_sent(tmp_path: Path, sandbox: Any) -> None:
    root = collection(tmp_path / "U", [("Get", request("GET", "{{base_url}}/lists/{{nowhere}}"), {})])
    run = CollectionRun(load_source(root), sandbox_scopes(sandbox)).run().runs[0]
    assert run.outcome is Outcome.ERROR and "{{nowhere}}" in run.message


def test_data_rows_drive_iterations_and_captures_restart_each_iteration(tmp_path: Path, sandbox: Any) -> None:
    source = load_source(_create_then_get(tmp_path / "Flow"))
    rows = [{"list_name": "Row one"}, {"list_name": "Row two"}]
    result = CollectionRun(source, sandbox_scopes(sandbox, list_name="from --var"), RunOptions(data=rows)).run()
    assert result.iterations == 2 and len(result.runs) == 4
    names = [r.assertions[1].actual for r in result.runs if r.item.name == "Get it"]
    assert names == ["Row one", "Row two"]  # the row wins over --var
    ids = [r.captures[0].value for r in result.runs if r.item.name == "Create list"]
    assert ids[0] != ids[1]
    assert result.captured() == {"new_list_id": ids[1]} and result.captured(1) == {"new_list_id": ids[0]}


def test_bail_stops_at_the_first_failure(tmp_path: Path, sandbox: Any) -> None:
    root = collection(tmp_path / "B", [
        ("One", request("GET", "{{base_url}}/lists"), {"assertions": ("status == 404",)}),
        ("Two", request("GET", "{{base_url}}/lists"), {"assertions": ("status == 200",)})])
    result = CollectionRun(load_source(root), sandbox_scopes(sandbox), RunOptions(bail=True)).run()
    assert result.bailed and len(result.runs) == 1 and result.planned == 2 and not result.passed


def test_polling_repeats_until_the_assertion_holds_or_gives_up(tmp_path: Path, sandbox: Any) -> None:
    bulk = ("activityType=SV_ADD&data=Email+Address%2CFirst+Name%0Apoll.a%40example.com%2CA"
            "&lists={{list_uri}}")
    form = (Header("Content-Type", "application/x-www-form-urlencoded"), Header("Accept", "application/atom+xml"))
    root = collection(tmp_path / "P", [
        ("Bulk add", request("POST", "{{base_url}}/activities", body=bulk, kind=BodyKind.FORM, headers=form),
         {"captures": (r'activity_id = header Location regex "activities/(\w+)$"',)}),
        ("Wait", request("GET", "{{base_url}}/activities/{{activity_id}}"),
         {"repeat": 'until xpath "//ctct:Status" == "COMPLETE" at most 50 times every 0.1 s',
          "assertions": ('xpath "//ctct:TransactionCount" == "1"',)}),
        ("Never", request("GET", "{{base_url}}/activities/{{activity_id}}"),
         {"repeat": 'until xpath "//ctct:Status" == "RUNNING" at most 2 times every 10 ms'}),
    ])
    _, wait, never = CollectionRun(load_source(root), sandbox_scopes(sandbox)).run().runs
    assert wait.outcome is Outcome.PASSED and wait.attempts >= 1
    assert wait.assertions[0].assertion.text.startswith("until ")
    assert never.outcome is Outcome.FAILED and never.attempts == 2
    assert never.message.startswith("gave up after 2 attempts")
    assert never.assertions[0].actual == "COMPLETE"


def test_cancel_stops_a_waiting_run_at_once(tmp_path: Path, sandbox: Any) -> None:
    root = collection(tmp_path / "C", [(f"R{i}", request("GET", "{{base_url}}/lists"), {}) for i in range(3)])
    events: list[RunEvent] = []
    first_done = threading.Event()

    def on_event(event: RunEvent) -> None:
        events.append(event)
        if isinstance(event, RequestFinished):
            first_done.set()

    run = CollectionRun(load_source(root), sandbox_scopes(sandbox), RunOptions(delay_ms=600_000), on_event=on_event)
    results = []
    worker = threading.Thread(target=lambda: results.append(run.run()))
    worker.start()
    assert first_done.wait(30)
    run.cancel()  # the ten-minute delay must not be waited out
    worker.join(30)
    assert not worker.is_alive()
    result = results[0]
    assert result.cancelled and len(result.runs) == 1 and not result.passed
    assert isinstance(events[-1], RunFinished)


def test_cancel_stops_the_send_in_flight(tmp_path: Path) -> None:
    """A server that answers after 5 s: the run ends cancelled long before, without that answer."""
    from tests.support.loopback import serve

    with serve() as base:
        root = collection(tmp_path / "Slow", [("Slow", RequestModel(url=f"{base}/slow"), {}),
                                              ("Never", RequestModel(url=f"{base}/hello"), {})])
        started = threading.Event()
        run = CollectionRun(load_source(root), sandbox_scopes_none(),
                            on_event=lambda e: started.set() if isinstance(e, RequestStarted) else None)
        results = []
        worker = threading.Thread(target=lambda: results.append(run.run()))
        worker.start()
        assert started.wait(30)
        run.cancel()
        worker.join(30)
        assert not worker.is_alive()
    result = results[0]
    assert result.cancelled and [r.outcome for r in result.runs] == [Outcome.CANCELLED]
    assert result.runs[0].result is not None and result.runs[0].result.response is None


def sandbox_scopes_none() -> Any:
    from ctct_desktop.send import Scopes

    return Scopes()


def test_an_interrupt_ends_the_run_with_what_ran_so_far(tmp_path: Path, sandbox: Any) -> None:
    root = collection(tmp_path / "I", [(f"R{i}", request("GET", "{{base_url}}/lists"), {}) for i in range(3)])

    def interrupt(event: RunEvent) -> None:
        if isinstance(event, RequestFinished):
            raise KeyboardInterrupt

    result = CollectionRun(load_source(root), sandbox_scopes(sandbox), on_event=interrupt).run()
    assert result.cancelled and len(result.runs) == 1 and result.runs[0].outcome is Outcome.PASSED
