"""The current-request document on the real Workbench: dirty marker, Ctrl+S, Save as, close asks,
draft autosave and recovery (also after the process is killed), following renames and deletes."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from PySide6 import QtCore, QtWidgets

from ctct_desktop.core.models import Auth, AuthKind, BodyKind, RequestModel
from ctct_desktop.resources import resource_path
from ctct_desktop.store.collection import create_collection
from ctct_desktop.store.collection_ops import new_folder, new_request
from ctct_desktop.store.drafts import DraftStore
from ctct_desktop.core.paths import app_dirs
from ctct_desktop.store.request_file import load_request
from ctct_desktop.ui.documents import dialogs as documents_dialogs
from ctct_desktop.ui.collections_view.dialogs import SaveAsChoice
from ctct_desktop.ui.documents.model import comparable, secrets_note

CTRL = QtCore.Qt.KeyboardModifier.ControlModifier
SHIFT = QtCore.Qt.KeyboardModifier.ShiftModifier
Button = QtWidgets.QMessageBox.StandardButton
REPO = Path(__file__).resolve().parents[2]


@dataclass
class Env:
    bench: object
    panel: object
    drafts: DraftStore
    controller: object
    root: Path

    @property
    def editor(self):  # type: ignore[no-untyped-def]
        return self.bench.window.request_editor  # type: ignore[attr-defined]

    @property
    def title(self) -> str:
        """The title as the user reads it: Qt puts '*' at "[*]" while the window is modified."""
        window = self.bench.window  # type: ignore[attr-defined]
        return str(window.windowTitle()).replace("[*]", "*" if window.isWindowModified() else "")

    @property
    def activity(self) -> str:
        return str(self.bench.window.activity_label.text())  # type: ignore[attr-defined]


@pytest.fixture
def collection(tmp_path: Path) -> Path:
    root = (tmp_path / "shop").resolve()
    root.mkdir()
    create_collection(root, "Shop")
    contacts = new_folder(root, "Contacts")
    new_request(contacts, "Get contacts", RequestModel(method="GET", url="{{base_url}}/contacts"), "All of them.")
    new_request(contacts, "Create contact", RequestModel(method="POST", url="{{base_url}}/contacts",
                                                         body="<entry/>", body_kind=BodyKind.XML))
    return root


def _build(qtbot, collection: Path | None, autosave_ms: int = 100) -> Env:  # type: ignore[no-untyped-def]
    """The real Workbench, with its own collections panel and document controller."""
    from ctct_desktop.app import Workbench, create_application

    create_application()
    bench = Workbench(start_sandbox=False)
    qtbot.addWidget(bench.window)
    panel = bench.saved_work.collections
    bench.window.show()
    qtbot.waitExposed(bench.window)
    if collection is not None:
        assert panel.add_collection(collection)
    qtbot.waitUntil(lambda: not panel.busy and (collection is None or panel.collection(collection) is not None),
                    timeout=10_000)
    controller = bench.documents
    controller.set_autosave_ms(autosave_ms)
    return Env(bench, panel, controller.drafts, controller, collection or app_dirs().drafts)


@pytest.fixture
def env(qtbot, tmp_path: Path, collection: Path) -> Iterator[Env]:  # type: ignore[no-untyped-def]
    built = _build(qtbot, collection)
    yield built
    built.bench.shutdown()  # type: ignore[attr-defined]
    assert QtCore.QThreadPool.globalInstance().waitForDone(10_000)


def _get_contacts(root: Path) -> Path:
    return root / "Contacts" / "Get contacts.ctct.toml"


def _open(env: Env, path: Path) -> None:
    env.panel.request_opened.emit(load_request(path))  # type: ignore[attr-defined]


def _answer_box(monkeypatch: pytest.MonkeyPatch, button: Button) -> list[str]:
    asked: list[str] = []

    def fake_exec(box: QtWidgets.QMessageBox) -> int:
        asked.append(box.text())
        return int(button.value)

    monkeypatch.setattr(QtWidgets.QMessageBox, "exec", fake_exec)
    return asked


# ---------------------------------------------------------------- pure parts

def test_secrets_note_names_each_left_out_secret() -> None:
    one = RequestModel(auth=Auth(AuthKind.BASIC, username="u", password="hunter2"))
    assert secrets_note(one) == "The password was not saved to the file; use {{password}} or an account."
    two = RequestModel(auth=Auth(AuthKind.CTCT_BASIC, username="u", password="p", api_key="k"))
    assert secrets_note(two) == ("The password and the API key were not saved to the file; use {{password}}, "
                                 "{{api_key}} or an account.")
    referenced = RequestModel(auth=Auth(AuthKind.BASIC, username="u", password="{{password}}"))
    assert secrets_note(referenced) == ""
    assert "URI" in secrets_note(RequestModel(url="https://x.test/v2/contacts?api_key=abc123"))


def test_comparable_ignores_literal_secrets_but_not_references() -> None:
    base = RequestModel(auth=Auth(AuthKind.BASIC, username="u"))
    assert comparable(base) == comparable(base.with_changes(auth=Auth(AuthKind.BASIC, username="u", password="x")))
    with_reference = base.with_changes(auth=Auth(AuthKind.BASIC, username="u", password="{{password}}"))
    assert comparable(base) != comparable(with_reference)


# ---------------------------------------------------------------- open, dirty, save

def test_edit_marks_title_and_ctrl_s_writes_the_file(qtbot, env: Env) -> None:  # type: ignore[no-untyped-def]
    path = _get_contacts(env.root)
    _open(env, path)
    assert env.title == "Get contacts — CTCT Desktop"
    assert env.editor.url.text() == "{{base_url}}/contacts"
    with qtbot.waitSignal(env.controller.dirty_changed, timeout=2000) as blocker:  # type: ignore[attr-defined]
        qtbot.keyClicks(env.editor.url, "?limit=5")
    assert blocker.args == [True]
    assert env.title == "Get contacts* — CTCT Desktop"
    env.bench.window.activateWindow()  # type: ignore[attr-defined]
    qtbot.keyClick(env.editor.url, QtCore.Qt.Key.Key_S, CTRL)
    saved = load_request(path)
    assert saved.request.url == "{{base_url}}/contacts?limit=5"
    assert saved.description == "All of them."
    assert env.title == "Get contacts — CTCT Desktop"
    assert env.controller.dirty is False  # type: ignore[attr-defined]
    assert "Saved “Get contacts”" in env.activity
    assert not env.drafts.path_of("current").exists()


def test_literal_password_is_left_out_and_is_not_an_unsaved_change(qtbot, env: Env) -> None:  # type: ignore[no-untyped-def]
    path = _get_contacts(env.root)
    _open(env, path)
    model = env.editor.to_model().with_changes(auth=Auth(AuthKind.BASIC, username="joe", password="hunter2"))
    env.editor.set_model(model)
    assert "*" in env.title
    assert env.controller.save() is True  # type: ignore[attr-defined]
    text = path.read_text(encoding="utf-8")
    assert "hunter2" not in text and 'username = "joe"' in text
    assert "The password was not saved to the file; use {{password}} or an account." in env.activity
    assert env.editor.auth.to_auth().password == "hunter2"  # the editor keeps what the user typed
    assert "*" not in env.title
    env.editor.auth.password.clear()
    qtbot.keyClicks(env.editor.auth.password, "another")
    assert "*" not in env.title


def test_template_saves_as_a_copy(qtbot, env: Env, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    template = resource_path("templates") / "v1" / "Lists" / "Get all lists.ctct.toml"
    before = template.read_bytes()
    _open(env, template)
    assert env.controller.document.read_only  # type: ignore[attr-defined]
    offered: list[list[Path]] = []
    taken_warnings: list[str] = []
    answers = iter([SaveAsChoice(env.root / "Contacts", "Get contacts"), SaveAsChoice(env.root, "My lists")])

    def choose(_parent, destinations, name):  # type: ignore[no-untyped-def]
        offered.append([d.folder for d in destinations])
        return next(answers)

    monkeypatch.setattr(documents_dialogs, "ask_save_target", choose)
    monkeypatch.setattr(documents_dialogs, "tell", lambda _p, _t, text: taken_warnings.append(text))
    qtbot.keyClicks(env.editor.url, "?x=1")
    env.bench.window.activateWindow()  # type: ignore[attr-defined]
    qtbot.keyClick(env.editor.url, QtCore.Qt.Key.Key_S, CTRL)
    copy = env.root / "My lists.ctct.toml"
    assert copy.is_file() and load_request(copy).request.url.endswith("?x=1")
    assert template.read_bytes() == before
    assert set(offered[0]) == {env.root, env.root / "Contacts"}
    assert taken_warnings and "already exists" in taken_warnings[0]
    assert env.controller.document.path == copy.resolve()  # type: ignore[attr-defined]
    assert env.controller.document.read_only is False  # type: ignore[attr-defined]
    assert env.title == "My lists — CTCT Desktop"


def test_new_request_without_a_collection_offers_to_create_one(qtbot, tmp_path: Path,  # type: ignore[no-untyped-def]
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    built = _build(qtbot, None)
    try:
        built.bench.window.activateWindow()  # type: ignore[attr-defined]
        qtbot.keyClick(built.editor.url, QtCore.Qt.Key.Key_N, CTRL)
        assert built.title == "New request — CTCT Desktop"
        qtbot.keyClicks(built.editor.url, "http://127.0.0.1:9/ping")
        assert built.title == "New request* — CTCT Desktop"
        folder = tmp_path / "mine"
        monkeypatch.setattr(documents_dialogs, "ask_new_collection", lambda _p: (folder, "Mine"))
        monkeypatch.setattr(documents_dialogs, "ask_save_target",
                            lambda _p, dests, name: SaveAsChoice(dests[0].folder, name))
        assert built.controller.save() is True  # type: ignore[attr-defined]
        saved = folder / "New request.ctct.toml"
        assert load_request(saved).request.url == "http://127.0.0.1:9/ping"
        assert (folder / "collection.toml").is_file()
        assert built.title == "New request — CTCT Desktop"
    finally:
        built.bench.shutdown()  # type: ignore[attr-defined]
        QtCore.QThreadPool.globalInstance().waitForDone(10_000)


# ---------------------------------------------------------------- asking before losing changes

def test_close_with_unsaved_changes_asks(qtbot, env: Env, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    path = _get_contacts(env.root)
    _open(env, path)
    qtbot.keyClicks(env.editor.url, "/7")
    asked = _answer_box(monkeypatch, Button.Cancel)
    assert env.controller.confirm_close() is False  # type: ignore[attr-defined]
    assert asked and "Get contacts" in asked[0]
    assert "*" in env.title
    _answer_box(monkeypatch, Button.Discard)
    assert env.controller.confirm_close() is True  # type: ignore[attr-defined]
    assert load_request(path).request.url == "{{base_url}}/contacts"  # the file is untouched
    assert env.editor.url.text() == "{{base_url}}/contacts"  # and the next start reopens it as it is
    qtbot.keyClicks(env.editor.url, "/8")
    _answer_box(monkeypatch, Button.Save)
    assert env.controller.confirm_close() is True  # type: ignore[attr-defined]
    assert load_request(path).request.url == "{{base_url}}/contacts/8"


def test_opening_another_request_opens_a_tab_and_keeps_the_edits(qtbot, env: Env,  # type: ignore[no-untyped-def]
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    _open(env, _get_contacts(env.root))
    qtbot.keyClicks(env.editor.url, "/9")
    asked = _answer_box(monkeypatch, Button.Cancel)
    _open(env, env.root / "Contacts" / "Create contact.ctct.toml")
    assert asked == []  # nothing to lose: the edited request keeps its own tab
    assert env.title == "Create contact — CTCT Desktop"
    assert env.editor.to_model().method == "POST"
    bar = env.controller.bar  # type: ignore[attr-defined]
    assert [bar.tabText(i) for i in range(bar.count())] == ["Get contacts •", "Create contact"]
    bar.setCurrentIndex(0)
    assert env.title == "Get contacts* — CTCT Desktop"
    assert env.editor.url.text().endswith("/9")
    assert load_request(_get_contacts(env.root)).request.url == "{{base_url}}/contacts"


# ---------------------------------------------------------------- drafts

def _wait_for_draft(qtbot, drafts: DraftStore, text: str) -> str:  # type: ignore[no-untyped-def]
    target = drafts.path_of("current")
    qtbot.waitUntil(lambda: target.is_file() and text in target.read_text(encoding="utf-8"), timeout=5000)
    return target.read_text(encoding="utf-8")


def test_autosaved_draft_is_recovered_by_a_new_controller(qtbot, env: Env, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    _open(env, _get_contacts(env.root))
    env.editor.set_model(env.editor.to_model().with_changes(
        url="{{base_url}}/contacts?status=ACTIVE", auth=Auth(AuthKind.BASIC, username="joe", password="hunter2")))
    draft_text = _wait_for_draft(qtbot, env.drafts, "status=ACTIVE")
    assert "hunter2" not in draft_text
    second = _build(qtbot, env.root)
    try:
        assert second.bench.recovered is True  # the app recovers at start  # type: ignore[attr-defined]
        assert second.editor.url.text() == "{{base_url}}/contacts?status=ACTIVE"
        assert second.title == "Get contacts* — CTCT Desktop"
        assert "Recovered unsaved changes to “Get contacts”" in second.activity
        assert second.controller.document.path == _get_contacts(env.root)  # type: ignore[attr-defined]
        assert second.controller.save() is True  # type: ignore[attr-defined]
        assert not second.drafts.path_of("current").exists()
    finally:
        second.bench.shutdown()  # type: ignore[attr-defined]


def test_draft_equal_to_its_file_just_reopens_it(qtbot, env: Env, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    _open(env, _get_contacts(env.root))
    assert env.controller.confirm_close() is True  # type: ignore[attr-defined]
    second = _build(qtbot, env.root)
    try:
        assert second.bench.recovered is True  # the app recovers at start  # type: ignore[attr-defined]
        assert second.title == "Get contacts — CTCT Desktop"
        assert "Reopened" in second.activity
    finally:
        second.bench.shutdown()  # type: ignore[attr-defined]


CHILD = r"""
import sys
from pathlib import Path
from PySide6 import QtCore
from PySide6.QtTest import QTest
from ctct_desktop.app import Workbench, create_application
from ctct_desktop.store.request_file import load_request

app = create_application()
bench = Workbench(start_sandbox=False)
bench.window.show()
controller = bench.documents
controller.set_autosave_ms(100)
controller.open(load_request(Path(sys.argv[2])))
QTest.keyClicks(bench.window.request_editor.url, sys.argv[3])
print("edited", flush=True)
QtCore.QTimer.singleShot(60_000, app.quit)  # a safety net; the test kills the process long before
app.exec()
"""


def test_killed_process_loses_no_edit(qtbot, env: Env, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = _get_contacts(env.root)
    drafts_dir = app_dirs().drafts  # the child shares this test's app home (CTCT_DESKTOP_HOME)
    child_env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    child = subprocess.Popen([sys.executable, "-c", CHILD, str(drafts_dir), str(path), "?killed=yes"],
                             cwd=REPO, env=child_env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    draft = DraftStore(drafts_dir).path_of("current")
    try:
        deadline = time.monotonic() + 60
        while not (draft.is_file() and "killed=yes" in draft.read_text(encoding="utf-8")):
            assert child.poll() is None, child.stderr.read().decode(errors="replace")  # type: ignore[union-attr]
            assert time.monotonic() < deadline, "the child never wrote its draft"
            time.sleep(0.1)
        child.send_signal(signal.SIGKILL)
        assert child.wait(timeout=10) == -signal.SIGKILL
    finally:
        if child.poll() is None:
            child.kill()
            child.wait(timeout=10)
        child.stdout.close()  # type: ignore[union-attr]
        child.stderr.close()  # type: ignore[union-attr]
    survivor = _build(qtbot, env.root)
    try:
        assert survivor.bench.recovered is True  # the app recovers at start  # type: ignore[attr-defined]
        assert survivor.editor.url.text() == "{{base_url}}/contacts?killed=yes"
        assert survivor.title == "Get contacts* — CTCT Desktop"
        assert load_request(path).request.url == "{{base_url}}/contacts"  # the file was never touched
    finally:
        survivor.bench.shutdown()  # type: ignore[attr-defined]


# ---------------------------------------------------------------- following the file

def test_rename_in_the_panel_is_followed(qtbot, env: Env) -> None:  # type: ignore[no-untyped-def]
    path = _get_contacts(env.root)
    _open(env, path)
    renamed = env.panel.commands.rename(path, "Fetch contacts")  # type: ignore[attr-defined]
    assert renamed is not None and renamed.is_file()
    assert env.controller.document.path == renamed.resolve()  # type: ignore[attr-defined]
    assert env.title == "Fetch contacts — CTCT Desktop"
    qtbot.keyClicks(env.editor.url, "?after=rename")
    assert env.controller.save() is True  # type: ignore[attr-defined]
    assert load_request(renamed).request.url.endswith("?after=rename")
    assert not path.exists()


def test_moving_the_folder_is_followed_and_deleting_keeps_the_content(qtbot, env: Env) -> None:  # type: ignore[no-untyped-def]
    path = _get_contacts(env.root)
    _open(env, path)
    folder = env.panel.commands.rename(env.root / "Contacts", "People")  # type: ignore[attr-defined]
    moved = folder / "Get contacts.ctct.toml"
    assert env.controller.document.path == moved.resolve()  # type: ignore[attr-defined]
    assert env.title == "Get contacts — CTCT Desktop"
    assert env.panel.commands.delete(moved, confirm=False) is not None  # type: ignore[attr-defined]
    assert env.controller.document.path is None  # type: ignore[attr-defined]
    assert env.title == "Get contacts* — CTCT Desktop"
    assert env.editor.url.text() == "{{base_url}}/contacts"


def test_hostile_drafts_never_raise(qtbot, env: Env) -> None:  # type: ignore[no-untyped-def]
    env.drafts.folder.mkdir(parents=True, exist_ok=True)
    env.drafts.path_of("current").write_text("{not json", encoding="utf-8")
    assert env.controller.recover() is False  # type: ignore[attr-defined]
    assert "could not be read" in env.activity
    env.drafts.save("current", RequestModel(url="http://127.0.0.1:9/lost"), {"path": "/no\x00where", "name": "Lost"})
    assert env.controller.recover() is True  # type: ignore[attr-defined]
    assert env.title == "Lost* — CTCT Desktop"
    assert env.editor.url.text() == "http://127.0.0.1:9/lost"
    assert env.controller.document.path is None  # type: ignore[attr-defined]
