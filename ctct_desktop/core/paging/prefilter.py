"""Find a regex's matches fast: look for a literal every match must hold with ``bytes.find``
(memchr-fast, C), and run the regex only where that literal is.

Python's ``re`` steps through a chunk a character at a time when a pattern has no literal prefix
it can use (any case-insensitive one, ``\\bword\\b``): about 150 MB/s, so a 100 MB count took
0.65 s, and each ``finditer`` step over a 4 MB chunk with no match held the GIL for tens of
milliseconds, which stalled the window. With a required literal found by ``bytes.find`` the scan
runs at memory speed and the regex runs a few bytes at a time.

The result is exactly what ``pattern.finditer(data, pos)`` gives (same matches, same order,
same non-overlapping steps), by one of three plans, chosen from the parsed pattern:

- the literal starts every match (after zero-width ``\\b`` or ``^``): each hit is tried with
  ``pattern.match`` at the hit;
- the literal is inside, and a match is at most ``MAX_WIDTH`` bytes: the regex runs on a
  window around each hit;
- otherwise (no literal of ``MIN_LITERAL`` bytes, unbounded width, lookarounds, or hits so
  dense the loop would be slower than ``re``): plain ``finditer``.
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Iterator
from dataclasses import dataclass

from typing import Any

# the parser ``re`` itself uses (Python 3.11+, as required; typeshed knows only the deprecated names)
_sre_constants: Any = importlib.import_module("re._constants")
_sre_parse: Any = importlib.import_module("re._parser")

MIN_LITERAL = 3  # shorter literals hit too often to be worth it
MAX_WIDTH = 4096  # the longest match the window plan handles
_CONTEXT = 8  # bytes past a window kept for \b and $ next to a match's end
_DENSE = 2048  # more than one hit per this many bytes: plain finditer is faster

_LITERAL = _sre_constants.LITERAL
_AT = _sre_constants.AT
_SUBPATTERN = _sre_constants.SUBPATTERN
_LOOKAROUNDS = {_sre_constants.ASSERT, _sre_constants.ASSERT_NOT}


@dataclass(frozen=True)
class Plan:
    """How to find ``pattern``'s matches in a chunk."""

    literal: bytes | None  # searched for in the chunk (lower-cased when ``fold``)
    fold: bool  # case-insensitive: search the chunk lower-cased
    prefix: bool  # the literal starts every match
    max_width: int  # the longest match, when the window plan is used


_PLAIN = Plan(None, False, False, 0)


def _parsed(pattern: re.Pattern[bytes]) -> Any:
    """The pattern as ``re``'s parser sees it; None under LOCALE (it folds case by the locale,
    which neither plan follows)."""
    if pattern.flags & re.LOCALE:
        return None
    try:
        return _sre_parse.parse(pattern.pattern, pattern.flags)
    except (re.error, TypeError, ValueError, RecursionError):  # pragma: no cover - compiled already
        return None


def plan_for(pattern: re.Pattern[bytes]) -> Plan:
    """The fastest exact way to find ``pattern``'s matches."""
    parsed = _parsed(pattern)
    if parsed is None:
        return _PLAIN
    items = _flatten(list(parsed))
    if items is None:
        return _PLAIN
    fold = bool((pattern.flags | parsed.state.flags) & re.IGNORECASE)
    best, best_at, run, run_at = b"", -1, bytearray(), -1
    for position, (op, value) in enumerate(items):
        if op is _LITERAL and isinstance(value, int) and 0 <= value < 256:
            if not run:
                run_at = position
            run.append(value)
            continue
        if len(run) > len(best):
            best, best_at = bytes(run), run_at
        run = bytearray()
    if len(run) > len(best):
        best, best_at = bytes(run), run_at
    if len(best) < MIN_LITERAL:
        return _PLAIN
    literal = best.lower() if fold else best  # bytes patterns fold ASCII only, as bytes.lower does
    if all(op is _AT for op, _ in items[:best_at]):  # zero-width only before it: it starts every match
        return Plan(literal, fold, True, 0)
    low, high = parsed.getwidth()
    if high > MAX_WIDTH:
        return _PLAIN
    return Plan(literal, fold, False, int(high))


def case_blind(pattern: re.Pattern[bytes]) -> bool:
    """True when every part of ``pattern`` ignores ASCII case: it then finds the same matches, at
    the same offsets, in ``data.lower()`` as in ``data``. (A bytes pattern under IGNORECASE
    compares, sets and back-references lower-cased bytes only; ``(?-i:…)`` turns that off for a
    part, and LOCALE folds by the locale, not as ``bytes.lower`` does.)"""
    parsed = _parsed(pattern)
    if parsed is None or not (pattern.flags | parsed.state.flags) & re.IGNORECASE:
        return False
    stack: list[object] = [parsed]
    while stack:
        current = stack.pop()
        if isinstance(current, _sre_parse.SubPattern):
            for op, value in current:
                if op is _SUBPATTERN and len(value) == 4 and value[2] & re.IGNORECASE:
                    return False
                stack.append(value)
        elif isinstance(current, (list, tuple)):
            stack.extend(current)
    return True


def _flatten(items: list[tuple[object, object]]) -> list[tuple[object, object]] | None:
    """The top-level sequence with plain groups opened (a literal inside ``(…)`` is required too);
    None when the pattern has a lookaround anywhere (a window could cut what it looks at)."""
    flat: list[tuple[object, object]] = []
    for op, value in items:
        if op in _LOOKAROUNDS:
            return None
        if op is _SUBPATTERN:
            inner = value[-1]  # type: ignore[index]
            add_flags, del_flags = (value[1], value[2]) if len(value) == 4 else (0, 0)  # type: ignore[arg-type,index]
            if add_flags or del_flags:  # scoped flags such as (?i:…): not worth the care
                return None
            opened = _flatten(list(inner))
            if opened is None:
                return None
            flat.extend(opened)
            continue
        if _has_lookaround(op, value):
            return None
        flat.append((op, value))
    return flat


def _has_lookaround(op: object, value: object) -> bool:
    if op in _LOOKAROUNDS:
        return True
    stack = [value]
    while stack:
        current = stack.pop()
        if isinstance(current, _sre_parse.SubPattern):
            for inner_op, inner_value in current:
                if inner_op in _LOOKAROUNDS:
                    return True
                stack.append(inner_value)
        elif isinstance(current, (list, tuple)):
            stack.extend(current)
    return False


def iter_matches(pattern: re.Pattern[bytes], plan: Plan, data: bytes | bytearray, pos: int = 0,
                 lowered: bytes | bytearray | None = None, endpos: int | None = None) -> Iterator[tuple[int, int]]:
    """(start, end) of the non-empty matches of ``pattern`` in ``data[:endpos]`` from ``pos``,
    exactly as ``pattern.finditer(data, pos, endpos)`` finds them (empty matches left out).
    ``lowered``: ``data.lower()``, when the caller has it already (the body's folded copy)."""
    endpos = len(data) if endpos is None else endpos
    literal = plan.literal
    if literal is None:
        yield from _plain(pattern, data, pos, endpos)
        return
    if plan.fold:
        haystack = lowered if lowered is not None else data[:endpos].lower()
    else:
        haystack = data
    budget = max(64, (endpos - pos) // _DENSE)  # hits tried before handing over to ``re``
    resume = pos
    hit = haystack.find(literal, resume, endpos)
    while hit >= 0:
        budget -= 1
        if budget < 0:  # dense hits: ``re`` alone is faster, and from ``resume`` it finds the same
            yield from _plain(pattern, data, resume, endpos)
            return
        if plan.prefix:
            found = pattern.match(data, hit, endpos)
        else:
            low = max(resume, hit - plan.max_width)
            found = pattern.search(data, low, min(endpos, hit + len(literal) + plan.max_width + _CONTEXT))
            if found is not None and found.start() > hit:
                found = None  # no match holds this hit; one that starts later is found from its own
        if found is not None and found.end() > found.start():
            yield found.start(), found.end()
            resume = found.end()
            hit = haystack.find(literal, resume, endpos)
        else:
            hit = haystack.find(literal, hit + 1, endpos)


def _plain(pattern: re.Pattern[bytes], data: bytes | bytearray, pos: int, endpos: int) -> Iterator[tuple[int, int]]:
    for match in pattern.finditer(data, pos, endpos):
        if match.end() > match.start():
            yield match.start(), match.end()
