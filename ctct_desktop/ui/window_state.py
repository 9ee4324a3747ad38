"""The window's layout between runs: geometry, dock layout, splitter and pane arrangement, nothing else.

One JSON file with a ``format`` number, upgraded through the one migration runner
(core/migrations.py, steps in ``ui/window_state_migrations/``) and written atomically. Drafts live
in the draft store alone; a draft an old (format 1) file still carries is handed to it once here.
A missing, damaged or newer file means "first run": the layout is not worth stopping for.
``panes`` (side by side or stacked, "" for by width) is optional within format 2: older files lack
it and older programs ignore it.
"""

from __future__ import annotations

import base64
import binascii
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ctct_desktop.core.migrations import FORMAT_KEY, NewerFormatError, migrate_document
from ctct_desktop.core.models import RequestModel
from ctct_desktop.core.atomic import write_atomic
from ctct_desktop.store.drafts import DraftError, DraftStore
from ctct_desktop.store.history_codec import CodecError, request_from_dict
from ctct_desktop.ui.documents.model import DRAFT_ID, Document, draft_meta
from ctct_desktop.ui.widgets.panes import MODES as PANE_MODES
from ctct_desktop.ui.window_state_migrations.v1 import LEGACY_DRAFT

FORMAT_VERSION = 2  # 2: layout only, under "format" (1 also held a draft, under "format_version")
WINDOW_STATE_STEPS = "ctct_desktop.ui.window_state_migrations"
FILE_NAME = "window-state.json"
_LAYOUT = ("geometry", "dock_state", "splitter")


@dataclass
class WindowState:
    geometry: bytes = b""
    dock_state: bytes = b""
    splitter: bytes = b""
    panes: str = ""  # ui/widgets/panes.py: "", "side-by-side" or "stacked"


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _decoded(document: dict[str, Any], key: str) -> bytes:
    value = document.get(key, "")
    if not isinstance(value, str):
        raise ValueError(f"'{key}' must be Base64 text")
    return base64.b64decode(value, validate=True)


def state_to_json(state: WindowState, pending_draft: object = None) -> str:
    """The file text: layout only, plus an old draft the draft store could not take yet (rare)."""
    payload: dict[str, Any] = {FORMAT_KEY: FORMAT_VERSION, "geometry": _b64(state.geometry),
                               "dock_state": _b64(state.dock_state), "splitter": _b64(state.splitter)}
    if state.panes:
        payload["panes"] = state.panes
    if pending_draft is not None:
        payload[LEGACY_DRAFT] = pending_draft
    return json.dumps(payload, indent=2) + "\n"


def state_from_json(text: str) -> tuple[WindowState, dict[str, Any]]:
    """The layout and the upgraded document; ValueError (MigrationError among them) says why not."""
    data = json.loads(text)
    if not isinstance(data, dict):
        raise ValueError("expected a JSON object")
    document = migrate_document(data, WINDOW_STATE_STEPS, FORMAT_VERSION, "window state file").document
    try:
        geometry, dock_state, splitter = (_decoded(document, key) for key in _LAYOUT)
    except binascii.Error as exc:
        raise ValueError(f"the layout is not Base64 ({exc})") from None
    panes = document.get("panes", "")
    state = WindowState(geometry, dock_state, splitter, panes if panes in PANE_MODES else "")  # unknown: by size
    return state, document


class WindowStateStore:
    """Reads and writes ``<config>/window-state.json``; hands an old file's draft to ``drafts``."""

    def __init__(self, folder: Path, drafts: DraftStore) -> None:
        self.path = folder / FILE_NAME
        self.drafts = drafts
        self.problems: list[str] = []  # from the last load: why the file (or its old draft) was not used
        self._pending: object = None  # an old draft the draft store could not take yet: kept in the file

    def load(self) -> WindowState | None:
        self.problems = []
        try:
            state, document = state_from_json(self.path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return None
        except (OSError, UnicodeDecodeError, ValueError, RecursionError) as exc:
            kind = "is from a newer version" if isinstance(exc, NewerFormatError) else "could not be used"
            self.problems.append(f"The window layout {self.path} {kind} ({exc}); the default layout is used.")
            return None
        if LEGACY_DRAFT in document:
            self._hand_over(document[LEGACY_DRAFT], state)
        return state

    def save(self, state: WindowState) -> None:
        write_atomic(self.path, state_to_json(state, self._pending))

    def _hand_over(self, legacy: object, state: WindowState) -> None:
        """Give an old file's draft to the draft store (unless it holds a newer one), then rewrite
        the file without it, so this happens once. If the draft store cannot take it now, the
        file keeps it for the next start."""
        try:
            if not self.drafts.path_of(DRAFT_ID).exists():
                request, base_url = _legacy_request(legacy)
                self.drafts.save(DRAFT_ID, request, draft_meta(Document(), base_url))
        except CodecError as exc:  # the old program could not read it either (it ignored the whole file)
            self.problems.append(f"The draft kept with the old window layout was damaged ({exc}) and "
                                 f"was left out.")
        except (OSError, DraftError) as exc:
            self._pending = legacy
            self.problems.append(f"The draft kept with the old window layout could not be moved to the "
                                 f"drafts ({exc}); it is tried again on the next start.")
            return
        try:
            self.save(state)
        except OSError:
            pass  # the next start hands nothing over twice: the draft store holds the draft now


def _legacy_request(legacy: object) -> tuple[RequestModel, str]:
    if not isinstance(legacy, dict) or not isinstance(legacy.get("request"), dict):
        raise CodecError("it is not a request")
    base_url = legacy.get("sandbox_base_url", "")
    return request_from_dict(legacy["request"]), base_url if isinstance(base_url, str) else ""
