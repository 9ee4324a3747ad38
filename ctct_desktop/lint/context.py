"""Everything a rule needs about one request, computed once and lazily.

Rules never parse, resolve or scan on their own: they ask the context, so a large body is
parsed once (or not at all, when the caller already holds the parse), and an element's
position is looked up only when some rule reports it.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from functools import cached_property, lru_cache

from lxml import etree

from ctct_desktop.core.models import Auth, BodyKind, Header, RequestModel
from ctct_desktop.core.xml_safety import ParseOutcome, parse_bytes, parse_text
from ctct_desktop.lint.model import Diagnostic, Fix, RuleDoc, Severity, Where
from ctct_desktop.lint.placeholders import resolve_outside_body
from ctct_desktop.lint.resource import Target, classify
from ctct_desktop.lint.textmap import LineIndex
from ctct_desktop.lint.vocab import ATOM_NS, CTCT_NS, PAYLOADS
from ctct_desktop.lint.xmlmap import ElementMap

# An XML declaration that lost its "<" and/or ">" (pasted from a forum post), at the very start.
BROKEN_DECLARATION = re.compile(r"\A(\ufeff?\s*)(<?\?xml\s[^<>\n]{0,300}?\?>?)(?=\s|<|\Z)")
_FORM_START = re.compile(r"[A-Za-z_][\w.%-]*=")
_FIRST_VISIBLE = re.compile(r"[^\ufeff \t\r\n]")
_PAYLOAD_BY_KIND = {"contacts": "Contact", "lists": "ContactList", "campaigns": "Campaign",
                    "schedules": "Schedule"}


@lru_cache(maxsize=64)
def _child_counter(namespace: str, name: str) -> etree.XPath:
    """A compiled name test (a function like local-name() per node is several times slower)."""
    return etree.XPath(f"count(n:{name})", namespaces={"n": namespace})


def media_type(content_type: str | None) -> str:
    return (content_type or "").split(";")[0].strip().lower()


class LintContext:
    """One request, resolved where the brief says so, with its body parsed on demand."""

    def __init__(self, request: RequestModel, variables: Mapping[str, str] | None,
                 body_bytes: bytes | None = None, parsed: ParseOutcome | None = None) -> None:
        self.request = request
        self.variables = variables
        self.method = request.method.strip().upper()
        resolved = resolve_outside_body(request, variables)
        self.url = resolved.url.strip()
        self.headers: tuple[Header, ...] = resolved.enabled_headers()
        self.auth: Auth = resolved.auth
        # The transport sends no body for BodyKind.NONE, so there is nothing to lint there.
        self.body = request.body if request.body_kind is not BodyKind.NONE or body_bytes is not None else ""
        self.body_bytes = body_bytes
        self._parsed = parsed
        self.lines = LineIndex(self.body)
        self.target: Target = classify(self.url)
        self._texts: dict[etree._Element, str] = {}
        self._counts: dict[tuple[etree._Element, str], int] = {}

    # ----- request parts -------------------------------------------------------------------
    def header(self, name: str) -> str | None:
        wanted = name.lower()
        for h in self.headers:
            if h.name.strip().lower() == wanted:
                return h.value
        return None

    @cached_property
    def content_type(self) -> str:
        """The media type that will be sent (explicit header, else the body kind's default)."""
        explicit = self.header("Content-Type")
        if explicit is not None:
            return media_type(explicit)
        return media_type(self.request.with_changes(headers=self.headers).content_type())

    @cached_property
    def body_kind(self) -> str:
        """xml, json, form, text or none: what the body is, whatever the editor was set to."""
        first = _FIRST_VISIBLE.search(self.body)
        if first is None:
            return "none"
        start = first.start()
        if self.body.startswith("<", start) or BROKEN_DECLARATION.match(self.body):
            return "xml"
        if self.body[start] in "{[" and not self.body.startswith("{{", start):
            return "json"
        declared = {BodyKind.XML: "xml", BodyKind.JSON: "json", BodyKind.FORM: "form"}.get(self.request.body_kind)
        if declared:
            return declared
        ctype = self.content_type
        if "xml" in ctype:
            return "xml"
        if "json" in ctype:
            return "json"
        if ctype in ("application/x-www-form-urlencoded", "multipart/form-data") or _FORM_START.match(self.body, start):
            return "form"
        return "text"

    # ----- XML -----------------------------------------------------------------------------
    @cached_property
    def broken_declaration(self) -> re.Match[str] | None:
        match = BROKEN_DECLARATION.match(self.body)
        if match is None:
            return None
        decl = match.group(2)
        return None if decl.startswith("<?") and decl.endswith("?>") else match

    @cached_property
    def parse(self) -> ParseOutcome:
        """The hardened parse of the body (a broken declaration is blanked out first, in place,
        so its own rule reports it and the rest of the document is still checked). A parse the
        caller passed in is the parse of this very text, so it is used as it is."""
        broken = self.broken_declaration
        if broken is not None:
            start, end = broken.span(2)
            return parse_text(self.body[:start] + " " * (end - start) + self.body[end:])
        if self.body_bytes is not None:
            return parse_bytes(self.body_bytes)
        if self._parsed is not None:
            return self._parsed
        return parse_text(self.body)

    @property
    def root(self) -> etree._Element | None:
        return self.parse.root if self.body_kind == "xml" else None

    @cached_property
    def elements(self) -> ElementMap | None:
        if self.root is None:
            return None
        broken = self.broken_declaration
        return ElementMap(self.body, self.root, self.lines, broken.end(2) if broken is not None else 0)

    @cached_property
    def content_element(self) -> etree._Element | None:
        root = self.root
        if root is None:
            return None
        return next(iter(root.iterchildren(f"{{{ATOM_NS}}}content")), None)

    @cached_property
    def payload(self) -> etree._Element | None:
        """The element inside the Atom <content> (or the root, when a bare payload was sent)."""
        root = self.root
        if root is None:
            return None
        if isinstance(root.tag, str) and etree.QName(root).localname in PAYLOADS:
            return root
        content = self.content_element
        if content is None:
            return None
        return next(iter(content.iterchildren(etree.Element)), None)

    @cached_property
    def payload_kind(self) -> str:
        """Contact, ContactList, Campaign, Schedule, or '' (from the body, else the URL)."""
        payload = self.payload
        if payload is not None:
            local = etree.QName(payload).localname
            if local in PAYLOADS:
                return local
        return _PAYLOAD_BY_KIND.get(self.target.kind, "") if self.root is not None else ""

    def payload_children(self, namespace: str = CTCT_NS) -> list[etree._Element]:
        payload = self.payload
        if payload is None:
            return []
        return [c for c in payload.iterchildren(etree.Element) if etree.QName(c).namespace == namespace]

    def child(self, parent: etree._Element | None, name: str, namespace: str = CTCT_NS) -> etree._Element | None:
        if parent is None:
            return None
        return next(iter(parent.iterchildren(f"{{{namespace}}}{name}")), None)

    def field(self, name: str) -> etree._Element | None:
        return self.child(self.payload, name)

    def field_text(self, name: str) -> str | None:
        element = self.field(name)
        return None if element is None else self.text(element).strip()

    def count_children(self, parent: etree._Element, name: str, namespace: str = CTCT_NS) -> int:
        """How many ``name`` children ``parent`` has, counted in C once (a contact may carry
        100,000 ContactList elements, and several rules ask)."""
        key = (parent, f"{{{namespace}}}{name}")
        if key not in self._counts:
            self._counts[key] = int(_child_counter(namespace, name)(parent))
        return self._counts[key]

    def text(self, element: etree._Element | None) -> str:
        """An element's text, cached: lxml builds a new str on every access (10 MB for EmailContent)."""
        if element is None:
            return ""
        cached = self._texts.get(element)
        if cached is None:
            cached = self._texts[element] = element.text or ""
        return cached

    # ----- diagnostics ---------------------------------------------------------------------
    def at_range(self, doc: RuleDoc, start: int, end: int, message: str, hint: str = "", *,
                 fix: Fix | None = None, severity: Severity | None = None) -> Diagnostic:
        start = self.lines.clamp(start)
        end = max(start, self.lines.clamp(end))
        if start == end and self.body:  # an editor cannot underline nothing: take one character
            start, end = (start, start + 1) if start < len(self.body) else (start - 1, start)
        line, column = self.lines.position(start)
        end_line, end_column = self.lines.position(end)
        return Diagnostic(doc.code, severity or doc.severity, Where.BODY, message, hint, line, column,
                          end_line, end_column, start, end, fix)

    def element_range(self, element: etree._Element | None, part: str = "name") -> tuple[int, int]:
        """Source range of an element: its tag name, whole start tag, content, or all of it."""
        if element is None or self.elements is None:
            return 0, 0
        span = self.elements.span(element)
        if span is None:
            line = element.sourceline or 1
            return self.lines.line_start(line), self.lines.line_end(line)
        if part == "name":
            return span.name_range
        if part == "tag":
            return span.start, span.open_end
        if part == "content":
            return span.content if span.content[1] > span.content[0] else span.name_range
        return span.start, span.end

    def at_element(self, doc: RuleDoc, element: etree._Element | None, message: str, hint: str = "", *,
                   fix: Fix | None = None, severity: Severity | None = None, part: str = "name") -> Diagnostic:
        start, end = self.element_range(element, part)
        return self.at_range(doc, start, end, message, hint, fix=fix, severity=severity)

    def at_attribute(self, doc: RuleDoc, element: etree._Element, name: str, message: str, hint: str = "", *,
                     fix: Fix | None = None, severity: Severity | None = None) -> Diagnostic:
        span = self.elements.attribute_value_range(element, name) if self.elements else None
        if span is None:
            return self.at_element(doc, element, message, hint, fix=fix, severity=severity)
        return self.at_range(doc, span[0], span[1], message, hint, fix=fix, severity=severity)

    def elsewhere(self, doc: RuleDoc, where: Where, message: str, hint: str = "", *, fix: Fix | None = None,
                  severity: Severity | None = None) -> Diagnostic:
        return Diagnostic(doc.code, severity or doc.severity, where, message, hint, fix=fix)
