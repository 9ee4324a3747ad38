"""Environments: named sets of variables, as plain-text files ``environments/NAME.toml``.

A file holds plain values and, for a secret, only a reference to the keyring entry::

    format = 1
    name = "Production"

    [variables]
    base_url = "https://api.constantcontact.com/ws/customers/{{username}}"
    username = "joesflowers"
    password = { secret = "env/Flower shop/Production/password" }

The secret's value lives in the SecretStore (OS keyring, or memory for this session when no
keyring exists), never in the file. Built-in environments are made at runtime, not read from disk.
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Protocol

from ctct_desktop.core.migrations import MigrationError, migrate_document
from ctct_desktop.store import toml_text as t
from ctct_desktop.core.atomic import write_atomic

ENVIRONMENTS_DIR = "environments"
ENV_SUFFIX = ".toml"
CURRENT_ENVIRONMENT_FORMAT = 1
ENVIRONMENT_STEPS = "ctct_desktop.store.migrations.environment"


class SecretStoreLike(Protocol):
    """The credentials helper's SecretStore contract (get/set/delete, persistent)."""

    @property
    def persistent(self) -> bool: ...

    def get(self, key: str) -> str | None: ...

    def set(self, key: str, value: str) -> None: ...

    def delete(self, key: str) -> None: ...


class EnvironmentFileError(ValueError):
    """An environment file that cannot be read or written; the message is for the user."""


@dataclass(frozen=True)
class EnvVariable:
    name: str
    value: str | None = ""  # for a secret: the value held in memory; None when it is not available
    secret_ref: str | None = None  # set for a secret: the key of its keyring entry

    @property
    def is_secret(self) -> bool:
        return self.secret_ref is not None


@dataclass(frozen=True)
class Environment:
    name: str
    variables: tuple[EnvVariable, ...] = ()
    path: Path | None = None
    builtin: bool = False
    notes: tuple[str, ...] = field(default=(), compare=False)

    def values(self) -> dict[str, str]:
        """Variables usable for resolution; a secret without a value is left out (unresolved)."""
        return {v.name: v.value for v in self.variables if v.value is not None}

    def missing_secrets(self) -> tuple[str, ...]:
        return tuple(v.name for v in self.variables if v.is_secret and v.value is None)

    def with_value(self, name: str, value: str, *, secret: bool | None = None,
                   secret_ref: str | None = None) -> Environment:
        """Set (or add) one variable; ``secret=True`` makes it a keyring reference."""
        old = next((v for v in self.variables if v.name == name), None)
        make_secret = old.is_secret if secret is None and old else bool(secret)
        ref = (secret_ref or (old.secret_ref if old and old.secret_ref else None)
               or secret_reference(self.name, name)) if make_secret else None
        new = EnvVariable(name, value, ref)
        rows = [new if v.name == name else v for v in self.variables] if old else [*self.variables, new]
        return replace(self, variables=tuple(rows))


def user_copy(env: Environment, name: str) -> Environment:
    """A user's editable copy of any environment (a built-in preset, or another file)."""
    rows = tuple(EnvVariable(v.name, v.value, secret_reference(name, v.name) if v.is_secret else None)
                 for v in env.variables)
    return Environment(name, rows, None, builtin=False)


def secret_reference(environment: str, variable: str, scope: str = "") -> str:
    """The keyring key of one secret variable: stable, readable, and free of the value."""
    prefix = f"env/{scope}/" if scope else "env/"
    return f"{prefix}{environment}/{variable}"


def environments_dir(collection_root: Path) -> Path:
    return collection_root / ENVIRONMENTS_DIR


def environment_path(collection_root: Path, name: str) -> Path:
    from ctct_desktop.store.collection_ops import check_name

    return environments_dir(collection_root) / f"{check_name(name)}{ENV_SUFFIX}"


# ---------------------------------------------------------------- reading

def _variable_from(name: str, raw: Any, store: SecretStoreLike | None, notes: list[str]) -> EnvVariable:
    if isinstance(raw, str):
        return EnvVariable(name, raw)
    if isinstance(raw, dict) and isinstance(raw.get("secret"), str) and raw["secret"]:
        ref = raw["secret"]
        value: str | None = None
        if store is not None:
            try:
                value = store.get(ref)
            except Exception as exc:  # a locked or failing keyring: the variable stays unresolved
                notes.append(f"{name}: the keyring could not be read ({exc})")
        return EnvVariable(name, value, ref)
    raise EnvironmentFileError(f"variable '{name}' must be text or {{ secret = \"reference\" }}")


def parse_environment(text: str, path: Path | None = None,
                      store: SecretStoreLike | None = None) -> Environment:
    """Parse an environment file; secrets are looked up in ``store`` (None: left without value)."""
    where = f"{path}: " if path else ""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise EnvironmentFileError(f"{where}not valid TOML: {exc}") from None
    try:
        data = migrate_document(data, ENVIRONMENT_STEPS, CURRENT_ENVIRONMENT_FORMAT, "environment file").document
    except MigrationError as exc:
        raise EnvironmentFileError(f"{where}{exc}") from None
    default_name = path.name.removesuffix(ENV_SUFFIX) if path else ""
    name = data.get("name", default_name)
    table = data.get("variables", {})
    if not isinstance(name, str) or not isinstance(table, dict):
        raise EnvironmentFileError(f"{where}'name' must be text and [variables] a table")
    notes: list[str] = []
    try:
        variables = tuple(_variable_from(k, v, store, notes) for k, v in table.items())
    except EnvironmentFileError as exc:
        raise EnvironmentFileError(f"{where}{exc}") from None
    return Environment(name or default_name, variables, path, False, tuple(notes))


def load_environment(path: Path | str, store: SecretStoreLike | None = None) -> Environment:
    source = Path(path)
    try:
        text = source.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise EnvironmentFileError(f"{source}: cannot be read ({exc})") from None
    return parse_environment(text, source, store)


# ---------------------------------------------------------------- writing

def dump_environment(env: Environment) -> str:
    """The file text: plain values, and secret references only (never a secret's value)."""
    lines = [t.line("format", t.number(CURRENT_ENVIRONMENT_FORMAT)), t.line("name", t.text_value(env.name)),
             "", "[variables]"]
    for var in env.variables:
        if var.is_secret:
            lines.append(t.line(var.name, "{ secret = " + t.basic_string(var.secret_ref or "") + " }"))
        else:
            lines.append(t.line(var.name, t.text_value(var.value or "")))
    return "\n".join(lines) + "\n"


def save_environment(path: Path | str, env: Environment, store: SecretStoreLike | None = None) -> Environment:
    """Write the file atomically and put secret values into the store (the keyring).

    Returns the environment as saved. When the store is not persistent, secrets last for this
    session only; the file is the same either way.
    """
    if env.builtin:
        raise EnvironmentFileError(f"'{env.name}' is built in; save a copy under another name instead.")
    target = Path(path)
    secrets = [v for v in env.variables if v.is_secret and v.value is not None]
    if secrets:
        if store is None:  # never written to the file instead: the caller owns the keyring
            raise EnvironmentFileError(f"'{env.name}' has secret values and no secret store to keep them in.")
        for var in secrets:
            store.set(var.secret_ref or "", var.value or "")
    write_atomic(target, dump_environment(env))
    return replace(env, path=target)


def delete_environment(env: Environment, store: SecretStoreLike | None = None) -> None:
    """Remove the file and its keyring entries."""
    if env.builtin or env.path is None:
        raise EnvironmentFileError(f"'{env.name}' is built in and cannot be deleted.")
    refs = [v.secret_ref for v in env.variables if v.secret_ref]
    if refs:
        if store is None:
            raise EnvironmentFileError(f"'{env.name}' has keyring entries and no secret store to remove them from.")
        for ref in refs:
            store.delete(ref)
    env.path.unlink(missing_ok=True)


def merged_scopes(*scopes: Mapping[str, str] | None) -> list[Mapping[str, str]]:
    """Scopes for ``resolve_request``, highest priority first, skipping the absent ones."""
    return [s for s in scopes if s]
