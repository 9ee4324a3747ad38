"""Run CPU-heavy pure functions (pretty-printing, lexing) in a helper process.

A worker thread doing pure-Python work holds the GIL and makes the UI thread wait for it (a
20 MB body measured 300 ms stalls). A separate process has its own GIL. The pool is started
lazily (``warm_up`` when a large body is on its way) with the "spawn" method, which is safe
in a process that runs Qt threads; when processes cannot be used, work runs in the calling
thread instead. No Qt here.
"""

from __future__ import annotations

import atexit
import os
import sys
import threading
from collections.abc import Callable
from concurrent.futures import BrokenExecutor, CancelledError, Future
from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:
    from concurrent.futures import ProcessPoolExecutor

T = TypeVar("T")

_lock = threading.Lock()
_pool: ProcessPoolExecutor | None = None
_disabled = False
_epoch = 0  # bumped by shutdown(): calls in flight then give up instead of running locally


def _lower_priority() -> None:
    """Runs in the helper process: yield the CPU to the UI thread when both want it."""
    try:
        os.nice(10)
    except (AttributeError, OSError):  # not on this platform, or not allowed: run at normal priority
        pass


def _get_pool() -> ProcessPoolExecutor | None:
    global _pool, _disabled
    with _lock:
        if _pool is None and not _disabled:
            import multiprocessing  # deferred: start-up (measured: with the next line, ~20 ms)
            from concurrent.futures import ProcessPoolExecutor  # deferred: start-up (measured)

            try:
                _pool = ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("spawn"),
                                            initializer=_lower_priority)
            except (OSError, ValueError, NotImplementedError):
                _disabled = True
        return _pool


def _import(modules: tuple[str, ...]) -> None:
    """Runs in the helper process (and in a thread of ours): have these modules loaded."""
    import importlib

    for name in modules:
        importlib.import_module(name)


_warming = threading.Lock()
_warmed: set[str] = set()  # modules asked for already (imported, or on their way)
_WARM_STARTED = "<a warm-up thread was started>"  # in ``_warmed`` until the pool is reset


def warm_up(*modules: str) -> None:
    """Start the helper process now (about 0.3 s) and have ``modules`` imported in it and in this
    process, so the first use is fast; returns at once (the work is done in a thread: creating the
    pool and importing cost tens of milliseconds of GIL, which a response on its way can hide)."""
    if _warmed.issuperset(modules) and _WARM_STARTED in _warmed:
        return  # called on every progress report of a download: nothing to do again (no lock:
        # the warm-up thread holds it while it creates the pool, and this runs on the UI thread)
    with _lock:
        if _warmed.issuperset(modules) and _WARM_STARTED in _warmed:
            return
        _warmed.update((*modules, _WARM_STARTED))
    threading.Thread(target=_warm, args=(modules,), name="offload-warm-up", daemon=True).start()


def _lower_this_thread() -> None:
    """Linux keeps a nice value per thread, and a child process starts with its parent thread's:
    lowered here, the helper this thread starts yields the CPU to the window from its first
    instruction, not from its initializer on (its start-up is half a second of CPU, spent while a
    large body arrives). Elsewhere a nice value is the whole process's: left alone."""
    if sys.platform.startswith("linux"):
        try:
            os.setpriority(os.PRIO_PROCESS, threading.get_native_id(), 10)
        except OSError:
            pass


def _warm(modules: tuple[str, ...]) -> None:
    _lower_this_thread()
    with _warming:
        pool = _get_pool()
        if pool is not None:
            try:
                pool.submit(_import, modules)
            except (RuntimeError, BrokenExecutor):
                _reset()
        try:
            _import(modules)
        except ImportError:
            pass  # the real use will say so


def _reset() -> None:
    global _pool
    with _lock:
        broken, _pool = _pool, None
        _warmed.clear()
    if broken is not None:
        broken.shutdown(wait=False, cancel_futures=True)


class OffloadCancelled(Exception):
    """The caller's cancel event was set before the helper process answered."""


def _kill(pool: ProcessPoolExecutor) -> None:
    """Stop a helper that is busy with unwanted work; a fresh one starts on next use."""
    for process in list((getattr(pool, "_processes", None) or {}).values()):  # None once shut down
        process.terminate()
    _reset()


def run(fn: Callable[..., T], *args: Any, cancel: threading.Event | None = None) -> T:
    """Blocking: run ``fn(*args)`` in the helper process; in this thread if that is impossible.

    ``fn`` must be a module-level function of a Qt-free module. Call from a worker thread.
    Setting ``cancel`` stops the work (killing the helper if it already started) and raises
    OffloadCancelled.
    """
    epoch = _epoch
    pool = _get_pool()
    if pool is None:
        return fn(*args)
    try:
        future: Future[T] = pool.submit(fn, *args)
        while True:
            if cancel is not None and cancel.is_set():
                if not future.cancel():
                    _kill(pool)
                raise OffloadCancelled()
            if epoch != _epoch:  # shutdown() abandoned this helper: its futures may never resolve
                raise OffloadCancelled()
            try:
                return future.result(timeout=0.05)
            except TimeoutError:
                continue
            except CancelledError:  # shutdown() (quitting) dropped it before the helper began
                raise OffloadCancelled() from None
    except (BrokenExecutor, RuntimeError, OSError):
        if cancel is not None and cancel.is_set() or epoch != _epoch:
            raise OffloadCancelled() from None
        _reset()  # a helper that died is replaced on next use; this call still gets its answer
        return fn(*args)


def shutdown() -> None:
    """Stop the helper at once (unfinished work is abandoned), so quitting never waits for it."""
    global _pool, _epoch
    with _lock:
        pool, _pool = _pool, None
        _epoch += 1
        _warmed.clear()
    if pool is not None:
        for process in list((getattr(pool, "_processes", None) or {}).values()):
            process.terminate()
        pool.shutdown(wait=False, cancel_futures=True)


atexit.register(shutdown)
