"""Entry point for `ctct-desktop` and `python -m ctct_desktop`."""

from __future__ import annotations

import sys


def main(argv: list[str] | None = None) -> int:
    """Dispatch to the CLI; it decides whether the GUI (and so Qt) is needed at all."""
    from ctct_desktop.cli import run

    return run(sys.argv[1:] if argv is None else argv)


if __name__ == "__main__":
    sys.exit(main())
