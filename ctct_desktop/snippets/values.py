"""Which environment values a snippet may inline: the plain ones. A secret variable stays a
``{{placeholder}}`` (the snippet reads credentials from its own environment variables instead)."""

from __future__ import annotations

from ctct_desktop.store.environment import Environment


def environment_values(environment: Environment) -> dict[str, str]:
    return {v.name: v.value for v in environment.variables if not v.is_secret and v.value is not None}
