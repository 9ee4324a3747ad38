"""Credentials found in a paste go into the auth fields, never into headers or notes.

The v1 Basic user string is ``apikey%username`` (reference §2.1): a user with one ``%`` is split
into the API key and the user name, so the editor shows the v1 auth form.
"""

from __future__ import annotations

import base64
import binascii
import re

from ctct_desktop.core.models import Auth, AuthKind, Header

AUTH_HEADER = "authorization"


def basic_auth(user: str, password: str) -> Auth:
    """``apikey%username`` + password as the v1 auth; any other user as plain Basic."""
    key, percent, name = user.partition("%")
    if percent and key and name and "%" not in name:
        return Auth(AuthKind.CTCT_BASIC, username=name, password=password, api_key=key)
    return Auth(AuthKind.BASIC, username=user, password=password)


def from_user_string(userpwd: str, notes: list[str], what: str) -> Auth:
    """``user:password`` as curl and PHP take it. Without a colon there is no password."""
    user, colon, password = userpwd.partition(":")
    if not colon:
        notes.append(f"{what} has no ':' between the user name and the password: imported with an empty "
                     "password (the whole string was sent as the user name).")
    return basic_auth(user, password)


def from_header(value: str, notes: list[str]) -> Auth | None:
    """An Authorization header's credentials as auth fields, or None (kept as a header then)."""
    scheme, _, rest = value.strip().partition(" ")
    rest = rest.strip()
    if scheme.lower() == "bearer" and rest:
        notes.append("The Authorization header became Bearer auth (the token is in the auth fields).")
        return Auth(AuthKind.BEARER, token=rest)
    if scheme.lower() == "basic" and rest:
        try:
            decoded = base64.b64decode(rest, validate=True).decode("utf-8")
        except (binascii.Error, ValueError):
            return None
        notes.append("The Authorization header became Basic auth (the credentials are in the auth fields).")
        user, _, password = decoded.partition(":")
        return basic_auth(user, password)
    return None


def take_auth_header(headers: list[Header], auth: Auth, notes: list[str]) -> tuple[list[Header], Auth]:
    """Move an Authorization header into the auth fields when no auth was given otherwise."""
    if auth.kind is not AuthKind.NONE:
        kept = [h for h in headers if h.name.strip().lower() != AUTH_HEADER]
        if len(kept) != len(headers):
            notes.append("An Authorization header was dropped: the credentials given separately are used.")
        return kept, auth
    for index, header in enumerate(headers):
        if header.name.strip().lower() == AUTH_HEADER:
            found = from_header(header.value, notes)
            if found is not None:
                return headers[:index] + headers[index + 1:], found
    return headers, auth


_PATH_USER = re.compile(r"/ws/customers/([^/?#]+)")


def split_joined_password(auth: Auth, url: str, notes: list[str]) -> Auth:
    """``key%usernamepassword`` (no colon, casebook T2): when the URL names the user and the
    credential's user name starts with it, the rest is the password. It goes into the password
    field (a secret) instead of staying in the user name, which files and lint messages show."""
    match = _PATH_USER.search(url)
    if auth.kind is not AuthKind.CTCT_BASIC or auth.password or match is None:
        return auth
    user = match.group(1)
    if len(auth.username) > len(user) and auth.username.lower().startswith(user.lower()):
        notes[:] = [n for n in notes if "has no ':' between the user name" not in n]
        notes.append(f"The user name runs into the password with no ':' between them; split after '{user}' "
                     "(the user name in the URL). The customer's code sends them joined, which fails with 401.")
        return Auth(AuthKind.CTCT_BASIC, username=auth.username[:len(user)],
                    password=auth.username[len(user):], api_key=auth.api_key)
    return auth
