from __future__ import annotations

from typing import Any

import ctct_desktop_module_that_does_not_exist  # noqa: F401


def upgrade(document: dict[str, Any]) -> dict[str, Any]:
    return {**document, "format": 1}
