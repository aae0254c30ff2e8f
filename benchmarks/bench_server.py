"""Local server: event-loop lag and CPU while several sessions stream responses at once.

The server and its raw WebSocket clients share one asyncio loop, as in the tests. Each session
commits 2 s of speech by hand and asks for a response, over and over; the server speaks the
translation with espeak-ng (in a worker thread) and streams it as 100 ms audio deltas five times
faster than real time. A 5 ms ticker measures how late the loop wakes it (its lag), which is what
any other session on the loop would feel; CPU is the whole process's, per second of response
audio delivered.
"""

from __future__ import annotations

import asyncio
import base64
import json
import time

import numpy as np
from websockets.asyncio.client import connect

from benchmarks.stats import summarize
from translator.server.app import LocalRealtimeServer
from translator.server.brain import Rendering, Utterance
from translator.server.options import ServerOptions
from translator.server.tts import RATE, synthesize


class _FixedBrain:
    def render(self, utterance: Utterance) -> Rendering:
        return Rendering("en", "Where is the station", "es", "¿Dónde está la estación de tren?")


async def _session(url: str, responses: int, speech: str) -> float:
    """Run ``responses`` turns; returns seconds of response audio received."""
    received = 0
    async with connect(
        f"{url}/realtime?model=gpt-realtime-2.1-mini",
        additional_headers={"Authorization": "Bearer sk-bench"},
        max_size=None,
    ) as ws:
        await ws.recv()
        update = {"type": "realtime", "audio": {"input": {"turn_detection": None}}}
        await ws.send(json.dumps({"type": "session.update", "session": update}))
        for _ in range(responses):
            await ws.send(json.dumps({"type": "input_audio_buffer.append", "audio": speech}))
            await ws.send(json.dumps({"type": "input_audio_buffer.commit"}))
            await ws.send(json.dumps({"type": "response.create"}))
            while True:
                event = json.loads(await ws.recv())
                if event["type"] == "response.output_audio.delta":
                    received += len(base64.b64decode(event["delta"]))
                elif event["type"] == "response.done":
                    break
    return received / 2 / RATE


async def _measure(sessions: int, responses: int) -> tuple[list[float], float, float]:
    audio = np.resize(synthesize("Where is the nearest train station", "en"), 2 * RATE)
    speech = base64.b64encode(audio.tobytes()).decode("ascii")
    lags: list[float] = []
    stop = asyncio.Event()

    async def ticker() -> None:
        while not stop.is_set():
            planned = time.perf_counter() + 0.005
            await asyncio.sleep(0.005)
            lags.append((time.perf_counter() - planned) * 1000)

    options = ServerOptions(record_events=False, transcription_delay_s=0.5)
    async with LocalRealtimeServer(brain=_FixedBrain(), options=options) as server:
        tick = asyncio.create_task(ticker())
        cpu = time.process_time()
        seconds = await asyncio.gather(
            *(_session(server.url, responses, speech) for _ in range(sessions))
        )
        cpu_s = time.process_time() - cpu
        stop.set()
        await tick
    return lags, cpu_s, float(sum(seconds))


def run(quick: bool) -> dict[str, object]:
    sessions, responses = (2, 2) if quick else (8, 6)
    lags, cpu_s, audio_s = asyncio.run(_measure(sessions, responses))
    return {
        "title": "Local server: loop lag and CPU while streaming responses",
        "description": __doc__,
        "metrics": [
            summarize(f"loop lag, {sessions} sessions streaming", "ms", lags, target="< 20 ms p95"),
            summarize("process CPU per second of response audio", "ms", [1000 * cpu_s / audio_s]),
        ],
        "notes": f"{sessions} sessions × {responses} responses, {audio_s:.1f} s of audio received.",
    }
