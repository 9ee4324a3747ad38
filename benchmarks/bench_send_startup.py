"""What a ``ctct-desktop send`` process costs before its request reaches the server.

How it measures: a small HTTP server runs in its own process on loopback and prints the
``time.time()`` at which each request line arrives. Each run starts a fresh interpreter for
``python -m ctct_desktop send FILE --env sandbox --no-history`` (the environment is loaded, as a
user's ``--env`` would be, though the request names the server's URL itself) and
records the wall-clock time from just before the spawn to the request's arrival ("first byte"),
and to the process's exit. The floor is the same for ``python -c "import httpx; httpx.get(URL)"``.
Bytecode caching is on, as users have it (``PYTHONPYCACHEPREFIX`` in a temp folder, warmed by one
discarded run). Each child reports which of keyring / PySide6 it imported. Medians of the runs.

Run: .venv/bin/python benchmarks/bench_send_startup.py [--runs N]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from benchmarks.machine_info import machine  # noqa: E402

from ctct_desktop.core.models import RequestModel  # noqa: E402
from ctct_desktop.store.request_file import SavedRequest, save_request  # noqa: E402

SERVER = r"""
import sys, time
from http.server import BaseHTTPRequestHandler, HTTPServer
class H(BaseHTTPRequestHandler):
    def do_GET(self):
        print(time.time(), flush=True)
        self.send_response(200); self.send_header("Content-Length", "2"); self.end_headers(); self.wfile.write(b"ok")
    def log_message(self, *a): pass
s = HTTPServer(("127.0.0.1", 0), H)
print(s.server_address[1], flush=True)
for _ in range(int(sys.argv[1])):
    s.handle_request()
"""

CHILD = ("import sys, runpy\nsys.argv = ['ctct-desktop'] + sys.argv[1:]\n"
         "try:\n    runpy.run_module('ctct_desktop', run_name='__main__')\n"
         "finally:\n    print('imported:', [m for m in ('keyring', 'PySide6') if m in sys.modules], file=sys.stderr)\n")


def measure(argv: list[str], server: subprocess.Popen[str], env: dict[str, str]) -> tuple[float, float, str]:
    began = time.time()
    done = subprocess.run(argv, capture_output=True, text=True, env=env, cwd=ROOT, timeout=60)
    ended = time.time()
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(argv[3:])} failed ({done.returncode}): {done.stderr[-500:]}")
    assert server.stdout is not None
    arrived = float(server.stdout.readline())
    imported = next((line for line in done.stderr.splitlines() if line.startswith("imported:")), "")
    return arrived - began, ended - began, imported


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    runs = parser.parse_args().runs
    total = 2 * (runs + 1)
    server = subprocess.Popen([sys.executable, "-c", SERVER, str(total)], stdout=subprocess.PIPE, text=True)
    assert server.stdout is not None
    url = f"http://127.0.0.1:{int(server.stdout.readline())}"
    with tempfile.TemporaryDirectory() as folder:
        request = Path(folder) / "r.ctct.toml"
        save_request(request, SavedRequest("r", "", RequestModel(url=url + "/")))
        env = {**os.environ, "CTCT_SANDBOX_URL": url, "PYTHONPYCACHEPREFIX": str(Path(folder) / "pycache"),
               "CTCT_DESKTOP_HOME": str(Path(folder) / "home")}
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        send = [sys.executable, "-c", CHILD, "send", str(request), "--env", "sandbox", "--no-history"]
        floor = [sys.executable, "-c", f"import httpx; httpx.get({url!r})"]
        results: dict[str, list[tuple[float, float, str]]] = {"send": [], "floor": []}
        for name, argv in (("send", send), ("floor", floor)):
            measure(argv, server, env)  # warm the bytecode cache; not counted
            results[name] = [measure(argv, server, env) for _ in range(runs)]
    server.wait(timeout=10)
    print(machine())
    print(f"runs: {runs} (medians)")
    for name, label in (("send", "ctct-desktop send"), ("floor", "python + httpx.get (floor)")):
        first = statistics.median(r[0] for r in results[name])
        whole = statistics.median(r[1] for r in results[name])
        print(f"{label:28s} first byte at {first * 1000:6.0f} ms, exit at {whole * 1000:6.0f} ms")
    print(f"send {results['send'][0][2]}")


if __name__ == "__main__":
    main()
