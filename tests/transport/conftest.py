"""Tests that take ``way`` run once on each way a request is sent (tests/support/ways.py), so
every protection is shown to hold on both."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from ctct_desktop.transport.session import TransportSession
from tests.support.ways import Way


@pytest.fixture(params=["alone", "session"])
def way(request: pytest.FixtureRequest) -> Iterator[Way]:
    if request.param == "alone":
        yield Way(None)
        return
    with TransportSession() as session:
        yield Way(session)
