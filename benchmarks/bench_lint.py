"""Lint time for 1 MB and 10 MB bodies next to a bare lxml parse of the same bytes.

Target: lint within 3x of the bare parse. Two shapes: a campaign whose EmailContent is large
(the realistic big v1 body) and a contact with thousands of elements (worst case for the tag
scan that gives columns). Run: .venv/bin/python benchmarks/bench_lint.py
"""

from __future__ import annotations

import os
import platform
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from xml.sax.saxutils import escape

from lxml import etree

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from ctct_desktop.core.models import Auth, AuthKind, BodyKind, RequestModel  # noqa: E402
from ctct_desktop.core.xml_safety import make_parser  # noqa: E402
from ctct_desktop.lint import lint_request  # noqa: E402

CORPUS = ROOT / "tests" / "lint" / "corpus"
BASE = "https://api.constantcontact.com/ws/customers/joesflowers"
AUTH = Auth(AuthKind.CTCT_BASIC, username="joesflowers", password="pw", api_key="KEY")


def campaign_body(size: int) -> str:
    """The corpus HTML campaign with EmailContent grown to about ``size`` bytes."""
    template = (CORPUS / "campaign_create_html.xml").read_text(encoding="utf-8")
    row = "<tr><td class=\"c\">Roses &amp; tulips</td><td><a href=\"https://example.com/?a=1&amp;b=2\">Shop</a></td></tr>\n"
    rows = row * max(1, size // len(escape(row)))
    html = f"<html><body><table>{rows}</table><p>See you soon</p></body></html>"
    start = template.index("<EmailContent>") + len("<EmailContent>")
    end = template.index("</EmailContent>")
    return template[:start] + escape(html) + template[end:]


def many_elements_body(size: int) -> str:
    """A contact on thousands of lists: many small elements, each needing a source span."""
    template = (CORPUS / "contact_create.xml").read_text(encoding="utf-8")
    item = '        <ContactList id="http://api.constantcontact.com/ws/customers/joesflowers/lists/{n}"/>\n'
    count = max(1, size // len(item.format(n=1000)))
    lists = "".join(item.format(n=n) for n in range(count))
    return template.replace("      <ContactLists>\n", "      <ContactLists>\n" + lists, 1)


def _timed(work: Callable[[], object]) -> float:
    start = time.perf_counter()
    work()
    return time.perf_counter() - start


def interleaved(runs: int, first: Callable[[], object], second: Callable[[], object]) -> tuple[list[float], list[float]]:
    """Alternate the two measurements so load from other processes hits both alike."""
    a, b = [], []
    for _ in range(runs):
        a.append(_timed(first))
        b.append(_timed(second))
    return a, b


def measure(label: str, body: str, path: str) -> None:
    data = body.encode("utf-8")
    request = RequestModel(method="POST", url=BASE + path, body=body, body_kind=BodyKind.XML, auth=AUTH)
    findings = lint_request(request)
    runs = 15 if len(data) < 5_000_000 else 7
    bare, linted = interleaved(runs, lambda: etree.fromstring(data, make_parser()), lambda: lint_request(request))
    best_bare, best_lint = min(bare), min(linted)
    med_bare, med_lint = statistics.median(bare), statistics.median(linted)
    print(f"{label:<28} {len(data) / 1e6:6.2f} MB  bare parse {best_bare * 1000:7.1f} ms (median {med_bare * 1000:7.1f})  "
          f"lint {best_lint * 1000:7.1f} ms (median {med_lint * 1000:7.1f})  ratio {best_lint / best_bare:4.2f}x  "
          f"diagnostics {len(findings)}")


def main() -> None:
    print(f"machine: {platform.processor() or platform.machine()}, {os.cpu_count()} CPUs, "
          f"Python {platform.python_version()}, lxml {'.'.join(map(str, etree.LXML_VERSION))}")
    for size in (1_000_000, 10_000_000):
        measure("campaign, big EmailContent", campaign_body(size), "/campaigns")
        measure("contact, many elements", many_elements_body(size), "/contacts")


if __name__ == "__main__":
    main()
