"""window-state.json keeps only layout; an old file's draft goes to the draft store, once."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from ctct_desktop.core.models import Auth, AuthKind, BodyKind, Header, RequestModel
from ctct_desktop.store.drafts import DraftStore
from ctct_desktop.core.paths import app_dirs
from ctct_desktop.ui.window_state import FILE_NAME, WindowState, WindowStateStore

# window-state.json exactly as the first release that wrote it (commit 4b9db82) did: format 1
# under "format_version", with the editor's request (its only copy then) and the sandbox address.
FIRST_RELEASE = """{
  "dock_state": "ZG9jaw==",
  "draft": {
    "auth": {
      "account": "",
      "kind": "ctct-basic",
      "username": "joe"
    },
    "body": "<entry xmlns=\\"http://www.w3.org/2005/Atom\\"/>",
    "body_kind": "xml",
    "follow_redirects": false,
    "headers": [
      {
        "enabled": true,
        "name": "Content-Type",
        "value": "application/atom+xml"
      },
      {
        "enabled": false,
        "name": "X-Off",
        "value": "1"
      }
    ],
    "method": "POST",
    "timeout_s": 30.0,
    "url": "http://127.0.0.1:8089/ws/customers/joe/contacts",
    "verify_tls": true
  },
  "extra": {},
  "format_version": 1,
  "geometry": "Z2Vv",
  "sandbox_base_url": "http://127.0.0.1:8089",
  "splitter": "c3BsaXQ="
}
"""

OLD_DRAFT = RequestModel(
    method="POST", url="http://127.0.0.1:8089/ws/customers/joe/contacts",
    headers=(Header("Content-Type", "application/atom+xml"), Header("X-Off", "1", False)),
    body='<entry xmlns="http://www.w3.org/2005/Atom"/>', body_kind=BodyKind.XML,
    auth=Auth(AuthKind.CTCT_BASIC, username="joe"))


@pytest.fixture
def drafts(tmp_path: Path) -> DraftStore:
    return DraftStore(tmp_path / "drafts")


def _store(tmp_path: Path, drafts: DraftStore, text: str | None = None) -> WindowStateStore:
    if text is not None:
        (tmp_path / FILE_NAME).write_text(text, encoding="utf-8")
    return WindowStateStore(tmp_path, drafts)


def test_the_first_releases_file_gives_its_layout_and_hands_its_draft_over_once(tmp_path: Path,
                                                                                  drafts: DraftStore) -> None:
    store = _store(tmp_path, drafts, FIRST_RELEASE)
    assert store.load() == WindowState(b"geo", b"dock", b"split")
    assert store.problems == []
    [draft] = drafts.load_all()
    assert draft.draft_id == "current" and draft.request == OLD_DRAFT
    assert draft.meta == {"path": "", "name": "New request", "description": "",
                          "sandbox_base_url": "http://127.0.0.1:8089"}
    rewritten = json.loads((tmp_path / FILE_NAME).read_text(encoding="utf-8"))
    assert rewritten == {"format": 2, "geometry": "Z2Vv", "dock_state": "ZG9jaw==", "splitter": "c3BsaXQ="}
    drafts.discard("current")  # the user discards the recovered draft: it must not come back
    assert store.load() == WindowState(b"geo", b"dock", b"split")
    assert drafts.load_all() == []


def test_a_newer_draft_in_the_draft_store_wins_over_the_old_files_copy(tmp_path: Path, drafts: DraftStore) -> None:
    newer = RequestModel(url="https://example.com/typed-later")
    drafts.save("current", newer, {"name": "Get contacts", "path": ""})
    assert _store(tmp_path, drafts, FIRST_RELEASE).load() == WindowState(b"geo", b"dock", b"split")
    [draft] = drafts.load_all()
    assert draft.request == newer and draft.meta["name"] == "Get contacts"
    assert "draft" not in json.loads((tmp_path / FILE_NAME).read_text(encoding="utf-8"))


def test_a_draft_store_that_cannot_take_the_draft_keeps_it_in_the_file(tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the drafts folder should be")
    store = _store(tmp_path, DraftStore(blocker / "drafts"), FIRST_RELEASE)
    assert store.load() == WindowState(b"geo", b"dock", b"split")
    assert "tried again on the next start" in store.problems[0]
    store.save(WindowState(b"new-geo"))  # the window closes: layout saved, the old draft still kept
    blocker.unlink()
    later = DraftStore(blocker / "drafts")
    assert WindowStateStore(tmp_path, later).load() == WindowState(b"new-geo")
    assert [d.request for d in later.load_all()] == [OLD_DRAFT]


def test_a_file_without_any_number_is_read_as_format_one(tmp_path: Path, drafts: DraftStore) -> None:
    store = _store(tmp_path, drafts, json.dumps({"geometry": "Z2Vv"}))
    assert store.load() == WindowState(b"geo") and drafts.load_all() == []


def test_an_old_key_with_a_number_never_written_is_refused(tmp_path: Path, drafts: DraftStore) -> None:
    store = _store(tmp_path, drafts, json.dumps({"format_version": 3, "geometry": "Z2Vv"}))
    assert store.load() is None
    assert "only 1 was ever written" in store.problems[0]


@pytest.mark.parametrize("text", ["{not json", "[]", '{"format": 2, "geometry": "***"}',
                                  '{"format": 2, "geometry": 5}', '{"format": 2, "splitter": null}'])
def test_a_damaged_file_means_the_default_layout(tmp_path: Path, drafts: DraftStore, text: str) -> None:
    store = _store(tmp_path, drafts, text)
    assert store.load() is None
    assert "the default layout is used" in store.problems[0]


def test_round_trip_writes_layout_only_under_format(tmp_path: Path, drafts: DraftStore) -> None:
    store = _store(tmp_path, drafts)
    state = WindowState(b"\x00\x01geometry", b"docks\xff", b"")
    store.save(state)
    data = json.loads((tmp_path / FILE_NAME).read_text(encoding="utf-8"))
    assert list(data) == ["format", "geometry", "dock_state", "splitter"] and data["format"] == 2
    assert store.load() == state and store.problems == []


def test_the_app_recovers_an_old_files_draft_into_the_editor(qtbot) -> None:  # type: ignore[no-untyped-def]
    from ctct_desktop.app import Workbench, create_application

    create_application()
    path = app_dirs().config / FILE_NAME
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(FIRST_RELEASE, encoding="utf-8")
    bench = Workbench(start_sandbox=False)
    qtbot.addWidget(bench.window)
    try:
        assert bench.saved is not None and bench.recovered is True
        assert bench.window.request_editor.to_model().url == OLD_DRAFT.url
        assert bench.documents.draft_sandbox_url == "http://127.0.0.1:8089"
        assert "Recovered unsaved changes to “New request”" in bench.window.activity_label.text()
    finally:
        bench.shutdown()
