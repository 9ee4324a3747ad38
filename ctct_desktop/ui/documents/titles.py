"""What the window and the status bar call a document: plain functions of plain data."""

from __future__ import annotations

from urllib.parse import urlsplit

from PySide6 import QtGui

from ctct_desktop.core.models import RequestModel
from ctct_desktop.store.request_file import SavedRequest

APP_TITLE = "CTCT Desktop"
HISTORY_NAME_LENGTH = 40


def app_name() -> str:
    """The name the platform shows after a window's title (Qt appends applicationDisplayName
    to any title that does not already end with it)."""
    return QtGui.QGuiApplication.applicationDisplayName() or APP_TITLE


def window_title(document_name: str) -> str:
    """``name[*] — App``: ends with the display name, so the platform does not add it a second
    time; Qt shows '*' at the placeholder while the window is marked modified."""
    return f"{document_name}[*] — {app_name()}"


def history_name(request: RequestModel) -> str:
    """A restored history entry's tab: its method and the end of its path ("GET contacts/12")."""
    path = urlsplit(request.url).path.rstrip("/")
    tail = "/".join(path.split("/")[-2:]) if path.count("/") > 1 else path.lstrip("/")
    name = f"{request.method} {tail}".strip() if tail else request.method
    return name if len(name) <= HISTORY_NAME_LENGTH else name[:HISTORY_NAME_LENGTH - 1] + "…"


def opened_text(saved: SavedRequest, read_only: bool) -> str:
    parts = [f"Opened “{saved.name}”."]
    if read_only:
        parts.append("It is a built-in template: Ctrl+S saves a copy into your collection.")
    parts += [note[0].upper() + note[1:] + "." for note in saved.notes if note]
    return " ".join(parts)
