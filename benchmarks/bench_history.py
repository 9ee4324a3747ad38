"""History benchmark: record 5000 sends with 10 KB bodies, then time listing, searching and opening.

Run: .venv/bin/python benchmarks/bench_history.py [--entries 5000] [--body-kb 10] [--no-fts]
Prints figures and the machine; writes only to a temporary folder.
"""

from __future__ import annotations

import argparse
import os
import platform
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from ctct_desktop.core.models import (  # noqa: E402
    Auth,
    AuthKind,
    BodyKind,
    Exchange,
    RequestModel,
    ResponseRecord,
)
from ctct_desktop.store.history import History  # noqa: E402

STATUSES = [200, 200, 200, 201, 201, 204, 400, 401, 404, 409, 500]
METHODS = ["GET", "GET", "POST", "PUT", "DELETE"]


def _words(rng: random.Random, count: int) -> list[str]:
    letters = "abcdefghijklmnopqrstuvwxyz"
    return ["".join(rng.choice(letters) for _ in range(rng.randint(3, 10))) for _ in range(count)]


def _body(rng: random.Random, vocabulary: list[str], size: int, n: int) -> str:
    parts = [f'<entry xmlns="http://www.w3.org/2005/Atom"><id>urn:entry:{n}</id><content>']
    length = len(parts[0])
    while length < size:
        line = f"<Note>{' '.join(rng.choices(vocabulary, k=8))}</Note>\n"
        parts.append(line)
        length += len(line)
    parts.append("</content></entry>")
    return "".join(parts)[: size - 19] + "</content></entry>"


def _exchange(rng: random.Random, vocabulary: list[str], size: int, n: int) -> Exchange:
    method = rng.choice(METHODS)
    url = f"http://127.0.0.1:8765/ws/customers/joe/contacts/{n}?api_key=ak-secret-{n % 7}"
    request = RequestModel(method=method, url=url, body=_body(rng, vocabulary, size, n) if method != "GET" else "",
                           body_kind=BodyKind.XML,
                           auth=Auth(AuthKind.CTCT_BASIC, username="joe", password="pw-secret", api_key="ak"))
    status = rng.choice(STATUSES)
    response = ResponseRecord(status, "Reason", "HTTP/1.1", (("Content-Type", "application/atom+xml"),),
                              _body(rng, vocabulary, size, n).encode(), url, rng.uniform(5, 400))
    return Exchange(request, response, None, url)


def _time(label: str, action: Callable[[], object], repeat: int = 5) -> None:
    samples = []
    result: object = None
    for _ in range(repeat):
        start = time.perf_counter()
        result = action()
        samples.append((time.perf_counter() - start) * 1000)
    found = f"{len(result):>4} hits" if isinstance(result, list) else ""
    print(f"  {label:<38} median {statistics.median(samples):8.2f} ms  max {max(samples):8.2f} ms  {found}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--entries", type=int, default=5000)
    parser.add_argument("--body-kb", type=int, default=10)
    parser.add_argument("--no-fts", action="store_true", help="measure the LIKE fallback")
    args = parser.parse_args()
    print(f"machine: {platform.platform()} | processor: {platform.processor() or 'unknown'} | "
          f"cpus: {os.cpu_count()} | python {platform.python_version()} | sqlite {__import__('sqlite3').sqlite_version}")
    rng = random.Random(6)
    vocabulary = _words(rng, 3000)
    size = args.body_kb * 1024
    exchanges = [_exchange(rng, vocabulary, size, n) for n in range(args.entries)]
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "history.sqlite3"
        history = History(path, max_entries=args.entries, full_text=not args.no_fts)
        print(f"search mode: {'FTS5' if history.full_text else 'LIKE'}; {args.entries} entries, "
              f"{args.body_kb} KB request and response bodies")
        start = time.perf_counter()
        per_record = []
        for item in exchanges:
            t0 = time.perf_counter()
            history.record(item, secrets=["pw-secret"])
            per_record.append((time.perf_counter() - t0) * 1000)
        total = time.perf_counter() - start
        print(f"  record {args.entries}: {total:.2f} s total, median {statistics.median(per_record):.2f} ms, "
              f"p99 {sorted(per_record)[int(len(per_record) * 0.99)]:.2f} ms")
        # At the bound: every record now also prunes the oldest entry.
        pruning = []
        for item in exchanges[:200]:
            t0 = time.perf_counter()
            history.record(item)
            pruning.append((time.perf_counter() - t0) * 1000)
        print(f"  record at the bound (prunes oldest): median {statistics.median(pruning):.2f} ms")
        files = sum(p.stat().st_size for p in Path(folder).iterdir())
        print(f"  files on disk: {files / 1024 / 1024:.1f} MiB; stored bytes counted: "
              f"{history.usage().stored_bytes / 1024 / 1024:.1f} MiB")
        newest = history.list(limit=1)[0].id
        common, rare = vocabulary[0], vocabulary[-1]
        _time("list(200)", lambda: history.list(200))
        _time("list(200, offset=4000)", lambda: history.list(200, 4000))
        _time("get(newest)", lambda: [history.get(newest)])
        _time('search("409")', lambda: history.search("409"))
        _time('search("4xx")', lambda: history.search("4xx"))
        _time('search("DELETE")', lambda: history.search("DELETE"))
        _time('search("contacts/123")', lambda: history.search("contacts/123"))
        _time(f'search("{common}") common word', lambda: history.search(common))
        _time(f'search("{rare}") rare word', lambda: history.search(rare))
        _time(f'search("{common[:3]}") prefix', lambda: history.search(common[:3]))
        _time('search("POST 2xx <word>")', lambda: history.search(f"POST 2xx {common}"))
        _time('search("zzzzzzzz") no match', lambda: history.search("zzzzzzzz"))
        _time('search("</Note>") punctuation', lambda: history.search("</Note>"))
        history.close()
        start = time.perf_counter()
        reopened = History(path, max_entries=args.entries)
        print(f"  reopen existing database: {(time.perf_counter() - start) * 1000:.1f} ms")
        start = time.perf_counter()
        reopened.clear()
        print(f"  clear(): {(time.perf_counter() - start) * 1000:.1f} ms")
        reopened.close()


if __name__ == "__main__":
    main()
