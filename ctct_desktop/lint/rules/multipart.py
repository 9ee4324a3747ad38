"""L031: a multipart body is sent with a multipart Content-Type carrying its boundary (casebook T2).

PHP sends an array in CURLOPT_POSTFIELDS as multipart/form-data; a Content-Type header the code
sets (application/atom+xml in T2) replaces curl's, the boundary is lost, and the server cannot
read a single field. The answer was the misleading "errors in the common Atom sections" 400.
"""

from __future__ import annotations

from collections.abc import Iterator

from ctct_desktop.lint.context import LintContext
from ctct_desktop.lint.model import Diagnostic, Fix, RuleDoc, Severity, Where
from ctct_desktop.lint.multipart import boundary_of
from ctct_desktop.lint.registry import register
from ctct_desktop.lint.rules.common import WRITE_METHODS

_PARTS = ('--XyZ\nContent-Disposition: form-data; name="activityType"\n\nSV_ADD\n'
          '--XyZ\nContent-Disposition: form-data; name="data"\n\nEmail Address\njo@example.com\n'
          '--XyZ\nContent-Disposition: form-data; name="lists"\n\n'
          'http://api.constantcontact.com/ws/customers/joesflowers/lists/1\n--XyZ--\n')
L031 = RuleDoc("L031", "A multipart body needs multipart/form-data with its boundary", Severity.ERROR,
               "A body made of '--boundary' parts is multipart/form-data. Sent under another Content-Type "
               "(PHP code that passes an array to CURLOPT_POSTFIELDS and also sets Content-Type: "
               "application/atom+xml), or without the boundary parameter, the server cannot find the parts: "
               "/activities then answers 400 or 415, and an Atom resource the 'common Atom sections' 400.",
               "POST /ws/customers/joesflowers/activities\nContent-Type: application/atom+xml\n\n" + _PARTS,
               "POST /ws/customers/joesflowers/activities\nContent-Type: multipart/form-data; boundary=XyZ\n\n"
               + _PARTS)


def _applies(ctx: LintContext) -> bool:
    return ctx.method in WRITE_METHODS and ctx.body_kind in ("form", "text")


def _declared_boundary(header: str) -> str | None:
    for parameter in header.split(";")[1:]:
        name, _, value = parameter.partition("=")
        if name.strip().lower() == "boundary":
            return value.strip().strip('"')
    return None


@register(L031, _applies)
def check_multipart_type(ctx: LintContext) -> Iterator[Diagnostic]:
    boundary = boundary_of(ctx.body)
    if boundary is None:
        return
    wanted = f"multipart/form-data; boundary={boundary}"
    fix = Fix(f"Set Content-Type to {wanted}", set_headers=(("Content-Type", wanted),))
    header = ctx.header("Content-Type") or ""
    if ctx.content_type != "multipart/form-data":
        yield ctx.elsewhere(L031, Where.HEADER, f"The body is multipart/form-data, but Content-Type says "
                            f"{ctx.content_type or '(none)'}.", "The server cannot read the parts; send "
                            "multipart/form-data with the body's boundary (or drop the header the code sets).",
                            fix=fix)
    elif _declared_boundary(header) != boundary:
        yield ctx.elsewhere(L031, Where.HEADER, f"Content-Type's boundary does not match the body's ('{boundary}').",
                            "Without the right boundary the server finds no parts.", fix=fix)
