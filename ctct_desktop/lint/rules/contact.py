"""L008-L011: the Contact payload (reference §4.2, §4.4, E3)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from lxml import etree

from ctct_desktop.lint.context import LintContext
from ctct_desktop.lint.model import Diagnostic, RuleDoc, Severity
from ctct_desktop.lint.registry import register
from ctct_desktop.lint.source import attributes, start_tag_at
from ctct_desktop.lint.rules.common import has_miscased, payload_is, replace_content_fix, text_of
from ctct_desktop.lint.vocab import (
    CTCT_NS, EMAIL, EMAIL_TYPES, LIST_URI, MAX_CUSTOM_FIELD_LENGTH, MAX_EMAIL_LENGTH,
    OPT_IN_SOURCES, is_placeholder, suggest_name,
)

L008 = RuleDoc("L008", "Contact has a valid EmailAddress and OptInSource", Severity.ERROR,
               "EmailAddress is required, at most 80 characters and must be a valid address, otherwise the "
               "server answers 'The provided email address ... was not valid' (E3). OptInSource is required "
               "and is ACTION_BY_CUSTOMER (the owner added the contact) or ACTION_BY_CONTACT (the contact "
               "signed up; triggers welcome and confirmation mail).",
               "<EmailAddress>jo at example</EmailAddress>",
               "<EmailAddress>jo@example.com</EmailAddress>\n<OptInSource>ACTION_BY_CUSTOMER</OptInSource>")
L009 = RuleDoc("L009", "Contact is on at least one list", Severity.WARNING,
               "A contact created without ContactLists is on no list and receives nothing; on PUT the list "
               "set is replaced, so an empty set moves the contact to Removed (§4.4).",
               "<Contact ...>\n  <EmailAddress>...</EmailAddress>\n  <OptInSource>ACTION_BY_CUSTOMER</OptInSource>\n</Contact>",
               "<ContactLists>\n  <ContactList id=\"http://api.constantcontact.com/ws/customers/joesflowers/lists/1\"/>\n</ContactLists>")
L010 = RuleDoc("L010", "ContactList id is a full list URI", Severity.ERROR,
               "ContactList@id must be the list's absolute URI "
               "(http://api.constantcontact.com/ws/customers/{user}/lists/{n}), not a bare number or a "
               "relative path. A username that differs from the request URI is reported by L028.",
               "<ContactList id=\"2\"/>",
               "<ContactList id=\"http://api.constantcontact.com/ws/customers/joesflowers/lists/2\"/>")
L011 = RuleDoc("L011", "EmailType and custom fields within limits", Severity.WARNING,
               "EmailType is HTML or Text. Only CustomField1 to CustomField15 exist (another number is an "
               "unknown element, which the server refuses: an error) and each holds at most 50 characters "
               "(longer values are cut or refused). An empty <EmailType></EmailType> or custom "
               "field, which the official PHP library sends for every field it has no value for, is absent.",
               "<EmailType>html</EmailType>\n<CustomField16>x</CustomField16>",
               "<EmailType>HTML</EmailType>\n<CustomField1>x</CustomField1>")

_CUSTOM_FIELD = re.compile(r"^CustomField(\d+)$")
_NS = {"c": CTCT_NS}
_FIRST_ID = etree.XPath("string(c:ContactList[1]/@id)", namespaces=_NS, smart_strings=False)


def _list_prefix(lists: etree._Element) -> str | None:
    """'http://.../lists/' of the first list id, when that prefix makes valid list URIs."""
    first = str(_FIRST_ID(lists)).strip()
    prefix = first.rpartition("/lists/")[0] + "/lists/" if "/lists/" in first else ""
    return prefix if prefix and LIST_URI.match(prefix + "1") else None


def _irregular_tags(ctx: LintContext, lists: etree._Element) -> Iterator[re.Match[str]] | None:
    """The <ContactList> start tags not written exactly as <ContactList id="PREFIX123"/> (an
    id written so is certainly valid), found by one search of the source instead of a visit to
    each of 100,000 elements. None when the source cannot be read that way."""
    elements, prefix = ctx.elements, _list_prefix(lists)
    if elements is None or prefix is None or not elements.plain:
        return None
    opened = elements.start_tag(lists)  # from there to the end: no need to find its end tag
    if opened is None:
        return None
    start, end, body = opened.end(), len(ctx.body), ctx.body
    # Each list is one of the unprefixed <ContactList tags counted here, so they are all lists.
    tags = body.count("<ContactList", start, end) - body.count("<ContactLists", start, end)
    if body.find(":ContactList", start, end) >= 0 or tags != ctx.count_children(lists, "ContactList"):
        return None
    irregular = re.compile(r"<ContactList(?=[\s/>])(?!\s+id=\"" + re.escape(prefix) + r"[0-9]+\"\s*/>)")
    return (tag for match in irregular.finditer(body, start, end)
            if (tag := start_tag_at(body, match.start())) is not None)


def _list_id_problem(value: str) -> str | None:
    if is_placeholder(value) or LIST_URI.match(value):
        return None
    return "<ContactList> has no id attribute." if not value else f"'{value[:80]}' is not a full list URI."


def _from_source(ctx: LintContext, tags: Iterator[re.Match[str]]) -> Iterator[Diagnostic]:
    for tag in tags:
        ident = next((a for a in attributes(ctx.body, tag) if a.name == "id"), None)
        value = ident.value.strip() if ident is not None else ""
        problem = _list_id_problem(value)
        if problem is None:
            continue
        if ident is None or not value:
            start = tag.start() + 1
            yield ctx.at_range(L010, start, start + len(tag.group("open")), problem, _NO_ID_HINT)
        else:
            yield ctx.at_range(L010, ident.start, ident.end, problem, _BAD_ID_HINT)


def _from_tree(ctx: LintContext, lists: etree._Element) -> Iterator[Diagnostic]:
    for item in lists.iterchildren(f"{{{CTCT_NS}}}ContactList"):
        value = (item.get("id") or "").strip()
        problem = _list_id_problem(value)
        if problem is None:
            continue
        if not value:
            yield ctx.at_element(L010, item, problem, _NO_ID_HINT)
        else:
            yield ctx.at_attribute(L010, item, "id", problem, _BAD_ID_HINT)


_NO_ID_HINT = "Give the list's full URI."
_BAD_ID_HINT = "Use http://api.constantcontact.com/ws/customers/{user}/lists/{n}."


_contact = payload_is("Contact")


@register(L008, _contact)
def check_email_and_source(ctx: LintContext) -> Iterator[Diagnostic]:
    payload = ctx.payload
    email = ctx.field("EmailAddress")
    if email is None and not has_miscased(ctx.payload, "EmailAddress"):
        yield ctx.at_element(L008, payload, "<Contact> has no <EmailAddress>.", "EmailAddress is required.")
    elif email is not None:
        yield from _email_value(ctx, email)
    source = ctx.field("OptInSource")
    if source is None and has_miscased(ctx.payload, "OptInSource"):
        return
    if source is None:
        yield ctx.at_element(L008, payload, "<Contact> has no <OptInSource>.",
                             "Add <OptInSource>ACTION_BY_CUSTOMER</OptInSource> when the account owner adds the contact.")
        return
    value = text_of(source).strip()
    if value in OPT_IN_SOURCES or is_placeholder(value):
        return
    fix = None
    if value.upper() in OPT_IN_SOURCES:
        fix = replace_content_fix(ctx, source, value.upper(), f"Use {value.upper()}")
    yield ctx.at_element(L008, source, f"OptInSource '{value[:60]}' is not ACTION_BY_CUSTOMER or ACTION_BY_CONTACT.",
                         "The value is case-sensitive.", fix=fix, part="content" if value else "name")


def _email_value(ctx: LintContext, email) -> Iterator[Diagnostic]:  # noqa: ANN001
    value = text_of(email).strip()
    if is_placeholder(value):
        return
    part = "content" if value else "name"
    if not value:
        yield ctx.at_element(L008, email, "<EmailAddress> is empty.", "EmailAddress is required.")
    elif len(value) > MAX_EMAIL_LENGTH:
        yield ctx.at_element(L008, email, f"The email address has {len(value)} characters; the limit is 80.",
                             "The server answers 'The provided email address ... was not valid'.", part=part)
    elif not EMAIL.match(value):
        hint = "A '+' that became a space in transport breaks addresses too." if " " in value else \
            "The server answers 'The provided email address ... was not valid'."
        yield ctx.at_element(L008, email, f"'{value[:80]}' is not a valid email address.", hint, part=part)


@register(L009, _contact)
def check_lists_present(ctx: LintContext) -> Iterator[Diagnostic]:
    lists = ctx.field("ContactLists")
    if lists is not None and next(iter(lists.iterchildren(f"{{{CTCT_NS}}}ContactList")), None) is not None:
        return
    target = lists if lists is not None else ctx.payload
    if ctx.method == "PUT":
        message = "No ContactList: a PUT replaces the list set, so this moves the contact to Removed."
    else:
        message = "No ContactList: the contact is created on no list."
    yield ctx.at_element(L009, target, message, "Add <ContactLists><ContactList id=\"...list URI...\"/></ContactLists>.")


def _contact_or_campaign(ctx: LintContext) -> bool:
    return _contact(ctx) or payload_is("Campaign")(ctx)


@register(L010, _contact_or_campaign)
def check_list_ids(ctx: LintContext) -> Iterator[Diagnostic]:
    lists = ctx.field("ContactLists")
    if lists is None:
        return
    tags = _irregular_tags(ctx, lists)
    yield from _from_tree(ctx, lists) if tags is None else _from_source(ctx, tags)


@register(L011, _contact)
def check_email_type_and_custom_fields(ctx: LintContext) -> Iterator[Diagnostic]:
    email_type = ctx.field("EmailType")
    value = text_of(email_type).strip()
    # An empty <EmailType></EmailType> is absent: the official PHP library always sends one.
    if email_type is not None and value and value not in EMAIL_TYPES and not is_placeholder(value):
        right = suggest_name(value, frozenset(EMAIL_TYPES))
        fix = replace_content_fix(ctx, email_type, right, f"Use {right}") if right else None
        yield ctx.at_element(L011, email_type, f"EmailType '{value[:40]}' is not HTML or Text.", "Case matters.", fix=fix,
                             part="content")
    for element in ctx.payload_children():
        match = _CUSTOM_FIELD.match(element.tag.split("}")[-1])
        if not match:
            continue
        number = int(match.group(1))
        if not 1 <= number <= 15:  # an unknown element: the server refuses it (P23), so an error
            yield ctx.at_element(L011, element, f"CustomField{number} does not exist; use CustomField1 to CustomField15.",
                                 "The server refuses an element it does not know.", severity=Severity.ERROR)
        text = text_of(element)
        if len(text) > MAX_CUSTOM_FIELD_LENGTH and not is_placeholder(text):
            yield ctx.at_element(L011, element, f"CustomField{number} has {len(text)} characters; the limit is 50.",
                                 part="content")
