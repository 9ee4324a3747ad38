"""Variable scopes in the order they win, each knowing which of its names hold secrets.

The window and the command line build the same scopes from the same sources (a run's captured
values, ``--var``, the environment, the collection), so a request resolves the same in both.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

from ctct_desktop.store.environment import Environment


@dataclass(frozen=True)
class Scope:
    """One source of values; ``secret_names`` are those whose values must never be shown."""

    label: str
    values: Mapping[str, str] = field(default_factory=dict)
    secret_names: frozenset[str] = frozenset()

    def secret_values(self) -> tuple[str, ...]:
        return tuple(self.values[name] for name in sorted(self.secret_names) if self.values.get(name))


@dataclass(frozen=True)
class Scopes:
    """Scopes, first wins. Plain data: a snapshot taken on the UI thread can cross to a worker."""

    scopes: tuple[Scope, ...] = ()

    def merged(self) -> dict[str, str]:
        """Every name with the value of the first scope that defines it."""
        out: dict[str, str] = {}
        for scope in reversed(self.scopes):
            out.update(scope.values)
        return out

    def mappings(self) -> list[Mapping[str, str]]:
        return [scope.values for scope in self.scopes]

    def secret_names(self) -> frozenset[str]:
        return frozenset(name for scope in self.scopes for name in scope.secret_names)

    def secret_values(self) -> tuple[str, ...]:
        return tuple(value for scope in self.scopes for value in scope.secret_values())


def environment_scope(environment: Environment | None) -> Scope | None:
    """The environment's values; those it keeps in the keyring are its secrets."""
    if environment is None:
        return None
    return Scope(f"environment '{environment.name}'", environment.values(),
                 frozenset(v.name for v in environment.variables if v.is_secret))


def build_scopes(*, run: Mapping[str, str] | None = None, given: Mapping[str, str] | None = None,
                 given_secret: Mapping[str, str] | None = None, environment: Environment | None = None,
                 collection: Mapping[str, str] | None = None) -> Scopes:
    """The one precedence order: run captures, values given (``--var``; secret ones read from
    standard input), the environment, the collection's variables."""
    found: list[Scope] = []
    if run:
        found.append(Scope("run", dict(run)))
    if given_secret:
        found.append(Scope("standard input", dict(given_secret), frozenset(given_secret)))
    if given:
        found.append(Scope("--var", dict(given)))
    env = environment_scope(environment)
    if env is not None:
        found.append(env)
    if collection:
        found.append(Scope("collection", dict(collection)))
    return Scopes(tuple(found))

