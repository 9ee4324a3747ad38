"""Facts about the request body: the Atom wrapper, the Contact or Campaign inside it, form
bodies sent to XML resources, and bulk-activity forms. Parsing goes through the hardened parser."""

from __future__ import annotations

import json
import re
from functools import lru_cache
from urllib.parse import unquote_plus

from lxml import etree

from ctct_desktop.core.xml_safety import ParseOutcome, parse_text
from ctct_desktop.explain.facts import Facts

ATOM_NS = "http://www.w3.org/2005/Atom"
CTCT_NS = "http://ws.constantcontact.com/ns/1.0/"
CTCT_TYPE = "application/vnd.ctct+xml"
OPT_IN_SOURCES = ("ACTION_BY_CUSTOMER", "ACTION_BY_CONTACT")
GREETING_NAMES = ("FirstName", "LastName", "FirstAndLastName", "None")
DATETIME_SPACE = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)? \d{2}:\d{2}")
# Led by a literal, so a large body is scanned fast; each hit is then confirmed in place.
_SPACED_TAIL = re.compile(r":\d{2}(?:\.\d+)? \d{2}:\d{2}")
_DATE_HEAD = len("2010-09-28T05:22")
_ATOM_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2}))?$")
_FORM_START = re.compile(r"^[A-Za-z_][\w.\-\[\]%]*=")
KNOWN_ELEMENTS = frozenset(
    """Contact EmailAddress EmailType Name FirstName MiddleName LastName JobTitle CompanyName HomePhone
    WorkPhone Addr1 Addr2 Addr3 City StateCode StateName CountryCode CountryName PostalCode SubPostalCode
    Note ContactLists ContactList OptInSource Status Confirmed InsertTime LastUpdateTime OptInTime
    OptOutTime OptOutSource OptOutReason ContactList OptInDefault SortOrder DisplayOnSignup ShortName
    Members ContactCount Campaign Date Subject FromName ViewAsWebpage ViewAsWebpageLinkText
    ViewAsWebpageText PermissionReminder PermissionReminderText GreetingSalutation GreetingName
    GreetingString OrganizationName OrganizationAddress1 OrganizationAddress2 OrganizationAddress3
    OrganizationCity OrganizationState OrganizationInternationalState OrganizationCountry
    OrganizationPostalCode IncludeForwardEmail ForwardEmailLinkText IncludeSubscribeLink
    SubscribeLinkText EmailContentFormat EmailContent EmailTextContent StyleSheet FromEmail ReplyToEmail
    Email Schedule ScheduledTime""".split()
) | {f"CustomField{n}" for n in range(1, 16)}
_BY_LOWER = {name.lower(): name for name in KNOWN_ELEMENTS}


def find_spaced_datetime(text: str) -> re.Match[str] | None:
    """The first DATETIME_SPACE in ``text``, found without running that pattern at every
    character (about 20 ms per MB; a hint of a regex over a body holds the GIL)."""
    for hit in _SPACED_TAIL.finditer(text):
        found = DATETIME_SPACE.match(text, max(0, hit.start() - _DATE_HEAD))
        if found is not None and found.end() == hit.end():
            return found
    return None


def _local(element: etree._Element) -> str:
    return etree.QName(element).localname if isinstance(element.tag, str) else ""


def _ns(element: etree._Element) -> str:
    return etree.QName(element).namespace or "" if isinstance(element.tag, str) else ""


def _atom_facts(facts: Facts, root: etree._Element) -> etree._Element | None:
    """Check the Atom wrapper (reference §1.3); return the CTCT element inside <content>."""
    problems: list[str] = []
    if _local(root) != "entry":
        problems.append(f"the root element is <{_local(root) or '?'}>, not an Atom <entry>")
    elif _ns(root) != ATOM_NS:
        problems.append(f"<entry> is in namespace '{_ns(root)}', not the Atom namespace" if _ns(root)
                        else "<entry> has no Atom namespace (xmlns=\"http://www.w3.org/2005/Atom\" is missing)")
    children = {_local(c): c for c in root if isinstance(c.tag, str)}
    for name in ("id", "title", "author", "updated"):
        if name not in children:
            problems.append(f"<{name}> is missing")
    entry_id = (children["id"].text or "").strip() if "id" in children else ""
    if "id" in children and ":" not in entry_id:
        problems.append(f"<id> holds '{entry_id}', which is not a URI")
    updated = (children["updated"].text or "").strip() if "updated" in children else ""
    if "updated" in children and not _ATOM_DATE.match(updated):
        problems.append(f"<updated> holds '{updated}', which is not an Atom date-time")
    content = children.get("content")
    if content is None:
        problems.append("<content> is missing")
    elif content.get("type") != CTCT_TYPE:
        problems.append(f"<content type> is '{content.get('type')}', not '{CTCT_TYPE}'")
    stray = [n for n in children if n and n[0].isupper()]
    if stray:
        problems.append(f"<{stray[0]}> sits outside <content>")
    if problems:
        facts.features.add("atom-wrapper-problem")
        facts.set("atom_problems", "; ".join(problems), limit=600)
    inner = [c for c in content if isinstance(c.tag, str)] if content is not None else []
    return inner[0] if inner else None


@lru_cache(maxsize=64)
def _count_named(tag: str) -> etree.XPath:
    """count() of the children named ``tag`` ('{ns}local'), as a name test compiled in C."""
    namespace, _, local = tag[1:].rpartition("}") if tag.startswith("{") else ("", "", tag)
    return etree.XPath(f"count(n:{local})", namespaces={"n": namespace}) if namespace else etree.XPath(f"count({local})")


_GRANDCHILDREN = etree.XPath("count(*/*)")


def _same_leaves(element: etree._Element, size: int) -> etree._Element | None:
    """The first child, when all ``size`` children are elements like it without children of
    their own (100,000 ContactList elements are then judged by the first, in C)."""
    first = element[0]
    if not isinstance(first.tag, str) or int(_count_named(first.tag)(element)) != size:
        return None
    return first if not int(_GRANDCHILDREN(element)) else None


def _miscased(element: etree._Element) -> str | None:
    name = _local(element)
    if name and name not in KNOWN_ELEMENTS and name.lower() in _BY_LOWER and _ns(element) != ATOM_NS:
        return name
    return None


def _case_facts(facts: Facts, root: etree._Element) -> None:
    """The first element, in document order, whose name is a CTCT name in the wrong case."""
    stack = [root]
    while stack:
        element = stack.pop()
        name = _miscased(element)
        size = len(element)  # lxml walks the children to count them: once per element
        if name is None and size > 64 and (first := _same_leaves(element, size)) is not None:
            name = _miscased(first)
            if name is None:
                continue
        if name is not None:
            facts.features.add("ctct-element-case-mismatch")
            facts.set("element_case", f"<{name}> should be <{_BY_LOWER[name.lower()]}>")
            return
        stack.extend(reversed(element))


def _child_text(element: etree._Element, name: str) -> str | None:
    for child in element:
        if _local(child) == name:
            return (child.text or "").strip()
    return None


def _contact_facts(facts: Facts, contact: etree._Element) -> None:
    facts.features.add("contact-body")
    email = _child_text(contact, "EmailAddress")
    if email is not None:
        facts.set("email", email or "(empty)")
        facts.set("email_length", len(email))
        if "+" in email:
            facts.features.add("email-has-plus")
        if " " in email:
            facts.features.add("email-has-space")
        if len(email) > 80:
            facts.features.add("email-too-long")
    source = _child_text(contact, "OptInSource")
    if source is not None:
        facts.set("opt_in_source", source or "(empty)")
        if source in OPT_IN_SOURCES:
            facts.features.add("optin-" + source.lower().replace("_", "-"))
            other = OPT_IN_SOURCES[1 - OPT_IN_SOURCES.index(source)]
            facts.set("opt_in_source_other", other)
    lists = [c for c in contact if _local(c) == "ContactLists"]
    count = _list_count(lists[0]) if lists else 0
    facts.set("list_count", count)
    if count == 0:
        facts.features.add("contact-lists-empty")


def _list_count(lists: etree._Element) -> int:
    """ContactList children (in any namespace): counted in C when they all are CTCT ones."""
    size = len(lists)
    if size and int(_count_named(f"{{{CTCT_NS}}}ContactList")(lists)) == size:
        return size
    return sum(1 for c in lists if _local(c) == "ContactList")


def _campaign_facts(facts: Facts, campaign: etree._Element) -> None:
    facts.features.add("campaign-body")
    greeting = _child_text(campaign, "GreetingName")
    if greeting is not None and greeting not in GREETING_NAMES:
        facts.features.add("campaign-greetingname-invalid")
        facts.set("greeting_name", greeting or "(empty)")
    text = _child_text(campaign, "EmailTextContent")
    if text is not None and not (text.startswith("<Text>") and text.endswith("</Text>")):
        facts.features.add("campaign-text-not-wrapped")
    for child in campaign:
        if _local(child) in ("EmailContent", "EmailTextContent") and len(child):
            facts.features.add("campaign-content-not-escaped")
            facts.set("content_element", _local(child))


def _xml_facts(facts: Facts, body: str, parsed: ParseOutcome | None) -> None:
    outcome = parsed if parsed is not None else parse_text(body)
    if outcome.root is None:
        facts.features.add("body-not-well-formed")
        where = f" (line {outcome.line}, column {outcome.column})" if outcome.line else ""
        facts.set("parse_error", f"{outcome.error}{where}", limit=400)
        return
    inner = _atom_facts(facts, outcome.root)
    _case_facts(facts, outcome.root)
    if inner is None:
        return
    kind = _local(inner)
    facts.set("ctct_element", kind)
    if kind.lower() == "contact":
        _contact_facts(facts, inner)
    elif kind.lower() == "campaign":
        _campaign_facts(facts, inner)


def _form_facts(facts: Facts, body: str) -> None:
    pairs = [p.partition("=") for p in body.strip().split("&") if p]
    names = [unquote_plus(name) for name, _sep, _value in pairs]
    facts.set("form_fields", ", ".join(dict.fromkeys(names)), limit=200)
    if "activities" not in facts.path.split("/"):
        if facts.method in ("POST", "PUT") and facts.api == "v1":
            facts.features.add("body-is-form-on-atom-resource")
        return
    if "lists[]" in names:
        facts.features.add("activities-lists-bracket")
    if any(unquote_plus(n) in ("lists", "listId") and "://" in v for n, _s, v in pairs):
        facts.features.add("activities-lists-not-encoded")
    if "activityType" not in names:
        facts.features.add("activities-missing-type")


def _json_facts(facts: Facts, body: str) -> None:
    """The contact address of a v2 (email_addresses[0].email_address) or v3 (email_address.address) body."""
    try:
        data = json.loads(body)
    except (ValueError, RecursionError):
        return
    if not isinstance(data, dict):
        return
    v3 = data.get("email_address")
    v2 = data.get("email_addresses")
    email = v3.get("address") if isinstance(v3, dict) else v3 if isinstance(v3, str) else None
    if email is None and isinstance(v2, list) and v2 and isinstance(v2[0], dict):
        email = v2[0].get("email_address")
    if isinstance(email, str) and email.strip():
        facts.set("email", email.strip())


def add_body_facts(facts: Facts, request: object, parsed: ParseOutcome | None = None) -> None:
    """Inspect the body text. Without ``parsed`` (the body's parse, shared with the linter),
    bodies of several MiB are inspected only by cheap searches; with it, by bounded ones."""
    body = getattr(request, "body", "") or ""
    stripped = body.lstrip("\ufeff \t\r\n")
    if not stripped or facts.method in ("GET", "DELETE", "HEAD"):
        return
    match = find_spaced_datetime(body)
    if match:
        facts.features.add("datetime-plus-as-space")
        facts.features.add("body-datetime-plus-as-space")
        facts.set("datetime_bad", match.group(0))
    if stripped.startswith("<"):
        if parsed is not None or len(body) <= 4 * 1024 * 1024:
            _xml_facts(facts, body, parsed)
    elif stripped.startswith("{") and len(body) <= 4 * 1024 * 1024:
        _json_facts(facts, stripped)
    elif _FORM_START.match(stripped):
        _form_facts(facts, stripped)
