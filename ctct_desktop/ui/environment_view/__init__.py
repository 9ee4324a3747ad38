"""Environments in the UI: the switcher, the editor dialog, and variable hover text."""

from __future__ import annotations

from ctct_desktop.ui.environment_view.editor_dialog import EnvironmentEditor
from ctct_desktop.ui.environment_view.hover import VariableHover, hover_at, hover_at_text, placeholder_at
from ctct_desktop.ui.environment_view.listing import EnvironmentChoice, list_choices
from ctct_desktop.ui.environment_view.switcher import EnvironmentSwitcher

__all__ = ["EnvironmentChoice", "EnvironmentEditor", "EnvironmentSwitcher", "VariableHover", "hover_at",
           "hover_at_text", "list_choices", "placeholder_at"]
