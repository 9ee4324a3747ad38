"""L032: what forums do to pasted XML markup: smart quotes and non-breaking spaces inside tags.

A forum or word processor turns the straight quotes around attribute values into “curly” ones
and indentation into no-break spaces; the body then no longer parses. The other forum damage
has its own rules with fixes: a declaration without angle brackets (L027), a byte-order mark
and &nbsp; (L021), xmlns="" blanked (L001, L006).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ctct_desktop.lint.context import LintContext
from ctct_desktop.lint.model import Diagnostic, Fix, RuleDoc, Severity, TextEdit
from ctct_desktop.lint.registry import register
from ctct_desktop.lint.rules.common import xml_body

L032 = RuleDoc("L032", "Smart quotes or no-break spaces inside XML tags", Severity.ERROR,
               "Pasted through a forum or a word processor, the straight quotes around attribute values become "
               "curly quotes (“ ” ‘ ’) and spaces between attributes become no-break spaces (U+00A0). XML "
               "accepts neither inside a tag, so the body is not XML any more. Inside text they are fine.",
               "<entry xmlns=“http://www.w3.org/2005/Atom”>", '<entry xmlns="http://www.w3.org/2005/Atom">')

_TAG = re.compile(r"<[^<>]{0,4000}>")
_DAMAGE = re.compile("[\u201c\u201d\u201e\u2033\u2018\u2019\u201a\u2032\u00a0]")
_STRAIGHT = {"\u201c": '"', "\u201d": '"', "\u201e": '"', "\u2033": '"', "\u2018": "'", "\u2019": "'",
             "\u201a": "'", "\u2032": "'", "\u00a0": " "}
MAX_SCAN = 4 * 1024 * 1024


def _damaged_tags(body: str) -> Iterator[re.Match[str]]:
    for tag in _TAG.finditer(body, 0, min(len(body), MAX_SCAN)):
        if _DAMAGE.search(tag.group()):
            yield tag


@register(L032, xml_body)
def check_pasted_markup(ctx: LintContext) -> Iterator[Diagnostic]:
    tags = list(_damaged_tags(ctx.body))
    if not tags:
        return
    edits = tuple(TextEdit(tag.start() + m.start(), tag.start() + m.end(), _STRAIGHT[m.group()])
                  for tag in tags for m in _DAMAGE.finditer(tag.group()))
    fix_all = Fix("Straighten the quotes and spaces in every tag", edits)
    for tag in tags:
        found = sorted({_STRAIGHT[m.group()] == " " for m in _DAMAGE.finditer(tag.group())})
        what = " and ".join(("curly quotes", "no-break spaces")[int(k)] for k in found)
        yield ctx.at_range(L032, tag.start(), tag.end(), f"This tag has {what} (pasted from a forum or a "
                           "word processor?): XML needs straight quotes and plain spaces there.",
                           "The quick fix straightens them in every tag; text between tags is left alone.",
                           fix=fix_all)
