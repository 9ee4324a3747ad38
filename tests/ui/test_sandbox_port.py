"""The embedded sandbox keeps its port across launches; only a taken port moves it, and the window
says so and points the recovered draft at the new address."""

from __future__ import annotations

import json
import socket
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from ctct_desktop.core.paths import app_dirs
from ctct_desktop.ui.sandbox_starter import _Running, _start_server


def _started(data_dir: Path, port_file: Path) -> _Running:
    result = _start_server(data_dir, port_file)
    assert isinstance(result, _Running), result
    return result


@contextmanager
def _holding(port: int) -> Iterator[socket.socket]:
    """Another program listening on ``port`` (the first window's sandbox, say)."""
    with socket.socket() as holder:
        holder.bind(("127.0.0.1", port))
        holder.listen()
        yield holder


def _remembered(port_file: Path) -> int:
    return int(json.loads(port_file.read_text(encoding="utf-8"))["port"])


def test_the_second_launch_binds_the_same_port(tmp_path: Path) -> None:
    port_file = tmp_path / "sandbox-port.json"
    first = _started(tmp_path / "sandbox", port_file)
    port = first.server.port
    first.server.stop()
    assert _remembered(port_file) == port
    second = _started(tmp_path / "sandbox", port_file)
    try:
        assert second.server.port == port
        assert second.info.base_url == f"http://127.0.0.1:{port}"
        assert second.info.notice == ""
    finally:
        second.server.stop()


def test_a_taken_port_moves_the_sandbox_remembers_the_new_one_and_says_so(tmp_path: Path) -> None:
    port_file = tmp_path / "sandbox-port.json"
    first = _started(tmp_path / "sandbox", port_file)
    old = first.server.port
    first.server.stop()
    with _holding(old):
        moved = _started(tmp_path / "sandbox", port_file)
    try:
        new = moved.server.port
        assert new != old and _remembered(port_file) == new
        assert moved.info.notice == (f"Port {old}, used last time, is taken by another program, so the sandbox "
                                     f"now listens on port {new} and will keep it; requests that name the old "
                                     "address need it changed.")
    finally:
        moved.server.stop()


def test_an_unreadable_port_file_is_said_and_replaced(tmp_path: Path) -> None:
    port_file = tmp_path / "sandbox-port.json"
    port_file.write_text("{not json", encoding="utf-8")
    running = _started(tmp_path / "sandbox", port_file)
    try:
        assert running.info.notice == "The port could not be remembered: the sandbox port file is not valid JSON."
        assert _remembered(port_file) == running.server.port
    finally:
        running.server.stop()


def test_the_window_says_the_port_moved_and_the_draft_follows(qtbot) -> None:
    from ctct_desktop.app import Workbench, create_application

    create_application()
    first = Workbench(start_sandbox=True)
    qtbot.addWidget(first.window)
    first.window.show()  # services, the sandbox among them, start after the first paint
    qtbot.waitUntil(lambda: first.sandbox.info is not None, timeout=20000)
    old = first.sandbox.info
    editor = first.window.request_editor
    editor.set_model(editor.to_model().with_changes(url=old.account_url + "/lists"))
    assert first.documents.write_draft()
    first.shutdown()
    old_port = int(old.base_url.rsplit(":", 1)[1])
    assert _remembered(app_dirs().sandbox_port_file) == old_port
    with _holding(old_port):  # a second window's sandbox, say
        second = Workbench(start_sandbox=True)
        qtbot.addWidget(second.window)
        second.window.show()
        qtbot.waitUntil(lambda: second.sandbox.info is not None, timeout=20000)
    try:
        info = second.sandbox.info
        assert info.base_url != old.base_url
        new_port = int(info.base_url.rsplit(":", 1)[1])
        assert _remembered(app_dirs().sandbox_port_file) == new_port
        activity = second.window.activity_label.text()
        assert f"Sandbox (local) at {info.base_url}" in activity
        assert f"Port {old_port}, used last time, is taken by another program" in activity
        assert second.window.request_editor.to_model().url == info.account_url + "/lists"
        assert second.saved_work.variables()["base_url"] == info.account_url  # "Sandbox (local)" follows
    finally:
        second.shutdown()


def test_a_relaunched_window_finds_its_sandbox_at_the_same_address(qtbot) -> None:
    """What history entries and drafts hold stays valid: same base URL, nothing to announce."""
    from ctct_desktop.app import Workbench, create_application

    create_application()
    first = Workbench(start_sandbox=True)
    qtbot.addWidget(first.window)
    first.window.show()  # services, the sandbox among them, start after the first paint
    qtbot.waitUntil(lambda: first.sandbox.info is not None, timeout=20000)
    before = first.sandbox.info.base_url
    first.window.close()
    first.shutdown()
    second = Workbench(start_sandbox=True)
    qtbot.addWidget(second.window)
    second.window.show()
    qtbot.waitUntil(lambda: second.sandbox.info is not None, timeout=20000)
    try:
        assert second.sandbox.info.base_url == before
        assert second.window.activity_label.text() == f"Sandbox (local) at {before}"
    finally:
        second.shutdown()
