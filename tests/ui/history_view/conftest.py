"""A real SQLite history in a temp folder, filled with realistic sends."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6 import QtCore

from ctct_desktop.core.models import (
    Auth,
    AuthKind,
    BodyKind,
    Exchange,
    FailureKind,
    Header,
    RequestModel,
    ResponseRecord,
    TransportFailure,
)
from ctct_desktop.store.history import History

BASE = "http://127.0.0.1:8765/ws/customers/joe"
PASSWORD = "hunter2-Passw0rd"


def send(status: int | None, method: str = "GET", path: str = "/contacts", body: str = "",
         response_body: bytes = b"<feed/>") -> Exchange:
    request = RequestModel(method=method, url=BASE + path, body=body,
                           body_kind=BodyKind.XML if body else BodyKind.NONE,
                           headers=(Header("Accept", "application/atom+xml"),),
                           auth=Auth(AuthKind.CTCT_BASIC, username="joe", password=PASSWORD, api_key="ak-1"))
    if status is None:
        return Exchange(request, None, TransportFailure(FailureKind.REFUSED, "Connection refused", "errno 111"),
                        request.url)
    response = ResponseRecord(status, "Reason", "HTTP/1.1", (("Content-Type", "application/atom+xml"),),
                              response_body, request.url, 42.0)
    return Exchange(request, response, None, request.url)


@pytest.fixture
def history(tmp_path: Path) -> Iterator[History]:
    db = History(tmp_path / "history.sqlite3")
    yield db
    db.close()


@pytest.fixture
def filled(history: History) -> History:
    history.record(send(200, path="/lists"), sent_at="2026-11-01T10:00:00.000Z")
    history.record(send(201, "POST", "/contacts", body="<entry><EmailAddress>ann@example.com</EmailAddress></entry>",
                        response_body=b"<entry><id>1</id></entry>"), sent_at="2026-11-01T10:01:00.000Z")
    history.record(send(409, "POST", "/contacts", body="<entry><EmailAddress>ann@example.com</EmailAddress></entry>",
                        response_body=b"<error>Conflict: email already exists</error>"),
                   sent_at="2026-11-01T10:02:00.000Z")
    history.record(send(None, path="/campaigns"), sent_at="2026-11-01T10:03:00.000Z")
    history.record(send(500, "DELETE", "/lists/7"), sent_at="2026-11-01T10:04:00.000Z")
    return history


@pytest.fixture
def make_panel(qtbot):  # type: ignore[no-untyped-def]
    from ctct_desktop.ui.history_view import HistoryPanel

    made: list[HistoryPanel] = []

    def build(history: History | None, **options: int) -> HistoryPanel:
        panel = HistoryPanel(history, search_delay_ms=20, **options)
        qtbot.addWidget(panel)
        panel.resize(900, 400)
        panel.show()
        qtbot.waitUntil(lambda: not panel.busy, timeout=10_000)
        made.append(panel)
        return panel

    yield build
    assert QtCore.QThreadPool.globalInstance().waitForDone(10_000)
