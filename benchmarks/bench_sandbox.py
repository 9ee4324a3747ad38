"""Sandbox throughput: requests per second for simple GETs and for a mixed workload, plus the
start-up time of a freshly seeded sandbox (the pytest fixture pays it on every test).

Run: .venv/bin/python benchmarks/bench_sandbox.py [--requests N]
"""

from __future__ import annotations

import argparse
import itertools
import os
import platform
import statistics
import sys
import tempfile
import threading
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from ctct_desktop.core import sandbox_demo as demo  # noqa: E402
from ctct_desktop.sandbox.server import SandboxServer  # noqa: E402

BASIC = (f"{demo.DEMO_API_KEY}%{demo.DEMO_USERNAME}", demo.DEMO_PASSWORD)
CONTACT = ('<entry xmlns="http://www.w3.org/2005/Atom"><id>data:,none</id><title/><author/>'
           '<updated>2008-07-23T14:21:06.407Z</updated><content type="application/vnd.ctct+xml">'
           '<Contact xmlns="http://ws.constantcontact.com/ns/1.0/"><EmailAddress>{email}</EmailAddress>'
           '<OptInSource>ACTION_BY_CUSTOMER</OptInSource><ContactLists><ContactList '
           'id="http://api.constantcontact.com/ws/customers/joesflowers/lists/1"/></ContactLists></Contact>'
           '</content></entry>')


_UNIQUE = itertools.count()


def machine() -> str:
    return (f"machine: {platform.processor() or platform.machine()}, {os.cpu_count()} CPUs, "
            f"Python {platform.python_version()} ({platform.system()})")


def start_times(runs: int = 5) -> list[float]:
    times = []
    for _ in range(runs):
        with tempfile.TemporaryDirectory() as folder:
            began = time.perf_counter()
            server = SandboxServer(Path(folder) / "sb", reset=True)
            server.start()
            times.append(time.perf_counter() - began)
            server.stop()
    return times


def simple_get(client: httpx.Client, n: int) -> int:
    return client.get("/contacts/1").status_code


def mixed(client: httpx.Client, n: int) -> int:
    step = n % 5
    if step == 0:
        return client.get("/contacts").status_code
    if step == 1:
        return client.get("/contacts", params={"email": demo.SEED_ACTIVE_CONTACT_EMAIL}).status_code
    if step == 2:
        body = CONTACT.format(email=f"bench{next(_UNIQUE)}@example.com")
        return client.post("/contacts", content=body, headers={"Content-Type": "application/atom+xml"}).status_code
    if step == 3:
        return client.get("/lists").status_code
    return client.get("/campaigns/1").status_code


def run(server: SandboxServer, work: Callable[[httpx.Client, int], int], total: int, threads: int) -> tuple[float, Counter[int]]:
    codes: Counter[int] = Counter()
    lock = threading.Lock()
    per_thread = total // threads

    def loop(offset: int) -> None:
        with httpx.Client(base_url=server.account_url, auth=BASIC, timeout=30) as client:
            for n in range(per_thread):
                code = work(client, offset * per_thread + n)
                with lock:
                    codes[code] += 1

    workers = [threading.Thread(target=loop, args=(i,)) for i in range(threads)]
    began = time.perf_counter()
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    return (per_thread * threads) / (time.perf_counter() - began), codes


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--requests", type=int, default=800)
    args = parser.parse_args()
    print(machine())
    starts = start_times()
    print(f"start + seed (520 contacts): median {statistics.median(starts) * 1000:.0f} ms, "
          f"max {max(starts) * 1000:.0f} ms over {len(starts)} runs (target < 300 ms)")
    with tempfile.TemporaryDirectory() as folder, SandboxServer(Path(folder) / "sb", reset=True) as server:
        for label, work in (("simple GET /contacts/1", simple_get), ("mixed workload", mixed)):
            for threads in (1, 8):
                rate, codes = run(server, work, args.requests, threads)
                print(f"{label:24s} {threads} client(s): {rate:7.0f} req/s  statuses {dict(sorted(codes.items()))}")
    print("client and server share this process (and its GIL): a separate client process sees more")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
