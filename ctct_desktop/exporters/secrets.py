"""What an exported auth field may say: its ``{{variable}}`` reference, never a literal secret."""

from __future__ import annotations

from ctct_desktop.core.models import Auth, AuthKind
from ctct_desktop.core.variables import is_single_placeholder


def reference(value: str, default_name: str) -> str:
    return value if value and is_single_placeholder(value) else "{{" + default_name + "}}"


def basic_pair(auth: Auth) -> tuple[str, str] | None:
    """(user, password) for Basic auth, the v1 user as ``apikey%username``; None for other kinds."""
    if auth.kind is AuthKind.CTCT_BASIC:
        return f"{reference(auth.api_key, 'api_key')}%{auth.username}", reference(auth.password, "password")
    if auth.kind is AuthKind.BASIC:
        return auth.username, reference(auth.password, "password")
    return None


def bearer_token(auth: Auth) -> str | None:
    return reference(auth.token, "access_token") if auth.kind is AuthKind.BEARER else None
