"""``ctct-desktop snippet``: a saved request as code the customer can run, headless (no Qt).

Exit status: 0 with the code on standard output, 2 for a usage error (no such file, unknown
environment, a request no HTTP library would send). Credentials never appear in the code: it reads
them from the environment variables named in its first lines.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from ctct_desktop.cli.errors import UsageError

if TYPE_CHECKING:
    from ctct_desktop.store.environment import Environment

NAME = "snippet"
HELP = "Print a saved request (.ctct.toml) as runnable code: curl, PHP, Python, Java, C# or JavaScript."
EXIT_OK, EXIT_USAGE = 0, 2
# Kept here, not imported from the package, so building the parser stays cheap (registry test checks).
LANGS = ("curl", "curl-windows", "php", "python-httpx", "python-requests", "java", "csharp", "js")


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("request_file", metavar="REQUEST_FILE", help="a saved request, NAME.ctct.toml")
    parser.add_argument("--lang", choices=LANGS, default="curl", help="the language (default: curl)")
    parser.add_argument("--env", metavar="NAME_OR_FILE",
                        help="resolve {{variables}} from this environment's plain values (secrets stay "
                             "placeholders); without it every variable is left for the user")
    parser.add_argument("--collection", metavar="DIR",
                        help="collection folder for variables and environments (default: found from the file)")


def _values(args: argparse.Namespace, source: Path) -> dict[str, str] | None:
    from ctct_desktop.cli.send_inputs import find_collection_root
    from ctct_desktop.store.builtin_environments import find_environment
    from ctct_desktop.store.collection import read_manifest
    from ctct_desktop.store.environment import EnvironmentFileError

    if not args.env:
        return None
    root = Path(args.collection) if args.collection else find_collection_root(source.resolve())
    if root is not None and not root.is_dir():
        raise UsageError(f"{root}: the collection folder does not exist")
    try:
        environment = find_environment(args.env, root)  # no secret store: secrets are never inlined
    except (EnvironmentFileError, OSError, ValueError) as exc:
        raise UsageError(str(exc)) from None
    collection = dict(read_manifest(root).variables) if root is not None else {}
    return {**collection, **plain_values(environment)}


def plain_values(environment: Environment) -> dict[str, str]:
    """The values a snippet may inline: a secret variable stays a {{placeholder}} (the code reads
    credentials from its own environment variables instead)."""
    return {v.name: v.value for v in environment.variables if not v.is_secret and v.value is not None}


def run(args: argparse.Namespace) -> int:
    from ctct_desktop.snippets import SnippetError, snippet
    from ctct_desktop.store.request_file import RequestFileError, load_request

    source = Path(args.request_file)
    try:
        saved = load_request(source)
        text = snippet(saved.request, args.lang, _values(args, source))
    except (RequestFileError, SnippetError, UsageError) as exc:
        print(f"ctct-desktop snippet: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    sys.stdout.write(text)
    return EXIT_OK
