"""Recording a result in the history, masked with its plan's secrets (for ``send`` and ``run``).

The window records through its own worker (``ui/saved_work.py``) with the same ``History`` and
the same ``SecretSet``; this is the headless twin.
"""

from __future__ import annotations

import sqlite3

from ctct_desktop.send.result import SendResult
from ctct_desktop.store.history import History
from ctct_desktop.core.paths import app_dirs
from ctct_desktop.store.settings import Settings, load_settings


def record_in_history(result: SendResult, settings: Settings | None = None) -> str:
    """Record one exchange; returns "" or the reason it could not be recorded (never raises)."""
    chosen = settings if settings is not None else load_settings().settings
    try:
        history = History(app_dirs().history_db, chosen.history_max_entries, chosen.history_max_bytes)
        try:
            history.record(result.exchange, result.secrets)
        finally:
            history.close()
    except (OSError, sqlite3.Error) as exc:
        return str(exc)
    return ""
