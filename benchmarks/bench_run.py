"""200 requests against the sandbox three ways: a raw httpx loop, ``ctct-desktop run``, newman.

How it measures: the sandbox runs as ``ctct-desktop sandbox --port 0`` in its own process (see
bench_sandbox.py). The collection is 10 GET requests (lists, contacts, campaigns, settings,
activities), each asserting ``status == 200``, run 20 times (``--iterations 20``): 200 requests.
- raw: one process, one ``httpx.Client``, the same 200 GETs with the same Basic credential and a
  status check; the loop alone is timed (the floor).
- raw async: the same loop over one ``httpx.AsyncClient`` in one event loop, the floor of an
  async transport (a send of its own is async, so that a cancel stops it wherever it is; a run's
  sends are not, see below).
- run, in process: ``CollectionRun(...).run()`` timed in this process after a warm-up run
  (imports done, and the process's TLS context made, as the raw loop's client is made before its
  timer), "leaving out interpreter start-up"; the target is at most 1.2x raw.
- run, process: ``python -m ctct_desktop run DIR --env sandbox --iterations 20`` timed from
  spawn to exit, with ``--no-history`` and with the history; the target is at most half of newman.
- newman: ``newman run`` of the equivalent Postman v2.1 collection (``-n 20``), installed with
  npm into benchmarks/.newman/ on first use; skipped with a message when npm is absent.
Medians of ``--runs`` runs (default 3), with the machine and its load average before and after.
The sandbox closes every connection (werkzeug always sends ``Connection: close``), so every way
pays one TCP connect per request.
The work measured is the same as before the speed work of issue 14: the in-process run plans every
request through ``send.plan`` (resolution, secrets, lint: a run memoises the lint of a request whose
variables did not change, the same diagnostics), sends it through the run's one transport session
(since the work of issue 14's last target: one blocking ``httpx.Client`` on the run's thread, with
the same body caps and deadline as a send of its own, stopped by waking its socket), evaluates its
assertion and keeps the result; like before it records no history (``on_sent`` is not given),
while the whole-process figure is given both with ``--no-history`` and with the history written.
Besides the ratio of the medians, the median of the per-round ratios is printed: raw and run are
timed back to back in each round, so on a shared machine whose load drifts it is the steadier one.

Run: .venv/bin/python benchmarks/bench_run.py [--runs N] [--no-newman]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from benchmarks.bench_sandbox import sandbox_process  # noqa: E402
from benchmarks.machine_info import machine  # noqa: E402

from ctct_desktop.core import sandbox_demo as demo  # noqa: E402
from ctct_desktop.core.checks import CheckLines  # noqa: E402
from ctct_desktop.core.models import Auth, AuthKind, Header, RequestModel  # noqa: E402
from ctct_desktop.store.collection import create_collection  # noqa: E402
from ctct_desktop.store.collection_order import write_order  # noqa: E402
from ctct_desktop.store.request_file import SavedRequest, save_request  # noqa: E402

ITERATIONS = 20
PATHS = ["/lists", "/lists/1", "/contacts/1", "/contacts/2", "/contacts?email=joe%2Broses%40example.com",
         "/campaigns", "/campaigns/1", "/settings/emailaddresses", "/activities", "/lists/1/members"]
NEWMAN_DIR = Path(__file__).resolve().parent / ".newman"
BASIC = (f"{demo.DEMO_API_KEY}%{demo.DEMO_USERNAME}", demo.DEMO_PASSWORD)


def write_collection(root: Path) -> Path:
    create_collection(root, "Bench")
    auth = Auth(AuthKind.CTCT_BASIC, username="{{username}}", password="{{password}}", api_key="{{api_key}}")
    names = []
    for index, path in enumerate(PATHS, start=1):
        name = f"Request {index:02d}"
        model = RequestModel(url="{{base_url}}" + path, auth=auth, headers=(Header("Accept", "application/atom+xml"),))
        save_request(root / f"{name}.ctct.toml", SavedRequest(name, "", model, check_lines=CheckLines(("status == 200",))))
        names.append(f"{name}.ctct.toml")
    write_order(root, names)
    return root


def postman_collection(account_url: str) -> dict[str, object]:
    """The same 10 requests as a Postman v2.1 collection, each with a status test."""
    items = [{"name": f"Request {i:02d}", "request": {
        "method": "GET", "url": account_url + path, "header": [{"key": "Accept", "value": "application/atom+xml"}],
        "auth": {"type": "basic", "basic": [{"key": "username", "value": BASIC[0]}, {"key": "password", "value": BASIC[1]}]}},
        "event": [{"listen": "test", "script": {"type": "text/javascript", "exec": [
            "pm.test('status == 200', function () { pm.response.to.have.status(200); });"]}}]}
        for i, path in enumerate(PATHS, start=1)]
    return {"info": {"name": "Bench", "schema": "https://schema.getpostman.com/json/collection/v2.1.0/collection.json"},
            "item": items}


def raw_loop(account_url: str) -> float:
    with httpx.Client(headers={"Accept": "application/atom+xml"}) as client:
        started = time.perf_counter()
        for _ in range(ITERATIONS):
            for path in PATHS:
                answer = client.get(account_url + path, auth=BASIC)
                assert answer.status_code == 200, (path, answer.status_code)
        return time.perf_counter() - started


async def _raw_async(account_url: str) -> float:
    async with httpx.AsyncClient(headers={"Accept": "application/atom+xml"}) as client:
        started = time.perf_counter()
        for _ in range(ITERATIONS):
            for path in PATHS:
                answer = await client.get(account_url + path, auth=BASIC)
                assert answer.status_code == 200, (path, answer.status_code)
        return time.perf_counter() - started


def raw_async_loop(account_url: str) -> float:
    import asyncio

    return asyncio.run(_raw_async(account_url))


def run_in_process(root: Path, host: str) -> float:
    from ctct_desktop.runner import CollectionRun, RunOptions, load_source
    from ctct_desktop.send import build_scopes
    from ctct_desktop.store.builtin_environments import sandbox_env

    source = load_source(root)
    scopes = build_scopes(environment=sandbox_env(host), collection=source.variables)
    started = time.perf_counter()
    result = CollectionRun(source, scopes, RunOptions(iterations=ITERATIONS)).run()
    elapsed = time.perf_counter() - started
    assert result.passed and len(result.runs) == 200, [r.message for r in result.runs if r.message][:3]
    return elapsed


def run_process(root: Path, env: dict[str, str], *extra: str) -> float:
    argv = [sys.executable, "-m", "ctct_desktop", "run", str(root), "--env", "sandbox",
            "--iterations", str(ITERATIONS), *extra]
    started = time.perf_counter()
    done = subprocess.run(argv, capture_output=True, text=True, env=env, cwd=ROOT, timeout=600)
    elapsed = time.perf_counter() - started
    if done.returncode != 0:
        raise SystemExit(f"ctct-desktop run failed ({done.returncode}): {done.stdout[-800:]}{done.stderr[-800:]}")
    return elapsed


def newman_binary() -> Path | None:
    binary = NEWMAN_DIR / "node_modules" / ".bin" / "newman"
    if binary.exists():
        return binary
    if shutil.which("npm") is None:
        return None
    NEWMAN_DIR.mkdir(exist_ok=True)
    (NEWMAN_DIR / ".gitignore").write_text("*\n", encoding="utf-8")
    print("installing newman with npm into benchmarks/.newman (once) ...", flush=True)
    done = subprocess.run(["npm", "install", "--no-audit", "--no-fund", "--loglevel=error", "newman@6"],
                          cwd=NEWMAN_DIR, capture_output=True, text=True, timeout=600)
    if done.returncode != 0 or not binary.exists():
        print(f"newman could not be installed: {done.stderr[-400:]}")
        return None
    return binary


def newman_run(binary: Path, collection: Path) -> float:
    argv = [str(binary), "run", str(collection), "-n", str(ITERATIONS), "--reporters", "cli", "--bail"]
    started = time.perf_counter()
    done = subprocess.run(argv, capture_output=True, text=True, timeout=600)
    elapsed = time.perf_counter() - started
    if done.returncode != 0:
        raise SystemExit(f"newman failed ({done.returncode}): {done.stdout[-800:]}")
    return elapsed


def _median(times: list[float]) -> str:
    return f"{statistics.median(times):6.3f} s  (runs: {', '.join(f'{t:.3f}' for t in times)})"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--no-newman", action="store_true")
    args = parser.parse_args()
    print(machine(f"httpx {httpx.__version__}"))
    with tempfile.TemporaryDirectory() as folder, sandbox_process(Path(folder)) as account_url:
        host = account_url.split("/ws/")[0]
        root = write_collection(Path(folder) / "Bench")
        env = {**os.environ, "CTCT_SANDBOX_URL": host, "CTCT_DESKTOP_HOME": str(Path(folder) / "home"),
               "PYTHONPYCACHEPREFIX": str(Path(folder) / "pycache")}
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        os.environ["CTCT_DESKTOP_HOME"] = env["CTCT_DESKTOP_HOME"]
        raw_loop(account_url)  # warm-up: connections, imports, the sandbox's caches
        run_in_process(root, host)
        run_process(root, env, "--no-history")
        raw_async_loop(account_url)
        figures: dict[str, list[float]] = {"raw": [], "raw_async": [], "run_inproc": [], "run_proc": [], "run_proc_history": [],
                                           "newman": []}
        binary = None if args.no_newman else newman_binary()
        postman = Path(folder) / "bench.postman_collection.json"
        postman.write_text(json.dumps(postman_collection(account_url)), encoding="utf-8")
        if binary is not None:
            newman_run(binary, postman)  # warm-up
        for _ in range(args.runs):
            figures["raw"].append(raw_loop(account_url))
            figures["raw_async"].append(raw_async_loop(account_url))
            figures["run_inproc"].append(run_in_process(root, host))
            figures["run_proc"].append(run_process(root, env, "--no-history"))
            figures["run_proc_history"].append(run_process(root, env))
            if binary is not None:
                figures["newman"].append(newman_run(binary, postman))
    print(f"200 requests ({len(PATHS)} x {ITERATIONS} iterations), medians of {args.runs} runs:")
    print(f"  raw httpx loop, one process (floor) {_median(figures['raw'])}")
    print(f"  raw httpx async loop, one process   {_median(figures['raw_async'])}")
    print(f"  ctct-desktop run, in process        {_median(figures['run_inproc'])}")
    print(f"  ctct-desktop run, whole process     {_median(figures['run_proc'])}  (--no-history)")
    print(f"  ctct-desktop run, whole process     {_median(figures['run_proc_history'])}  (with history)")
    raw, inproc = statistics.median(figures["raw"]), statistics.median(figures["run_inproc"])
    print(f"  in process / raw: {inproc / raw:.2f}x (target at most 1.2x); / raw async: "
          f"{inproc / statistics.median(figures['raw_async']):.2f}x")
    rounds = [run / floor for run, floor in zip(figures["run_inproc"], figures["raw"])]
    print(f"  in process / raw, median of the per-round ratios: {statistics.median(rounds):.2f}x "
          f"(rounds: {', '.join(f'{r:.2f}' for r in rounds)})")
    if figures["newman"]:
        newman = statistics.median(figures["newman"])
        print(f"  newman run -n {ITERATIONS}, whole process   {_median(figures['newman'])}")
        proc = statistics.median(figures["run_proc"])
        print(f"  run process / newman: {proc / newman:.2f} (target at most 0.5)")
    else:
        print("  newman: skipped (npm is not installed, or --no-newman)")
    print(machine())


if __name__ == "__main__":
    main()
