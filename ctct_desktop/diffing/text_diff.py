"""Plain text, line by line (a body that is not structure, or not well-formed beyond repair)."""

from __future__ import annotations

import difflib

from ctct_desktop.diffing.model import Difference

MAX_HUNKS = 50


def text_differences(a: str, b: str, where: str = "body") -> list[Difference]:
    left, right = a.splitlines(), b.splitlines()
    out: list[Difference] = []
    matcher = difflib.SequenceMatcher(None, left, right, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        if len(out) == MAX_HUNKS:
            out.append(Difference(where, "text", "...", "...", note="more differences not shown"))
            break
        place = f"{where} line {j1 + 1}" if j2 > j1 else f"{where} line {i1 + 1}"
        out.append(Difference(place, "text", "\n".join(left[i1:i2]) or None, "\n".join(right[j1:j2]) or None))
    return out
