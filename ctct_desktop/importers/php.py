"""PHP curl code as customers paste it (casebook T2) -> one request per curl handle.

Simple ``$variable = ...;`` assignments in the paste are substituted; whatever the paste does
not define becomes ``{{variable}}`` with a note. An array given to CURLOPT_POSTFIELDS makes PHP
send multipart/form-data, and that is what the import builds; a Content-Type header the code
sets is kept as written, so the linter can say when it contradicts the body.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ctct_desktop.core.models import BodyKind, Header, RequestModel
from ctct_desktop.importers.bodies import MULTIPART, body_kind, header_value, multipart
from ctct_desktop.importers.credentials import from_user_string, split_joined_password, take_auth_header
from ctct_desktop.importers.model import MAX_IMPORT_CHARS, MAX_REQUESTS, ImportedRequest, ImportResult, failed, too_large
from ctct_desktop.importers.php_values import Expression, Scope, Value, as_text, size_of, tokens

FORMAT = "php"
_IGNORED = {"CURLOPT_RETURNTRANSFER", "CURLOPT_HEADER", "CURLOPT_VERBOSE", "CURLOPT_SSL_VERIFYHOST",
            "CURLOPT_ENCODING", "CURLOPT_ACCEPT_ENCODING", "CURLOPT_CONNECTTIMEOUT", "CURLOPT_MAXREDIRS",
            "CURLOPT_HTTP_VERSION", "CURLOPT_FRESH_CONNECT", "CURLOPT_FORBID_REUSE", "CURLINFO_HEADER_OUT",
            "CURLOPT_HTTPAUTH", "CURLOPT_SAFE_UPLOAD", "CURLOPT_NOPROGRESS"}
_PHP_TAGS = re.compile(r"<\?php|<\?=?|\?>")


@dataclass
class _Handle:
    """One curl handle's options, in the order the code set them."""

    init_url: str | None = None
    options: dict[str, Value] = field(default_factory=dict)


def import_php(text: str) -> ImportResult:
    refused = too_large(text)
    if refused:
        return failed(FORMAT, refused)
    scope = Scope()
    handles: dict[str, _Handle] = {}
    for statement in _statements(tokens(_PHP_TAGS.sub(" ", text.lstrip("\ufeff")))):
        _run(statement, scope, handles)
    if not handles:
        return failed(FORMAT, "No curl_init or curl_setopt call was found in the PHP code.")
    requests = tuple(_request(handle, scope) for handle in list(handles.values())[:MAX_REQUESTS])
    notes = ("Some values the code builds grow past the import limit: they were cut short.",) if scope.cut else ()
    return ImportResult(FORMAT, requests, notes)


def _statements(toks: list[tuple[str, str]]) -> list[list[tuple[str, str]]]:
    statements: list[list[tuple[str, str]]] = [[]]
    for tok in toks:
        if tok[0] == "other" and tok[1] in ";{}":
            statements.append([])
        else:
            statements[-1].append(tok)
    return [s for s in statements if s]


def _handle(handles: dict[str, _Handle], tok: tuple[str, str]) -> _Handle:
    name = tok[1] if tok[0] == "var" else "$ch"
    return handles.setdefault(name, _Handle())


def _run(statement: list[tuple[str, str]], scope: Scope, handles: dict[str, _Handle]) -> None:
    kinds = [k for k, _ in statement]
    head = statement[0]
    if head[0] == "var" and len(statement) > 2 and statement[1] == ("other", "="):
        _assign(head[1][1:], statement[2:], scope, handles)
    elif head[0] == "var" and statement[1:3] == [("p", "."), ("other", "=")]:
        name = head[1][1:]
        scope.assign(name, as_text(scope.values.get(name, "")) + as_text(Expression(statement[3:], scope).value()))
    elif head[0] == "name" and head[1].lower() == "curl_init":
        handles.setdefault("$ch", _Handle(init_url=_init_url(statement[1:], scope)))
    elif head[0] == "name" and head[1].lower() in ("curl_setopt", "curl_setopt_array") and "p" in kinds:
        _setopt(head[1].lower(), statement[1:], scope, handles)


def _init_url(rest: list[tuple[str, str]], scope: Scope) -> str:
    if len(rest) >= 2 and rest[0] == ("p", "(") and rest[1] == ("p", ")"):
        return ""
    return as_text(Expression(rest, scope).value())


def _assign(name: str, rest: list[tuple[str, str]], scope: Scope, handles: dict[str, _Handle]) -> None:
    if rest and rest[0][0] == "name" and rest[0][1].lower() == "curl_init":
        handles["$" + name] = _Handle(init_url=_init_url(rest[1:], scope))
        return
    if rest and rest[0][0] == "name" and rest[0][1].lower() in ("curl_exec", "curl_getinfo", "curl_error"):
        return
    scope.assign(name, Expression(rest, scope).value())
    scope.unknown = [u for u in scope.unknown if u != name]


def _setopt(function: str, rest: list[tuple[str, str]], scope: Scope, handles: dict[str, _Handle]) -> None:
    args = rest[1:-1] if rest[0] == ("p", "(") else rest
    if not args:
        return
    handle = _handle(handles, args[0])
    remainder = args[2:] if len(args) > 1 and args[1] == ("p", ",") else args[1:]
    if function == "curl_setopt_array":
        value = Expression(remainder, scope).value()
        for key, option_value in value if isinstance(value, list) else []:
            handle.options[key.upper()] = option_value
        return
    if len(remainder) < 2 or remainder[0][0] != "name":
        return
    option = remainder[0][1].upper()
    after = remainder[2:] if remainder[1] == ("p", ",") else remainder[1:]
    handle.options[option] = Expression(after, scope).value()


def _truthy(value: Value | None) -> bool:
    return isinstance(value, list) or (value is not None and value.strip().lower() not in ("", "0", "false", "null"))


def _headers(value: Value | None, notes: list[str]) -> list[Header]:
    headers = []
    for _key, line in value if isinstance(value, list) else []:
        name, colon, rest = as_text(line).partition(":")
        if colon and name.strip():
            headers.append(Header(name.strip(), rest.strip()))
        else:
            notes.append(f"The CURLOPT_HTTPHEADER entry '{as_text(line)[:60]}' is not a header: not imported.")
    return headers


def _body(fields: Value | None, headers: list[Header], notes: list[str]) -> str:
    if fields is None:
        return ""
    if size_of(fields) > MAX_IMPORT_CHARS:
        notes.append("CURLOPT_POSTFIELDS would be larger than the import limit: the body was left out.")
        return ""
    if isinstance(fields, list):
        notes.append("CURLOPT_POSTFIELDS was given a PHP array, so PHP sends multipart/form-data: "
                     "the body was built as multipart.")
        declared = header_value(headers, "Content-Type")
        if declared is None:
            headers.append(Header("Content-Type", MULTIPART))
        elif not declared.lower().startswith("multipart/"):
            notes.append(f"The code also sets Content-Type: {declared}, which replaces multipart/form-data: "
                         "kept as written, so the server is told the multipart body is something else.")
        return multipart([(key or str(index), as_text(value)) for index, (key, value) in enumerate(fields)])
    if header_value(headers, "Content-Type") is None and fields:
        headers.append(Header("Content-Type", "application/x-www-form-urlencoded"))
        notes.append("curl sends a string CURLOPT_POSTFIELDS as application/x-www-form-urlencoded when no "
                     "Content-Type is set: that header was added.")
    return fields


def _method(options: dict[str, Value], body: str) -> str:
    custom = options.get("CURLOPT_CUSTOMREQUEST")
    if custom is not None and as_text(custom).strip():
        return as_text(custom).strip().upper()
    if _truthy(options.get("CURLOPT_NOBODY")):
        return "HEAD"
    if _truthy(options.get("CURLOPT_PUT")):
        return "PUT"
    if _truthy(options.get("CURLOPT_POST")) or "CURLOPT_POSTFIELDS" in options:
        return "POST"
    return "GET"


def _url(handle: _Handle, notes: list[str]) -> str:
    url = as_text(handle.options.get("CURLOPT_URL", ""))
    if handle.init_url is not None and not handle.init_url.strip():
        where = "the URL comes from CURLOPT_URL" if url.strip() else "and CURLOPT_URL is not set: fill the URL in"
        notes.append(f"curl_init was given an empty URL; {where}.")
    return url.strip() or (handle.init_url or "").strip()


def _request(handle: _Handle, scope: Scope) -> ImportedRequest:
    options, notes = handle.options, list[str]()
    url = _url(handle, notes)
    headers = _headers(options.get("CURLOPT_HTTPHEADER"), notes)
    body = _body(options.get("CURLOPT_POSTFIELDS"), headers, notes)
    auth = from_user_string(as_text(options["CURLOPT_USERPWD"]), notes, "CURLOPT_USERPWD") \
        if "CURLOPT_USERPWD" in options else None
    headers, final_auth = take_auth_header(headers, auth or RequestModel().auth, notes)
    final_auth = split_joined_password(final_auth, url, notes)
    kind = BodyKind.FORM if isinstance(options.get("CURLOPT_POSTFIELDS"), list) \
        else body_kind(header_value(headers, "Content-Type"), body)
    request = RequestModel(method=_method(options, body), url=url, headers=tuple(headers), body=body,
                           body_kind=kind, auth=final_auth)
    request = _options(request, options, notes)
    for name in scope.unknown:
        if name.endswith("()"):
            notes.append(f"{name} is computed when the PHP runs: its result became {{{{{name[:-2]}}}}}.")
        else:
            notes.append(f"${name} is computed elsewhere: became {{{{{name}}}}}.")
    return ImportedRequest(request, tuple(notes), name=f"{request.method} {url.rstrip('/').rsplit('/', 1)[-1]}"[:80])


def _options(request: RequestModel, options: dict[str, Value], notes: list[str]) -> RequestModel:
    changes: dict[str, object] = {}
    verify = options.get("CURLOPT_SSL_VERIFYPEER")
    if verify is not None and not _truthy(verify):
        changes["verify_tls"] = False
        notes.append("CURLOPT_SSL_VERIFYPEER is off: imported with TLS checks off (turn them back on).")
    if _truthy(options.get("CURLOPT_FOLLOWLOCATION")):
        changes["follow_redirects"] = True
    timeout = as_text(options.get("CURLOPT_TIMEOUT", ""))
    if re.fullmatch(r"[0-9]{1,6}", timeout) and int(timeout) > 0:
        changes["timeout_s"] = float(timeout)
    agent = options.get("CURLOPT_USERAGENT")
    if agent is not None:
        changes["headers"] = request.headers + (Header("User-Agent", as_text(agent)),)
    handled = {"CURLOPT_URL", "CURLOPT_HTTPHEADER", "CURLOPT_POSTFIELDS", "CURLOPT_USERPWD", "CURLOPT_POST",
               "CURLOPT_CUSTOMREQUEST", "CURLOPT_NOBODY", "CURLOPT_PUT", "CURLOPT_SSL_VERIFYPEER",
               "CURLOPT_FOLLOWLOCATION", "CURLOPT_TIMEOUT", "CURLOPT_USERAGENT"}
    for option in options:
        if option not in handled and option not in _IGNORED:
            notes.append(f"{option[:60]} is not imported.")
    return request.with_changes(**changes) if changes else request
