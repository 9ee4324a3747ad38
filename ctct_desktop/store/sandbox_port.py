"""The port the embedded sandbox listened on last time.

A new port each launch makes every absolute sandbox address (history entries, drafts, requests
an action built) go stale after a restart; remembering the port keeps them valid. The file is a
small versioned JSON document (``{"format": 1, "port": 48213}``) in the app's data folder.
Reading never raises: a missing, damaged or newer file means "no port remembered" (with the
reason, for the activity line) and the sandbox takes a free one, which is then remembered.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from ctct_desktop.core.atomic import write_atomic
from ctct_desktop.core.migrations import FORMAT_KEY, MigrationError, migrate_document

FORMAT_VERSION = 1
STEPS = "ctct_desktop.store.migrations.sandbox_port"
LABEL = "sandbox port file"
_PORT = "port"


@dataclass(frozen=True)
class RememberedPort:
    """The port to try first (None: take a free one) and, when the file was unusable, why."""

    port: int | None
    problem: str = ""


def load_port(path: Path) -> RememberedPort:
    """The remembered port (1-65535); a missing file is no problem, an unusable one is said."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return RememberedPort(None)
    except OSError as exc:
        return RememberedPort(None, f"the {LABEL} could not be read ({exc.strerror or exc})")
    try:
        document = json.loads(text)
    except ValueError:
        return RememberedPort(None, f"the {LABEL} is not valid JSON")
    if not isinstance(document, dict):
        return RememberedPort(None, f"the {LABEL} does not hold a JSON object")
    try:
        port = migrate_document(document, STEPS, FORMAT_VERSION, LABEL).document.get(_PORT)
    except MigrationError as exc:
        return RememberedPort(None, str(exc))
    if isinstance(port, bool) or not isinstance(port, int) or not 0 < port < 65536:
        return RememberedPort(None, f"the {LABEL}'s '{_PORT}' is not a port number from 1 to 65535")
    return RememberedPort(port)


def save_port(path: Path, port: int) -> None:
    """Remember ``port`` for the next launch (atomically); OSError when the folder is not writable."""
    if not 0 < port < 65536:
        raise ValueError(f"{port} is not a TCP port number")
    write_atomic(path, json.dumps({FORMAT_KEY: FORMAT_VERSION, _PORT: port}, indent=2) + "\n")
