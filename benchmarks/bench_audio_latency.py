"""Delay the audio core adds, in real time on the in-memory backend, 20 ms chunks, no jitter.

Capture: from the device handing a block to the core, to the 24 kHz chunk holding that
audio being ready for the session (clicks at random places find the chunk). Playback: from a
20 ms delta of translated speech being received (pushed every 20 ms, no jitter) to its first
sample being handed to the device. The in-memory clock follows the wall clock in 1 ms steps,
so event-loop scheduling and processing count; both ends are read on that one clock.
"""

from __future__ import annotations

import asyncio

import numpy as np

from benchmarks.stats import summarize
from translator.audio.backends import ManualClock, MemoryBackend, MemoryDevice
from translator.audio.router import BLOCK_MS, AudioRouter, CapturedChunk

RATE = 48_000
BLOCK = round(RATE * BLOCK_MS / 1000)  # the router's device blocks
CHUNK = 480  # 20 ms at 24 kHz
DELTA = 480  # 20 ms deltas at 24 kHz


def clicks_input(seconds: float, seed: int) -> tuple[np.ndarray, list[int]]:
    rng = np.random.default_rng(seed)
    signal = np.zeros(round(RATE * (seconds + 1)), np.float32)
    grid = np.arange(RATE // 5, RATE * seconds - RATE // 5, RATE // 10)  # one click per 100 ms
    positions = [int(p) for p in grid + rng.integers(0, RATE // 20, grid.size)]
    signal[positions] = 0.8
    return signal, positions


async def measure(seconds: float, seed: int) -> tuple[list[float], list[float]]:
    phase = float(np.random.default_rng(seed).uniform(0.0, BLOCK / RATE))
    backend = MemoryBackend(ManualClock())
    source, clicks = clicks_input(seconds, seed)
    backend.add_device(
        MemoryDevice("mic", RATE, 1, signal=lambda first, n: source[first : first + n, None])
    )
    speaker = backend.add_device(MemoryDevice("speaker", RATE, 1))
    router = AudioRouter(backend)
    chunks: list[CapturedChunk] = []
    router.add_input("mic", "mic", on_chunk=chunks.append, chunk_ms=20)
    playback = router.add_output("speaker", "speaker").add_playback().playback
    runner = asyncio.create_task(router.run())
    pushes: list[float] = []

    async def translator() -> None:  # a delta every 20 ms, each starting with a click
        delta = np.zeros(DELTA, np.int16)
        delta[0] = 20_000
        start = backend.clock() + phase  # where deltas fall between device callbacks
        for k in range(int((seconds - 0.5) / 0.02)):
            # The device clock follows the wall clock here, so a wall-clock sleep lands on time.
            await asyncio.sleep(max(0.0, start + 0.3 + 0.02 * k - backend.clock()))
            pushes.append(backend.clock())
            playback.push("item", delta)

    speaking = asyncio.create_task(translator())
    await backend.run(seconds, realtime=True, step_ms=1.0)
    await speaking
    runner.cancel()
    await asyncio.gather(runner, return_exceptions=True)

    capture: list[float] = []
    audio = np.frombuffer(b"".join(c.pcm16 for c in chunks), np.int16)
    found = np.flatnonzero(np.abs(audio) > 3000)
    found = found[np.concatenate([[True], np.diff(found) > 100])] if found.size else found
    for click in clicks:
        near = found[np.abs(found - click // 2) < 240]  # where it lands at 24 kHz
        if not near.size:
            raise RuntimeError(f"click at frame {click} never reached a chunk")
        at = near[0]
        delivered = (click // BLOCK + 1) * BLOCK / RATE  # the callback time of its block
        capture.append(chunks[int(at) // CHUNK].ready_at - delivered)
    playback_delays: list[float] = []
    handed = np.concatenate([np.full(block.shape[0], t) for t, block in speaker.recorded])
    out = speaker.recording()[:, 0]
    peaks = np.flatnonzero(out > 0.3)
    peaks = peaks[np.concatenate([[True], np.diff(peaks) > 100])] if peaks.size else peaks
    if peaks.size != len(pushes):
        raise RuntimeError(f"{len(pushes)} deltas pushed, {peaks.size} heard")
    for pushed, peak in zip(pushes, peaks, strict=True):
        playback_delays.append(float(handed[peak]) - pushed)
    return capture, playback_delays


def run(quick: bool) -> dict[str, object]:
    seconds, runs = (2.0, 1) if quick else (10.0, 6)
    capture: list[float] = []
    playback: list[float] = []
    for seed in range(runs):
        c, p = asyncio.run(measure(seconds, seed))
        capture += c
        playback += p
    return {
        "title": "Audio core added delay, 20 ms chunks and deltas, no jitter (in-memory)",
        "description": __doc__,
        "metrics": [
            summarize(
                "captured sample → chunk ready", "ms", [1000 * v for v in capture], "p95 < 30"
            ),
            summarize(
                "delta received → first sample handed to device",
                "ms",
                [1000 * v for v in playback],
                "p95 < 30",
            ),
        ],
        "notes": f"{runs} run(s) of {seconds:g} s; {BLOCK_MS:g} ms device blocks at 48 kHz; "
        "each run puts the deltas at another phase between device callbacks; the clock "
        "advances in 1 ms steps, so each figure can be up to 1 ms late. Capture includes "
        "waiting for the chunk to fill and the resampler's look-ahead; playback includes the "
        "prebuffer, the resampler's look-ahead and waiting for the next device callback.",
    }
