"""Test-wide setup. QT_QPA_PLATFORM must be set before any QApplication exists, or a headless
run aborts the whole pytest process (design.md, Testing)."""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QT_LOGGING_RULES", "qt.qpa.*=false")
