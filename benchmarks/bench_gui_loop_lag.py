"""Event-loop lag of the window during a live two-way demo session.

The real main window (offscreen platform) runs on the qasync loop with a call in progress: both
directions speaking at once (my English and their Spanish, each from a WAV file through the WAV
backend in real time), against the local server in its own process (``translator serve``, the
demo brain), with transcripts, meters, status and the bill updating as in use. A periodic
asyncio timer asks to run every 10 ms; its lag is how late it actually ran (actual − scheduled).
Lag is what the user feels as a sluggish window and what delays audio hand-off on the loop.
The same timer on the idle window (no session) is the baseline.
"""

from __future__ import annotations

import asyncio
import contextlib
import math
import os
import subprocess
import sys
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import numpy as np

from benchmarks.stats import summarize
from tests.support.speech import EN, ES, write_wav
from translator.server.tts import RATE, synthesize

PERIOD_S = 0.010
TARGET = "p99 < 50 ms"


@contextlib.contextmanager
def _served() -> Iterator[str]:
    """``translator serve`` in its own process; its URL."""
    server = subprocess.Popen(
        [sys.executable, "-m", "translator", "serve", "--port", "0"],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert server.stdout is not None
        url = server.stdout.readline().strip()
        if not url.startswith("ws://"):
            raise RuntimeError(f"translator serve did not print its URL (got {url!r})")
        yield url
    finally:
        server.terminate()
        server.wait(timeout=30)


def _track(path: Path, entries: list[Any], seconds: float) -> str:
    """Speech with short pauses, long enough to keep talking for ``seconds``."""
    parts = [np.zeros(int(0.3 * RATE), np.int16)]
    while sum(p.size for p in parts) < seconds * RATE:
        for entry in entries:
            parts += [synthesize(entry.text, entry.language), np.zeros(int(0.9 * RATE), np.int16)]
    return str(write_wav(path, np.concatenate(parts)))


async def _lag(seconds: float) -> list[float]:
    """Run a 10 ms timer for ``seconds``; how late each tick ran, in ms."""
    loop = asyncio.get_running_loop()
    lags: list[float] = []
    done = loop.create_future()
    end = loop.time() + seconds

    def tick(scheduled: float) -> None:
        now = loop.time()
        lags.append((now - scheduled) * 1000)
        if now >= end:
            done.set_result(None)
            return
        following = max(scheduled + PERIOD_S, now)  # never catch up in a burst
        loop.call_at(following, tick, following)

    first = loop.time() + PERIOD_S
    loop.call_at(first, tick, first)
    await done
    return lags


async def _measure(url: str, folder: Path, idle_s: float, live_s: float) -> dict[str, Any]:
    from translator.audio.backends import AudioBackend, WavFileBackend
    from translator.gui.controller import InterpreterController
    from translator.gui.main_window import MainWindow
    from translator.settings import Settings

    lead_s = 8.0  # connecting and the first turns before the measurement
    me = _track(folder / "me.wav", EN, live_s + lead_s)
    them = _track(folder / "them.wav", ES, live_s + lead_s)
    to_them, to_me = str(folder / "to-them.wav"), str(folder / "to-me.wav")

    def wav_devices(settings: Settings) -> AudioBackend:
        backend = WavFileBackend()
        backend.add_input_file(me, Path(me))
        backend.add_input_file(them, Path(them))
        backend.add_output_file(to_them, Path(to_them), RATE)
        backend.add_output_file(to_me, Path(to_me), RATE)
        return backend

    controller = InterpreterController(
        demo=True, server_url=url, backend_factory=wav_devices, keep_history=False
    )
    window = MainWindow(controller)
    window.set_devices([me, them], [to_them, to_me])
    window.show()
    idle = await _lag(idle_s)
    window.mode.setCurrentIndex(window.mode.findData("call"))
    window.return_input_device.setCurrentIndex(1)
    window.return_output_device.setCurrentIndex(1)
    window.toggle()
    await _until(lambda: window.status.text().count(": live") == 2, 60)
    await _until(lambda: window.transcript.rowCount() >= 2, 60)  # both sides are talking
    rows_before = window.transcript.rowCount()
    live = await _lag(live_s)
    rows_during = window.transcript.rowCount() - rows_before
    speakers = {window.transcript.item(r, 0).text() for r in range(window.transcript.rowCount())}
    window.toggle()
    await _until(lambda: not controller.running, 60)
    window.close()
    return {"idle": idle, "live": live, "rows": rows_during, "speakers": sorted(speakers)}


async def _until(condition: Callable[[], bool], timeout: float) -> None:
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while not condition():
        if loop.time() > deadline:
            raise RuntimeError("the demo session did not get going")
        await asyncio.sleep(0.05)


def _row(name: str, lags: list[float], target: str = "") -> dict[str, object]:
    row = summarize(name, "ms", lags, target)
    row["p99"] = float(np.percentile(np.asarray(lags), 99))
    return row


def run(quick: bool) -> dict[str, Any]:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtWidgets import QApplication
    from qasync import QEventLoop

    app = QApplication.instance() or QApplication(sys.argv[:1])
    idle_s, live_s = (2.0, 5.0) if quick else (5.0, 20.0)
    with (
        tempfile.TemporaryDirectory() as folder,
        _served() as url,
        asyncio.Runner(loop_factory=lambda: QEventLoop(app)) as runner,
    ):
        found = runner.run(_measure(url, Path(folder), idle_s, live_s))
    live, idle = found["live"], found["idle"]
    p99 = float(np.percentile(live, 99))
    return {
        "title": "Window event-loop lag during a live two-way demo session",
        "description": __doc__,
        "metrics": [
            _row("loop lag, live call (both sides speaking)", live, TARGET),
            _row("loop lag, idle window", idle),
        ],
        "notes": (
            f"{live_s:g} s live ({len(live)} ticks of a {PERIOD_S * 1000:g} ms timer), "
            f"{idle_s:g} s idle; {found['rows']} transcript rows arrived during the "
            f"measurement, speakers {', '.join(found['speakers'])}. p99 live "
            f"{p99:.1f} ms ({'meets' if p99 < 50 else 'misses'} the target {TARGET}). "
            "The server runs in its own process (translator serve). qasync turns timers into "
            "QTimers of whole milliseconds, so a tick can run up to ~1 ms early (negative lag) "
            f"and ~1 ms is the noise floor; {math.ceil(live_s / PERIOD_S)} ticks expected."
        ),
    }
