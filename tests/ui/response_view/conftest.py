"""Fixtures for the response view's tools: a loopback server of arbitrary bodies."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.ui.response_view.bodies_server import BodiesServer


@pytest.fixture(scope="module")
def bodies() -> Iterator[BodiesServer]:
    server = BodiesServer()
    try:
        yield server
    finally:
        server.stop()
