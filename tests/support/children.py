"""Helper processes that end with the test run that started them.

A run that crashes, is killed or times out must leave nothing running. Every helper a test starts
for longer than one call (PulseAudio, Xvfb, the app under test, a server) is started through
``setpriv --pdeathsig TERM`` (util-linux, on every Debian): the kernel sends it SIGTERM as soon as
the thread that started it ends, however the run ends. Start them from the main thread (or the
event loop's), never from a short-lived worker thread, whose end would stop them too.
"""

from __future__ import annotations

import shutil
from collections.abc import Sequence


def tied_to_this_process(command: Sequence[str]) -> list[str]:
    """``command``, prefixed so that it receives SIGTERM when this process dies."""
    setpriv = shutil.which("setpriv")
    assert setpriv is not None, "setpriv not found: apt-get install util-linux"
    return [setpriv, "--pdeathsig", "TERM", "--", *command]
