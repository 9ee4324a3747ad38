"""A ticket through a .ctct-ticket.zip: recorded, exported after a secret scan, imported elsewhere.

The round trip runs a real exchange against a real sandbox (its credentials are secrets the pipeline
knows), records it in the ticket, exports, and imports the bundle under a second temporary home;
the secret scan of the bundle finds nothing. Damaged, altered, hostile and secret-holding bundles
are refused in words and leave nothing behind.
"""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import pytest

from ctct_desktop.core import sandbox_demo as demo
from ctct_desktop.core.models import Auth, AuthKind, RequestModel
from ctct_desktop.send import build_scopes, plan, run
from ctct_desktop.store.builtin_environments import sandbox_env
from ctct_desktop.store.request_file import SavedRequest
from ctct_desktop.tickets.bundle import MANIFEST, SecretsFound, export_bundle, import_bundle
from ctct_desktop.tickets.folder import add_request, new_ticket, record_exchange
from ctct_desktop.tickets.model import ExchangeMark, Ticket, TicketError
from ctct_desktop.tickets.secret_scan import scan_text
from ctct_desktop.tickets.ticket_file import load_ticket
from tests.tickets.casebook import CASES

SECRETS = (demo.DEMO_PASSWORD, demo.DEMO_API_KEY)


def _ticket_with_a_recorded_exchange(folder: Path, base_url: str) -> Path:
    new_ticket(folder, Ticket("T-7", "Contacts list", "joesflowers", quirks={"search_miss": "500"}))
    request = RequestModel(method="GET", url="{{base_url}}/contacts?email=nobody%40example.com",
                           auth=Auth(AuthKind.CTCT_BASIC, username="{{username}}", password="{{password}}",
                                     api_key="{{api_key}}"))
    add_request(folder, SavedRequest("Search contact", "", request))
    sent = run(plan(request, build_scopes(environment=sandbox_env(base_url)), None))
    assert sent.response is not None and sent.response.status == 200
    record_exchange(folder, sent, request="Search contact", mark=ExchangeMark.KNOWN_GOOD)
    return folder


def test_a_ticket_round_trips_through_a_bundle_on_a_second_home_with_no_secret(tmp_path: Path, sandbox) -> None:  # type: ignore[no-untyped-def]
    folder = _ticket_with_a_recorded_exchange(tmp_path / "home1" / "tickets" / "T-7", sandbox.base_url)
    out = tmp_path / "home1" / "T-7.ctct-ticket.zip"
    exported = export_bundle(folder, out, known_secrets=SECRETS)
    names = sorted(f.path for f in exported.files)
    assert names == ["Search contact.ctct.toml", "exchanges/001 Search contact.json", "ticket.toml"]
    with zipfile.ZipFile(out) as archive:
        manifest = json.loads(archive.read(MANIFEST))
        everything = "\n".join(archive.read(n).decode("utf-8", "replace") for n in archive.namelist())
    assert manifest["format"] == 1 and manifest["ticket"]["id"] == "T-7"
    assert scan_text(everything, "bundle", SECRETS) == []  # zero secret hits in the whole bundle
    assert all(secret not in everything for secret in SECRETS)
    second = tmp_path / "home2" / "cases" / "T-7"
    ticket = import_bundle(out, second)
    assert ticket == load_ticket(folder)
    for name in names:
        assert (second / name).read_bytes() == (folder / name).read_bytes()
    assert [p.name for p in second.parent.iterdir()] == ["T-7"]  # no staging folder left


def test_export_refuses_a_folder_holding_a_secret_and_says_where(tmp_path: Path) -> None:
    folder = tmp_path / "t"
    new_ticket(folder, Ticket("t", "T"))
    (folder / "Hand edited.ctct.toml").write_text('method = "GET"\nurl = "http://x/?api_key=abcd1234"\n'
                                                  '[auth]\nkind = "ctct_basic"\npassword = "hunter22"\n')
    (folder / "notes.txt").write_text("Authorization: Basic " + "YXBpa2V5JXVzZXI6cGFzc3dvcmQ=" + "\n")
    out = tmp_path / "t.ctct-ticket.zip"
    with pytest.raises(SecretsFound) as refused:
        export_bundle(folder, out)
    kinds = {(hit.file, hit.kind) for hit in refused.value.hits}
    assert kinds == {("Hand edited.ctct.toml", "api_key parameter"), ("Hand edited.ctct.toml", "password field"),
                     ("notes.txt", "Authorization header")}
    assert "hunter22" not in str(refused.value) and not out.exists()


def _bundle(tmp_path: Path, members: dict[str, bytes], manifest: object) -> Path:
    path = tmp_path / "b.ctct-ticket.zip"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr(MANIFEST, json.dumps(manifest))
        for name, data in members.items():
            archive.writestr(name, data)
    return path


def _listing(members: dict[str, bytes]) -> list[dict[str, object]]:
    import hashlib
    return [{"path": n, "size": len(d), "sha256": hashlib.sha256(d).hexdigest()} for n, d in members.items()]


GOOD = {"ticket.toml": b'format = 1\nid = "x"\ntitle = "X"\n'}


@pytest.mark.parametrize("members,manifest,words", [
    (GOOD, {"kind": "ctct-ticket", "format": 2, "files": _listing(GOOD)}, "newer CTCT Desktop"),
    (GOOD, {"kind": "something", "format": 1, "files": _listing(GOOD)}, "not a ticket bundle"),
    ({**GOOD, "extra.txt": b"x"}, {"kind": "ctct-ticket", "format": 1, "files": _listing(GOOD)}, "does not list"),
    (GOOD, {"kind": "ctct-ticket", "format": 1,
            "files": [{**_listing(GOOD)[0], "sha256": "0" * 64}]}, "checksum"),
    ({**GOOD, "../evil.txt": b"x"}, {"kind": "ctct-ticket", "format": 1,
                                     "files": _listing({**GOOD, "../evil.txt": b"x"})}, "outside the ticket folder"),
    ({**GOOD, "leak.txt": b"password=hunter22"}, {"kind": "ctct-ticket", "format": 1,
                                                  "files": _listing({**GOOD, "leak.txt": b"password=hunter22"})},
     "secret scan"),
])
def test_a_bad_bundle_is_refused_and_leaves_nothing(tmp_path: Path, members: dict[str, bytes], manifest: object,
                                                    words: str) -> None:
    bundle = _bundle(tmp_path, members, manifest)
    target = tmp_path / "dest" / "ticket"
    with pytest.raises(TicketError, match=words):
        import_bundle(bundle, target)
    assert not target.exists()
    assert not (tmp_path / "evil.txt").exists() and not (tmp_path / "dest" / "evil.txt").exists()
    assert list((tmp_path / "dest").iterdir()) == [] if (tmp_path / "dest").exists() else True


def test_import_refuses_a_non_zip_and_a_folder_in_use(tmp_path: Path) -> None:
    junk = tmp_path / "junk.ctct-ticket.zip"
    junk.write_bytes(b"PK\x03\x04 not really")
    with pytest.raises(TicketError, match="not a readable zip"):
        import_bundle(junk, tmp_path / "a")
    bundle = _bundle(tmp_path, GOOD, {"kind": "ctct-ticket", "format": 1, "files": _listing(GOOD)})
    (tmp_path / "busy").mkdir()
    (tmp_path / "busy" / "mine.txt").write_text("keep me")
    with pytest.raises(TicketError, match="not empty"):
        import_bundle(bundle, tmp_path / "busy")
    assert (tmp_path / "busy" / "mine.txt").read_text() == "keep me"
    assert import_bundle(bundle, tmp_path / "fresh").id == "x"


def test_export_refuses_a_target_inside_the_ticket_folder(tmp_path: Path) -> None:
    """A bundle written inside the ticket would be packed into the next bundle (and kept, with the
    customer's data, wherever the folder is kept): refused before anything is written."""
    folder = CASES["T5"](tmp_path / "T5")
    before = sorted(p.relative_to(folder) for p in folder.rglob("*"))
    for target in (folder / "T5.ctct-ticket.zip", folder / "exchanges" / "T5.ctct-ticket.zip"):
        with pytest.raises(TicketError, match="outside the ticket folder"):
            export_bundle(folder, target)
    assert sorted(p.relative_to(folder) for p in folder.rglob("*")) == before
    assert export_bundle(folder, tmp_path / "T5.ctct-ticket.zip").path.is_file()
