"""``ctct-desktop sandbox``: run the local Constant Contact v1 sandbox until Ctrl+C.

The top level stays cheap (argparse only); the server is imported inside ``run``. No Qt.
"""

from __future__ import annotations

import argparse
import errno
import signal
import sys
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ctct_desktop.sandbox.server import SandboxServer

NAME = "sandbox"
HELP = "Run the local Constant Contact v1 sandbox (seeded demo account, OAuth, quirks) until Ctrl+C."


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--host", default="127.0.0.1",
                        help="address to listen on (default 127.0.0.1; others need --allow-remote)")
    parser.add_argument("--allow-remote", action="store_true",
                        help="allow a --host other computers can reach (the demo credentials are public)")
    parser.add_argument("--port", type=int, default=8089, help="port to listen on; 0 picks a free one (default 8089)")
    parser.add_argument("--data", type=Path, default=None,
                        help="folder for the sandbox state (default: the app's data folder)")
    parser.add_argument("--reset", action="store_true", help="discard the state and reseed the demo account")
    parser.add_argument("--quirk", action="append", default=[], metavar="NAME=VALUE",
                        help="reproduce an account's behaviour, e.g. --quirk scheduling_approved=true (repeatable)")
    parser.add_argument("--log", action="store_true", help="print one line per request")
    parser.add_argument("--idle-timeout", type=_positive_seconds, default=30.0, metavar="SECONDS",
                        help="close a connection that sends nothing for this long (default 30)")


def _positive_seconds(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{text}' is not a number of seconds") from None
    if not 0 < value <= 3600:
        raise argparse.ArgumentTypeError("the idle timeout must be more than 0 and at most 3600 seconds")
    return value


@dataclass(frozen=True)
class HostProblem:
    message: str
    fatal: bool


def host_problem(host: str, *, allow_remote: bool) -> HostProblem | None:
    """A non-loopback --host exposes an account with published credentials to the network:
    refused unless --allow-remote is given, and even then a warning."""
    from ctct_desktop.sandbox.admin_guard import is_loopback_name

    if is_loopback_name(host):
        return None
    if not allow_remote:
        return HostProblem(f"--host {host} would let other computers reach the sandbox, whose credentials are "
                           "public. Use 127.0.0.1, or add --allow-remote if you mean it.", fatal=True)
    return HostProblem(f"warning: listening on {host}: other computers can reach this sandbox and its "
                       "published demo credentials (the admin endpoints still answer only this machine).",
                       fatal=False)


def _banner(server: SandboxServer, data_dir: Path) -> str:
    from ctct_desktop.core import sandbox_demo as demo
    from ctct_desktop.sandbox.quirks import defaults

    base = server.base_url
    quirks = server.quirks.snapshot() if server.quirks is not None else defaults()

    changed = ", ".join(f"{k}={v}" for k, v in sorted(quirks.items()) if defaults()[k] != v) or "none (defaults)"
    return "\n".join([
        "CTCT Desktop sandbox: a local Constant Contact v1 API (sandbox-only credentials)",
        f"  Base URL:      {base}",
        f"  Account URL:   {server.account_url}",
        f"  Data folder:   {data_dir}",
        "Demo account",
        f"  Username:      {demo.DEMO_USERNAME}",
        f"  API key:       {demo.DEMO_API_KEY}",
        f"  Password:      {demo.DEMO_PASSWORD}",
        f"  Basic user:    {demo.DEMO_API_KEY}%{demo.DEMO_USERNAME}",
        "OAuth 2.0 (v1 era)",
        f"  Authorize:     {base}/oauth2/oauth/siteowner/authorize",
        f"  Token:         {base}/oauth2/oauth/token",
        f"  Client id:     {demo.OAUTH_CLIENT_ID}",
        f"  Client secret: {demo.OAUTH_CLIENT_SECRET}",
        f"  Redirect URI:  {demo.OAUTH_REDIRECT_URI}",
        "OAuth 2.0 (v3 style, PKCE, refresh tokens)",
        f"  Authorize:     {base}/oauth2/default/v1/authorize",
        f"  Token:         {base}/oauth2/default/v1/token",
        f"  Client id:     {demo.V3_CLIENT_ID}",
        f"Quirks:          {changed}",
        f"Admin:           GET/PUT {base}/_sandbox/quirks, POST {base}/_sandbox/reset "
        "(send the header X-CTCT-Sandbox: 1)",
        "Press Ctrl+C to stop.",
    ])


def run(args: argparse.Namespace) -> int:
    from ctct_desktop.sandbox.db import SchemaError
    from ctct_desktop.sandbox.quirks import QuirkError, parse_assignment
    from ctct_desktop.sandbox.server import SandboxServer
    from ctct_desktop.core.paths import app_dirs

    try:
        quirks = dict(parse_assignment(text) for text in args.quirk)
    except QuirkError as exc:
        print(f"ctct-desktop sandbox: {exc}", file=sys.stderr)
        return 2
    problem = host_problem(args.host, allow_remote=args.allow_remote)
    if problem is not None:
        print(f"ctct-desktop sandbox: {problem.message}", file=sys.stderr)
        if problem.fatal:
            return 2
    data_dir = args.data if args.data is not None else app_dirs().sandbox
    server = SandboxServer(data_dir, host=args.host, port=args.port, reset=args.reset, quirks=quirks,
                           log_requests=args.log, idle_timeout=args.idle_timeout)
    try:
        server.start()
    except (QuirkError, SchemaError) as exc:
        print(f"ctct-desktop sandbox: {exc}", file=sys.stderr)
        return 2
    except OSError as exc:
        _tell_notice(server)
        print(f"ctct-desktop sandbox: {listen_problem(args.host, args.port, exc)}", file=sys.stderr)
        return 2
    _tell_notice(server)
    print(_banner(server, data_dir), flush=True)
    return _serve_until_signal(server)


def listen_problem(host: str, port: int, exc: OSError) -> str:
    """Why the sandbox cannot listen, in words that say what to do next."""
    if exc.errno == errno.EADDRINUSE:
        return (f"port {port} on {host} is already in use by another program (another sandbox or window?). "
                "Stop that program, or choose another port with --port (--port 0 picks a free one).")
    if exc.errno == errno.EACCES:
        return (f"this user may not listen on port {port} of {host}. Choose a port above 1023 with --port "
                "(--port 0 picks a free one).")
    return f"cannot listen on {host}:{port}: {exc.strerror or exc}."


def _tell_notice(server: SandboxServer) -> None:
    """What start-up had to repair (a damaged database set aside), on stderr before the banner."""
    if server.start_notice:
        print(f"ctct-desktop sandbox: {server.start_notice}", file=sys.stderr, flush=True)


def _serve_until_signal(server: SandboxServer) -> int:
    stop = threading.Event()
    previous = {sig: signal.signal(sig, lambda *_: stop.set()) for sig in (signal.SIGINT, signal.SIGTERM)}
    try:
        while not stop.wait(0.2):
            pass
    finally:
        server.stop()
        for sig, handler in previous.items():
            signal.signal(sig, handler)
    print("Sandbox stopped.", flush=True)
    return 0
