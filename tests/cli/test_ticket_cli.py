"""``ctct-desktop ticket``: new, reproduce (text and JSON), export and import, and usage errors in one line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ctct_desktop.cli import run
from tests.tickets.casebook import t5


def test_new_then_reproduce_export_and_import(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "T-9"
    assert run(["ticket", "new", str(folder), "--title", "Sign-up 409", "--account", "acme",
                "--quirk", "dnm_post_status=409"]) == 0
    assert "Ticket T-9 in" in capsys.readouterr().out
    assert (folder / "ticket.toml").is_file()
    case = t5(tmp_path / "T5")
    assert run(["ticket", "reproduce", str(case), "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert [(e["request"], e["status"], e["article"]) for e in data["exchanges"]] == \
        [("Sign up", 409, "v1-409-contact-exists")]
    assert run(["ticket", "reproduce", str(case)]) == 0
    assert "1. Sign up: 409" in capsys.readouterr().out
    bundle = tmp_path / "T5.ctct-ticket.zip"
    assert run(["ticket", "export", str(case), str(bundle)]) == 0
    assert run(["ticket", "import", str(bundle), str(tmp_path / "elsewhere" / "T5")]) == 0
    assert (tmp_path / "elsewhere" / "T5" / "Sign up.ctct.toml").is_file()


@pytest.mark.parametrize("argv,words", [
    (["ticket", "new", "{tmp}/a", "--title", "A", "--quirk", "nope=1"], "Unknown quirk"),
    (["ticket", "reproduce", "{tmp}/missing"], "not a ticket folder"),
    (["ticket", "export", "{tmp}/missing", "{tmp}/out.zip"], "must end in .ctct-ticket.zip"),
    (["ticket", "import", "{tmp}/none.ctct-ticket.zip", "{tmp}/b"], "no such file"),
])
def test_usage_errors_are_one_line_and_exit_2(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                               argv: list[str], words: str) -> None:
    assert run([a.replace("{tmp}", str(tmp_path)) for a in argv]) == 2
    err = capsys.readouterr().err
    assert words in err and len(err.strip().splitlines()) == 1 and "Traceback" not in err
