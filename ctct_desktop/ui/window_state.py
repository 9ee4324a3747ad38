"""The window's own state between runs: geometry, dock layout, splitter, and a draft of the request.

One JSON file with a format version, written atomically through store.atomic. The draft never holds
secrets: passwords, API keys and tokens are dropped before writing (design.md, Security).
"""

from __future__ import annotations

import base64
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ctct_desktop.core.models import RequestModel
from ctct_desktop.store.atomic import write_atomic
from ctct_desktop.store.drafts import safe_request
from ctct_desktop.store.history_codec import request_from_dict, request_to_dict

FORMAT_VERSION = 1
FILE_NAME = "window-state.json"


@dataclass
class WindowState:
    geometry: bytes = b""
    dock_state: bytes = b""
    splitter: bytes = b""
    draft: RequestModel | None = None
    sandbox_base_url: str = ""  # the sandbox address the draft was written against
    extra: dict[str, Any] = field(default_factory=dict)


def draft_to_json(model: RequestModel) -> dict[str, Any]:
    """The draft as stored: secrets removed the drafts' way ({{variable}} references kept)."""
    return request_to_dict(safe_request(model))


def draft_from_json(data: dict[str, Any]) -> RequestModel:
    """Rebuild a draft; raises ValueError (CodecError) on a damaged file (the caller ignores it)."""
    return request_from_dict(data)


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


class WindowStateStore:
    """Reads and writes ``<config>/window-state.json``; a missing or damaged file means "first run"."""

    def __init__(self, folder: Path) -> None:
        self.path = folder / FILE_NAME

    def load(self) -> WindowState | None:
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
            if not isinstance(data, dict) or data.get("format_version") != FORMAT_VERSION:
                return None
            draft = draft_from_json(data["draft"]) if isinstance(data.get("draft"), dict) else None
            return WindowState(base64.b64decode(data.get("geometry", "")), base64.b64decode(data.get("dock_state", "")),
                               base64.b64decode(data.get("splitter", "")), draft,
                               str(data.get("sandbox_base_url", "")), dict(data.get("extra") or {}))
        except (OSError, ValueError, KeyError, TypeError):
            return None

    def save(self, state: WindowState) -> None:
        payload = {
            "format_version": FORMAT_VERSION,
            "geometry": _b64(state.geometry), "dock_state": _b64(state.dock_state), "splitter": _b64(state.splitter),
            "draft": draft_to_json(state.draft) if state.draft is not None else None,
            "sandbox_base_url": state.sandbox_base_url, "extra": state.extra,
        }
        write_atomic(self.path, json.dumps(payload, indent=2, sort_keys=True) + "\n")
