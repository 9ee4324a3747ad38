"""Point a customer's request at a scratch sandbox account, saying what was changed.

The customer's request names their server and account (``https://api.constantcontact.com/ws/
customers/acme/…``) and carries no secret (a ticket never keeps one). To reproduce it, the same
path goes to the scratch sandbox's demo account, and a v1 Basic auth gets the demo credentials;
``{{variables}}`` are left alone (the sandbox environment resolves them to the scratch account).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from urllib.parse import urlsplit

from ctct_desktop.core import sandbox_demo as demo
from ctct_desktop.core.models import Auth, AuthKind, RequestModel
from ctct_desktop.core.variables import is_single_placeholder

_ACCOUNT_PATH = re.compile(r"^(/ws/customers/)([^/?#]*)")


@dataclass(frozen=True)
class Retargeted:
    request: RequestModel
    notes: tuple[str, ...] = ()


def _body(body: str, account: str) -> tuple[str, list[str]]:
    """The customer's account in ids and links of the body (``…/ws/customers/acme/lists/1``)."""
    if not account or account == demo.DEMO_USERNAME or f"/ws/customers/{account}" not in body:
        return body, []
    pattern = re.compile(r"(/ws/customers/)" + re.escape(account) + r"(?=[/\"'<\s]|$)")
    return pattern.sub(r"\g<1>" + demo.DEMO_USERNAME, body), \
        [f"account '{account}' in the body's ids and links became '{demo.DEMO_USERNAME}'"]


def account_in(url: str) -> str:
    """The account (user) name in a v1 URL's path, "" when there is none."""
    match = _ACCOUNT_PATH.match(urlsplit(url.strip()).path)
    return match.group(2) if match else ""


def _url(url: str, scratch_base: str) -> tuple[str, list[str]]:
    if not url.strip() or url.lstrip().startswith("{{"):
        return url, []  # a variable (the environment resolves it) or nothing to point anywhere
    parts = urlsplit(url.strip())
    if not parts.scheme or not parts.netloc:
        return url, []
    path = parts.path
    notes = []
    match = _ACCOUNT_PATH.match(path)
    if match and match.group(2) != demo.DEMO_USERNAME:
        notes.append(f"account '{match.group(2)}' in the path became the scratch account '{demo.DEMO_USERNAME}'")
        path = match.group(1) + demo.DEMO_USERNAME + path[match.end():]
    target = scratch_base.rstrip("/") + path + (f"?{parts.query}" if parts.query else "") + \
        (f"#{parts.fragment}" if parts.fragment else "")
    if parts.netloc != urlsplit(scratch_base).netloc:
        notes.insert(0, f"sent to the scratch sandbox instead of {parts.scheme}://{parts.netloc}")
    return target, notes


def _auth(auth: Auth) -> tuple[Auth, list[str]]:
    if auth.kind is not AuthKind.CTCT_BASIC:
        return auth, []

    def keep_or(value: str, demo_value: str) -> str:
        return value if is_single_placeholder(value) else demo_value

    changed = Auth(AuthKind.CTCT_BASIC, username=keep_or(auth.username, demo.DEMO_USERNAME),
                   password=keep_or(auth.password, demo.DEMO_PASSWORD), api_key=keep_or(auth.api_key, demo.DEMO_API_KEY))
    if changed == auth:
        return auth, []
    return changed, ["the scratch account's credentials were used"]


def retarget(request: RequestModel, scratch_base: str, account: str = "") -> Retargeted:
    """``account``: the customer's account name (the ticket's); the URL's is used when it is not given."""
    url, notes = _url(request.url, scratch_base)
    body, body_notes = _body(request.body, account or account_in(request.url))
    auth, auth_notes = _auth(request.auth)
    return Retargeted(replace(request, url=url, body=body, auth=auth), tuple(notes + body_notes + auth_notes))
