"""The bodies of ``ctct-desktop ticket new|reproduce|export|import`` (see cli/ticket.py)."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from pathlib import Path

from ctct_desktop.core.redaction import redact_text
from ctct_desktop.sandbox.quirks import QuirkError, parse_assignment
from ctct_desktop.tickets.bundle import BUNDLE_SUFFIX, export_bundle, import_bundle
from ctct_desktop.tickets.folder import new_ticket
from ctct_desktop.tickets.model import Ticket, TicketError
from ctct_desktop.tickets.reproduce import Reproduction, reproduce


def _new(args: argparse.Namespace) -> int:
    folder = Path(args.dir)
    try:
        quirks = dict(parse_assignment(text) for text in args.quirk)
    except QuirkError as exc:
        raise TicketError(str(exc)) from None
    ticket = new_ticket(folder, Ticket(id=args.id or folder.resolve().name, title=args.title,
                                       account=args.account, quirks=quirks))
    shown = ", ".join(f"{k}={v}" for k, v in sorted(ticket.quirks.items())) or "none"
    print(f"Ticket {ticket.id} in {folder}: add the case's requests there (.ctct.toml), then "
          f"`ctct-desktop ticket reproduce {folder}`. Quirks: {shown}.")
    return 0


def _data(found: Reproduction) -> dict[str, object]:
    rows = []
    for exchange in found.exchanges:
        run = exchange.run
        secrets = run.secrets
        result = run.result
        rows.append({"request": exchange.name,
                     "method": result.exchange.request.method if result else run.item.saved.request.method,
                     "url": redact_text(result.exchange.sent_url or result.exchange.request.url, secrets)
                     if result else "",
                     "status": run.status, "outcome": run.outcome.value,
                     "message": redact_text(run.message, secrets),
                     "article": exchange.article_id or None, "title": exchange.article_title or None,
                     "notes": list(exchange.notes)})
    return {"ticket": {"id": found.ticket.id, "title": found.ticket.title}, "sandbox": found.sandbox_url,
            "quirks": found.ticket.quirks, "exchanges": rows, "problems": list(found.problems)}


def _reproduce(args: argparse.Namespace) -> int:
    found = reproduce(Path(args.dir))
    if args.format == "json":
        print(json.dumps(_data(found), indent=2, ensure_ascii=False))
        return 0
    quirks = ", ".join(f"{k}={v}" for k, v in sorted(found.ticket.quirks.items())) or "no quirks"
    print(f"Ticket {found.ticket.id}: {found.ticket.title}")
    print(f"Reproduced on a scratch sandbox ({quirks}):")
    for number, exchange in enumerate(found.exchanges, 1):
        run = exchange.run
        status = str(run.status) if run.status is not None else run.outcome.value
        print(f"  {number}. {exchange.name}: {status}"
              + (f" — {exchange.article_title} [{exchange.article_id}]" if exchange.article_id else ""))
        if run.message and run.status is None:
            print(f"     {redact_text(run.message, run.secrets)}")
        for note in exchange.notes:
            print(f"     ({note})")
    for problem in found.problems:
        print(f"  problem: {problem}", file=sys.stderr)
    return 0


def _export(args: argparse.Namespace) -> int:
    out = Path(args.out)
    if not out.name.endswith(BUNDLE_SUFFIX):
        raise TicketError(f"the bundle's name must end in {BUNDLE_SUFFIX} (got '{out.name}').")
    done = export_bundle(Path(args.dir), out)
    size = out.stat().st_size
    print(f"Ticket {done.ticket.id}: {len(done.files)} files in {out} ({size} bytes); the secret scan found nothing.")
    return 0


def _import(args: argparse.Namespace) -> int:
    ticket = import_bundle(Path(args.bundle), Path(args.dest))
    print(f"Ticket {ticket.id} ({ticket.title}) imported into {args.dest}; checksums verified, no secrets found.")
    return 0


ACTIONS: dict[str, Callable[[argparse.Namespace], int]] = {
    "new": _new, "reproduce": _reproduce, "export": _export, "import": _import}
