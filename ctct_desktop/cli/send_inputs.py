"""What ``send`` reads before planning: the request file, its collection, the environment.

Turned into the same ``Scopes`` the window builds from its environment switcher and the open
collection, so one file and one environment give one plan in both front ends.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from ctct_desktop.cli.errors import UsageError
from ctct_desktop.core.models import RequestModel
from ctct_desktop.credentials.lazy_store import LazySecretStore
from ctct_desktop.send import Scopes, build_scopes
from ctct_desktop.store.builtin_environments import find_environment
from ctct_desktop.store.collection import COLLECTION_FILE, read_manifest
from ctct_desktop.store.environment import Environment, EnvironmentFileError
from ctct_desktop.store.request_file import RequestFileError, load_request


@dataclass(frozen=True)
class SendInputs:
    source: Path
    request: RequestModel
    scopes: Scopes
    environment: Environment | None
    notes: tuple[str, ...] = ()


def find_collection_root(start: Path) -> Path | None:
    for folder in [start.parent, *start.parent.parents]:
        if (folder / COLLECTION_FILE).is_file():
            return folder
    return None


def environment_for(env: str | None, root: Path | None, notes: list[str]) -> Environment | None:
    """The environment named on the command line (None without --env); UsageError when unknown."""
    if not env:
        return None
    try:
        found = find_environment(env, root, store=LazySecretStore())  # the keyring only if it has secrets
    except (EnvironmentFileError, OSError, ValueError) as exc:
        raise UsageError(str(exc)) from None
    notes += list(found.notes)
    notes += [f"the secret '{n}' of environment '{found.name}' has no value in the keyring"
              for n in found.missing_secrets()]
    return found


def refuse_secret_vars(given: Mapping[str, str], environment: Environment | None) -> None:
    """A secret typed on the command line is visible to every user of the machine (``ps``)."""
    if environment is None:
        return
    secret = {v.name for v in environment.variables if v.is_secret}
    for name in given:
        if name in secret:
            raise UsageError(f"--var {name}=…: '{name}' is a secret of environment '{environment.name}', and a "
                             "command line is visible to other users. Use --var-stdin "
                             f"{name} (the value is read from standard input) or keep it in the environment's "
                             "keyring entry.")


def load_inputs(request_file: str, *, env: str | None, given: Mapping[str, str],
                given_secret: Mapping[str, str] | None = None, collection: str | None = None) -> SendInputs:
    source = Path(request_file)
    try:
        saved = load_request(source)
    except RequestFileError as exc:
        raise UsageError(str(exc)) from None
    root = Path(collection) if collection else find_collection_root(source.resolve())
    notes = list(saved.notes)
    collection_vars: dict[str, str] = {}
    if root is not None:
        if not root.is_dir():
            raise UsageError(f"{root}: the collection folder does not exist")
        manifest = read_manifest(root)
        notes += [f"{p.path}: {p.reason}" for p in manifest.problems]
        collection_vars = dict(manifest.variables)
    environment = environment_for(env, root, notes)
    refuse_secret_vars(given, environment)
    scopes = build_scopes(given=given, given_secret=given_secret, environment=environment,
                          collection=collection_vars)
    return SendInputs(source, saved.request, scopes, environment, tuple(notes))
