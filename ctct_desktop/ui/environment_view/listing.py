"""Which environments the switcher offers, without Qt: built-ins once, then each collection's own.

A user environment is labelled with its collection's name when more than one collection is
open, so two "Production" files stay distinguishable.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from ctct_desktop.store.builtin_environments import SANDBOX_ENV_NAME, builtin_environments, list_environments
from ctct_desktop.store.collection import read_manifest
from ctct_desktop.store.environment import Environment, SecretStoreLike

SECRET_MASK = "••••••••"


@dataclass(frozen=True)
class EnvironmentChoice:
    """One entry of the switcher: the environment, where it came from, and how it is shown."""

    environment: Environment
    collection_root: Path | None
    label: str

    @property
    def key(self) -> tuple[str, str]:
        """Identity across reloads: built-ins by name, files by path."""
        env = self.environment
        return ("builtin", env.name) if env.builtin else ("file", str(env.path))


@dataclass
class Listing:
    choices: list[EnvironmentChoice] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)


def sandbox_label(env: Environment, sandbox_note: str) -> str:
    """The built-in sandbox says when no embedded sandbox runs: "Sandbox (not started) — URL"."""
    if not sandbox_note or env.name != SANDBOX_ENV_NAME:
        return env.name
    host = next((v.value for v in env.variables if v.name == "host" and v.value), "")
    return f"Sandbox ({sandbox_note})" + (f" — {host}" if host else "")


def list_choices(collection_roots: Sequence[Path], *, sandbox_url: str | None = None,
                 store: SecretStoreLike | None = None, sandbox_note: str = "") -> Listing:
    """Built-ins, then every open collection's environments, plus problems in plain words.

    ``sandbox_note`` ("not started") is set when the embedded sandbox is not running, so the
    switcher never claims a "Sandbox (local)" that is not there."""
    listing = Listing([EnvironmentChoice(env, None, sandbox_label(env, sandbox_note))
                       for env in builtin_environments(sandbox_url)])
    several = len(collection_roots) > 1
    for root in collection_roots:
        found, problems = list_environments(root, sandbox_url=sandbox_url, store=store)
        listing.problems += problems
        collection_name = read_manifest(root).name
        for env in (e for e in found if not e.builtin):
            label = f"{env.name} — {collection_name}" if several else env.name
            listing.choices.append(EnvironmentChoice(env, root, label))
            listing.problems += [f"{env.name}: {note}" for note in env.notes]
    return listing


def describe(env: Environment, limit: int = 12) -> str:
    """Tooltip text: the variables with their values, secrets masked, missing secrets named."""
    lines = [f"{env.name}{' (built in)' if env.builtin else ''}"]
    for var in env.variables[:limit]:
        if var.is_secret:
            shown = SECRET_MASK if var.value is not None else "(secret not in the keyring)"
        else:
            shown = var.value or "(empty)"
        lines.append(f"{var.name} = {shown}")
    if len(env.variables) > limit:
        lines.append(f"… and {len(env.variables) - limit} more")
    if env.path is not None:
        lines.append(str(env.path))
    return "\n".join(lines)
