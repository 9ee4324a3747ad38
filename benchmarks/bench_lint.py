"""Lint time for 1 MB and 10 MB bodies next to a bare lxml parse of the same bytes.

Target: lint within 3x of the bare parse, also when the body has errors. Shapes: a campaign
whose EmailContent is large (the realistic big v1 body), a contact with thousands of elements
(the worst case for locating an element in the source), and that contact with one error at
its very end, of four kinds: an unknown element (L007), a list id that is not a URI (L010), a
URI of another account (L028) and a mismatched end tag (L021, not well-formed).

Both measurements run in this process, interleaved so load from other work hits both alike;
the figures are medians over the runs (``--runs``, default 7), and the ratio is of the medians.
Run: .venv/bin/python benchmarks/bench_lint.py [--runs N] [--sizes 1,10]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from xml.sax.saxutils import escape

from lxml import etree

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from benchmarks.machine_info import machine  # noqa: E402

from ctct_desktop.core.models import Auth, AuthKind, BodyKind, RequestModel  # noqa: E402
from ctct_desktop.core.xml_safety import make_parser  # noqa: E402
from ctct_desktop.lint import lint_request  # noqa: E402

CORPUS = ROOT / "tests" / "lint" / "corpus"
BASE = "https://api.constantcontact.com/ws/customers/joesflowers"
AUTH = Auth(AuthKind.CTCT_BASIC, username="joesflowers", password="pw", api_key="KEY")
LAST_LIST = '<ContactList id="http://api.constantcontact.com/ws/customers/joesflowers/lists/1"/>'
ERRORS_AT_END: dict[str, tuple[str, str]] = {
    "unknown element": ("</Contact>", "  <Bogus>x</Bogus>\n    </Contact>"),
    "bad list id": (LAST_LIST, '<ContactList id="7"/>'),
    "other account": (LAST_LIST, LAST_LIST.replace("joesflowers", "marysbakery")),
    "mismatched end tag": ("</Contact>", "  <Note>x</note>\n    </Contact>"),
}


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


def with_error(body: str, kind: str) -> str:
    """``body`` with one error of ``kind`` at its very end (the last match is replaced)."""
    old, new = ERRORS_AT_END[kind]
    at = body.rindex(old)
    return body[:at] + new + body[at + len(old):]


def _timed(work: Callable[[], object]) -> float:
    start = time.perf_counter()
    work()
    return time.perf_counter() - start


def _bare(data: bytes) -> None:
    try:
        etree.fromstring(data, make_parser())
    except etree.XMLSyntaxError:
        pass  # a body that is not well-formed costs its parse up to the error


def interleaved(runs: int, first: Callable[[], object], second: Callable[[], object]) -> tuple[list[float], list[float]]:
    """Alternate the two measurements so load from other processes hits both alike."""
    a, b = [], []
    for _ in range(runs):
        a.append(_timed(first))
        b.append(_timed(second))
    return a, b


def measure(label: str, body: str, path: str, runs: int) -> float:
    data = body.encode("utf-8")
    request = RequestModel(method="POST", url=BASE + path, body=body, body_kind=BodyKind.XML, auth=AUTH)
    findings = lint_request(request)
    bare, linted = interleaved(runs, lambda: _bare(data), lambda: lint_request(request))
    med_bare, med_lint = statistics.median(bare), statistics.median(linted)
    codes = ",".join(sorted({d.code for d in findings})) or "-"
    print(f"{label:<38} {len(data) / 1e6:6.2f} MB  bare parse {med_bare * 1000:7.1f} ms  "
          f"lint {med_lint * 1000:7.1f} ms  ratio {med_lint / med_bare:5.2f}x  "
          f"(lint min {min(linted) * 1000:.1f}, max {max(linted) * 1000:.1f})  findings {len(findings)} {codes}",
          flush=True)
    return med_lint / med_bare


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--sizes", default="1,10", help="body sizes in MB, comma-separated")
    args = parser.parse_args()
    print(machine(f"lxml {'.'.join(map(str, etree.LXML_VERSION))}"))
    print(f"medians of {args.runs} interleaved runs; target: lint within 3x of the bare parse")
    worst = 0.0
    for size in (int(float(s) * 1e6) for s in args.sizes.split(",") if s.strip()):
        worst = max(worst, measure("campaign, big EmailContent", campaign_body(size), "/campaigns", args.runs))
        contact = many_elements_body(size)
        worst = max(worst, measure("contact, many elements", contact, "/contacts", args.runs))
        for kind in ERRORS_AT_END:
            worst = max(worst, measure(f"contact, many elements, {kind}", with_error(contact, kind),
                                       "/contacts", args.runs))
    print(f"worst ratio {worst:.2f}x")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
