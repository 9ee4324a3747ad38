"""Facts about the request line, query, headers and credentials (no body): who the request
claims to be, which account path it names, and whether method and Content-Type suit the resource."""

from __future__ import annotations

import base64
import binascii
import re
from urllib.parse import parse_qsl, quote, unquote, unquote_plus

from ctct_desktop.core.models import AuthKind, RequestModel
from ctct_desktop.explain.body_facts import find_spaced_datetime
from ctct_desktop.explain.facts import Facts

_ACCOUNT_PATH = re.compile(r"/ws/customers/([^/?#]*)(/?)(.*)$")
_VALID_ESCAPE = re.compile(r"%[0-9A-Fa-f]{2}")
V1_COLLECTIONS = frozenset({"contacts", "lists", "campaigns", "activities", "settings", "library", "events"})
ATOM = "application/atom+xml"
FORM_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")


def _credential_user(request: RequestModel) -> tuple[str | None, str | None]:
    """(Basic user string, username after the '%') from the auth settings or an explicit header."""
    auth = request.auth
    if auth.kind is AuthKind.CTCT_BASIC:
        return auth.basic_user(), auth.username
    if auth.kind is AuthKind.BASIC:
        user = auth.username
        return user, user.split("%", 1)[1] if "%" in user else user
    header = request.header("Authorization") or ""
    if header[:6].lower() == "basic ":
        try:
            pair = base64.b64decode(header[6:].strip(), validate=True).decode("utf-8", "replace")
        except (binascii.Error, ValueError):
            return None, None
        user = pair.split(":", 1)[0]
        return user, user.split("%", 1)[1] if "%" in user else user
    return None, None


def _masked_user(user: str) -> str:
    """The Basic user string with the API key part hidden (the key is a secret)."""
    if "%" in user:
        key, rest = user.split("%", 1)
        return f"{'•' * min(len(key), 6)}%{rest}"
    return user


def _auth_facts(facts: Facts, request: RequestModel) -> str | None:
    basic_user, cred_user = _credential_user(request)
    bearer = request.auth.kind is AuthKind.BEARER or (request.header("Authorization") or "")[:7].lower() == "bearer "
    if bearer:
        facts.features.add("bearer-auth")
    if basic_user is None and not bearer:
        facts.features.add("no-credentials")
        return None
    if basic_user is None:
        return None
    facts.set("basic_user_masked", _masked_user(basic_user))
    if "%" in basic_user:
        facts.secrets.append(basic_user.split("%", 1)[0])
    if "%" not in basic_user:
        facts.features.add("basic-user-without-percent")
    elif cred_user and _VALID_ESCAPE.search(cred_user):
        facts.features.add("basic-user-encoded")
        facts.set("credential_user_decoded", unquote(cred_user))
    if cred_user:
        facts.set("credential_user", cred_user)
    return cred_user


def _path_has_key(raw_segment: str, api_key: str) -> bool:
    """True when the account segment holds 'key%user': the key itself, a literal '%' (raw or
    as %25), or a '%' whose next characters do not form valid UTF-8 escapes. Percent-encoded
    non-Latin usernames (%C3%A9…) are legitimate and not flagged."""
    decoded = unquote(raw_segment)
    if (api_key and api_key in decoded) or "%" in decoded or "\ufffd" in decoded:
        return True
    return any(not _VALID_ESCAPE.match(raw_segment, m.start()) for m in re.finditer("%", raw_segment))


def _split_key(raw_segment: str) -> tuple[str, str]:
    """('key', 'user') of a 'key%user' account segment, whichever way the '%' was written."""
    decoded = unquote(raw_segment)
    if "%" in decoded:
        key, user = decoded.split("%", 1)
        return key, user
    key, _sep, user = raw_segment.partition("%")
    return unquote(key), unquote(user)


def _account_facts(facts: Facts, request: RequestModel, cred_user: str | None) -> None:
    match = _ACCOUNT_PATH.search(facts.path)
    if not match:
        return
    raw_segment, slash, rest = match.groups()
    path_user = unquote(raw_segment)
    if _path_has_key(raw_segment, request.auth.api_key):
        facts.features.add("path-contains-percent")
        key, path_user = _split_key(raw_segment)
        facts.secrets.append(key)
    facts.set("path_user", path_user or "(empty)")
    facts.set("account_url_path", facts.path[: match.start(1)] + quote(path_user, safe="@."))
    if path_user != path_user.lower():
        facts.features.add("path-user-not-lowercase")
    if cred_user and path_user and cred_user.lower() != path_user.lower():
        facts.features.add("path-user-differs")
    if not slash and not rest:
        facts.features.add("account-root-without-slash")
    _resource_facts(facts, request, [unquote(s) for s in rest.split("/") if s])


def allowed_methods(segments: list[str]) -> tuple[str, ...]:
    """The methods a v1 resource accepts, from the shape of its path (reference §3)."""
    if not segments:
        return ("GET",)
    first, depth = segments[0], len(segments)
    if first == "settings":
        return ("GET",)
    if first == "library":
        return {2: ("GET", "POST"), 4: ("GET", "POST", "DELETE")}.get(depth, ("GET", "DELETE"))
    if first == "events":
        return ("GET", "POST") if depth == 1 else ("GET", "PUT")
    if "schedules" in segments:
        return ("GET", "POST") if segments[-1] == "schedules" else ("GET", "DELETE")
    if depth >= 3 and segments[2] in ("events", "members", "images"):
        return ("GET", "POST", "DELETE") if segments[2] == "images" else ("GET",)
    if depth == 1:
        return ("GET", "POST")
    if first == "activities":
        return ("GET", "DELETE")
    return ("GET", "PUT", "DELETE")


def _resource_facts(facts: Facts, request: RequestModel, segments: list[str]) -> None:
    if segments:
        facts.set("collection", segments[0])
        if segments[0] not in V1_COLLECTIONS:
            facts.features.add("unknown-collection")
        facts.features.add(f"v1-{segments[0]}" if segments[0] in V1_COLLECTIONS else "v1-other")
        if len(segments) == 1:
            facts.features.add("collection-url")
        if "schedules" in segments:
            facts.features.add("schedule-request")
    allowed = allowed_methods(segments)
    facts.set("allowed", ", ".join(allowed))
    if facts.method and facts.method not in allowed and facts.method not in ("HEAD", "OPTIONS"):
        facts.features.add("method-not-supported")
    _content_type_facts(facts, request, segments[:1] == ["activities"])


def _content_type_facts(facts: Facts, request: RequestModel, activities: bool) -> None:
    sent = (request.content_type() or "").strip()
    facts.set("content_type_sent", sent or "(none)")
    expected = " or ".join(FORM_TYPES) if activities else ATOM
    facts.set("content_type_expected", expected)
    # A header says enough on its own: the body, when known, only confirms what was sent.
    if facts.method not in ("POST", "PUT") or not (request.body.strip() or sent):
        return
    media = sent.split(";", 1)[0].strip().lower()
    ok = media in FORM_TYPES if activities else media == ATOM
    if not ok:
        facts.features.add("content-type-mismatch")
        facts.features.add("expects-form" if activities else "expects-atom")
        if media in FORM_TYPES:
            facts.features.add("form-content-type-on-atom-resource")


def _query_datetime_facts(facts: Facts, pairs: list[tuple[str, str, str]]) -> None:
    """?updatedsince=2010-09-28T05:22:42+01:00 sent raw: the server reads the '+' as a space."""
    for _name, _sep, value in pairs:
        found = find_spaced_datetime(unquote_plus(value)) if len(value) < 200 else None
        if found:
            facts.features.add("datetime-plus-as-space")
            facts.features.add("query-datetime-plus-as-space")
            facts.set("datetime_bad", found.group(0))
            return


def _query_facts(facts: Facts) -> None:
    pairs = [p.partition("=") for p in facts.query.split("&") if p]
    _query_datetime_facts(facts, pairs)
    raw_emails = [value for name, _sep, value in pairs if unquote(name).lower() == "email"]
    if not raw_emails:
        return
    facts.features.add("email-search")
    raw = raw_emails[0]
    facts.set("search_email", unquote(raw))
    facts.set("search_email_as_server_reads", unquote_plus(raw))
    if any("+" in r for r in raw_emails):
        facts.features.add("search-plus-unencoded")
    if any(unquote(r) != unquote(r).lower() for r in raw_emails):
        facts.features.add("search-email-not-lowercase")
    if any(" " in unquote_plus(r) for r in raw_emails):
        facts.features.add("search-email-has-space")


def _json_api_facts(facts: Facts, request: RequestModel) -> None:
    if facts.api not in ("v2", "v3"):
        return
    params = {name.lower() for name, _ in parse_qsl(facts.query, keep_blank_values=True)}
    if facts.api == "v2" and "api_key" not in params:
        facts.features.add("v2-missing-api-key")
    sent = (request.content_type() or "").lower()
    facts.set("content_type_sent", sent or "(none)")
    facts.set("content_type_expected", "application/json")
    if facts.method in ("POST", "PUT", "PATCH") and (request.body.strip() or sent) and "json" not in sent:
        facts.features.add("json-content-type-mismatch")
    accept = (request.header("Accept") or "").lower()
    facts.set("accept_sent", accept or "(none)")
    if accept and "json" not in accept and "*/*" not in accept:
        facts.features.add("accept-not-json")


def add_request_facts(facts: Facts, request: RequestModel) -> None:
    """Credentials, account path, resource shape, Content-Type and the email search query."""
    cred_user = _auth_facts(facts, request)
    if facts.api == "v1":
        _account_facts(facts, request, cred_user)
    _query_facts(facts)
    _json_api_facts(facts, request)
