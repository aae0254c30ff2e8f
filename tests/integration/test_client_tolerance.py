"""The client survives a peer that repeats, reorders and invents events.

The peer here is a deliberately misbehaving websocket server on loopback that plays a fixed GA
event sequence: repeated events (same event_id), events out of their §3.2 order (the source
transcript before its commit, rate limits before response.done, audio before its output item),
unknown event types and unknown fields. The session must still produce each translation once,
whole, with its source text.
"""

from __future__ import annotations

import base64
import json
from typing import Any

import numpy as np
from websockets.asyncio.server import ServerConnection, serve

from translator.realtime.config import TranslationConfig
from translator.realtime.endpoints import openai_realtime
from translator.realtime.session import (
    RealtimeSession,
    SessionEvent,
    SourceText,
    TranslationAudio,
    TranslationDone,
    UtteranceCommitted,
)

AUDIO = np.arange(4800, dtype=np.int16).tobytes()  # 200 ms of a ramp


def _ev(n: int, kind: str, **fields: Any) -> dict[str, Any]:
    return {"type": kind, "event_id": f"event_{n}", **fields}


def _response_events(turn: int, response_id: str, item_id: str, text: str) -> list[dict[str, Any]]:
    base = 100 * turn
    ids = {"response_id": response_id, "item_id": item_id, "output_index": 0, "content_index": 0}
    half = len(AUDIO) // 2
    b64 = [base64.b64encode(AUDIO[:half]).decode(), base64.b64encode(AUDIO[half:]).decode()]
    delta1 = _ev(base + 5, "response.output_audio.delta", delta=b64[0], **ids)
    return [
        _ev(base + 1, "response.created", response={"id": response_id, "status": "in_progress"}),
        # audio before its output item: out of order
        delta1,
        _ev(
            base + 2,
            "response.output_item.added",
            response_id=response_id,
            output_index=0,
            item={"id": item_id, "type": "message", "role": "assistant"},
        ),
        _ev(base + 3, "response.brand_new_event", whatever=[1, 2, 3]),  # unknown type
        _ev(base + 4, "response.output_audio_transcript.delta", delta=text, obfuscation="x", **ids),
        delta1,  # repeated (same event_id)
        _ev(base + 6, "response.output_audio.delta", delta=b64[1], surprise={"a": 1}, **ids),
        _ev(
            base + 7,
            "rate_limits.updated",
            rate_limits=[{"name": "tokens", "limit": 9, "remaining": 8, "reset_seconds": 1.0}],
        ),
        _ev(base + 8, "response.output_audio.done", **ids),
        _ev(base + 9, "response.output_audio_transcript.done", transcript=text, **ids),
        _ev(
            base + 10,
            "response.done",
            response={"id": response_id, "status": "completed", "output": [{"id": item_id}]},
        ),
    ]


def _segment(turn: int, item_id: str, source: str) -> list[dict[str, Any]]:
    base = 100 * turn + 50
    return [
        _ev(base + 1, "input_audio_buffer.speech_started", audio_start_ms=0, item_id=item_id),
        # the source transcript before the commit: out of order
        _ev(
            base + 2,
            "conversation.item.input_audio_transcription.completed",
            item_id=item_id,
            content_index=0,
            transcript=source,
        ),
        _ev(base + 3, "input_audio_buffer.speech_stopped", audio_end_ms=200, item_id=item_id),
        _ev(base + 4, "input_audio_buffer.committed", item_id=item_id, previous_item_id=None),
        _ev(base + 4, "input_audio_buffer.committed", item_id=item_id, previous_item_id=None),
        _ev(base + 5, "input_audio_buffer.committed_v2", item_id=item_id),  # unknown type
    ]


async def _misbehaving_peer(ws: ServerConnection) -> None:
    await ws.send(
        json.dumps(_ev(1, "session.created", session={"id": "sess_1", "expires_at": None}))
    )
    turns = [("item_u1", "Good morning", "Buenos días"), ("item_u2", "Thank you", "Gracias")]
    responses = 0
    async for frame in ws:
        event = json.loads(frame)
        if event["type"] == "session.update":
            await ws.send(json.dumps(_ev(2, "session.updated", session=event["session"])))
            for n, (item, source, _) in enumerate(turns, start=1):
                for out in _segment(n, item, source):
                    await ws.send(json.dumps(out))
        elif event["type"] == "response.create":
            responses += 1
            item, _, text = turns[responses - 1]
            assert event["response"]["input"][-1] == {"type": "item_reference", "id": item}
            for out in _response_events(responses, f"resp_{responses}", f"item_a{responses}", text):
                await ws.send(json.dumps(out))


async def test_repeated_reordered_and_unknown_events_still_give_each_translation_once() -> None:
    seen: list[SessionEvent] = []
    async with serve(_misbehaving_peer, "127.0.0.1", 0) as server:
        port = server.sockets[0].getsockname()[1]
        endpoint = openai_realtime("sk-test", "gpt-realtime-2.1-mini", f"ws://127.0.0.1:{port}/v1")
        session = RealtimeSession(
            endpoint, TranslationConfig(source_language="en", target_language="es"), seen.append
        )
        await session.start()
        try:
            assert await session.drain(timeout=10)
        finally:
            await session.close()

    committed = [e for e in seen if isinstance(e, UtteranceCommitted)]
    done = [e for e in seen if isinstance(e, TranslationDone)]
    sources = [e for e in seen if isinstance(e, SourceText) and e.final]
    assert [e.utterance_id for e in committed] == [1, 2]  # the repeated commit is not a new one
    assert [(d.utterance_id, d.text, d.status) for d in done] == [
        (1, "Buenos días", "completed"),
        (2, "Gracias", "completed"),
    ]
    assert [(s.utterance_id, s.text) for s in sources] == [(1, "Good morning"), (2, "Thank you")]
    for utterance in (1, 2):
        audio = b"".join(
            e.pcm for e in seen if isinstance(e, TranslationAudio) and e.utterance_id == utterance
        )
        assert audio == AUDIO  # whole, in order, the repeated delta not played twice
