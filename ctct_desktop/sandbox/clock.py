"""Atom timestamps: the one format the sandbox stores and writes (UTC, milliseconds, ``Z``)."""

from __future__ import annotations

import re
from datetime import date, datetime, timezone

_DATETIME = re.compile(
    r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$"
)
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def to_iso(moment: datetime) -> str:
    """UTC with milliseconds, e.g. 2008-07-23T14:21:06.407Z; sorts as text."""
    utc = moment.astimezone(timezone.utc)
    return utc.strftime("%Y-%m-%dT%H:%M:%S.") + f"{utc.microsecond // 1000:03d}Z"


def now_iso() -> str:
    return to_iso(datetime.now(timezone.utc))


def parse_datetime(text: str) -> datetime | None:
    """An xs:dateTime with a zone (Z or +hh:mm), or None. Never raises."""
    value = text.strip()
    if not _DATETIME.match(value):
        return None
    value = value.replace("Z", "+00:00")
    match = re.match(r"^(.*T\d{2}:\d{2}(?::\d{2})?)(\.\d+)?([+-]\d{2}:\d{2})$", value)
    if not match:
        return None
    base, fraction, zone = match.groups()
    fraction = (fraction or ".0")[:7]
    try:
        return datetime.fromisoformat(f"{base}{fraction}{zone}")
    except ValueError:
        return None


def parse_date_or_datetime(text: str) -> datetime | None:
    """xs:dateTime, or a plain xs:date (the list examples use one). Never raises."""
    value = text.strip()
    if _DATE.match(value):
        try:
            day = date.fromisoformat(value)
        except ValueError:
            return None
        return datetime(day.year, day.month, day.day, tzinfo=timezone.utc)
    return parse_datetime(value)
