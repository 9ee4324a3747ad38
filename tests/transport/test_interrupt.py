"""The stop switch of a blocking send and the session's deadline thread, on real sockets and threads."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator

import httpcore
import pytest

from ctct_desktop.transport.deadline import DeadlinePassed
from ctct_desktop.transport.exchange import SendCancelled
from ctct_desktop.transport.interrupt import CANCELLED, DEADLINE, ConnectionSockets, Interrupt
from ctct_desktop.transport.watchdog import Watchdog


@pytest.fixture
def listener() -> Iterator[socket.socket]:
    with socket.socket() as server:
        server.bind(("127.0.0.1", 0))
        server.listen(4)
        yield server


def _connect(listener: socket.socket) -> httpcore.NetworkStream:
    host, port = listener.getsockname()
    return httpcore.SyncBackend().connect_tcp(host, port, timeout=5)


def test_a_trip_during_the_connect_stops_the_send_as_the_connection_opens(listener: socket.socket) -> None:
    """Nothing can be woken while the connect runs: the trace event that ends it is where it stops."""
    interrupt = Interrupt(ConnectionSockets())
    interrupt.trip(CANCELLED)
    stream = _connect(listener)
    with pytest.raises(SendCancelled):
        interrupt.traced("connection.connect_tcp.complete", {"return_value": stream})
    assert stream.get_extra_info("socket").fileno() == -1  # closed: httpcore would have dropped it open


def test_the_first_reason_stands_and_says_which_exception() -> None:
    interrupt = Interrupt(ConnectionSockets())
    assert interrupt.error() is None
    interrupt.trip(DEADLINE)
    interrupt.trip(CANCELLED)
    assert isinstance(interrupt.error(), DeadlinePassed)


def test_a_trip_wakes_a_read_blocked_in_another_thread(listener: socket.socket) -> None:
    sockets = ConnectionSockets()
    interrupt = Interrupt(sockets)
    stream = _connect(listener)
    interrupt.traced("connection.connect_tcp.complete", {"return_value": stream})
    got: list[object] = []
    reader = threading.Thread(target=lambda: got.append(stream.read(100, timeout=30)))
    reader.start()
    time.sleep(0.2)
    interrupt.trip(CANCELLED)
    reader.join(10)
    assert not reader.is_alive() and got == [b""]  # the end of stream the worker then reads as the reason
    stream.close()
    sockets.prune()
    assert len(sockets) == 0


def test_the_watchdog_fires_once_and_not_after_a_disarm() -> None:
    watchdog = Watchdog()
    fired: list[str] = []
    done = threading.Event()
    watchdog.arm(0.05, lambda: (fired.append("a"), done.set()))
    assert done.wait(5)
    watchdog.arm(0.05, lambda: fired.append("b"))
    watchdog.disarm()
    time.sleep(0.3)
    watchdog.close()
    assert fired == ["a"]


def test_a_sooner_deadline_wakes_a_watchdog_sleeping_towards_a_later_one() -> None:
    watchdog = Watchdog()
    done = threading.Event()
    watchdog.arm(600, lambda: None)  # the thread now sleeps towards ten minutes from now
    time.sleep(0.1)
    watchdog.arm(0.05, done.set)
    try:
        assert done.wait(10)
    finally:
        watchdog.close()
