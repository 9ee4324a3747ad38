"""The environments every user has: "Sandbox (local)" and presets for the real v1, v2 and v3 APIs.

The sandbox one is built at runtime for wherever the sandbox is listening; the presets hold the
public base URLs and leave credentials unset, so a request reports them as unresolved until the
user copies a preset into their own environment and fills it in.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from ctct_desktop.core import sandbox_demo as demo
from ctct_desktop.store.environment import (
    ENV_SUFFIX,
    Environment,
    EnvironmentFileError,
    EnvVariable,
    SecretStoreLike,
    environments_dir,
    load_environment,
)

SANDBOX_ENV_NAME = "Sandbox (local)"
SANDBOX_URL_ENV = "CTCT_SANDBOX_URL"
DEFAULT_SANDBOX_URL = "http://127.0.0.1:8089"

V1_PRESET = "Constant Contact v1"
V2_PRESET = "Constant Contact v2"
V3_PRESET = "Constant Contact v3"

_PRESETS: dict[str, dict[str, str]] = {
    V1_PRESET: {
        "base_url": "https://api.constantcontact.com/ws/customers/{{username}}",
        "oauth_base_url": "https://oauth2.constantcontact.com",
    },
    V2_PRESET: {
        "v2_base_url": "https://api.constantcontact.com/v2",
        "oauth_base_url": "https://oauth2.constantcontact.com",
    },
    V3_PRESET: {
        "v3_base_url": "https://api.cc.email/v3",
        "v3_oauth_base_url": "https://authz.constantcontact.com",
    },
}


def _pid_alive(pid: object) -> bool:
    if not isinstance(pid, int) or isinstance(pid, bool) or pid <= 0:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # exists, owned by someone else
    except OSError:
        return False
    return True


def _endpoint_file_url() -> str | None:
    from ctct_desktop.core.paths import app_dirs

    endpoint = app_dirs().sandbox / "endpoint.json"
    try:
        data = json.loads(endpoint.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(data, dict) or not isinstance(data.get("base_url"), str):
        return None
    return data["base_url"] if _pid_alive(data.get("pid")) else None


def find_sandbox_url() -> str:
    """Where a running sandbox listens: $CTCT_SANDBOX_URL, its endpoint.json, or the default port."""
    explicit = os.environ.get(SANDBOX_URL_ENV, "").strip()
    if explicit:
        return explicit.rstrip("/")
    return (_endpoint_file_url() or DEFAULT_SANDBOX_URL).rstrip("/")


def sandbox_variables(base_url: str) -> dict[str, str]:
    """The sandbox's variables plus the names the templates use for OAuth."""
    values = dict(demo.sandbox_environment(base_url))
    host = values.get("host", base_url.rstrip("/"))
    values.setdefault("oauth_base_url", host)
    values.setdefault("v3_oauth_base_url", host)
    return values


def sandbox_env(base_url: str | None = None) -> Environment:
    url = base_url or find_sandbox_url()
    rows = tuple(EnvVariable(k, v) for k, v in sandbox_variables(url).items())
    return Environment(SANDBOX_ENV_NAME, rows, None, builtin=True)


def preset_environments() -> list[Environment]:
    return [Environment(name, tuple(EnvVariable(k, v) for k, v in values.items()), None, builtin=True)
            for name, values in _PRESETS.items()]


def builtin_environments(sandbox_url: str | None = None) -> list[Environment]:
    return [sandbox_env(sandbox_url), *preset_environments()]


def list_environments(collection_root: Path | None, *, sandbox_url: str | None = None,
                      store: SecretStoreLike | None = None) -> tuple[list[Environment], list[str]]:
    """Built-ins first, then the collection's files sorted by name; plus problems (path: reason)."""
    found = builtin_environments(sandbox_url)
    problems: list[str] = []
    if collection_root is None:
        return found, problems
    folder = environments_dir(collection_root)
    files = sorted(folder.glob(f"*{ENV_SUFFIX}"), key=lambda p: p.name.casefold()) if folder.is_dir() else []
    for path in files:
        if path.name.startswith("."):
            continue
        try:
            found.append(load_environment(path, store))
        except EnvironmentFileError as exc:
            problems.append(str(exc))
    return found, problems


def find_environment(name_or_file: str, collection_root: Path | None, *, sandbox_url: str | None = None,
                     store: SecretStoreLike | None = None) -> Environment:
    """Pick one by file path, by name (case-insensitive), or "sandbox"; raises with the choices."""
    candidate = Path(name_or_file)
    if candidate.suffix == ENV_SUFFIX and candidate.is_file():
        return load_environment(candidate, store)
    if name_or_file.strip().casefold() in ("sandbox", SANDBOX_ENV_NAME.casefold()):
        return sandbox_env(sandbox_url)
    envs, _problems = list_environments(collection_root, sandbox_url=sandbox_url, store=store)
    for env in envs:
        if env.name.casefold() == name_or_file.strip().casefold():
            return env
    names = ", ".join(f"'{e.name}'" for e in envs)
    raise EnvironmentFileError(f"No environment named '{name_or_file}'. Known: {names}, or a path to a "
                               f"{ENV_SUFFIX} file.")
