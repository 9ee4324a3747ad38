"""Data rows for a data-driven run (newman's ``-d``): one iteration per row, its values as variables.

A CSV file's first row names the variables; a JSON file is a list of objects whose values are
text, numbers, true/false or null (null is an empty value). Anything else is refused with the row.
"""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from ctct_desktop.runner.source import RunInputError

MAX_ROWS = 100_000
MAX_BYTES = 64 * 1024 * 1024


def _text(value: object) -> str | None:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (str, int, float)):
        return str(value)
    return None


def _csv_rows(text: str, path: Path) -> list[dict[str, str]]:
    reader = csv.reader(io.StringIO(text))
    rows = [row for row in reader if row]
    if not rows:
        raise RunInputError(f"--data {path}: the file is empty (the first row names the variables)")
    names = [n.strip() for n in rows[0]]
    if any(not n for n in names) or len(set(names)) != len(names):
        raise RunInputError(f"--data {path}: the first row must name each column once, with no empty names")
    out: list[dict[str, str]] = []
    for number, row in enumerate(rows[1:], start=2):
        if len(row) != len(names):
            raise RunInputError(f"--data {path}: row {number} has {len(row)} values; the first row names "
                                f"{len(names)}")
        out.append(dict(zip(names, row)))
    return out


def _json_rows(text: str, path: Path) -> list[dict[str, str]]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise RunInputError(f"--data {path}: not valid JSON (line {exc.lineno}: {exc.msg})") from None
    if not isinstance(data, list):
        raise RunInputError(f"--data {path}: a JSON data file is a list of objects, one per iteration")
    out: list[dict[str, str]] = []
    for number, row in enumerate(data, start=1):
        if not isinstance(row, dict):
            raise RunInputError(f"--data {path}: item {number} is not an object")
        values: dict[str, str] = {}
        for key, value in row.items():
            text_value = _text(value)
            if text_value is None:
                raise RunInputError(f"--data {path}: item {number}, '{key}': values are text, numbers, "
                                    "true/false or null")
            values[str(key)] = text_value
        out.append(values)
    return out


def read_rows(path: Path) -> list[dict[str, str]]:
    """The rows of a .csv or .json data file; RunInputError says what is wrong and where."""
    suffix = path.suffix.lower()
    if suffix not in (".csv", ".json"):
        raise RunInputError(f"--data {path}: use a .csv or .json file")
    try:
        if path.stat().st_size > MAX_BYTES:
            raise RunInputError(f"--data {path}: larger than {MAX_BYTES // (1024 * 1024)} MiB")
        text = path.read_text(encoding="utf-8-sig")
    except OSError as exc:
        raise RunInputError(f"--data {path}: {exc.strerror or exc}") from None
    except UnicodeDecodeError as exc:
        raise RunInputError(f"--data {path}: not UTF-8 text (byte {exc.start})") from None
    rows = _csv_rows(text, path) if suffix == ".csv" else _json_rows(text, path)
    if not rows:
        raise RunInputError(f"--data {path}: no rows to iterate over")
    if len(rows) > MAX_ROWS:
        raise RunInputError(f"--data {path}: more than {MAX_ROWS:,} rows")
    return rows
