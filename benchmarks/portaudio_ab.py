"""Child process of ``bench_audio_portaudio``: interleaved A/B runs on real PortAudio streams.

Started with a private PulseAudio's environment (PortAudio only sees devices that exist when
it initialises). Arm A opens bare sounddevice callback streams that do nothing but fill the
output with zeros; arm B runs the project's two full-duplex routes on the same devices, rates
and block sizes. Prints one JSON object with, per run: process CPU seconds, the CPU seconds
spent inside the stream callbacks and on the main (event-loop) thread, and the seconds of audio
delivered (mean over the four streams).

Why callbacks and main thread separately: they are the routes' own work; the process total
also holds PortAudio's and the ALSA pulse plugin's threads, which both arms have alike.
"""

from __future__ import annotations

import asyncio
import json
import sys
import time
from typing import Any

from benchmarks.audio_rig import TwoRoutes
from translator.audio.backends import AudioStream, PortAudioBackend, StreamCallback
from translator.audio.devices import DeviceCatalog, DeviceSelector, Direction
from translator.audio.router import BLOCK_MS

DEVICES: dict[str, str | int | None] = {
    "mic": "mic",
    "call audio": "speakers_monitor",
    "headphones": "speakers",
    "virtual cable": "virtual_mic_sink",
}
STREAMS: list[tuple[str, Direction]] = [
    ("mic", "input"),
    ("call audio", "input"),
    ("headphones", "output"),
    ("virtual cable", "output"),
]
WARM_UP = 0.5


class CallbackClock:
    """Adds up the thread CPU time spent inside callbacks (each on its own PortAudio thread)."""

    def __init__(self) -> None:
        self.seconds = 0.0

    def wrap(self, callback: StreamCallback) -> StreamCallback:
        def timed(data: Any, now: float) -> None:
            started = time.thread_time()
            callback(data, now)
            self.seconds += time.thread_time() - started

        return timed


class TimedBackend(PortAudioBackend):
    def __init__(self, catalog: DeviceCatalog, clock: CallbackClock) -> None:
        super().__init__(catalog, latency="high")
        self._callback_clock = clock

    def open_stream(
        self,
        direction: Direction,
        device: DeviceSelector,
        callback: StreamCallback,
        *,
        block_ms: float,
    ) -> Any:
        return super().open_stream(
            direction, device, self._callback_clock.wrap(callback), block_ms=block_ms
        )


def snapshot(frames: int, clock: CallbackClock) -> tuple[float, float, float, int]:
    return time.process_time(), time.thread_time(), clock.seconds, frames


def measured(
    before: tuple[float, float, float, int], after: tuple[float, float, float, int], rate: int
) -> dict[str, float]:
    return {
        "process_cpu": after[0] - before[0],
        "main_thread_cpu": after[1] - before[1],
        "callback_cpu": after[2] - before[2],
        "audio_seconds": (after[3] - before[3]) / len(STREAMS) / rate,
    }


def bare(catalog: DeviceCatalog, seconds: float) -> dict[str, float]:
    sd = catalog.sounddevice
    counts = [0]
    clock = CallbackClock()

    def make(output: bool) -> Any:
        def body(data: Any, now: float) -> None:
            if output:
                data.fill(0)
            counts[0] += len(data)

        timed = clock.wrap(body)
        return lambda data, frames, time_info, status: timed(data, 0.0)

    streams: list[Any] = []
    for name, direction in STREAMS:
        info = catalog.find(DEVICES[name], direction)
        kind = sd.InputStream if direction == "input" else sd.OutputStream
        rate = info.default_samplerate
        streams.append(
            kind(
                device=info.index,
                samplerate=rate,
                channels=min(2, info.channels(direction)),
                dtype="float32",
                blocksize=round(rate * BLOCK_MS / 1000),
                latency="high",
                callback=make(direction == "output"),
            )
        )
    for stream in streams:
        stream.start()
    time.sleep(WARM_UP)
    before = snapshot(counts[0], clock)
    time.sleep(seconds)
    after = snapshot(counts[0], clock)
    for stream in streams:
        stream.close()
    return measured(before, after, int(streams[0].samplerate))


async def routes(catalog: DeviceCatalog, seconds: float) -> dict[str, float]:
    clock = CallbackClock()
    rig = TwoRoutes(TimedBackend(catalog, clock), DEVICES)
    streams: list[AudioStream] = [r.stream for r in rig.router.inputs]
    streams += [b.stream for b in rig.router.outputs]
    runner = asyncio.create_task(rig.router.run())

    async def feed() -> None:
        while True:
            rig.feed_speech()
            await asyncio.sleep(0.05)

    feeder = asyncio.create_task(feed())
    await asyncio.sleep(WARM_UP)
    before = snapshot(sum(s.frames for s in streams), clock)
    await asyncio.sleep(seconds)
    after = snapshot(sum(s.frames for s in streams), clock)
    for task in (feeder, runner):
        task.cancel()
    await asyncio.gather(feeder, runner, return_exceptions=True)
    return measured(before, after, streams[0].samplerate)


def main(runs: int, seconds: float) -> None:
    catalog = DeviceCatalog()
    results: dict[str, list[dict[str, float]]] = {"bare": [], "routes": []}
    # The first streams a process opens pay for connecting to the sound server: not measured.
    bare(catalog, seconds)
    asyncio.run(routes(catalog, seconds))
    for i in range(runs):
        for arm in ("bare", "routes") if i % 2 == 0 else ("routes", "bare"):
            if arm == "bare":
                results[arm].append(bare(catalog, seconds))
            else:
                results[arm].append(asyncio.run(routes(catalog, seconds)))
    rate = catalog.find(DEVICES["mic"], "input").default_samplerate
    print(json.dumps({"results": results, "rate": rate}))


if __name__ == "__main__":
    main(int(sys.argv[1]), float(sys.argv[2]))
