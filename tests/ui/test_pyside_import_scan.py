"""PySide's per-import source check is replaced by a byte scan that gives the same answers."""

from __future__ import annotations

import sys
import types
from pathlib import Path

from ctct_desktop.ui import pyside_import_scan


def _feature() -> types.ModuleType:
    return sys.modules[pyside_import_scan.FEATURE_MODULE]


def test_the_app_installs_the_byte_scan_before_its_own_modules() -> None:
    import ctct_desktop.app  # noqa: F401

    check = getattr(_feature(), pyside_import_scan.CHECK)
    assert getattr(check, "reads_bytes", False)
    assert pyside_import_scan.install()  # a second install keeps the one in place
    assert getattr(_feature(), pyside_import_scan.CHECK) is check


def test_it_answers_as_pyside_does_for_every_loaded_module() -> None:
    import ctct_desktop.app  # noqa: F401 - many of ours, the standard library's and extensions

    original = getattr(_feature(), pyside_import_scan.CHECK).original
    modules = [module for module in list(sys.modules.values()) if isinstance(module, types.ModuleType)]
    differing = [module.__name__ for module in modules
                 if pyside_import_scan.source_mentions_pyside(module, original) != original(module)]
    assert len(modules) > 200 and not differing
    answers = {pyside_import_scan.source_mentions_pyside(module, original) for module in modules}
    assert answers == {True, False}


def test_modules_without_a_readable_source_go_to_the_fallback(tmp_path: Path) -> None:
    asked: list[str] = []

    def fallback(module: types.ModuleType) -> bool:
        asked.append(module.__name__)
        return False

    builtin = types.ModuleType("no_file")
    gone = types.ModuleType("gone")
    gone.__file__ = str(tmp_path / "gone.py")
    compiled = types.ModuleType("compiled")
    compiled.__file__ = str(tmp_path / "compiled.cpython-311-x86_64-linux-gnu.so")
    for module in (builtin, gone, compiled):
        assert pyside_import_scan.source_mentions_pyside(module, fallback) is False
    assert asked == ["no_file", "gone", "compiled"]
    (tmp_path / "uses.py").write_text("from PySide6 import QtCore\n", encoding="utf-8")
    uses = types.ModuleType("uses")
    uses.__file__ = str(tmp_path / "uses.py")
    assert pyside_import_scan.source_mentions_pyside(uses, fallback) is True
    assert asked == ["no_file", "gone", "compiled"]
