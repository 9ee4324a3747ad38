"""L022: the Content-Type matches the body and the resource (E9, E17)."""

from __future__ import annotations

from collections.abc import Iterator

from ctct_desktop.lint.context import LintContext
from ctct_desktop.lint.model import Diagnostic, Fix, RuleDoc, Severity, Where
from ctct_desktop.lint.multipart import boundary_of
from ctct_desktop.lint.registry import register
from ctct_desktop.lint.rules.common import WRITE_METHODS
from ctct_desktop.lint.vocab import ATOM_MEDIA_TYPE, FORM_MEDIA_TYPE, MULTIPART_MEDIA_TYPE

L022 = RuleDoc("L022", "Content-Type matches the body", Severity.ERROR,
               "v1 XML resources take Content-Type application/atom+xml; POST /activities takes "
               "application/x-www-form-urlencoded or multipart/form-data. Anything else is a 415 (E17), and "
               "form fields posted to /lists are a 400 (E9). v2/v3 JSON bodies are application/json.",
               "POST /ws/customers/joesflowers/contacts\nContent-Type: application/xml",
               "POST /ws/customers/joesflowers/contacts\nContent-Type: application/atom+xml")


def _has_body(ctx: LintContext) -> bool:
    return ctx.method in WRITE_METHODS and ctx.body_kind != "none"


def _set(media: str) -> Fix:
    return Fix(f"Set Content-Type to {media}", set_headers=(("Content-Type", media),))


@register(L022, _has_body)
def check_content_type(ctx: LintContext) -> Iterator[Diagnostic]:
    ctype, kind, target = ctx.content_type, ctx.body_kind, ctx.target
    shown = ctype or "(none)"
    if target.api == "v1" and target.kind == "activities":
        if boundary_of(ctx.body) is not None:
            return  # a multipart body under the wrong type is L031's, with the boundary in its fix
        if ctype not in (FORM_MEDIA_TYPE, MULTIPART_MEDIA_TYPE):
            yield ctx.elsewhere(L022, Where.HEADER, f"POST /activities needs a form Content-Type, not {shown}.",
                                "Bulk activities are form-encoded, not Atom (E17).", fix=_set(FORM_MEDIA_TYPE))
        return
    if kind in ("form", "json") and target.api == "v1" and target.kind in ("lists", "contacts", "campaigns", "schedules"):
        what = "Form fields" if kind == "form" else "A JSON body"
        yield ctx.elsewhere(L022, Where.HEADER, f"{what} sent to /{target.kind}: this v1 resource takes an Atom entry.",
                            "Send an Atom XML entry (E9); form bodies are only for /activities, JSON only for v2/v3.")
        return
    if kind == "xml" and target.api in ("v1", "") and ctype != ATOM_MEDIA_TYPE:
        yield ctx.elsewhere(L022, Where.HEADER, f"An XML body needs Content-Type {ATOM_MEDIA_TYPE}, not {shown}.",
                            "The server answers 415 to anything else (E17).", fix=_set(ATOM_MEDIA_TYPE))
    elif kind == "json" and target.api in ("v2", "v3") and "json" not in ctype:
        yield ctx.elsewhere(L022, Where.HEADER, f"A JSON body needs Content-Type application/json, not {shown}.",
                            "v2/v3 answer 415 to anything else.", fix=_set("application/json"))
