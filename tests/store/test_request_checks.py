"""Format 2 request files: assertions, captures and repeat are read, written back exactly, and kept."""

from __future__ import annotations

from pathlib import Path

from ctct_desktop.core.checks import CheckLines, Op, Subject
from ctct_desktop.core.models import RequestModel
from ctct_desktop.store.request_file import SavedRequest, dump_request, load_request, parse_request, save_request

WITH_CHECKS = r"""format = 2
name = "Bulk add"
description = ""
method = "POST"
url = "{{base_url}}/activities"
timeout_s = 30.0
verify_tls = true
follow_redirects = false
body_kind = "form"
body = "activityType=SV_ADD"
assertions = [
  'status == 201',
  'header Location matches "activities/\d+"',
]
captures = [
  'activity_id = header Location regex "activities/(\d+)"',
]
repeat = 'until xpath "//ctct:Status" == "COMPLETE" at most 20 times every 0.5 s'
"""


def test_checks_read_and_write_back_byte_for_byte(tmp_path: Path) -> None:
    path = tmp_path / "Bulk add.ctct.toml"
    path.write_text(WITH_CHECKS, encoding="utf-8")
    saved = load_request(path)
    assert saved.notes == () and saved.check_problems == ()
    assert [a.op for a in saved.checks.assertions] == [Op.EQ, Op.MATCHES]
    assert saved.checks.captures[0].regex == r"activities/(\d+)"
    assert saved.checks.repeat is not None and saved.checks.repeat.times == 20
    assert saved.checks.repeat.until.subject is Subject.XPATH
    save_request(path, saved)
    assert path.read_text(encoding="utf-8") == WITH_CHECKS


def test_a_bad_line_is_reported_with_its_line_and_kept(tmp_path: Path) -> None:
    text = WITH_CHECKS.replace("'status == 201'", "'status = 201'")
    saved = parse_request(text, tmp_path / "x.ctct.toml")
    assert saved.check_problems == ("line 12: assertion 'status = 201': use == to compare (a single = is for "
                                    "captures) (column 8)",)
    assert len(saved.checks.assertions) == 1  # the good line still counts
    assert saved.check_lines is not None and saved.check_lines.assertions[0] == "status = 201"
    assert "'status = 201'," in dump_request(saved)  # never lost on save


def test_a_writer_that_does_not_know_the_checks_keeps_those_on_disk(tmp_path: Path) -> None:
    """The window saves a SavedRequest built from its editor (check_lines None): the lines stay."""
    path = tmp_path / "Bulk add.ctct.toml"
    path.write_text(WITH_CHECKS, encoding="utf-8")
    edited = load_request(path).request.with_changes(url="{{base_url}}/activities?x=1")
    save_request(path, SavedRequest("Bulk add", "", edited))
    again = load_request(path)
    assert again.request.url.endswith("?x=1")
    assert again.check_lines == load_request(path).check_lines
    assert again.check_lines is not None and len(again.check_lines.assertions) == 2


def test_explicit_empty_checks_remove_them(tmp_path: Path) -> None:
    path = tmp_path / "Bulk add.ctct.toml"
    path.write_text(WITH_CHECKS, encoding="utf-8")
    save_request(path, SavedRequest("Bulk add", "", RequestModel(), check_lines=CheckLines()))
    assert "assertions" not in path.read_text(encoding="utf-8")


def test_lines_that_need_escapes_read_back(tmp_path: Path) -> None:
    lines = CheckLines(("body contains \"it's\"", "header X == \"tab\there\""), ("n = body",), "")
    path = tmp_path / "e.ctct.toml"
    save_request(path, SavedRequest("e", "", RequestModel(), check_lines=lines))
    assert load_request(path).check_lines == lines


def test_check_lines_must_be_text() -> None:
    for text, words in [("assertions = 'status == 1'\n", "'assertions' must be a list"),
                        ("captures = [1]\n", "item 1 is not text"), ("repeat = 3\n", "'repeat' must be text")]:
        try:
            parse_request("format = 2\n" + text)
        except ValueError as exc:
            assert words in str(exc)
        else:
            raise AssertionError(f"{text!r} was accepted")
