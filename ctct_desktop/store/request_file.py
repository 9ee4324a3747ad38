"""One saved request = one plain-text ``NAME.ctct.toml`` file (format: store/saved-work-format.md).

Written with a fixed key order and no volatile data, so a git diff shows only what the user
changed; the body is a multi-line string so an XML body diffs line by line. Secrets are never
written: an auth secret field is kept only when it is exactly one ``{{variable}}`` reference.
Format 2 adds what a run checks and keeps: ``assertions``, ``captures`` and ``repeat``, one line
each in their readable form (core/checks), written back exactly as they were read.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, replace
from enum import Enum
from pathlib import Path
from typing import Any

from ctct_desktop.core.checks import CheckLines, LineProblem, RequestChecks, parse_checks
from ctct_desktop.core.migrations import migrate_document
from ctct_desktop.core.models import Auth, AuthKind, BodyKind, Header, RequestModel
from ctct_desktop.core.redaction import reference_secret_header, reference_secret_params
from ctct_desktop.core.variables import is_single_placeholder
from ctct_desktop.store import toml_text as t
from ctct_desktop.core.atomic import write_atomic

REQUEST_SUFFIX = ".ctct.toml"
CURRENT_REQUEST_FORMAT = 2
REQUEST_STEPS = "ctct_desktop.store.migrations.request"
SECRET_AUTH_FIELDS: tuple[str, ...] = ("password", "api_key", "token")
MAX_FILE_BYTES = 16 * 1024 * 1024


class RequestFileError(ValueError):
    """A request file that cannot be read; ``reason`` is plain words for the user."""

    def __init__(self, path: Path | None, reason: str) -> None:
        super().__init__(f"{path}: {reason}" if path else reason)
        self.path = path
        self.reason = reason


@dataclass(frozen=True)
class SavedRequest:
    name: str
    description: str
    request: RequestModel
    path: Path | None = None
    notes: tuple[str, ...] = ()  # things the reader dropped or changed (a literal secret, a migration)
    # The assertion, capture and repeat lines as written. None: not known to the writer (a front
    # end that does not edit them), so saving keeps the lines the file on disk already has.
    check_lines: CheckLines | None = None
    checks: RequestChecks = RequestChecks()  # the lines that parsed, for a run
    check_problems: tuple[str, ...] = ()  # "line 12: assertion 'status = 201': use == … (column 8)"


def request_name_from_path(path: Path) -> str:
    name = path.name
    return name[: -len(REQUEST_SUFFIX)] if name.endswith(REQUEST_SUFFIX) else path.stem


def is_request_file(path: Path) -> bool:
    return path.name.endswith(REQUEST_SUFFIX) and not path.name.startswith(".")


def writable_secret(value: str) -> bool:
    """A secret auth field may be written only as a single ``{{variable}}`` reference."""
    return bool(value) and is_single_placeholder(value)


def strip_secrets(auth: Auth) -> Auth:
    """The auth as it may be written: literal secrets emptied, variable references kept."""
    changes: dict[str, Any] = {f: "" for f in SECRET_AUTH_FIELDS if not writable_secret(getattr(auth, f))}
    return replace(auth, **changes)


# ---------------------------------------------------------------- writing

def _auth_lines(auth: Auth) -> list[str]:
    safe = strip_secrets(auth)
    if safe == Auth():
        return []
    lines = ["", "[auth]", t.line("kind", t.basic_string(safe.kind.value))]
    for name in ("username", "account", *SECRET_AUTH_FIELDS):
        value = getattr(safe, name)
        if value:
            lines.append(t.line(name, t.text_value(value)))
    return lines


def _header_lines(headers: tuple[Header, ...]) -> list[str]:
    lines: list[str] = []
    for h in headers:
        lines += ["", "[[headers]]", t.line("name", t.text_value(h.name)),
                  t.line("value", t.text_value(reference_secret_header(h.name, h.value))),
                  t.line("enabled", t.boolean(h.enabled))]
    return lines


def _savable_body(request: RequestModel) -> str:
    """Form bodies (an OAuth token request) may carry secret parameters; keep references only."""
    return reference_secret_params(request.body) if request.body_kind is BodyKind.FORM else request.body


def _one_line(text: str) -> str:
    """A check line as it reads best: a literal string unless it holds a ' or a control character."""
    if text and "'" not in text and text.isprintable():
        return "'" + text + "'"
    return t.basic_string(text)


def _check_lines(lines: CheckLines | None) -> list[str]:
    if lines is None or lines.empty:
        return []
    out: list[str] = []
    for key, items in (("assertions", lines.assertions), ("captures", lines.captures)):
        if items:
            out += [f"{key} = ["] + [f"  {_one_line(item)}," for item in items] + ["]"]
    if lines.repeat:
        out.append(t.line("repeat", _one_line(lines.repeat)))
    return out


def dump_request(saved: SavedRequest) -> str:
    """The file text: same request in, same bytes out (no timestamps, no ids of the moment)."""
    r = saved.request
    lines = [
        t.line("format", t.number(CURRENT_REQUEST_FORMAT)),
        t.line("name", t.text_value(saved.name)),
        t.line("description", t.text_value(saved.description, multiline=True)),
        t.line("method", t.text_value(r.method)),
        t.line("url", t.text_value(reference_secret_params(r.url))),
        t.line("timeout_s", t.number(float(r.timeout_s))),
        t.line("verify_tls", t.boolean(r.verify_tls)),
        t.line("follow_redirects", t.boolean(r.follow_redirects)),
        t.line("body_kind", t.basic_string(r.body_kind.value)),
        t.line("body", t.text_value(_savable_body(r), multiline=True)),
    ]
    lines += _check_lines(saved.check_lines)
    lines += _auth_lines(r.auth)
    lines += _header_lines(r.headers)
    return "\n".join(lines) + "\n"


def save_request(path: Path | str, saved: SavedRequest) -> SavedRequest:
    """Write atomically; returns the saved request with its path set."""
    target = Path(path)
    if saved.check_lines is None:
        saved = _with_checks_on_disk(target, saved)
    write_atomic(target, dump_request(saved))
    return replace(saved, path=target, request=replace(saved.request, auth=strip_secrets(saved.request.auth)))


def _with_checks_on_disk(target: Path, saved: SavedRequest) -> SavedRequest:
    """The check lines the file already holds, so a front end that does not edit them keeps them."""
    if not target.is_file():
        return saved
    try:
        on_disk = load_request(target)
    except RequestFileError:
        return saved
    return replace(saved, check_lines=on_disk.check_lines, checks=on_disk.checks,
                   check_problems=on_disk.check_problems)


# ---------------------------------------------------------------- reading

def _expect(data: dict[str, Any], name: str, kind: type | tuple[type, ...], default: Any) -> Any:
    value = data.get(name, default)
    if isinstance(value, bool) and kind in (int, float, (int, float)):
        raise ValueError(f"'{name}' must be a number, not true/false")
    if not isinstance(value, kind):
        raise ValueError(f"'{name}' must be {_kind_words(kind)}, not {type(value).__name__}")
    return value


def _kind_words(kind: type | tuple[type, ...]) -> str:
    words = {str: "text", bool: "true or false", int: "a number", float: "a number", list: "a list",
             dict: "a table"}
    if isinstance(kind, tuple):
        return " or ".join(sorted({words.get(k, k.__name__) for k in kind}))
    return words.get(kind, kind.__name__)


def _headers_from(data: dict[str, Any]) -> tuple[Header, ...]:
    rows = _expect(data, "headers", list, [])
    headers = []
    for index, row in enumerate(rows, start=1):
        if not isinstance(row, dict):
            raise ValueError(f"header {index} must be a table with name and value")
        headers.append(Header(_expect(row, "name", str, ""), _expect(row, "value", str, ""),
                              _expect(row, "enabled", bool, True)))
    return tuple(headers)


def _enum_value(enum: type[Enum], raw: str, what: str) -> Any:
    try:
        return enum(raw)
    except ValueError:
        allowed = ", ".join(m.value for m in enum)
        raise ValueError(f"'{what}' is '{raw}'; it must be one of {allowed}") from None


def _auth_from(data: dict[str, Any], notes: list[str]) -> Auth:
    table = _expect(data, "auth", dict, {})
    kind = _enum_value(AuthKind, _expect(table, "kind", str, "none"), "auth.kind")
    fields = {name: _expect(table, name, str, "") for name in ("username", "account", *SECRET_AUTH_FIELDS)}
    for name in SECRET_AUTH_FIELDS:
        if fields[name] and not writable_secret(fields[name]):
            fields[name] = ""
            notes.append(f"auth.{name} held a literal secret; it was ignored (use a {{{{variable}}}} "
                         "or a named account)")
    return Auth(kind=kind, **fields)


def _request_from(data: dict[str, Any], notes: list[str]) -> RequestModel:
    timeout = _expect(data, "timeout_s", (int, float), 30.0)
    if not timeout > 0:
        raise ValueError("'timeout_s' must be more than zero")
    return RequestModel(
        method=_expect(data, "method", str, "GET"),
        url=_expect(data, "url", str, ""),
        headers=_headers_from(data),
        body=_expect(data, "body", str, ""),
        body_kind=_enum_value(BodyKind, _expect(data, "body_kind", str, "none"), "body_kind"),
        auth=_auth_from(data, notes),
        timeout_s=float(timeout),
        verify_tls=_expect(data, "verify_tls", bool, True),
        follow_redirects=_expect(data, "follow_redirects", bool, False),
    )


def _text_list(data: dict[str, Any], name: str) -> tuple[str, ...]:
    items = _expect(data, name, list, [])
    bad = [i for i, item in enumerate(items, start=1) if not isinstance(item, str)]
    if bad:
        raise ValueError(f"'{name}' must be a list of text lines; item {bad[0]} is not text")
    return tuple(items)


def _check_lines_from(data: dict[str, Any]) -> CheckLines:
    return CheckLines(_text_list(data, "assertions"), _text_list(data, "captures"),
                      _expect(data, "repeat", str, ""))


def _line_of(text: str, wanted: str, key: str) -> int:
    """The file line holding ``wanted`` (the line number the user looks for), else the key's line."""
    lines = text.splitlines()
    for needle in (wanted, t.basic_string(wanted)[1:-1]):
        for number, line in enumerate(lines, start=1):
            if needle and needle in line:
                return number
    for number, line in enumerate(lines, start=1):
        if line.lstrip().startswith(key):
            return number
    return 0


def _problem_words(problem: LineProblem, text: str) -> str:
    key = {"assertion": "assertions", "capture": "captures"}.get(problem.kind, "repeat")
    number = _line_of(text, problem.text, key)
    where = f"line {number}: " if number else ""
    column = f" (column {problem.column})" if problem.column else ""
    return f"{where}{problem.kind} '{problem.text}': {problem.message}{column}"


def parse_request(text: str, path: Path | None = None) -> SavedRequest:
    """Parse file text; raises RequestFileError with a plain reason, never anything else."""
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise RequestFileError(path, f"not valid TOML: {exc}") from None
    try:
        migrated = migrate_document(data, REQUEST_STEPS, CURRENT_REQUEST_FORMAT, "request file")
        data, notes = migrated.document, list(migrated.notes)
        default_name = request_name_from_path(path) if path else ""
        name = _expect(data, "name", str, default_name) or default_name
        description = _expect(data, "description", str, "")
        request = _request_from(data, notes)
        lines = _check_lines_from(data)
    except ValueError as exc:  # a MigrationError is one too
        raise RequestFileError(path, str(exc)) from None
    checks, problems = parse_checks(lines)
    return SavedRequest(name, description, request, path, tuple(notes), lines, checks,
                        tuple(_problem_words(p, text) for p in problems))


def load_request(path: Path | str) -> SavedRequest:
    """Read one request file; raises RequestFileError (path + reason) when it is unusable."""
    source = Path(path)
    try:
        if source.stat().st_size > MAX_FILE_BYTES:
            raise RequestFileError(source, f"larger than {MAX_FILE_BYTES // (1024 * 1024)} MiB")
        raw = source.read_bytes()
    except OSError as exc:
        raise RequestFileError(source, exc.strerror or str(exc)) from None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise RequestFileError(source, f"not UTF-8 text (byte {exc.start})") from None
    return parse_request(text, source)
