"""Format migrations for saved requests: one module per version it upgrades *from*.

``v0.py`` turns a version-0 document into version 1, a future ``v1.py`` would turn 1 into 2, and
so on (the HTTPie convention). ``migrate`` applies them in order until the document is current.
"""

from __future__ import annotations

import importlib
from typing import Any

CURRENT_REQUEST_FORMAT = 1


class MigrationError(ValueError):
    """The document's version cannot be read by this program; the message is for the user."""


def migrate_request(data: dict[str, Any], version: int) -> dict[str, Any]:
    """Upgrade a parsed request document from ``version`` to the current format."""
    if version > CURRENT_REQUEST_FORMAT:
        raise MigrationError(
            f"format {version} was written by a newer CTCT Desktop (this one reads up to "
            f"{CURRENT_REQUEST_FORMAT}); update the program to open it")
    if version < 0:
        raise MigrationError(f"format {version} is not a valid format number")
    while version < CURRENT_REQUEST_FORMAT:
        try:
            step = importlib.import_module(f"{__name__}.v{version}")
        except ModuleNotFoundError as exc:
            raise MigrationError(f"format {version} is not known; no migration exists for it") from exc
        data = step.upgrade(data)
        version += 1
    return data
