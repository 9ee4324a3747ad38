"""Sandbox lifecycle: open (or seed) the state, serve on a loopback port in a background thread,
announce the endpoint in ``endpoint.json``, and shut everything down cleanly."""

from __future__ import annotations

import json
import os
import threading
from collections.abc import Mapping
from pathlib import Path
from types import TracebackType

from ctct_desktop.core import sandbox_demo as demo
from ctct_desktop.sandbox.activities import ActivityWorker
from ctct_desktop.sandbox.app import SandboxApp
from ctct_desktop.sandbox.db import Database
from ctct_desktop.sandbox.db_recovery import open_state
from ctct_desktop.sandbox.faults import SandboxRequestHandler
from ctct_desktop.sandbox.quirks import Quirks
from ctct_desktop.core.atomic import write_atomic
from ctct_desktop.sandbox.serving import BoundedWSGIServer, PrefetchedInputHandler

DB_FILE = "sandbox.sqlite3"
IDLE_TIMEOUT_S = 30.0  # a connection that sends nothing for this long is closed
WORKERS = 32  # threads answering requests; slow clients wait without one
MAX_CONNECTIONS = 512  # beyond this many open connections a new one gets a 503
ENDPOINT_FILE = "endpoint.json"


class SandboxServer:
    """The local Constant Contact v1 emulator, embeddable (start/stop) or run by the CLI."""

    def __init__(self, data_dir: Path, host: str = "127.0.0.1", port: int = 0, reset: bool = False,
                 quirks: Mapping[str, str] | None = None, *, log_requests: bool = False,
                 idle_timeout: float = IDLE_TIMEOUT_S, workers: int = WORKERS,
                 max_connections: int = MAX_CONNECTIONS) -> None:
        self.data_dir = Path(data_dir)
        self.host, self.port, self._reset = host, port, reset
        self.idle_timeout, self._workers_max, self._max_connections = idle_timeout, workers, max_connections
        self._quirk_overrides = dict(quirks or {})
        self._log_requests = log_requests
        self._stopping = threading.Event()
        self._lock = threading.Lock()
        self._server: BoundedWSGIServer | None = None
        self._thread: threading.Thread | None = None
        self._db: Database | None = None
        self._worker: ActivityWorker | None = None
        self._app: SandboxApp | None = None
        self.quirks: Quirks | None = None
        self.start_notice: str | None = None  # e.g. a damaged database was set aside; tell the user

    @property
    def base_url(self) -> str:
        if self._server is None:
            raise RuntimeError("the sandbox is not running; call start() first")
        host = self.host if ":" not in self.host else f"[{self.host}]"
        return f"http://{host}:{self.port}"

    @property
    def open_connections(self) -> int:
        """Connections accepted and not yet closed (0 when stopped)."""
        return self._server.open_connections if self._server is not None else 0

    @property
    def worker_threads(self) -> int:
        """Worker threads started so far; never more than ``workers``."""
        return self._server.worker_count if self._server is not None else 0

    @property
    def account_url(self) -> str:
        return f"{self.base_url}{demo.account_path()}"

    def start(self) -> None:
        """Serve in a background thread (non-blocking); port 0 picks a free port."""
        with self._lock:
            if self._server is not None:
                return
            self.data_dir.mkdir(parents=True, exist_ok=True)
            self.quirks = Quirks(self.data_dir, demo.DEMO_USERNAME, self._quirk_overrides)
            self._db = self._open_database()
            self._worker = ActivityWorker(self._db, self.quirks, demo.DEMO_USERNAME)
            self._stopping.clear()
            app = self._app = SandboxApp(self._db, self.quirks, self._worker, self._stopping)
            handler = type("Handler", (PrefetchedInputHandler, SandboxRequestHandler),
                           {"log_requests": self._log_requests})
            try:
                self._server = BoundedWSGIServer(self.host, self.port, app, handler, workers=self._workers_max,
                                                 idle_timeout=self.idle_timeout,
                                                 max_connections=self._max_connections)
            except BaseException:
                self._db.close()
                raise
            self.port = self._server.server_port
            self._worker.start()
            self._thread = threading.Thread(target=self._server.serve_forever, kwargs={"poll_interval": 0.05},
                                            name="sandbox-http", daemon=True)
            self._thread.start()
            self._write_endpoint()

    def _open_database(self) -> Database:
        opened = open_state(self.data_dir / DB_FILE, reset=self._reset)
        self.start_notice = opened.notice
        return opened.db

    def _write_endpoint(self) -> None:
        data = {"base_url": self.base_url, "account_url": self.account_url, "pid": os.getpid()}
        write_atomic(self.data_dir / ENDPOINT_FILE, json.dumps(data, indent=2) + "\n")

    def _remove_endpoint(self, base_url: str) -> None:
        path = self.data_dir / ENDPOINT_FILE
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return
        if data.get("base_url") == base_url and data.get("pid") == os.getpid():
            path.unlink(missing_ok=True)

    def stop(self) -> None:
        """Stop serving, finish the worker, close the database; safe to call twice."""
        with self._lock:
            if self._server is None:
                return
            base_url = self.base_url
            self._stopping.set()
            self._server.shutdown()
            self._server.server_close()
            if self._thread is not None:
                self._thread.join(timeout=5)
            if self._app is not None:
                self._app.wait_idle(timeout=5)
            self._server.drop_connections()
            if self._worker is not None:
                self._worker.stop()
            if self._db is not None:
                self._db.close()
            self._server = self._thread = self._worker = self._db = self._app = None
            self._remove_endpoint(base_url)

    def __enter__(self) -> SandboxServer:
        self.start()
        return self

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None,
                 tb: TracebackType | None) -> None:
        self.stop()
