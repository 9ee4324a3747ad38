"""Environments in the UI: the switcher, the editor dialog, and variable hover text."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from ctct_desktop.ui.environment_view.hover import VariableHover, hover_at, hover_at_text, placeholder_at
from ctct_desktop.ui.environment_view.listing import EnvironmentChoice, list_choices
from ctct_desktop.ui.environment_view.switcher import EnvironmentSwitcher

if TYPE_CHECKING:
    from ctct_desktop.ui.environment_view.editor_dialog import EnvironmentEditor


def __getattr__(name: str) -> Any:
    """The editor dialog loads when first asked for: the first screen never shows it."""
    if name == "EnvironmentEditor":
        from ctct_desktop.ui.environment_view.editor_dialog import EnvironmentEditor

        return EnvironmentEditor
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = ["EnvironmentChoice", "EnvironmentEditor", "EnvironmentSwitcher", "VariableHover", "hover_at",
           "hover_at_text", "list_choices", "placeholder_at"]
