"""``ctct-desktop --install-desktop-entry`` / ``--uninstall-desktop-entry``: the launcher, icons and
AppStream metadata for the current user on Linux (and other XDG) desktops.

Standard library only, so it works from a bare wheel install, a venv or the standalone build. The
launcher runs the program that is running now: the frozen executable for the standalone build,
``<this python> -m ctct_desktop`` otherwise, so no path is ever hard-coded. Files go below
``$XDG_DATA_HOME`` (default ``~/.local/share``); the desktop's caches are refreshed where their tools
exist.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

from ctct_desktop.core.atomic import write_atomic
from ctct_desktop.resources import resource_path

DESKTOP_ID = "ctct-desktop"  # the .desktop file's name; app.py gives Qt the same (setDesktopFileName)
ICON_NAME = "ctct-desktop"
APP_ID = "io.github.ctctdesktop.ctctdesktop"  # AppStream component id
PNG_SIZES = (16, 22, 24, 32, 48, 64, 128, 256, 512)
INSTALL_FLAG = "--install-desktop-entry"
UNINSTALL_FLAG = "--uninstall-desktop-entry"
FLAGS = (INSTALL_FLAG, UNINSTALL_FLAG)
_TOOL_TIMEOUT_S = 60
# Characters that oblige an Exec argument to be quoted (Desktop Entry Specification, "The Exec key").
_RESERVED = set(" \t\n\"'\\><~|&;$*?#()`")


@dataclass
class Outcome:
    """What one install or uninstall did: the files touched, and what the user should know."""

    files: list[Path] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def data_home(environ: dict[str, str] | None = None) -> Path:
    """``$XDG_DATA_HOME``, or ``~/.local/share`` when it is unset or not absolute (as the spec says)."""
    env = os.environ if environ is None else environ
    value = env.get("XDG_DATA_HOME", "")
    if value and os.path.isabs(value):
        return Path(value)
    return Path.home() / ".local" / "share"


def launch_command() -> list[str]:
    """The command that starts this same installation's window."""
    executable = os.path.abspath(sys.executable)  # not resolved: a venv's python must stay the venv's
    if getattr(sys, "frozen", False):
        return [executable]
    return [executable, "-m", "ctct_desktop"]


def quote_exec_argument(argument: str) -> str:
    """One Exec argument, quoted when the spec requires, then escaped as a desktop-file string."""
    text = argument.replace("%", "%%")
    if any(ch in _RESERVED for ch in text):
        inner = "".join("\\" + ch if ch in '"`$\\' else ch for ch in text)
        text = f'"{inner}"'
    return text.replace("\\", "\\\\")  # the string-value escape, applied after the quoting rules


def string_value(text: str) -> str:
    """A desktop-file string value: the spec's escapes only (TryExec is a path, not a command line)."""
    return text.replace("\\", "\\\\").replace("\n", "\\n").replace("\t", "\\t").replace("\r", "\\r")


def entry_text(template: str, command: list[str]) -> str:
    """The shipped .desktop template with Exec (and TryExec) pointing at ``command``."""
    lines = []
    for line in template.splitlines():
        if line.startswith("Exec="):
            line = "Exec=" + " ".join(quote_exec_argument(arg) for arg in command)
        elif line.startswith("TryExec="):
            line = "TryExec=" + string_value(command[0])
        lines.append(line)
    return "\n".join(lines) + "\n"


def _targets(home: Path) -> list[tuple[Path | None, Path]]:
    """(shipped source, installed path) for every file but the .desktop entry itself."""
    icons = home / "icons" / "hicolor"
    pairs: list[tuple[Path | None, Path]] = [
        (resource_path("icons", "hicolor", f"{size}x{size}", "apps", f"{ICON_NAME}.png"),
         icons / f"{size}x{size}" / "apps" / f"{ICON_NAME}.png") for size in PNG_SIZES]
    pairs.append((resource_path("icons", f"{ICON_NAME}.svg"), icons / "scalable" / "apps" / f"{ICON_NAME}.svg"))
    pairs.append((resource_path("desktop", f"{APP_ID}.metainfo.xml"), home / "metainfo" / f"{APP_ID}.metainfo.xml"))
    return pairs


def desktop_file(home: Path) -> Path:
    return home / "applications" / f"{DESKTOP_ID}.desktop"


def install(home: Path, command: list[str] | None = None) -> Outcome:
    """Write the launcher, the icons and the metainfo (atomically, replacing older copies)."""
    outcome = Outcome()
    template = resource_path("desktop", f"{DESKTOP_ID}.desktop").read_text(encoding="utf-8")
    for source, target in _targets(home):
        assert source is not None
        target.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(target, source.read_bytes(), mode=0o644)
        outcome.files.append(target)
    entry = desktop_file(home)
    entry.parent.mkdir(parents=True, exist_ok=True)
    write_atomic(entry, entry_text(template, command or launch_command()), mode=0o644)
    outcome.files.append(entry)
    outcome.notes += refresh_caches(home)
    return outcome


def uninstall(home: Path) -> Outcome:
    """Remove what ``install`` wrote; files already gone are not an error."""
    outcome = Outcome()
    for target in [desktop_file(home)] + [target for _source, target in _targets(home)]:
        try:
            target.unlink()
        except FileNotFoundError:
            continue
        outcome.files.append(target)
    outcome.notes += refresh_caches(home)
    return outcome


def refresh_caches(home: Path) -> list[str]:
    """Run update-desktop-database and gtk-update-icon-cache where they exist; report failures."""
    notes = []
    runs = [("update-desktop-database", ["-q", str(home / "applications")], home / "applications"),
            ("gtk-update-icon-cache", ["-q", "-f", "-t", "--ignore-theme-index", str(home / "icons" / "hicolor")],
             home / "icons" / "hicolor")]
    for tool, arguments, folder in runs:
        path = shutil.which(tool)
        if path is None or not folder.is_dir():
            continue
        try:
            done = subprocess.run([path, *arguments], capture_output=True, text=True, timeout=_TOOL_TIMEOUT_S,
                                  stdin=subprocess.DEVNULL, check=False)
        except (OSError, subprocess.TimeoutExpired) as exc:
            notes.append(f"{tool} did not run: {exc}")
            continue
        if done.returncode != 0:
            notes.append(f"{tool} exited {done.returncode}: {(done.stderr or done.stdout).strip()[:300]}")
        else:
            notes.append(f"ran {tool}")
    return notes


def main(flag: str) -> int:
    """Run one of the two flags and tell the user what happened; errors are messages, not tracebacks."""
    if sys.platform in ("win32", "darwin"):
        print("Desktop entries are for Linux and other XDG desktops: on macOS drag the .app to Applications, "
              "on Windows make a shortcut to ctct-desktop.exe (docs/packaging.md).", file=sys.stderr)
        return 2
    home = data_home()
    try:
        outcome = install(home) if flag == INSTALL_FLAG else uninstall(home)
    except OSError as exc:  # a missing resource (FileNotFoundError) or an unwritable folder
        print(f"ctct-desktop: could not {'install' if flag == INSTALL_FLAG else 'remove'} the desktop entry: "
              f"{exc}", file=sys.stderr)
        return 1
    if flag == INSTALL_FLAG:
        print(f"Installed the launcher {desktop_file(home)}")
        print(f"  it runs: {' '.join(launch_command())}")
    elif outcome.files:
        print(f"Removed {len(outcome.files)} files of the desktop entry below {home}")
    else:
        print(f"No desktop entry of CTCT Desktop was installed below {home}")
    for note in outcome.notes:
        print(f"  {note}")
    return 0
