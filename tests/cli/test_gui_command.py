"""The bare command opens the window without loading any subcommand's module (start-up cost)."""

from __future__ import annotations

import subprocess
import sys

SUBCOMMAND_MODULES = ("ctct_desktop.cli.send", "ctct_desktop.lint.command", "ctct_desktop.explain.command",
                      "ctct_desktop.sandbox.command", "ctct_desktop.credentials.command")

# A stand-in for the GUI (app.py) that reports which of those modules were loaded when it was called.
CHILD = """
import sys, types
app = types.ModuleType("ctct_desktop.app")
def main(start_sandbox=True):
    print("sandbox" if start_sandbox else "no-sandbox", sorted(m for m in {names!r} if m in sys.modules))
    return 0
app.main = main
sys.modules["ctct_desktop.app"] = app
from ctct_desktop.cli import run
sys.exit(run(sys.argv[1:]))
"""


def _open(*argv: str) -> str:
    code = CHILD.format(names=SUBCOMMAND_MODULES)
    done = subprocess.run([sys.executable, "-c", code, *argv], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()


def test_the_bare_command_loads_no_subcommand() -> None:
    assert _open() == "sandbox []"
    assert _open("--no-sandbox") == "no-sandbox []"


def test_help_still_lists_every_subcommand() -> None:
    done = subprocess.run([sys.executable, "-m", "ctct_desktop", "--help"], capture_output=True, text=True,
                          timeout=60)
    assert done.returncode == 0, done.stderr
    for name in ("send", "lint", "explain", "sandbox", "account"):
        assert name in done.stdout
