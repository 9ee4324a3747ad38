"""Start the embedded sandbox off the UI thread and report with typed signals.

The sandbox is another package; if it is missing or fails to start, the window still works and
the user is told why in plain words.
"""

from __future__ import annotations

import errno
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6 import QtCore

from ctct_desktop.store.sandbox_port import RememberedPort, load_port, save_port
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
    notice: str = ""  # sentences for the window to say: a port that moved, a damaged database set aside


@dataclass(frozen=True)
class _Running:
    """What the worker hands back when the server is up."""

    server: SandboxServer
    info: SandboxInfo


_TAKEN = (errno.EADDRINUSE, errno.EACCES, errno.EADDRNOTAVAIL)  # the port, not the sandbox, is the problem


def _start_server(data_dir: Path, port_file: Path | None = None) -> _Running | str:
    """Runs in a worker; returns the running server or a plain-language reason.

    With ``port_file`` the sandbox binds the port it had last time, so absolute sandbox addresses
    (history, drafts, built requests) stay valid; only when that port is taken does it take a
    free one, remember it, and say so."""
    try:
        from ctct_desktop.core import sandbox_demo as demo
        from ctct_desktop.sandbox.server import SandboxServer
    except ImportError as exc:
        return f"The local sandbox is not available in this installation ({exc.name or exc})."
    remembered = load_port(port_file) if port_file is not None else RememberedPort(None)
    notes = [_sentence(f"The port could not be remembered: {remembered.problem}")] if remembered.problem else []
    server = SandboxServer(data_dir=data_dir, port=remembered.port or 0)
    try:
        try:
            server.start()
        except OSError as exc:
            if remembered.port is None or exc.errno not in _TAKEN:
                raise
            server.port = 0
            server.start()
            notes.append(_moved(remembered.port, server.port, exc))
    except Exception as exc:  # any start-up problem becomes a message, never a crash
        return f"The local sandbox could not start: {exc}"
    if port_file is not None and server.port != remembered.port:
        try:
            save_port(port_file, server.port)
        except (OSError, ValueError) as exc:
            notes.append(f"Its port could not be remembered for the next launch ({exc}).")
    try:
        from ctct_desktop.store.builtin_environments import sandbox_variables

        variables = sandbox_variables(server.base_url)
    except Exception:  # variables are a convenience; the sandbox itself works without them
        variables = {}
    notes += [_sentence(server.start_notice)] if server.start_notice else []
    return _Running(server, SandboxInfo(server.base_url, server.account_url, variables,
                                        demo.DEMO_USERNAME, demo.DEMO_API_KEY, demo.DEMO_PASSWORD,
                                        " ".join(notes)))


def _moved(old: int, new: int, exc: OSError) -> str:
    why = "is taken by another program" if exc.errno == errno.EADDRINUSE else f"cannot be used ({exc.strerror})"
    return (f"Port {old}, used last time, {why}, so the sandbox now listens on port {new} and will "
            "keep it; requests that name the old address need it changed.")


def _sentence(text: str) -> str:
    text = text.strip()
    text = text[:1].upper() + text[1:]
    return text if text.endswith((".", "!", "?")) else text + "."


class SandboxStarter(QtCore.QObject):
    """``started(SandboxInfo)`` or ``failed(str)``; ``stop()`` shuts the server down (idempotent)."""

    started = QtCore.Signal(SandboxInfo)
    failed = QtCore.Signal(str)

    def __init__(self, data_dir: Path, port_file: Path | None = None,
                 parent: QtCore.QObject | None = None) -> None:
        super().__init__(parent)
        self._data_dir, self._port_file = data_dir, port_file
        self._server: SandboxServer | None = None
        self._stopping = False
        self.info: SandboxInfo | None = None

    def start(self) -> None:
        start_task(lambda _p: _start_server(self._data_dir, self._port_file), self._on_result,
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
