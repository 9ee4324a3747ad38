"""Compare two recorded exchanges side by side (the History panel's and the ticket view's "Compare")."""

from ctct_desktop.ui.diff_view.loading import Comparison
from ctct_desktop.ui.diff_view.window import DiffWindow, compare_in_window, open_comparison

__all__ = ["Comparison", "DiffWindow", "compare_in_window", "open_comparison"]
