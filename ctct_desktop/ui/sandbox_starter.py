"""Start the embedded sandbox off the UI thread and report with typed signals.

The sandbox is another package; if it is missing or fails to start, the window still works and
the user is told why in plain words.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6 import QtCore

from ctct_desktop.ui.workers import start_task

if TYPE_CHECKING:
    from ctct_desktop.sandbox.server import SandboxServer


@dataclass(frozen=True)
class SandboxInfo:
    base_url: str
    account_url: str
    variables: dict[str, str] = field(default_factory=dict)
    username: str = ""
    api_key: str = ""
    password: str = ""
    notice: str = ""  # what start-up repaired (a damaged database set aside), for the window to say


@dataclass(frozen=True)
class _Running:
    """What the worker hands back when the server is up."""

    server: SandboxServer
    info: SandboxInfo


def _start_server(data_dir: Path) -> _Running | str:
    """Runs in a worker; returns the running server or a plain-language reason."""
    try:
        from ctct_desktop.core import sandbox_demo as demo
        from ctct_desktop.sandbox.server import SandboxServer
    except ImportError as exc:
        return f"The local sandbox is not available in this installation ({exc.name or exc})."
    try:
        server = SandboxServer(data_dir=data_dir, port=0)
        server.start()
    except Exception as exc:  # any start-up problem becomes a message, never a crash
        return f"The local sandbox could not start: {exc}"
    try:
        from ctct_desktop.store.builtin_environments import sandbox_variables

        variables = sandbox_variables(server.base_url)
    except Exception:  # variables are a convenience; the sandbox itself works without them
        variables = {}
    return _Running(server, SandboxInfo(server.base_url, server.account_url, variables,
                                        demo.DEMO_USERNAME, demo.DEMO_API_KEY, demo.DEMO_PASSWORD,
                                        server.start_notice or ""))


class SandboxStarter(QtCore.QObject):
    """``started(SandboxInfo)`` or ``failed(str)``; ``stop()`` shuts the server down (idempotent)."""

    started = QtCore.Signal(SandboxInfo)
    failed = QtCore.Signal(str)

    def __init__(self, data_dir: Path, parent: QtCore.QObject | None = None) -> None:
        super().__init__(parent)
        self._data_dir = data_dir
        self._server: SandboxServer | None = None
        self._stopping = False
        self.info: SandboxInfo | None = None

    def start(self) -> None:
        start_task(lambda _p: _start_server(self._data_dir), self._on_result,
                   lambda message: self.failed.emit(f"The local sandbox could not start: {message}"), owner=self)

    def _on_result(self, result: _Running | str) -> None:
        if isinstance(result, str):
            self.failed.emit(result)
            return
        self._server, self.info = result.server, result.info
        if self._stopping:  # the window closed while the sandbox was starting
            self.stop()
            return
        self.started.emit(self.info)

    def stop(self) -> None:
        self._stopping = True
        server, self._server = self._server, None
        if server is not None:
            try:
                server.stop()
            except Exception:  # shutting down: nothing useful to tell the user any more
                pass
