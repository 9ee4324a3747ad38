"""The seams of docs/architecture.md, enforced: Qt stays in the UI layer."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

PACKAGE = Path(__file__).resolve().parent.parent / "ctct_desktop"
UI_ONLY = {"ui", "app.py"}


def _non_ui_sources() -> list[Path]:
    files = []
    for path in PACKAGE.rglob("*.py"):
        rel = path.relative_to(PACKAGE)
        if rel.parts[0] not in UI_ONLY:
            files.append(path)
    return files


def _imported_modules(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


def test_no_qt_outside_the_ui_layer() -> None:
    offenders = {
        str(p.relative_to(PACKAGE)): sorted(m for m in _imported_modules(p)
                                            if m.split(".")[0] == "PySide6" or m.startswith("ctct_desktop.ui")
                                            or m == "ctct_desktop.app")
        for p in _non_ui_sources()
    }
    # The bare command opens the window: the CLI's front door may reach app.py, lazily, and nothing else may.
    offenders["cli/__init__.py"] = [m for m in offenders.get("cli/__init__.py", []) if m != "ctct_desktop.app"]
    offenders = {k: v for k, v in offenders.items() if v}
    assert offenders == {}, f"Qt (or the UI layer) imported outside ctct_desktop/ui: {offenders}"


def test_non_ui_packages_import_without_qt() -> None:
    """Import every non-UI module in a fresh interpreter and check PySide6 never got loaded."""
    modules = sorted(
        "ctct_desktop." + ".".join(p.relative_to(PACKAGE).with_suffix("").parts).removesuffix(".__init__")
        for p in _non_ui_sources()
        if p.name != "__main__.py"
    )
    code = (
        "import importlib, sys\n"
        f"for m in {modules!r}:\n"
        "    importlib.import_module(m)\n"
        "print('PySide6' in sys.modules)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "False"


def test_version_flag_does_not_import_qt() -> None:
    code = (
        "import sys\n"
        "from ctct_desktop.cli import run\n"
        "try:\n    run(['--version'])\nexcept SystemExit:\n    pass\n"
        "print('PySide6' in sys.modules)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    assert "ctct-desktop" in out.stdout
    assert out.stdout.strip().endswith("False")


def test_no_module_imports_another_modules_private_names() -> None:
    """A leading underscore means "this module's own": borrowing one couples two modules behind
    their public faces (the ticket view once took the diff window's body cutter that way)."""
    offenders = []
    for path in PACKAGE.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("ctct_desktop"):
                offenders += [f"{path.relative_to(PACKAGE)}: {node.module}.{alias.name}" for alias in node.names
                              if alias.name.startswith("_") and not alias.name.startswith("__")]
    assert offenders == [], f"private names imported from another module: {offenders}"


def test_every_signal_names_its_payload_types() -> None:
    """Typed signals (design.md, Style: qutebrowser): a signal says what it carries, never ``object``."""
    offenders = []
    for path in PACKAGE.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "Signal":
                if any(isinstance(arg, ast.Name) and arg.id == "object" for arg in node.args):
                    offenders.append(f"{path.relative_to(PACKAGE)}:{node.lineno}")
    assert offenders == []
