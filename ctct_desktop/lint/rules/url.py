"""L023 (email searches) and L024 (credentials in the path and the Basic user string)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace
from urllib.parse import unquote

from ctct_desktop.core.models import Auth, AuthKind
from ctct_desktop.core.urls import encode_component, split_url
from ctct_desktop.lint.context import LintContext
from ctct_desktop.lint.model import Diagnostic, Fix, RuleDoc, Severity, Where
from ctct_desktop.lint.registry import register

L023 = RuleDoc("L023", "Email searches encode '+' and are lower case", Severity.ERROR,
               "The server decodes a raw '+' in ?email= as a space, so a search for a+b@example.com misses and "
               "the caller goes on to POST and gets 409 (the official sample had this bug until 2017): encode "
               "'+' as %2B. Addresses are stored lower case and matched exactly, so lower-case the address. A "
               "raw '@' is legal in a query string and the server finds the contact; encoding it as %40 is "
               "only an info hint.",
               "/contacts?email=Jo+News@Example.com", "/contacts?email=jo%2Bnews%40example.com")
L024 = RuleDoc("L024", "API key in the credential, never in the path", Severity.ERROR,
               "v1 Basic auth uses the user string apikey%username (literal '%', never URL-encoded) and the "
               "account password. The API key in the URI path (/ws/customers/{key}%{user}/) is a 400 (E8). "
               "The username in the path should be lower case.",
               "https://api.constantcontact.com/ws/customers/KEY%joesflowers/lists",
               "https://api.constantcontact.com/ws/customers/joesflowers/lists  (Basic user KEY%joesflowers)")

_BAD_ESCAPE = re.compile(r"%(?![0-9A-Fa-f]{2})")
_MIN_KEY = 8  # real keys are long; a short one would match inside ordinary usernames


def _applies_url(ctx: LintContext) -> bool:
    return bool(ctx.url)


def _fixed_query_url(raw_url: str) -> str | None:
    """The raw URL with every literal email= value re-encoded and lower-cased (placeholders kept)."""
    base, query, fragment = split_url(raw_url)
    changed = False
    pairs = []
    for pair in query.split("&"):
        name, sep, value = pair.partition("=")
        if sep and unquote(name).lower() == "email" and "{{" not in value:
            fixed = encode_component(unquote(value).strip().lower())
            changed = changed or fixed != value
            pairs.append(f"{name}={fixed}")
        else:
            pairs.append(pair)
    return f"{base}?{'&'.join(pairs)}{fragment}" if changed else None


@register(L023, _applies_url)
def check_email_query(ctx: LintContext) -> Iterator[Diagnostic]:
    query = split_url(ctx.url)[1]
    for pair in query.split("&"):
        name, sep, value = pair.partition("=")
        if not sep or unquote(name).lower() != "email" or "{{" in value:
            continue
        problems = []
        if "+" in value:
            problems.append("a raw '+' (the server reads it as a space)")
        if unquote(value) != unquote(value).lower():
            problems.append("upper-case letters (addresses are stored lower case)")
        if not problems and "@" not in value:
            continue
        fixed = _fixed_query_url(ctx.request.url)
        fix = Fix("Percent-encode and lower-case the email", url=fixed) if fixed else None
        if problems:
            yield ctx.elsewhere(L023, Where.URL, f"email={value[:80]} has " + " and ".join(problems) + ".",
                                "Encode '+' as %2B and lower-case the address.", fix=fix)
        else:
            yield ctx.elsewhere(L023, Where.URL, f"email={value[:80]} has a raw '@'; it is legal in a query, "
                                "%40 is the strict form.", "The server finds the contact either way.", fix=fix,
                                severity=Severity.INFO)


@register(L024, _applies_url)
def check_credentials(ctx: LintContext) -> Iterator[Diagnostic]:
    yield from _path_user(ctx)
    yield from _basic_user(ctx)


def _path_user(ctx: LintContext) -> Iterator[Diagnostic]:
    target = ctx.target
    raw = target.username_raw
    if target.api != "v1" or not raw or "{{" in raw:
        return
    decoded = target.username or ""
    key = ctx.auth.api_key
    if "%" in decoded or _BAD_ESCAPE.search(raw) or (len(key) >= _MIN_KEY and key in raw):
        yield _key_in_path(ctx, raw)
    elif decoded != decoded.lower():
        fixed = ctx.request.url.replace(f"/ws/customers/{raw}/", f"/ws/customers/{raw.lower()}/", 1)
        fix = Fix("Lower-case the username in the path", url=fixed) if fixed != ctx.request.url else None
        yield ctx.elsewhere(L024, Where.URL, f"The username '{decoded}' in the path is not lower case.",
                            "The docs require the URI component in lower case.", fix=fix, severity=Severity.WARNING)


def _key_in_path(ctx: LintContext, raw: str) -> Diagnostic:
    decoded = unquote(raw)
    key, _, user = decoded.rpartition("%") if "%" in decoded else (ctx.auth.api_key, "", decoded)
    if len(ctx.auth.api_key) >= _MIN_KEY and ctx.auth.api_key in decoded and "%" not in decoded:
        user = decoded.replace(ctx.auth.api_key, "").strip("%")
    fix = None
    if user and f"/ws/customers/{raw}" in ctx.request.url:
        url = ctx.request.url.replace(f"/ws/customers/{raw}", f"/ws/customers/{user.lower()}", 1)
        auth = replace(ctx.request.auth, kind=AuthKind.CTCT_BASIC, api_key=ctx.request.auth.api_key or key,
                       username=ctx.request.auth.username or user)
        fix = Fix("Move the API key into the auth", url=url, auth=auth)
    return ctx.elsewhere(L024, Where.URL, "The API key is in the URL path; the path holds only the username.",
                         "Put the key in the Basic credential (apikey%username) and keep /ws/customers/{username}/ "
                         "(calling /ws/customers/{key}%{user}/ returns 400).", fix=fix)


def _ctct_credential(ctx: LintContext, auth: Auth) -> Iterator[Diagnostic]:
    if "{{" in auth.api_key + auth.username:
        return
    if (not auth.api_key or not auth.username) and not auth.account:  # a stored account fills them at send
        yield ctx.elsewhere(L024, Where.AUTH, "The Constant Contact credential needs both an API key and a username.",
                            "The Basic user string is built as apikey%username.")
    elif re.search(r"%[0-9A-Fa-f]{2}", auth.username):
        fix = Fix("Decode the username", auth=replace(ctx.request.auth, username=unquote(auth.username)))
        yield ctx.elsewhere(L024, Where.AUTH, f"The username '{auth.username[:60]}' in the credential is URL-encoded.",
                            "Never encode the username inside the Basic user string.", fix=fix)
    elif "%" in auth.api_key + auth.username:
        yield ctx.elsewhere(L024, Where.AUTH, "The API key or username field contains '%'.",
                            "Type the key and the username in their own fields; the '%' is added for you.")


def _basic_user(ctx: LintContext) -> Iterator[Diagnostic]:
    auth: Auth = ctx.auth
    if auth.kind is AuthKind.CTCT_BASIC:
        yield from _ctct_credential(ctx, auth)
        return
    if auth.kind is AuthKind.BASIC and ctx.target.api == "v1" and "{{" not in auth.username:
        user = auth.username
        if re.fullmatch(r"[^%]+%[^%]+", user) is None:
            yield ctx.elsewhere(L024, Where.AUTH, f"The Basic user '{user[:60]}' is not apikey%username.",
                                "v1 Basic auth uses the user string apikey%username.")
        else:
            key, _, name = user.partition("%")
            fix = Fix("Use Constant Contact auth (API key + username)",
                      auth=replace(ctx.request.auth, kind=AuthKind.CTCT_BASIC, api_key=key, username=name))
            yield ctx.elsewhere(L024, Where.AUTH, "Plain Basic auth with apikey%username works, but the "
                                "Constant Contact auth kind keeps the key separate.", "", fix=fix, severity=Severity.INFO)
