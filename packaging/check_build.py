"""Check a standalone build as a user would use it (run by scripts/check-build, and so by CI).

    python packaging/check_build.py [dist/ctct-desktop]

The build must: carry its licence, docs and resources and only Essentials Qt bindings; print its
version; run ``lint``; run its own ``sandbox`` in the background and ``send`` a shipped template to
it; open the window offscreen to its first idle, close it (the start-up probe's ``close``) and exit 0
by the program's own path; install its desktop entry with Exec= the frozen executable. Standard
library only: the build is what is tested, not the interpreter that drives it.
"""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
ALLOWED_QT_BINDINGS = {"QtCore", "QtGui", "QtWidgets", "QtSvg"}
TIMEOUT_S = 120


class CheckFailed(Exception):
    pass


def expect(condition: bool, message: str) -> None:
    if not condition:
        raise CheckFailed(message)


def source_version() -> str:
    text = (ROOT / "ctct_desktop" / "__init__.py").read_text(encoding="utf-8")
    match = re.search(r'^__version__ = "([^"]+)"', text, re.M)
    assert match is not None
    return match.group(1)


def run(argv: list[str], env: dict[str, str], **kwargs: object) -> subprocess.CompletedProcess[str]:
    return subprocess.run(argv, env=env, capture_output=True, text=True, timeout=TIMEOUT_S,
                          stdin=subprocess.DEVNULL, **kwargs)  # type: ignore[call-overload, no-any-return]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def check_contents(folder: Path) -> None:
    internal = folder / "_internal"
    for relative in ("LICENSE", "_internal/LICENSE", "_internal/README.md", "_internal/CHANGELOG.md",
                     "_internal/ctct_desktop/sandbox/README.md", "_internal/ctct_desktop/store/saved-work-format.md",
                     "_internal/ctct_desktop/_resources/desktop/ctct-desktop.desktop",
                     "_internal/ctct_desktop/_resources/icons/hicolor/256x256/apps/ctct-desktop.png",
                     "_internal/ctct_desktop/_resources/kb/v1-409-contact-exists.toml"):
        expect((folder / relative).is_file(), f"the build lacks {relative}")
    expect("MIT License" in (folder / "LICENSE").read_text(encoding="utf-8"), "LICENSE is not the MIT licence")
    bindings = {path.name.split(".")[0] for path in (internal / "PySide6").glob("Qt*.*") if path.is_file()}
    extra = bindings - ALLOWED_QT_BINDINGS
    expect(not extra, f"the build carries Qt bindings the app does not use: {sorted(extra)}")
    expect({"QtCore", "QtGui", "QtWidgets"} <= bindings, f"Qt bindings missing: {sorted(bindings)}")
    expect(any((internal / "PySide6" / "Qt" / "plugins" / "imageformats").glob("libqsvg*")),
           "the SVG image plugin (the app's icons) is missing")
    print(f"  contents: licence, docs, resources; Qt bindings {sorted(bindings)}")


def check_version(exe: Path, env: dict[str, str]) -> None:
    done = run([str(exe), "--version"], env)
    expect(done.returncode == 0 and done.stdout.strip() == f"ctct-desktop {source_version()}",
           f"--version printed {done.stdout!r} (exit {done.returncode}) {done.stderr[-500:]}")
    print(f"  --version: {done.stdout.strip()}")


def check_lint(exe: Path, env: dict[str, str], scratch: Path) -> None:
    body = scratch / "contact.xml"
    body.write_text('<entry><content type="application/vnd.ctct+xml"/></entry>\n', encoding="utf-8")
    done = run([str(exe), "lint", str(body), "--method", "POST", "--url",
                "https://api.constantcontact.com/ws/customers/joe/contacts"], env)
    expect(done.returncode == 1 and "L001" in done.stdout, f"lint: exit {done.returncode}, {done.stdout[-500:]}"
           f"{done.stderr[-800:]}")
    print("  lint: found L001 (exit 1)")


def wait_for_sandbox(url: str, child: subprocess.Popen[str]) -> None:
    deadline = time.monotonic() + TIMEOUT_S
    while time.monotonic() < deadline:
        expect(child.poll() is None, f"the sandbox exited {child.returncode} before it answered")
        try:
            with urllib.request.urlopen(url + "/", timeout=2):
                return
        except urllib.error.HTTPError:
            return  # it answers (401 without credentials is an answer)
        except OSError:
            time.sleep(0.1)
    raise CheckFailed(f"the sandbox did not answer at {url} within {TIMEOUT_S} s")


def check_send_to_own_sandbox(exe: Path, env: dict[str, str], scratch: Path) -> None:
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    log = (scratch / "sandbox.log").open("w+")
    child = subprocess.Popen([str(exe), "sandbox", "--port", str(port), "--data", str(scratch / "sandbox")],
                             env=env, stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, text=True)
    try:
        wait_for_sandbox(url, child)
        template = (exe.parent / "_internal" / "ctct_desktop" / "_resources" / "templates" / "v1"
                    / "Service document.ctct.toml")
        done = run([str(exe), "send", str(template), "--env", "sandbox", "--no-history"],
                   {**env, "CTCT_SANDBOX_URL": url})
        expect(done.returncode == 0 and done.stdout.startswith("HTTP/1.1 200"),
               f"send to the sandbox: exit {done.returncode}\n{done.stdout[-800:]}\n{done.stderr[-800:]}")
        print(f"  send: {done.stdout.splitlines()[0]} from the build's own sandbox on port {port}")
    finally:
        child.send_signal(signal.SIGINT)
        try:
            status = child.wait(timeout=30)
        except subprocess.TimeoutExpired:
            child.kill()
            child.wait()
            raise CheckFailed("the sandbox did not stop on Ctrl+C within 30 s") from None
        log.seek(0)
        output = log.read()
        log.close()
    expect(status == 0 and "Sandbox stopped." in output, f"the sandbox stopped with {status}:\n{output[-800:]}")
    print("  sandbox: started, answered, stopped on Ctrl+C (exit 0)")


def check_window(exe: Path, env: dict[str, str]) -> None:
    """The probe's ``close`` mode closes the window once its sandbox is up; the program must then end
    by its own path (window state saved, sandbox stopped), not be cut short as ``idle`` does."""
    state = Path(env["CTCT_DESKTOP_HOME"]) / "config" / "window-state.json"
    began = time.monotonic()
    done = run([str(exe)], {**env, "QT_QPA_PLATFORM": "offscreen", "CTCT_DESKTOP_STARTUP_PROBE": "close"})
    took = time.monotonic() - began
    expect(done.returncode == 0 and "startup-probe idle" in done.stdout,
           f"the window: exit {done.returncode}\n{done.stdout[-500:]}\n{done.stderr[-1500:]}")
    expect("Traceback" not in done.stderr, f"the window printed a traceback:\n{done.stderr[-1500:]}")
    expect(state.is_file(), f"the window closed without saving its state to {state}")
    print(f"  window: opened offscreen, reached its first idle with its sandbox up, closed and exited 0 "
          f"({took:.2f} s, one cold run)")


def check_desktop_entry(exe: Path, env: dict[str, str], scratch: Path) -> None:
    home = scratch / "xdg-data"
    done = run([str(exe), "--install-desktop-entry"], {**env, "XDG_DATA_HOME": str(home)})
    expect(done.returncode == 0, f"--install-desktop-entry: exit {done.returncode} {done.stderr[-800:]}")
    entry = (home / "applications" / "ctct-desktop.desktop").read_text(encoding="utf-8")
    expect(f"\nExec={exe.resolve()}\n" in entry or f"\nExec={exe.absolute()}\n" in entry,
           f"the entry does not run the build:\n{entry}")
    print("  --install-desktop-entry: Exec= the build's executable")


def folder_size(folder: Path) -> int:
    return sum(path.stat().st_size for path in folder.rglob("*") if path.is_file() and not path.is_symlink())


def main(argv: list[str]) -> int:
    folder = Path(argv[0] if argv else ROOT / "dist" / "ctct-desktop").absolute()
    exe = folder / ("ctct-desktop.exe" if sys.platform == "win32" else "ctct-desktop")
    if not exe.is_file():
        print(f"no build at {exe}: run pyinstaller packaging/ctct-desktop.spec first", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory(prefix="ctct-build-check-") as temp:
        scratch = Path(temp)
        env = {key: value for key, value in os.environ.items() if key not in ("PYTHONPATH", "PYTHONHOME")}
        env.update(CTCT_DESKTOP_HOME=str(scratch / "home"), HOME=str(scratch / "user"))
        (scratch / "user").mkdir()
        try:
            check_contents(folder)
            check_version(exe, env)
            check_lint(exe, env, scratch)
            check_send_to_own_sandbox(exe, env, scratch)
            check_window(exe, env)
            check_desktop_entry(exe, env, scratch)
        except (CheckFailed, subprocess.TimeoutExpired) as exc:
            print(f"BUILD CHECK FAILED: {exc}", file=sys.stderr)
            return 1
    print(f"  size: {folder_size(folder) / 2**20:.1f} MiB in {folder}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
