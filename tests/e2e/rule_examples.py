"""How a rule's documented example becomes a request the sandbox can answer.

The examples in ``rule_docs()`` are short: a fragment (``<EmailType>html</EmailType>``), a whole
entry, a URL, a form body, a request line with a header. A fragment is placed into a valid body
from the lint corpus (the resource its element names belong to): each complete element replaces
the base's element of that name (or is added to the payload), a lone start tag replaces the
base's start tag, a leading ``?xml``/``<?xml`` line replaces the declaration. ``...`` means "as in
the base": ``<Contact ...>`` keeps the base's attributes, ``<Subject>...</Subject>`` its content,
and a trailing ``...`` the rest. An example that contains ``</entry>`` is a whole body.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ctct_desktop.core.models import BodyKind
from ctct_desktop.lint.vocab import CAMPAIGN_ELEMENTS, CONTACT_ELEMENTS, SCHEDULE_ELEMENTS
from tests.lint.support import corpus_text

ATOM_MEDIA = "application/atom+xml"
FORM_MEDIA = "application/x-www-form-urlencoded"
_START = re.compile(r"<([A-Za-z][\w.-]*)(\s[^<>]*?)?(/?)>", re.S)


@dataclass(frozen=True)
class Placed:
    """A request, relative to the account URL (``path``) or to the API host (``url``)."""

    method: str
    path: str
    body: str
    kind: BodyKind
    content_type: str | None
    absolute_url: str | None = None


@dataclass(frozen=True)
class _Base:
    file: str
    method: str
    path: str


BASES = {
    "contact": _Base("contact_create.xml", "POST", "/contacts"),
    "campaign": _Base("campaign_create_html.xml", "POST", "/campaigns"),
    "schedule": _Base("schedule.xml", "POST", "/campaigns/1/schedules"),
    "list": _Base("list_create.xml", "POST", "/lists"),
}


def _span(text: str, name: str) -> tuple[int, int, int, int] | None:
    """(start, open_end, close_start, end) of the first element ``name`` (exact case first)."""
    for flags in (0, re.I):
        match = re.search(rf"<{re.escape(name)}(\s[^<>]*?)?(/?)>", text, flags)
        if match is None:
            continue
        if match.group(2):
            return match.start(), match.end(), match.end(), match.end()
        close = re.compile(rf"</{re.escape(match.group(0)[1:1 + len(name)])}\s*>")
        found = close.search(text, match.end())
        if found is not None:
            return match.start(), match.end(), found.start(), found.end()
    return None


def _expand(example: str, base: str) -> str:
    """Replace the ``...`` that stand for attributes or content of the base's element."""
    def attrs(match: re.Match[str]) -> str:
        span = _span(base, match.group(1))
        return base[span[0]:span[1]] if span else f"<{match.group(1)}>"

    def content(match: re.Match[str]) -> str:
        span = _span(base, match.group(2))
        inner = base[span[1]:span[2]] if span else ""
        return f"{match.group(1)}{inner}{match.group(3)}"

    text = re.sub(r"<([A-Za-z][\w.-]*) \.\.\.>", attrs, example)
    return re.sub(r"(<([A-Za-z][\w.-]*)(?:\s[^<>]*)?>)\.\.\.(</\2>)", content, text)


def _close_end(fragment: str, name: str, start: int) -> int | None:
    """The end of the element whose start tag ends at ``start`` (same-name nesting counted)."""
    depth = 1
    for match in re.finditer(rf"<(/?){re.escape(name)}(\s[^<>]*?)?(/?)>", fragment[start:]):
        if match.group(1):
            depth -= 1
        elif not match.group(3):
            depth += 1
        if depth == 0:
            return start + match.end()
    return None


def _items(fragment: str) -> list[tuple[str, str, str]]:
    """Top-level (kind, name, text): kind is 'decl', 'element' or 'start' (a start tag left open)."""
    items: list[tuple[str, str, str]] = []
    pos, size = 0, len(fragment)
    while pos < size:
        if fragment[pos].isspace():
            pos += 1
        elif fragment.startswith(("?xml", "<?xml"), pos):
            end = fragment.find("\n", pos)
            end = size if end < 0 else end
            items.append(("decl", "", fragment[pos:end].rstrip()))
            pos = end
        elif fragment[pos] != "<":
            found = fragment.find("<", pos)
            pos = size if found < 0 else found
        elif fragment.startswith("</", pos):
            pos = fragment.index(">", pos) + 1
        else:
            match = _START.match(fragment, pos)
            assert match is not None, fragment[pos:]
            close = match.end() if match.group(3) else _close_end(fragment, match.group(1), match.end())
            kind = "start" if close is None else "element"
            items.append((kind, match.group(1), fragment[pos:close or match.end()]))
            pos = close or match.end()
    return items


def _base_for(names: set[str]) -> str:
    if names & SCHEDULE_ELEMENTS or "Schedule" in names:
        return "schedule"
    campaign_only = (CAMPAIGN_ELEMENTS - CONTACT_ELEMENTS) | {"Campaign", "Email"}
    if names & campaign_only:
        return "campaign"
    return "contact"


def _payload_close(base: str) -> int:
    content = re.search(r"<content[^>]*>\s*<([A-Za-z]+)", base)
    assert content is not None
    return base.rindex(f"</{content.group(1)}>")


def _splice(base: str, fragment: str) -> str:
    result = base
    for kind, name, text in _items(fragment):
        if kind == "decl":
            declaration = re.match(r"\s*<\?xml[^>]*\?>", result)
            assert declaration is not None, "the base has an XML declaration to replace"
            result = text + result[declaration.end():]
            continue
        span = _span(result, name)
        if kind == "start":
            if span is not None:
                result = result[:span[0]] + text + result[span[1]:]
        elif span is not None:
            result = result[:span[0]] + text + result[span[3]:]
        else:
            at = _payload_close(result)
            result = result[:at] + text + result[at:]
    return result


def _names(fragment: str) -> set[str]:
    return {match.group(1) for match in _START.finditer(fragment)} - {"entry", "content", "id", "title", "author",
                                                                      "updated", "link"}


def _xml(example: str) -> Placed:
    base_key = _base_for(_names(example))
    base = BASES[base_key]
    text = corpus_text(base.file)
    expanded = _expand(example, text)
    body = expanded if "</entry>" in expanded else _splice(text, expanded.replace("...", ""))
    return Placed(base.method, base.path, body, BodyKind.XML, ATOM_MEDIA)


def _request_line(example: str) -> Placed:
    """``POST /ws/customers/joesflowers/contacts`` then ``Name: value`` lines: a contact body; or,
    after a blank line, the example's own body (a multipart form, sent with CRLF line ends)."""
    head, blank, own_body = example.partition("\n\n")
    first, *headers = head.splitlines()
    method, path = first.split(" ", 1)
    content_type = next(h.split(":", 1)[1].strip() for h in headers if h.lower().startswith("content-type:"))
    account_path = path.split("/ws/customers/", 1)[1].split("/", 1)[1]
    if blank:
        return Placed(method, f"/{account_path}", own_body.replace("\r\n", "\n").replace("\n", "\r\n"),
                      BodyKind.FORM, content_type)
    return Placed(method, f"/{account_path}", corpus_text("contact_create.xml"), BodyKind.XML, content_type)


def place(example: str) -> Placed | None:
    """The request an example stands for; None for examples that describe one in words."""
    text = example.strip()
    if text.startswith("activityType="):
        return Placed("POST", "/activities", text, BodyKind.FORM, FORM_MEDIA)
    if text.startswith("/"):
        return Placed("GET", text, "", BodyKind.NONE, None)
    if text.startswith("https://"):
        return Placed("GET", "", "", BodyKind.NONE, None, absolute_url=text.split("  ", 1)[0])
    if re.match(r"^(GET|POST|PUT|DELETE) /", text):
        return _request_line(text)
    if text.startswith(("<", "?xml")) and "{{" not in text:
        return _xml(text)
    return None
