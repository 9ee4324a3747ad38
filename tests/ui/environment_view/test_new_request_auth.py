"""The auth a new request starts with, from the environment's variable names."""

from __future__ import annotations

from ctct_desktop.core.models import Auth, AuthKind
from ctct_desktop.store.builtin_environments import V3_PRESET, preset_environments, sandbox_env
from ctct_desktop.store.environment import Environment, EnvVariable
from ctct_desktop.ui.environment_view.new_request_auth import new_request_auth


def test_sandbox_environment_gives_v1_basic_from_variables() -> None:
    auth = new_request_auth(sandbox_env("http://127.0.0.1:9"))
    assert auth == Auth(AuthKind.CTCT_BASIC, username="{{username}}", password="{{password}}", api_key="{{api_key}}")


def test_token_environment_gives_bearer_and_none_gives_nothing() -> None:
    env = Environment("v3", (EnvVariable("access_token", "t"),), None)
    assert new_request_auth(env) == Auth(AuthKind.BEARER, token="{{access_token}}")
    assert new_request_auth(None) == Auth()
    v3 = next(e for e in preset_environments() if e.name == V3_PRESET)
    assert new_request_auth(v3) == Auth()
