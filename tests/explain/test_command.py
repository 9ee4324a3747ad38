"""`ctct-desktop explain` in a subprocess: formats, exit codes, and no Qt."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.explain.builders import ACCOUNT, E2, contact_body

ROOT = Path(__file__).resolve().parents[2]


def _run(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess[str]:
    code = ("import sys\nfrom ctct_desktop.cli import run\nstatus = run(sys.argv[1:])\n"
            "assert 'PySide6' not in sys.modules, 'explain imported Qt'\nsys.exit(status)\n")
    return subprocess.run([sys.executable, "-c", code, "explain", *args], capture_output=True, cwd=ROOT,
                          input=stdin.decode() if stdin else None, text=True, timeout=60)


def test_json_for_a_409_with_the_request_body(tmp_path: Path) -> None:
    request_body = tmp_path / "contact.xml"
    request_body.write_text(contact_body("Jane+News@example.com"), encoding="utf-8")
    out = _run("--status", "409", "--method", "POST", "--url", ACCOUNT + "/contacts",
               "--request-body", str(request_body), "-H", "Content-Type: application/atom+xml", "--format", "json")
    assert out.returncode == 0, out.stderr
    data = json.loads(out.stdout)
    assert data[0]["id"] == "v1-409-contact-exists"
    assert set(data[0]) >= {"id", "title", "cause", "fix", "score", "actions"}
    assert isinstance(data[0]["fix"], list) and data[0]["fix"]
    assert "find-and-update-contact" in data[0]["actions"]
    assert "Jane+News@example.com" in data[0]["cause"]
    assert [d["score"] for d in data] == sorted((d["score"] for d in data), reverse=True)


def test_text_reads_like_a_card(tmp_path: Path) -> None:
    response = tmp_path / "response.txt"
    response.write_text(E2, encoding="utf-8")
    request_body = tmp_path / "contact.xml"
    request_body.write_text(contact_body(), encoding="utf-8")
    out = _run("--status", "400", "--method", "PUT", "--url", ACCOUNT + "/contacts/1234", "--body", str(response),
               "--request-body", str(request_body))
    assert out.returncode == 0, out.stderr
    assert out.stdout.startswith("400: Status transition from O to S")
    for part in ("What happened:", "How to fix:", "  1. ", "Actions: Switch OptInSource [switch-optin-source]",
                 "Why this article:", "kb:v1-400-status-transition", "Other possible explanations:"):
        assert part in out.stdout


def test_response_body_from_stdin_and_response_headers() -> None:
    out = _run("--status", "403", "--url", ACCOUNT + "/campaigns/1/schedules", "--method", "POST", "--body", "-",
               "-R", "WWW-Authenticate: Bearer error='insufficient_scope'", "--format", "json",
               stdin=b"<html><body>403</body></html>")
    assert out.returncode == 0, out.stderr
    first = json.loads(out.stdout)[0]
    assert first["id"] == "v1-403-schedule-not-approved"
    assert any("insufficient_scope" in e for e in first["evidence"])


def test_error_text_is_classified_as_a_transport_failure() -> None:
    cases = {
        "[Errno -2] Name or service not known": "transport-dns",
        "ConnectError: [Errno 111] Connection refused": "transport-refused",
        "[SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed": "transport-tls",
        "ReadTimeout: timed out": "transport-timeout",
        "407 Proxy Authentication Required": "transport-proxy",
        "Exceeded maximum allowed redirects.": "transport-redirect-loop",
        "[Errno 104] Connection reset by peer": "transport-reset",
        "RemoteProtocolError: illegal status line": "transport-protocol",
        "Request cancelled by the user": "transport-cancelled",
        "Invalid URL 'api.example.com': No scheme supplied": "transport-invalid-url",
        "something odd happened": "transport-other",
    }
    from ctct_desktop.explain.failure_text import classify_error_text

    for text, article_id in cases.items():
        assert f"transport-{classify_error_text(text).value}" == article_id, text
    for text in list(cases)[:2]:
        out = _run("--error", text, "--url", ACCOUNT + "/contacts", "--format", "json")
        assert out.returncode == 0, out.stderr
        assert json.loads(out.stdout)[0]["id"] == cases[text], text


def test_status_only_gets_a_generic_or_v1_article() -> None:
    out = _run("--status", "418", "--format", "json")
    assert out.returncode == 0
    assert json.loads(out.stdout)[0]["id"] == "generic-4xx"


def test_no_match_exits_1() -> None:
    out = _run("--status", "204")
    assert out.returncode == 1
    assert "No article" in out.stdout
    out = _run("--status", "200", "--format", "json")
    assert out.returncode == 1 and json.loads(out.stdout) == []


def test_usage_errors_exit_2(tmp_path: Path) -> None:
    for args in ([], ["--status", "999"], ["--status", "400", "--error", "x"], ["--status", "abc"],
                 ["--status", "400", "--body", str(tmp_path / "missing.txt")],
                 ["--status", "400", "-H", "no colon here"], ["--status", "400", "--format", "yaml"]):
        out = _run(*args)
        assert out.returncode == 2, (args, out.stdout, out.stderr)
        assert "Traceback" not in out.stderr


def test_a_utf16_response_body_is_read_as_text(tmp_path: Path) -> None:
    response = tmp_path / "response.txt"
    response.write_bytes("Error 400: The provided email address jane news@example.com was not valid".encode("utf-16"))
    request_body = tmp_path / "contact.xml"
    request_body.write_bytes(contact_body("jane news@example.com").encode("utf-16"))
    out = _run("--status", "400", "--method", "POST", "--url", ACCOUNT + "/contacts", "--body", str(response),
               "--request-body", str(request_body), "-H", "Content-Type: application/atom+xml")
    assert out.returncode == 0, out.stderr
    assert "\x00" not in out.stdout and "\ufffd" not in out.stdout
    assert out.stdout.startswith("400: The provided email address was not valid")
    assert "The provided email address jane news@example.com was not valid" in out.stdout


def test_body_files_past_the_limit_are_refused(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
                                               tmp_path: Path) -> None:
    import argparse
    import io

    from ctct_desktop.explain import command

    monkeypatch.setattr(command, "MAX_BODY_BYTES", 1024)
    big = tmp_path / "big.txt"
    big.write_bytes(b"x" * 1025)
    parser = argparse.ArgumentParser()
    command.add_arguments(parser)
    for flag, what in (("--body", "response body"), ("--request-body", "request body")):
        assert command.run(parser.parse_args(["--status", "400", flag, str(big)])) == command.EXIT_USAGE
        assert f"{big} is larger than 1,024 bytes; not a {what}" in capsys.readouterr().err
        monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(b"x" * 1025)))
        assert command.run(parser.parse_args(["--status", "400", flag, "-"])) == command.EXIT_USAGE
        assert f"standard input is larger than 1,024 bytes; not a {what}" in capsys.readouterr().err
    big.write_bytes(b"x" * 1024)
    assert command.run(parser.parse_args(["--status", "400", "--body", str(big)])) == command.EXIT_MATCH
