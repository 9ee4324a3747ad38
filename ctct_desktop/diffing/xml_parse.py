"""XML for comparing: parsed with the project's hardened parser, then reduced to what matters.

Each element's tag becomes its local name and its namespace an internal attribute, so the
matcher pairs ``<entry>`` with ``<entry xmlns="">`` and the namespace is reported once, where it
changes. Blank text and indentation go; text between child elements (mixed content, which no
CTCT element has) is kept as "stray text". A document that does not parse is reported and, when
the damage is only in front of the root (a declaration that lost its angle brackets), read from
its first tag on.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from lxml import etree

from ctct_desktop.core.xml_safety import make_parser, parse_text, without_position

NS_ATTR = "{urn:ctct-desktop:diff}ns"
STRAY_ATTR = "{urn:ctct-desktop:diff}stray"
INTERNAL = (NS_ATTR, STRAY_ATTR)
MAX_ELEMENTS = 5000  # beyond this the matcher (quadratic) is too slow for a click: compare as text
_FIRST_TAG = re.compile(r"<[A-Za-z_]")


@dataclass(frozen=True)
class ParsedXml:
    root: etree._Element | None  # the reduced tree; None when even recovery failed
    error: str | None = None  # why the document as written is not well-formed
    recovered: bool = False


def _space(text: str | None) -> str | None:
    if text is None:
        return None
    joined = " ".join(text.split())
    return joined or None


def _reduce(element: etree._Element) -> etree._Element:
    qname = etree.QName(element)
    out = etree.Element(qname.localname)
    for key, value in element.attrib.items():
        out.set(key, value)
    out.set(NS_ATTR, qname.namespace or "")
    children = [c for c in element if isinstance(c.tag, str)]
    stray = [element.text] + [c.tail for c in element]  # comments' tails count too
    if children:
        loose = _space(" ".join(t for t in stray if t and t.strip()))
        if loose:
            out.set(STRAY_ATTR, loose)
        for child in children:
            out.append(_reduce(child))
    else:
        out.text = _space("".join(t for t in stray if t))
    return out


def _strict(text: str) -> etree._Element | str:
    outcome = parse_text(text)
    if outcome.root is not None:
        return outcome.root
    where = f" (line {outcome.line}, column {outcome.column})" if outcome.line else ""
    return without_position(outcome.error or "not well-formed") + where


def parse_for_diff(text: str) -> ParsedXml:
    first = _strict(text)
    if not isinstance(first, str):
        return ParsedXml(_reduce(first) if _count(first) <= MAX_ELEMENTS else None,
                         None if _count(first) <= MAX_ELEMENTS else "too large to compare as structure")
    start = _FIRST_TAG.search(text)
    if start is not None and start.start() > 0:
        again = _strict(text[start.start():])
        if not isinstance(again, str):
            return ParsedXml(_reduce(again), first, recovered=True)
    try:
        root = etree.fromstring(text.encode("utf-8", "surrogatepass"), make_parser(recover=True))
    except (etree.XMLSyntaxError, ValueError):
        root = None
    if root is None or _count(root) > MAX_ELEMENTS:
        return ParsedXml(None, first)
    return ParsedXml(_reduce(root), first, recovered=True)


def _count(root: etree._Element) -> int:
    return sum(1 for _ in root.iter())


def local_path(element: etree._Element) -> str:
    """``/entry/content/Campaign/Email[2]`` in local names (the reduced tree has only those)."""
    return str(element.getroottree().getpath(element))


def namespace(element: etree._Element) -> str:
    return str(element.get(NS_ATTR, ""))


def short_xml(element: etree._Element, limit: int = 160) -> str:
    """The element as the user would write it (internal attributes dropped), cut to ``limit``."""
    copy = etree.fromstring(etree.tostring(element))
    for node in copy.iter():
        for key in INTERNAL:
            node.attrib.pop(key, None)
    etree.cleanup_namespaces(copy)
    text = etree.tostring(copy, encoding="unicode", with_tail=False)
    return text if len(text) <= limit else text[:limit - 3] + "..."
