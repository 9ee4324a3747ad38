"""The auth a new request (Ctrl+N) starts with: the active environment's credentials, by name.

Templates write their auth as ``{{username}}``/``{{password}}``/``{{api_key}}`` (v1) or
``{{access_token}}`` (v2, v3); a new request does the same, so its first send authenticates like
a template's instead of getting a 401. No Qt here: the rule is tested on its own.
"""

from __future__ import annotations

from ctct_desktop.core.models import Auth, AuthKind
from ctct_desktop.store.environment import Environment

_V1_NAMES = ("username", "password", "api_key")


def new_request_auth(environment: Environment | None) -> Auth:
    """CTCT Basic from ``{{username}}``, ``{{password}}``, ``{{api_key}}``; else Bearer from
    ``{{access_token}}``; else no auth (an environment without credentials has nothing to offer)."""
    if environment is None:
        return Auth()
    names = {v.name for v in environment.variables}
    if all(name in names for name in _V1_NAMES):
        return Auth(AuthKind.CTCT_BASIC, username="{{username}}", password="{{password}}", api_key="{{api_key}}")
    if "access_token" in names:
        return Auth(AuthKind.BEARER, token="{{access_token}}")
    return Auth()
