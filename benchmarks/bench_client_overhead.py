"""Client overhead: per-chunk send path and receive-to-hand-off path of the GA session.

A minimal peer on loopback (same process, same monotonic clock) stands in for the service so
only the client's own work and the loopback hop are timed:

- send: ``session.append(20 ms chunk)`` → that ``input_audio_buffer.append`` frame read by the
  peer (client encode + queue + websocket write + loopback);
- receive: the peer writes one ``response.output_audio.delta`` (100 ms of audio) → the session
  hands ``TranslationAudio`` to its sink (loopback + websocket read + JSON + base64 + dispatch).
"""

from __future__ import annotations

import asyncio
import base64
import json
import time
from typing import Any

import numpy as np
from websockets.asyncio.server import ServerConnection, serve

from benchmarks.stats import summarize
from translator.realtime.config import TranslationConfig, TurnDetection
from translator.realtime.endpoints import openai_realtime
from translator.realtime.session import RealtimeSession, SessionEvent, TranslationAudio

CHUNK = np.zeros(480, np.int16).tobytes()  # 20 ms at 24 kHz
DELTA = base64.b64encode(np.zeros(2400, np.int16).tobytes()).decode()  # 100 ms


async def _measure(chunks: int, deltas: int) -> tuple[list[float], list[float]]:
    append_received: list[float] = []
    delta_sent: list[float] = []
    handed_off: list[float] = []
    go = asyncio.Event()

    async def peer(ws: ServerConnection) -> None:
        await ws.send(json.dumps({"type": "session.created", "event_id": "e0", "session": {}}))
        async for frame in ws:
            now = time.perf_counter()
            event = json.loads(frame)
            kind = event["type"]
            if kind == "session.update":
                updated = {"type": "session.updated", "event_id": "e1", "session": {}}
                await ws.send(json.dumps(updated))
            elif kind == "input_audio_buffer.append":
                append_received.append(now)
            elif kind == "input_audio_buffer.commit":
                committed = {"type": "input_audio_buffer.committed", "event_id": "e3"}
                await ws.send(json.dumps({**committed, "item_id": "u1", "previous_item_id": None}))
            elif kind == "response.create":
                await _respond(ws)

    async def _respond(ws: ServerConnection) -> None:
        ids = {"response_id": "r1", "item_id": "a1", "output_index": 0, "content_index": 0}
        created = {"type": "response.created", "event_id": "e2", "response": {"id": "r1"}}
        await ws.send(json.dumps(created))
        for n in range(deltas):
            frame = json.dumps(
                {"type": "response.output_audio.delta", "event_id": f"d{n}", "delta": DELTA, **ids}
            )
            delta_sent.append(time.perf_counter())
            await ws.send(frame)
            await asyncio.sleep(0.002)  # one at a time, so queueing is not measured

    def sink(event: SessionEvent) -> None:
        if isinstance(event, TranslationAudio):
            handed_off.append(time.perf_counter())
            if len(handed_off) == deltas:
                go.set()

    async with serve(peer, "127.0.0.1", 0, max_size=None) as server:
        port = server.sockets[0].getsockname()[1]
        endpoint = openai_realtime("bench", "gpt-realtime-2.1-mini", f"ws://127.0.0.1:{port}/v1")
        config = TranslationConfig(
            source_language="en", target_language="es", turn_detection=TurnDetection(kind="manual")
        )
        session = RealtimeSession(endpoint, config, sink)
        await session.start()
        append_called: list[float] = []
        for _ in range(chunks):
            append_called.append(time.perf_counter())
            session.append(CHUNK)
            await asyncio.sleep(0.003)  # paced: each chunk measured alone
        async with asyncio.timeout(30):
            while len(append_received) < chunks:  # polling a list the peer fills
                await asyncio.sleep(0.01)
        session.commit()  # the peer commits, the session asks for the translation
        await asyncio.wait_for(go.wait(), 30)
        await session.close()
    send_ms = [(r - c) * 1000 for c, r in zip(append_called, append_received, strict=True)]
    receive_ms = [(h - s) * 1000 for s, h in zip(delta_sent, handed_off, strict=False)]
    return send_ms, receive_ms


def run(quick: bool) -> dict[str, Any]:
    chunks, deltas = (200, 100) if quick else (3000, 1000)
    send_ms, receive_ms = asyncio.run(_measure(chunks, deltas))
    return {
        "title": "Client overhead per chunk (GA session, loopback)",
        "description": __doc__,
        "metrics": [
            summarize("append → frame at peer (20 ms chunk)", "ms", send_ms),
            summarize(
                "delta written by peer → TranslationAudio in sink (100 ms)", "ms", receive_ms
            ),
        ],
        "notes": "Each chunk and delta is timed alone (paced), so the figures are per-event "
        "overhead, not queueing. Both include one loopback hop and the peer's own websocket work.",
    }
