"""L018 (a '+' in a datetime offset turned into a space) and L020 (Schedule's ScheduledTime)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import datetime, timezone
from urllib.parse import unquote, unquote_plus

from lxml import etree

from ctct_desktop.lint.context import LintContext
from ctct_desktop.core.urls import encode_component, split_url
from ctct_desktop.lint.model import Diagnostic, Fix, RuleDoc, Severity, TextEdit, Where
from ctct_desktop.lint.registry import register
from ctct_desktop.lint.rules.common import parse_xs_datetime, parsed, payload_is, text_of
from ctct_desktop.lint.vocab import is_placeholder

L018 = RuleDoc("L018", "Datetime offsets keep their '+'", Severity.ERROR,
               "A pipeline that URL-decodes XML text (the official CC_Utility sample did) turns the '+' of a "
               "timezone offset into a space: 2010-09-28T05:22:42 01:00. The server rejects the datetime. "
               "The same happens to a raw '+' in a query such as ?updatedsince=...+01:00. Prefer UTC 'Z' "
               "timestamps, encode '+' as %2B in URLs and never URL-decode XML values.",
               "<Date>2010-09-28T05:22:42 01:00</Date>", "<Date>2010-09-28T05:22:42+01:00</Date>")
L020 = RuleDoc("L020", "ScheduledTime is a valid future datetime", Severity.ERROR,
               "A Schedule's ScheduledTime must be a full xs:dateTime (2010-11-13T20:03:35.000Z). A time in the "
               "past cannot be scheduled (warning: the clock of this machine decides).",
               "<ScheduledTime>tomorrow 9am</ScheduledTime>", "<ScheduledTime>2030-11-13T20:03:35.000Z</ScheduledTime>")

_SPACED_OFFSET = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?( )\d{2}:\d{2}")
_LONG_TEXT = 120  # datetimes are short; long texts are not scanned
# A literal-led pattern is scanned fast; the body is checked with it before any element is.
_QUICK = re.compile(r":\d\d(?:\.\d+)? \d\d:\d\d")
_FREE_TEXT = frozenset(("EmailContent", "EmailTextContent", "StyleSheet", "PermissionReminderText"))


@register(L018, lambda ctx: True)
def check_spaced_offsets(ctx: LintContext) -> Iterator[Diagnostic]:
    yield from _query_offsets(ctx)
    if parsed(ctx):
        yield from _body_offsets(ctx)


def _query_offsets(ctx: LintContext) -> Iterator[Diagnostic]:
    """?updatedsince=2008-07-23T14:21:06+01:00 sent raw: the server reads the '+' as a space."""
    for pair in split_url(ctx.url)[1].split("&"):
        name, sep, raw = pair.partition("=")
        if not sep or "{{" in raw or not _SPACED_OFFSET.search(unquote_plus(raw)):
            continue
        fixed = _fixed_query(ctx.request.url, name)
        fix = Fix(f"Encode the '+' in {unquote(name)} as %2B", url=fixed) if fixed else None
        yield ctx.elsewhere(L018, Where.URL, f"{unquote(name)}={raw[:60]}: the server reads a raw '+' (or a space) "
                            "in the query as a space, breaking the timezone offset.",
                            "Encode '+' as %2B, or use a UTC 'Z' timestamp.", fix=fix)


def _fixed_query(raw_url: str, name: str) -> str | None:
    base, query, fragment = split_url(raw_url)
    pairs = []
    for pair in query.split("&"):
        key, sep, raw = pair.partition("=")
        if key == name and sep and "{{" not in raw:
            raw = encode_component(unquote(raw).replace(" ", "+"))
        pairs.append(f"{key}{sep}{raw}")
    fixed = f"{base}?{'&'.join(pairs)}{fragment}"
    return fixed if fixed != raw_url else None


def _body_offsets(ctx: LintContext) -> Iterator[Diagnostic]:
    root = ctx.root
    assert root is not None
    if _QUICK.search(ctx.body) is None:
        return
    for element in root.iter(etree.Element):
        if len(element) or etree.QName(element).localname in _FREE_TEXT:
            continue
        text = element.text
        if not text or len(text) > _LONG_TEXT or ":" not in text:
            continue
        match = _SPACED_OFFSET.search(text)
        if match is None:
            continue
        start, end = ctx.element_range(element, "content")
        raw = ctx.body[start:end]
        found = _SPACED_OFFSET.search(raw)
        name = etree.QName(element).localname
        if found is None:
            yield ctx.at_element(L018, element, f"<{name}> has a space where the offset's '+' belongs.", part="content")
            continue
        space = start + found.start(1)
        fix = Fix("Replace the space with '+'", (TextEdit(space, space + 1, "+"),))
        yield ctx.at_range(L018, space, space + 1, f"<{name}> has a space where the timezone offset's '+' belongs "
                           f"('{match.group(0)}').", "Something URL-decoded the XML; write '+' (or use UTC 'Z').", fix=fix)




@register(L020, payload_is("Schedule"))
def check_scheduled_time(ctx: LintContext) -> Iterator[Diagnostic]:
    element = ctx.field("ScheduledTime")
    if element is None:
        yield ctx.at_element(L020, ctx.payload, "<Schedule> has no <ScheduledTime>.", "Give the send time (UTC).")
        return
    value = text_of(element).strip()
    if is_placeholder(value) or _SPACED_OFFSET.search(value):
        return
    when = parse_xs_datetime(value)
    if when is None or "T" not in value:
        yield ctx.at_element(L020, element, f"ScheduledTime '{value[:60]}' is not a valid datetime.",
                             "Write e.g. 2030-11-13T20:03:35.000Z.", part="content" if value else "name")
    elif when < datetime.now(timezone.utc):
        yield ctx.at_element(L020, element, f"ScheduledTime {value} is in the past.", "Schedule a future time.",
                             severity=Severity.WARNING, part="content")
