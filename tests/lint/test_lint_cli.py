"""``ctct-desktop lint`` end to end, in a subprocess: formats, exit codes, stdin, bad input."""

from __future__ import annotations

import base64
import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.lint.support import BASE, CORPUS, corpus_text, mutate

ROOT = Path(__file__).resolve().parents[2]


def _run(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess[str]:
    result = subprocess.run([sys.executable, "-m", "ctct_desktop", "lint", *args], input=stdin, capture_output=True,
                            cwd=ROOT, timeout=60)
    return subprocess.CompletedProcess(result.args, result.returncode, result.stdout.decode("utf-8"),
                                       result.stderr.decode("utf-8"))


@pytest.fixture
def broken(tmp_path: Path) -> Path:
    path = tmp_path / "broken.xml"
    path.write_text(mutate("contact_create.xml", "&amp; Plants", "& Plants"), encoding="utf-8")
    return path


def test_clean_body_exits_zero_and_prints_nothing() -> None:
    result = _run(str(CORPUS / "contact_create.xml"), "--url", BASE + "/contacts")
    assert (result.returncode, result.stdout, result.stderr) == (0, "", "")


def test_text_format_is_compiler_like(broken: Path) -> None:
    result = _run(str(broken), "--url", BASE + "/contacts", "-H", "Content-Type: application/xml")
    assert result.returncode == 1
    lines = result.stdout.splitlines()
    assert lines[0] == (f"{broken}:15:34: error[L021]: Unescaped '&' in text or an attribute value. "
                        "(Write a literal ampersand as &amp; (in URLs too).)")
    assert lines[1].startswith(f"{broken}: error[L022]: header: An XML body needs Content-Type application/atom+xml")


def test_json_format(broken: Path) -> None:
    result = _run(str(broken), "--format", "json", "--url", BASE + "/contacts?email=A@b.com", "--method", "put")
    assert result.returncode == 1
    items = json.loads(result.stdout)
    assert [i["code"] for i in items] == ["L021", "L023"]
    assert items[0] | {"message": "", "hint": ""} == {"code": "L021", "severity": "error", "where": "body", "line": 15,
                                                     "column": 34, "message": "", "hint": ""}
    assert items[1]["line"] is None and items[1]["column"] is None and items[1]["where"] == "url"


def test_warnings_only_exit_zero(tmp_path: Path) -> None:
    path = tmp_path / "c.xml"
    path.write_text(mutate("contact_create.xml", "<EmailType>", "<Status>Active</Status><EmailType>"), encoding="utf-8")
    result = _run(str(path), "--url", BASE + "/contacts")
    assert result.returncode == 0 and "warning[L012]" in result.stdout


def test_stdin_and_form_inference() -> None:
    body = corpus_text("activity_export.form").replace("fileType=CSV", "fileType=XLS").encode()
    result = _run("-", "--url", BASE + "/activities", stdin=body)
    assert result.returncode == 1 and result.stdout.startswith("<stdin>:1:") and "error[L025]" in result.stdout  # the server refuses XLS


def test_basic_authorization_header_is_checked() -> None:
    token = base64.b64encode(b"KEY%otheraccount:pw").decode()
    result = _run(str(CORPUS / "list_create.xml"), "--url", BASE + "/lists", "-H", f"Authorization: Basic {token}")
    assert "warning[L028]: auth:" in result.stdout and result.returncode == 0


def test_variables_make_unresolved_placeholders_errors(tmp_path: Path) -> None:
    path = tmp_path / "v.xml"
    path.write_text(mutate("contact_create.xml", "jo+news@example.com", "{{email}}"), encoding="utf-8")
    assert _run(str(path), "--url", BASE + "/contacts").returncode == 0
    result = _run(str(path), "--url", "{{base}}/contacts", "--var", f"base={BASE}")
    assert result.returncode == 1 and "error[L026]" in result.stdout and "{{email}}" in result.stdout


def test_latin1_bytes_in_a_utf8_body(tmp_path: Path) -> None:
    path = tmp_path / "latin.xml"
    path.write_bytes(corpus_text("contact_create.xml").replace("Jo<", "Jos\u00e9<", 1).encode("latin-1"))
    result = _run(str(path), "--url", BASE + "/contacts")
    assert result.returncode == 1 and "not valid UTF-8" in result.stdout


@pytest.mark.parametrize("args, words", [
    (["/nonexistent/body.xml"], "no such file"),
    (["{tmp}"], "is a directory"),
    (["{binary}"], "binary"),
    (["{ok}", "-H", "NoColon"], "bad -H"),
    (["{ok}", "-H", ": value"], "bad -H"),
    (["{ok}", "--var", "novalue"], "bad --var"),
    (["{ok}", "--format", "xml"], "invalid choice"),
    ([], "BODY_FILE is required"),
])
def test_usage_errors_exit_two(tmp_path: Path, args: list[str], words: str) -> None:
    (tmp_path / "bin.dat").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    (tmp_path / "ok.xml").write_text("<entry/>", encoding="utf-8")
    names = {"tmp": str(tmp_path), "binary": str(tmp_path / "bin.dat"), "ok": str(tmp_path / "ok.xml")}
    result = _run(*[a.format(**names) for a in args])
    assert result.returncode == 2 and words in result.stderr and "Traceback" not in result.stderr


def test_list_rules() -> None:
    result = _run("--list-rules")
    assert result.returncode == 0 and result.stdout.count("\n") >= 30 and "L027" in result.stdout


def test_lint_command_does_not_import_qt(broken: Path) -> None:
    code = ("import sys\nfrom ctct_desktop.cli import run\n"
            f"run(['lint', {str(broken)!r}])\nprint('PySide6' in sys.modules)\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=60)
    assert out.stdout.strip().endswith("False"), out.stderr


def test_explain_a_rule() -> None:
    result = _run("--explain", "l027")
    assert result.returncode == 0 and result.stdout.startswith("L027: XML declaration lost its angle brackets (error)")
    assert "Bad:" in result.stdout and "Good:" in result.stdout
    unknown = _run("--explain", "L999")
    assert unknown.returncode == 2 and "no rule 'L999'" in unknown.stderr


def test_standard_input_has_the_file_limit(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
                                           tmp_path: Path) -> None:
    """A body on stdin past the limit is refused (it used to be cut there and linted)."""
    import argparse
    import io

    from ctct_desktop.lint import cli_support, command

    monkeypatch.setattr(cli_support, "_MAX_BYTES", 1024)
    body = corpus_text("contact_create.xml").encode("utf-8")
    assert len(body) > 1024
    parser = argparse.ArgumentParser()
    command.add_arguments(parser)
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(body)))
    assert command.run(parser.parse_args(["-", "--url", BASE + "/contacts"])) == command.EXIT_USAGE
    assert "standard input is larger than 1,024 bytes; not a request body" in capsys.readouterr().err
    big = tmp_path / "big.xml"
    big.write_bytes(body)
    assert command.run(parser.parse_args([str(big), "--url", BASE + "/contacts"])) == command.EXIT_USAGE
    assert "larger than" in capsys.readouterr().err
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(body[:1024])))
    assert command.run(parser.parse_args(["-", "--url", BASE + "/contacts"])) == command.EXIT_ERRORS  # cut: not XML
