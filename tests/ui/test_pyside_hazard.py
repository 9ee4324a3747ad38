"""Regression test for docs/architecture.md "Hazards worth knowing": PySide6 6.12.0 on CPython 3.11 drops a reference
to None on every void-returning call until the interpreter aborts (none_dealloc)."""

from __future__ import annotations

import sys

from PySide6 import QtGui


def test_void_calls_keep_references_to_none() -> None:
    fmt = QtGui.QTextCharFormat()
    before = sys.getrefcount(None)
    for _ in range(1000):
        fmt.setFontWeight(700)
    assert sys.getrefcount(None) > before - 100
