"""The golden path at 1280×720, 1440×900 and 1920×1080: create a contact (201), send it again
(409, explained), break the body (Problems with a quick fix), then shrink the window. At each step
the window's frame stays inside the screen and no visible widget of the response pane overlaps
another or is cut off by its parent.

How the screen size is given: the offscreen platform reads its screens once, at start-up, from a
JSON file named in the platform string, ``QT_QPA_PLATFORM=offscreen:configfile=screen.json`` with
``{"screens": [{"name": …, "x": 0, "y": 0, "width": W, "height": H, "logicalDpi": 96, …}]}``.
So each size is walked in its own child process (``python -m tests.ui.layout_probe``), which
prints one JSON line per step (tests/ui/layout_probe.py).
"""

from __future__ import annotations

import pytest

from tests.ui.layout_probe import walk_at

SIZES = [(1280, 720), (1440, 900), (1920, 1080)]
STEPS = ["start", "created", "conflict", "broken", "shrunk"]


@pytest.mark.parametrize(("width", "height"), SIZES, ids=[f"{w}x{h}" for w, h in SIZES])
def test_golden_path_fits_the_screen_at_every_step(width: int, height: int) -> None:
    steps = walk_at(width, height)
    assert list(steps) == STEPS
    assert steps["created"]["status"] == 201 and steps["conflict"]["status"] == 409
    assert steps["conflict"]["card"] == "v1-409-contact-exists"
    broken = steps["broken"]
    assert "L001" in broken["fixable"] and broken["problems_shown"] and broken["problems_overlaps"] == []
    for name, step in steps.items():
        assert step["available"] == [0, 0, width, height]
        assert step["inside"], f"{name}: frame {step['frame']} leaves the screen {step['available']}"
        assert step["overlaps"] == [], f"{name}: {step['overlaps']}"
        assert step["clipped"] == [], f"{name}: {step['clipped']}"
    assert steps["start"]["side_by_side"], "a wide first window puts request and response side by side"
