"""Nothing secret on disk, over a whole session on the real window, the command line and the sandbox.

Accounts, inline credentials, a v2 api_key in a URL, an environment variable marked secret used in
the URL path, the query, a header, an XML body and a form body (sent from the window and with
``ctct-desktop send --export``, with a secret read by ``--var-stdin`` too), a saved request and
environment, exports for support, the history, the window's saved draft, the log and a crash
report: then every file under the app home and the collection is scanned for every secret, raw,
percent-encoded, ``+``-encoded and Base64 at each of its three alignments (the composed
"apikey%username:password" too). Zero hits.
"""

from __future__ import annotations

import base64
import io
import json
import secrets as random_source
import sys
from pathlib import Path
from urllib.parse import quote, quote_plus

from PySide6 import QtWidgets

from ctct_desktop.core.models import Auth, AuthKind, BodyKind, Header, RequestModel
from ctct_desktop.credentials.accounts import Account, AccountKind, AccountSecrets
from ctct_desktop.credentials.secrets import MemorySecretStore
from ctct_desktop.core import sandbox_demo as demo
from ctct_desktop.store.collection import create_collection
from ctct_desktop.store.environment import EnvVariable, Environment, environment_path, save_environment
from ctct_desktop.core.paths import app_dirs
from ctct_desktop.store.request_file import SavedRequest, save_request
from ctct_desktop.ui.crash import CrashHandler
from tests.ui.helpers import send_and_wait


def _base64_at_each_alignment(raw: bytes) -> set[bytes]:
    """What Base64 of any text holding ``raw`` contains: the stable middle at each of 3 offsets."""
    found = set()
    for offset in range(3):
        encoded = base64.b64encode(b"\xff" * offset + raw)
        start = 0 if offset == 0 else (offset * 8 + 5) // 6
        found.add(encoded[start:((offset + len(raw)) * 8) // 6])
    return found


def _variants(secret: str) -> set[bytes]:
    raw = secret.encode()
    return {raw, quote(secret, safe="").encode(), quote_plus(secret).encode(), base64.b64encode(raw),
            base64.urlsafe_b64encode(raw).rstrip(b"="), *_base64_at_each_alignment(raw)}


def _send_env_secret_from_the_window(qtbot, bench, collection: Path, store, pin: str) -> None:  # type: ignore[no-untyped-def]
    """The environment marks ``contact_pin`` secret; the requests use it everywhere a value can go."""
    window, info = bench.window, bench.sandbox.info
    env = Environment("Pinned", (EnvVariable("base_url", info.account_url),
                                 EnvVariable("contact_pin", pin, "env/Pinned/contact_pin")), None)
    save_environment(environment_path(collection, "Pinned"), env, store)
    bench.saved_work.collections.add_collection(collection)
    qtbot.waitUntil(lambda: bench.saved_work.switcher.select("Pinned"), timeout=5000)
    assert bench.saved_work.variables()["contact_pin"] == pin
    bench.settings = bench.settings.with_changes(confirm_send_with_errors=False)
    editor = window.request_editor
    for model in (
        RequestModel(url="{{base_url}}/contacts/{{contact_pin}}?email={{contact_pin}}",
                     headers=(Header("X-Pin", "{{contact_pin}}"),)),
        RequestModel(method="POST", url="{{base_url}}/contacts", body_kind=BodyKind.XML,
                     body="<entry xmlns='http://www.w3.org/2005/Atom'><note>{{contact_pin}}</note></entry>"),
        RequestModel(method="POST", url="{{base_url}}/contacts", body_kind=BodyKind.FORM,
                     body="pin={{contact_pin}}&x=1"),
    ):
        editor.set_model(model)
        exchange = send_and_wait(qtbot, window)
        assert exchange.response is not None, exchange.failure
        sent = exchange.request.url + exchange.request.body + repr(exchange.request.headers)
        assert "contact_pin" not in sent  # the secret's value went out, in the form each place takes
    bench.exports.write(str(app_dirs().data / "export-pin.json"))


def _send_env_secret_from_the_command_line(collection: Path, store, pin: str, stdin_secret: str,  # type: ignore[no-untyped-def]
                                           monkeypatch, capsys) -> None:
    from ctct_desktop.cli import run

    request = RequestModel(method="POST", url="{{base_url}}/contacts/{{contact_pin}}?email={{contact_pin}}",
                           headers=(Header("X-Pin", "{{contact_pin}}"), Header("X-Other", "{{from_stdin}}")),
                           body="pin={{contact_pin}}&other={{from_stdin}}", body_kind=BodyKind.FORM)
    path = collection / "pinned.ctct.toml"
    save_request(path, SavedRequest("pinned", "", request))
    assert run(["send", str(path), "--env", "Pinned", "--var", f"contact_pin={pin}"]) == 2
    assert "--var-stdin" in capsys.readouterr().err
    monkeypatch.setattr(sys, "stdin", io.StringIO(stdin_secret + "\n"))
    export = app_dirs().data / "cli-export.json"
    code = run(["send", str(path), "--env", "Pinned", "--var-stdin", "from_stdin", "--force",
                "--export", str(export), "--format", "json"])
    out = capsys.readouterr()
    assert code in (0, 1) and json.loads(out.out)["sent"] is True, out.err
    assert export.is_file() and json.loads(export.read_text(encoding="utf-8"))["format"] == 1
    assert pin not in out.out + out.err and stdin_secret not in out.out + out.err


def test_a_full_session_leaves_no_secret_in_any_file(qtbot, tmp_path: Path, monkeypatch, capsys) -> None:  # type: ignore[no-untyped-def]
    from ctct_desktop.app import Workbench, create_application
    from ctct_desktop.credentials import lazy_store

    store = MemorySecretStore()
    monkeypatch.setattr(lazy_store.LazySecretStore, "_resolved", lambda self: store)
    pin = "pin+" + random_source.token_hex(6) + "&="
    stdin_secret = "stdin/" + random_source.token_hex(6) + " x"
    monkeypatch.setattr(QtWidgets.QMessageBox, "warning", lambda *args: None)
    typed_password = "typed-" + random_source.token_hex(6)
    v2_key = "v2key-" + random_source.token_hex(6)
    env_secret = "envsecret-" + random_source.token_hex(6)
    create_application()
    bench = Workbench(start_sandbox=True)
    qtbot.addWidget(bench.window)
    bench.window.show()
    qtbot.waitUntil(lambda: bench.sandbox.info is not None, timeout=20000)
    info, window = bench.sandbox.info, bench.window
    editor = window.request_editor

    bench.accounts.manager.add(Account("demo", AccountKind.V1_BASIC, username=demo.DEMO_USERNAME),
                               AccountSecrets(api_key=demo.DEMO_API_KEY, password=demo.DEMO_PASSWORD))
    editor.set_model(RequestModel(url=info.account_url + "/lists", auth=Auth(account="demo")))
    assert send_and_wait(qtbot, window).response.status == 200
    editor.set_model(RequestModel(url=info.account_url + "/lists", auth=Auth(
        AuthKind.CTCT_BASIC, username=demo.DEMO_USERNAME, api_key=demo.DEMO_API_KEY, password=typed_password)))
    assert send_and_wait(qtbot, window).response.status == 401
    editor.set_model(RequestModel(url=f"{info.base_url}/v2/contacts?api_key={v2_key}&limit=5"))
    send_and_wait(qtbot, window)

    collection = tmp_path / "team"
    create_collection(collection, "Team")
    _send_env_secret_from_the_window(qtbot, bench, collection, store, pin)
    _send_env_secret_from_the_command_line(collection, store, pin, stdin_secret, monkeypatch, capsys)
    save_request(collection / "typed.ctct.toml", SavedRequest("typed", "", editor.to_model()))
    env = Environment("Prod", (EnvVariable("base_url", "https://api.constantcontact.com/ws/customers/joe"),
                               EnvVariable("password", env_secret, "ref")), None)
    save_environment(environment_path(collection, "Prod"), env, store)
    qtbot.waitUntil(lambda: bench.history.usage().entries >= 7, timeout=5000)
    bench.exports.write(str(app_dirs().data / "export.txt"))
    try:
        raise RuntimeError(f"token {typed_password} rejected")
    except RuntimeError:
        CrashHandler(app_dirs().log).handle(*sys.exc_info())  # type: ignore[arg-type]
    window.close()  # saves the window state and its draft request
    bench.shutdown()

    secrets = {demo.DEMO_PASSWORD, demo.DEMO_API_KEY, typed_password, v2_key, env_secret, pin, stdin_secret,
               f"{demo.DEMO_API_KEY}%{demo.DEMO_USERNAME}:{demo.DEMO_PASSWORD}",
               f"{demo.DEMO_API_KEY}%{demo.DEMO_USERNAME}:{typed_password}"}
    home = app_dirs().config.parent
    files = [p for root in (home, collection) for p in root.rglob("*") if p.is_file()]
    names = {p.name for p in files}
    assert {"export.txt", "export-pin.json", "cli-export.json", "ctct-desktop.log", "typed.ctct.toml",
            "pinned.ctct.toml", "Prod.toml", "Pinned.toml"} <= names, names
    assert any(n.startswith("history.sqlite3") for n in names) and any(n.startswith("crash-") for n in names)
    hits = [(str(p), s) for p in files for s in secrets for v in _variants(s) if v in p.read_bytes()]
    assert hits == []
