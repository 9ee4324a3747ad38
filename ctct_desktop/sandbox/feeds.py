"""Atom writing: feeds, entries and CTCT payload elements, shaped like the real API's output.

Ids are absolute ``http://api.constantcontact.com/ws/customers/{user}/...`` URIs and link hrefs
are root-relative, so XML copied from a sandbox response is valid against the real API too.
"""

from __future__ import annotations

from collections.abc import Iterable

from lxml import etree
from werkzeug.wrappers import Response

from ctct_desktop.core.sandbox_demo import ID_ROOT

ATOM = "http://www.w3.org/2005/Atom"
CTCT = "http://ws.constantcontact.com/ns/1.0/"
APP = "http://www.w3.org/2007/app"
CTCT_CONTENT_TYPE = "application/vnd.ctct+xml"
ATOM_MEDIA = "application/atom+xml"


def id_uri(path: str) -> str:
    """``/ws/customers/u/contacts/2`` -> ``http://api.constantcontact.com/ws/customers/u/contacts/2``."""
    return f"{ID_ROOT}{path}"


def _atom(tag: str) -> str:
    return f"{{{ATOM}}}{tag}"


def ctct_element(tag: str, element_id: str | None = None) -> etree._Element:
    """A CTCT payload element carrying the CTCT default namespace."""
    element = etree.Element(f"{{{CTCT}}}{tag}", nsmap={None: CTCT})
    if element_id is not None:
        element.set("id", element_id)
    return element


def add(parent: etree._Element, tag: str, text: str | int | None = None) -> etree._Element:
    """Append a CTCT child (text may be empty)."""
    child = etree.SubElement(parent, f"{{{CTCT}}}{tag}")
    if text is not None:
        child.text = str(text)
    return child


def add_fields(parent: etree._Element, pairs: Iterable[tuple[str, str | int | None]]) -> None:
    for tag, text in pairs:
        if text is not None and text != "":
            add(parent, tag, text)


def atom_link(parent: etree._Element, href: str, rel: str = "self") -> etree._Element:
    """``<link xmlns="http://www.w3.org/2005/Atom" href=".." rel=".."/>`` inside a CTCT element."""
    link = etree.SubElement(parent, _atom("link"), nsmap={None: ATOM})
    link.set("href", href)
    link.set("rel", rel)
    return link


def entry(*, path: str, title: str, updated: str, payload: etree._Element,
          summary: str | None = None, id_path: str | None = None) -> etree._Element:
    """An Atom entry whose edit link is ``path`` (id from ``id_path`` or ``path``)."""
    root = etree.Element(_atom("entry"), nsmap={None: ATOM})
    link = etree.SubElement(root, _atom("link"))
    link.set("href", path)
    link.set("rel", "edit")
    _fill_entry(root, id_path or path, title, updated, payload, summary)
    return root


def _fill_entry(root: etree._Element, path: str, title: str, updated: str,
                payload: etree._Element, summary: str | None) -> None:
    etree.SubElement(root, _atom("id")).text = id_uri(path)
    title_el = etree.SubElement(root, _atom("title"))
    title_el.set("type", "text")
    title_el.text = title
    etree.SubElement(root, _atom("updated")).text = updated
    author = etree.SubElement(root, _atom("author"))
    etree.SubElement(author, _atom("name")).text = "Constant Contact"
    if summary is not None:
        summary_el = etree.SubElement(root, _atom("summary"))
        summary_el.set("type", "text")
        summary_el.text = summary
    content = etree.SubElement(root, _atom("content"))
    content.set("type", CTCT_CONTENT_TYPE)
    content.append(payload)


def feed(*, path: str, title: str, updated: str, links: Iterable[tuple[str, str]],
         entries: Iterable[etree._Element]) -> etree._Element:
    """A feed; ``links`` are (rel, href) pairs written before the entries."""
    root = etree.Element(_atom("feed"), nsmap={None: ATOM})
    etree.SubElement(root, _atom("id")).text = id_uri(path)
    title_el = etree.SubElement(root, _atom("title"))
    title_el.set("type", "text")
    title_el.text = title
    author = etree.SubElement(root, _atom("author"))
    etree.SubElement(author, _atom("name")).text = "Constant Contact"
    etree.SubElement(root, _atom("updated")).text = updated
    for rel, href in links:
        link = etree.SubElement(root, _atom("link"))
        link.set("href", href)
        link.set("rel", rel)
    for item in entries:
        root.append(item)
    return root


def service_document(account_path: str, username: str,
                     collections: Iterable[tuple[str, str]]) -> etree._Element:
    """The AtomPub service document served at the account root."""
    root = etree.Element(f"{{{APP}}}service", nsmap={None: APP, "atom": ATOM})
    workspace = etree.SubElement(root, f"{{{APP}}}workspace")
    etree.SubElement(workspace, _atom("title")).text = username
    for name, title in collections:
        collection = etree.SubElement(workspace, f"{{{APP}}}collection")
        collection.set("href", f"{account_path}/{name}")
        etree.SubElement(collection, _atom("title")).text = title
    return root


def serialize(root: etree._Element) -> bytes:
    """UTF-8 with the single-quoted declaration the real API wrote."""
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8")


def xml_response(root: etree._Element, status: int = 200,
                 headers: dict[str, str] | None = None) -> Response:
    response = Response(serialize(root), status=status, content_type=f"{ATOM_MEDIA}; charset=utf-8")
    for name, value in (headers or {}).items():
        response.headers[name] = value
    return response


def no_content() -> Response:
    return Response(status=204)
