"""Hostile servers: memory of a send against a 2 GiB gzip bomb, and how long a drip keeps it busy.

How it measures:
- Bomb: a raw-socket server on loopback answers with about 2 MB of gzip that inflates to 2 GiB of
  zeros (made once, cached in the temp folder). Each run starts a fresh Python process that
  calls ``ctct_desktop.transport.sender.send`` with the default SendOptions and then reads its
  own peak resident set (VmHWM in /proc/self/status); the figure is the median of the runs.
  The wall time of each child (start-up included) is reported too.
- Drip: a server sends complete headers, then one body byte every 2 s. The send, in this
  process, has ``timeout_s=3``; the figure is the wall time from the call to the TIMEOUT
  failure, median of the runs (the deadline is 3 s: anything much above it is overhead).
Both are measured two ways: a send of its own ("alone": its own event loop and async client) and
a send through a run's transport session ("session": its blocking client, deadline kept by the
session's watchdog thread), since a collection run sends the second way.

Run: .venv/bin/python benchmarks/bench_hostile_servers.py [--runs N]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from benchmarks.machine_info import machine  # noqa: E402

from ctct_desktop.core.models import FailureKind, RequestModel  # noqa: E402
from ctct_desktop.transport.sender import SendOptions, send  # noqa: E402
from ctct_desktop.transport.session import TransportSession  # noqa: E402
from tests.support.child_send import send_in_child  # noqa: E402
from tests.support.hostile import blob, drip_body, hostile, zeros_bomb  # noqa: E402

GiB = 1024 ** 3


def bomb_runs(runs: int, way: str) -> tuple[list[int], list[float]]:
    bomb = zeros_bomb(2 * GiB)
    peaks, times = [], []
    with hostile(blob(bomb, content_encoding="gzip"), connections=runs) as server:
        for _ in range(runs):
            began = time.perf_counter()
            report = send_in_child(server.url + "/bomb", way=way)
            times.append(time.perf_counter() - began)
            if not report["truncated"] or report["body_size"] != SendOptions().max_body_bytes:
                raise SystemExit(f"the bomb was not cut at the cap: {report}")
            peaks.append(int(report["peak_rss_bytes"]))
    return peaks, times


def drip_runs(runs: int, way: str) -> list[float]:
    times = []
    with hostile(drip_body(interval_s=2.0), connections=runs) as server, TransportSession() as session:
        options = SendOptions(session=session if way == "session" else None)
        for _ in range(runs):
            began = time.perf_counter()
            exchange = send(RequestModel(url=server.url + "/drip", timeout_s=3), options=options)
            times.append(time.perf_counter() - began)
            if exchange.failure is None or exchange.failure.kind is not FailureKind.TIMEOUT:
                raise SystemExit(f"the drip did not end in a timeout: {exchange}")
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    runs = parser.parse_args().runs
    print(machine())
    cap = SendOptions().max_body_bytes // (1024 * 1024)
    for way in ("alone", "session"):
        peaks, bomb_times = bomb_runs(runs, way)
        print(f"{way}: gzip bomb (2 GiB decoded, cut at {cap} MiB): peak RSS of the sending process "
              f"{statistics.median(peaks) / 1e6:.1f} MB median of {runs} "
              f"(runs: {', '.join(f'{p / 1e6:.1f}' for p in peaks)} MB); child wall time "
              f"{statistics.median(bomb_times):.2f} s median")
        drips = drip_runs(runs, way)
        print(f"{way}: drip (1 byte / 2 s) at a 3 s deadline: ended after {statistics.median(drips):.2f} s median "
              f"of {runs} (runs: {', '.join(f'{t:.2f}' for t in drips)} s)")
    print(machine())

if __name__ == "__main__":
    main()
