"""The start-up preload readies the first send: the pipeline imported and the TLS context made."""

from __future__ import annotations

import subprocess
import sys

CHILD = """
import sys
from ctct_desktop.transport import tls
from ctct_desktop.ui.send_controller import preload_transport
before = dict(tls._contexts)
preload_transport()
print(len(before), sorted(tls._contexts), "ctct_desktop.send.running" in sys.modules)
"""


def test_preload_makes_the_verifying_tls_context_the_first_send_would_have_paid_for() -> None:
    done = subprocess.run([sys.executable, "-c", CHILD], capture_output=True, text=True, timeout=120, check=True)
    # no context before; the verifying one after; the pipeline imported
    assert done.stdout.strip() == "0 [True] True", done.stdout
