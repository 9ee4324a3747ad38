"""The Runner's last choices per collection (iterations, data file, bail, delay, timeout, force).

One JSON file beside the window state, ``{"format": 1, "collections": {path: choices}}``, written
atomically. It holds no secrets and no results; a missing, damaged or newer file means "the
defaults" (the choices are not worth stopping for), and a bad value falls back to its default.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from ctct_desktop.core.atomic import write_atomic
from ctct_desktop.core.migrations import FORMAT_KEY

FORMAT_VERSION = 1
FILE_NAME = "runner-choices.json"
MAX_ITERATIONS = 100_000
MAX_DELAY_MS = 600_000
MAX_TIMEOUT_S = 3600.0
_KEPT = 200  # collections remembered; the oldest go first


@dataclass(frozen=True)
class RunChoices:
    iterations: int = 0  # 0: one per data row, or once without data (the CLI's default)
    data_file: str = ""
    bail: bool = False
    delay_ms: int = 0
    timeout_s: float = 0.0  # 0: the request's own timeout
    force: bool = False


def _number(value: object, default: float, high: float) -> float:
    if isinstance(value, bool) or not isinstance(value, int | float) or not 0 <= value <= high:
        return default
    return value


def choices_from(data: object) -> RunChoices:
    """What a file holds for one collection, each bad value replaced by its default."""
    if not isinstance(data, dict):
        return RunChoices()
    data_file = data.get("data_file", "")
    return RunChoices(iterations=int(_number(data.get("iterations"), 0, MAX_ITERATIONS)),
                      data_file=data_file if isinstance(data_file, str) else "",
                      bail=data.get("bail") is True,
                      delay_ms=int(_number(data.get("delay_ms"), 0, MAX_DELAY_MS)),
                      timeout_s=float(_number(data.get("timeout_s"), 0.0, MAX_TIMEOUT_S)),
                      force=data.get("force") is True)


class RunChoicesStore:
    def __init__(self, folder: Path) -> None:
        self.path = folder / FILE_NAME

    def _read(self) -> dict[str, Any]:
        try:
            document = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, ValueError):
            return {}
        if not isinstance(document, dict) or document.get(FORMAT_KEY) != FORMAT_VERSION:
            return {}
        found = document.get("collections")
        return found if isinstance(found, dict) else {}

    def load(self, collection: Path) -> RunChoices:
        return choices_from(self._read().get(str(collection.resolve())))

    def save(self, collection: Path, choices: RunChoices) -> None:
        """Remember ``choices`` for ``collection``; an unwritable folder is not an error worth a dialog."""
        known = self._read()
        key = str(collection.resolve())
        known.pop(key, None)
        known[key] = asdict(choices)
        kept = dict(list(known.items())[-_KEPT:])
        text = json.dumps({FORMAT_KEY: FORMAT_VERSION, "collections": kept}, indent=2) + "\n"
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            write_atomic(self.path, text)
        except OSError:
            pass
