"""Source ranges of the elements of a well-formed document, matched to lxml elements.

lxml gives a ``sourceline`` (the line holding the ``>`` of the start tag) but no columns, so
an element is located from that line: the start tags ending there are read, and the element's
rank among them comes from the tree (how many elements before it end their start tag on that
line). Its end tag is the first one after its last descendant's start tag, past the end tags
of that descendant's chain. No step reads the body from its start, so a diagnostic on the last
of a million elements costs what one on the first costs.

That needs every ``<`` to be markup. When a body has comments, CDATA sections, processing
instructions or a DOCTYPE (where ``<`` may be text), one pass over the body records every
element's tag offsets in compact arrays (:class:`TagIndex`). When a line is too crowded to
rank on (a minified body), or its number is too big for libxml2 to keep (see ``BIG_LINE``),
the rank comes from an XPath count and the start tag from counts of start tags per block of
text (:class:`StartIndex`). Both indexes (in ``tagindex``) are built once, only when needed.
"""

from __future__ import annotations

import re

from lxml import etree

from ctct_desktop.lint.tagindex import START_TAG, ElementSpan, StartIndex, TagIndex, has_opaque_sections
from ctct_desktop.lint.textmap import LineIndex

__all__ = ["START_TAG", "ElementMap", "ElementSpan", "same_line_before"]

_DESCENDANTS = etree.XPath("count(descendant::*)")
_RANK = etree.XPath("count(preceding::*) + count(ancestor::*)")
_ELEMENTS = etree.XPath("count(//*)")
CROWDED = 256  # elements on one line beyond which a line is not read tag by tag
# From this line on, libxml2 keeps no line in the element itself and lxml reports a line taken
# from the element's first child, next sibling or parent instead (often one more, sometimes
# fewer): such a sourceline locates nothing, so the element is found by its rank.
BIG_LINE = 65535


def _count_descendants(element: etree._Element) -> int:
    return int(_DESCENDANTS(element)) if next(iter(element), None) is not None else 0  # len() walks them all


def _trailing_on_line(element: etree._Element, line: int) -> int:
    """Descendants of ``element`` (whose own start tag ends earlier) that end their start tag on ``line``."""
    count = 0
    for child in element.iterchildren(etree.Element, reversed=True):
        if child.sourceline != line:
            return count + _trailing_on_line(child, line)
        count += 1 + _count_descendants(child)
    return count


def same_line_before(element: etree._Element, line: int, limit: int) -> int | None:
    """How many elements before ``element`` in document order end their start tag on ``line``
    (sourceline never decreases in document order); None past ``limit``."""
    count, node = 0, element
    while True:
        for sibling in node.itersiblings(etree.Element, preceding=True):
            if sibling.sourceline != line:
                count += _trailing_on_line(sibling, line)
                return count if count <= limit else None
            count += 1 + _count_descendants(sibling)
            if count > limit:
                return None
        parent = node.getparent()
        if parent is None or parent.sourceline != line:
            return count
        count, node = count + 1, parent


class ElementMap:
    """Lazily maps lxml elements of one parsed body to their source spans."""

    def __init__(self, text: str, root: etree._Element, lines: LineIndex | None = None, start: int = 0,
                 *, crowded: int = CROWDED) -> None:
        self.text = text
        self.root = root
        self.lines = lines if lines is not None else LineIndex(text)
        self.start = start  # where markup may begin (a blanked broken declaration lies before it)
        self.crowded = crowded
        self._opaque: bool | None = None
        self._tags: TagIndex | None = None
        self._starts: StartIndex | None = None
        self._trusted: bool | None = None
        self._spans: dict[etree._Element, ElementSpan | None] = {}

    def span(self, element: etree._Element) -> ElementSpan | None:
        """The element's span, or None when it cannot be located with certainty."""
        if element not in self._spans:
            span = self._locate(element) if isinstance(element.tag, str) and element.sourceline else None
            if span is not None:
                raw = self.text[span.start + 1:span.name_end]
                span = span if raw.rpartition(":")[2] == etree.QName(element).localname else None
            self._spans[element] = span
        return self._spans[element]

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

    @property
    def plain(self) -> bool:
        """True when every ``<`` in the body is markup (no comment, CDATA, PI or DOCTYPE), so a
        rule may read the source around an offset with plain string searches."""
        if self._opaque is None:
            self._opaque = has_opaque_sections(self.text, self.start)
        return not self._opaque

    def start_tag(self, element: etree._Element) -> re.Match[str] | None:
        """The element's start tag alone (no search for its end tag), plain bodies only."""
        if not self.plain:
            return None
        opened = self._start_tag(element)
        if opened is None or opened.group("open").rpartition(":")[2] != etree.QName(element).localname:
            return None
        return opened

    # ----- the three ways to a start tag ------------------------------------------------
    def _locate(self, element: etree._Element) -> ElementSpan | None:
        if not self.plain:
            return self._from_tag_index(element)
        opened = self._start_tag(element)
        return self._with_close(element, opened) if opened is not None else None

    def _start_tag(self, element: etree._Element) -> re.Match[str] | None:
        """The element's start tag, read from its line or, on a crowded line, by its rank."""
        line = element.sourceline or 1
        tags = self._line_tags(line) if line < BIG_LINE else None
        if tags is not None:
            rank = same_line_before(element, line, self.crowded) if len(tags) > 1 else 0
            if rank is not None and rank < len(tags):
                return tags[rank]
        starts = self._start_index()
        offset = starts.offset(int(_RANK(element))) if starts is not None else None
        return START_TAG.match(self.text, offset) if offset is not None else None

    def _line_tags(self, line: int) -> list[re.Match[str]] | None:
        """Start tags whose ``>`` is on ``line``; None when the line holds too many tags."""
        text, begin, end = self.text, self.lines.line_start(line), self.lines.next_line_start(line)
        found: list[re.Match[str]] = []
        before = text.rfind("<", self.start, begin)
        if before >= 0:  # a start tag may begin on an earlier line and end on this one
            match = START_TAG.match(text, before)
            if match is not None and begin < match.end() <= end:
                found.append(match)
        pos, seen = begin, 0
        while (at := text.find("<", pos, end)) >= 0:
            seen += 1
            if seen > 2 * self.crowded + 2:
                return None
            if text.startswith(("</", "<?"), at):  # an end tag, or the XML declaration
                pos = at + 2
                continue
            match = START_TAG.match(text, at)
            if match is None:
                return None
            if match.end() > end:
                break  # this one ends on a later line, and so does everything after it
            found.append(match)
            pos = match.end()
        return found

    def _with_close(self, element: etree._Element, opened: re.Match[str]) -> ElementSpan | None:
        """The span of a located start tag; its end tag is found after the last descendant:
        past that descendant's start tag only end tags of the chain up to ``element`` remain."""
        span = ElementSpan(opened.start(), opened.start() + 1 + len(opened.group("open")), opened.end())
        if opened.group("empty"):
            return span
        last, depth = element, 0
        while (child := next(last.iterchildren(etree.Element, reversed=True), None)) is not None:
            last, depth = child, depth + 1
        pos, skip = span.open_end, 0
        if last is not element:
            inner = self._start_tag(last)
            if inner is None:
                return None
            pos, skip = inner.end(), depth - 1 + (0 if inner.group("empty") else 1)
        close = -1
        for _ in range(skip + 1):
            close = self.text.find("</", pos)
            end = self.text.find(">", close) if close >= 0 else -1
            if end < 0:
                return None
            pos = end + 1
        span.close_start, span.close_end = close, pos
        return span

    def _from_tag_index(self, element: etree._Element) -> ElementSpan | None:
        index = self._tag_index()
        if index is None:
            return None
        line = element.sourceline or 1
        if line >= BIG_LINE:
            rank = int(_RANK(element))
            return index.span(rank) if rank < len(index) else None
        low, high = index.ranks_on_line(self.lines.line_start(line), self.lines.next_line_start(line))
        before = same_line_before(element, line, self.crowded) if high - low > 1 else 0
        rank = low + before if before is not None else int(_RANK(element))
        return index.span(rank) if low <= rank < high else None

    # ----- indexes, built once ------------------------------------------------------------
    def _tag_index(self) -> TagIndex | None:
        if self._tags is None:
            self._tags = TagIndex(self.text, self.start)
        return self._tags if self._agrees(len(self._tags)) else None

    def _start_index(self) -> StartIndex | None:
        if self._starts is None:
            self._starts = StartIndex(self.text, self.start)
        return self._starts if self._agrees(len(self._starts)) else None

    def _agrees(self, found: int) -> bool:
        """The scan and the parser count the same elements (else never guess a position)."""
        if self._trusted is None:
            self._trusted = found == int(_ELEMENTS(self.root))
        return self._trusted
