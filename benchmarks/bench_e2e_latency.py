"""End-to-end client-added latency: last speech sample in → first translated sample out.

The interpreter runs one realtime-engine direction (20 ms capture chunks) on the WAV backend in
real time, against the local server with zero model delay (no thinking time, audio at once).
Translations are rendered before the run, so speech synthesis is not counted. For each
utterance: t0 = its last speech sample handed to the session, t1 = its first translated sample
handed to the output device, on one monotonic clock. The server's VAD waits for its silence
window (500 ms) before it commits a turn; that wait belongs to the turn detection, not the
client, so it is subtracted: client-added latency = t1 − t0 − 500 ms. What remains is the
client's capture chunking, websocket round trip on loopback, decoding, playback prebuffer and
device block.
"""

from __future__ import annotations

import asyncio
import tempfile
from dataclasses import replace
from pathlib import Path
from typing import Any

from benchmarks.stats import summarize
from tests.support.speech import APP_VOICE, EN, speech_wav
from translator.audio.backends import WavFileBackend
from translator.interpreter import DirectionPlan, Interpreter
from translator.realtime.config import TranslationConfig
from translator.realtime.endpoints import Transport, openai
from translator.server.app import LocalRealtimeServer
from translator.server.brain import ScriptedBrain
from translator.server.options import ServerOptions
from translator.server.tts import RATE, synthesize

SILENCE_WINDOW_MS = 500


async def measure(utterances: int, transport: Transport = "websocket") -> list[float]:
    """Client-added latency (ms) of each of ``utterances`` over ``transport``."""
    said = (EN * (utterances // len(EN) + 1))[:utterances]
    for entry in EN:  # pre-render: synthesis time is not client latency
        synthesize(entry.translations["es"], "es", voice=APP_VOICE)
    options = ServerOptions(
        transcription_delay_s=0.0,
        response_created_delay_s=0.0,
        first_delta_delay_s=0.0,
        rate_limits_delay_s=0.0,
        audio_speedup=50.0,
        record_events=False,
    )
    with tempfile.TemporaryDirectory() as tmp:
        inp = speech_wav(Path(tmp) / "in.wav", said, gap_s=2.5)
        out = Path(tmp) / "out.wav"
        async with LocalRealtimeServer(brain=ScriptedBrain(EN), options=options) as server:
            backend = WavFileBackend()
            backend.add_input_file("in", inp)
            backend.add_output_file("out", out, RATE)
            plan = DirectionPlan(
                "ab",
                "A",
                TranslationConfig(source_language="en", target_language="es"),
                replace(
                    openai("bench", "gpt-realtime-2.1-mini", "realtime", server.url),
                    transport=transport,
                ),
                "in",
                "out",
            )
            interpreter = Interpreter(
                "listen",
                [plan],
                backend,
                engine="realtime",
                model="gpt-realtime-2.1-mini",
                languages=("en", "es"),
                chunk_ms=20.0,
            )
            await interpreter.start()
            await backend.play(realtime=True)
            await interpreter.drain(30, lambda: interpreter.run_file_clock(backend, fast=False))
            await interpreter.close()
    latencies = [s.latency_ms for s in interpreter.run.segments if s.latency_ms is not None]
    assert len(latencies) == utterances, f"{len(latencies)} of {utterances} measured"
    return [lat - SILENCE_WINDOW_MS for lat in latencies]


def run(quick: bool) -> dict[str, Any]:
    utterances = 6 if quick else 60
    added = asyncio.run(measure(utterances))
    return {
        "title": "End-to-end client-added latency (realtime engine, 20 ms chunks, loopback)",
        "description": __doc__,
        "metrics": [
            summarize("t1 − t0 − VAD silence window", "ms", added, target="p95 < 60 ms"),
        ],
        "notes": f"{utterances} utterances of English speech into Spanish, in real time.",
    }
