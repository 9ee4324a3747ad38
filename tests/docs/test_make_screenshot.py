"""The README screenshots come from the real window: the script runs, and what it writes is a
1440×900 picture of the window in each theme (the dark one darker), showing the 409."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from PySide6 import QtGui

ROOT = Path(__file__).resolve().parents[2]


def _mean_lightness(image: QtGui.QImage) -> float:
    samples = [QtGui.QColor(image.pixel(x, y)).lightnessF()
               for x in range(0, image.width(), 37) for y in range(0, image.height(), 29)]
    return sum(samples) / len(samples)


def test_screenshots_are_made_from_the_window_in_both_themes(tmp_path: Path) -> None:
    done = subprocess.run([sys.executable, str(ROOT / "docs" / "make_screenshot.py"), "--out", str(tmp_path)],
                          capture_output=True, text=True, timeout=300, cwd=ROOT)
    assert done.returncode == 0, done.stderr[-3000:]
    light, dark = QtGui.QImage(str(tmp_path / "light.png")), QtGui.QImage(str(tmp_path / "dark.png"))
    assert (light.width(), light.height()) == (1440, 900)
    assert (dark.width(), dark.height()) == (1440, 900)
    assert _mean_lightness(dark) < 0.4 < 0.7 < _mean_lightness(light)
    assert "wrote" in done.stdout and "light.png" in done.stdout and "dark.png" in done.stdout
