"""L025: form bodies for POST /activities (reference §7)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from urllib.parse import quote, unquote_plus

from ctct_desktop.lint.context import LintContext
from ctct_desktop.lint.model import Diagnostic, RuleDoc, Severity
from ctct_desktop.lint.multipart import boundary_of, parts
from ctct_desktop.lint.registry import register
from ctct_desktop.lint.vocab import (
    ACTIVITY_TYPES, EXPORT_FILE_TYPES, EXPORT_SORT_BY, LIST_URI, is_placeholder,
)

L025 = RuleDoc("L025", "Bulk activity forms are complete and encoded", Severity.ERROR,
               "POST /activities is form-encoded: activityType is one of SV_ADD, ADD_CONTACTS, "
               "ADD_CONTACT_DETAIL, REMOVE_CONTACTS_FROM_LISTS, CLEAR_CONTACTS_FROM_LISTS, EXPORT_CONTACTS; each "
               "'lists' value is a full list URI, URL-encoded, sent once per list; add data starts with a header "
               "row; CLEAR has no data; EXPORT has exactly one listId, fileType CSV or TXT and sortBy "
               "EMAIL_ADDRESS or DATE_DESC. The server refuses a form that breaks these (errors); a list URI "
               "left unencoded usually survives, so that one is a warning.",
               "activityType=SV_ADD&data=jo%40example.com&lists=http://api.constantcontact.com/ws/customers/joesflowers/lists/1",
               "activityType=SV_ADD&data=Email+Address%0Ajo%40example.com"
               "&lists=http%3A%2F%2Fapi.constantcontact.com%2Fws%2Fcustomers%2Fjoesflowers%2Flists%2F1")

_PAIR = re.compile(r"[^&]+")
_ADD_TYPES = ("SV_ADD", "ADD_CONTACTS", "ADD_CONTACT_DETAIL")


@dataclass(frozen=True)
class FormField:
    name: str
    raw: str
    value: str
    start: int
    end: int


def _fields(body: str) -> list[FormField]:
    fields = []
    for match in _PAIR.finditer(body):
        pair = match.group(0)
        name, _, raw = pair.partition("=")
        fields.append(FormField(unquote_plus(name).strip(), raw, unquote_plus(raw), match.start(), match.end()))
    return fields


def _multipart_fields(body: str, boundary: str) -> list[FormField]:
    """Multipart values are sent as they are, never URL-encoded: ``raw`` is their encoded form, so
    the encoding checks of urlencoded forms do not fire on them."""
    return [FormField(p.name, p.value if is_placeholder(p.value) else quote(p.value, safe=""), p.value, p.start, p.end)
            for p in parts(body, boundary)]


def is_activity_form(ctx: LintContext) -> bool:
    """Form bodies, and multipart ones read part by part (PHP sends an array as multipart)."""
    if not (ctx.target.api == "v1" and ctx.target.kind == "activities" and ctx.method == "POST"
            and ctx.body_kind == "form"):
        return False
    return not ctx.content_type.startswith("multipart/") or boundary_of(ctx.body) is not None


def _at(ctx: LintContext, field: FormField, message: str, hint: str = "",
        severity: Severity | None = None) -> Diagnostic:
    return ctx.at_range(L025, field.start, field.end, message, hint, severity=severity)


def _list_problems(ctx: LintContext, field: FormField) -> Iterator[Diagnostic]:
    if is_placeholder(field.raw):
        return
    if ":" in field.raw or "/" in field.raw:
        yield _at(ctx, field, f"The {field.name} value is not URL-encoded.",
                  "Encode the list URI (http%3A%2F%2F...); raw ':' and '/' break some forms.", severity=Severity.WARNING)
    if not LIST_URI.match(field.value):
        yield _at(ctx, field, f"'{field.value[:80]}' is not a full list URI.",
                  "Use http://api.constantcontact.com/ws/customers/{user}/lists/{n}, URL-encoded.")


def _by_name(fields: list[FormField], name: str) -> list[FormField]:
    return [f for f in fields if f.name == name]


def form_fields(ctx: LintContext) -> list[FormField]:
    """The fields of an activity form (``is_activity_form``), urlencoded or multipart, in order."""
    boundary = boundary_of(ctx.body)
    return _multipart_fields(ctx.body, boundary) if boundary else _fields(ctx.body)


@register(L025, is_activity_form)
def check_activity_form(ctx: LintContext) -> Iterator[Diagnostic]:
    fields = form_fields(ctx)
    types = _by_name(fields, "activityType")
    if not types:
        yield ctx.at_range(L025, 0, min(len(ctx.body), 1), "The form has no activityType.",
                           "Start with activityType=SV_ADD (or another type).", severity=Severity.ERROR)
        return
    kind = types[0].value.strip()
    if kind not in ACTIVITY_TYPES and not is_placeholder(kind):
        yield _at(ctx, types[0], f"activityType '{kind[:40]}' is not one of {', '.join(ACTIVITY_TYPES)}.",
                  "Values are case-sensitive.", severity=Severity.ERROR)
        return
    for field in _by_name(fields, "lists") + _by_name(fields, "listId"):
        yield from _list_problems(ctx, field)
    if kind == "EXPORT_CONTACTS":
        yield from _export(ctx, fields, types[0])
    else:
        yield from _data_and_lists(ctx, fields, types[0], kind)


def _data_and_lists(ctx: LintContext, fields: list[FormField], type_field: FormField, kind: str) -> Iterator[Diagnostic]:
    data, lists = _by_name(fields, "data"), _by_name(fields, "lists")
    if not lists:
        yield _at(ctx, type_field, f"{kind} needs at least one 'lists' value.", "Send lists=... once per list.")
    if kind == "CLEAR_CONTACTS_FROM_LISTS":
        for field in data:
            yield _at(ctx, field, "CLEAR_CONTACTS_FROM_LISTS takes no data: it empties the lists entirely.")
        return
    if not data:
        yield _at(ctx, type_field, f"{kind} needs a 'data' field.", "data is CSV text, one contact per line.")
        return
    if kind in _ADD_TYPES and not is_placeholder(data[0].value):
        header = data[0].value.replace("\r\n", "\n").split("\n", 1)[0]
        if "email" not in header.lower() or "@" in header:
            yield _at(ctx, data[0], "The data has no header row (e.g. 'Email Address,First Name,Last Name').",
                      "The first line of data names the columns.")
        elif not any(line.strip() for line in data[0].value.replace("\r\n", "\n").split("\n")[1:]):
            yield _at(ctx, data[0], "The data has a header row but no contacts after it.",
                      "Add one line per contact under the header row.", severity=Severity.WARNING)


def _export(ctx: LintContext, fields: list[FormField], type_field: FormField) -> Iterator[Diagnostic]:
    list_ids = _by_name(fields, "listId")
    if len(list_ids) != 1:
        target = list_ids[1] if len(list_ids) > 1 else type_field
        yield _at(ctx, target, f"EXPORT_CONTACTS needs exactly one listId (found {len(list_ids)}).")
    checks = (("fileType", EXPORT_FILE_TYPES, True), ("sortBy", EXPORT_SORT_BY, False))
    for name, allowed, required in checks:
        found = _by_name(fields, name)
        if not found and required:
            yield _at(ctx, type_field, f"EXPORT_CONTACTS needs {name} ({' or '.join(allowed)}).")
        for field in found:
            if field.value not in allowed and not is_placeholder(field.value):
                yield _at(ctx, field, f"{name} '{field.value[:40]}' is not {' or '.join(allowed)}.")
