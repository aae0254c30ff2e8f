"""Child process of the device test: speech out through the project's own output route, back in
through its own input route, on the private PulseAudio whose environment it was started with.

``python -m tests.device.loopback_probe OUT.npz`` writes the reference speech, the captured
24 kHz audio and the routes' counters. Run in a child so PortAudio initialises after the
PulseAudio environment exists.
"""

from __future__ import annotations

import asyncio
import json
import sys
import time
from collections.abc import Callable

import numpy as np

from translator.audio.backends import PortAudioBackend
from translator.audio.router import AudioRouter
from translator.server.tts import synthesize

TEXT = "The quick brown fox jumps over the lazy dog, and then it runs back home."
DELTA = 2400  # 100 ms deltas, pushed faster than real time as a session delivers them


async def until(condition: Callable[[], bool], deadline: float) -> None:
    while not condition() and time.monotonic() < deadline:
        await asyncio.sleep(0.05)


async def probe(out_path: str) -> None:
    speech = synthesize(TEXT, "en")
    captured: list[bytes] = []
    router = AudioRouter(PortAudioBackend(latency="high"))
    route = router.add_input("mic", "mic", on_chunk=lambda c: captured.append(c.pcm16))
    bus = router.add_output("virtual mic", "virtual_mic_sink")
    playback = bus.add_playback().playback
    runner = asyncio.create_task(router.run())
    # A capture stream can take a while to start delivering on a busy machine: wait on audio,
    # never on clocks. Speech is played only once capture has delivered half a second, so it
    # is heard from its first sample.
    deadline = time.monotonic() + 60
    await until(lambda: sum(map(len, captured)) >= 24_000, deadline)
    for start in range(0, speech.size, DELTA):
        playback.push("item_1", speech[start : start + DELTA])
    playback.mark_done("item_1")
    wanted = sum(map(len, captured)) + (speech.size + 24_000) * 2
    await until(
        lambda: (
            playback.played_samples("item_1") >= speech.size and sum(map(len, captured)) >= wanted
        ),
        deadline,
    )
    runner.cancel()
    await asyncio.gather(runner, return_exceptions=True)
    recording = np.frombuffer(b"".join(captured), np.int16)
    counters = {"input": route.counters().__dict__, "output": bus.counters().__dict__}
    np.savez(
        out_path,
        speech=speech,
        recording=recording,
        played=playback.played_samples("item_1"),
        input_rate=route.samplerate,
        output_rate=bus.samplerate,
    )
    print(json.dumps(counters))


if __name__ == "__main__":
    asyncio.run(probe(sys.argv[1]))
