"""Python's cyclic garbage collector, run on the UI thread only.

Left automatic, the collector runs in whichever thread happens to allocate past its threshold: a
worker scanning a collection or importing the paged view then frees Qt objects from dead cycles
in that thread. A ``QObject`` destructor there takes Qt's connection lock and waits for the GIL
while the UI thread, holding the GIL, waits for that lock: the window freezes for good (seen in
the test suite: a collection scan's collection against a closing combo box). So automatic
collection is switched off and a timer on the UI thread collects each generation when its count
is past Python's own threshold, as qutebrowser does for the same reason.
"""

from __future__ import annotations

import gc

from PySide6 import QtCore

INTERVAL_MS = 500  # how often the counts are looked at; a collection of generation 0 takes < 1 ms


def collect_due() -> int | None:
    """Collect the oldest generation whose count is past its threshold (what automatic collection
    would have done by now); returns that generation, or None when none was due."""
    thresholds, counts = gc.get_threshold(), gc.get_count()
    for generation in reversed(range(len(thresholds))):
        if counts[generation] > thresholds[generation] > 0:
            gc.collect(generation)
            return generation
    return None


_frozen = False


def freeze_start_up() -> bool:
    """Once per process, when start-up's work and preloads are done: collect, then move every
    object that survives into the permanent generation, so later full collections skip them.
    Without it a full collection scanned the ~70,000 objects of the modules, classes and window
    made at start-up: 60-80 ms on the UI thread, every minute or so, wherever it fell (a large
    body's arrival included). Objects made later are collected as before. True when it froze."""
    global _frozen
    if _frozen:
        return False
    _frozen = True
    gc.collect()  # the cycles start-up left are freed, not kept forever
    gc.freeze()
    return True


class MainThreadCollector(QtCore.QObject):
    """Owns the timer; made once per application by ``install``."""

    def __init__(self, parent: QtCore.QObject, interval_ms: int = INTERVAL_MS) -> None:
        super().__init__(parent)
        self._timer = QtCore.QTimer(self)
        self._timer.setInterval(interval_ms)
        self._timer.timeout.connect(collect_due)
        self._timer.start()
        gc.disable()


def install(app: QtCore.QCoreApplication) -> MainThreadCollector:
    """Switch automatic collection off and collect from ``app``'s thread from now on (once per app)."""
    found = app.findChild(MainThreadCollector)
    return found if isinstance(found, MainThreadCollector) else MainThreadCollector(app)
