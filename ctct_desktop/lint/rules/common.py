"""Predicates and fix builders shared by the rule modules (no rule logic lives here)."""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta, timezone
from xml.sax.saxutils import escape

from lxml import etree

from ctct_desktop.lint.context import LintContext
from ctct_desktop.lint.model import Fix, TextEdit
from ctct_desktop.lint.vocab import CTCT_NS

WRITE_METHODS = frozenset(("POST", "PUT", "PATCH"))
ATOM_RESOURCES = frozenset(("contacts", "lists", "campaigns", "schedules"))

_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
_DATETIME = re.compile(
    r"^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}:\d{2})?$"
)


def xml_body(ctx: LintContext) -> bool:
    return ctx.body_kind == "xml"


def parsed(ctx: LintContext) -> bool:
    return ctx.body_kind == "xml" and ctx.root is not None


def atom_request(ctx: LintContext) -> bool:
    """An XML body for a v1 Atom resource (or one whose root says it is an Atom entry)."""
    if not parsed(ctx) or ctx.target.kind == "activities":
        return False
    if ctx.target.kind in ATOM_RESOURCES:
        return True
    root = ctx.root
    return root is not None and isinstance(root.tag, str) and etree.QName(root).localname in (
        "entry", "Contact", "ContactList", "Campaign", "Schedule")


def is_atom_entry(ctx: LintContext) -> bool:
    return atom_request(ctx) and ctx.root is not None and ctx.root.tag == "{http://www.w3.org/2005/Atom}entry"


def payload_is(kind: str):  # noqa: ANN201 - returns a predicate
    def applies(ctx: LintContext) -> bool:
        payload = ctx.payload
        return atom_request(ctx) and payload is not None and ctx.payload_kind == kind \
            and etree.QName(payload).namespace == CTCT_NS  # without it L006 speaks, nothing else
    return applies


def has_miscased(parent: etree._Element | None, name: str) -> bool:
    """True when ``parent`` has ``name`` under another case (L007 reports it, with a fix)."""
    if parent is None:
        return False
    folded = name.casefold()
    return any(etree.QName(c).localname.casefold() == folded and etree.QName(c).localname != name
               for c in parent.iterchildren(etree.Element))


def text_of(element: etree._Element | None) -> str:
    """Text of a small element; use ``ctx.text`` for ones that may be large."""
    return "" if element is None else (element.text or "")


def is_xs_date_or_datetime(value: str) -> bool:
    return is_xs_date(value) or is_xs_datetime(value)


def is_xs_date(value: str) -> bool:
    match = _DATE.match(value.strip())
    if not match:
        return False
    try:
        date(int(match.group(1)), int(match.group(2)), int(match.group(3)))
    except ValueError:
        return False
    return True


def parse_xs_datetime(value: str) -> datetime | None:
    """An aware datetime (naive values taken as UTC), or None when it is not xs:dateTime."""
    match = _DATETIME.match(value.strip())
    if not match:
        return None
    year, month, day, hour, minute = (int(match.group(i)) for i in range(1, 6))
    second = int(match.group(6) or 0)
    zone = match.group(8) or "Z"
    offset = 0 if zone == "Z" else (int(zone[1:3]) * 60 + int(zone[4:6])) * (1 if zone[0] == "+" else -1)
    try:
        return datetime(year, month, day, hour, minute, second, tzinfo=timezone(timedelta(minutes=offset)))
    except ValueError:
        return None


def is_xs_datetime(value: str) -> bool:
    return parse_xs_datetime(value) is not None


def rename_fix(ctx: LintContext, element: etree._Element, new_local: str) -> Fix | None:
    """Rename an element's start and end tag (keeping any prefix), as one fix."""
    if ctx.elements is None:
        return None
    span = ctx.elements.span(element)
    if span is None:
        return None
    start, end = span.name_range
    raw = ctx.body[start:end]
    prefix = raw.rsplit(":", 1)[0] + ":" if ":" in raw else ""
    edits = [TextEdit(start, end, prefix + new_local)]
    close = span.close_name_range
    if close is not None:
        edits.append(TextEdit(close[0], close[1], prefix + new_local))
    return Fix(f"Rename to <{new_local}>", tuple(edits))


def namespace_fix(ctx: LintContext, element: etree._Element, namespace: str, title: str) -> Fix | None:
    """Declare ``namespace`` as the default on an element's start tag (replacing xmlns="...")."""
    if ctx.elements is None:
        return None
    span = ctx.elements.span(element)
    if span is None:
        return None
    existing = ctx.elements.attribute_value_range(element, "xmlns")
    if existing is not None:
        return Fix(title, (TextEdit(existing[0], existing[1], namespace),))
    return Fix(title, (TextEdit(span.name_end, span.name_end, f' xmlns="{namespace}"'),))


def escape_content_fix(ctx: LintContext, element: etree._Element, title: str) -> Fix | None:
    """Escape the raw source between an element's tags, so markup becomes text."""
    start, end = ctx.element_range(element, "content")
    if end <= start:
        return None
    return Fix(title, (TextEdit(start, end, escape(ctx.body[start:end])),))


def replace_content_fix(ctx: LintContext, element: etree._Element, value: str, title: str) -> Fix | None:
    """Replace an element's text (an empty ``<x/>`` becomes ``<x>value</x>``)."""
    span = ctx.elements.span(element) if ctx.elements is not None else None
    if span is None:
        return None
    if span.close_start is None:
        name = ctx.body[span.name_range[0]:span.name_range[1]]
        opened = ctx.body[span.start:span.open_end][:-2].rstrip() + ">"
        return Fix(title, (TextEdit(span.start, span.open_end, f"{opened}{escape(value)}</{name}>"),))
    start, end = span.content
    return Fix(title, (TextEdit(start, end, escape(value)),))
