"""Finding the desktop validators: a test that needs one skips on a developer's machine without it,
and fails in CI (CI=true), where scripts/test installs them, so a validation is never skipped there."""

from __future__ import annotations

import os
import shutil

import pytest


def require_tool(name: str, package: str) -> str:
    path = shutil.which(name)
    if path is not None:
        return path
    message = f"{name} is missing (Debian/Ubuntu: apt-get install {package}; scripts/test installs it)"
    if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
        pytest.fail(message)
    pytest.skip(message)
