"""What keeps the first large body from stalling the window: the GIL handed over every
millisecond, and the paged view's modules imported at idle after start-up."""

from __future__ import annotations

import subprocess
import sys

from ctct_desktop.app import SWITCH_INTERVAL_S, create_application
from ctct_desktop.ui.paged_view.body_pages import PRELOADED


def test_the_application_hands_the_gil_over_every_millisecond(qapp) -> None:
    before = sys.getswitchinterval()
    try:
        sys.setswitchinterval(0.005)
        create_application()
        assert sys.getswitchinterval() == SWITCH_INTERVAL_S <= 0.001
    finally:
        sys.setswitchinterval(before)


def test_preload_imports_what_a_large_body_needs_in_a_fresh_interpreter() -> None:
    """In a child interpreter (this one has them all already): none of them is loaded at first,
    every one after ``preload`` (a name that no longer imports fails here, not in a user's worker)."""
    code = (
        "import sys\n"
        "from ctct_desktop.ui.paged_view.body_pages import PRELOADED, preload\n"
        "missing = [name for name in PRELOADED if name not in sys.modules]\n"
        "preload()\n"
        "print(len(missing), [name for name in PRELOADED if name not in sys.modules])\n"
        "from pygments.lexers.html import XmlLexer\n"
        "print(all('_tokens' in lexer.__dict__ for lexer in (XmlLexer,)))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=True)
    counts, compiled = done.stdout.strip().splitlines()
    missing_before, still_missing = counts.split(" ", 1)
    assert compiled == "True"  # the lexers' rules are compiled here, not on the UI thread at arrival
    assert int(missing_before) >= 3  # body_pages alone does not import the formatter, lexers or the pool
    assert still_missing == "[]"
    assert "ctct_desktop.core.paging.pretty" in PRELOADED
