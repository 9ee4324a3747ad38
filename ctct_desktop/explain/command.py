"""`ctct-desktop explain`: explain a status (or a transport error) from the command line.

Top level stays cheap (argparse only); the knowledge base and the engine load inside run().
"""

from __future__ import annotations

import argparse
import os
import sys
from typing import Any

NAME = "explain"
HELP = "Explain an error response or a transport failure, with the fix."
EXIT_MATCH, EXIT_NO_MATCH, EXIT_USAGE = 0, 1, 2


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--status", type=int, help="HTTP status of the response (100-599)")
    parser.add_argument("--error", metavar="TEXT", help="transport error text when no response arrived")
    parser.add_argument("--method", help="request method (default GET, or POST with --request-body)")
    parser.add_argument("--url", default="", help="request URL")
    parser.add_argument("--body", metavar="RESPONSE_FILE", help="response body file ('-' reads stdin)")
    parser.add_argument("--request-body", metavar="FILE", help="request body file ('-' reads stdin)")
    parser.add_argument("-H", "--header", action="append", default=[], metavar="'Name: value'",
                        help="request header (repeatable)")
    parser.add_argument("-R", "--response-header", action="append", default=[], metavar="'Name: value'",
                        help="response header (repeatable), e.g. WWW-Authenticate")
    parser.add_argument("--format", choices=("text", "json"), default="text", help="output format")
    parser.add_argument("--all", action="store_true", help="text format: show every match in full")


MAX_BODY_BYTES = 256 * 1024 * 1024  # as for `lint`: a body file larger than this is refused


class UsageError(Exception):
    """Bad arguments; the message is printed and the exit status is 2."""


def _read(path: str, what: str) -> bytes:
    """The bytes of a body file (or standard input), refused past MAX_BODY_BYTES: a file's
    size is asked first, a pipe is read one byte past the limit and no further."""
    limit, name = MAX_BODY_BYTES, "standard input" if path == "-" else path
    try:
        if path == "-":
            data = sys.stdin.buffer.read(limit + 1)
        else:
            with open(path, "rb") as handle:
                size = os.fstat(handle.fileno()).st_size
                data = handle.read(limit + 1) if size <= limit else b""
                if size > limit:
                    raise UsageError(f"{name} is larger than {_shown(limit)}; not a {what}")
    except IsADirectoryError:
        raise UsageError(f"{path} is a directory, not a {what} file") from None
    except OSError as exc:
        raise UsageError(f"cannot read {path}: {exc.strerror or exc}") from None
    if len(data) > limit:
        raise UsageError(f"{name} is larger than {_shown(limit)}; not a {what}")
    return data


def _shown(limit: int) -> str:
    mib, rest = divmod(limit, 1024 * 1024)
    return f"{mib} MiB" if mib and not rest else f"{limit:,} bytes"


def _headers(items: list[str]) -> list[tuple[str, str]]:
    out = []
    for item in items:
        name, sep, value = item.partition(":")
        if not sep or not name.strip() or any(c.isspace() for c in name.strip()):
            raise UsageError(f"header {item!r} must look like 'Name: value'")
        out.append((name.strip(), value.strip()))
    return out


def build_exchange(args: argparse.Namespace) -> Any:
    """The Exchange the arguments describe. Raises UsageError."""
    from ctct_desktop.core.models import BodyKind, Exchange, Header, RequestModel, ResponseRecord
    from ctct_desktop.explain.decoding import decode_body
    from ctct_desktop.explain.failure_text import failure_from_text

    if args.status is None and not args.error:
        raise UsageError("give --status N (a response) or --error TEXT (no response)")
    if args.status is not None and args.error:
        raise UsageError("--status and --error exclude each other")
    if args.status is not None and not 100 <= args.status <= 599:
        raise UsageError(f"--status {args.status} is not an HTTP status (100-599)")
    if args.body == "-" and args.request_body == "-":
        raise UsageError("only one of --body and --request-body can read stdin")
    request_headers = _headers(args.header)
    request_type = next((v for n, v in request_headers if n.lower() == "content-type"), "")
    body = decode_body(_read(args.request_body, "request body"), request_type) if args.request_body else ""
    stripped = body.lstrip("\ufeff \t\r\n")
    kind = (BodyKind.NONE if not stripped else BodyKind.XML if stripped.startswith("<")
            else BodyKind.JSON if stripped[:1] in "[{" else BodyKind.FORM if "=" in stripped.split("\n")[0]
            else BodyKind.TEXT)
    method = (args.method or ("POST" if body else "GET")).strip().upper()
    request = RequestModel(method=method, url=args.url.strip(), body=body, body_kind=kind,
                           headers=tuple(Header(n, v) for n, v in request_headers))
    if args.error:
        return Exchange(request, failure=failure_from_text(args.error), sent_url=request.url)
    response_body = _read(args.body, "response body") if args.body else b""
    response = ResponseRecord(status=args.status, reason="", http_version="HTTP/1.1",
                              headers=tuple(_headers(args.response_header)), body=response_body,
                              url=request.url, elapsed_ms=0.0)
    return Exchange(request, response=response, sent_url=request.url)


def _as_json(explanations: list[Any]) -> str:
    import json

    return json.dumps([{
        "id": e.article_id, "title": e.title, "cause": e.cause, "detail": e.detail, "fix": list(e.fix), "score": e.score,
        "actions": [a.name for a in e.actions], "evidence": list(e.evidence),
        "related_rules": list(e.related_rules), "related": list(e.related), "references": list(e.references),
    } for e in explanations], indent=2, ensure_ascii=False)


def card_text(e: Any) -> str:
    """One explanation as the card reads: title, cause, numbered fix, actions, evidence."""
    import textwrap

    def wrap(text: str, first: str = "  ") -> str:
        return textwrap.fill(text, 96, initial_indent=first, subsequent_indent=" " * len(first))

    lines = [e.title, "=" * min(len(e.title), 96), "", "What happened:", wrap(e.cause)]
    if e.detail:  # the exception chain, on its own line: inline it broke the sentences around it
        lines += ["", "Underlying error:", wrap(e.detail)]
    lines += ["", "How to fix:"]
    lines += [wrap(step, f"  {i}. ") for i, step in enumerate(e.fix, 1)]
    if e.actions:
        lines += ["", "Actions: " + "; ".join(f"{a.label} [{a.name}]" for a in e.actions)]
    lines += ["", "Why this article: " + "; ".join(e.evidence), f"Article: kb:{e.article_id} (score {e.score:g})"]
    if e.related_rules:
        lines.append("Lint rules: " + ", ".join(e.related_rules))
    if e.references:
        lines += ["References:"] + [f"  - {r}" for r in e.references]
    return "\n".join(lines)


def _as_text(explanations: list[Any], show_all: bool) -> str:
    if not explanations:
        return "No article matches this exchange."
    full = explanations if show_all else explanations[:1]
    parts = [card_text(e) for e in full]
    rest = explanations[len(full):]
    if rest:
        parts.append("Other possible explanations:\n" + "\n".join(
            f"  - {e.title} (kb:{e.article_id}, score {e.score:g})" for e in rest))
    return "\n\n".join(parts)


def run(args: argparse.Namespace) -> int:
    try:
        exchange = build_exchange(args)
    except UsageError as exc:
        print(f"ctct-desktop explain: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    from ctct_desktop.explain import explain, load_kb

    for problem in load_kb().problems:
        print(f"warning: knowledge base: {problem.path}: {problem.reason}", file=sys.stderr)
    explanations = explain(exchange)
    print(_as_json(explanations) if args.format == "json" else _as_text(explanations, args.all))
    return EXIT_MATCH if explanations else EXIT_NO_MATCH
