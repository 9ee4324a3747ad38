"""``ctct-desktop run`` against a real sandbox: the tour, reporters, JUnit read back, exit codes."""

from __future__ import annotations

import json
import sys
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest

from ctct_desktop.cli import run
from ctct_desktop.resources import resource_path
from ctct_desktop.store.history import History
from ctct_desktop.core.paths import app_dirs
from tests.runner.helpers import collection, request

TOUR = resource_path("walkthroughs", "Tour of the v1 API")


@pytest.fixture
def at_sandbox(sandbox: Any, monkeypatch: pytest.MonkeyPatch) -> Any:
    monkeypatch.setenv("CTCT_SANDBOX_URL", sandbox.base_url)
    return sandbox


def _mixed(root: Path) -> Path:
    """One request that passes, one whose second assertion fails, one that cannot be sent."""
    return collection(root, [
        ("Lists", request("GET", "{{base_url}}/lists"), {"assertions": ("status == 200", "time < 60 s")}),
        ("Contact", request("GET", "{{base_url}}/contacts/{{contact_id}}"),
         {"assertions": ("status is 2xx", 'xpath "//ctct:EmailAddress" == "someone.else@example.com"'),
          "captures": ('email = xpath "//ctct:EmailAddress"',)}),
        ("Nowhere", request("GET", "{{base_url}}/lists/{{missing_id}}"), {}),
    ])


def test_the_tour_passes_against_a_freshly_reset_sandbox(at_sandbox: Any, capsys: pytest.CaptureFixture[str]) -> None:
    code = run(["run", str(TOUR), "--env", "sandbox"])
    out = capsys.readouterr().out
    assert code == 0, out
    lines = out.splitlines()
    assert lines[0] == "Tour of the v1 API (15 requests)"
    finished = [line for line in lines if line and line[0] in "✓✗!-"]
    assert [line.split("  ")[0] for line in finished] == [
        "✓ Create list", "✓ Create contact on the list", "✓ Search by email", "✓ Get contact",
        "✓ Add contact to one more list", "✓ Check it is on both lists", "✓ Opt out contact",
        "✓ Re-subscribe the contact", "✓ Bulk-add contacts", "✓ Wait for the bulk add", "✓ Export the list",
        "✓ Wait for the export", "✓ Create campaign", "✓ Get campaign", "✓ Delete campaign"]
    assert "15 of 15 requests ran: 15 passed, 0 failed, 0 not sent" in out


def test_junit_reads_back_and_matches_the_run(tmp_path: Path, at_sandbox: Any,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    root = _mixed(tmp_path / "Mixed")
    report = tmp_path / "report.xml"
    code = run(["run", str(root), "--env", "sandbox", "--reporter", "junit", "--out", str(report), "--no-history"])
    assert code == 1
    suites = ET.parse(report).getroot()
    assert suites.tag == "testsuites" and suites.get("name") == "Mixed"
    assert (suites.get("tests"), suites.get("failures"), suites.get("errors")) == ("6", "1", "1")
    by_name = {s.get("name"): s for s in suites.findall("testsuite")}
    assert list(by_name) == ["Lists", "Contact", "Nowhere"]
    cases = [(c.get("name"), c.find("failure") is not None) for c in by_name["Contact"].findall("testcase")]
    assert cases == [("status is 2xx", False), ('xpath "//ctct:EmailAddress" == "someone.else@example.com"', True),
                     ("capture email", False)]
    failure = by_name["Contact"].find("testcase/failure")
    assert failure is not None
    assert failure.get("message") == "expected == someone.else@example.com, got ada.abbott@example.com"
    error = by_name["Nowhere"].find("testcase/error")
    assert error is not None and "{{missing_id}}" in (error.get("message") or "")
    system_out = by_name["Lists"].findtext("system-out") or ""
    assert system_out.startswith("GET ") and system_out.endswith("-> 200")
    err = capsys.readouterr().err  # the progress went to standard error
    assert "✗ Contact" in err and "1 failed, 1 not sent" in err


def test_json_report_and_history(tmp_path: Path, at_sandbox: Any, capsys: pytest.CaptureFixture[str]) -> None:
    root = _mixed(tmp_path / "Mixed")
    assert run(["run", str(root), "--env", "sandbox", "--reporter", "json"]) == 1
    data = json.loads(capsys.readouterr().out)
    assert data["summary"]["passed"] == 1 and data["summary"]["failed"] == 1 and data["summary"]["error"] == 1
    contact = data["runs"][1]
    assert contact["captures"] == [{"name": "email", "text": 'email = xpath "//ctct:EmailAddress"',
                                    "value": "ada.abbott@example.com", "problem": ""}]
    assert contact["response"]["status"] == 200 and contact["assertions"][1]["passed"] is False
    history = History(app_dirs().history_db)
    try:
        assert len(history.list()) == 2  # the two that were sent; the unresolved one was not
    finally:
        history.close()


def test_secrets_are_masked_in_every_report(tmp_path: Path, at_sandbox: Any, monkeypatch: pytest.MonkeyPatch,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    root = collection(tmp_path / "S", [("Lists", request("GET", "{{base_url}}/lists?pin={{pin}}"),
                                        {"assertions": ('header Content-Type contains "{{pin}}"',)})])
    import io

    for reporter in ("text", "json", "junit"):
        monkeypatch.setattr(sys, "stdin", io.StringIO("s3cret-pin\n"))
        run(["run", str(root), "--env", "sandbox", "--var-stdin", "pin", "--reporter", reporter, "--no-history"])
        captured = capsys.readouterr()
        assert "s3cret-pin" not in captured.out + captured.err, reporter
        assert "••••••" in captured.out + captured.err


def test_data_file_iterations(tmp_path: Path, at_sandbox: Any, capsys: pytest.CaptureFixture[str]) -> None:
    root = collection(tmp_path / "D", [("Contact", request("GET", "{{base_url}}/contacts/{{contact_id}}"),
                                        {"assertions": ('xpath "//ctct:EmailAddress" == "{{email}}"',)})])
    data = tmp_path / "rows.csv"
    data.write_text("contact_id,email\n1,ada.abbott@example.com\n2,joe+roses@example.com\n", encoding="utf-8")
    assert run(["run", str(root), "--env", "sandbox", "--data", str(data), "--no-history"]) == 0
    out = capsys.readouterr().out
    assert "Iteration 1/2" in out and "Iteration 2/2" in out and "2 of 2 requests ran: 2 passed" in out


@pytest.mark.parametrize(("extra", "words"), [
    (["--iterations", "0"], "--iterations needs a whole number"),
    (["--delay-ms", "-1"], "--delay-ms needs"),
    (["--timeout", "0"], "--timeout needs"),
    (["--data", "rows.txt"], "use a .csv or .json file"),
    (["--env", "Nope"], "No environment named 'Nope'"),
    (["--var", "novalue"], "--var needs NAME=VALUE"),
])
def test_usage_errors_exit_2_with_one_clear_message(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                    extra: list[str], words: str) -> None:
    root = collection(tmp_path / "U", [("Lists", request("GET", "{{base_url}}/lists"), {})])
    (tmp_path / "rows.txt").write_text("x", encoding="utf-8")
    assert run(["run", str(root), *[str(tmp_path / e) if e == "rows.txt" else e for e in extra]]) == 2
    err = capsys.readouterr().err
    assert words in err and "Traceback" not in err


def test_a_bad_check_line_or_a_missing_path_is_a_usage_error(tmp_path: Path,
                                                             capsys: pytest.CaptureFixture[str]) -> None:
    root = collection(tmp_path / "Bad", [("Lists", request("GET", "{{base_url}}/lists"),
                                          {"assertions": ("status = 200",)})])
    assert run(["run", str(root)]) == 2
    err = capsys.readouterr().err
    assert "Lists.ctct.toml: line 12: assertion 'status = 200': use == to compare" in err
    assert run(["run", str(tmp_path / "nothing here")]) == 2
    assert "no such file or folder" in capsys.readouterr().err


def test_a_folder_of_a_collection_runs_alone_in_its_order(tmp_path: Path, at_sandbox: Any,
                                                          capsys: pytest.CaptureFixture[str]) -> None:
    root = collection(tmp_path / "F", [])
    folder = root / "Lists"
    folder.mkdir()
    collection_steps = [("Zed", "status == 200"), ("Alpha", "status == 200")]
    from tests.runner.helpers import write
    from ctct_desktop.store.collection_order import write_order

    for name, check in collection_steps:
        write(folder, name, request("GET", "{{base_url}}/lists"), (check,))
    write_order(folder, ["Zed.ctct.toml", "Alpha.ctct.toml"])
    assert run(["run", str(folder), "--env", "sandbox", "--no-history"]) == 0
    out = capsys.readouterr().out
    assert out.splitlines()[0] == "F / Lists (2 requests)"
    assert out.index("✓ Lists / Zed") < out.index("✓ Lists / Alpha")


def test_loading_every_command_keeps_the_front_door_a_function() -> None:
    """A command module named ``cli/run.py`` once replaced ``ctct_desktop.cli.run`` with itself."""
    import ctct_desktop.cli as cli

    cli.build_parser()  # imports every command module
    assert callable(cli.run) and cli.run.__module__ == "ctct_desktop.cli"
