"""Compare two recorded exchanges side by side (opened from the History panel's "Compare")."""

from ctct_desktop.ui.diff_view.window import DiffWindow, open_comparison

__all__ = ["DiffWindow", "open_comparison"]
