"""The user's sending preferences as a ``PlanSettings``, the same for the window and ``send``."""

from __future__ import annotations

from ctct_desktop.send.planning import PlanSettings
from ctct_desktop.store.settings import Settings, load_settings


def plan_settings(settings: Settings | None = None, *, timeout_s: float | None = None) -> PlanSettings:
    """From Preferences (read from disk when not given), with a command line's overrides."""
    chosen = settings if settings is not None else load_settings().settings
    return PlanSettings(timeout_s=timeout_s, max_body_bytes=chosen.max_response_mb * 1024 * 1024)
