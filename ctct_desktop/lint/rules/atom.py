"""L001-L006: the Atom entry wrapper every v1 POST/PUT body needs (reference §1.3, E1)."""

from __future__ import annotations

from collections.abc import Iterator

from lxml import etree

from ctct_desktop.lint.context import LintContext
from ctct_desktop.lint.model import Diagnostic, Fix, RuleDoc, Severity, TextEdit
from ctct_desktop.lint.registry import register
from ctct_desktop.lint.rules.common import (
    WRITE_METHODS, atom_request, is_atom_entry, is_xs_date_or_datetime, namespace_fix, rename_fix,
    replace_content_fix, text_of,
)
from ctct_desktop.lint.vocab import (
    ATOM_NS, ATOM_REQUIRED, CTCT_CONTENT_TYPE, CTCT_NS, PAYLOADS, is_placeholder, suggest_name,
)

_ENTRY_EXAMPLE = ('<entry xmlns="http://www.w3.org/2005/Atom">\n  <id>data:,none</id>\n  <title/>\n  <author/>\n'
                  '  <updated>2008-07-23T14:21:06.407Z</updated>\n  <content type="application/vnd.ctct+xml">\n'
                  '    <Contact xmlns="http://ws.constantcontact.com/ns/1.0/">...</Contact>\n  </content>\n</entry>')

L001 = RuleDoc("L001", "Root is an Atom <entry>", Severity.ERROR,
               "Every v1 create or update is an Atom entry in the namespace http://www.w3.org/2005/Atom. "
               "Without the namespace the server does not recognise id, title, author or updated and answers "
               "with the 400 'errors in the common Atom sections' (E1).",
               "<entry>\n  <id>data:,none</id>...", _ENTRY_EXAMPLE)
L002 = RuleDoc("L002", "Atom id, title, author and updated are present", Severity.ERROR,
               "The docs require the Atom common elements even though the server replaces their values. "
               "A missing one is a 400 'common Atom sections' error. title and author may be empty.",
               "<entry xmlns=\"http://www.w3.org/2005/Atom\">\n  <content type=\"application/vnd.ctct+xml\">...</content>\n"
               "</entry>", _ENTRY_EXAMPLE)
L003 = RuleDoc("L003", "Atom <id> is a URI", Severity.ERROR,
               "<id> must hold a URI, but any URI will do: creates conventionally use data:,none and updates "
               "the resource URI. A bare number such as <id>2</id> is rejected (E7).",
               "<id>2</id>", "<id>data:,none</id>")
L004 = RuleDoc("L004", "Atom <updated> is a date or date-time", Severity.ERROR,
               "<updated> must parse as xs:date or xs:dateTime (2008-07-23T14:21:06.407Z; a plain date is "
               "accepted for lists). Anything else is a 'common Atom sections' 400.",
               "<updated>yesterday</updated>", "<updated>2008-07-23T14:21:06.407Z</updated>")
L005 = RuleDoc("L005", "Exactly one <content type=\"application/vnd.ctct+xml\">", Severity.ERROR,
               "The CTCT payload travels inside exactly one Atom <content> whose type is "
               "application/vnd.ctct+xml; CTCT elements placed directly under <entry> are outside it and "
               "make the server reject the common Atom sections.",
               "<content>\n  <Contact ...>", "<content type=\"application/vnd.ctct+xml\">\n  <Contact ...>")
L006 = RuleDoc("L006", "Content holds a CTCT payload in the CTCT namespace", Severity.ERROR,
               "Inside <content> the server expects one Contact, ContactList, Campaign or Schedule element in "
               "the namespace http://ws.constantcontact.com/ns/1.0/, matching the resource in the URL. Without "
               "the namespace (or with xmlns=\"\") none of its fields are recognised.",
               "<Contact>\n  <EmailAddress>...", "<Contact xmlns=\"http://ws.constantcontact.com/ns/1.0/\">")


def _writes(ctx: LintContext) -> bool:
    return atom_request(ctx) and ctx.method in WRITE_METHODS


def _entry(ctx: LintContext) -> bool:
    return is_atom_entry(ctx) and ctx.method in WRITE_METHODS


@register(L001, _writes)
def check_root(ctx: LintContext) -> Iterator[Diagnostic]:
    root = ctx.root
    assert root is not None
    if root.tag == f"{{{ATOM_NS}}}entry":
        return
    local = etree.QName(root).localname if isinstance(root.tag, str) else ""
    if local == "entry":
        fix = namespace_fix(ctx, root, ATOM_NS, "Add the Atom namespace")
        yield ctx.at_element(L001, root, "<entry> must be in the Atom namespace http://www.w3.org/2005/Atom.",
                             "Add xmlns=\"http://www.w3.org/2005/Atom\" to <entry>.", fix=fix)
    elif local in PAYLOADS:
        yield ctx.at_element(L001, root, f"<{local}> must be wrapped in an Atom <entry>, inside "
                             "<content type=\"application/vnd.ctct+xml\">.", "Start from a template or a GET response.")
    elif local == "feed":
        yield ctx.at_element(L001, root, "POST and PUT take a single Atom <entry>, not a <feed>.",
                             "Send one entry per request (use /activities for bulk work).")
    else:
        yield ctx.at_element(L001, root, f"The root element is <{local}>; a v1 body is an Atom <entry>.")


@register(L002, _entry)
def check_common_elements(ctx: LintContext) -> Iterator[Diagnostic]:
    root = ctx.root
    assert root is not None
    missing = [name for name in ATOM_REQUIRED if ctx.child(root, name, ATOM_NS) is None]
    if not missing:
        return
    defaults = {"id": "<id>data:,none</id>", "title": "<title/>", "author": "<author/>",
                "updated": "<updated>2008-07-23T14:21:06.407Z</updated>"}
    span = ctx.elements.span(root) if ctx.elements else None
    fix = None
    if span is not None:
        fix = Fix("Add the missing Atom elements",
                  (TextEdit(span.open_end, span.open_end, "".join(defaults[n] for n in missing)),))
    names = ", ".join(f"<{n}>" for n in missing)
    yield ctx.at_element(L002, root, f"The Atom entry lacks {names}.",
                         "The server requires id, title, author and updated even though it replaces them; "
                         "title and author may be empty.", fix=fix)


@register(L003, _entry)
def check_id(ctx: LintContext) -> Iterator[Diagnostic]:
    element = ctx.child(ctx.root, "id", ATOM_NS)
    value = text_of(element).strip()
    if element is None or ":" in value or is_placeholder(value):
        return
    suggestion = "data:,none"
    if ctx.method == "PUT" and ctx.target.is_item and ctx.url.startswith("https://"):
        suggestion = "http://" + ctx.url[len("https://"):].split("?")[0]
    fix = replace_content_fix(ctx, element, suggestion, f"Use <id>{suggestion}</id>")
    yield ctx.at_element(L003, element, f"<id> must hold a URI; '{value[:60]}' is not one.",
                         "Any URI works: data:,none for a create, the resource URI for an update.", fix=fix,
                         part="content" if value else "name")


@register(L004, _entry)
def check_updated(ctx: LintContext) -> Iterator[Diagnostic]:
    element = ctx.child(ctx.root, "updated", ATOM_NS)
    value = text_of(element).strip()
    if element is None or is_placeholder(value) or is_xs_date_or_datetime(value):
        return
    if " " in value and is_xs_date_or_datetime(value.replace(" ", "+")):
        return  # a '+' turned into a space: L018 reports it with its own fix
    fix = replace_content_fix(ctx, element, "2008-07-23T14:21:06.407Z", "Use a valid Atom timestamp")
    yield ctx.at_element(L004, element, f"<updated> must be a date or date-time; '{value[:60]}' is neither.",
                         "Write e.g. 2008-07-23T14:21:06.407Z (UTC) or 2008-04-16.", fix=fix,
                         part="content" if value else "name")


@register(L005, _entry)
def check_content(ctx: LintContext) -> Iterator[Diagnostic]:
    root = ctx.root
    assert root is not None
    contents = list(root.iterchildren(f"{{{ATOM_NS}}}content"))
    if not contents:
        yield ctx.at_element(L005, root, "The entry has no <content type=\"application/vnd.ctct+xml\">.",
                             "Put the CTCT element inside <content>.")
    for extra in contents[1:]:
        yield ctx.at_element(L005, extra, "More than one <content>: an entry carries exactly one.")
    for stray in root.iterchildren(etree.Element):
        if etree.QName(stray).namespace == CTCT_NS:
            yield ctx.at_element(L005, stray, f"<{etree.QName(stray).localname}> is outside <content>.",
                                 "CTCT elements belong inside <content type=\"application/vnd.ctct+xml\">.")
    if contents:
        yield from _content_type(ctx, contents[0])


def _content_type(ctx: LintContext, content: etree._Element) -> Iterator[Diagnostic]:
    declared = content.get("type")
    if declared == CTCT_CONTENT_TYPE:
        return
    span = ctx.elements.span(content) if ctx.elements else None
    fix = None
    value_range = ctx.elements.attribute_value_range(content, "type") if ctx.elements else None
    if value_range is not None:
        fix = Fix("Set type=\"application/vnd.ctct+xml\"", (TextEdit(*value_range, CTCT_CONTENT_TYPE),))
    elif span is not None:
        fix = Fix("Add type=\"application/vnd.ctct+xml\"",
                  (TextEdit(span.name_end, span.name_end, f' type="{CTCT_CONTENT_TYPE}"'),))
    what = "has no type attribute" if declared is None else f"has type=\"{declared}\""
    if declared is None:
        yield ctx.at_element(L005, content, f"<content> {what}.", f"Use type=\"{CTCT_CONTENT_TYPE}\".", fix=fix)
    else:
        yield ctx.at_attribute(L005, content, "type", f"<content> {what}.", f"Use type=\"{CTCT_CONTENT_TYPE}\".", fix=fix)


@register(L006, _entry)
def check_payload(ctx: LintContext) -> Iterator[Diagnostic]:
    content = ctx.content_element
    if content is None:
        return
    children = list(content.iterchildren(etree.Element))
    if not children:
        yield ctx.at_element(L006, content, "<content> is empty: it must hold a Contact, ContactList, Campaign "
                             "or Schedule element.")
        return
    payload = children[0]
    qname = etree.QName(payload)
    if qname.localname not in PAYLOADS:
        yield from _unknown_payload(ctx, payload, qname.localname)
        return
    if qname.namespace != CTCT_NS:
        fix = namespace_fix(ctx, payload, CTCT_NS, "Add the CTCT namespace")
        yield ctx.at_element(L006, payload, f"<{qname.localname}> must be in the namespace {CTCT_NS}.",
                             f"Add xmlns=\"{CTCT_NS}\" to <{qname.localname}>.", fix=fix)
    expected = {"contacts": "Contact", "lists": "ContactList", "campaigns": "Campaign",
                "schedules": "Schedule"}.get(ctx.target.kind)
    if expected and qname.localname != expected:
        yield ctx.at_element(L006, payload, f"<{qname.localname}> sent to /{ctx.target.kind}, which takes <{expected}>.",
                             "Check the URL or the template.")
    for extra in children[1:]:
        yield ctx.at_element(L006, extra, "<content> must hold exactly one element.")


def _unknown_payload(ctx: LintContext, payload: etree._Element, local: str) -> Iterator[Diagnostic]:
    suggestion = suggest_name(local, frozenset(PAYLOADS))
    if suggestion:
        yield ctx.at_element(L006, payload, f"<{local}> is not a CTCT element; did you mean <{suggestion}>?",
                             "Element names are case-sensitive.", fix=rename_fix(ctx, payload, suggestion))
    else:
        yield ctx.at_element(L006, payload, f"<{local}> is not a Contact, ContactList, Campaign or Schedule.")
