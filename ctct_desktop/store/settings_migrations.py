"""The settings file's format number and the path from older formats to the current one.

Each step is a function named after the format it upgrades from; ``upgrade`` applies them in
order. Files without a ``format`` key come from before formats were numbered (format 0) and
already use the format 1 layout, so that step only stamps the number.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

FORMAT_KEY = "format"
FORMAT_VERSION = 1

Step = Callable[[dict[str, Any]], dict[str, Any]]


def _from_0(data: dict[str, Any]) -> dict[str, Any]:
    return {**data, FORMAT_KEY: 1}


STEPS: dict[int, Step] = {0: _from_0}


def upgrade(data: dict[str, Any], steps: dict[int, Step] | None = None,
            target: int = FORMAT_VERSION) -> tuple[dict[str, Any], list[str]]:
    """The data in the current format, and problems worth telling the user about."""
    path = STEPS if steps is None else steps
    found = data.get(FORMAT_KEY, 0)
    problems: list[str] = []
    if isinstance(found, bool) or not isinstance(found, int) or found < 0:
        problems.append(f"the format number {found!r} is not valid; read as format {target}")
        return {**data, FORMAT_KEY: target}, problems
    if found > target:
        problems.append(f"the file was written by a newer version (format {found}); settings this "
                        f"version does not know are kept unchanged")
        return data, problems
    for version in range(found, target):
        data = path[version](data)
    return data, problems
