"""curl command lines (bash, Windows cmd, PowerShell) -> requests; several commands, several requests."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from urllib.parse import quote, quote_plus

from ctct_desktop.core.models import Auth, AuthKind, BodyKind, Header, RequestModel
from ctct_desktop.importers import shell_words
from ctct_desktop.importers.bodies import MULTIPART, body_kind, header_value, multipart
from ctct_desktop.importers.credentials import basic_auth, from_user_string, split_joined_password, take_auth_header
from ctct_desktop.importers.model import MAX_REQUESTS, ImportedRequest, ImportResult, failed, too_large

FORMAT = "curl"
_PROGRAM = re.compile(r"(?:.*[\\/])?curl(?:\.exe)?", re.IGNORECASE)
_FLAGS = {"-s", "--silent", "-S", "--show-error", "-v", "--verbose", "-i", "--include", "-f", "--fail",
          "-#", "--progress-bar", "-N", "--no-buffer", "-g", "--globoff", "-4", "-6", "--http1.1", "--http2",
          "--http1.0", "-0", "--fail-with-body", "--no-progress-meter", "-n", "--netrc", "--tr-encoding",
          "--compressed", "--raw", "-j", "--junk-session-cookies", "--ssl-reqd", "--location-trusted"}
_TAKES_VALUE_IGNORED = {"-o", "--output", "-w", "--write-out", "--connect-timeout", "--retry", "--retry-delay",
                        "--retry-max-time", "-D", "--dump-header", "--limit-rate", "-r", "--range", "-C",
                        "--continue-at", "--trace", "--trace-ascii", "--stderr", "-Y", "--speed-limit", "-y",
                        "--speed-time", "--max-filesize", "--max-redirs", "-c", "--cookie-jar", "--interface"}
_TAKES_VALUE_NOTED = {"-x", "--proxy", "--cacert", "--capath", "-E", "--cert", "--key", "--resolve",
                      "-T", "--upload-file", "--connect-to", "-U", "--proxy-user", "--unix-socket", "-K", "--config"}
_WITH_VALUE = {"-X", "--request", "-H", "--header", "-d", "--data", "--data-ascii", "--data-raw", "--data-binary",
               "--data-urlencode", "-F", "--form", "--form-string", "-u", "--user", "--url", "-b", "--cookie",
               "-A", "--user-agent", "-e", "--referer", "-m", "--max-time", "--oauth2-bearer", "--json"}
_SHORT_WITH_VALUE = {o for o in _WITH_VALUE | _TAKES_VALUE_IGNORED | _TAKES_VALUE_NOTED
                     if len(o) == 2 and o[1] != "-"}


@dataclass
class _Command:
    """What one curl command says, collected option by option."""

    method: str = ""
    urls: list[str] = field(default_factory=list)
    headers: list[Header] = field(default_factory=list)
    data: list[str] = field(default_factory=list)
    form: list[tuple[str, str]] = field(default_factory=list)
    files: list[tuple[str, str]] = field(default_factory=list)
    auth: Auth = field(default_factory=Auth)
    get: bool = False
    head: bool = False
    insecure: bool = False
    follow: bool = False
    timeout: float | None = None
    json: bool = False
    notes: list[str] = field(default_factory=list)


def import_curl(text: str) -> ImportResult:
    """Every curl command in ``text``; a paste without one is an error, never an exception."""
    refused = too_large(text)
    if refused:
        return failed(FORMAT, refused)
    words = shell_words.split(text.lstrip("\ufeff"))
    found = shell_words.commands(words.words, _PROGRAM)
    if not found:
        return failed(FORMAT, "No curl command was found in the text.")
    requests = []
    for args in found[:MAX_REQUESTS]:
        imported = _one(args, words.variables)
        if imported is not None:
            requests.append(imported)
    notes = (f"Only the first {MAX_REQUESTS} commands were imported.",) if len(found) > MAX_REQUESTS else ()
    if not requests:
        return failed(FORMAT, "The curl command has no URL.")
    return ImportResult(FORMAT, tuple(requests), notes)


def _options(args: list[str]) -> list[tuple[str, str | None]]:
    """(option, value) pairs, with ``-XPOST`` and ``-sSL`` unbundled; positionals as ("", word)."""
    pairs: list[tuple[str, str | None]] = []
    index = 0
    while index < len(args):
        word = args[index]
        index += 1
        if word.startswith("--") and len(word) > 2:
            if word in _WITH_VALUE or word in _TAKES_VALUE_IGNORED or word in _TAKES_VALUE_NOTED:
                pairs.append((word, args[index] if index < len(args) else ""))
                index += 1
            else:
                pairs.append((word, None))
        elif word.startswith("-") and len(word) > 1:
            for position in range(1, len(word)):
                option = "-" + word[position]
                if option in _SHORT_WITH_VALUE:
                    rest = word[position + 1:]
                    if not rest:
                        rest = args[index] if index < len(args) else ""
                        index += 1
                    pairs.append((option, rest))
                    break
                pairs.append((option, None))
        else:
            pairs.append(("", word))
    return pairs


def _data(option: str, value: str, cmd: _Command) -> None:
    if option == "--data-urlencode":
        name, eq, content = value.partition("=")
        if eq and not name:
            cmd.data.append(quote_plus(content))
        elif eq:
            cmd.data.append(f"{name}={quote_plus(content)}")
        elif "@" in value:
            cmd.notes.append(f"--data-urlencode reads '{value.partition('@')[2]}' from a file: not imported.")
        else:
            cmd.data.append(quote_plus(value))
        return
    if value.startswith("@") and option not in ("--data-raw",):
        cmd.notes.append(f"{option} reads the body from the file '{value[1:]}': its contents are not imported.")
        return
    cmd.data.append(value)


def _form(value: str, string: bool, cmd: _Command) -> None:
    name, _, content = value.partition("=")
    if not string and content.startswith(("@", "<")):
        filename = content[1:].split(";")[0]
        cmd.files.append((name, filename))
        cmd.notes.append(f"The form field '{name}' uploads the file '{filename}': its contents are not imported.")
        return
    cmd.form.append((name, content))


def _header(value: str, cmd: _Command) -> None:
    if value.startswith("@"):
        cmd.notes.append(f"-H reads headers from the file '{value[1:]}': not imported.")
        return
    name, colon, rest = value.partition(":")
    if colon and name.strip().lower() == "cookie":
        cmd.notes.append("The Cookie header was not imported (cookies are a browser session's, not the API's).")
    elif colon:
        if rest.strip() or not name.strip():
            cmd.headers.append(Header(name.strip(), rest.strip()))
        else:
            cmd.notes.append(f"-H '{name.strip()}:' removes a header curl adds itself: nothing to import.")
    elif value.endswith(";"):
        cmd.headers.append(Header(value[:-1].strip(), ""))
    else:
        cmd.notes.append(f"-H '{value[:60]}' is not a header (no ':'): not imported.")


def _apply(option: str, value: str | None, cmd: _Command) -> None:
    v = value or ""
    if option == "":
        cmd.urls.append(v)
    elif option in ("-X", "--request"):
        cmd.method = v.upper()
    elif option in ("-H", "--header"):
        _header(v, cmd)
    elif option in ("-d", "--data", "--data-ascii", "--data-raw", "--data-binary", "--data-urlencode"):
        _data(option, v, cmd)
    elif option == "--json":
        cmd.json = True
        _data("--data-binary", v, cmd)
    elif option in ("-F", "--form", "--form-string"):
        _form(v, option == "--form-string", cmd)
    elif option in ("-u", "--user"):
        if ":" in v:
            cmd.auth = from_user_string(v, cmd.notes, "-u")
        else:
            cmd.auth = basic_auth(v, "")
            cmd.notes.append("-u has no password (curl would ask for it): the password field is empty.")
    elif option == "--oauth2-bearer":
        cmd.auth = Auth(AuthKind.BEARER, token=v)
    elif option == "--url":
        cmd.urls.append(v)
    elif option in ("-b", "--cookie"):
        cmd.notes.append("-b cookie not imported (cookies are a browser session's, not the API's).")
    elif option in ("-A", "--user-agent"):
        cmd.headers.append(Header("User-Agent", v))
    elif option in ("-e", "--referer"):
        cmd.headers.append(Header("Referer", v))
    elif option in ("-m", "--max-time"):
        _timeout(v, cmd)
    else:
        _flag(option, value, cmd)


def _timeout(value: str, cmd: _Command) -> None:
    if re.fullmatch(r"[0-9]{1,6}(?:\.[0-9]{1,3})?", value):
        cmd.timeout = max(1.0, float(value))
    else:
        cmd.notes.append(f"--max-time '{value[:20]}' is not a number of seconds: the default timeout is kept.")


def _flag(option: str, value: str | None, cmd: _Command) -> None:
    if option in ("-G", "--get"):
        cmd.get = True
    elif option in ("-I", "--head"):
        cmd.head = True
    elif option in ("-k", "--insecure"):
        cmd.insecure = True
        cmd.notes.append("-k turns TLS certificate checks off: imported as such (see the request's options).")
    elif option in ("-L", "--location"):
        cmd.follow = True
    elif option in _FLAGS or option in _TAKES_VALUE_IGNORED:
        return
    elif option in _TAKES_VALUE_NOTED:
        cmd.notes.append(f"{option} is not imported (the app has its own setting for it, or none).")
    else:
        cmd.notes.append(f"{option} is not a curl option the importer knows: ignored.")


def _one(args: list[str], variables: list[str]) -> ImportedRequest | None:
    cmd = _Command()
    for option, value in _options(args):
        _apply(option, value, cmd)
    if not cmd.urls:
        return None
    url = cmd.urls[0]
    if len(cmd.urls) > 1:
        cmd.notes.append(f"The command names {len(cmd.urls)} URLs; only the first was imported.")
    if url and "://" not in url:
        url = "http://" + url
        cmd.notes.append("The URL had no scheme; curl assumes http://, and so does the import.")
    request = _request(cmd, url)
    for name in variables:
        if "{{" + name + "}}" in _everything(request):
            cmd.notes.append(f"${name} is set elsewhere (a shell variable): became {{{{{name}}}}}.")
    return ImportedRequest(request, tuple(cmd.notes), name=_name(request))


def _everything(request: RequestModel) -> str:
    parts = [request.url, request.body, request.auth.username, request.auth.password, request.auth.api_key,
             request.auth.token]
    parts += [h.name + h.value for h in request.headers]
    return "\n".join(parts)


def _body(cmd: _Command, headers: list[Header]) -> str:
    if cmd.form:
        if header_value(headers, "Content-Type") is None:
            headers.append(Header("Content-Type", MULTIPART))
        return multipart(cmd.form, cmd.files)
    if cmd.files:
        return multipart([], cmd.files)
    body = "&".join(cmd.data)
    if body and header_value(headers, "Content-Type") is None:
        if cmd.json:
            headers.append(Header("Content-Type", "application/json"))
        elif body_kind(None, body).value != "form":
            headers.append(Header("Content-Type", "application/x-www-form-urlencoded"))
            cmd.notes.append("curl sends -d data as application/x-www-form-urlencoded when no Content-Type is "
                             "given: that header was added so the request is sent as curl sent it.")
    return body


def _request(cmd: _Command, url: str) -> RequestModel:
    headers = list(cmd.headers)
    if cmd.get and cmd.data:
        joined = "&".join(cmd.data)
        url = url + ("&" if "?" in url else "?") + joined
        body = ""
    else:
        body = _body(cmd, headers)
    method = cmd.method or ("HEAD" if cmd.head else "GET" if cmd.get else "POST" if body or cmd.form else "GET")
    headers, auth = take_auth_header(headers, cmd.auth, cmd.notes)
    auth = split_joined_password(auth, url, cmd.notes)
    # The kind the user's own Content-Type (not the one curl implies) and the text say: an XML body
    # sent as curl's default form type is still XML to read and lint.
    declared = header_value(cmd.headers, "Content-Type") or ("application/json" if cmd.json else None)
    kind = BodyKind.FORM if cmd.form or cmd.files else body_kind(declared, body)
    request = RequestModel(method=method, url=_quote_spaces(url), headers=tuple(headers), body=body, body_kind=kind,
                           auth=auth, verify_tls=not cmd.insecure, follow_redirects=cmd.follow)
    return request.with_changes(timeout_s=cmd.timeout) if cmd.timeout else request


def _quote_spaces(url: str) -> str:
    return quote(url, safe="".join(chr(c) for c in range(33, 127))) if " " in url else url


def _name(request: RequestModel) -> str:
    path = request.url.split("?", 1)[0].rstrip("/").rsplit("/", 1)[-1] or "request"
    return f"{request.method} {path}"[:80]
