"""Processing CPU of two full-duplex 48 kHz routes on the in-memory backend.

Everything the audio core does per second of audio — capture hand-off, down-mix, resampling to
24 kHz, chunking, passthrough with drift correction, playback resampling, mixing, ducking,
meters — with the devices simulated, so only the core's own work is counted (process CPU
time, not wall time). Measured two ways: back to back as fast as possible (the work itself,
with warm caches), and paced in real time on the event loop (as it runs for real: woken on every
device block, with cold caches and the loop's own overhead).
"""

from __future__ import annotations

import asyncio
import time

from benchmarks.audio_rig import TwoRoutes, memory_devices
from benchmarks.stats import summarize
from translator.audio.backends import ManualClock, MemoryBackend
from translator.audio.router import BLOCK_MS


def rig() -> tuple[MemoryBackend, TwoRoutes]:
    backend = MemoryBackend(ManualClock())
    for device in memory_devices():
        backend.add_device(device)
    return backend, TwoRoutes(backend, {name: name for name in backend.devices})


def back_to_back(seconds: float) -> float:
    backend, routes = rig()
    routes.router.start()
    started = time.process_time()
    for _ in range(round(seconds / 0.01)):
        routes.feed_speech()
        backend.advance(0.01)
        routes.router.pump()
    used = time.process_time() - started
    routes.router.close()
    return 100.0 * used / seconds


async def paced(seconds: float) -> float:
    backend, routes = rig()
    runner = asyncio.create_task(routes.router.run())

    async def feed() -> None:
        while True:
            routes.feed_speech()
            await asyncio.sleep(0.05)

    feeder = asyncio.create_task(feed())
    started = time.process_time()
    await backend.run(seconds, realtime=True, step_ms=BLOCK_MS)
    used = time.process_time() - started
    for task in (feeder, runner):
        task.cancel()
    await asyncio.gather(feeder, runner, return_exceptions=True)
    return 100.0 * used / seconds


def run(quick: bool) -> dict[str, object]:
    runs, seconds = (3, 2.0) if quick else (15, 20.0)
    paced_runs, paced_seconds = (1, 2.0) if quick else (6, 8.0)
    back_to_back(0.5)  # warm-up: imports, first allocations
    hot = [back_to_back(seconds) for _ in range(runs)]
    real_time = [asyncio.run(paced(paced_seconds)) for _ in range(paced_runs)]
    return {
        "title": "Audio core CPU, two full-duplex routes at 48 kHz (in-memory devices)",
        "description": __doc__,
        "metrics": [
            summarize("back to back, both routes", "% of one core per audio s", hot, target="< 3"),
            summarize("paced in real time, both routes", "% of one core per audio s", real_time),
        ],
        "notes": f"{runs} back-to-back runs of {seconds:g} s of audio and {paced_runs} real-time "
        f"runs of {paced_seconds:g} s; {BLOCK_MS:g} ms device blocks, 20 ms chunks, stereo "
        "devices, translated speech playing on both outputs throughout. The in-memory "
        "backend's own bookkeeping (calling back, recording outputs) is included, so this slightly "
        "overstates the core. The real-time figure moves with the machine's load (an idle "
        "CPU wakes slowly).",
    }
