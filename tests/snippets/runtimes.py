"""Which snippet runtimes this machine has, and how to run a generated file with each."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path


def _python_with(module: str) -> str | None:
    for candidate in (sys.executable, shutil.which("python3")):
        if candidate and subprocess.run([candidate, "-c", f"import {module}"], capture_output=True).returncode == 0:
            return candidate
    return None


def _php() -> str | None:
    php = shutil.which("php")
    if php is None:
        return None
    modules = subprocess.run([php, "-m"], capture_output=True, text=True).stdout.split()
    return php if "curl" in modules else None


def command_for(lang: str, path: Path) -> list[str] | None:
    """The command that runs ``path`` (written as the language's FILE_NAME), or None when absent."""
    found: dict[str, object] = {
        "curl": shutil.which("bash") if shutil.which("curl") else None,
        "python-httpx": _python_with("httpx"),
        "python-requests": _python_with("requests"),
        "js": shutil.which("node"),
        "java": shutil.which("java"),
        "php": _php(),
    }
    runner = found.get(lang)
    return [str(runner), str(path)] if runner else None
