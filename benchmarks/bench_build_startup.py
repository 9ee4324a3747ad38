"""The standalone build next to the venv: its size on disk, and start-up of each to the window's
first idle and to the end of ``--version``.

How it measures: it builds the one-folder PyInstaller build from ``packaging/ctct-desktop.spec``
(``pyinstaller --noconfirm --distpath D --workpath W packaging/ctct-desktop.spec`` from the
repository root, with the venv's pyinstaller) into a temporary folder (``--keep DIST`` keeps it;
``--build-dir`` reuses a build instead). The build then runs frozen from its folder: its
executable by absolute path, with ``_internal`` beside it, started in a scratch folder so nothing
of the checkout can be picked up.
The venv side is ``python -m ctct_desktop`` with this venv's interpreter, started in the
repository root so it runs this tree's code (the code the build was made from).
"First idle" is the start-up probe's mark (``ctct_desktop/ui/startup_probe.py``, armed through
``CTCT_DESKTOP_STARTUP_PROBE=idle``, as in ``bench_ui_startup.py``, whose spawning code
``benchmarks/startup_runs.py`` this shares): the main window shown, painted once and the event loop
free again; the child prints a CLOCK_MONOTONIC timestamp there and exits. ``--version`` is timed from
the spawn to the process's exit. Peak memory is the child's ``ru_maxrss`` (wait4).
Each side runs with its own private temporary home (HOME and the XDG_* folders; no
CTCT_DESKTOP_HOME), kept across its runs as a returning user's is, and with QT_QPA_PLATFORM=offscreen.
One discarded run of each warms the file cache and the venv's bytecode cache
(PYTHONPYCACHEPREFIX in a temporary folder; the build carries its bytecode in its archive). The
measured runs are interleaved (build idle, venv idle, build --version, venv --version, repeated),
so load from other processes falls on both sides alike; medians of N runs; the load average is
printed before and after.

Run: .venv/bin/python benchmarks/bench_build_startup.py [--runs N] [--keep DIST | --build-dir dist/ctct-desktop]

Measured 2026-12-03 on a 2-core Linux machine shared with other suites (load average 2.3 before,
1.95 after), Python 3.11.7, PyInstaller 6.22.3, PySide6-Essentials 6.11.3, 9 interleaved runs each,
medians: the build is 207.7 MiB in 556 files (PySide6 95.9 MiB of it, of which ICU data 30.6 MiB;
libpython 22.0 MiB; cryptography, for the Secret Service keyring, 13.8 MiB; GTK 3 and the system
libraries around it, some shared with Qt's own plugins, about 20 MiB, pulled in by Qt's gtk3
platform theme) and builds in 46 s. First idle: build 0.685 s,
venv 0.730 s (0.94x), peak 79.7 / 80.4 MiB; ``--version``: build 0.276 s, venv 0.125 s (2.20x), peak
31.3 / 18.6 MiB. Two more runs at load 2.5-4 gave 0.99x and 1.11x for the first idle and 2.27x and
1.56x for ``--version``: the window starts as fast frozen as from the venv; a bare command pays
about 0.15 s more for the bootloader, libpython and PyInstaller's runtime hooks (which import
inspect, pkgutil and multiprocessing before our code runs).
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from benchmarks.machine_info import machine  # noqa: E402
from benchmarks.startup_runs import PROBE_ENV, Exit, Run, exit_run, one_run, spread  # noqa: E402

NAME = "ctct-desktop"
SPEC = Path("packaging") / f"{NAME}.spec"
BUILD_TIMEOUT_S = 1800
MIB = 2**20


@dataclass(frozen=True)
class Side:
    label: str
    argv: list[str]
    env: dict[str, str]
    cwd: Path


def executable(folder: Path) -> Path:
    return folder / (f"{NAME}.exe" if sys.platform == "win32" else NAME)


def find_build(given: Path) -> Path:
    """The build folder itself, or a dist folder holding it; a clear message when neither."""
    for folder in (given, given / NAME):
        if executable(folder).is_file() and (folder / "_internal").is_dir():
            return folder.resolve()
    raise SystemExit(f"no one-folder build at {given}: expected {executable(given)} beside _internal "
                     f"(build one with: pyinstaller --noconfirm {SPEC})")


def build(dist: Path, scratch: Path) -> tuple[Path, float]:
    """Run the venv's pyinstaller on the spec into ``dist``; the folder built and the seconds it took."""
    pyinstaller = Path(sys.executable).with_name("pyinstaller")
    if not pyinstaller.is_file():
        raise SystemExit(f"{pyinstaller} is missing: install the build extra (pip install -e '.[build]')")
    work = scratch / "work"
    log = scratch / "pyinstaller.log"
    # PYTHONPATH: the tree's package is analysed, not whatever an editable install points at.
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    print(f"building: {pyinstaller.name} --noconfirm --distpath {dist} --workpath {work} {SPEC}", flush=True)
    began = time.monotonic()
    with log.open("w") as out:
        done = subprocess.run([str(pyinstaller), "--noconfirm", "--distpath", str(dist), "--workpath", str(work),
                               str(SPEC)], cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT,
                              stdin=subprocess.DEVNULL, timeout=BUILD_TIMEOUT_S, check=False)
    took = time.monotonic() - began
    if done.returncode != 0:
        tail = "\n".join(log.read_text(errors="replace").splitlines()[-40:])
        raise SystemExit(f"pyinstaller exited {done.returncode} after {took:.0f} s:\n{tail}")
    return find_build(dist), took


def tree_size(path: Path) -> tuple[int, int, int]:
    """Apparent bytes, bytes allocated on disk and the file count below ``path`` (links not followed)."""
    if not path.is_dir() or path.is_symlink():
        stat = path.lstat()
        return stat.st_size, stat.st_blocks * 512, 1
    apparent = allocated = count = 0
    for folder, _dirs, files in os.walk(path):
        for name in files:
            stat = os.lstat(os.path.join(folder, name))
            apparent += stat.st_size
            allocated += stat.st_blocks * 512
            count += 1
    return apparent, allocated, count


def print_size(folder: Path) -> None:
    apparent, allocated, count = tree_size(folder)
    print(f"build size: {apparent / MIB:.1f} MiB in {count} files ({allocated / MIB:.1f} MiB allocated on disk) "
          f"at {folder}")
    entries = [(tree_size(child)[0], child) for child in (folder / "_internal").iterdir()]
    entries.sort(key=lambda pair: pair[0], reverse=True)
    print("largest 10 entries of _internal:")
    for size, child in entries[:10]:
        kind = "/" if child.is_dir() and not child.is_symlink() else ""
        print(f"  {size / MIB:7.1f} MiB  {child.name}{kind}")


def private_env(home: Path, pycache: Path) -> dict[str, str]:
    """Our environment with a home of its own: no user's settings, history or caches are read."""
    env = {key: value for key, value in os.environ.items()
           if key not in ("CTCT_DESKTOP_HOME", "PYTHONPATH", "PYTHONHOME", "PYTHONDONTWRITEBYTECODE", "VIRTUAL_ENV")
           and not key.startswith("XDG_")}
    folders = {"HOME": home, "XDG_CONFIG_HOME": home / ".config", "XDG_DATA_HOME": home / ".local" / "share",
               "XDG_CACHE_HOME": home / ".cache", "XDG_STATE_HOME": home / ".local" / "state",
               "XDG_RUNTIME_DIR": home / "runtime"}
    for folder in folders.values():
        folder.mkdir(parents=True, exist_ok=True)
    (home / "runtime").chmod(0o700)  # Qt refuses a runtime folder others can read
    env.update({key: str(value) for key, value in folders.items()})
    env.update(QT_QPA_PLATFORM="offscreen", PYTHONPYCACHEPREFIX=str(pycache))
    return env


def installed(*distributions: str) -> list[str]:
    """Name and version of each distribution that is installed (PySide6 may be Essentials only)."""
    found = []
    for name in distributions:
        try:
            found.append(f"{name} {metadata.version(name)}")
        except metadata.PackageNotFoundError:
            continue
    return found


def median(values: list[float]) -> float:
    return statistics.median(values)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7, help="measured runs of each side (default 7)")
    chosen = parser.add_mutually_exclusive_group()
    chosen.add_argument("--build-dir", type=Path, help="reuse this one-folder build (or the dist folder holding it)")
    chosen.add_argument("--keep", type=Path, metavar="DIST",
                        help="build into this dist folder and keep the build (default: a temporary folder)")
    options = parser.parse_args()
    if options.runs < 1:
        parser.error("--runs must be at least 1")
    print(machine(*installed("pyinstaller", "PySide6-Essentials", "PySide6")))
    with tempfile.TemporaryDirectory(prefix="ctct-build-startup-") as temp:
        scratch = Path(temp)
        if options.build_dir is not None:
            folder = find_build(options.build_dir)
            print(f"reusing the build at {folder}")
        else:
            folder, took = build((options.keep or scratch / "dist").absolute(), scratch)
            print(f"built in {took:.0f} s (load average now {', '.join(f'{x:.2f}' for x in os.getloadavg())})")
        print_size(folder)
        elsewhere = scratch / "elsewhere"
        elsewhere.mkdir()
        build_env = private_env(scratch / "home-build", scratch / "pycache")
        venv_env = private_env(scratch / "home-venv", scratch / "pycache")
        exe = str(executable(folder))
        python = [sys.executable, "-m", "ctct_desktop"]
        idle = {"build": Side("build  ", [exe], {**build_env, PROBE_ENV: "idle"}, elsewhere),
                "venv": Side("venv   ", python, {**venv_env, PROBE_ENV: "idle"}, ROOT)}
        version = {"build": Side("build  ", [exe, "--version"], build_env, elsewhere),
                   "venv": Side("venv   ", [*python, "--version"], venv_env, ROOT)}
        printed = {name: exit_run(side.argv, side.env, side.cwd).stdout.strip() for name, side in version.items()}
        if printed["build"] != printed["venv"]:
            raise SystemExit(f"the build and the venv are not the same version: {printed}")
        for side in idle.values():
            one_run(side.argv, side.env, side.cwd)  # warm-up, not counted
        load_before = os.getloadavg()
        idles: dict[str, list[Run]] = {name: [] for name in idle}
        exits: dict[str, list[Exit]] = {name: [] for name in version}
        for _ in range(options.runs):
            for name in ("build", "venv"):
                side = idle[name]
                idles[name].append(one_run(side.argv, side.env, side.cwd)[0])
            for name in ("build", "venv"):
                side = version[name]
                exits[name].append(exit_run(side.argv, side.env, side.cwd))
        load_after = os.getloadavg()
    print(f"load average before: {', '.join(f'{x:.2f}' for x in load_before)} | "
          f"after: {', '.join(f'{x:.2f}' for x in load_after)}")
    print(f"{printed['build']} | platform plugin: offscreen | {options.runs} runs each, interleaved")
    print(f"build: {exe} (frozen, from its folder) | venv: {sys.executable} -m ctct_desktop")
    for name in ("build", "venv"):
        runs = idles[name]
        print(f"{idle[name].label}first idle: {spread([r.idle_s for r in runs], 's', 3)}; "
              f"peak RSS: {spread([r.peak_mib for r in runs], 'MiB', 1)}")
    for name in ("build", "venv"):
        done = exits[name]
        print(f"{version[name].label}--version:  {spread([r.seconds for r in done], 's', 3)}; "
              f"peak RSS: {spread([r.peak_mib for r in done], 'MiB', 1)}")
    build_idle, venv_idle = (median([r.idle_s for r in idles[n]]) for n in ("build", "venv"))
    build_peak, venv_peak = (median([r.peak_mib for r in idles[n]]) for n in ("build", "venv"))
    build_version, venv_version = (median([r.seconds for r in exits[n]]) for n in ("build", "venv"))
    print(f"ratio build/venv (medians): first idle {build_idle / venv_idle:.2f}x, "
          f"its peak memory {build_peak / venv_peak:.2f}x; --version {build_version / venv_version:.2f}x")


if __name__ == "__main__":
    main()
