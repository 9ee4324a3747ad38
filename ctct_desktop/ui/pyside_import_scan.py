"""Make PySide6's import hook cheap for every module imported after this one.

Once PySide6 is imported, its ``__feature__`` support asks of each newly imported module whether
its source mentions "PySide6" (a module that does may opt into ``snake_case``/``true_property``).
It asks through ``inspect.getsource``, which tokenizes the file and walks ``sys.modules`` each
time: about 0.15 ms a module, 30-36 ms of the app's start-up for its ~215 modules (measured with
a timing wrapper around the check). The same question is answered here by reading the file's
bytes, which gives the same answer for any source file in an ASCII-compatible encoding (all of
ours and the standard library's). Anything else (no ``__file__``, an extension, a frozen build, a
file that cannot be read) still goes to PySide's own check. If a PySide release renames the
check, nothing is replaced and start-up is only slower.

Import this module before any other of ours in the GUI path (app.py does, first).
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from types import ModuleType

from PySide6 import QtCore  # noqa: F401 - imports shiboken's feature module, whose check is replaced

FEATURE_MODULE = "shibokensupport.feature"
CHECK = "_mod_uses_pyside"


def source_mentions_pyside(module: ModuleType, fallback: Callable[[ModuleType], bool]) -> bool:
    """Whether ``module``'s source file contains "PySide6"; ``fallback`` for modules without one."""
    path = getattr(module, "__file__", None)
    if not isinstance(path, str) or not path.endswith(".py"):
        return fallback(module)
    try:
        with open(path, "rb") as source:
            return b"PySide6" in source.read()
    except OSError:
        return fallback(module)


def install() -> bool:
    """Replace PySide's check once; True if it is (now or already) replaced."""
    feature = sys.modules.get(FEATURE_MODULE)
    original = getattr(feature, CHECK, None)
    if feature is None or not callable(original):
        return False
    if getattr(original, "reads_bytes", False):
        return True

    def check(module: ModuleType) -> bool:
        return source_mentions_pyside(module, original)

    check.reads_bytes = True  # type: ignore[attr-defined]
    check.original = original  # type: ignore[attr-defined]
    setattr(feature, CHECK, check)
    return True


install()
