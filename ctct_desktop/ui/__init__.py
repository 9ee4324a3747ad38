"""Everything Qt: the main window, editors, response view, highlighting and worker bridges.

Only this package and ``ctct_desktop.app`` may import PySide6 (tests/test_seams.py enforces it).
"""
