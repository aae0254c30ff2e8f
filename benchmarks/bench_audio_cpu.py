"""Processing CPU of two full-duplex 48 kHz routes on the in-memory backend.

Everything the audio core does per second of audio — capture hand-off, down-mix, resampling to
24 kHz, chunking, passthrough with drift correction, playback resampling, mixing, ducking,
meters — with the devices simulated, so only the core's own work is counted (process CPU
time, not wall time). Measured two ways: back to back as fast as possible (the work itself,
with warm caches), and paced in real time on the event loop (as it runs for real: woken on every
device block, with cold caches and the loop's own overhead).

Why the two differ so much on a virtual machine: the same 10 ms block of both routes is also
timed alone, in thread CPU time, back to back and after the thread slept 0.5, 2 and 10 ms
before it. Work done just after a wake-up runs several times slower, the more so the longer
the sleep: that, not the amount of work, is most of what real-time figures measure here.
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


def block_after_sleep(sleep_s: float, blocks: int) -> float:
    """Thread CPU (µs) of one device block of both routes, each block after ``sleep_s`` asleep."""
    backend, routes = rig()
    routes.router.start()
    for _ in range(20):  # past the start-up: prebuffers filled, resamplers primed
        routes.feed_speech()
        backend.advance(0.01)
        routes.router.pump()
    used = 0.0
    for _ in range(blocks):
        routes.feed_speech()  # not timed: the event loop's share is measured by ``paced``
        if sleep_s:
            time.sleep(sleep_s)
        started = time.thread_time()
        backend.advance(0.01)
        routes.router.pump()
        used += time.thread_time() - started
    routes.router.close()
    return 1e6 * used / blocks


SLEEPS_MS = (0.5, 2.0, 10.0)


def run(quick: bool) -> dict[str, object]:
    runs, seconds = (3, 2.0) if quick else (15, 20.0)
    paced_runs, paced_seconds = (1, 2.0) if quick else (6, 8.0)
    back_to_back(0.5)  # warm-up: imports, first allocations
    hot = [back_to_back(seconds) for _ in range(runs)]
    real_time = [asyncio.run(paced(paced_seconds)) for _ in range(paced_runs)]
    wake_runs, blocks = (1, 30) if quick else (5, 200)
    per_block = {
        sleep_ms: [block_after_sleep(sleep_ms / 1000, blocks) for _ in range(wake_runs)]
        for sleep_ms in (0.0, *SLEEPS_MS)
    }
    return {
        "title": "Audio core CPU, two full-duplex routes at 48 kHz (in-memory devices)",
        "description": __doc__,
        "metrics": [
            summarize("back to back, both routes", "% of one core per audio s", hot, target="< 3"),
            summarize("paced in real time, both routes", "% of one core per audio s", real_time),
            summarize("one block of both routes, back to back", "µs", per_block[0.0]),
            *(
                summarize(f"one block of both routes, after {ms:g} ms asleep", "µs", per_block[ms])
                for ms in SLEEPS_MS
            ),
        ],
        "notes": f"{runs} back-to-back runs of {seconds:g} s of audio and {paced_runs} real-time "
        f"runs of {paced_seconds:g} s; {BLOCK_MS:g} ms device blocks, 20 ms chunks, stereo "
        "devices, translated speech playing on both outputs throughout. The in-memory "
        "backend's own bookkeeping (calling back, recording outputs) is included, so this slightly "
        "overstates the core. The real-time figure moves with the machine's load (an idle "
        "CPU wakes slowly). "
        f"The per-block rows: {wake_runs} run(s) of {blocks} blocks each (all four devices called "
        "back once, the captured chunks handed on), thread CPU time.",
    }
