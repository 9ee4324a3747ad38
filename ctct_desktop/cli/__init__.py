"""Command-line front door. Subcommands never import Qt; only the bare command opens the window.

Each subcommand lives beside the code it drives, in a module that exposes
``NAME``, ``HELP``, ``add_arguments(parser)`` and ``run(args) -> int``. Those modules keep their
top level cheap (argparse only) and import the heavy parts inside ``run``.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from types import ModuleType

from ctct_desktop import __version__

# Order is the order shown in --help.
_COMMAND_MODULES: tuple[str, ...] = (
    "ctct_desktop.cli.send",
    "ctct_desktop.cli.run_entry",
    "ctct_desktop.cli.ticket",
    "ctct_desktop.cli.snippet",
    "ctct_desktop.cli.diff",
    "ctct_desktop.cli.import_command",
    "ctct_desktop.lint.command",
    "ctct_desktop.explain.command",
    "ctct_desktop.sandbox.command",
    "ctct_desktop.credentials.command",
)

EXIT_USAGE = 2
NO_SANDBOX = "--no-sandbox"
# ctct_desktop.cli.desktop_entry's flags, spelled here so --help lists them without importing it.
DESKTOP_FLAGS = ("--install-desktop-entry", "--uninstall-desktop-entry")


def _load_commands() -> list[ModuleType]:
    modules = []
    for name in _COMMAND_MODULES:
        try:
            modules.append(importlib.import_module(name))
        except ModuleNotFoundError as exc:
            if exc.name != name:  # a real missing dependency must not be hidden
                raise
    return modules


def build_parser() -> tuple[argparse.ArgumentParser, dict[str, ModuleType]]:
    parser = argparse.ArgumentParser(
        prog="ctct-desktop",
        description="CTCT Desktop: a request workbench for the Constant Contact API. "
        "Run without a command to open the window.",
    )
    parser.add_argument("--version", action="version", version=f"ctct-desktop {__version__}")
    parser.add_argument(
        NO_SANDBOX,
        action="store_true",
        help="open the window without starting the embedded sandbox",
    )
    entry = parser.add_mutually_exclusive_group()
    entry.add_argument(DESKTOP_FLAGS[0], action="store_true",
                       help="add CTCT Desktop to this user's application menu (Linux: launcher, icons, metainfo)")
    entry.add_argument(DESKTOP_FLAGS[1], action="store_true",
                       help="remove what --install-desktop-entry added")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    by_name: dict[str, ModuleType] = {}
    for module in _load_commands():
        command_parser = sub.add_parser(module.NAME, help=module.HELP, description=module.HELP)
        module.add_arguments(command_parser)
        by_name[module.NAME] = module
    return parser, by_name


def _open_window(start_sandbox: bool) -> int:
    from ctct_desktop.app import main as gui_main  # the only path that imports Qt

    return gui_main(start_sandbox=start_sandbox)


def _desktop_entry(flag: str) -> int:
    from ctct_desktop.cli import desktop_entry

    return desktop_entry.main(flag)


def run(argv: list[str]) -> int:
    """Parse argv and run the chosen command; return the process exit status."""
    if all(arg == NO_SANDBOX for arg in argv):
        # The bare command: the window opens without loading any subcommand's module (their
        # packages cost about 60 ms of imports the window does not need before its first paint).
        return _open_window(start_sandbox=not argv)
    if len(argv) == 1 and argv[0] in DESKTOP_FLAGS:
        # Before argparse loads the subcommands: this path needs the standard library only.
        return _desktop_entry(argv[0])
    parser, commands = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # argparse exits 2 on usage errors and 0 on --help/--version
        return int(exc.code or 0)
    chosen = [flag for flag in DESKTOP_FLAGS if getattr(args, flag.lstrip("-").replace("-", "_"))]
    if chosen:
        if args.command is not None or args.no_sandbox:
            print(f"ctct-desktop: {chosen[0]} takes no other argument", file=sys.stderr)
            return EXIT_USAGE
        return _desktop_entry(chosen[0])
    if args.command is None:
        return _open_window(start_sandbox=not args.no_sandbox)
    try:
        return int(commands[args.command].run(args))
    except KeyboardInterrupt:
        print("interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
