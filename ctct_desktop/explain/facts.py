"""What the explainer knows about one exchange: features (named yes/no facts used by the
matchers) and values (specifics used to fill an article's {placeholders}).

Built once per exchange by pure functions that never raise on hostile input: a body that
does not parse is itself a fact, not an error.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from urllib.parse import parse_qsl, urlsplit

from ctct_desktop.core.models import Exchange
from ctct_desktop.core.xml_safety import ParseOutcome
from ctct_desktop.explain.decoding import decode_body, printable

MAX_TEXT = 256 * 1024  # response text kept for pattern matching; error bodies are small
_V1_MESSAGE = re.compile(r"Error\s+(\d{3})\s*:\s*(.+)", re.IGNORECASE)


@dataclass
class Facts:
    api: str = "unknown"  # v1, v2, v3, oauth, other (not a Constant Contact URL) or unknown (no URL)
    status: int | None = None
    method: str = ""
    url: str = ""
    path: str = ""  # raw path (still percent-encoded)
    query: str = ""  # raw query string
    body_text: str = ""  # response body as text
    body_kind: str = "empty"  # html, json, xml, text, empty
    response_headers: tuple[tuple[str, str], ...] = ()
    failure: str | None = None
    error_keys: tuple[str, ...] = ()
    oauth_error: str | None = None
    features: set[str] = field(default_factory=set)
    values: dict[str, str] = field(default_factory=dict)
    secrets: list[str] = field(default_factory=list)  # masked in every value shown to the user
    shown_path: str = ""  # the path with any secret masked, for evidence

    def set(self, name: str, value: object, limit: int = 240) -> None:
        """Record a placeholder value, shortened so one hostile field cannot flood a card."""
        text = printable(str(value))
        self.values[name] = text if len(text) <= limit else text[: limit - 1] + "…"

    def header(self, name: str) -> str | None:
        wanted = name.lower()
        return next((v for k, v in self.response_headers if k.lower() == wanted), None)


def api_of(url: str) -> str:
    """API generation from the URL: /ws/customers → v1, /v2/ → v2, /v3/ or api.cc.email → v3.

    "unknown" (no URL, as from the command line) lets articles of every API match;
    "other" (some other service) lets only API-neutral articles match."""
    try:
        parts = urlsplit(url)
        host, path = (parts.hostname or "").lower(), parts.path
    except ValueError:
        host, path = "", url
    if "/ws/customers" in path:
        return "v1"
    if path.startswith("/v3/") or path == "/v3" or host == "api.cc.email":
        return "v3"
    if path.startswith("/v2/") or path == "/v2":
        return "v2"
    if "/oauth2/" in path or host.startswith(("oauth2.", "authz.")):
        return "oauth"
    return "other" if url.strip() else "unknown"


def _split(url: str) -> tuple[str, str, str]:
    try:
        parts = urlsplit(url)
        return parts.hostname or "", parts.path, parts.query
    except ValueError:
        return "", url, ""


def body_kind_of(text: str, content_type: str) -> str:
    """Classify a response body by its Content-Type, then by its first characters."""
    stripped = text.lstrip("\ufeff \t\r\n")
    if not stripped:
        return "empty"
    low_ct, head = content_type.lower(), stripped[:512].lower()
    if "html" in low_ct or head.startswith(("<!doctype html", "<html")) or "<html" in head:
        return "html"
    if "json" in low_ct or stripped[0] in "[{":
        return "json"
    if "xml" in low_ct or stripped[0] == "<":
        return "xml"
    return "text"


def _json_errors(text: str) -> tuple[list[tuple[str, str]], dict[str, str]]:
    """v2/v3 error arrays [{"error_key", "error_message"}] and OAuth {"error", ...} objects."""
    try:
        data = json.loads(text)
    except (ValueError, RecursionError):
        return [], {}
    items = data if isinstance(data, list) else [data]
    errors: list[tuple[str, str]] = []
    oauth: dict[str, str] = {}
    for item in items[:50]:
        if not isinstance(item, dict):
            continue
        key = item.get("error_key")
        if isinstance(key, str):
            errors.append((key, str(item.get("error_message", ""))))
        if isinstance(item.get("error"), str) and not oauth:
            oauth = {"error": item["error"], "description": str(item.get("error_description", ""))}
    return errors, oauth


_OAUTH_IN_TEXT = re.compile(r"error=([A-Za-z_]+)(?:&error_description=([^&#\s\"'<]*))?")


def _oauth_from_text(text: str) -> tuple[str | None, str]:
    match = _OAUTH_IN_TEXT.search(text)
    if match:
        description = (match.group(2) or "").replace("+", " ")
        return match.group(1), description
    if "redirect_uri_mismatch" in text or re.search(r"invalid\s+redirect", text, re.IGNORECASE):
        return "redirect_uri_mismatch", ""
    return None, ""


def _response_facts(facts: Facts, exchange: Exchange) -> None:
    response = exchange.response
    if response is None:
        return
    facts.status = response.status
    facts.response_headers = response.headers
    facts.set("status", response.status)
    facts.set("reason", response.reason or "")
    text = decode_body(response.body[:MAX_TEXT], response.content_type)
    facts.body_text = text
    facts.body_kind = body_kind_of(text, response.content_type)
    facts.features.add(f"response-{facts.body_kind}")
    _message_facts(facts, text)
    for name in ("Location", "WWW-Authenticate", "Allow", "Retry-After"):
        value = response.header(name)
        if value:
            facts.set(name.lower().replace("-", "_"), value)
    www = (response.header("WWW-Authenticate") or "").lower()
    if "insufficient_scope" in www:
        facts.features.add("insufficient-scope")


def first_line(text: str) -> str:
    """The first non-blank line, stripped ('' when there is none)."""
    return next((line.strip() for line in text.splitlines() if line.strip()), "")


def _message_facts(facts: Facts, text: str) -> None:
    match = _V1_MESSAGE.search(text[:4096])
    message = first_line(match.group(2)) if match and facts.body_kind in ("text", "html", "xml") else ""
    if not message and facts.body_kind == "text":
        message = first_line(text[:4096])
    if message:
        facts.set("v1_message", message, limit=400)
    if facts.body_kind == "json":
        errors, oauth = _json_errors(text)
        facts.error_keys = tuple(k for k, _ in errors)
        if errors:
            facts.set("error_key", errors[0][0])
            facts.set("error_message", errors[0][1] or "(no message)", limit=400)
            facts.set("error_keys", ", ".join(facts.error_keys), limit=400)
        if oauth:
            facts.oauth_error = oauth["error"]
            facts.set("oauth_error_description", oauth["description"] or "(none given)")


def _oauth_facts(facts: Facts, exchange: Exchange) -> None:
    if facts.oauth_error is None:
        sources = [facts.values.get("location", "")]
        if exchange.response is not None:
            sources.append(exchange.response.url)
        if facts.api == "oauth" or facts.body_kind == "html":
            sources.append(facts.body_text[:8192])
        for source in sources:
            error, description = _oauth_from_text(source)
            if error:
                facts.oauth_error = error
                facts.set("oauth_error_description", description or "(none given)")
                break
    if facts.oauth_error:
        facts.set("oauth_error", facts.oauth_error)
    for name, value in parse_qsl(facts.query, keep_blank_values=True):
        if name in ("redirect_uri", "client_id"):
            facts.set(name, value or "(empty)")


def _failure_facts(facts: Facts, exchange: Exchange) -> None:
    failure = exchange.failure
    if failure is None:
        return
    facts.failure = failure.kind.value
    facts.set("failure_message", failure.message, limit=400)
    facts.set("failure_detail", failure.detail or "(none)", limit=600)


def build_facts(exchange: Exchange, parsed: ParseOutcome | None = None) -> Facts:
    """Gather every fact the matchers use. Never raises. ``parsed`` is the request body's
    parse when the caller has it (``engine.parse_request_body``)."""
    from ctct_desktop.explain.body_facts import add_body_facts
    from ctct_desktop.explain.request_facts import add_request_facts

    request = exchange.request
    url = exchange.sent_url or request.url
    host, path, query = _split(url)
    facts = Facts(api=api_of(url), method=request.method.strip().upper(), url=url, path=path, query=query)
    facts.set("method", facts.method or "(none)")
    facts.set("url", url or "(none)", limit=400)
    facts.set("path", path or "/")
    facts.set("host", host or "the server")
    facts.set("api", facts.api)
    if host in ("127.0.0.1", "localhost", "::1"):
        facts.features.add("localhost")
    _failure_facts(facts, exchange)
    _response_facts(facts, exchange)
    _oauth_facts(facts, exchange)
    add_request_facts(facts, request)
    add_body_facts(facts, request, parsed)
    _mask_secrets(facts, request)
    return facts


def _mask_secrets(facts: Facts, request: object) -> None:
    """Cards, evidence and the CLI must never show a password, key or token (one redaction)."""
    from ctct_desktop.core.redaction import auth_secrets, redact_text

    secrets = [*auth_secrets(request.auth), *facts.secrets]  # type: ignore[attr-defined]
    facts.secrets = secrets
    facts.values = {name: redact_text(value, secrets) for name, value in facts.values.items()}
    facts.shown_path = redact_text(facts.path, secrets)
