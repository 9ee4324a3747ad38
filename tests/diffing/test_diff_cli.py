"""``ctct-desktop diff``: bodies, request files and exported exchanges; exit 0 / 1 / 2 like diff(1)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ctct_desktop.cli import run
from ctct_desktop.core.models import Exchange, ResponseRecord
from ctct_desktop.send.export import write_exchange_report
from ctct_desktop.store.request_file import SavedRequest, save_request
from tests.diffing.cases import CASES, FIXTURES


def test_bodies_that_differ_exit_one_with_a_json_array(capsys: pytest.CaptureFixture[str]) -> None:
    code = run(["diff", str(FIXTURES / "T1-failing.xml"), str(FIXTURES / "T1-fixed.xml"), "--format", "json"])
    rows = json.loads(capsys.readouterr().out)
    assert code == 1
    assert rows[0] == {"where": "body /entry", "kind": "namespace", "a": "(no namespace)",
                       "b": "http://www.w3.org/2005/Atom", "rule": "L001", "article": "v1-400-atom-sections",
                       "note": "the entry must be in the Atom namespace"}
    assert all({"where", "kind", "a", "b", "rule", "article"} <= set(r) for r in rows)


def test_equivalent_bodies_exit_zero(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    flat = tmp_path / "flat.xml"
    flat.write_text("".join(line.strip() for line in (FIXTURES / "T3-fixed.xml").read_text().splitlines()))
    assert run(["diff", str(flat), str(FIXTURES / "T3-fixed.xml")]) == 0
    assert "Equivalent" in capsys.readouterr().out


def test_request_files(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    failing, fixed = CASES["T5"]
    a, b = tmp_path / "a.ctct.toml", tmp_path / "b.ctct.toml"
    save_request(a, SavedRequest("a", "", failing))
    save_request(b, SavedRequest("b", "", fixed))
    assert run(["diff", str(a), str(b), "--format", "json"]) == 1
    kinds = {(r["kind"], r["where"]) for r in json.loads(capsys.readouterr().out)}
    assert ("method", "request method") in kinds and ("stray-text", "request body /entry/content/Contact") in kinds


def test_exported_exchanges_compare_requests_and_answers(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    failing, fixed = CASES["T3"]
    bad = Exchange(failing, ResponseRecord(400, "Bad Request", "HTTP/1.1", (("Content-Type", "text/plain"),),
                                           b"Error 400: GreetingName is invalid", failing.url, 5.0))
    good = Exchange(fixed, ResponseRecord(201, "Created", "HTTP/1.1", (("Content-Type", "application/atom+xml"),),
                                          b"<entry xmlns='http://www.w3.org/2005/Atom'/>", fixed.url, 5.0))
    write_exchange_report(tmp_path / "bad.json", bad)
    write_exchange_report(tmp_path / "good.json", good)
    assert run(["diff", str(tmp_path / "bad.json"), str(tmp_path / "good.json"), "--format", "json"]) == 1
    rows = json.loads(capsys.readouterr().out)
    status = next(r for r in rows if r["kind"] == "status")
    assert (status["a"], status["b"]) == ("400 Bad Request", "201 Created")
    assert any(r["rule"] == "L018" for r in rows)
    assert [r["where"].startswith("request") for r in rows].index(False) > 0  # the request's causes come first


def test_usage_errors_exit_two(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["diff", str(tmp_path / "missing.xml"), str(FIXTURES / "T1-fixed.xml")]) == 2
    broken = tmp_path / "broken.ctct.toml"
    broken.write_text("format = [")
    assert run(["diff", str(broken), str(FIXTURES / "T1-fixed.xml")]) == 2
    assert run(["diff", str(FIXTURES / "T1-fixed.xml")]) == 2
    err = capsys.readouterr().err
    assert "Traceback" not in err and "missing.xml" in err
