"""Reading request entries: the Atom envelope rules of the reference (§1.3) with its error texts.

All parsing goes through core.xml_safety; nothing here raises anything but ApiError.
"""

from __future__ import annotations

import difflib
import re

from lxml import etree

from ctct_desktop.core.xml_safety import parse_bytes
from ctct_desktop.sandbox import errors
from ctct_desktop.sandbox.clock import parse_date_or_datetime
from ctct_desktop.sandbox.feeds import ATOM, CTCT, CTCT_CONTENT_TYPE

_URI = re.compile(r"^[A-Za-z][A-Za-z0-9+.\-]*:\S*$")
_ATOM_CHILDREN = {"id", "title", "author", "updated", "content", "summary", "link", "source",
                  "category", "contributor", "published", "rights"}
# Atom's own words left directly under <entry> by a paste or a hand edit (an author's <name>,
# <email>, <uri>; a feed's <subtitle>, <generator>, <icon>, <logo>): the server ignored them, and an
# entry without <author> too (casebook T4: such a PUT got its status-transition answer, not the
# Atom-sections error). Anything else in the Atom namespace is not an entry element.
_IGNORED_ATOM = {"name", "email", "uri", "subtitle", "generator", "icon", "logo"}
MAX_BODY = 8 * 1024 * 1024


def local_name(element: etree._Element) -> str:
    return etree.QName(element).localname


def namespace(element: etree._Element) -> str | None:
    return etree.QName(element).namespace


def element_children(element: etree._Element) -> list[etree._Element]:
    """Element children only (comments and processing instructions are skipped)."""
    return [child for child in element if isinstance(child.tag, str)]


def parse_document(body: bytes) -> etree._Element:
    if not body.strip():
        raise errors.bad_request("The request body is empty; send an Atom <entry>.")
    if len(body) > MAX_BODY:
        raise errors.ApiError(413, "The request body is larger than 8 MiB.")
    outcome = parse_bytes(body)
    if outcome.hostile:
        raise errors.bad_request("The request body declares XML entities, which the API does not accept.")
    if outcome.root is None:
        where = f" (line {outcome.line}, column {outcome.column})" if outcome.line else ""
        raise errors.bad_request(f"The request body is not well-formed XML{where}: {outcome.error}")
    if _has_entity_references(outcome.root):
        raise errors.bad_request(
            "The request body holds entity references that only its external DTD could define; "
            "write the characters themselves or numeric references such as &#233;.")
    return outcome.root


def _has_entity_references(root: etree._Element) -> bool:
    """Entity references the parser kept unexpanded (a DOCTYPE naming an external DTD lets
    ``&name;`` parse); their text would silently vanish from every field."""
    if not root.getroottree().docinfo.doctype:
        return False
    return any(True for _ in root.iter(etree.Entity))


def read_entry(body: bytes, expected: str) -> etree._Element:
    """Check the Atom envelope and return the one CTCT ``expected`` element inside <content>."""
    root = parse_document(body)
    if local_name(root) != "entry":
        raise errors.atom_sections(f"The root element must be an Atom <entry>, not <{local_name(root)}>.")
    if namespace(root) != ATOM:
        raise errors.atom_sections(f"The <entry> element is not in the Atom namespace {ATOM}.")
    found = _envelope_children(root)
    _check_envelope(found)
    return _payload(found["content"][0], expected)


def _envelope_children(root: etree._Element) -> dict[str, list[etree._Element]]:
    found: dict[str, list[etree._Element]] = {}
    for child in element_children(root):
        name = local_name(child)
        if namespace(child) != ATOM:
            raise errors.atom_sections(
                f"<{name}> lies outside <content>; CTCT elements belong inside "
                f'<content type="{CTCT_CONTENT_TYPE}">.')
        if name in _IGNORED_ATOM:
            continue
        if name not in _ATOM_CHILDREN:
            raise errors.atom_sections(f"<{name}> is not an Atom entry element.")
        found.setdefault(name, []).append(child)
    return found


def _check_envelope(found: dict[str, list[etree._Element]]) -> None:
    for required in ("id", "title", "updated"):
        if required not in found:
            raise errors.atom_sections(f"The entry has no <{required}> element (it must be present).")
    id_text = (found["id"][0].text or "").strip()
    if not _URI.match(id_text):
        raise errors.atom_sections(
            f"<id> must hold a URI (for example data:,none); it holds '{id_text}'.")
    updated_text = (found["updated"][0].text or "").strip()
    if parse_date_or_datetime(updated_text) is None:
        raise errors.atom_sections(
            f"<updated> must be an Atom date-time such as 2008-07-23T14:21:06.407Z; "
            f"it holds '{updated_text}'.")
    contents = found.get("content", [])
    if len(contents) != 1:
        raise errors.bad_request(
            f"The entry must hold exactly one <content> element; it holds {len(contents)}.")
    content_type = contents[0].get("type")
    if content_type != CTCT_CONTENT_TYPE:
        raise errors.bad_request(
            f'<content> must have type="{CTCT_CONTENT_TYPE}"; it has type="{content_type or ""}".')


def _payload(content: etree._Element, expected: str) -> etree._Element:
    children = element_children(content)
    if len(children) != 1:
        raise errors.bad_request(
            f"<content> must hold exactly one <{expected}> element; it holds {len(children)} elements.")
    payload = children[0]
    name = local_name(payload)
    if name != expected:
        raise errors.bad_request(f"This resource expects <{expected}> inside <content>, not <{name}>.")
    if namespace(payload) != CTCT:
        raise errors.bad_request(
            f'<{expected}> must be in the namespace {CTCT} (add xmlns="{CTCT}").')
    return payload


def payload_fields(payload: etree._Element, known: tuple[str, ...] | frozenset[str],
                   allowed_atom: frozenset[str] = frozenset({"link"})) -> dict[str, etree._Element]:
    """Map each CTCT child name to its element; unknown or wrong-case names get a clear 400 (P23)."""
    owner = local_name(payload)
    fields: dict[str, etree._Element] = {}
    for child in element_children(payload):
        name = local_name(child)
        if namespace(child) == ATOM and name in allowed_atom:
            continue
        if namespace(child) != CTCT:
            raise errors.bad_request(
                f"<{name}> in <{owner}> is not in the namespace {CTCT} (an xmlns=\"\" "
                "un-namespaces it).")
        if name not in known:
            raise errors.bad_request(_unknown_message(name, owner, known))
        fields[name] = child  # a repeated element: the last one wins (S2 wrote OptInSource twice)
    return fields


def _unknown_message(name: str, owner: str, known: tuple[str, ...] | frozenset[str]) -> str:
    by_lower = {k.lower(): k for k in known}
    if name.lower() in by_lower:
        return (f"<{name}> is not a known element of <{owner}>; element names are case-sensitive: "
                f"use <{by_lower[name.lower()]}>.")
    close = difflib.get_close_matches(name, list(known), n=1)
    hint = f" Did you mean <{close[0]}>?" if close else ""
    return f"<{name}> is not a known element of <{owner}>.{hint}"


def text_of(element: etree._Element | None, field: str) -> str | None:
    """The text of a scalar field, or None when absent; markup inside it is refused."""
    if element is None:
        return None
    if element_children(element):
        raise errors.bad_request(
            f"{field} must hold text, not markup; escape HTML as &lt; and &gt; inside <{field}>.")
    return (element.text or "").strip()
