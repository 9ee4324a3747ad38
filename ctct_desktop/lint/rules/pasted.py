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


_FLAT_CONTACT = ('<entry xmlns="http://www.w3.org/2005/Atom">\n<title type="text"> </title>\n'
                 '<updated>2008-07-23T14:21:06.407Z</updated>\n<author></author>\n<id>data:,none</id>\n'
                 '<content type="application/vnd.ctct+xml">\n<Contact xmlns="http://ws.constantcontact.com/ns/1.0/">\n'
                 '<EmailAddress>jo@example.com</EmailAddress>\n<OptInSource>ACTION_BY_CUSTOMER</OptInSource>\n'
                 '<ContactLists>\n<ContactList id="http://api.constantcontact.com/ws/customers/joesflowers/lists/1"/>\n'
                 '</ContactLists>\n</Contact>\n</content>\n</entry>')
L033 = RuleDoc("L033", "Indentation lost in a pasted body", Severity.INFO,
               "Forums strip the leading spaces of every line, so a nested body arrives flat: still valid XML, "
               "but hard to read and to compare with a working one. The quick fix re-indents it (the same as "
               "Format body); nothing about what is sent changes but whitespace between elements.",
               _FLAT_CONTACT, "\n".join("  " * _depth + line for _depth, line in zip(
                   (0, 1, 1, 1, 1, 1, 2, 3, 3, 3, 4, 3, 2, 1, 0), _FLAT_CONTACT.split("\n"))))
MAX_REINDENT = 256 * 1024  # larger bodies are left to Format body, off the lint path
_FLAT_LINES = 4


def _flattened(ctx: LintContext) -> bool:
    """Several lines, every one starting with a tag at column 1, and elements nested three deep."""
    lines = [line for line in ctx.body.splitlines() if line.strip()]
    if len(lines) < _FLAT_LINES or any(not line.startswith("<") for line in lines):
        return False
    root = ctx.root
    return root is not None and any(True for _ in root.iterfind("*/*/*"))


@register(L033, xml_body)
def check_lost_indentation(ctx: LintContext) -> Iterator[Diagnostic]:
    if len(ctx.body) > MAX_REINDENT or ctx.root is None or not _flattened(ctx):
        return
    from ctct_desktop.core.formatting import Syntax, format_editor_text

    formatted = format_editor_text(ctx.body, Syntax.XML)
    if formatted.note or formatted.text.rstrip("\n") == ctx.body.rstrip("\n"):
        return
    fix = Fix("Re-indent the body", (TextEdit(0, len(ctx.body), formatted.text),))
    yield ctx.at_range(L033, 0, ctx.body.find("\n"), "Every line starts at the margin: the indentation was lost "
                       "(pasted from a forum?).", "Re-indenting changes only whitespace between elements.", fix=fix)
