"""Put a body file of any size into a paged view, Raw and Pretty, without the UI thread ever
doing work that grows with the body.

Raw: a worker indexes the file; the view shows rows as the index grows (the first screen after
the first megabyte). Pretty: the first 64 KiB are formatted in a worker thread into a second
file (a few milliseconds: the first screen), and the helper process (``ui/offload``) formats the
rest after them (``core/paging/pretty``), flushing after each chunk, while a third worker follows
that file and indexes it as it grows. The formatting is in a process because in a thread it held
the GIL for 12-20 s of CPU per 100 MB, in short steps that still added up to UI stalls of
120-500 ms on two cores (each time the UI thread took the GIL back it waited a switch
interval); the helper costs one interpreter's memory and half a second to start, which the head
formatted here hides. A body
that turns out broken or hostile falls back to Raw with the reason. Both indexes are kept, so
switching Pretty/Raw is a repaint. ``load`` of another body cancels every stage of this one.
"""

from __future__ import annotations

import sys
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6 import QtCore

from ctct_desktop.core.formatting import Syntax, detect_syntax
from ctct_desktop.core.paging import search
from ctct_desktop.core.paging.folded import FoldedCopy
from ctct_desktop.core.paging.follow import follow_file
from ctct_desktop.core.paging.rows import IndexCancelled, RowIndex, index_file
from ctct_desktop.ui import offload
from ctct_desktop.ui.paged_view.source import PagedSource
from ctct_desktop.ui.paged_view.view import PagedTextView
from ctct_desktop.ui.workers import start_task

if TYPE_CHECKING:
    from ctct_desktop.core.paging.pretty import PrettyFile

REFRESH_MS = 50  # how often a growing index is shown
PAGED_MODULES = ("ctct_desktop.core.paging.pretty",)  # what formatting needs: loaded while a large body downloads
PRELOADED = (  # what the first large body needs in this process, imported at idle after start-up
    "ctct_desktop.core.paging.pretty",  # lxml.etree alone: 35 ms of GIL
    "ctct_desktop.core.paging.search",
    "ctct_desktop.ui.paged_view.find_bar",
    "ctct_desktop.ui.highlighting.lexers",
    "pygments.lexers.html",  # the XML lexer (20 ms)
    "pygments.lexers.data",  # the JSON lexer
    "concurrent.futures.process",  # the helper process's pool (33 ms)
    "multiprocessing.spawn",  # and what starting it imports, while the body downloads
    "multiprocessing.synchronize",
    *(("multiprocessing.popen_spawn_win32",) if sys.platform == "win32" else
      ("multiprocessing.popen_spawn_posix", "multiprocessing.resource_tracker")),
    "ctct_desktop.transport.spool",
)


def preload() -> None:
    """Import what a large body needs, from a worker once the window is up (``start_services``).
    Imported when the first large body arrived, these modules held the GIL 150-200 ms in all,
    the UI thread waiting for them (or importing them itself) at the arrival: the 1 MB body's
    100-160 ms stall. Nothing is started: the helper process still starts on demand."""
    import importlib

    for name in PRELOADED:
        importlib.import_module(name)
    from ctct_desktop.core.formatting import Syntax
    from ctct_desktop.ui.highlighting.lexers import lexer_for

    lexer_for(Syntax.XML)  # a pygments RegexLexer compiles its class's rules at its first instance:
    # 10 ms of regex compiling the UI thread paid when the first large XML body's view was made


@dataclass(frozen=True)
class PagesState:
    """What the owner says about the body: which view, how far, and why Raw if it fell back."""

    view: str  # "raw" or "pretty"
    indexed: int = 0  # bytes of the shown file indexed so far
    total: int = 0  # the body's size
    formatting: bool = False  # the Pretty form is still being written
    note: str | None = None  # "Shown raw: …"


class PagedBody(QtCore.QObject):
    """Raw and Pretty pages of one body file in ``view``."""

    state = QtCore.Signal(PagesState)

    def __init__(self, view: PagedTextView) -> None:
        super().__init__(view)
        self.view = view
        self._cancel = threading.Event()
        self._raw: PagedSource | None = None
        self._pretty: PagedSource | None = None
        self._pretty_path: Path | None = None
        self._syntax = Syntax.TEXT
        self._wanted = "pretty"
        self._note: str | None = None
        self._formatting = False
        self._total = 0
        self._refresh = QtCore.QTimer(self, interval=REFRESH_MS)
        self._refresh.timeout.connect(self._show_progress)

    # ------------------------------------------------------------------ public

    def load(self, path: Path, content_type: str = "", pretty: bool = True) -> None:
        """Show ``path``; its Pretty form when ``pretty`` and the body has one."""
        self.cancel()
        self._cancel = cancel = threading.Event()
        self._wanted = "pretty" if pretty else "raw"
        self._note = None
        self._total = path.stat().st_size
        with open(path, "rb") as handle:
            self._syntax = detect_syntax(handle.read(64 << 10), content_type)
        self._raw = PagedSource(path, RowIndex(), FoldedCopy(path))
        self._start_raw(self._raw, cancel)
        if self._syntax in (Syntax.XML, Syntax.JSON):
            self._start_pretty(path, content_type, cancel)
        self._show()
        self._refresh.start()

    def set_pretty(self, pretty: bool) -> None:
        """The Pretty/Raw switch: both are indexed already (or being indexed), so this is a repaint."""
        self._wanted = "pretty" if pretty else "raw"
        self._show()

    @property
    def shown(self) -> str:
        return "pretty" if self.view.source is not None and self.view.source is self._pretty else "raw"

    @property
    def has_pretty(self) -> bool:
        """The body has a Pretty form, made or being made (XML and JSON, until formatting gives up)."""
        return self._pretty is not None

    @property
    def busy(self) -> bool:
        return self._formatting or any(source is not None and not source.index.complete
                                       for source in (self._raw, self._pretty))

    def cancel(self) -> None:
        """Stop every stage (the helper process too) and close the files."""
        self._cancel.set()
        self._refresh.stop()
        self._formatting = False
        self.view.set_source(None)
        for source in (self._raw, self._pretty):
            if source is not None:
                source.close()
        if self._pretty_path is not None:
            self._pretty_path.unlink(missing_ok=True)
        self._raw = self._pretty = None
        self._pretty_path = None

    # ------------------------------------------------------------------ stages

    def _start_raw(self, source: PagedSource, cancel: threading.Event) -> None:
        path, index, folded = source.path, source.index, source.folded

        def work(_progress: object) -> bool:
            search.warm_up()  # the find bar's first search then reads into memory used before
            try:
                index_file(path, index, cancel=cancel, folded=folded)
            except (IndexCancelled, OSError):
                return False
            return True

        start_task(work, lambda _ok: self._show_progress(), owner=self)

    def _start_pretty(self, path: Path, content_type: str, cancel: threading.Event) -> None:
        target = path.with_name(path.name + ".pretty")
        target.unlink(missing_ok=True)
        self._pretty_path = target
        self._pretty = pretty = PagedSource(target, RowIndex(), FoldedCopy(target))
        written = threading.Event()
        self._formatting = True

        def format_body(_progress: object) -> PrettyFile | None:
            from ctct_desktop.core.paging.pretty import PrettyCancelled, pretty_head, pretty_rest  # deferred: start-up (measured: lxml)

            try:
                if cancel.is_set():
                    return None
                offload.warm_up(*PAGED_MODULES)  # when not warmed during the download: the helper starts
                # (half a second) while the head is formatted here
                head = pretty_head(path, target, content_type)
                if cancel.is_set():
                    return None
                return offload.run(pretty_rest, path, target, content_type, head, cancel=cancel)
            except (PrettyCancelled, offload.OffloadCancelled, OSError):
                return None
            finally:
                if cancel.is_set():  # the helper may have created it after cancel() removed it
                    target.unlink(missing_ok=True)
                written.set()

        def follow(_progress: object) -> bool:
            try:
                follow_file(target, pretty.index, written.is_set, cancel=cancel, folded=pretty.folded)
            except (IndexCancelled, OSError):
                return False
            return True

        start_task(format_body, lambda result: self._formatted(pretty, result), owner=self)
        start_task(follow, lambda _ok: self._show_progress(), owner=self)

    def _formatted(self, pretty: PagedSource, result: PrettyFile | None) -> None:
        if pretty is not self._pretty:
            return  # another body was loaded since
        self._formatting = False
        if result is None or result.path is None:
            self._note = result.note if result is not None else None
            self._pretty = None
            pretty.close()
            self._show()
        self._show_progress()

    # ------------------------------------------------------------------ showing

    def _show(self) -> None:
        wanted = self._pretty if self._wanted == "pretty" and self._pretty is not None else self._raw
        if wanted is not self.view.source:
            syntax = self._syntax if wanted is self._pretty or self._syntax is not Syntax.BINARY else Syntax.TEXT
            self.view.set_source(wanted, syntax)
        self._show_progress()

    def _show_progress(self) -> None:
        source = self.view.source
        if source is None:
            return
        self.view.rows_changed()
        done = not self.busy
        self.state.emit(PagesState(self.shown, source.index.size, self._total, self._formatting, self._note))
        if done:
            self._refresh.stop()
