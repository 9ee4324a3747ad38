"""``ctct-desktop snippet``: a request file as code, variables from an environment's plain values."""

from __future__ import annotations

from pathlib import Path

import pytest

from ctct_desktop.cli import run
from ctct_desktop.cli.snippet import LANGS
from ctct_desktop.snippets import LANGUAGE_IDS
from ctct_desktop.store.environment import Environment, EnvVariable, save_environment
from ctct_desktop.store.request_file import SavedRequest, save_request
from tests.snippets.requests_for_tests import FIXTURE_REQUEST

FIXTURES = Path(__file__).parent / "fixtures"


def _file(tmp_path: Path) -> Path:
    path = tmp_path / "Create.ctct.toml"
    save_request(path, SavedRequest("Create", "", FIXTURE_REQUEST))
    return path


def test_the_command_offers_every_language() -> None:
    assert LANGS == LANGUAGE_IDS


@pytest.mark.parametrize("lang", ["csharp", "curl-windows", "java"])
def test_prints_the_same_code_as_the_fixture(lang: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["snippet", str(_file(tmp_path)), "--lang", lang]) == 0
    out = capsys.readouterr().out
    assert out == (FIXTURES / f"{lang}.txt").read_bytes().decode("utf-8")


def test_an_environment_file_resolves_plain_values_only(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    env = tmp_path / "prod.toml"
    save_environment(env, Environment("prod", (EnvVariable("base_url", "https://api.constantcontact.com/ws/customers/"
                                                                       "joesflowers"),)))
    assert run(["snippet", str(_file(tmp_path)), "--lang", "python-httpx", "--env", str(env)]) == 0
    out = capsys.readouterr().out
    assert "url = 'https://api.constantcontact.com/ws/customers/joesflowers/contacts?email=" in out
    assert "Replace these placeholders" not in out


def test_usage_errors_exit_two(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(["snippet", str(tmp_path / "none.ctct.toml")]) == 2
    assert run(["snippet", str(_file(tmp_path)), "--env", "no-such-env"]) == 2
    assert run(["snippet", str(_file(tmp_path)), "--lang", "cobol"]) == 2
    err = capsys.readouterr().err
    assert "Traceback" not in err and "No environment named" in err
