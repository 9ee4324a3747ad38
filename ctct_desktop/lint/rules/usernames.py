"""L028: the username agrees between URL path, body URIs and the Basic credential (E11, E13)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from urllib.parse import unquote

from lxml import etree

from ctct_desktop.core.models import AuthKind
from ctct_desktop.lint.context import LintContext
from ctct_desktop.lint.model import Diagnostic, RuleDoc, Severity, Where
from ctct_desktop.lint.registry import register
from ctct_desktop.lint.rules.activities import form_fields, is_activity_form
from ctct_desktop.lint.source import attributes, start_tag_at, text_value
from ctct_desktop.lint.vocab import CUSTOMER_URI

L028 = RuleDoc("L028", "One username everywhere", Severity.WARNING,
               "The username in /ws/customers/{username}/ must be the account the credential logs in to, or the "
               "server answers 401 or 403 (E11, E13). URIs in the body (entry id, Contact/ContactList/Email id, "
               "link href, an activity's lists and listId values) name the same account; a mismatch usually means XML copied from another account or "
               "a sample's placeholder user such as 'customer'.",
               "URL /ws/customers/joesflowers/...  body <ContactList id=\".../customers/otheruser/lists/1\"/>",
               "URL /ws/customers/joesflowers/...  body <ContactList id=\".../customers/joesflowers/lists/1\"/>")

_LONG = 2048


def _credential_user(ctx: LintContext) -> str | None:
    auth = ctx.auth
    if auth.kind is AuthKind.CTCT_BASIC:
        return auth.username or None
    if auth.kind is AuthKind.BASIC and auth.username.count("%") == 1:
        return auth.username.split("%", 1)[1] or None
    return None


def _same(a: str, b: str) -> bool:
    return a.casefold() == b.casefold()


def _usable(name: str | None) -> bool:
    return bool(name) and "{{" not in name and "%" not in name  # type: ignore[operator]


@register(L028, lambda ctx: True)
def check_usernames(ctx: LintContext) -> Iterator[Diagnostic]:
    path_user = ctx.target.username if ctx.target.api == "v1" else None
    cred_user = _credential_user(ctx)
    path_ok, cred_ok = _usable(path_user), _usable(cred_user)
    if path_ok and cred_ok and not _same(path_user, cred_user):  # type: ignore[arg-type]
        yield ctx.elsewhere(L028, Where.AUTH, f"The credential logs in as '{cred_user}' but the URL addresses "
                            f"'{path_user}'.", "Use the same account in both (otherwise 401/403).")
    reference = path_user if path_ok else cred_user if cred_ok else None
    if reference is None:
        return
    if ctx.root is not None:
        yield from _body_uris(ctx, reference)
    elif is_activity_form(ctx):
        yield from _form_list_uris(ctx, reference)


def _form_list_uris(ctx: LintContext, reference: str) -> Iterator[Diagnostic]:
    """An activity names its lists by URI; another account's list is refused as if it did not exist."""
    for field in form_fields(ctx):
        found = _other_user(field.value, reference) if field.name in ("lists", "listId") and \
            len(field.value) < _LONG else None
        if found:
            yield ctx.at_range(L028, field.start, field.end, _message(found, reference, f"{field.name}="))


def _body_uris(ctx: LintContext, reference: str) -> Iterator[Diagnostic]:
    root = ctx.root
    assert root is not None
    others = re.compile("/ws/customers/(?!" + re.escape(reference) + "/)")
    if others.search(ctx.body) is None:
        return  # every account URI already names the reference user (one search of a big body)
    if ctx.elements is not None and ctx.elements.plain:
        yield from _uris_in_source(ctx, others, reference)
        return
    for element in root.iter(etree.Element):
        for attr in ("id", "href"):
            value = element.get(attr)
            if value and len(value) < _LONG:
                found = _other_user(value, reference)
                if found:
                    yield ctx.at_attribute(L028, element, attr, _message(found, reference, f"{attr}=\"...\""))
        if etree.QName(element).localname == "id" and element.text and len(element.text) < _LONG and not len(element):
            found = _other_user(element.text, reference)
            if found:
                yield ctx.at_element(L028, element, _message(found, reference, "<id>"), part="content")


def _uris_in_source(ctx: LintContext, others: re.Pattern[str], reference: str) -> Iterator[Diagnostic]:
    """The same findings as the tree walk above, read around each account URI that does not
    name ``reference`` (one search of the source instead of a visit to every element)."""
    body, done = ctx.body, -1
    for match in others.finditer(body):
        opened = body.rfind("<", 0, match.start())
        if opened <= done or body.startswith(("</", "<?"), opened):
            continue  # seen already, or in an element's tail (the walk reads no tails)
        done, tag = opened, start_tag_at(body, opened)
        if tag is None:
            continue
        if tag.end() > match.start():  # inside the start tag: an attribute value
            yield from _attribute_uris(ctx, tag, reference)
        else:  # the text after a start tag: an <id> holding nothing but text
            yield from _id_text_uri(ctx, tag, reference)


def _attribute_uris(ctx: LintContext, tag: re.Match[str], reference: str) -> Iterator[Diagnostic]:
    for attr in sorted((a for a in attributes(ctx.body, tag) if a.name in ("id", "href")), key=lambda a: a.name != "id"):
        found = _other_user(attr.value, reference) if attr.value and len(attr.value) < _LONG else None
        if found:
            yield ctx.at_range(L028, attr.start, attr.end, _message(found, reference, f"{attr.name}=\"...\""))


def _id_text_uri(ctx: LintContext, tag: re.Match[str], reference: str) -> Iterator[Diagnostic]:
    body = ctx.body
    if tag.group("empty") or tag.group("open").rpartition(":")[2] != "id":
        return
    end = body.find("<", tag.end())
    if end < 0 or not body.startswith("</", end):
        return  # it has child elements
    text = text_value(body[tag.end():end])
    found = _other_user(text, reference) if text and len(text) < _LONG else None
    if found:
        yield ctx.at_range(L028, tag.end(), end, _message(found, reference, "<id>"))


def _other_user(uri: str, reference: str) -> str | None:
    match = CUSTOMER_URI.search(uri)
    if match is None:
        return None
    user = unquote(match.group("user"))
    if "{{" in user or _same(user, reference):
        return None
    return user


def _message(found: str, reference: str, where: str) -> str:
    return f"The URI in {where} names the account '{found}', but the request is for '{reference}'."
