"""L016 and L017: the campaign's EmailTextContent and EmailContent (§5.2, E6).

Both travel XML-escaped inside their element. Raw markup that lxml parsed as child elements
means the escaping was forgotten; the fix escapes the source range exactly as written.
"""

from __future__ import annotations

from collections.abc import Iterator

from lxml import etree

from ctct_desktop.core.xml_safety import parse_bytes
from ctct_desktop.lint.context import LintContext
from ctct_desktop.lint.model import Diagnostic, Fix, RuleDoc, Severity, TextEdit
from ctct_desktop.lint.registry import register
from ctct_desktop.lint.rules.common import escape_content_fix, payload_is
from ctct_desktop.lint.vocab import XHTML_NS, is_placeholder

L016 = RuleDoc("L016", "EmailTextContent is wrapped in <Text>", Severity.WARNING,
               "Support required the text version to be wrapped in <Text>...</Text> and then escaped (P22). "
               "Plain text is accepted by some accounts, so it is a warning for HTML campaigns and an error "
               "for XHTML ones, where the wrapper is always needed.",
               "<EmailTextContent>Hello</EmailTextContent>",
               "<EmailTextContent>&lt;Text&gt;Hello&lt;/Text&gt;</EmailTextContent>")
L017 = RuleDoc("L017", "EmailContent is escaped, well-formed markup", Severity.ERROR,
               "EmailContent holds the whole HTML document, XML-escaped, and it must itself be well-formed: "
               "raw markup such as a lone <hr> breaks the request, and stray end tags are rejected as 'not "
               "valid' (E6). XHTML content must be well-formed XML in the XHTML namespace.",
               "<EmailContent><html><body>Hi</body></html></EmailContent>",
               "<EmailContent>&lt;html&gt;&lt;body&gt;Hi&lt;/body&gt;&lt;/html&gt;</EmailContent>")

_campaign = payload_is("Campaign")


def _is_xhtml(ctx: LintContext) -> bool:
    return (ctx.field_text("EmailContentFormat") or "").upper() == "XHTML"


@register(L016, _campaign)
def check_text_wrapper(ctx: LintContext) -> Iterator[Diagnostic]:
    element = ctx.field("EmailTextContent")
    if element is None:
        return
    if len(element):
        fix = escape_content_fix(ctx, element, "Escape the markup")
        yield ctx.at_element(L016, element, "EmailTextContent holds raw markup; the <Text> wrapper must be "
                             "escaped (&lt;Text&gt;...).", "Escape the content.", fix=fix, severity=Severity.ERROR, part="content")
        return
    text = ctx.text(element).strip()
    if not text or is_placeholder(text) or (text.startswith("<Text>") and text.endswith("</Text>")):
        return
    start, end = ctx.element_range(element, "content")
    fix = Fix("Wrap in <Text> (escaped)", (TextEdit(start, start, "&lt;Text&gt;"), TextEdit(end, end, "&lt;/Text&gt;")))
    severity = Severity.ERROR if _is_xhtml(ctx) else Severity.WARNING
    yield ctx.at_element(L016, element, "EmailTextContent is not wrapped in <Text>...</Text>.",
                         "Support requires the escaped wrapper: &lt;Text&gt;...&lt;/Text&gt;.", fix=fix, severity=severity, part="content")


@register(L017, _campaign)
def check_email_content(ctx: LintContext) -> Iterator[Diagnostic]:
    element = ctx.field("EmailContent")
    if element is None:
        return
    if len(element):
        fix = escape_content_fix(ctx, element, "Escape the HTML")
        yield ctx.at_element(L017, element, "EmailContent holds raw markup; it must be XML-escaped (&lt;html&gt;...).",
                             "Escape the HTML so it is text inside <EmailContent>.", fix=fix, part="content")
        return
    text = ctx.text(element)
    if not text.strip():
        return
    if _is_xhtml(ctx):
        yield from _xhtml(ctx, element, text)
    else:
        yield from _html(ctx, element, text)


def _xhtml(ctx: LintContext, element: etree._Element, text: str) -> Iterator[Diagnostic]:
    outcome = parse_bytes(text.strip().encode("utf-8", "surrogatepass"))
    if outcome.root is None:
        where = f" (line {outcome.line}, column {outcome.column} of the content)" if outcome.line else ""
        yield ctx.at_element(L017, element, f"The XHTML in EmailContent is not well-formed{where}: "
                             f"{(outcome.error or '').split(', line')[0]}.", "XHTML must be well-formed XML.", part="content")
        return
    if etree.QName(outcome.root).namespace != XHTML_NS:
        yield ctx.at_element(L017, element, "The XHTML root is not in the XHTML namespace.",
                             f"Use <html xmlns=\"{XHTML_NS}\" ...>.", part="content")


class _NoTree:
    """A parser target without element callbacks: libxml2 checks the HTML, no tree is built."""

    def close(self) -> None:
        return None


def _html(ctx: LintContext, element: etree._Element, text: str) -> Iterator[Diagnostic]:
    parser = etree.HTMLParser(recover=True, no_network=True, target=_NoTree())
    try:
        etree.fromstring(text.encode("utf-8", "surrogatepass"), parser)
    except (etree.XMLSyntaxError, ValueError):
        return
    for entry in parser.error_log:
        if entry.message.startswith("Unexpected end tag"):
            tag = entry.message.split(":", 1)[-1].strip()
            yield ctx.at_element(L017, element, f"The HTML in EmailContent has a stray end tag </{tag}> "
                                 f"(line {entry.line} of the content).", "Every end tag needs its start tag.",
                                 part="content")
            return
