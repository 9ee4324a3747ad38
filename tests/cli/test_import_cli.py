"""``ctct-desktop import``: JSON and text output, --into a collection, exit codes, no secrets out."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from ctct_desktop.cli import run
from ctct_desktop.store.collection import scan_collection
from ctct_desktop.store.request_file import load_request
from tests.importers.support import FIXTURES

SECRETS = ("s3cretPW", "ak_1234abcd")


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = run(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_json_is_an_array_of_requests_with_notes_and_diagnostics(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _err = _run(capsys, "import", str(FIXTURES / "t2_bulk_import.php"), "--format", "json")
    assert code == 0
    (shown,) = json.loads(out)
    assert shown["method"] == "POST" and shown["url"].endswith("/joesflowers/activities")
    assert shown["headers"] == [{"name": "Content-Type", "value": "application/atom+xml", "enabled": True}]
    assert shown["body_kind"] == "form" and 'name="activityType"' in shown["body"]
    assert shown["auth"] == {"kind": "ctct-basic", "username": "joesflowers"}
    assert any("multipart" in note for note in shown["notes"])
    assert "L031" in {d["code"] for d in shown["diagnostics"]}
    assert not any(secret in out for secret in SECRETS)


def test_text_output_from_stdin(capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    text = (FIXTURES / "browser.har").read_text(encoding="utf-8")
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(text.encode("utf-8"))))
    code, out, _err = _run(capsys, "import", "-")
    assert code == 0
    assert out.startswith("HAR 1.2: 2 requests")
    assert "recorded response: 200 OK" in out and "recorded response: 201 Created" in out
    assert not any(secret in out for secret in SECRETS)


def test_into_writes_request_files_in_folders_without_secrets(capsys: pytest.CaptureFixture[str],
                                                              tmp_path: Path) -> None:
    target = tmp_path / "ticket"
    for name in ("postman_collection.json", "insomnia_v4.json", "t2_bulk_import.php", "fiddler_raw.txt"):
        code, out, _err = _run(capsys, "import", str(FIXTURES / name), "--into", str(target))
        assert code == 0 and "wrote " in out
    collection = scan_collection(target)
    names = sorted(node.name for node in collection.tree.requests())
    assert "Create list" in names and "Search by email" in names and "POST activities" in names
    assert (target / "Lists" / "Create list.ctct.toml").is_file()
    assert (target / "Contacts" / "Search" / "Search by email.ctct.toml").is_file()
    assert collection.variables["username"] == "joesflowers"
    for file in target.rglob("*"):
        if file.is_file():
            text = file.read_text(encoding="utf-8")
            assert not any(secret in text for secret in SECRETS), file
    t2 = load_request(target / "POST activities.ctct.toml").request
    assert t2.auth.password == "{{password}}" and t2.auth.api_key == "{{api_key}}"
    assert t2.header("Content-Type") == "application/atom+xml" and "SV_ADD" in t2.body


@pytest.mark.parametrize("text", ["hello there", '{"log": {"entries": []}}', ""])
def test_nothing_importable_exits_1(capsys: pytest.CaptureFixture[str], tmp_path: Path, text: str) -> None:
    source = tmp_path / "paste.txt"
    source.write_text(text, encoding="utf-8")
    code, out, err = _run(capsys, "import", str(source))
    assert code == 1 and out == "" and err.startswith("ctct-desktop import: nothing to import")


def test_usage_errors_exit_2(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    assert _run(capsys, "import", str(tmp_path / "missing.txt"))[0] == 2
    assert _run(capsys, "import")[0] == 2
    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    code, _out, err = _run(capsys, "import", str(FIXTURES / "powershell.txt"), "--into", str(blocker))
    assert code == 2 and "is not a folder" in err


def test_an_environment_becomes_an_environment_file_with_secret_references(capsys: pytest.CaptureFixture[str],
                                                                           tmp_path: Path) -> None:
    from ctct_desktop.store.environment import load_environment

    target = tmp_path / "work"
    code, out, _err = _run(capsys, "import", str(FIXTURES / "postman_environment.json"), "--into", str(target))
    assert code == 0 and "4 variables" in out
    written = target / "environments" / "CTCT production.toml"
    text = written.read_text(encoding="utf-8")
    assert not any(secret in text for secret in SECRETS)
    env = load_environment(written)
    assert env.values() == {"username": "joesflowers", "list_name": "Spring sale"}
    assert set(env.missing_secrets()) == {"password", "api_key"}
    assert _run(capsys, "import", str(FIXTURES / "postman_environment.json"), "--format", "json")[:2] == (0, "[]\n")
