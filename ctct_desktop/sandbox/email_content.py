"""EmailContent and EmailTextContent of a custom-code campaign (§5.2, E6).

Support refused content that was not well-formed (P22, "not valid"); XHTML must be well-formed
XML in the XHTML namespace (S6's root) with the text version wrapped in <Text>. HTML is checked
the way a browser-grade parser sees it: a stray end tag is the fault support named.
"""

from __future__ import annotations

from lxml import etree

from ctct_desktop.core.xml_safety import parse_bytes
from ctct_desktop.sandbox import errors

XHTML_NS = "http://www.w3.org/1999/xhtml"


class _NoTree:
    """A parser target without element callbacks: libxml2 checks the HTML, no tree is built."""

    def close(self) -> None:
        return None


def check_content(fmt: str, content: str, text: str) -> None:
    if fmt == "XHTML":
        _xhtml(content, text)
    else:
        _html(content)


def _xhtml(content: str, text: str) -> None:
    outcome = parse_bytes(content.strip().encode("utf-8"))
    if outcome.root is None:
        raise errors.bad_request(f"EmailContent is not well-formed XHTML: {outcome.error}")
    if etree.QName(outcome.root).namespace != XHTML_NS:
        raise errors.bad_request(f"EmailContent: the XHTML root must be in the namespace {XHTML_NS}.")
    if not (text.startswith("<Text>") and text.endswith("</Text>")):
        raise errors.bad_request("EmailTextContent must be wrapped in <Text>...</Text> when "
                                 "EmailContentFormat is XHTML.")


def _html(content: str) -> None:
    parser = etree.HTMLParser(recover=True, no_network=True, target=_NoTree())
    try:
        etree.fromstring(content.encode("utf-8"), parser)
    except (etree.XMLSyntaxError, ValueError):
        return
    for entry in parser.error_log:
        if entry.message.startswith("Unexpected end tag"):
            tag = entry.message.split(":", 1)[-1].strip()
            raise errors.bad_request(f"EmailContent is not valid HTML: the end tag </{tag}> has no start tag "
                                     f"(line {entry.line} of the content).")
