"""Sandbox throughput with the load in another process, plus the start-up of a seeded sandbox.

How it measures: the sandbox runs as ``ctct-desktop sandbox --port 0`` in its own process
(loopback only; its endpoint.json gives the URL). The clients run in a second process (a
``spawn`` multiprocessing worker), one thread and one httpx.Client per client, so neither side
shares a GIL with the other: with clients in the server's process, 8 clients scored below 1.
Workloads: ``simple`` is GET /contacts/1; ``mixed`` is, per client and round, POST a new
contact, PUT it, GET it, search for it by email and DELETE it (GET/POST/PUT/DELETE). Each
figure is the median of ``--runs`` runs (default 3) of ``--requests`` requests (default 600),
and every run has a deadline (``--deadline``). The start-up figure is measured in this process,
as the test fixture pays it.

Run: .venv/bin/python benchmarks/bench_sandbox.py [--requests N] [--runs N] [--clients 1,8]
"""

from __future__ import annotations

import argparse
import itertools
import json
import multiprocessing
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from contextlib import contextmanager
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from benchmarks.machine_info import machine  # noqa: E402

from ctct_desktop.core import sandbox_demo as demo  # noqa: E402
from ctct_desktop.sandbox.server import SandboxServer  # noqa: E402

BASIC = (f"{demo.DEMO_API_KEY}%{demo.DEMO_USERNAME}", demo.DEMO_PASSWORD)
ATOM = {"Content-Type": "application/atom+xml"}
CONTACT = ('<entry xmlns="http://www.w3.org/2005/Atom"><id>{entry_id}</id><title/><author/>'
           '<updated>2008-07-23T14:21:06.407Z</updated><content type="application/vnd.ctct+xml">'
           '<Contact xmlns="http://ws.constantcontact.com/ns/1.0/"{contact_id}><EmailAddress>{email}</EmailAddress>'
           '<FirstName>{name}</FirstName><OptInSource>ACTION_BY_CUSTOMER</OptInSource><ContactLists><ContactList '
           'id="http://api.constantcontact.com/ws/customers/joesflowers/lists/1"/></ContactLists></Contact>'
           '</content></entry>')
ID_ROOT = "http://api.constantcontact.com/ws/customers/joesflowers/contacts/"


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


@contextmanager
def sandbox_process(folder: Path, wait_s: float = 60.0) -> Iterator[str]:
    """``ctct-desktop sandbox --port 0`` in its own process; yields the account URL."""
    data = folder / "sandbox"
    child = subprocess.Popen([sys.executable, "-m", "ctct_desktop", "sandbox", "--port", "0", "--reset",
                              "--data", str(data)], cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + wait_s
        endpoint = data / "endpoint.json"
        while not endpoint.exists():
            if child.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"the sandbox did not start: {child.stderr.read().decode() if child.stderr else ''}")
            time.sleep(0.05)
        yield json.loads(endpoint.read_text(encoding="utf-8"))["account_url"]
    finally:
        child.terminate()  # the sandbox stops cleanly on SIGTERM
        try:
            child.wait(timeout=10)
        except subprocess.TimeoutExpired:
            child.kill()
            child.wait()


# ----- the client process -------------------------------------------------------------------
def _simple(client: httpx.Client, tag: str, counts: Counter[int]) -> int:
    counts[client.get("/contacts/1").status_code] += 1
    return 1


def _mixed(client: httpx.Client, tag: str, counts: Counter[int]) -> int:
    """One round: POST, PUT, GET, search, DELETE of a fresh contact (5 requests)."""
    email = f"bench-{tag}@example.com"
    created = client.post("/contacts", content=CONTACT.format(entry_id="data:,none", contact_id="", email=email,
                                                              name="New"), headers=ATOM)
    counts[created.status_code] += 1
    number = created.headers.get("Location", "").rstrip("/").rpartition("/")[2]
    if created.status_code != 201 or not number.isdigit():
        return 1
    body = CONTACT.format(entry_id=ID_ROOT + number, contact_id=f' id="{ID_ROOT}{number}"', email=email, name="Changed")
    for response in (client.put(f"/contacts/{number}", content=body, headers=ATOM),
                     client.get(f"/contacts/{number}"),
                     client.get("/contacts", params={"email": email}),
                     client.delete(f"/contacts/{number}")):
        counts[response.status_code] += 1
    return 5


WORKLOADS: dict[str, Callable[[httpx.Client, str, Counter[int]], int]] = {"simple": _simple, "mixed": _mixed}


def run_load(account_url: str, workload: str, total: int, clients: int, deadline_s: float,
             run_id: str) -> tuple[float, dict[int, int], int]:
    """(requests per second, statuses, requests) for ``clients`` threads sharing ``total`` requests."""
    work = WORKLOADS[workload]
    counts: Counter[int] = Counter()
    lock = threading.Lock()
    done = [0]
    stop_at = time.monotonic() + deadline_s
    share = max(1, total // clients)

    def loop(index: int) -> None:
        local: Counter[int] = Counter()
        sent = 0
        with httpx.Client(base_url=account_url, auth=BASIC, timeout=30) as client:
            for step in itertools.count():
                if sent >= share or time.monotonic() > stop_at:
                    break
                sent += work(client, f"{run_id}-{index}-{step}", local)
        with lock:
            counts.update(local)
            done[0] += sent

    threads = [threading.Thread(target=loop, args=(i,)) for i in range(clients)]
    began = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return done[0] / (time.perf_counter() - began), dict(sorted(counts.items())), done[0]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--requests", type=int, default=600, help="requests per run (default 600)")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--clients", default="1,8", help="client counts, comma-separated")
    parser.add_argument("--deadline", type=float, default=60.0, help="seconds a run may take at most")
    args = parser.parse_args()
    client_counts = [int(c) for c in args.clients.split(",") if c.strip()]
    print(machine(f"httpx {httpx.__version__}"))
    starts = start_times()
    print(f"start + seed (520 contacts), in this process: median {statistics.median(starts) * 1000:.0f} ms, "
          f"max {max(starts) * 1000:.0f} ms over {len(starts)} runs (target < 300 ms)")
    print(f"server: its own process (ctct-desktop sandbox); clients: another process; medians of {args.runs} runs "
          f"of {args.requests} requests")
    spawn = multiprocessing.get_context("spawn")
    with tempfile.TemporaryDirectory() as folder, sandbox_process(Path(folder)) as account_url, \
            ProcessPoolExecutor(max_workers=1, mp_context=spawn) as clients_process:
        clients_process.submit(run_load, account_url, "simple", 20, 1, args.deadline, "warm").result()
        for workload in WORKLOADS:
            for clients in client_counts:
                rates, statuses, sent = [], Counter[int](), 0
                for run in range(args.runs):
                    rate, codes, count = clients_process.submit(
                        run_load, account_url, workload, args.requests, clients, args.deadline,
                        f"{workload}{clients}r{run}-{os.getpid()}").result()
                    rates.append(rate)
                    statuses.update(codes)
                    sent += count
                print(f"{workload:<7} {clients} client(s): median {statistics.median(rates):6.0f} req/s "
                      f"(runs {', '.join(f'{r:.0f}' for r in rates)})  {sent} requests, statuses {dict(sorted(statuses.items()))}",
                      flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
