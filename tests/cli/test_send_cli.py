"""``ctct-desktop send`` against a real loopback server: output, exit codes, variables, lint gate."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from ctct_desktop.cli import run
from ctct_desktop.core.models import Auth, AuthKind, BodyKind, Header, RequestModel
from ctct_desktop.store.collection import create_collection
from ctct_desktop.store.environment import Environment, EnvVariable, save_environment
from ctct_desktop.store.request_file import SavedRequest, save_request
from tests.support.loopback import Handler, default_routes, free_port, serve

ATOM_ENTRY = ('<entry xmlns="http://www.w3.org/2005/Atom"><id>data:,none</id><title/><author/>'
              '<updated>2024-01-01T00:00:00.000Z</updated><content type="application/vnd.ctct+xml">'
              '<ContactList xmlns="http://ws.constantcontact.com/ns/1.0/"><OptInDefault>false</OptInDefault>'
              "<Name>New</Name><SortOrder>99</SortOrder></ContactList></content></entry>")
SEEN: list[str] = []


def _record(h: Handler) -> None:
    SEEN.append(f"{h.command} {h.path} auth={h.headers.get('Authorization', '')}")
    h.body()
    h.reply(200, b"<feed xmlns=\"http://www.w3.org/2005/Atom\"/>", "application/atom+xml", {"X-Seen": "1"})


@pytest.fixture
def server() -> Iterator[str]:
    SEEN.clear()
    routes = default_routes(b"")
    routes[("*", "/ws/customers/joesflowers/contacts/1")] = _record
    routes[("*", "/v/contacts")] = _record
    with serve(routes) as url:
        yield url


def _file(tmp_path: Path, request: RequestModel, name: str = "Req") -> Path:
    path = tmp_path / f"{name}.ctct.toml"
    save_request(path, SavedRequest(name, "", request))
    return path


def _run_json(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, dict]:  # type: ignore[type-arg]
    code = run(["send", *argv, "--format", "json"])
    return code, json.loads(capsys.readouterr().out)


def test_text_output_and_exit_zero_for_2xx(tmp_path: Path, server: str, capsys: pytest.CaptureFixture[str]) -> None:
    path = _file(tmp_path, RequestModel(url=f"{server}/hello"))
    assert run(["send", str(path)]) == 0
    out, err = capsys.readouterr()
    lines = out.splitlines()
    assert lines[0] == "HTTP/1.1 200 OK"
    assert "x-test: yes" in lines and "<greeting>hello</greeting>" in lines
    assert lines[lines.index("<greeting>hello</greeting>") - 1] == ""
    assert "200 OK in" in err


def test_json_output_has_the_documented_keys(tmp_path: Path, server: str, capsys: pytest.CaptureFixture[str]) -> None:
    path = _file(tmp_path, RequestModel(method="POST", url=f"{server}/created", body=ATOM_ENTRY,
                                        body_kind=BodyKind.XML))
    code, data = _run_json(capsys, str(path))
    assert code == 0
    assert data["status"] == 201 and data["sent"] is True and data["error"] is None
    assert ["location", "/created/1"] in data["headers"]
    assert data["body"].startswith("<entry") and data["elapsed_ms"] > 0
    assert isinstance(data["diagnostics"], list)


@pytest.mark.parametrize("route, status", [("/missing", 404), ("/broken", 500)])
def test_non_2xx_exits_one(tmp_path: Path, server: str, capsys: pytest.CaptureFixture[str], route: str,
                           status: int) -> None:
    code, data = _run_json(capsys, str(_file(tmp_path, RequestModel(url=f"{server}{route}"))))
    assert (code, data["status"]) == (1, status)


def test_transport_failure_is_plain_words_and_exit_one(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = _file(tmp_path, RequestModel(url=f"http://127.0.0.1:{free_port()}/x"))
    assert run(["send", str(path)]) == 1
    err = capsys.readouterr().err
    assert "No response:" in err and "refused" in err and "Traceback" not in err


def test_unresolved_variable_is_an_error_and_nothing_is_sent(tmp_path: Path, server: str,
                                                             capsys: pytest.CaptureFixture[str]) -> None:
    path = _file(tmp_path, RequestModel(url=server + "/v/contacts?x={{nope}}"))
    code, data = _run_json(capsys, str(path), "--force")
    assert code == 1 and data["sent"] is False and data["unresolved"] == ["nope"]
    assert data["diagnostics"][0]["code"] == "L026" and "nope" in data["diagnostics"][0]["message"]
    assert data["diagnostics"][0]["where"] == "url"
    assert SEEN == []
    body = _file(tmp_path, RequestModel(method="POST", url=server + "/v/contacts", body="line\n  {{gone}}",
                                        body_kind=BodyKind.TEXT), name="Body")
    assert run(["send", str(body)]) == 1
    err = capsys.readouterr().err
    assert "body:2:3: error[L026]: Unresolved variable {{gone}}." in err
    assert "Not sent: {{gone}} has no value" in err and "--force" not in err


def test_lint_errors_stop_the_send_unless_forced(tmp_path: Path, server: str,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    bad = RequestModel(method="POST", url=f"{server}/ws/customers/joesflowers/contacts/1",
                       body="<entry><id>2</id></entry>", body_kind=BodyKind.XML)
    path = _file(tmp_path, bad)
    assert run(["send", str(path)]) == 1
    err = capsys.readouterr().err
    assert "error[L001]" in err and "Not sent" in err and SEEN == []
    assert run(["send", str(path), "--force"]) == 0
    assert len(SEEN) == 1


def test_variables_from_var_env_file_and_collection(tmp_path: Path, server: str,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    root = tmp_path / "coll"
    create_collection(root, "C", {"base_url": "{{host}}/v", "who": "collection"})
    save_environment(root / "environments" / "Local.toml",
                     Environment("Local", (EnvVariable("host", server), EnvVariable("who", "env"))))
    (root / "deep").mkdir()
    path = _file(root / "deep", RequestModel(url="{{base_url}}/contacts?who={{who}}"))
    code, data = _run_json(capsys, str(path), "--env", "local")
    assert code == 0 and SEEN[-1].startswith("GET /v/contacts?who=env ")
    code, data = _run_json(capsys, str(path), "--env", str(root / "environments" / "Local.toml"),
                           "--var", "who=a b+c")
    assert code == 0 and SEEN[-1].startswith("GET /v/contacts?who=a%20b%2Bc ")
    code, data = _run_json(capsys, str(path), "--var", f"host={server}")
    assert code == 0 and SEEN[-1].startswith("GET /v/contacts?who=collection ")


def test_env_sandbox_uses_the_sandbox_url_and_demo_credentials(tmp_path: Path, server: str,
                                                               monkeypatch: pytest.MonkeyPatch,
                                                               capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("CTCT_SANDBOX_URL", server)
    request = RequestModel(url="{{base_url}}/contacts/{{contact_id}}", headers=(Header("Accept", "*/*"),),
                           auth=Auth(AuthKind.CTCT_BASIC, username="{{username}}", api_key="{{api_key}}",
                                     password="{{password}}"))
    code, data = _run_json(capsys, str(_file(tmp_path, request)), "--env", "sandbox")
    assert code == 0, data
    import base64

    expected = base64.b64encode(b"sandbox-api-key%joesflowers:sandbox-password").decode()
    assert SEEN == [f"GET /ws/customers/joesflowers/contacts/1 auth=Basic {expected}"]


@pytest.mark.parametrize("argv, message", [
    (["missing.ctct.toml"], "No such file"),
    (["{file}", "--var", "novalue"], "NAME=VALUE"),
    (["{file}", "--env", "no such env"], "No environment named"),
    (["{bad}"], "not valid TOML"),
    (["{file}", "--collection", "/nonexistent/dir"], "does not exist"),
    (["{file}", "--format", "yaml"], ""),
])
def test_usage_errors_exit_two(tmp_path: Path, capsys: pytest.CaptureFixture[str], argv: list[str],
                               message: str) -> None:
    good = _file(tmp_path, RequestModel(url="http://127.0.0.1:1/"))
    bad = tmp_path / "bad.ctct.toml"
    bad.write_text("url = [", encoding="utf-8")
    argv = [a.replace("{file}", str(good)).replace("{bad}", str(bad)) for a in argv]
    assert run(["send", *argv]) == 2
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err


def test_cli_runs_in_a_subprocess_without_importing_qt(tmp_path: Path, server: str) -> None:
    path = _file(tmp_path, RequestModel(url=f"{server}/json"))
    code = ("import sys\nfrom ctct_desktop.__main__ import main\n"
            f"rc = main(['send', {str(path)!r}, '--format', 'json'])\n"
            "assert 'PySide6' not in sys.modules, 'Qt was imported'\nsys.exit(rc)\n")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["body"] == '{"a": [1, 2, {"b": null}]}'
    assert subprocess.run([sys.executable, "-m", "ctct_desktop", "send", str(path), "--format", "text"],
                          capture_output=True, text=True, timeout=60).returncode == 0


SPOOLED_SECRET = "stdin-secret-5150"


def _big_body_with_secrets(h: Handler) -> None:
    """20 MiB (spooled past 8 MiB) with the secret straddling each 1 MiB piece boundary."""
    mib = 1024 * 1024
    body = bytearray(b"a" * (20 * mib))
    for boundary in range(mib, 20 * mib, mib):
        start = boundary - 7
        body[start:start + len(SPOOLED_SECRET)] = SPOOLED_SECRET.encode()
    h.body()
    h.reply(200, bytes(body), "text/plain; charset=utf-8")


def test_a_spooled_body_streams_to_stdout_masked_across_pieces(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                               capsys: pytest.CaptureFixture[str]) -> None:
    import io

    routes = default_routes(b"")
    routes[("GET", "/big")] = _big_body_with_secrets
    with serve(routes) as url:
        path = _file(tmp_path, RequestModel(url=url + "/big", headers=(Header("X-Key", "{{key}}"),)))
        monkeypatch.setattr(sys, "stdin", io.StringIO(SPOOLED_SECRET + "\n"))
        assert run(["send", str(path), "--var-stdin", "key", "--no-history"]) == 0
    out = capsys.readouterr().out
    body = out.split("\n\n", 1)[1]
    assert SPOOLED_SECRET not in out and body.count("••••••") == 19
    assert len(body) == 20 * 1024 * 1024 - 19 * (len(SPOOLED_SECRET) - len("••••••")) + 1  # + the final newline
