"""Fill an article's {placeholders} with specifics from the exchange.

Plain ``{name}`` substitution by regex, not ``str.format``: article text may contain other
braces, and a value from the network must never be interpreted as a format spec.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

from ctct_desktop.explain.model import Detail

# One brace pair: ``{{name}}`` is the user's own variable syntax, quoted by articles, and stays as written.
PLACEHOLDER = re.compile(r"(?<!\{)\{([a-z][a-z0-9_]*)\}(?!\})")

# What a placeholder reads as when the exchange does not supply it (and in the article viewer).
FALLBACKS: dict[str, str] = {
    "email": "the address", "email_length": "its length", "search_email": "the searched address",
    "search_email_as_server_reads": "what the server read", "path_user": "the username in the URL",
    "credential_user": "the username in your credentials", "basic_user_masked": "the Basic user string",
    "content_type_sent": "the Content-Type you sent", "content_type_expected": "the type the resource expects",
    "redirect_uri": "the redirect_uri you sent", "client_id": "your API key (client_id)",
    "status": "the status", "reason": "", "method": "the method", "path": "the URL path", "url": "the URL",
    "host": "the server", "api": "the API", "allowed": "the methods the resource supports",
    "opt_in_source": "the OptInSource in the body", "opt_in_source_other": "the other OptInSource value",
    "v1_message": "the message in the response body", "error_key": "the error_key",
    "error_message": "the error message", "error_keys": "the error keys", "oauth_error": "the OAuth error",
    "oauth_error_description": "the description", "failure_message": "the connection failed",
    "failure_detail": "the underlying error", "collection": "the collection", "greeting_name": "the value sent",
    "datetime_bad": "the date-time", "atom_problems": "the Atom wrapper has a defect",
    "element_case": "an element name has the wrong case", "parse_error": "the parser's message",
    "location": "the Location header", "www_authenticate": "the WWW-Authenticate header",
    "retry_after": "the Retry-After header", "content_element": "the content element",
    "form_fields": "the form fields", "list_count": "the number of lists", "ctct_element": "the element",
    "accept_sent": "the Accept header", "account_url_path": "the account path",
    "credential_user_decoded": "the decoded username", "existing_status": "the status the server reports",
    "person": "the one in the message", "unknown_element": "an element it does not know",
}


def fill(template: str, values: Mapping[str, str]) -> str:
    """Replace each {name} by its value, else by a readable fallback; a name with no fallback reads
    as words ("the error code"), never as a template's insides."""

    def replace(match: re.Match[str]) -> str:
        name = match.group(1)
        if name in values:
            return values[name]
        if name in FALLBACKS:
            phrase = FALLBACKS[name]
            before = template[: match.start()].rstrip()
            starts_sentence = not before or before.endswith((".", "!", "?"))
            return phrase[:1].upper() + phrase[1:] if starts_sentence else phrase
        return "the " + name.replace("_", " ")

    return PLACEHOLDER.sub(replace, template)


def applicable_details(details: tuple[Detail, ...], features: set[str], values: Mapping[str, str]) -> list[str]:
    """Detail sentences whose features are present and whose placeholders are all known."""
    out = []
    for detail in details:
        if not all(w in features for w in detail.when):
            continue
        if all(name in values for name in PLACEHOLDER.findall(detail.text)):
            out.append(fill(detail.text, values))
    return out
