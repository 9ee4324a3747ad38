"""The one place XML is parsed. Everything from the network or the user is hostile.

Entities are never resolved, the network is never touched, huge trees are refused, and a
document that declares entities is reported so the UI can show it raw with a note instead of
expanding it (billion laughs, XXE). Requires lxml>=6.1, whose iterparse no longer reads local
files through external entities.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from lxml import etree

_ENTITY_DECL = re.compile(rb"<!ENTITY", re.IGNORECASE)
_DOCTYPE = re.compile(rb"<!DOCTYPE", re.IGNORECASE)


def make_parser(*, recover: bool = False, remove_blank_text: bool = False) -> etree.XMLParser:
    """A fresh hardened parser (lxml parsers are not thread-safe, so never share one)."""
    return etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        huge_tree=False,
        load_dtd=False,
        dtd_validation=False,
        recover=recover,
        remove_blank_text=remove_blank_text,
    )


@dataclass(frozen=True)
class ParseOutcome:
    """Result of a safe parse: a root, or a reason (with lxml's 1-based line and column)."""

    root: etree._Element | None
    error: str | None = None
    line: int | None = None
    column: int | None = None
    hostile: bool = False  # the document declares entities; shown raw, never expanded


def declares_entities(data: bytes) -> bool:
    """True when the bytes carry a DOCTYPE with entity declarations (look only at the prologue)."""
    head = data[:65536]
    return bool(_DOCTYPE.search(head) and _ENTITY_DECL.search(head))


def parse_bytes(data: bytes, *, remove_blank_text: bool = False) -> ParseOutcome:
    """Parse without ever expanding entities; never raises for bad input."""
    if declares_entities(data):
        return ParseOutcome(
            None,
            "The document declares XML entities (a DOCTYPE with <!ENTITY>). It is shown raw and "
            "its entities are not expanded, because expanding them can exhaust memory "
            "(entity bomb) or read local files (external entity).",
            hostile=True,
        )
    try:
        root = etree.fromstring(data, make_parser(remove_blank_text=remove_blank_text))
    except etree.XMLSyntaxError as exc:
        line, column = exc.position if exc.position else (None, None)
        return ParseOutcome(None, exc.msg or str(exc), line, column)
    except (ValueError, MemoryError) as exc:
        return ParseOutcome(None, f"The document could not be parsed: {exc}")
    if root is None:
        return ParseOutcome(None, "The document is empty.")
    return ParseOutcome(root)


def parse_text(text: str, *, remove_blank_text: bool = False) -> ParseOutcome:
    """Parse editor text. An encoding declaration is fine: the text is encoded to UTF-8 first
    and a contradicting declaration is rewritten by nothing; callers lint that separately."""
    return parse_bytes(text.encode("utf-8"), remove_blank_text=remove_blank_text)
