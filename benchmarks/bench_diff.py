"""How long the diff takes on casebook-sized bodies and on larger ones, and where the XML matcher
(xmldiff, quadratic in elements) stops being fit for a click.

Shapes: the T1 pair (a 40-element campaign); a contact feed of N entries against the same feed
with one entry's email changed, for N in --entries (each entry is 12 elements). The figures are
medians over --runs. Run: .venv/bin/python benchmarks/bench_diff.py [--runs N] [--entries 10,50,200]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from benchmarks.machine_info import machine  # noqa: E402

from ctct_desktop.diffing import diff_bodies  # noqa: E402

FIXTURES = ROOT / "tests" / "diffing" / "fixtures"
ENTRY = """<entry><id>http://api.constantcontact.com/ws/customers/joe/contacts/{n}</id><title type="text">c</title>
<author/><updated>2024-05-01T12:00:00.000Z</updated><content type="application/vnd.ctct+xml">
<Contact xmlns="http://ws.constantcontact.com/ns/1.0/" id="c{n}"><EmailAddress>{email}</EmailAddress>
<FirstName>First {n}</FirstName><LastName>Last</LastName><OptInSource>ACTION_BY_CUSTOMER</OptInSource>
<ContactLists><ContactList id="http://api.constantcontact.com/ws/customers/joe/lists/1"/></ContactLists>
</Contact></content></entry>"""


def feed(entries: int, changed: int | None = None) -> str:
    rows = [ENTRY.format(n=n, email=f"{'changed' if n == changed else 'user'}{n}@example.com") for n in range(entries)]
    return '<feed xmlns="http://www.w3.org/2005/Atom">' + "".join(rows) + "</feed>"


def median_ms(job: Callable[[], object], runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        job()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--entries", default="10,50,200")
    args = parser.parse_args()
    print(machine())
    a, b = (FIXTURES / "T1-failing.xml").read_text(), (FIXTURES / "T1-fixed.xml").read_text()
    found = diff_bodies(a, b)
    print(f"T1 pair: {median_ms(lambda: diff_bodies(a, b), args.runs):.1f} ms, {len(found)} differences")
    for entries in (int(x) for x in args.entries.split(",")):
        left, right = feed(entries), feed(entries, changed=entries // 2)
        found = diff_bodies(left, right)
        elements = entries * 12 + 1
        ms = median_ms(lambda: diff_bodies(left, right), max(1, args.runs // (1 + entries // 100)))
        print(f"feed of {entries} entries ({elements} elements, {len(left) / 1024:.0f} KiB): {ms:.0f} ms, "
              f"{len(found)} difference(s)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
