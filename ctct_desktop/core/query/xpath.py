"""XPath 1.0 over an XML body, with the Constant Contact namespaces predeclared.

``atom:`` and ``ctct:`` are always bound (XPath 1.0 has no default namespace, so the Atom
elements of a feed are reached as ``atom:entry``); the root element's own prefixes are bound
too unless they clash. The body is parsed by the hardened parser (xml_safety): entities are
refused, never expanded.
"""

from __future__ import annotations

import copy
import re

from lxml import etree

from ctct_desktop.core.query.result import QueryError, QueryResult, check_size
from ctct_desktop.core.xml_safety import parse_bytes, without_position

ATOM = "http://www.w3.org/2005/Atom"
CTCT = "http://ws.constantcontact.com/ns/1.0/"
APP = "http://www.w3.org/2007/app"
PREDECLARED: dict[str, str] = {"atom": ATOM, "ctct": CTCT}

# A name step without a prefix: after / or // or an axis, or at the start, not a function call.
_UNPREFIXED_STEP = re.compile(r"(?:^|/|::)\s*([A-Za-z_][\w.-]*)\s*(?![\w.:(-])")


def evaluate_xpath(body: bytes, expression: str) -> QueryResult:
    """Evaluate ``expression`` on ``body``; QueryError says what is wrong with either."""
    if not expression.strip():
        raise QueryError("Type an XPath expression, e.g. //atom:entry/atom:title")
    check_size(body)
    root = _parse(body)
    namespaces = _namespaces(root)
    try:
        compiled = etree.XPath(expression, namespaces=namespaces)
    except etree.XPathSyntaxError as exc:
        raise QueryError(_syntax_message(expression, exc)) from exc
    except ValueError as exc:  # control characters or NUL in the expression
        raise QueryError(f"The XPath expression contains a character XML does not allow: {exc}") from exc
    try:
        raw = compiled(root)
    except etree.XPathEvalError as exc:
        raise QueryError(_eval_message(exc)) from exc
    except (ValueError, MemoryError, RecursionError) as exc:
        raise QueryError(f"The XPath expression could not be evaluated: {exc}") from exc
    values, fragments = _render(raw)
    note = _hint(expression, root) if not values else None
    return QueryResult(values, fragments, note)


def _parse(body: bytes) -> etree._Element:
    outcome = parse_bytes(body)
    if outcome.root is None:
        if outcome.hostile:
            raise QueryError(outcome.error or "The document declares entities.")
        where = f" (line {outcome.line}, column {outcome.column})" if outcome.line else ""
        error = without_position(outcome.error or "") if where else outcome.error
        raise QueryError(f"The body is not well-formed XML: {error}{where}")
    return outcome.root


def _namespaces(root: etree._Element) -> dict[str, str]:
    namespaces = {"app": APP}
    namespaces.update({prefix: uri for prefix, uri in root.nsmap.items() if prefix})
    namespaces.update(PREDECLARED)
    return namespaces


def _syntax_message(expression: str, exc: etree.XPathSyntaxError) -> str:
    reason = str(exc) or "Invalid expression"
    if "Undefined namespace prefix" in reason:
        return _UNDEFINED_PREFIX
    offsets = [entry.column for entry in exc.error_log if entry.column is not None and entry.column >= 0]
    if not offsets:
        return f"XPath syntax error: {reason}"
    offset = offsets[-1]  # libxml2 gives a 0-based offset into the expression
    near = expression[offset:offset + 12]
    where = f"near '{near}'" if near else "at the end"
    return f"XPath syntax error at character {offset + 1} ({where}): {reason}"


def _eval_message(exc: etree.XPathEvalError) -> str:
    reason = str(exc)
    if "Undefined namespace prefix" in reason:
        return _UNDEFINED_PREFIX
    return f"The XPath expression could not be evaluated: {reason}"


_UNDEFINED_PREFIX = ("Undefined namespace prefix in the XPath expression: only atom:, ctct:, app: and the "
                     "document's own prefixes are known.")


def _render(raw: object) -> tuple[tuple[str, ...], tuple[str, ...]]:
    if isinstance(raw, list):
        pairs = [_render_node(node) for node in raw]
        return tuple(value for value, _ in pairs), tuple(fragment for _, fragment in pairs)
    text = _scalar(raw)
    return (text,), (text,)


def _scalar(raw: object) -> str:
    if isinstance(raw, bool):
        return "true" if raw else "false"
    if isinstance(raw, float):
        return str(int(raw)) if raw.is_integer() else repr(raw)
    return str(raw)


def _render_node(node: object) -> tuple[str, str]:
    if isinstance(node, etree._Element):
        value = etree.tostring(node, encoding="unicode", with_tail=False)
        return value, _pretty(node)
    if isinstance(node, tuple):  # the namespace axis gives (prefix, uri)
        text = f"xmlns:{node[0]}={node[1]}" if node[0] else f"xmlns={node[1]}"
        return text, text
    text = str(node)
    return text, text


def _pretty(node: etree._Element) -> str:
    clone = copy.deepcopy(node)
    clone.tail = None
    try:
        etree.indent(clone, space="  ")
    except (TypeError, ValueError):  # comments and processing instructions have no children
        pass
    return etree.tostring(clone, encoding="unicode", with_tail=False)


def _hint(expression: str, root: etree._Element) -> str | None:
    """Nothing matched: say why when the expression names elements without a prefix and the
    document's elements are in a namespace (the commonest XPath surprise)."""
    names = [name for name in _UNPREFIXED_STEP.findall(expression)
             if name not in ("and", "or", "div", "mod", "node", "text", "comment")]
    if not names or not _has_namespaced_elements(root):
        return None
    return (f"No matches. '{names[0]}' has no prefix, so it names an element in no namespace; "
            "this document's elements are in namespaces: write atom:entry, ctct:Contact, ...")


def _has_namespaced_elements(root: etree._Element) -> bool:
    return any(isinstance(el.tag, str) and el.tag.startswith("{") for el in root.iter())
