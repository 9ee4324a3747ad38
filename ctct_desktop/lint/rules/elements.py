"""L007 (unknown or misspelled elements) and L012 (read-only elements written)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from lxml import etree

from ctct_desktop.lint.context import LintContext
from ctct_desktop.lint.model import Diagnostic, RuleDoc, Severity
from ctct_desktop.lint.registry import register
from ctct_desktop.lint.rules.common import WRITE_METHODS, atom_request, rename_fix
from ctct_desktop.lint.vocab import (
    ATOM_NS, CAMPAIGN_READ_ONLY, CONTACT_READ_ONLY, CTCT_NS, ELEMENTS_BY_PAYLOAD, suggest_name,
)

L007 = RuleDoc("L007", "Only known, exact-case element names", Severity.ERROR,
               "Element names are case-sensitive: support rejected <emailaddress> and required <EmailAddress> "
               "(P23). An unknown or miscased element is a 400. The fix renames both the start and the end tag.",
               "<emailaddress>jo@example.com</emailaddress>", "<EmailAddress>jo@example.com</EmailAddress>")
L012 = RuleDoc("L012", "Read-only elements are not written", Severity.WARNING,
               "Status, Name, Confirmed, InsertTime, LastUpdateTime, the opt-in/opt-out times and the campaign "
               "statistics are returned by GET and ignored on write. Echoing them back after a GET hides what the "
               "request really changes (Status is changed through PUT/DELETE semantics). An empty element such "
               "as <Status></Status>, which clients that write every field send, is treated as absent.",
               "<Status>Active</Status>\n<EmailAddress>...", "<EmailAddress>...")

_CUSTOM_FIELD = re.compile(r"^CustomField\d+$")
_LIST_CHILDREN = frozenset(("ContactList",))
_SENDER_CHILDREN = frozenset(("Email", "EmailAddress"))


def _payload_known(ctx: LintContext) -> bool:
    return atom_request(ctx) and ctx.payload is not None and ctx.payload_kind in ELEMENTS_BY_PAYLOAD \
        and etree.QName(ctx.payload).namespace == CTCT_NS


def _unknown(ctx: LintContext, element: etree._Element, parent: str, known: frozenset[str]) -> Diagnostic | None:
    qname = etree.QName(element)
    if qname.namespace == ATOM_NS and qname.localname == "link":
        return None
    if qname.namespace == CTCT_NS and qname.localname in known:
        return None
    if qname.namespace == CTCT_NS and parent == "Contact" and _CUSTOM_FIELD.match(qname.localname):
        return None  # the number range is L011's
    if qname.namespace != CTCT_NS and qname.localname in known:
        where = "no namespace" if qname.namespace is None else f"the namespace {qname.namespace}"
        return ctx.at_element(L007, element, f"<{qname.localname}> is in {where}, not the CTCT namespace.",
                              "Remove xmlns=\"\" (or the prefix) so it inherits the CTCT namespace.")
    suggestion = suggest_name(qname.localname, known)
    if suggestion:
        return ctx.at_element(L007, element, f"Unknown element <{qname.localname}> in <{parent}>; did you mean "
                              f"<{suggestion}>?", "Element names are case-sensitive.",
                              fix=rename_fix(ctx, element, suggestion))
    return ctx.at_element(L007, element, f"Unknown element <{qname.localname}> in <{parent}>.",
                          f"See the {parent} element table in the rule documentation.")


@register(L007, _payload_known)
def check_element_names(ctx: LintContext) -> Iterator[Diagnostic]:
    kind = ctx.payload_kind
    known = ELEMENTS_BY_PAYLOAD[kind]
    for element in ctx.payload.iterchildren(etree.Element):  # type: ignore[union-attr]
        found = _unknown(ctx, element, kind, known)
        if found is not None:
            yield found
    lists = ctx.field("ContactLists")
    # Counted in C: a contact may carry many lists, and the clean case should not visit each one.
    if lists is not None and len(lists) != ctx.count_children(lists, "ContactList"):
        yield from _unknown_children(ctx, lists, "ContactLists", _LIST_CHILDREN)
    for name in ("FromEmail", "ReplyToEmail") if kind == "Campaign" else ():
        holder = ctx.field(name)
        if holder is not None:
            yield from _unknown_children(ctx, holder, name, _SENDER_CHILDREN)


def _unknown_children(ctx: LintContext, parent: etree._Element, name: str, known: frozenset[str]) -> Iterator[Diagnostic]:
    for element in parent.iterchildren(etree.Element):
        found = _unknown(ctx, element, name, known)
        if found is not None:
            yield found


def _writes_contact_or_campaign(ctx: LintContext) -> bool:
    return _payload_known(ctx) and ctx.method in WRITE_METHODS and ctx.payload_kind in ("Contact", "Campaign")


@register(L012, _writes_contact_or_campaign)
def check_read_only(ctx: LintContext) -> Iterator[Diagnostic]:
    read_only = CONTACT_READ_ONLY if ctx.payload_kind == "Contact" else CAMPAIGN_READ_ONLY
    for name in read_only:
        element = ctx.field(name)
        # An empty <Status></Status> says nothing: clients that write every field send one.
        if element is not None and (len(element) or (element.text or "").strip()):
            yield ctx.at_element(L012, element, f"<{name}> is read-only; the server ignores it.",
                                 "Remove it (GET responses include it; requests should not).")
