"""Version 1 -> 2: request files gain ``assertions``, ``captures`` and ``repeat`` (a collection run).

All three are new and optional, and nothing of format 1 changed meaning, so this step only
stamps the number: a format 1 file is a format 2 file with nothing to check.
"""

from __future__ import annotations

from typing import Any


def upgrade(data: dict[str, Any]) -> dict[str, Any]:
    return {**data, "format": 2}
