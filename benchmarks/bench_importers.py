"""Importer benchmark: how long each importer takes on large and on worst-case inputs.

Run: .venv/bin/python benchmarks/bench_importers.py
Prints figures and the machine; touches no files. The window runs imports in a worker, so these
figures are the wait after a paste or a file pick, not a UI stall.
"""

from __future__ import annotations

import json
import platform
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from ctct_desktop.importers import MAX_IMPORT_CHARS, import_text  # noqa: E402

ENTRY = '<entry xmlns="http://www.w3.org/2005/Atom"><title/></entry>'


def _har(entries: int) -> str:
    one = {"request": {"method": "POST", "url": "https://api.constantcontact.com/ws/customers/joe/contacts",
                       "headers": [{"name": "Content-Type", "value": "application/atom+xml"}] * 8,
                       "postData": {"mimeType": "application/atom+xml", "text": ENTRY * 4}},
           "response": {"status": 201, "statusText": "Created", "headers": [], "content": {"text": ENTRY * 8}},
           "time": 12.5}
    return json.dumps({"log": {"version": "1.2", "entries": [one] * entries}})


def _postman(requests: int) -> str:
    item = {"name": "r", "request": {"method": "GET", "url": "{{base}}/lists", "header": [{"key": "A", "value": "b"}]}}
    return json.dumps({"info": {"schema": "https://schema.getpostman.com/json/collection/v2.1.0/collection.json"},
                       "item": [{"name": f"folder {i}", "item": [item] * 10} for i in range(requests // 10)]})


CASES: list[tuple[str, Callable[[], str]]] = [
    ("curl, 1 MB --data-binary body", lambda: "curl -X POST https://h/x --data-binary '" + "a" * 1_000_000 + "'"),
    ("curl, 8 MB of quotes and escapes (worst case)", lambda: "curl " + "'a'\\ \"b\"" * (MAX_IMPORT_CHARS // 10)),
    ("curl, 500 commands in one paste", lambda: "\n".join(f"curl -u k%u:p -H 'A: b' https://h/{i}" for i in range(500))),
    ("PHP, 1 MB of assignments", lambda: "".join(f'$v{i} = "x" . $v{i - 1};\n' for i in range(40_000))
     + "$ch = curl_init('https://h/x');"),
    ("raw HTTP, 4 MB body", lambda: "POST /x HTTP/1.1\r\nHost: h\r\n\r\n" + "b" * 4_000_000),
    ("HAR, 2,000 entries (about 5 MB)", lambda: _har(2000)),
    ("Postman, 2,000 requests in 200 folders", lambda: _postman(2000)),
]


def main() -> None:
    print(f"machine: {platform.machine()} {platform.processor() or ''} python {platform.python_version()}")
    for label, make in CASES:
        text = make()
        best = min(_time(text) for _ in range(3))
        result = import_text(text)
        print(f"{label:<48} {len(text) / 1_048_576:6.2f} MB  {best * 1000:8.1f} ms  "
              f"{len(result.requests)} requests{'  (' + result.error[:50] + ')' if result.error else ''}")


def _time(text: str) -> float:
    start = time.perf_counter()
    import_text(text)
    return time.perf_counter() - start


if __name__ == "__main__":
    main()
