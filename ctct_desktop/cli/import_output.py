"""The import command's pieces: linting each imported request, printing, and writing request
files into a collection. Nothing printed or written holds a secret: auth secrets are left out
of the output, and a request file refers to them as ``{{variables}}``."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

from ctct_desktop.cli.errors import UsageError
from ctct_desktop.core.models import Auth, RequestModel
from ctct_desktop.core.redaction import reference_secret_header, reference_secret_params
from ctct_desktop.importers import FORMATS, ImportedRequest, ImportResult
from ctct_desktop.lint import lint_request
from ctct_desktop.lint.model import Diagnostic
from ctct_desktop.importers.postman import ENVIRONMENT
from ctct_desktop.store.collection import COLLECTION_FILE, create_collection
from ctct_desktop.store.collection_ops import CollectionError, check_name, free_request_name, new_request
from ctct_desktop.store.environment import (
    EnvironmentFileError, Environment, EnvVariable, environment_path, save_environment, secret_reference,
)
from ctct_desktop.store.request_file import SECRET_AUTH_FIELDS, writable_secret

Linted = list[tuple[ImportedRequest, list[Diagnostic]]]


def lint_all(result: ImportResult) -> Linted:
    """Each request with the diagnostics the pipeline's linter gives it (variables unresolved)."""
    return [(imported, lint_request(imported.request)) for imported in result.requests]


def _auth_json(auth: Auth) -> dict[str, str]:
    shown = {"kind": auth.kind.value}
    if auth.username:
        shown["username"] = auth.username
    if auth.account:
        shown["account"] = auth.account
    for name in SECRET_AUTH_FIELDS:  # only a {{reference}} is not a secret
        if writable_secret(getattr(auth, name)):
            shown[name] = getattr(auth, name)
    return shown


def _request_json(imported: ImportedRequest, diagnostics: list[Diagnostic]) -> dict[str, object]:
    request = imported.request
    shown: dict[str, object] = {
        "name": imported.name, "folder": list(imported.folder), "method": request.method,
        "url": reference_secret_params(request.url),
        "headers": [{"name": h.name, "value": reference_secret_header(h.name, h.value), "enabled": h.enabled}
                    for h in request.headers],
        "body_kind": request.body_kind.value, "body": request.body, "auth": _auth_json(request.auth),
        "verify_tls": request.verify_tls, "notes": list(imported.notes),
        "diagnostics": [d.to_json() for d in diagnostics],
    }
    if imported.response is not None:
        shown["response"] = {"status": imported.response.status, "reason": imported.response.reason}
    return shown


def render_json(result: ImportResult, linted: Linted) -> str:
    return json.dumps([_request_json(imported, found) for imported, found in linted], indent=2, ensure_ascii=False)


def _variable_lines(result: ImportResult) -> list[str]:
    secret = set(result.secret_variables)
    return [f"   {name} = (secret: set it in the environment editor or an account)" if name in secret
            else f"   {name} = {value}" for name, value in result.variables]


def render_text(result: ImportResult, linted: Linted, written: list[str]) -> str:
    count = len(result.requests)
    what = FORMATS.get(result.format, result.format) + (f" '{result.name}'" if result.name else "")
    lines = [f"{what}: {count} request{'s' if count != 1 else ''}, {len(result.variables)} "
             f"variable{'s' if len(result.variables) != 1 else ''}"]
    lines += [f"note: {note}" for note in result.notes]
    if result.variables:
        lines += ["variables:", *_variable_lines(result)]
    for index, (imported, found) in enumerate(linted, 1):
        where = " / ".join(imported.folder + (imported.name,)) if imported.name else ""
        request = imported.request
        lines.append(f"\n{index}. {request.method} {reference_secret_params(request.url)}"
                     + (f"  ({where})" if where else ""))
        if imported.response is not None:
            lines.append(f"   recorded response: {imported.response.status} {imported.response.reason}".rstrip())
        lines += [f"   note: {note}" for note in imported.notes]
        lines += [f"   {d.code} {d.severity.value} {d.where.value}"
                  + (f":{d.line}:{d.column}" if d.line else "") + f": {d.message}" for d in found]
    if written:
        lines.append("")
        lines += [f"wrote {path}" for path in written]
    return "\n".join(lines)


def _referenced(request: RequestModel) -> tuple[RequestModel, list[str]]:
    """Literal auth secrets replaced by ``{{name}}`` references, so the file keeps a working shape."""
    auth = request.auth
    named = [f for f in SECRET_AUTH_FIELDS if getattr(auth, f) and not writable_secret(getattr(auth, f))]
    references = {f: "{{" + f + "}}" for f in named}
    auth = Auth(auth.kind, auth.username, references.get("password", auth.password),
                references.get("api_key", auth.api_key), references.get("token", auth.token), auth.account)
    return replace(request, auth=auth), named


def _folder(root: Path, path: tuple[str, ...]) -> Path:
    folder = root
    for name in path:
        try:
            folder = folder / check_name(name)
        except CollectionError:
            folder = folder / "imported"
        folder.mkdir(parents=True, exist_ok=True)
    return folder


def _write_environment(root: Path, result: ImportResult) -> str:
    """An environment becomes the collection's environment file; its secret variables are keyring
    references without a value (the user sets them in the environment editor)."""
    name = _file_name(result.name or "imported")
    secret = set(result.secret_variables)
    rows = tuple(EnvVariable(n, None, secret_reference(name, n)) if n in secret else EnvVariable(n, v)
                 for n, v in result.variables)
    path = environment_path(root, name)
    if path.exists():
        raise UsageError(f"{path}: an environment of that name exists already")
    path.parent.mkdir(parents=True, exist_ok=True)
    return str(save_environment(path, Environment(name, rows)).path)


def write_into(target: str, result: ImportResult) -> list[str]:
    """Write every request as a request file (in its folders), and an environment as an
    environment file; returns what was written."""
    root = Path(target)
    if root.exists() and not root.is_dir():
        raise UsageError(f"{target}: is not a folder")
    try:
        if not (root / COLLECTION_FILE).is_file():
            root.mkdir(parents=True, exist_ok=True)
            variables = {} if result.format == ENVIRONMENT else dict(result.variables)
            create_collection(root, root.name if result.format == ENVIRONMENT else result.name or root.name,
                              variables)
        if result.format == ENVIRONMENT:
            return [_write_environment(root, result)]
        written = []
        for imported in result.requests:
            folder = _folder(root, imported.folder)
            request, named = _referenced(imported.request)
            name = free_request_name(folder, _file_name(imported.name))
            description = "Imported. " + " ".join(imported.notes) if imported.notes else "Imported."
            if named:
                description += (" The secrets were not written: the file refers to {{" + "}}, {{".join(named)
                                + "}}; set them in an environment or use an account.")
            written.append(str(new_request(folder, name, request, description)))
        return written
    except (CollectionError, EnvironmentFileError, OSError) as exc:
        raise UsageError(f"{target}: cannot write the requests ({exc})") from None


def _file_name(name: str) -> str:
    cleaned = "".join(" " if ch in '/\\:*?"<>|' or ord(ch) < 32 else ch for ch in name).strip().strip(".")
    try:
        return check_name(cleaned[:80] or "request")
    except CollectionError:
        return "request"
