"""Reading ids and whole numbers from paths, queries, forms and bodies: ASCII digits only.

``str.isdigit()`` is true for '²', '①' and Arabic-Indic digits, ``int()`` accepts some of them
(``int("١") == 1``, so ``DELETE /lists/١`` deleted list 1), and SQLite integers stop at
2**63 - 1 (a larger id raised OverflowError, a 500). Every number the sandbox reads from a
request goes through this module, so none of that can alias a real id or reach SQLite.
"""

from __future__ import annotations

import re

MAX_ID = 2**63 - 1  # SQLite's largest INTEGER
ID_PATTERN = r"[0-9]{1,19}"  # for routes and URI patterns; parse_id still checks the range
_ID = re.compile(ID_PATTERN)
_INTEGER = re.compile(r"-?[0-9]{1,19}")


def parse_id(text: str) -> int | None:
    """The id ``text`` names (ASCII digits within SQLite's range), or None."""
    if not _ID.fullmatch(text):
        return None
    value = int(text)
    return value if value <= MAX_ID else None


def parse_int(text: str, low: int, high: int) -> int | None:
    """A whole number in ASCII digits (an optional leading '-') within [low, high], or None."""
    if not _INTEGER.fullmatch(text):
        return None
    value = int(text)
    return value if low <= value <= high else None


def reads_as_number(text: str) -> bool:
    """True when a person would read ``text`` as a number ('12', '²', '١'), id or not.

    Only for choosing the answer: such a value names no resource (404) rather than being
    malformed (400). Never used to parse.
    """
    return text.isdigit()
