"""The actions themselves: small pure edits of the request in the editor."""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from urllib.parse import parse_qsl, unquote
from xml.sax.saxutils import escape

from ctct_desktop.core.models import Auth, AuthKind, BodyKind, Exchange, RequestModel
from ctct_desktop.core.urls import encode_component, split_url
from ctct_desktop.explain.actions import ActionResult, ActionSpec, unchanged
from ctct_desktop.explain.body_facts import DATETIME_SPACE, find_spaced_datetime
from ctct_desktop.explain.contact_update import email_of_body, search_request
from ctct_desktop.explain.edits import (
    ACCOUNT_PATH,
    element_texts,
    insert_after_element,
    replace_spans,
    same_origin_url,
    set_header,
)

ATOM = "application/atom+xml"
FORM = "application/x-www-form-urlencoded"
SOURCES = ("ACTION_BY_CUSTOMER", "ACTION_BY_CONTACT")


def _req(exchange: Exchange) -> RequestModel:
    return exchange.request


def _has_body(exchange: Exchange) -> bool:
    return bool(_req(exchange).body.strip())


def _has_body_or_type(exchange: Exchange) -> bool:
    """A body, or a Content-Type header without one (the body is not always at hand)."""
    return _has_body(exchange) or _req(exchange).header("Content-Type") is not None


def _find_and_update(exchange: Exchange) -> ActionResult:
    request = search_request(_req(exchange))
    return ActionResult(request, "Step 1 of 2: send this search. When it returns the contact, use "
                        "“Update from search” to build the PUT with the lists merged.", "update-from-search")


def _optin_spans(body: str) -> list[tuple[int, int, str]]:
    return [s for s in element_texts(body, "OptInSource", ("ContactList",)) if s[2].strip() in SOURCES]


def _switch_optin(exchange: Exchange) -> ActionResult:
    body = _req(exchange).body
    spans = _optin_spans(body)
    if spans:
        current = spans[0][2].strip()
        new = SOURCES[1 - SOURCES.index(current)]
        edited = replace_spans(body, [(a, b, new) for a, b, _t in spans])
    else:
        current, new = "(none)", "ACTION_BY_CONTACT"
        inserted = insert_after_element(body, "EmailAddress", "OptInSource", new)
        if inserted is None:
            return unchanged(exchange, "The body has no Contact EmailAddress to put an OptInSource after.")
        edited = inserted
    note = f"OptInSource changed from {current} to {new}."
    if new == "ACTION_BY_CONTACT":
        note += " Use it only when the contact really acted (a sign-up form): it can send confirmation emails."
    return ActionResult(_req(exchange).with_changes(body=edited), note)


def _content_type_action(value: str, kind: BodyKind | None) -> Callable[[Exchange], ActionResult]:
    def run(exchange: Exchange) -> ActionResult:
        request = set_header(_req(exchange), "Content-Type", value)
        if kind is not None and request.body_kind in (BodyKind.NONE, BodyKind.TEXT):
            request = request.with_changes(body_kind=kind)
        return ActionResult(request, f"Content-Type set to {value}.")

    return run


def _set_accept(exchange: Exchange) -> ActionResult:
    return ActionResult(set_header(_req(exchange), "Accept", "application/json"), "Accept set to application/json.")


def _encode_email_query(exchange: Exchange) -> ActionResult:
    request = _req(exchange)
    base, query, fragment = split_url(request.url)
    parts, changed = [], []
    for pair in query.split("&"):
        name, sep, value = pair.partition("=")
        if sep and unquote(name).lower() == "email":
            email = unquote(value).replace(" ", "+").lower()
            parts.append(f"{name}={encode_component(email)}")
            changed.append(email)
        else:
            parts.append(pair)
    if not changed:
        return unchanged(exchange, "The URL has no email= parameter.")
    url = f"{base}?{'&'.join(parts)}{fragment}"
    return ActionResult(request.with_changes(url=url), f"Searched address encoded as {encode_component(changed[0])} "
                        "('+' becomes %2B, '@' becomes %40) and lower-cased.")


def _path_segment(url: str) -> tuple[re.Match[str] | None, str]:
    match = ACCOUNT_PATH.match(url.strip())
    return match, unquote(match.group(2)) if match else ""


def _has_key_in_path(exchange: Exchange) -> bool:
    match, segment = _path_segment(_req(exchange).url)
    if match is None:
        return False
    return "%" in segment or re.search(r"%(?![0-9A-Fa-f]{2})", match.group(2)) is not None


def _move_api_key(exchange: Exchange) -> ActionResult:
    request = _req(exchange)
    match, _ = _path_segment(request.url)
    if match is None:
        return unchanged(exchange, "The URL has no /ws/customers/<account> segment.")
    raw = match.group(2)
    decoded = unquote(raw) if "%" in unquote(raw) else raw
    key, user = decoded.split("%", 1)
    auth = request.auth
    new_auth = Auth(AuthKind.CTCT_BASIC, username=user, password=auth.password, api_key=key, account=auth.account)
    url = match.group(1) + encode_component(user).replace("%40", "@") + match.group(3)
    note = "The API key moved from the URL path into the credentials (Basic user apikey%username)."
    if not auth.password:
        note += " Enter the account password in the Auth tab."
    return ActionResult(request.with_changes(url=url, auth=new_auth), note)


def _run_lint(exchange: Exchange) -> ActionResult:
    return ActionResult(_req(exchange), "Show the Problems panel: the linter points at the offending lines.")


_ENTRY_ID = re.compile(r"<(?:[\w.-]+:)?id>\s*(https?://[^<\s]+/ws/customers/[^<\s]+/\w+/[^<\s/]+)\s*</")
_ITEM_PATH = re.compile(r"/ws/customers/[^/]+/[a-z]+/[^/?#]+$")


def _use_put(exchange: Exchange) -> ActionResult:
    request = _req(exchange)
    url = request.url
    if not _ITEM_PATH.search(split_url(url)[0]):
        found = _ENTRY_ID.search(request.body)
        if not found:
            return unchanged(exchange, "PUT needs the resource's own URL (…/contacts/{id}); put it in the "
                             "URL, or GET the resource first to learn its id.")
        url = same_origin_url(url, found.group(1))
    return ActionResult(request.with_changes(method="PUT", url=url), f"Method set to PUT on {url}.")


def _form_to_list(exchange: Exchange) -> ActionResult:
    fields = dict(parse_qsl(_req(exchange).body.strip(), keep_blank_values=True))
    name = fields.get("Name") or fields.get("name") or ""
    if not name:
        return unchanged(exchange, "The form has no Name field to build the list from.")
    opt_in = fields.get("OptInDefault", "false").lower()
    sort = fields.get("SortOrder", "99")
    body = ('<?xml version="1.0" encoding="UTF-8"?>\n<entry xmlns="http://www.w3.org/2005/Atom">\n'
            '  <id>data:,</id>\n  <title/>\n  <author/>\n  <updated>2008-04-16</updated>\n'
            '  <content type="application/vnd.ctct+xml">\n'
            '    <ContactList xmlns="http://ws.constantcontact.com/ns/1.0/">\n'
            f'      <OptInDefault>{escape(opt_in)}</OptInDefault>\n      <Name>{escape(name)}</Name>\n'
            f'      <SortOrder>{escape(sort)}</SortOrder>\n    </ContactList>\n  </content>\n</entry>\n')
    request = set_header(_req(exchange).with_changes(body=body, body_kind=BodyKind.XML), "Content-Type", ATOM)
    return ActionResult(request, "The form fields became an Atom ContactList entry with Content-Type "
                        "application/atom+xml.")


def _restore_plus(exchange: Exchange) -> ActionResult:
    body = _req(exchange).body
    fixed = DATETIME_SPACE.sub(lambda m: m.group(0)[:-6] + "+" + m.group(0)[-5:], body)
    return ActionResult(_req(exchange).with_changes(body=fixed), "The space in each date-time offset is a '+' again.")


def _add_slash(exchange: Exchange) -> ActionResult:
    request = _req(exchange)
    base, query, fragment = split_url(request.url)
    url = base + "/" + (f"?{query}" if query else "") + fragment
    return ActionResult(request.with_changes(url=url), "A trailing slash was added: the account root is the "
                        "service document at …/ws/customers/{username}/.")


def _credential_username(request: RequestModel) -> str:
    return request.auth.username if request.auth.kind in (AuthKind.CTCT_BASIC, AuthKind.BASIC) else ""


def _path_user_differs(exchange: Exchange) -> bool:
    match, segment = _path_segment(_req(exchange).url)
    user = _credential_username(_req(exchange)).split("%")[-1]
    return bool(match and user and segment and "%" not in segment and segment.lower() != user.lower())


def _match_path_user(exchange: Exchange) -> ActionResult:
    request = _req(exchange)
    match, _ = _path_segment(request.url)
    if match is None:
        return unchanged(exchange, "The URL has no /ws/customers/<account> segment.")
    user = _credential_username(request).split("%")[-1].lower()
    url = match.group(1) + encode_component(user).replace("%40", "@") + match.group(3)
    return ActionResult(request.with_changes(url=url), f"The URL now names the account '{user}' of the credentials.")


def _add_v2_key(exchange: Exchange) -> ActionResult:
    """Append api_key (the rest of the URL is kept as typed); an environment variable when the
    key is not in the request's auth."""
    request = _req(exchange)
    key = encode_component(request.auth.api_key) if request.auth.api_key else "{{api_key}}"
    base, query, fragment = split_url(request.url)
    url = f"{base}?{query + '&' if query else ''}api_key={key}{fragment}"
    return ActionResult(request.with_changes(url=url), "api_key added to the query string (v2 needs it on every "
                        "call, next to the Bearer token).")


def _set_greeting(exchange: Exchange) -> ActionResult:
    body = _req(exchange).body
    spans = [(a, b, "FirstName") for a, b, _t in element_texts(body, "GreetingName")]
    return ActionResult(_req(exchange).with_changes(body=replace_spans(body, spans)), "GreetingName set to "
                        "FirstName (allowed: FirstName, LastName, FirstAndLastName, None).")


def _sign_up_form(exchange: Exchange) -> ActionResult:
    request = _req(exchange)
    try:
        data = json.loads(request.body)
    except ValueError:
        return unchanged(exchange, "The body is not JSON.")
    if not isinstance(data, dict):
        return unchanged(exchange, "The body is not a JSON object.")
    address = data.get("email_address")
    if isinstance(address, dict):
        data["email_address"] = address.get("address", "")
    data.pop("create_source", None)
    base, query, fragment = split_url(request.url)
    url = re.sub(r"/contacts/?$", "/contacts/sign_up_form", base) + (f"?{query}" if query else "") + fragment
    note = "POST to /v3/contacts/sign_up_form creates or updates by email."
    if not data.get("list_memberships"):
        note += " It requires list_memberships: add at least one list id."
    return ActionResult(request.with_changes(method="POST", url=url, body=json.dumps(data, indent=2)), note)


def _is_activities(exchange: Exchange) -> bool:
    return "/activities" in split_url(_req(exchange).url)[0]


def _is_json_v3_contacts(exchange: Exchange) -> bool:
    return bool(re.search(r"/v3/contacts/?(\?|$)", _req(exchange).url)) and _has_body(exchange)


def catalog() -> list[ActionSpec]:
    is_v1 = lambda e: "/ws/customers/" in _req(e).url  # noqa: E731 - tiny predicates read best inline
    body_form = lambda e: bool(re.match(r"\s*[A-Za-z_][\w.\-\[\]%]*=", _req(e).body))  # noqa: E731
    return [
        ActionSpec("find-and-update-contact", "Find and update this contact",
                   "Search by the encoded address, then PUT the found contact with the lists merged.",
                   lambda e: is_v1(e) and email_of_body(_req(e).body) is not None, _find_and_update),
        ActionSpec("switch-optin-source", "Switch OptInSource", "Toggle ACTION_BY_CUSTOMER and ACTION_BY_CONTACT.",
                   lambda e: bool(_optin_spans(_req(e).body)) or "EmailAddress>" in _req(e).body, _switch_optin),
        ActionSpec("set-atom-content-type", "Set Content-Type: application/atom+xml", "For v1 XML resources.",
                   lambda e: _has_body_or_type(e) and not _is_activities(e), _content_type_action(ATOM, BodyKind.XML)),
        ActionSpec("set-form-content-type", "Set Content-Type: application/x-www-form-urlencoded",
                   "For /activities.", lambda e: _has_body_or_type(e) and (_is_activities(e) or not is_v1(e)),
                   _content_type_action(FORM, BodyKind.FORM)),
        ActionSpec("set-json-content-type", "Set Content-Type: application/json", "For v2 and v3.",
                   _has_body_or_type, _content_type_action("application/json", BodyKind.JSON)),
        ActionSpec("set-json-accept", "Set Accept: application/json", "v2 answers 406 otherwise.",
                   lambda e: True, _set_accept),
        ActionSpec("encode-email-query", "Encode the email in the search",
                   "Percent-encode and lower-case the email= value.",
                   lambda e: "email=" in split_url(_req(e).url)[1].lower(), _encode_email_query),
        ActionSpec("move-api-key-to-auth", "Move the API key into the credentials",
                   "Take apikey% out of the path and into the Basic user string.", _has_key_in_path, _move_api_key),
        ActionSpec("run-lint", "Show problems in the request", "Run the linter and show the Problems panel.",
                   lambda e: True, _run_lint),
        ActionSpec("use-put-for-update", "Update with PUT", "Updates are PUT to the resource's own URL.",
                   lambda e: _req(e).method.strip().upper() == "POST", _use_put),
        ActionSpec("convert-form-to-list-entry", "Send the list as an Atom entry",
                   "Turn Name/OptInDefault/SortOrder form fields into a ContactList entry.",
                   lambda e: body_form(e) and "/lists" in _req(e).url, _form_to_list),
        ActionSpec("restore-datetime-plus", "Restore '+' in date-time offsets", "Replace the space before hh:mm.",
                   lambda e: find_spaced_datetime(_req(e).body) is not None, _restore_plus),
        ActionSpec("add-trailing-slash", "Add the trailing slash", "The account root needs a trailing slash.",
                   lambda e: bool(re.search(r"/ws/customers/[^/?#]+$", split_url(_req(e).url)[0])), _add_slash),
        ActionSpec("match-path-username", "Use the credentials' username in the URL",
                   "Make the account in the URL the one you log in as.", _path_user_differs, _match_path_user),
        ActionSpec("add-v2-api-key", "Add api_key to the URL", "v2 requires api_key on every call.",
                   lambda e: "/v2/" in _req(e).url and "api_key=" not in _req(e).url, _add_v2_key),
        ActionSpec("set-greeting-name", "Set GreetingName to FirstName", "Use an allowed GreetingName.",
                   lambda e: bool(element_texts(_req(e).body, "GreetingName")), _set_greeting),
        ActionSpec("use-sign-up-form", "Create or update with sign_up_form",
                   "v3: POST /contacts/sign_up_form creates or updates by email.", _is_json_v3_contacts, _sign_up_form),
    ]
