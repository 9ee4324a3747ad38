"""L026: every ``{{name}}`` placeholder resolves (only when variables are supplied)."""

from __future__ import annotations

from collections.abc import Iterator

from ctct_desktop.lint.context import LintContext
from ctct_desktop.lint.model import Diagnostic, RuleDoc, Severity, Where
from ctct_desktop.lint.placeholders import find_placeholders, missing_names
from ctct_desktop.lint.registry import register

L026 = RuleDoc("L026", "Every {{variable}} resolves", Severity.ERROR,
               "Placeholders are resolved from the active environment, then the collection, then the dynamic "
               "variables ({{$uuid}}, {{$unique_email}}, ...). One that resolves nowhere (or whose value names "
               "another variable that does not exist) would be sent literally, so the request is wrong before "
               "it leaves.",
               "{{base_url}}/contacts with no base_url in the environment",
               "{{base_url}}/contacts with base_url defined")

_HINT = "Define it in the environment or the collection."


def _with_variables(ctx: LintContext) -> bool:
    return ctx.variables is not None


def _names(names: tuple[str, ...]) -> str:
    return ", ".join(f"{{{{{n}}}}}" for n in names)


def _outside_body(ctx: LintContext) -> Iterator[tuple[Where, str, str]]:
    request = ctx.request
    yield Where.URL, "the URL", request.url
    for header in request.enabled_headers():
        yield Where.HEADER, f"header '{header.name}'", header.name + "\n" + header.value
    auth = request.auth
    for label, value in (("username", auth.username), ("password", auth.password), ("API key", auth.api_key),
                         ("token", auth.token)):
        yield Where.AUTH, f"the auth {label}", value


@register(L026, _with_variables)
def check_unresolved(ctx: LintContext) -> Iterator[Diagnostic]:
    variables = ctx.variables or {}
    for where, place, text in _outside_body(ctx):
        missing = missing_names(text, variables)
        if missing:
            yield ctx.elsewhere(L026, where, f"Unresolved variable {_names(missing)} in {place}.", _HINT)
    verdicts: dict[str, tuple[str, ...]] = {}
    for placeholder in find_placeholders(ctx.body):
        name = placeholder.name
        if name not in verdicts:
            verdicts[name] = missing_names(ctx.body[placeholder.start:placeholder.end], variables)
        missing = verdicts[name]
        if missing:
            via = "" if missing == (name,) else f" (its value needs {_names(tuple(n for n in missing if n != name))})"
            yield ctx.at_range(L026, placeholder.start, placeholder.end,
                               f"Unresolved variable {{{{{name}}}}}{via}.", _HINT)
