"""The one place XML is parsed. Everything from the network or the user is hostile.

Entities are never resolved, the network is never touched, huge trees are refused, and a
document that declares entities is reported so the UI can show it raw with a note instead of
expanding it (billion laughs, XXE). Requires lxml>=6.1, whose iterparse no longer reads local
files through external entities.

libxml2's limits (without huge_tree) speak of its own options ("try XML_PARSE_HUGE",
"xmlCtxtSetMaxAmplification"); ``describe_error`` turns them into what the user can act on,
and every parse here reports through it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from lxml import etree

# The hardening every parser here gets; make_parser and the prolog parser below share it.
_HARDENED = {"resolve_entities": False, "no_network": True, "huge_tree": False, "load_dtd": False,
             "dtd_validation": False}
_ENTITY_DECL = re.compile(rb"<!ENTITY")
_DOCTYPE = re.compile(rb"<!DOCTYPE")
_PROLOG_CHUNK = 16 * 1024
MAX_DEPTH = 256  # libxml2's element depth limit without XML_PARSE_HUGE
MAX_TOKEN_MB = 10  # its limit on one text node, attribute value, comment, CDATA section or PI

# (what libxml2 says, what the user reads); the first that matches wins.
_LIMITS: tuple[tuple[re.Pattern[str], str], ...] = tuple((re.compile(pattern, re.IGNORECASE), text) for pattern, text in (
    (r"Excessive depth in document", f"The document nests elements more than {MAX_DEPTH} deep."),
    (r"Text node too long", f"A text node is larger than {MAX_TOKEN_MB} MB."),
    (r"entity amplification|xmlCtxtSetMaxAmplification|entity loop|Detected an entity reference loop",
     "An entity expands too much: the document would grow far beyond its own size."),
    (r"Comment too big", f"A comment is larger than {MAX_TOKEN_MB} MB."),
    (r"CData section too big", f"A CDATA section is larger than {MAX_TOKEN_MB} MB."),
    (r"PI \S* ?too big", f"A processing instruction is larger than {MAX_TOKEN_MB} MB."),
    (r"AttValue length too long|attribute value too long",
     f"An attribute value is larger than {MAX_TOKEN_MB} MB."),
    (r"Name too long", "An element or attribute name is longer than 50,000 characters."),
    (r"Buffer size limit exceeded|Huge input lookup",
     f"A single piece of the document (a start tag, an attribute value or a text) is larger than {MAX_TOKEN_MB} MB."),
    (r"XML_PARSE_\w+|xmlCtxtSet\w+",
     f"The document exceeds one of the parser's limits ({MAX_TOKEN_MB} MB for one text or attribute value, "
     f"elements nested {MAX_DEPTH} deep)."),
))


_POSITION = re.compile(r",? line \d+, column \d+$")


def without_position(message: str) -> str:
    """lxml's message without its own trailing ", line 3, column 5", for callers that say where
    in their own words (otherwise the position is said twice)."""
    return _POSITION.sub("", message)


def describe_error(message: str) -> str:
    """lxml's message, or the user's words when it is one of libxml2's limits (whose own
    wording names parser options the user cannot set)."""
    for pattern, text in _LIMITS:
        if pattern.search(message):
            return text
    return message


ENTITIES_REFUSED = (
    "The document declares XML entities (a DOCTYPE with <!ENTITY>). It is shown raw and "
    "its entities are not expanded, because expanding them can exhaust memory "
    "(entity bomb) or read local files (external entity).")


def hardened_options() -> dict[str, bool]:
    """The options every parser of hostile XML gets (for parsers built elsewhere: a pull parser
    with its own target)."""
    return dict(_HARDENED)


def make_parser(*, recover: bool = False, remove_blank_text: bool = False) -> etree.XMLParser:
    """A fresh hardened parser (lxml parsers are not thread-safe, so never share one)."""
    return etree.XMLParser(recover=recover, remove_blank_text=remove_blank_text, **_HARDENED)


@dataclass(frozen=True)
class ParseOutcome:
    """Result of a safe parse: a root, or a reason (with lxml's 1-based line and column)."""

    root: etree._Element | None
    error: str | None = None
    line: int | None = None
    column: int | None = None
    hostile: bool = False  # the document declares entities; shown raw, never expanded


def declares_entities(data: bytes) -> bool:
    """True when the document's DOCTYPE declares entities (general or parameter), as the
    hardened parser itself reads the document: in any encoding libxml2 accepts (UTF-16, UTF-32,
    UTF-7...) and after a prolog of any length. parse_bytes makes the same decision on the
    tree it has parsed anyway.

    A scan of the first 64 KiB as ASCII missed both: a DOCTYPE after a long comment, or in
    UTF-16, parsed fine and its entity references silently vanished from the text.
    """
    return _outcome_declares_entities(_parse(data, remove_blank_text=False), data)


def _outcome_declares_entities(outcome: ParseOutcome, data: bytes) -> bool:
    if outcome.root is not None:
        return _dtd_declares_entities(outcome.root.getroottree().docinfo.internalDTD)
    return _broken_document_declares_entities(data)


def _dtd_declares_entities(dtd: etree.DTD | None) -> bool:
    return dtd is not None and any(True for _ in dtd.entities())


def _broken_document_declares_entities(data: bytes) -> bool:
    """For a document that does not parse (an entity bomb stops the parser, or the DOCTYPE
    itself is broken): read its prolog up to the root element, where entity declarations must
    stand, and fall back to the bytes when even that fails. The document is refused either way;
    this only chooses between "declares entities" and the parser's own error."""
    parser = etree.XMLPullParser(events=("start",), recover=True, **_HARDENED)
    try:
        for offset in range(0, len(data), _PROLOG_CHUNK):
            parser.feed(data[offset:offset + _PROLOG_CHUNK])
            for _event, element in parser.read_events():
                return _dtd_declares_entities(element.getroottree().docinfo.internalDTD)
    except (etree.XMLSyntaxError, ValueError, MemoryError):
        pass
    return bool(_DOCTYPE.search(data) and _ENTITY_DECL.search(data))


def parse_bytes(data: bytes, *, remove_blank_text: bool = False) -> ParseOutcome:
    """Parse without ever expanding entities; never raises for bad input. A document that
    declares entities is refused (``hostile``), wherever and however it is encoded."""
    outcome = _parse(data, remove_blank_text)
    if _outcome_declares_entities(outcome, data):
        return ParseOutcome(None, ENTITIES_REFUSED, hostile=True)
    return outcome


def _parse(data: bytes, remove_blank_text: bool) -> ParseOutcome:
    try:
        root = etree.fromstring(data, make_parser(remove_blank_text=remove_blank_text))
    except etree.XMLSyntaxError as exc:
        line, column = exc.position if exc.position else (None, None)
        return ParseOutcome(None, describe_error(exc.msg or str(exc)), line, column)
    except (ValueError, MemoryError) as exc:
        return ParseOutcome(None, f"The document could not be parsed: {describe_error(str(exc))}")
    if root is None:
        return ParseOutcome(None, "The document is empty.")
    return ParseOutcome(root)


def parse_text(text: str, *, remove_blank_text: bool = False) -> ParseOutcome:
    """Parse editor text. An encoding declaration is fine: the text is encoded to UTF-8 first
    and a contradicting declaration is rewritten by nothing; callers lint that separately.
    Lone surrogates (pasted or decoded with surrogateescape) pass through to the parser, which
    reports them, instead of failing the encode."""
    return parse_bytes(text.encode("utf-8", "surrogatepass"), remove_blank_text=remove_blank_text)
