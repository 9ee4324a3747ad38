"""Deadline messages: plain, phase-aware, and read as timeouts by the pasted-error classifier."""

from __future__ import annotations

import pytest

from ctct_desktop.core.models import FailureKind
from ctct_desktop.explain.failure_text import classify_error_text
from ctct_desktop.transport.deadline import ExchangeProgress, timeout_failure
from ctct_desktop.transport.timing import TraceClock


@pytest.mark.parametrize("marks", [
    (), ("connection.connect_tcp.complete", "connection.start_tls.started"),
    ("connection.connect_tcp.complete",),
    ("connection.connect_tcp.complete", "http11.send_request_body.complete"),
])
def test_every_deadline_message_reads_as_a_timeout_to_the_explainer(marks: tuple[str, ...]) -> None:
    clock = TraceClock()
    clock.marks.update({m: 0.0 for m in marks})
    for progress in (ExchangeProgress(), ExchangeProgress(headers_received=True, bytes_received=12)):
        failure = timeout_failure(30, clock, progress)
        assert failure.kind is FailureKind.TIMEOUT and "30 s" in failure.message
        assert classify_error_text(failure.message) is FailureKind.TIMEOUT, failure.message
        assert classify_error_text(failure.detail) is FailureKind.TIMEOUT, failure.detail


def test_the_message_says_where_the_deadline_passed() -> None:
    clock = TraceClock()
    assert "could not be opened" in timeout_failure(3, clock, ExchangeProgress()).message
    clock.marks["connection.connect_tcp.complete"] = 0.0
    assert "still being sent" in timeout_failure(3, clock, ExchangeProgress()).message
    clock.marks["http11.send_request_body.complete"] = 0.0
    assert "complete status line and headers" in timeout_failure(0.5, clock, ExchangeProgress()).message
    dripping = timeout_failure(3, clock, ExchangeProgress(headers_received=True, bytes_received=5))
    assert dripping.message == ("Timed out: no complete answer within 3 s. The server was still sending when the "
                                "deadline passed (bytes received so far: 5).")
