"""Peak memory of ``ctct-desktop lint`` (and ``explain``) next to a bare lxml parse of the body.

Target: lint's peak RSS at most 1.5x the bare parse's of the same contact body.

How it measures: each body (a Contact on many lists, ``--sizes`` in MB, written once to a temp
folder) is measured in fresh child processes, one per run:
- bare: ``python -c`` that imports the linter (so both children start from the same interpreter
  footprint), reads the file and calls ``etree.fromstring`` with the hardened parser;
- lint: ``python -m ctct_desktop lint FILE --url .../contacts``, the command users run;
- explain: ``python -m ctct_desktop explain --status 400 --request-body FILE ...``, which
  reads the same body, gathers its facts and lints it (one parse shared).
The parent reaps each child with ``os.wait4`` and reads the child's ``ru_maxrss`` (its peak
resident set, the same figure as VmHWM in /proc/PID/status, in KiB on Linux). Figures are the
median of ``--runs`` runs (default 3). Shapes: ``clean`` (no finding), ``error`` (one unknown
element at the very end, so a diagnostic needs a source position) and, when asked for, ``ids``
(every list id a bare number: one finding per element). Children run under an
address-space limit (``--limit-gb``) so a regression cannot take the shared machine down.

Run: .venv/bin/python benchmarks/bench_lint_memory.py [--sizes 12,48,200] [--runs 3] [--shapes clean,error]
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from benchmarks.machine_info import machine  # noqa: E402
URL = "https://api.constantcontact.com/ws/customers/joesflowers/contacts"
HEAD = """<?xml version="1.0" encoding="UTF-8"?>
<entry xmlns="http://www.w3.org/2005/Atom">
  <title type="text"> </title>
  <updated>2008-07-23T14:21:06.407Z</updated>
  <author></author>
  <id>data:,none</id>
  <summary type="text">Contact</summary>
  <content type="application/vnd.ctct+xml">
    <Contact xmlns="http://ws.constantcontact.com/ns/1.0/">
      <EmailAddress>jo+news@example.com</EmailAddress>
      <EmailType>HTML</EmailType>
      <FirstName>Jo</FirstName>
      <LastName>Smith</LastName>
      <OptInSource>ACTION_BY_CUSTOMER</OptInSource>
      <ContactLists>
"""
ITEM = '        <ContactList id="http://api.constantcontact.com/ws/customers/joesflowers/lists/{n:07d}"/>\n'
BARE_ID = '        <ContactList id="{n:07d}"/>\n'
ERROR = "      <Bogus>not a Contact element</Bogus>\n"
BARE = ("import sys, ctct_desktop.lint, ctct_desktop.lint.rules\n"
        "from lxml import etree\n"
        "from ctct_desktop.core.xml_safety import make_parser\n"
        "data = open(sys.argv[1], 'rb').read()\n"
        "root = etree.fromstring(data, make_parser())\n")


def write_body(path: Path, size: int, shape: str) -> int:
    """A Contact on enough lists to make ``size`` bytes; streamed to disk, never held whole."""
    tail = ("      </ContactLists>\n" + (ERROR if shape == "error" else "")
            + "    </Contact>\n  </content>\n</entry>\n")
    item = BARE_ID if shape == "ids" else ITEM
    count = max(1, (size - len(HEAD) - len(tail)) // len(item.format(n=1)))
    with path.open("w", encoding="utf-8") as out:
        out.write(HEAD)
        for first in range(0, count, 10000):
            out.write("".join(item.format(n=n) for n in range(first, min(count, first + 10000))))
        out.write(tail)
    return path.stat().st_size


def _limit(limit_bytes: int):  # noqa: ANN202 - a preexec_fn
    def apply() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (limit_bytes, limit_bytes))
    return apply


def peak_kib(argv: list[str], limit_bytes: int) -> tuple[int, float, int]:
    """(peak RSS in KiB, wall seconds, exit status) of one child process."""
    began = time.perf_counter()
    child = subprocess.Popen(argv, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                             preexec_fn=_limit(limit_bytes))
    _pid, status, usage = os.wait4(child.pid, 0)
    child.returncode = os.waitstatus_to_exitcode(status)
    return usage.ru_maxrss, time.perf_counter() - began, child.returncode


def measure(path: Path, runs: int, limit_bytes: int) -> dict[str, tuple[float, float, set[int]]]:
    commands = {
        "bare": [sys.executable, "-c", BARE, str(path)],
        "lint": [sys.executable, "-m", "ctct_desktop", "lint", str(path), "--url", URL],
        "explain": [sys.executable, "-m", "ctct_desktop", "explain", "--status", "400", "--method", "POST",
                    "--url", URL, "--request-body", str(path), "-H", "Content-Type: application/atom+xml"],
    }
    results: dict[str, tuple[list[int], list[float], set[int]]] = {k: ([], [], set()) for k in commands}
    for _ in range(runs):  # interleaved, so load from other work hits both alike
        for name, argv in commands.items():
            peak, wall, code = peak_kib(argv, limit_bytes)
            results[name][0].append(peak)
            results[name][1].append(wall)
            results[name][2].add(code)
    return {k: (statistics.median(p), statistics.median(w), c) for k, (p, w, c) in results.items()}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="12,48,200", help="body sizes in MB, comma-separated")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--shapes", default="clean,error", help="clean, error and/or ids")
    parser.add_argument("--limit-gb", type=float, default=12.0, help="address-space limit of each child")
    args = parser.parse_args()
    sizes = [float(s) for s in args.sizes.split(",") if s.strip()]
    shapes = [s.strip() for s in args.shapes.split(",") if s.strip()]
    limit = int(args.limit_gb * 1024 ** 3)
    print(machine())
    print(f"median of {args.runs} runs; peak RSS from ru_maxrss of each fresh child; MB = 10^6 bytes, MiB = 2^20")
    print(f"{'shape':<6} {'body MB':>8} {'bare MiB':>9} {'lint MiB':>9} {'ratio':>6} {'explain MiB':>11} {'ratio':>6} "
          f"{'bare/body':>9} {'lint/body':>9} {'bare s':>7} {'lint s':>7} {'expl. s':>7}  exit codes")
    with tempfile.TemporaryDirectory(prefix="bench-lint-mem-") as folder:
        for shape in shapes:
            for size in sizes:
                path = Path(folder) / f"contact-{shape}-{size:g}.xml"
                nbytes = write_body(path, int(size * 1e6), shape)
                found = measure(path, args.runs, limit)
                path.unlink()
                (bare, bare_s, bare_codes), (lint, lint_s, lint_codes) = found["bare"], found["lint"]
                explained, explain_s, explain_codes = found["explain"]
                print(f"{shape:<6} {nbytes / 1e6:8.1f} {bare / 1024:9.0f} {lint / 1024:9.0f} {lint / bare:6.2f} "
                      f"{explained / 1024:11.0f} {explained / bare:6.2f} {bare * 1024 / nbytes:9.1f} "
                      f"{lint * 1024 / nbytes:9.1f} {bare_s:7.2f} {lint_s:7.2f} {explain_s:7.2f}  "
                      f"bare {sorted(bare_codes)} lint {sorted(lint_codes)} explain {sorted(explain_codes)}", flush=True)
    print("exit codes: bare 0 = parsed; lint 0 = clean, 1 = errors found, 2 = refused; explain 0 = explained")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
