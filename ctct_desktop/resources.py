"""Where the shipped resources (templates, knowledge base, icons) live.

One function so every reader agrees; it never imports Qt.
"""

from __future__ import annotations

from pathlib import Path

_CANDIDATES = (
    Path(__file__).resolve().parent.parent / "resources",  # source checkout / editable install
    Path(__file__).resolve().parent / "_resources",  # reserved for a packaged build
)


def resources_dir() -> Path:
    """Return the resources folder, or raise with a clear message when the install is broken."""
    for candidate in _CANDIDATES:
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(
        "CTCT Desktop's resources folder is missing; reinstall with 'pip install -e .' from a checkout."
    )


def resource_path(*parts: str) -> Path:
    """Path of one resource below the resources folder."""
    return resources_dir().joinpath(*parts)
