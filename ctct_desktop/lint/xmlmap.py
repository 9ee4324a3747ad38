"""Source ranges of the elements of a well-formed document, matched to lxml elements.

lxml gives a ``sourceline`` but no columns, and a minified body is one line, so the body is
scanned once (lazily, only when a diagnostic needs a range) for start and end tags in document
order. The n-th start tag is the n-th element of ``root.iter()``; a stack pairs end tags.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from lxml import etree

_TOKEN = re.compile(
    r"""<!--.*?-->
    |<!\[CDATA\[.*?\]\]>
    |<\?.*?\?>
    |<!DOCTYPE(?:[^\[>]|\[.*?\])*>
    |</(?P<close>[^\s>]+)\s*>
    |<(?P<open>[^\s/>!?]+)(?:\s+[^\s=/>]+\s*=\s*(?:"[^"]*"|'[^']*'))*\s*(?P<empty>/?)>""",
    re.S | re.X,
)


@dataclass
class ElementSpan:
    """Offsets in the body str: the start tag, its name, and the end tag (if any)."""

    start: int
    name_end: int
    open_end: int
    close_start: int | None = None
    close_end: int | None = None

    @property
    def end(self) -> int:
        return self.close_end if self.close_end is not None else self.open_end

    @property
    def content(self) -> tuple[int, int]:
        if self.close_start is None:
            return self.open_end, self.open_end
        return self.open_end, self.close_start

    @property
    def name_range(self) -> tuple[int, int]:
        return self.start + 1, self.name_end

    @property
    def close_name_range(self) -> tuple[int, int] | None:
        if self.close_start is None or self.close_end is None:
            return None
        return self.close_start + 2, self.close_start + 2 + (self.name_end - self.start - 1)


def scan_spans(text: str) -> list[ElementSpan]:
    """Spans of every element in document order (the text must be well-formed)."""
    spans: list[ElementSpan] = []
    stack: list[ElementSpan] = []
    for match in _TOKEN.finditer(text):
        opened = match.group("open")
        if opened is not None:
            span = ElementSpan(match.start(), match.start() + 1 + len(opened), match.end())
            spans.append(span)
            if not match.group("empty"):
                stack.append(span)
        elif match.group("close") is not None and stack:
            span = stack.pop()
            span.close_start, span.close_end = match.start(), match.end()
    return spans


class ElementMap:
    """Lazily maps lxml elements of one parsed body to their source spans."""

    def __init__(self, text: str, root: etree._Element) -> None:
        self.text = text
        self.root = root
        self._by_element: dict[etree._Element, ElementSpan] | None = None

    def _build(self) -> dict[etree._Element, ElementSpan]:
        elements = list(self.root.iter(etree.Element))  # keeps the proxies alive for the dict
        spans = scan_spans(self.text)
        if len(elements) != len(spans):
            return {}  # the scan disagrees with the parser: fall back to whole lines, never guess
        return dict(zip(elements, spans))

    def span(self, element: etree._Element) -> ElementSpan | None:
        """The element's span, or None when it cannot be located with certainty."""
        if self._by_element is None:
            self._by_element = self._build()
        span = self._by_element.get(element)
        if span is None:
            return None
        raw = self.text[span.start + 1:span.name_end]
        return span if raw.rpartition(":")[2] == etree.QName(element).localname else None

    def attribute_value_range(self, element: etree._Element, name: str) -> tuple[int, int] | None:
        """Range of an attribute's value (inside the quotes) in the element's start tag."""
        span = self.span(element)
        if span is None:
            return None
        pattern = re.compile(r"(?<![\w:.-])" + re.escape(name) + r"\s*=\s*([\"'])(.*?)\1", re.S)
        match = pattern.search(self.text, span.name_end, span.open_end)
        if match is None:
            return None
        return match.start(2), match.end(2)
