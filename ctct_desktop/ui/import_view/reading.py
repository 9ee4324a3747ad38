"""Work the import dialog does off the UI thread: reading a picked file and importing text."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ctct_desktop.importers import MAX_IMPORT_CHARS, ImportResult, import_text

SHOWN_LIMIT = 512 * 1024  # a larger source is imported without being put in the text box


@dataclass(frozen=True)
class Loaded:
    """A picked file's text, or the reason it could not be read."""

    path: str
    text: str = ""
    error: str = ""


def read_source(path: str) -> Loaded:
    file = Path(path)
    try:
        size = file.stat().st_size
        if size > MAX_IMPORT_CHARS * 4:
            return Loaded(path, error=f"{file.name} is {size / 1_048_576:.1f} MB; an import reads at most "
                                      f"{MAX_IMPORT_CHARS // 1_048_576} MB.")
        data = file.read_bytes()
    except OSError as exc:
        return Loaded(path, error=f"{file.name} cannot be read: {exc.strerror or exc}")
    for encoding in ("utf-8-sig", "utf-16"):
        try:
            return Loaded(path, data.decode(encoding))
        except UnicodeDecodeError:
            continue
    return Loaded(path, data.decode("latin-1"))


def run_import(text: str) -> ImportResult:
    return import_text(text)
