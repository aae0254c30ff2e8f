"""A real session over a WebRTC call to the local server on loopback: speech in on the
microphone track, translations back on the answer's track, events on the data channel.

The session code is the WebSocket one; only the transport differs. Every client event on the
data channel is judged by the SDK's GA models (no ``input_audio_buffer.append``: the microphone is
the track; no audio formats in the session); every server event parses with them.
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest

from tests.integration.conftest import ENGLISH, expected, interpret
from tests.support.sdk_judge import parse_server_event, validate_client_event
from tests.support.speech import APP_VOICE, locate, speech_track, stream
from tests.support.webrtc import loopback_candidates
from translator.realtime.config import TranslationConfig
from translator.realtime.endpoints import Endpoint, Transport, openai, openai_realtime
from translator.realtime.errors import AuthenticationFailed
from translator.realtime.session import (
    RealtimeSession,
    SessionEvent,
    Status,
    TranslationAudio,
    TranslationDone,
)
from translator.realtime.translate import TranslateSession
from translator.realtime.webrtc import CallConnection
from translator.server.app import LocalRealtimeServer
from translator.server.brain import ScriptedBrain
from translator.server.faults import Fault, FaultName
from translator.server.options import ServerOptions
from translator.server.tts import RATE, synthesize

SCRIPT = Path(__file__).parent.parent / "fixtures" / "scripts" / "en_es.toml"
SENTENCES = ["Good morning and welcome to the meeting.", "Where is the nearest train station?"]
SPANISH = [
    "Buenos días y bienvenidos a la reunión.",
    "¿Dónde está la estación de tren más cercana?",
]
KEY = "sk-local"

pytestmark = [pytest.mark.speech, pytest.mark.slow]


@pytest.fixture(autouse=True)
def _loopback() -> Iterator[None]:
    with loopback_candidates():
        yield


@pytest.fixture(scope="module")
def brain() -> ScriptedBrain:
    return ScriptedBrain.from_file(SCRIPT)


def _endpoint(server: LocalRealtimeServer, transport: Transport, key: str = KEY) -> Endpoint:
    return replace(openai_realtime(key, "gpt-realtime-2.1-mini", server.url), transport=transport)


def _options() -> ServerOptions:
    return ServerOptions(transcription_delay_s=0.3, response_created_delay_s=0.05)


def _heard(seen: list[SessionEvent], utterance: int) -> np.ndarray:
    """An utterance's translation as played: its audio, with the silence around it."""
    pcm = b"".join(
        e.pcm for e in seen if isinstance(e, TranslationAudio) and e.utterance_id == utterance
    )
    if not pcm:
        return np.zeros(0, dtype=np.float32)
    quiet = np.zeros(RATE // 2, dtype=np.float32)
    return np.concatenate([quiet, np.frombuffer(pcm, dtype="<i2") / 32768, quiet])


async def test_two_utterances_over_a_call_come_back_translated_once_in_order(
    brain: ScriptedBrain,
) -> None:
    seen: list[SessionEvent] = []
    async with LocalRealtimeServer(api_keys=[KEY], brain=brain, options=_options()) as server:
        config = TranslationConfig(source_language="en", target_language="es")
        session = RealtimeSession(_endpoint(server, "webrtc"), config, seen.append)
        await session.start()
        try:
            assert isinstance(session.connections[0], CallConnection)
            await stream(speech_track(SENTENCES, "en"), session.append, pace=1.0)
            assert await session.drain(timeout=30), "translations did not finish"
        finally:
            await session.close()
        records = list(server.connections)

    done = [e for e in seen if isinstance(e, TranslationDone)]
    assert [(d.utterance_id, d.text, d.status) for d in done] == [
        (1, SPANISH[0], "completed"),
        (2, SPANISH[1], "completed"),
    ]
    # Each translation's audio came from the answer's track, whole, and only once.
    order = [e.utterance_id for e in seen if isinstance(e, TranslationAudio)]
    assert order == sorted(order) and set(order) == {1, 2}
    for utterance, spanish in ((1, SPANISH[0]), (2, SPANISH[1])):
        heard = _heard(seen, utterance)
        reference = synthesize(spanish, "es", voice=APP_VOICE)
        at, score = locate(heard, reference)
        assert score > 0.8, f"translation {utterance} not heard (NCC {score:.2f})"
        rest = np.concatenate([heard[:at], heard[at + reference.size :]])
        assert rest.size < reference.size or locate(rest, reference)[1] < 0.5  # not twice
    assert len(records) == 1 and records[0].path.startswith("/v1/realtime/calls")
    for event in records[0].received:
        validate_client_event(event, "realtime")
        assert event["type"] != "input_audio_buffer.append"
    update = next(e for e in records[0].received if e["type"] == "session.update")
    assert "format" not in update["session"]["audio"]["input"]
    for event in records[0].sent:
        parse_server_event(event, "realtime")


async def test_auto_falls_back_to_websocket_within_five_seconds_and_says_so(
    brain: ScriptedBrain,
) -> None:
    seen: list[SessionEvent] = []
    faults = [Fault(FaultName.ICE_NEVER_COMPLETES)]
    async with LocalRealtimeServer(
        api_keys=[KEY], brain=brain, options=_options(), faults=faults
    ) as server:
        config = TranslationConfig(source_language="en", target_language="es")
        session = RealtimeSession(_endpoint(server, "auto"), config, seen.append)
        loop = asyncio.get_running_loop()
        began = loop.time()
        await session.start()
        took = loop.time() - began
        try:
            assert session.endpoint.transport == "websocket"
            assert not isinstance(session.connections[0], CallConnection)
            await stream(speech_track(SENTENCES[:1], "en"), session.append)
            assert await session.drain(timeout=30)
        finally:
            await session.close()
    # The call was given 5 s; opening the WebSocket after it is quick.
    assert took < 8, f"the fallback took {took:.1f} s"
    ready = [e for e in seen if isinstance(e, Status) and e.state == "ready"]
    assert "over WebSocket" in ready[0].detail and "WebRTC" in ready[0].detail
    done = [e for e in seen if isinstance(e, TranslationDone)]
    assert [(d.text, d.status) for d in done] == [(SPANISH[0], "completed")]


async def test_a_refused_key_is_a_clear_error_naming_the_key(brain: ScriptedBrain) -> None:
    async with LocalRealtimeServer(api_keys=[KEY], brain=brain) as server:
        config = TranslationConfig(source_language="en", target_language="es")
        session = RealtimeSession(_endpoint(server, "webrtc", "sk-wrong"), config, lambda e: None)
        with pytest.raises(AuthenticationFailed) as refused:
            await session.start()
        await session.close()
    assert "refused the key" in refused.value.message and "HTTP 401" in refused.value.message
    assert "key" in refused.value.action


async def test_a_call_dropped_mid_response_reconnects_and_loses_nothing(
    brain: ScriptedBrain,
) -> None:
    seen: list[SessionEvent] = []
    faults = [Fault(FaultName.DROP_MID_RESPONSE)]
    async with LocalRealtimeServer(
        api_keys=[KEY], brain=brain, options=_options(), faults=faults
    ) as server:
        config = TranslationConfig(source_language="en", target_language="es")
        session = RealtimeSession(_endpoint(server, "webrtc"), config, seen.append)
        await session.start()
        try:
            await stream(speech_track(SENTENCES, "en"), session.append, pace=1.0)
            assert await session.drain(timeout=40), "translations did not finish"
        finally:
            await session.close()
        records = list(server.connections)
    assert len(records) == 2 and records[0].dropped  # the data channel went mid-response
    done = [e for e in seen if isinstance(e, TranslationDone)]
    assert [(d.utterance_id, d.text, d.status) for d in done] == [
        (1, SPANISH[0], "completed"),
        (2, SPANISH[1], "completed"),
    ]
    assert any(isinstance(e, Status) and e.state == "reconnecting" for e in seen)


async def test_translate_over_a_call_pairs_each_segment_s_sound_with_its_utterance() -> None:
    """The translate engine's track carries untagged audio: each run must reach the utterance
    it translates, and speech already in the target language gets none."""
    brain = ScriptedBrain.from_file(SCRIPT.parent / "multilingual.json")
    said = [
        ("Where is the nearest train station?", "en"),
        ("Buenas tardes a todos.", "es"),
        ("I would like a cup of coffee please.", "en"),
    ]
    spanish = [
        "¿Dónde está la estación de tren más cercana?",
        "Quisiera una taza de café por favor.",
    ]
    seen: list[SessionEvent] = []
    options = ServerOptions(translate_delay_s=0.05, audio_speedup=8.0)
    async with LocalRealtimeServer(api_keys=[KEY], brain=brain, options=options) as server:
        endpoint = replace(
            openai(KEY, "gpt-realtime-translate", "translate", base_url=server.url),
            transport="webrtc",
        )
        config = TranslationConfig(
            source_language="en", target_language="es", model="gpt-realtime-translate"
        )
        session = TranslateSession(endpoint, config, seen.append)
        await session.start()
        try:
            track = np.concatenate([speech_track([text], lang, gap_s=1.5) for text, lang in said])
            await stream(track, session.append, chunk_ms=200, pace=1.0)
            assert await session.drain(timeout=40)
        finally:
            await session.close()
        records = list(server.connections)
    done = [e for e in seen if isinstance(e, TranslationDone)]
    assert [(d.text, d.status) for d in done] == [
        (spanish[0], "completed"),
        ("", "untranslated"),
        (spanish[1], "completed"),
    ]
    for utterance, text in ((done[0].utterance_id, spanish[0]), (done[2].utterance_id, spanish[1])):
        _, score = locate(_heard(seen, utterance), synthesize(text, "es"))
        assert score > 0.8, f"{text!r} not heard with its utterance (NCC {score:.2f})"
    assert not _heard(seen, done[1].utterance_id).size
    (record,) = records
    assert record.path.startswith("/v1/realtime/translations/calls")
    for event in record.received:
        validate_client_event(event, "translate")
    for event in record.sent:
        parse_server_event(event, "translate")


async def test_calls_rotate_before_expiry_without_losing_speech(brain: ScriptedBrain) -> None:
    # 8 s sessions, as in the WebSocket rotation test: the next call opens 2 s before expiry
    # and takes over when idle; 4 sentences in real time take ~13 s: two rotations.
    options = ServerOptions(session_lifetime_s=8, transcription_delay_s=0.3)
    run = await interpret(
        brain,
        ENGLISH,
        options=options,
        pace=1.0,
        drain_s=30,
        endpoint=lambda server: _endpoint(server, "webrtc", "sk-local"),
    )
    assert run.drained
    assert len(run.records) >= 2 and all("/calls" in r.path for r in run.records)
    assert run.done() == expected(ENGLISH)
    for record in run.records:  # every switch happened before the service expired a call
        codes = [e.get("error", {}).get("code") for e in record.sent if e.get("type") == "error"]
        assert "session_expired" not in codes
    assert any(s.state == "rotating" for s in run.of(Status))
