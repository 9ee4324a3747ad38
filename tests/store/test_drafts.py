"""Drafts: autosave without secrets, references kept, damaged files reported, not fatal."""

from __future__ import annotations

import json
import os
import time
from pathlib import Path

import pytest

from ctct_desktop.core.models import Auth, AuthKind, BodyKind, Header, RequestModel
from ctct_desktop.core.redaction import MASK
from ctct_desktop.store.drafts import Draft, DraftError, DraftStore, safe_request
from ctct_desktop.core.paths import app_dirs

SECRET = "s3cret-Passw0rd"


@pytest.fixture
def store(tmp_path: Path) -> DraftStore:
    return DraftStore(tmp_path / "drafts")


def _request(**changes: object) -> RequestModel:
    base = RequestModel(method="PUT", url="{{base_url}}/contacts/{{contact_id}}",
                        headers=(Header("Content-Type", "application/atom+xml"),),
                        body="<entry><title>{{title}}</title></entry>", body_kind=BodyKind.XML)
    return base.with_changes(**changes)


def test_save_and_load_round_trip(store: DraftStore) -> None:
    request = _request()
    saved = store.save("tab-1", request, {"file": "v1/Contacts/Update.ctct.toml", "title": "Update"})
    assert saved.request == request
    [draft] = store.load_all()
    assert draft == Draft("tab-1", request, {"file": "v1/Contacts/Update.ctct.toml", "title": "Update"},
                          saved.saved_at)
    assert draft.saved_at.endswith("Z") and store.problems == []


def test_saving_again_replaces_and_discard_removes(store: DraftStore) -> None:
    store.save("tab-1", _request(body="first"), {})
    store.save("tab-1", _request(body="second"), {})
    assert [d.request.body for d in store.load_all()] == ["second"]
    assert store.discard("tab-1") is True and store.discard("tab-1") is False
    assert store.load_all() == []


def test_load_all_orders_by_save_time(store: DraftStore) -> None:
    for name in ("b", "a", "c"):
        store.save(name, _request(), {})
        time.sleep(0.002)
    assert [d.draft_id for d in store.load_all()] == ["b", "a", "c"]


def test_no_secret_is_written(store: DraftStore) -> None:
    request = _request(
        url=f"http://127.0.0.1/x?api_key={SECRET}",
        headers=(Header("Authorization", "Bearer " + SECRET), Header("X-Note", f"pw {SECRET}")),
        body=f"password={SECRET}&email=a@example.com",
        auth=Auth(AuthKind.CTCT_BASIC, username="joe", password=SECRET, api_key="key-" + SECRET),
    )
    store.save("tab-1", request, {})
    text = store.path_of("tab-1").read_text(encoding="utf-8")
    assert SECRET not in text and "key-" not in text
    [draft] = store.load_all()
    assert draft.request.auth.password == "" and draft.request.auth.username == "joe"
    assert MASK in draft.request.url and MASK in draft.request.body
    assert draft.request.header("Authorization") == f"Bearer {MASK}"


def test_variable_references_are_kept_everywhere() -> None:
    request = _request(
        url="{{base}}/contacts?api_key={{api_key}}&access_token={{token}}&x=1",
        headers=(Header("Authorization", "Bearer {{token}}"), Header("X-Api-Key", "{{api_key}}"),
                 Header("X-Mixed", f"{{{{a}}}} {SECRET}")),
        body='{"client_secret": "{{client_secret}}", "password": "plain-pw-1", "code": "{{code}}"}',
        auth=Auth(AuthKind.CTCT_BASIC, username="{{user}}", password="{{ password }}", api_key="{{api_key}}"),
    )
    safe = safe_request(request)
    assert safe.url == request.url
    assert safe.headers[:2] == request.headers[:2]
    assert safe.headers[2].value == "{{a}} " + SECRET  # not known as a secret here: left as typed
    assert safe.body == f'{{"client_secret": "{{{{client_secret}}}}", "password": "{MASK}", "code": "{{{{code}}}}"}}'
    assert safe.auth == request.auth


def test_a_known_secret_before_a_reference_in_a_header_is_masked() -> None:
    request = _request(headers=(Header("Authorization", f"{SECRET} {{{{t}}}}"), Header("X-Key", f"{SECRET} {{{{t}}}}")),
                       auth=Auth(AuthKind.BASIC, username="joe", password=SECRET))
    safe = safe_request(request)
    assert all(SECRET not in h.value for h in safe.headers)
    cookie = safe_request(_request(headers=(Header("Cookie", "sid=abc123; theme=dark"),))).headers[0]
    assert cookie.value == MASK


def test_a_secret_inside_a_mixed_auth_value_is_not_kept() -> None:
    request = _request(auth=Auth(AuthKind.BASIC, username="joe", password=f"{{{{pw}}}}{SECRET}"),
                       body=f"echo {{{{pw}}}}{SECRET}")
    safe = safe_request(request)
    assert safe.auth.password == "" and SECRET not in safe.body


@pytest.mark.parametrize("bad", ["", "../escape", "a/b", ".hidden", "x" * 200, "name.tmp", "sp ace"])
def test_bad_draft_ids_are_refused(store: DraftStore, bad: str) -> None:
    with pytest.raises(DraftError, match="draft id"):
        store.save(bad, _request(), {})


def test_bad_meta_is_refused(store: DraftStore) -> None:
    with pytest.raises(DraftError, match="meta"):
        store.save("tab", _request(), {"n": 1})  # type: ignore[dict-item]


@pytest.mark.parametrize(
    "content",
    [b"", b"{", b"\xff\xfe", b"[]", b'{"format": 99}', b'{"format": 1, "draft_id": "x", "request": {"method": 3}}',
     b'{"format": 1, "draft_id": "x", "meta": {"a": 1}}', b'{"format": true, "draft_id": "x"}'],
)
def test_damaged_draft_files_are_reported_and_left_in_place(store: DraftStore, content: bytes) -> None:
    store.save("good", _request(), {})
    bad = store.folder / "bad.json"
    bad.write_bytes(content)
    assert [d.draft_id for d in store.load_all()] == ["good"]
    assert len(store.problems) == 1 and "bad.json" in store.problems[0]
    assert bad.read_bytes() == content


def test_stale_temp_files_from_a_crash_are_cleaned(store: DraftStore) -> None:
    store.save("tab", _request(), {})
    stale = store.folder / ".tab.json.abc123.tmp"
    fresh = store.folder / ".tab.json.def456.tmp"
    stale.write_text("{half")
    fresh.write_text("{half")
    old = time.time() - 3600
    os.utime(stale, (old, old))
    assert len(store.load_all()) == 1
    assert not stale.exists() and fresh.exists()


def test_missing_folder_means_no_drafts(tmp_path: Path) -> None:
    assert DraftStore(tmp_path / "nowhere").load_all() == []


def test_default_folder_from_app_dirs() -> None:
    store = DraftStore(app_dirs().drafts)
    store.save("tab", _request(), {})
    assert (app_dirs().drafts / "tab.json").is_file()


def test_the_file_is_plain_json_with_a_format(store: DraftStore) -> None:
    store.save("tab", _request(), {"z": "1", "a": "2"})
    data = json.loads(store.path_of("tab").read_text())
    assert data["format"] == 1 and list(data["meta"]) == ["a", "z"]
    assert data["request"]["url"] == "{{base_url}}/contacts/{{contact_id}}"


# A draft file exactly as the first release (commit 4348f5c) wrote it: format 1.
FIRST_RELEASE_DRAFT = """{
  "format": 1,
  "draft_id": "current",
  "saved_at": "2026-12-01T22:11:36.899Z",
  "meta": {
    "name": "New request",
    "path": ""
  },
  "request": {
    "method": "POST",
    "url": "http://127.0.0.1:8089/ws/customers/joe/contacts",
    "headers": [
      {
        "name": "Content-Type",
        "value": "application/atom+xml",
        "enabled": true
      },
      {
        "name": "X-Off",
        "value": "1",
        "enabled": false
      }
    ],
    "body_kind": "xml",
    "body": "<entry xmlns=\\"http://www.w3.org/2005/Atom\\"/>",
    "auth": {
      "kind": "ctct-basic",
      "username": "joe",
      "password": "",
      "api_key": "",
      "token": "",
      "account": ""
    },
    "timeout_s": 30.0,
    "verify_tls": true,
    "follow_redirects": false
  }
}
"""


def test_the_first_releases_draft_reads_and_writes_back_the_same(store: DraftStore) -> None:
    from ctct_desktop.store.drafts import draft_from_json, draft_to_json

    store.folder.mkdir(parents=True, exist_ok=True)
    (store.folder / "current.json").write_text(FIRST_RELEASE_DRAFT, encoding="utf-8")
    [draft] = store.load_all()
    assert store.problems == []
    assert (draft.draft_id, draft.saved_at, draft.meta) == ("current", "2026-12-01T22:11:36.899Z",
                                                            {"name": "New request", "path": ""})
    assert draft.request.headers == (Header("Content-Type", "application/atom+xml"), Header("X-Off", "1", False))
    assert draft.request.auth == Auth(AuthKind.CTCT_BASIC, username="joe")
    assert draft_to_json(draft) == FIRST_RELEASE_DRAFT
    assert draft_from_json(draft_to_json(draft)) == draft


def test_an_unversioned_draft_is_format_zero_and_reads(store: DraftStore) -> None:
    """Version 0, the oldest: hand-written without the number (the v0 step stamps it)."""
    from ctct_desktop.store.drafts import draft_from_json

    draft = draft_from_json('{"draft_id": "x", "request": {"method": "GET", "url": "https://h/"}}')
    assert (draft.draft_id, draft.request.url, draft.meta) == ("x", "https://h/", {})
