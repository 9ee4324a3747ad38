"""Captured values into the active environment, when the user asks ("Save captured values…").

Plain functions, no widgets: the last value each name got in the run wins (what a later request
would have resolved), a name that looks like a token, a secret or a password becomes a keyring
reference as the environment editor keeps secrets, and an existing variable keeps its kind.
"""

from __future__ import annotations

from ctct_desktop.runner import RunResult
from ctct_desktop.runner.step import secret_capture
from ctct_desktop.store.environment import Environment, EnvironmentFileError, SecretStoreLike, save_environment


def captured_values(result: RunResult) -> dict[str, str]:
    """Every name the run captured, with the last value it got (in run order)."""
    values: dict[str, str] = {}
    for run in result.runs:
        for capture in run.captures:
            if capture.value is not None:
                values[capture.capture.name] = capture.value
    return values


def with_captures(environment: Environment, values: dict[str, str]) -> Environment:
    known = {v.name: v for v in environment.variables}
    for name, value in values.items():
        secret = None if name in known else secret_capture(name)
        environment = environment.with_value(name, value, secret=secret)
    return environment


def save_captures(environment: Environment | None, values: dict[str, str], store: SecretStoreLike | None) -> str:
    """Write them into the environment's file; returns what to tell the user (never raises)."""
    if not values:
        return "This run captured no values."
    if environment is None or environment.builtin or environment.path is None:
        name = environment.name if environment is not None else "No environment"
        return (f"“{name}” is built in and cannot keep values: pick one of your environments "
                "(or make one with Edit environment…) and save the captured values again.")
    try:
        save_environment(environment.path, with_captures(environment, values), store)
    except (EnvironmentFileError, OSError) as exc:
        return f"The captured values could not be saved: {exc}"
    except Exception as exc:  # a keyring that refuses: said in words, the file untouched
        return f"The captured values could not be saved (keyring: {exc})"
    names = ", ".join(sorted(values))
    return f"Saved {len(values)} captured value{'s' if len(values) != 1 else ''} to “{environment.name}”: {names}."
