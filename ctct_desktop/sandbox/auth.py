"""Who is calling: Basic ``apikey%username:password`` or a Bearer token from the OAuth endpoints."""

from __future__ import annotations

from werkzeug.wrappers import Request

from ctct_desktop.core import sandbox_demo as demo
from ctct_desktop.sandbox import errors
from ctct_desktop.sandbox.authorization import decode_basic, split_header
from ctct_desktop.sandbox.db import Database
from ctct_desktop.sandbox.oauth_tokens import bearer_user

_BASIC_CHALLENGE = {"WWW-Authenticate": 'Basic realm="api.constantcontact.com"'}


def _unauthorized(message: str, headers: dict[str, str] | None = None) -> errors.ApiError:
    return errors.ApiError(401, f"Unauthorized. {message}", headers=headers or _BASIC_CHALLENGE)


def authenticate(request: Request, db: Database) -> str:
    """The authenticated account name; a 401 ApiError otherwise (never werkzeug's parser)."""
    scheme, value = split_header(request.headers.get("Authorization", ""))
    if not scheme:
        raise _unauthorized("Send Basic credentials (apikey%username:password) or a Bearer access token.")
    if scheme == "bearer" and value and " " not in value:
        user = bearer_user(db, value)
        if user is None:
            raise _unauthorized("The access token is unknown or expired.", {
                "WWW-Authenticate": 'Bearer realm="api.constantcontact.com", error="invalid_token"'})
        return user
    if scheme == "basic":
        credentials = decode_basic(value)
        if credentials is None:
            raise _unauthorized("The Basic credential must be base64 of apikey%username:password.")
        return _check_basic(*credentials)
    if scheme == "bearer" or not (scheme.isascii() and scheme.isalpha()):
        raise _unauthorized("The Authorization header is not valid Basic or Bearer credentials.")
    raise _unauthorized(f"The {scheme} authorization scheme is not supported.")


def _check_basic(user_string: str, password: str) -> str:
    key, sep, username = user_string.partition("%")
    if not sep or "%" in username:
        raise _unauthorized("The Basic user string must have the form apikey%username.")
    if key != demo.DEMO_API_KEY or username.lower() != demo.DEMO_USERNAME or password != demo.DEMO_PASSWORD:
        raise _unauthorized("The API key, username or password is not valid.")
    return demo.DEMO_USERNAME


def check_path_user(path_user: str, authenticated: str, mismatch_status: int) -> None:
    """The URI's username must be the authenticated account (401, or 403 as support reported)."""
    if path_user.lower() == authenticated.lower():
        return
    if mismatch_status == 403:
        raise errors.ApiError(403, "Forbidden", html=errors.HTML_403_APACHE)
    raise _unauthorized(f"The username in the URI ({path_user}) differs from the authenticated user.")
