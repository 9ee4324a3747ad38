"""The dispatcher: which format a paste or file is, and its import."""

from __future__ import annotations

import re
from collections.abc import Callable

from ctct_desktop.importers import har, insomnia, postman
from ctct_desktop.importers import jsonish as j
from ctct_desktop.importers.curl import import_curl
from ctct_desktop.importers.model import ImportResult, failed, too_large
from ctct_desktop.importers.php import import_php
from ctct_desktop.importers.raw_http import import_raw_http, looks_like

_PHP = re.compile(r"\bcurl_(?:init|setopt(?:_array)?)\s*\(", re.IGNORECASE)
_CURL = re.compile(r"(?:^|[\s;&|(])(?:[\w./\\-]*[\\/])?curl(?:\.exe)?(?=[\s^`]|$)", re.IGNORECASE | re.MULTILINE)
FORMATS: dict[str, str] = {
    "curl": "curl command line", "php": "PHP curl code", "http": "raw HTTP request", "har": "HAR 1.2",
    "postman": "Postman collection v2.1", "postman-environment": "Postman environment",
    "insomnia": "Insomnia v4 export",
}
UNKNOWN = ("The text is not a format the importer knows: paste a curl command, PHP curl code, a raw HTTP "
           "request, or a HAR, Postman or Insomnia export.")


def _json(text: str) -> ImportResult:
    document, problem = j.load(text)
    if problem:
        return failed("json", problem)
    if har.is_har(document):
        return har.from_document(document)
    if insomnia.is_insomnia(document):
        return insomnia.from_document(document)
    if postman.is_collection(document):
        return postman.collection(document)
    if postman.is_environment(document):
        return postman.environment(document)
    return failed("json", "The JSON is not a HAR, Postman or Insomnia export.")


def detect(text: str) -> str | None:
    """The format id of ``text`` by a cheap look (JSON exports are told apart by ``import_text``)."""
    stripped = text.lstrip("\ufeff \t\r\n")
    if stripped.startswith("{"):
        return "json"
    if _PHP.search(text):
        return "php"
    if looks_like(stripped):
        return "http"
    if _CURL.search(text):
        return "curl"
    return None


_IMPORTERS: dict[str, Callable[[str], ImportResult]] = {
    "json": _json, "php": import_php, "http": import_raw_http, "curl": import_curl,
}


def import_text(text: str) -> ImportResult:
    """Detect the format and import; never raises, whatever the text."""
    refused = too_large(text)
    if refused:
        return failed("", refused)
    fmt = detect(text)
    if fmt is None:
        return failed("", UNKNOWN)
    try:
        return _IMPORTERS[fmt](text)
    except RecursionError:
        return failed(fmt, "The text nests too deeply to read.")


def looks_like_command(text: str) -> bool:
    """A paste into the URL field that is a whole request (curl or raw HTTP), not a URL."""
    stripped = text.strip()
    if not stripped:
        return False
    return bool(re.match(r"(?:\$\s+)?(?:[\w./\\-]*[\\/])?curl(?:\.exe)?\s", stripped, re.IGNORECASE)) \
        or looks_like(stripped)
