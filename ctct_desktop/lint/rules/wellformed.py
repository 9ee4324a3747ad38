"""L021 well-formedness, L027 broken XML declaration, L030 entity declarations.

lxml's message and position are kept, and the common cases get a human sentence and, where
the repair is unambiguous, a fix.
"""

from __future__ import annotations

import html.entities
import re
from collections.abc import Iterator

from ctct_desktop.lint.context import LintContext
from ctct_desktop.lint.model import Diagnostic, Fix, RuleDoc, Severity, TextEdit
from ctct_desktop.lint.registry import register
from ctct_desktop.lint.rules.common import xml_body

L021 = RuleDoc(
    "L021", "XML must be well-formed", Severity.ERROR,
    "A body that is not well-formed XML is rejected with a bare 400 before any field is looked at. "
    "The usual causes are an unescaped '&', an end tag whose case differs from its start tag (the "
    "archived docs themselves contain <DisplayOnSignup>..</DisplayOnsignup>), text or a second "
    "byte-order mark before the XML declaration, and bytes that contradict the declared encoding.",
    "<Name>Tom & Jerry</Name>", "<Name>Tom &amp; Jerry</Name>",
)
L027 = RuleDoc(
    "L027", "XML declaration lost its angle brackets", Severity.ERROR,
    "Forum posts and some copy-paste paths strip the '<' and '>' around the XML declaration. "
    "What remains is plain text before the root element, so the body is no longer XML at all.",
    '?xml version="1.0" encoding="UTF-8"?\n<entry xmlns="http://www.w3.org/2005/Atom">',
    '<?xml version="1.0" encoding="UTF-8"?>\n<entry xmlns="http://www.w3.org/2005/Atom">',
)
L030 = RuleDoc(
    "L030", "No DTD entity declarations", Severity.ERROR,
    "A DOCTYPE that declares entities can expand to gigabytes (an entity bomb) or read local files "
    "(XXE). The linter never expands them and Constant Contact bodies never need them; remove the "
    "DOCTYPE and write characters directly or as numeric references.",
    '<!DOCTYPE entry [<!ENTITY a "aaaa">]>\n<entry>&a;</entry>', "<entry>...</entry>",
)

_POSITION_SUFFIX = re.compile(r",\s*line \d+,\s*column \d+\s*$")
_MISMATCH = re.compile(r"Opening and ending tag mismatch: (\S+) line (\d+) and (\S+)")
_UNDEFINED_ENTITY = re.compile(r"Entity '([^']+)' not defined")
_DECLARED_ENCODING = re.compile(r"""\A\ufeff?<\?xml[^>]*?encoding\s*=\s*(["'])([^"']*)\1""")
_UTF8_NAMES = frozenset(("utf-8", "utf8"))
_DOCTYPE = re.compile("<!DOCTYPE", re.IGNORECASE)


def _error_offset(ctx: LintContext) -> int:
    outcome = ctx.parse
    return ctx.lines.offset(outcome.line or 1, outcome.column or 1)


def _unescaped_ampersand(ctx: LintContext, offset: int) -> Diagnostic:
    amp = ctx.body.rfind("&", max(0, offset - 200), offset + 1)
    if amp < 0:
        amp = max(0, offset - 1)
    fix = Fix("Escape '&' as &amp;", (TextEdit(amp, amp + 1, "&amp;"),)) if ctx.body[amp:amp + 1] == "&" else None
    return ctx.at_range(L021, amp, amp + 1, "Unescaped '&' in text or an attribute value.",
                        "Write a literal ampersand as &amp; (in URLs too).", fix=fix)


def _mismatch(ctx: LintContext, match: re.Match[str], offset: int) -> Diagnostic:
    opened, opened_line, closed = match.group(1), match.group(2), match.group(3)
    end_tag = ctx.body.rfind("</" + closed, 0, offset + 1)
    start = end_tag if end_tag >= 0 else offset
    close = ctx.body.find(">", start) if end_tag >= 0 else -1
    end = close + 1 if close >= 0 else offset
    line = ctx.lines.position(start)[0]
    message = f"End tag </{closed}> on line {line} does not match start tag <{opened}> opened on line {opened_line}."
    hint, fix = "Every start tag needs an end tag with exactly the same name.", None
    if opened.casefold() == closed.casefold():
        hint = "Element names are case-sensitive: the server rejects a differently cased end tag."
        if end_tag >= 0:
            fix = Fix(f"Change the end tag to </{opened}>", (TextEdit(end_tag + 2, end_tag + 2 + len(closed), opened),))
    return ctx.at_range(L021, start, end, message, hint, fix=fix)


def _text_before_declaration(ctx: LintContext) -> Diagnostic:
    """Whitespace before <?xml (text and stray BOMs are _leading_junk's), or a second declaration."""
    decl = ctx.body.find("<?xml")
    if "<" in ctx.body[:decl]:
        return ctx.at_range(L021, decl, decl + 5, "A second XML declaration in the middle of the document "
                            "(two documents were concatenated?).", "Keep one declaration, at the very start.")
    fix = Fix("Remove everything before the XML declaration", (TextEdit(0, decl, ""),))
    return ctx.at_range(L021, 0, max(decl, 1), "There is whitespace before the XML declaration.",
                        "The declaration <?xml ...?> must be the very first thing in the body.", fix=fix)


def _leading_junk(ctx: LintContext) -> Diagnostic | None:
    """Text or a misplaced byte-order mark before the first '<' (whitespace alone is legal
    before a root element, and a declaration after whitespace has its own message)."""
    first = ctx.body.find("<")
    if first < 0:
        return None
    leading = ctx.body[:first]
    rest = leading[1:] if leading.startswith("\ufeff") else leading
    if not rest.strip(" \t\r\n"):
        return None
    what = "a byte-order mark (U+FEFF)" if not rest.strip(" \t\r\n\ufeff") else "text"
    before = "the XML declaration" if ctx.body.startswith("<?xml", first) else "the root element"
    fix = Fix(f"Remove everything before {before}", (TextEdit(0, first, ""),))
    return ctx.at_range(L021, 0, first, f"There is {what} before {before}.",
                        f"Nothing may precede {before}; a byte-order mark is allowed only once, at the very start.",
                        fix=fix)


def _undefined_entity(ctx: LintContext, name: str, offset: int) -> Diagnostic:
    ref = ctx.body.rfind("&" + name + ";", max(0, offset - 300), offset + 1)
    start = ref if ref >= 0 else offset
    end = start + len(name) + 2 if ref >= 0 else offset
    codepoint = html.entities.name2codepoint.get(name)
    fix = None
    if codepoint is not None and ref >= 0:
        fix = Fix(f"Replace &{name}; with &#{codepoint};", (TextEdit(start, end, f"&#{codepoint};"),))
    return ctx.at_range(L021, start, end, f"&{name}; is not defined in XML (HTML names like &nbsp; do not exist there).",
                        "Use a numeric reference such as &#160;, or escape the '&' as &amp; if it is text.", fix=fix)


def _encoding_problem(ctx: LintContext, message: str) -> Diagnostic | None:
    declared = _DECLARED_ENCODING.match(ctx.body)
    lowered = message.lower()
    if declared is None and "encoding" not in lowered and "utf-8" not in lowered:
        return None
    name = declared.group(2) if declared else "UTF-8"
    if declared is not None and name.lower() not in _UTF8_NAMES and ctx.body_bytes is None:
        return _declared_not_sent(ctx, declared)
    if "encoding" in lowered or "utf-8" in lowered or "bytes:" in lowered:
        offset = _error_offset(ctx)
        return ctx.at_range(L021, offset, offset + 1,
                            f"The bytes are not valid {name}: the declared encoding contradicts the content "
                            "(Latin-1 or Windows-1252 bytes in a UTF-8 body?).",
                            "Save the body as UTF-8, or declare the encoding it really uses.")
    return None


def _declared_not_sent(ctx: LintContext, declared: re.Match[str]) -> Diagnostic:
    start, end = declared.span(2)
    fix = Fix("Declare encoding=\"UTF-8\"", (TextEdit(start, end, "UTF-8"),))
    return ctx.at_range(L021, start, end, f"The declaration says encoding=\"{declared.group(2)}\" but the body is "
                        "sent as UTF-8.", "Declare UTF-8 (the editor always sends UTF-8).", fix=fix)


def _describe_parse_error(ctx: LintContext) -> Diagnostic:
    raw = ctx.parse.error or "The body is not well-formed XML."
    message = _POSITION_SUFFIX.sub("", raw)
    offset = _error_offset(ctx)
    if "xmlParseEntityRef: no name" in message or "EntityRef: expecting ';'" in message:
        return _unescaped_ampersand(ctx, offset)
    mismatch = _MISMATCH.search(message)
    if mismatch:
        return _mismatch(ctx, mismatch, offset)
    junk = _leading_junk(ctx)
    if junk is not None:
        return junk
    if "XML declaration allowed only at the start" in message:
        return _text_before_declaration(ctx)
    undefined = _UNDEFINED_ENTITY.search(message)
    if undefined:
        return _undefined_entity(ctx, undefined.group(1), offset)
    return _encoding_problem(ctx, message) or _generic(ctx, message, offset)


_HUMAN = {
    "Document is empty": "The body is empty or has no root element.",
    "Extra content at the end of the document": "Content after the root element: an XML body has exactly one root.",
    "Start tag expected, '<' not found": "The body does not start with an XML element.",
    "Premature end of data": "The body ends before every element is closed.",
}


def _generic(ctx: LintContext, message: str, offset: int) -> Diagnostic:
    """lxml's own words, after a plain sentence for the messages people meet most."""
    sentence = next((human for prefix, human in _HUMAN.items() if message.startswith(prefix)), None)
    text = f"{sentence} ({message})" if sentence else message
    return ctx.at_range(L021, offset, offset + 1, text, "lxml reports this at the position shown.")


@register(L021, xml_body)
def check_wellformed(ctx: LintContext) -> Iterator[Diagnostic]:
    outcome = ctx.parse
    if outcome.hostile:
        return
    if outcome.root is None:
        yield _describe_parse_error(ctx)
        return
    if ctx.body.startswith("\ufeff"):
        yield ctx.at_range(L021, 0, 1, "The body starts with a byte-order mark (U+FEFF).",
                           "Some servers and proxies reject it; remove it.",
                           fix=Fix("Remove the byte-order mark", (TextEdit(0, 1, ""),)), severity=Severity.WARNING)
    declared = _DECLARED_ENCODING.match(ctx.body)
    if declared and declared.group(2).lower() not in _UTF8_NAMES and ctx.body_bytes is None and not ctx.body.isascii():
        yield _declared_not_sent(ctx, declared)


def _restored(declaration: str) -> str:
    core = declaration.strip().lstrip("<").rstrip(">").strip()
    if not core.endswith("?"):
        core += "?"
    return "<" + core + ">"


@register(L027, xml_body)
def check_broken_declaration(ctx: LintContext) -> Iterator[Diagnostic]:
    broken = ctx.broken_declaration
    if broken is None:
        return
    start, end = broken.span(2)
    fix = Fix("Restore the XML declaration", (TextEdit(0, end, _restored(broken.group(2))),))
    yield ctx.at_range(L027, start, end, "The XML declaration lost its angle brackets: it is plain text "
                       "before the root element.", "Write it as <?xml version=\"1.0\" encoding=\"UTF-8\"?> "
                       "or delete it (it is optional).", fix=fix)


@register(L030, xml_body)
def check_entities(ctx: LintContext) -> Iterator[Diagnostic]:
    if not ctx.parse.hostile:
        return
    doctype = _DOCTYPE.search(ctx.body)  # anywhere: comments can push it far down
    start = doctype.start() if doctype is not None else 0
    end = ctx.body.find(">", start)
    subset = ctx.body.find("[", start, end)
    if subset >= 0:  # the internal subset holds the declarations: up to its "]>"
        close = ctx.body.find("]>", subset)
        end = close + 1 if close >= 0 else end
    yield ctx.at_range(L030, start, end + 1 if end >= 0 else start + 9,
                       "The body declares XML entities (a DOCTYPE with <!ENTITY>); they are not expanded.",
                       "Remove the DOCTYPE: expanding entities can exhaust memory or read local files.")
