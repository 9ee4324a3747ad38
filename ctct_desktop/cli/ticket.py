"""``ctct-desktop ticket``: keep a support case as a folder, reproduce it, bundle it.

- ``ticket new DIR --title T [--id ID] [--account NAME] [--quirk NAME=VALUE …]``
- ``ticket reproduce DIR [--format text|json]``: the ticket's requests on a scratch sandbox with
  its quirks; each exchange's status and best explanation. Exit 0 when it ran (whatever the
  statuses: a reproduced failure is a success here), 2 on a usage error.
- ``ticket export DIR OUT.ctct-ticket.zip`` (after a secret scan) and ``ticket import ZIP DEST``.
"""

from __future__ import annotations

import argparse
import sys

NAME = "ticket"
HELP = "Keep a support case as a folder: new, reproduce on a scratch sandbox, export or import a bundle."
EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2


def add_arguments(parser: argparse.ArgumentParser) -> None:
    actions = parser.add_subparsers(dest="action", metavar="ACTION", required=True)
    new = actions.add_parser("new", help="make DIR a ticket folder", description="Make DIR a ticket folder.")
    new.add_argument("dir", metavar="DIR")
    new.add_argument("--title", required=True, help="what the case is about, in a line")
    new.add_argument("--id", default="", help="the ticket's id in your support system (default: the folder's name)")
    new.add_argument("--account", default="", help="the customer's account (user) name; never a secret")
    new.add_argument("--quirk", metavar="NAME=VALUE", action="append", default=[],
                     help="a sandbox quirk that makes the scratch account behave like the customer's (repeatable)")
    reproduce = actions.add_parser("reproduce", help="run the ticket's requests on a scratch sandbox",
                                   description="Run the ticket's requests, in order, on a scratch sandbox with "
                                               "its quirks, and explain each answer.")
    reproduce.add_argument("dir", metavar="DIR")
    reproduce.add_argument("--format", choices=("text", "json"), default="text")
    export = actions.add_parser("export", help="write the ticket as one .ctct-ticket.zip (after a secret scan)",
                                description="Write the ticket as one .ctct-ticket.zip, after a secret scan.")
    export.add_argument("dir", metavar="DIR")
    export.add_argument("out", metavar="OUT.ctct-ticket.zip")
    unpack = actions.add_parser("import", help="unpack a .ctct-ticket.zip as the ticket folder DEST",
                                description="Unpack a .ctct-ticket.zip as the ticket folder DEST.")
    unpack.add_argument("bundle", metavar="ZIP")
    unpack.add_argument("dest", metavar="DEST")


def run(args: argparse.Namespace) -> int:
    # The runner, the sandbox and the explainer load only for this command.
    from ctct_desktop.cli.ticket_actions import ACTIONS
    from ctct_desktop.tickets.model import TicketError

    try:
        return ACTIONS[args.action](args)
    except TicketError as exc:
        print(f"ctct-desktop ticket {args.action}: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
