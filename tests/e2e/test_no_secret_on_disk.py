"""Nothing secret on disk, over a whole GUI session on the real window and the embedded sandbox.

Accounts, inline credentials, a v2 api_key in a URL, a saved request and environment, an export
for support, the history, the window's saved draft, the log and a crash report: then every file
under the app home and the collection is scanned for every secret, raw, percent-encoded and
Base64 (the composed "apikey%username:password" too). Zero hits.
"""

from __future__ import annotations

import base64
import secrets as random_source
import sys
from pathlib import Path
from urllib.parse import quote

from PySide6 import QtWidgets

from ctct_desktop.core.models import Auth, AuthKind, RequestModel
from ctct_desktop.credentials.accounts import Account, AccountKind, AccountSecrets
from ctct_desktop.credentials.secrets import MemorySecretStore
from ctct_desktop.sandbox import demo
from ctct_desktop.store.collection import create_collection
from ctct_desktop.store.environment import EnvVariable, Environment, environment_path, save_environment
from ctct_desktop.store.paths import app_dirs
from ctct_desktop.store.request_file import SavedRequest, save_request
from ctct_desktop.ui.crash import CrashHandler
from tests.ui.helpers import send_and_wait


def _variants(secret: str) -> set[bytes]:
    raw = secret.encode()
    return {raw, quote(secret, safe="").encode(), base64.b64encode(raw), base64.urlsafe_b64encode(raw).rstrip(b"=")}


def test_a_full_session_leaves_no_secret_in_any_file(qtbot, tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from ctct_desktop.app import Workbench, create_application
    from ctct_desktop.ui import accounts_wiring

    store = MemorySecretStore()
    monkeypatch.setattr(accounts_wiring.LazySecretStore, "_resolved", lambda self: store)
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
    save_request(collection / "typed.ctct.toml", SavedRequest("typed", "", editor.to_model()))
    env = Environment("Prod", (EnvVariable("base_url", "https://api.constantcontact.com/ws/customers/joe"),
                               EnvVariable("password", env_secret, "ref")), None)
    save_environment(environment_path(collection, "Prod"), env, store)
    qtbot.waitUntil(lambda: bench.history.usage().entries >= 3, timeout=5000)
    bench.exports.write(str(app_dirs().data / "export.txt"), bench.exports.report_text() or "")
    try:
        raise RuntimeError(f"token {typed_password} rejected")
    except RuntimeError:
        CrashHandler(app_dirs().log).handle(*sys.exc_info())  # type: ignore[arg-type]
    window.close()  # saves the window state and its draft request
    bench.shutdown()

    secrets = {demo.DEMO_PASSWORD, demo.DEMO_API_KEY, typed_password, v2_key, env_secret,
               f"{demo.DEMO_API_KEY}%{demo.DEMO_USERNAME}:{demo.DEMO_PASSWORD}",
               f"{demo.DEMO_API_KEY}%{demo.DEMO_USERNAME}:{typed_password}"}
    home = app_dirs().config.parent
    files = [p for root in (home, collection) for p in root.rglob("*") if p.is_file()]
    names = {p.name for p in files}
    assert {"export.txt", "ctct-desktop.log", "typed.ctct.toml", "Prod.ctct-env.toml"} <= names or \
        any(n.endswith(".toml") and "Prod" in n for n in names), names
    assert any(n.startswith("history.sqlite3") for n in names) and any(n.startswith("crash-") for n in names)
    hits = [(str(p), s) for p in files for s in secrets for v in _variants(s) if v in p.read_bytes()]
    assert hits == []
