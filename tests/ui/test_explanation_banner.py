"""The 409 explanation is a banner inside the response pane: it never grows the window past the
screen, and none of its parts (title, buttons, "Other possible causes", text) is drawn over another.

The window runs in a child process whose offscreen screen is 1440×900 (tests/ui/layout_probe.py).
"""

from __future__ import annotations

from tests.ui.layout_probe import walk_at


def test_the_409_explanation_keeps_the_window_on_a_1440x900_screen() -> None:
    conflict = walk_at(1440, 900)["conflict"]
    assert conflict["status"] == 409 and conflict["card"] == "v1-409-contact-exists"
    assert conflict["inside"], f"frame {conflict['frame']} leaves the screen {conflict['available']}"
    assert conflict["card_overlaps"] == []
    assert conflict["clipped"] == []


def test_the_banner_shrunk_with_the_window_draws_nothing_over_its_text() -> None:
    shrunk = walk_at(1440, 900)["shrunk"]
    assert shrunk["inside"], f"frame {shrunk['frame']} leaves the screen {shrunk['available']}"
    assert shrunk["card_overlaps"] == [] and shrunk["overlaps"] == []
    assert shrunk["clipped"] == []
