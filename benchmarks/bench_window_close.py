"""The window closed in the middle of a live session: how long until the app has exited.

Each launch is the app as a user runs it: ``translator gui --demo`` on a real X display (Xvfb)
with a private PulseAudio, Start pressed from the keyboard, a sentence spoken into the virtual
microphone and its translation arrived (so the sessions are live, audio flowing), then the
title bar's close (WM_DELETE_WINDOW). Measured: from the close to the process's exit, and its
status. The shutdown closes both sessions, the local server and the devices, and ends the
journal; the target is status 0 within 5 s, every time.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from benchmarks.stats import summarize
from tests.support.pulse import PrivatePulse
from tests.support.speech import EN, speech_wav
from tests.support.xvfb import (
    START_TIMEOUT_S,
    close_as_a_window_manager_does,
    launched,
    press_keys,
    wait_for_main_window,
    wait_until,
    xvfb_display,
)
from translator.transcript.journal import JOURNAL_SUFFIX, read_journal

TARGET_S = 5.0


def _translated(history: Path) -> bool:
    journals = sorted(history.glob(f"*{JOURNAL_SUFFIX}"))
    return bool(journals) and any(
        s.status == "completed" for s in read_journal(journals[-1]).run.segments
    )


def _one_launch(pulse: PrivatePulse, display: str, wav: Path, folder: Path) -> tuple[float, int]:
    """Seconds from the close to the exit, and the exit status."""
    data, config = folder / "data", folder / "config"
    env = {
        **pulse.env,
        "DISPLAY": display,
        "QT_QPA_PLATFORM": "xcb",
        "TRANSLATOR_DATA_DIR": str(data),
        "TRANSLATOR_CONFIG_DIR": str(config),
        "TRANSLATOR_CACHE_DIR": str(folder / "cache"),
    }
    env.pop("OPENAI_API_KEY", None)
    command = [sys.executable, "-m", "translator", "gui", "--demo"]
    with launched(command, env, folder / "log") as app:
        window = wait_for_main_window(display, app, folder / "log")
        press_keys(display, window, "ctrl+Return")
        subprocess.run(
            ["paplay", "--device=virtual_mic", str(wav)], env=env, check=True, timeout=120
        )
        wait_until(lambda: _translated(data / "history"), 120, "a translated row")
        closed = time.monotonic()
        close_as_a_window_manager_does(display, window)
        status = app.wait(timeout=START_TIMEOUT_S)
        return time.monotonic() - closed, status


def run(quick: bool) -> dict[str, Any]:
    launches = 2 if quick else 20
    seconds: list[float] = []
    statuses: list[int] = []
    with tempfile.TemporaryDirectory() as tmp, PrivatePulse() as pulse, xvfb_display() as display:
        root = Path(tmp)
        wav = speech_wav(root / "say.wav", EN[:1], gap_s=1.5)
        for launch in range(launches):
            folder = root / f"launch{launch}"
            folder.mkdir()
            took, status = _one_launch(pulse, display, wav, folder)
            seconds.append(took)
            statuses.append(status)
    good = sum(1 for s, code in zip(seconds, statuses, strict=True) if code == 0 and s < TARGET_S)
    return {
        "title": "Window closed mid-session: time to exit",
        "description": __doc__,
        "metrics": [summarize("close → exit", "s", seconds, f"< {TARGET_S:g} s, status 0")],
        "notes": (
            f"{good} of {launches} launches exited with status 0 within {TARGET_S:g} s "
            f"(statuses: {sorted(set(statuses))}; slowest {max(seconds):.2f} s). "
            f"{os.cpu_count()} CPUs; each launch a new process, data and settings folder."
        ),
    }
