"""The one PyInstaller spec stays buildable on macOS and Windows, checked here on Linux without building.

The spec chooses its settings by ``sys.platform``, and only Linux is built in CI, so a wrong name in
the other branches would show only on a Mac or a Windows machine. Here the spec's text runs with
PyInstaller's names (Analysis, PYZ, EXE, COLLECT, BUNDLE and the hooks it imports) bound to recording
stand-ins and ``sys`` seen through a proxy that reports another platform, so nothing is analysed or
written except the licence copy the Linux and Windows branches make (into a temporary DISTPATH).
"""

from __future__ import annotations

import builtins
import importlib.util
import inspect
import sys
import types
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from ctct_desktop import __version__
from ctct_desktop.cli.desktop_entry import APP_ID

ROOT = Path(__file__).resolve().parents[2]
SPEC = ROOT / "packaging" / "ctct-desktop.spec"
NAME = "ctct-desktop"
KEYRING_BACKENDS = {"darwin": "keyring.backends.macOS", "win32": "keyring.backends.Windows",
                    "linux": "keyring.backends.SecretService"}
QT_THE_APP_USES = {"PySide6.QtCore", "PySide6.QtGui", "PySide6.QtWidgets", "PySide6.QtSvg"}


@dataclass
class Call:
    kind: str
    args: tuple[Any, ...]
    kwargs: dict[str, Any]
    # What the spec reads from the result (a.pure, a.scripts...): names standing for the lists.
    pure: str = "pure"
    scripts: str = "scripts"
    binaries: str = "binaries"
    datas: str = "datas"


@dataclass
class Evaluated:
    platform: str
    calls: list[Call] = field(default_factory=list)
    submodules_of: list[str] = field(default_factory=list)
    metadata_of: list[str] = field(default_factory=list)
    dist: Path = Path()

    def only(self, kind: str) -> Call:
        found = [call for call in self.calls if call.kind == kind]
        assert len(found) == 1, f"{self.platform}: expected one {kind}, the spec made {len(found)}"
        return found[0]

    def made(self, kind: str) -> bool:
        return any(call.kind == kind for call in self.calls)


class _PlatformSys(types.ModuleType):
    """``sys`` as the spec sees it: the real module, but another ``platform``."""

    def __init__(self, platform: str) -> None:
        super().__init__("sys")
        self.platform = platform

    def __getattr__(self, name: str) -> Any:
        return getattr(sys, name)


def evaluate(platform: str, tmp_path: Path) -> Evaluated:
    """Run the spec's text as PyInstaller would on ``platform``, recording what it asks for."""
    record = Evaluated(platform, dist=tmp_path / "dist")
    (record.dist / NAME).mkdir(parents=True)
    hooks = types.ModuleType("PyInstaller.utils.hooks")

    def collect_submodules(package: str) -> list[str]:
        record.submodules_of.append(package)
        return [package]

    def copy_metadata(distribution: str) -> list[tuple[str, str]]:
        record.metadata_of.append(distribution)
        return []

    hooks.collect_submodules = collect_submodules  # type: ignore[attr-defined]
    hooks.copy_metadata = copy_metadata  # type: ignore[attr-defined]
    platform_sys = _PlatformSys(platform)
    real_import = builtins.__import__

    def spec_import(name: str, globals_: Any = None, locals_: Any = None, fromlist: Any = (), level: int = 0) -> Any:
        if name == "sys":
            return platform_sys
        if name == "PyInstaller.utils.hooks":
            return hooks
        return real_import(name, globals_, locals_, fromlist, level)

    def stand_in(kind: str) -> Any:
        def make(*args: Any, **kwargs: Any) -> Call:
            call = Call(kind, args, kwargs)
            record.calls.append(call)
            return call
        return make

    namespace: dict[str, Any] = {
        "__builtins__": {**vars(builtins), "__import__": spec_import},
        "__name__": "__main__",
        "SPECPATH": str(SPEC.parent),
        "DISTPATH": str(record.dist),
        **{kind: stand_in(kind) for kind in ("Analysis", "PYZ", "EXE", "COLLECT", "BUNDLE")},
    }
    exec(compile(SPEC.read_text(encoding="utf-8"), str(SPEC), "exec"), namespace)
    return record


def _icon_containers() -> types.ModuleType:
    where = ROOT / "packaging" / "icon_containers.py"
    loader_spec = importlib.util.spec_from_file_location("icon_containers", where)
    assert loader_spec is not None and loader_spec.loader is not None
    module = importlib.util.module_from_spec(loader_spec)
    loader_spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("platform", ["darwin", "win32", "linux"])
def test_every_platform_builds_one_folder_of_the_whole_package(platform: str, tmp_path: Path) -> None:
    spec = evaluate(platform, tmp_path)
    analysis, exe, collect = spec.only("Analysis"), spec.only("EXE"), spec.only("COLLECT")
    scripts = analysis.args[0]
    assert [Path(s) for s in scripts] == [ROOT / "ctct_desktop" / "__main__.py"]
    assert spec.only("PYZ").args == ("pure",)
    assert exe.kwargs["name"] == NAME and exe.kwargs["exclude_binaries"] is True  # one folder, not one file
    assert collect.args[0] is exe and collect.kwargs["name"] == NAME
    assert spec.submodules_of == ["ctct_desktop"]  # subcommands and rules are imported by name at run time
    assert "keyring" in spec.metadata_of  # keyring finds its backends through its entry points
    excluded = set(analysis.kwargs["excludes"])
    assert not excluded & QT_THE_APP_USES


@pytest.mark.parametrize("platform", ["darwin", "win32", "linux"])
def test_every_data_file_the_spec_names_exists_and_lands_inside_the_build(platform: str, tmp_path: Path) -> None:
    datas = evaluate(platform, tmp_path).only("Analysis").kwargs["datas"]
    missing = [source for source, _target in datas if not Path(source).is_file()]
    assert not missing, f"{platform}: the spec names files that do not exist: {missing}"
    outside = [target for _source, target in datas if Path(target).is_absolute() or ".." in Path(target).parts]
    assert not outside
    targets = {(Path(source).name, Path(target).as_posix()) for source, target in datas}
    for shipped in (("LICENSE", "."), ("README.md", "ctct_desktop/sandbox"),
                    ("saved-work-format.md", "ctct_desktop/store"), ("ctct-desktop.desktop", "ctct_desktop/_resources/desktop"),
                    ("ctct-desktop.svg", "ctct_desktop/_resources/icons")):
        assert shipped in targets, f"{platform}: {shipped} is not in the build"


@pytest.mark.parametrize("platform", ["darwin", "win32", "linux"])
def test_each_platform_gets_its_own_keyring_backend_and_only_that_one(platform: str, tmp_path: Path) -> None:
    hidden = set(evaluate(platform, tmp_path).only("Analysis").kwargs["hiddenimports"])
    assert KEYRING_BACKENDS[platform] in hidden
    assert not hidden & (set(KEYRING_BACKENDS.values()) - {KEYRING_BACKENDS[platform]})
    for name in sorted(n for n in hidden if n.startswith("keyring.")):
        assert importlib.util.find_spec(name) is not None, f"{platform}: {name} is not a module of keyring"


def test_linux_backend_dependencies_are_named_and_importable(tmp_path: Path) -> None:
    hidden = set(evaluate("linux", tmp_path).only("Analysis").kwargs["hiddenimports"])
    assert {"secretstorage", "jeepney"} <= hidden
    for name in sorted(hidden - {"ctct_desktop"}):  # this is the platform the test runs on: all must exist
        assert importlib.util.find_spec(name) is not None, f"linux: hidden import {name} does not exist"


def test_darwin_gets_an_app_bundle_with_the_bundle_id_version_and_an_icns_icon(tmp_path: Path) -> None:
    spec = evaluate("darwin", tmp_path)
    bundle = spec.only("BUNDLE")
    assert bundle.args == (spec.only("COLLECT"),)
    assert bundle.kwargs["name"] == "CTCT Desktop.app"
    assert bundle.kwargs["bundle_identifier"] == APP_ID
    assert bundle.kwargs["version"] == __version__
    assert bundle.kwargs["info_plist"]["CFBundleShortVersionString"] == __version__
    icon = Path(bundle.kwargs["icon"])
    assert icon.suffix == ".icns" and icon.is_file(), f"the macOS icon {icon} is missing"
    assert spec.only("EXE").kwargs["icon"] == bundle.kwargs["icon"]
    sizes = _icon_containers().read_icns(icon.read_bytes())
    assert {128, 256, 512} <= set(sizes), f"the .icns holds {sorted(sizes)} px"
    assert not (spec.dist / NAME / "LICENSE").exists()  # the .app carries it inside, in _internal


def test_win32_gets_an_ico_icon_that_exists_and_no_bundle(tmp_path: Path) -> None:
    spec = evaluate("win32", tmp_path)
    assert not spec.made("BUNDLE")
    icon = Path(spec.only("EXE").kwargs["icon"] or "")
    assert icon.suffix == ".ico" and icon.is_file(), f"the Windows icon {icon} is missing"
    sizes = _icon_containers().read_ico(icon.read_bytes())
    assert {16, 32, 48, 256} <= set(sizes), f"the .ico holds {sorted(sizes)} px"
    assert (spec.dist / NAME / "LICENSE").read_text(encoding="utf-8").startswith("MIT License")


def test_linux_gets_no_bundle_and_the_licence_beside_the_executable(tmp_path: Path) -> None:
    spec = evaluate("linux", tmp_path)
    assert not spec.made("BUNDLE")
    assert spec.only("EXE").kwargs["icon"] is None  # the desktop entry's hicolor icons serve Linux
    assert (spec.dist / NAME / "LICENSE").read_text(encoding="utf-8") == (ROOT / "LICENSE").read_text(encoding="utf-8")


@pytest.mark.parametrize("platform", ["darwin", "win32", "linux"])
def test_the_analysis_arguments_are_ones_pyinstaller_takes(platform: str, tmp_path: Path) -> None:
    """Analysis is the one target with a declared signature; a misspelt keyword fails the bind."""
    build_main = pytest.importorskip("PyInstaller.building.build_main")  # the build extra
    call = evaluate(platform, tmp_path).only("Analysis")
    inspect.signature(build_main.Analysis.__init__).bind(None, *call.args, **call.kwargs)
