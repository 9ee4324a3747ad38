"""Send one request in a fresh Python process and report the outcome and its peak memory.

Memory must be measured in a process of its own: the test process has imported Qt and held
other bodies, so its own figures say nothing about one send. The child reads its peak resident
set (VmHWM in /proc/self/status) after the send and prints one JSON line.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]

_CHILD = r"""
import json, os, sys
from ctct_desktop.core.models import RequestModel
from ctct_desktop.transport.sender import SendOptions, send
from ctct_desktop.transport.session import TransportSession
session = TransportSession() if sys.argv[3] == "session" else None
exchange = send(RequestModel(url=sys.argv[1], timeout_s=float(sys.argv[2])), options=SendOptions(session=session))
if session is not None:
    session.close()
r = exchange.response
with open("/proc/self/status") as status:
    peak_kib = next(int(line.split()[1]) for line in status if line.startswith("VmHWM:"))
print(json.dumps({
    "failure": exchange.failure.message if exchange.failure else None,
    "truncated": r.body_truncated if r else None,
    "body_size": r.body_size if r else None,
    "in_memory": len(r.body) if r else None,
    "spooled": bool(r and r.body_path and os.path.exists(r.body_path)),
    "notes": list(r.notes) if r else [],
    "peak_rss_bytes": peak_kib * 1024,
}))
"""


def send_in_child(url: str, timeout_s: float = 120.0, way: str = "alone") -> dict[str, Any]:
    """The child's report as a dict; raises with its stderr when it did not print one.

    ``way``: "alone" (a send of its own) or "session" (through a run's transport session)."""
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    done = subprocess.run([sys.executable, "-c", _CHILD, url, str(timeout_s), way], cwd=ROOT, env=env,
                          capture_output=True, text=True, timeout=timeout_s + 30)
    lines = done.stdout.strip().splitlines()
    if done.returncode != 0 or not lines:
        raise AssertionError(f"the child send failed (exit {done.returncode}): {done.stderr[-2000:]}")
    report: dict[str, Any] = json.loads(lines[-1])
    return report
