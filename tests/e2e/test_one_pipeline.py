"""One request file and one environment give one ``SendPlan``, from the window and from ``send``.

Both plans are caught where the front ends hand them to ``send.run``: the window's Ctrl+Enter on
the file opened from its collection with the environment chosen in the switcher, and
``ctct-desktop send FILE --env NAME``. Resolved request, diagnostics and secrets must be equal.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from ctct_desktop.core.models import Auth, AuthKind, BodyKind, Header, RequestModel
from ctct_desktop.credentials.secrets import MemorySecretStore
from ctct_desktop.send import SendPlan
from ctct_desktop.store.collection import create_collection
from ctct_desktop.store.environment import EnvVariable, Environment, environment_path, save_environment
from ctct_desktop.store.request_file import SavedRequest, load_request, save_request
from tests.ui.helpers import send_and_wait

BODY = """<entry xmlns="http://www.w3.org/2005/Atom"><title/><author/><id>data:,none</id>
<updated>2024-01-01T00:00:00.000Z</updated><content type="application/vnd.ctct+xml">
<Contact xmlns="http://ws.constantcontact.com/ns/1.0/"><EmailAddress>{{email}}</EmailAddress>
<OptInSource>ACTION_BY_CUSTOMER</OptInSource><Note>{{contact_pin}}</Note><ContactLists/></Contact></content></entry>
"""


def _comparable(plan: SendPlan) -> tuple[object, ...]:
    return (plan.resolved, [d.to_json() for d in plan.diagnostics], plan.unresolved, plan.secrets, plan.problem)


def test_the_window_and_send_make_the_same_plan(qtbot, sandbox_workbench, tmp_path: Path,  # type: ignore[no-untyped-def]
                                                monkeypatch: pytest.MonkeyPatch, capsys) -> None:
    from ctct_desktop.cli import run
    from ctct_desktop.credentials import lazy_store
    from ctct_desktop.send import running  # both front ends send through PendingSend.run

    bench = sandbox_workbench
    store = MemorySecretStore()
    monkeypatch.setattr(lazy_store.LazySecretStore, "_resolved", lambda self: store)
    planned: list[SendPlan] = []
    original_pending = running.PendingSend.run
    monkeypatch.setattr(running.PendingSend, "run", lambda self: planned.append(self.plan) or original_pending(self))

    root = tmp_path / "team"
    create_collection(root, "Team", {"email": "same.plan@example.com", "list": "{{base_url}}/lists/1"})
    save_environment(environment_path(root, "Pinned"), Environment("Pinned", (
        EnvVariable("base_url", bench.sandbox.info.account_url),
        EnvVariable("contact_pin", "pin+1234&=", "env/Pinned/contact_pin"),
        EnvVariable("api_key", bench.sandbox.info.api_key),
        EnvVariable("password", bench.sandbox.info.password, "env/Pinned/password"))), store)
    request = RequestModel(method="POST", url="{{base_url}}/contacts?pin={{contact_pin}}", body=BODY,
                           body_kind=BodyKind.XML, headers=(Header("X-Pin", "{{contact_pin}}"),),
                           auth=Auth(AuthKind.CTCT_BASIC, username=bench.sandbox.info.username,
                                     api_key="{{api_key}}", password="{{password}}"))
    path = root / "Create.ctct.toml"
    save_request(path, SavedRequest("Create", "", request))

    bench.saved_work.collections.add_collection(root)
    qtbot.waitUntil(lambda: bench.saved_work.switcher.select("Pinned"), timeout=5000)
    assert bench.documents.open(load_request(path))
    qtbot.waitUntil(lambda: "email" in bench.saved_work.variables(), timeout=5000)  # the tree scans in a worker
    bench.settings = bench.settings.with_changes(confirm_send_with_errors=False)
    send_and_wait(qtbot, bench.window)
    assert run(["send", str(path), "--env", "Pinned", "--force", "--no-history"]) in (0, 1)
    capsys.readouterr()

    assert len(planned) == 2
    window_plan, cli_plan = planned
    assert window_plan.secrets.values >= {"pin+1234&=", bench.sandbox.info.password}
    assert any(d.code for d in window_plan.diagnostics), "the request has something for the linter to say"
    for part, (a, b) in zip(("resolved", "diagnostics", "unresolved", "secrets", "problem"),
                            zip(_comparable(window_plan), _comparable(cli_plan))):
        assert a == b, f"{part} differs:\nwindow: {a!r}\nsend:   {b!r}"
