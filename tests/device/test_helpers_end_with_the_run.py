"""A test run that crashes or is killed leaves nothing running: the private PulseAudio and the
Xvfb it started end with it (``tests/support/children.py``)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

pytestmark = [pytest.mark.device]

ROOT = Path(__file__).resolve().parents[2]

# A stand-in for a test run: starts both helpers as the fixtures do, says so, then hangs.
RUN = """
import time
from tests.support.pulse import PrivatePulse
from tests.support.xvfb import xvfb_display
pulse = PrivatePulse().start()
with xvfb_display():
    print("started", flush=True)
    time.sleep(600)
"""


def _children(pid: int) -> list[int]:
    found: list[int] = []
    for task in Path(f"/proc/{pid}/task").iterdir():
        found += [int(child) for child in (task / "children").read_text().split()]
    return found


def _running(pid: int) -> bool:
    """Alive and not a zombie (a process whose parent died waits for init to reap it)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except FileNotFoundError:
        return False
    return stat.rsplit(")", 1)[1].split()[0] != "Z"


def test_a_killed_run_leaves_no_pulseaudio_or_xvfb_behind() -> None:
    run = subprocess.Popen([sys.executable, "-c", RUN], cwd=ROOT, stdout=subprocess.PIPE, text=True)
    helpers: list[int] = []
    try:
        assert run.stdout is not None and run.stdout.readline().strip() == "started"
        helpers = _children(run.pid)
        names = sorted(Path(f"/proc/{pid}/comm").read_text().strip() for pid in helpers)
        assert names == ["Xvfb", "pulseaudio"]
        run.kill()  # as a crash or `kill -9` ends a run: no clean-up code runs
        run.wait()
        deadline = time.monotonic() + 30
        while any(_running(pid) for pid in helpers):
            left = [pid for pid in helpers if _running(pid)]
            assert time.monotonic() < deadline, f"still running after the run died: {left}"
            time.sleep(0.1)
    finally:
        if run.poll() is None:
            run.kill()
            run.wait()
        for pid in helpers:
            if _running(pid):
                os.kill(pid, signal.SIGKILL)
