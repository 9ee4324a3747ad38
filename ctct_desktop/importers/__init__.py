"""Importers: what a customer sent (curl, PHP, raw HTTP, HAR, Postman, Insomnia) as request models.

Each importer is a pure function ``text -> ImportResult``: no Qt, no files, no network, and it
never raises on bad input. ``import_text`` detects the format first.
"""

from __future__ import annotations

from ctct_desktop.importers.detect import FORMATS, detect, import_text, looks_like_command
from ctct_desktop.importers.model import MAX_IMPORT_CHARS, ImportedRequest, ImportResult

__all__ = ["FORMATS", "MAX_IMPORT_CHARS", "ImportResult", "ImportedRequest", "detect", "import_text",
           "looks_like_command"]
