"""``ctct-desktop account``: add, sign in (OAuth 2.0), list, remove accounts; keyring status. No Qt.

Secrets are read from standard input only (never from arguments, which other users can see in
the process list). With both --api-key-stdin and --password-stdin, line 1 is the API key and
line 2 the password. Without a keyring backend, ``add`` and ``signin`` refuse: nothing is ever
written in plaintext.
"""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING, TextIO

if TYPE_CHECKING:
    from ctct_desktop.credentials.accounts import AccountManager

NAME = "account"
HELP = "Manage accounts: credentials kept in the OS keyring."

KINDS = ("v1-basic", "oauth2-token", "v2", "v3")
# Order in which secrets are read from stdin, one per line, when several are asked for.
STDIN_ORDER = (("api_key_stdin", "api_key"), ("password_stdin", "password"),
               ("token_stdin", "access_token"), ("refresh_token_stdin", "refresh_token"),
               ("client_secret_stdin", "client_secret"))


def add_arguments(parser: argparse.ArgumentParser) -> None:
    sub = parser.add_subparsers(dest="account_command", metavar="ACTION")
    add = sub.add_parser("add", help="add an account (secrets read from standard input)")
    add.add_argument("name", help="account name, e.g. 'joe-v1'")
    add.add_argument("--kind", required=True, choices=KINDS, help="kind of credentials")
    add.add_argument("--username", default="", help="v1 username (or the one the OAuth redirect returned)")
    add.add_argument("--client-id", default="", help="v3 OAuth client id")
    add.add_argument("--expires-in", type=int, default=None, metavar="SECONDS",
                     help="access token lifetime from now (v3)")
    add.add_argument("--auth-server", default="", help="v3 authorization server base URL for refresh")
    add.add_argument("--scope", default="", help="v3 scopes granted")
    for flag, field in STDIN_ORDER:
        add.add_argument("--" + flag.replace("_", "-"), action="store_true",
                         help=f"read the {field.replace('_', ' ')} from standard input")
    _add_signin_arguments(sub.add_parser("signin", help="sign in with OAuth 2.0 in the browser and save the "
                                                         "token as an account"))
    sub.add_parser("list", help="list account names and kinds (never secrets)")
    remove = sub.add_parser("remove", help="remove an account and its keyring entries")
    remove.add_argument("name")
    sub.add_parser("status", help="say which OS keyring holds the secrets, or how to get one")


def _add_signin_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("name", help="account to create (or replace) with the token")
    parser.add_argument("--flow", required=True, choices=("server", "client", "v3"),
                        help="server: v1/v2 code flow; client: v1/v2 token flow; v3: PKCE with refresh")
    parser.add_argument("--api", choices=("v1", "v2"), default="v1", help="API the v1/v2 token is for")
    parser.add_argument("--client-id", required=True, help="API key (v1/v2) or v3 client id")
    parser.add_argument("--client-secret-stdin", action="store_true",
                        help="read the client secret from standard input (server flow; optional for v3)")
    parser.add_argument("--redirect-uri", default="http://127.0.0.1:8765/oauth/callback",
                        help="the redirect URI registered for the client (loopback http with a port)")
    parser.add_argument("--server", default="", help="authorization server base URL (default: Constant "
                                                     "Contact's; the sandbox's for local tests)")
    parser.add_argument("--scope", default="", help="v3 scopes (default: contact_data campaign_data "
                                                    "offline_access)")
    parser.add_argument("--timeout", type=float, default=300.0, metavar="SECONDS",
                        help="how long to wait for the browser")
    parser.add_argument("--no-browser", action="store_true", help="only print the URL to open")


def run(args: argparse.Namespace) -> int:
    action = getattr(args, "account_command", None)
    if action is None:
        print("Choose an action: add, signin, list, remove or status (see 'ctct-desktop account --help').",
              file=sys.stderr)
        return 2
    from ctct_desktop.credentials.accounts import AccountError

    try:
        actions = {"add": _add, "signin": _signin, "list": _list, "remove": _remove, "status": _status}
        return actions[action](args)
    except AccountError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1


def _manager(*, secrets: bool = True) -> AccountManager:
    """The account manager; ``secrets=False`` skips resolving the keyring (listing needs none)."""
    from ctct_desktop.credentials.accounts import AccountManager
    from ctct_desktop.credentials.secrets import MemorySecretStore, default_secret_store

    return AccountManager(default_secret_store() if secrets else MemorySecretStore())


def _status(args: argparse.Namespace) -> int:
    from ctct_desktop.credentials.secrets import keyring_status

    status = keyring_status()
    print(f"Keyring backend: {status.backend_name}")
    print(status.message)
    return 0 if status.available else 1


def _list(args: argparse.Namespace) -> int:
    accounts = _manager(secrets=False).list()
    if not accounts:
        print("No accounts. Add one with 'ctct-desktop account add NAME --kind KIND'.")
        return 0
    width = max(len(a.name) for a in accounts)
    for account in accounts:
        extra = f"  user {account.username}" if account.username else ""
        if not account.saved:
            extra += "  (not saved: session only)"
        if account.client_id:
            extra += f"  client {account.client_id}"
        print(f"{account.name.ljust(width)}  {account.kind.value.ljust(12)}{extra}".rstrip())
    return 0


def _remove(args: argparse.Namespace) -> int:
    manager = _manager()
    manager.remove(args.name)
    print(f"Removed account '{args.name}' and its keyring entries.")
    return 0


def read_stdin_secrets(args: argparse.Namespace, stream: TextIO) -> dict[str, str]:
    """One line of stdin per requested secret, in STDIN_ORDER; a missing line is an error."""
    wanted = [field for flag, field in STDIN_ORDER if getattr(args, flag, False)]
    if not wanted:
        return {}
    lines = stream.read().splitlines()
    if len(lines) < len(wanted):
        names = ", ".join(f"line {i + 1}: {f.replace('_', ' ')}" for i, f in enumerate(wanted))
        raise ValueError(f"Standard input has {len(lines)} line(s) but {len(wanted)} are needed ({names}).")
    return {field: lines[i].strip() for i, field in enumerate(wanted)}


def _add(args: argparse.Namespace) -> int:
    from ctct_desktop.credentials.accounts import Account, AccountKind, AccountSecrets
    from ctct_desktop.credentials.secrets import keyring_status

    status = keyring_status()
    if not status.available:
        print(f"error: {status.message}", file=sys.stderr)
        print("Nothing was saved.", file=sys.stderr)
        return 3
    try:
        values = read_stdin_secrets(args, sys.stdin)
    except ValueError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    expires_at = None
    if args.expires_in is not None:
        import time

        expires_at = time.time() + args.expires_in
    account = Account(name=args.name, kind=AccountKind(args.kind), username=args.username.strip(),
                      client_id=args.client_id.strip(), expires_at=expires_at,
                      auth_server=args.auth_server.strip(), scope=args.scope.strip())
    from ctct_desktop.credentials.accounts import AccountError

    try:
        _manager().add(account, AccountSecrets(**values))
    except AccountError as exc:
        print(f"error: {exc}", file=sys.stderr)
        if not values:
            print("Secrets are read from standard input: pass --api-key-stdin, --password-stdin, "
                  "--token-stdin, --refresh-token-stdin or --client-secret-stdin.", file=sys.stderr)
        return 1
    print(f"Added {account.kind.value} account '{account.name}'; its secrets are in the OS keyring "
          f"({status.backend_name}).")
    return 0


def _no_browser(url: str) -> bool:
    return False


def _open_in_browser(url: str) -> bool:
    import webbrowser

    try:
        return bool(webbrowser.open(url, new=1))
    except webbrowser.Error:
        return False


def _signin(args: argparse.Namespace) -> int:
    from ctct_desktop.credentials.oauth.endpoints import LEGACY_SERVER, V3_DEFAULT_SCOPE, V3_SERVER, OAuthServer
    from ctct_desktop.credentials.oauth.save import save_grant
    from ctct_desktop.credentials.oauth.signin import FlowKind, SignIn, SignInRequest
    from ctct_desktop.credentials.secrets import keyring_status

    status = keyring_status()
    if not status.available:
        print(f"error: {status.message}\nNothing was saved.", file=sys.stderr)
        return 3
    flow = FlowKind(args.flow)
    secret = sys.stdin.readline().strip() if args.client_secret_stdin else ""
    if flow is FlowKind.SERVER and not secret:
        print("error: the server flow exchanges the code with the client secret; pass --client-secret-stdin.",
              file=sys.stderr)
        return 2
    server = args.server or (V3_SERVER if flow is FlowKind.V3_PKCE else LEGACY_SERVER)
    request = SignInRequest(flow=flow, client_id=args.client_id, redirect_uri=args.redirect_uri,
                            server=OAuthServer(server), client_secret=secret,
                            scope=args.scope or V3_DEFAULT_SCOPE, timeout_s=args.timeout)

    def announce(url: str) -> None:
        print(f"Waiting for the sign-in at {args.redirect_uri} (up to {args.timeout:g} s). "
              f"If no browser opens, visit:\n{url}", file=sys.stderr)

    opener = _no_browser if args.no_browser else _open_in_browser
    result = SignIn(request, opener=opener, on_authorize_url=announce).run()
    if result.error is not None or result.grant is None:
        error = result.error
        print(f"error: {error.title if error else 'no token'}.\n{error.message if error else ''}", file=sys.stderr)
        return 1
    account = save_grant(_manager(), args.name, request, result.grant, api_version=args.api)
    who = f" as {result.grant.username}" if result.grant.username else ""
    print(f"Signed in{who}; saved {account.kind.value} account '{account.name}' in the OS keyring "
          f"({status.backend_name}).")
    return 0
