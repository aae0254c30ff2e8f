"""The translate dialect of the local server from a raw client (reference §1.5, §8.4).

Connection refusals, the session object and its update rules (the 13 output languages,
immutable ``type``/``model``), bad input, the continuous stream's output (transcripts and audio
aligned to the source on ``elapsed_ms``), silence for speech already in the target language,
``session.close`` flushing, faults and expiry. Every event the server sent parses with the SDK's
``realtime_translation_*`` models.
"""

from __future__ import annotations

import base64
import itertools
from typing import Any

import numpy as np
import pytest
from websockets.exceptions import ConnectionClosed, ConnectionClosedError

from tests.integration.server_peer import NumberingBrain, Peer, open_path, refused, silence, speech
from tests.support.sdk_judge import DEFAULT_ALLOWED_EXTRA, parse_server_event
from translator.server.app import LocalRealtimeServer
from translator.server.options import ServerOptions

FAST = ServerOptions(time_scale=20)
KEY = {"Authorization": "Bearer sk-test"}
PATH = "/v1/realtime/translations?model=gpt-realtime-translate"
LANGUAGES = ["es", "pt", "fr", "ja", "ru", "zh", "de", "ko", "hi", "id", "vi", "it", "en"]
GAP_MS = 600  # the pause by which the client tells segments apart


def _server(*faults: str, options: ServerOptions = FAST) -> LocalRealtimeServer:
    return LocalRealtimeServer(brain=NumberingBrain(), faults=faults, options=options)


def _judge(server: LocalRealtimeServer) -> None:
    for record in server.connections:
        assert record.dialect == "translate"
        for event in record.sent:
            parse_server_event(event, "translate")


async def _configure(peer: Peer, language: str = "es", **audio_input: Any) -> dict[str, Any]:
    audio: dict[str, Any] = {"output": {"language": language}}
    if audio_input:
        audio["input"] = audio_input
    await peer.send("session.update", session={"audio": audio})
    return (await peer.expect("session.updated"))["session"]


async def _speak(peer: Peer, *texts: str, tail_ms: int = 1500) -> None:
    parts = [silence(300)]
    for text in texts:
        parts += [speech(text), silence(tail_ms)]
    samples = np.concatenate(parts)
    for start in range(0, samples.size, 4800):  # 200 ms chunks
        chunk = samples[start : start + 4800].astype("<i2").tobytes()
        await peer.send("session.input_audio_buffer.append", audio=base64.b64encode(chunk).decode())


def _segments(events: list[dict[str, Any]], *kinds: str) -> list[list[dict[str, Any]]]:
    """Events of these kinds grouped into segments by pauses longer than the client's gap
    (the client reads output transcript and audio on one timeline)."""
    of_kind = [e for e in events if e["type"] in kinds]
    groups: list[list[dict[str, Any]]] = []
    for event in of_kind:
        if groups and event["elapsed_ms"] - groups[-1][-1]["elapsed_ms"] <= GAP_MS:
            groups[-1].append(event)
        else:
            groups.append([event])
    return groups


# --- connecting ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("path", "headers", "code", "close"),
    [
        (PATH, {}, None, 3000),
        ("/v1/realtime/translations", KEY, "missing_model", 4000),
        ("/v1/realtime/translations?model=gpt-realtime-mini", KEY, "invalid_model", 4000),
    ],
    ids=["no-key", "no-model", "realtime-model"],
)
async def test_refusals_after_the_upgrade(
    path: str, headers: dict[str, str], code: str | None, close: int
) -> None:
    async with _server() as server, open_path(server, path, headers, created=False) as peer:
        error, close_code, _ = await refused(peer)
    assert (error["code"], close_code) == (code, close)
    _judge(server)


async def test_session_created_is_a_translation_session() -> None:
    async with _server(options=ServerOptions()) as server, open_path(server, PATH, KEY) as peer:
        created = peer.events[0]
        now = server.context.clock.time()
    session = created["session"]
    assert set(session) == {"id", "type", "model", "expires_at", "audio"}
    assert (session["type"], session["model"]) == ("translation", "gpt-realtime-translate")
    assert session["id"].startswith("sess_") and 59 * 60 < session["expires_at"] - now <= 3600
    assert session["audio"] == {
        "input": {"transcription": None, "noise_reduction": None},
        "output": {"language": "en"},
    }
    _judge(server)


# --- session.update -----------------------------------------------------------------------------


async def test_every_one_of_the_thirteen_output_languages_is_accepted() -> None:
    async with _server() as server, open_path(server, PATH, KEY) as peer:
        chosen = [
            (await _configure(peer, code))["audio"]["output"]["language"] for code in LANGUAGES
        ]
    assert chosen == LANGUAGES
    _judge(server)


@pytest.mark.parametrize(
    ("session", "code", "param"),
    [
        (
            {"audio": {"output": {"language": "nl"}}},
            "invalid_value",
            "session.audio.output.language",
        ),
        (
            {"audio": {"output": {"language": "pt-BR"}}},
            "invalid_value",
            "session.audio.output.language",
        ),
        ({"type": "realtime"}, "invalid_value", "session.type"),
        ({"model": "gpt-realtime-mini"}, "invalid_value", "session.model"),
        ({"instructions": "Be brief."}, "unknown_parameter", "session.instructions"),
        (
            {"audio": {"output": {"voice": "alloy"}}},
            "unknown_parameter",
            "session.audio.output.voice",
        ),
        (  # the source language is detected: a language field is refused
            {
                "audio": {
                    "input": {"transcription": {"model": "gpt-realtime-whisper", "language": "en"}}
                }
            },
            "unknown_parameter",
            "session.audio.input.transcription.language",
        ),
        (
            {"audio": {"input": {"language": "en"}}},
            "unknown_parameter",
            "session.audio.input.language",
        ),
        (
            {"audio": {"input": {"turn_detection": {"type": "server_vad"}}}},
            "unknown_parameter",
            "session.audio.input.turn_detection",
        ),
        (
            {"audio": {"input": {"noise_reduction": {"type": "auto"}}}},
            "invalid_value",
            "session.audio.input.noise_reduction.type",
        ),
        (
            {"audio": {"input": {"transcription": {"model": "whisper-2"}}}},
            "invalid_value",
            "session.audio.input.transcription.model",
        ),
        (
            {"audio": {"input": {"noise_reduction": {"type": "near_field", "strength": 2.0}}}},
            "decimal_above_max_value",
            "session.audio.input.noise_reduction.strength",
        ),
    ],
)
async def test_session_update_rejections_change_nothing(
    session: dict[str, Any], code: str, param: str
) -> None:
    async with _server() as server, open_path(server, PATH, KEY) as peer:
        await _configure(peer, "fr")
        await peer.send("session.update", session=session, event_id="evt_7")
        error = (await peer.expect("error"))["error"]
        assert (error["code"], error["param"], error["event_id"]) == (code, param, "evt_7")
        if param == "session.audio.output.language":
            assert all(f"'{code}'" in error["message"] for code in LANGUAGES)
        assert (await _configure(peer, "fr"))["audio"]["output"]["language"] == "fr"
    _judge(server)


async def test_type_and_model_may_be_repeated_and_noise_strength_is_kept() -> None:
    async with _server() as server, open_path(server, PATH, KEY) as peer:
        same = {"type": "translation", "model": "gpt-realtime-translate"}
        await peer.send("session.update", session=same)
        await peer.expect("session.updated")
        first = await _configure(peer, noise_reduction={"type": "near_field", "strength": 0.4})
        second = await _configure(peer, noise_reduction={"type": "far_field"})
        third = await _configure(peer, transcription={"model": "gpt-realtime-whisper"})
    assert first["audio"]["input"]["noise_reduction"] == {"type": "near_field", "strength": 0.4}
    assert second["audio"]["input"]["noise_reduction"] == {"type": "far_field", "strength": 0.4}
    assert third["audio"]["input"] == {
        "transcription": {"model": "gpt-realtime-whisper"},
        "noise_reduction": {"type": "far_field", "strength": 0.4},
    }
    _judge(server)


async def test_bad_input_gets_errors_and_the_session_goes_on() -> None:
    async with _server() as server, open_path(server, PATH, KEY) as peer:
        await peer.ws.send("{not json")
        assert (await peer.expect("error"))["error"]["code"] == "invalid_json"
        await peer.ws.send(b"\x00\x01")
        assert (await peer.expect("error"))["error"]["code"] == "invalid_event"
        for turn_event in ("response.create", "input_audio_buffer.append"):
            await peer.send(turn_event)
            error = (await peer.expect("error"))["error"]
            assert (error["code"], error["param"]) == ("invalid_value", "type")
            assert "'session.input_audio_buffer.append'" in error["message"]
        await peer.send("session.input_audio_buffer.append", audio="%%%")
        error = (await peer.expect("error"))["error"]
        assert (error["code"], error["param"]) == ("invalid_value", "audio")
        assert (await _configure(peer, "de"))["audio"]["output"]["language"] == "de"
    _judge(server)


# --- the stream ---------------------------------------------------------------------------------


async def test_continuous_speech_comes_back_as_aligned_transcripts_and_audio() -> None:
    async with _server() as server, open_path(server, PATH, KEY) as peer:
        await _configure(peer, "es", transcription={"model": "gpt-realtime-whisper"})
        await _speak(peer, "Good morning and welcome to the meeting.", "Where is the station?")
        await peer.send("session.close")
        events = await peer.until("session.closed")
        with pytest.raises(ConnectionClosed):
            await peer.recv()
        assert peer.ws.close_code == 1000
    assert not [e for e in events if not e["type"].startswith("session.")]
    sources = _segments(events, "session.input_transcript.delta")
    outputs = _segments(events, "session.output_audio.delta", "session.output_transcript.delta")
    assert ["".join(e["delta"] for e in s) for s in sources] == [
        "Sentence number 1",
        "Sentence number 2",
    ]
    assert len(outputs) == 2
    for n, (source, output) in enumerate(zip(sources, outputs, strict=True), start=1):
        chunks = [e for e in output if e["type"] == "session.output_audio.delta"]
        text = "".join(e["delta"] for e in output if e["type"] == "session.output_transcript.delta")
        assert text == f"Traducción número {n}"
        # the transcript runs ahead: it is complete before the last audio chunks
        assert [e["type"] for e in output[-2:]] == ["session.output_audio.delta"] * 2
        times = [e["elapsed_ms"] for e in chunks]
        # aligned to the source frames: from the source's first step, in 200 ms steps, in order
        assert times[0] == source[0]["elapsed_ms"] and times == sorted(times)
        assert all(t % 200 == 0 for t in times + [e["elapsed_ms"] for e in source])
        assert {(e["format"], e["sample_rate"], e["channels"]) for e in chunks} == {
            ("pcm16", 24000, 1)
        }
        sizes = [len(base64.b64decode(e["delta"])) for e in chunks]
        assert len(set(sizes)) > 1 and all(size % 2 == 0 for size in sizes)
        assert sum(sizes) > 48_000  # over a second of speech
    _judge(server)


async def test_speech_already_in_the_target_language_is_not_repeated() -> None:
    async with _server() as server, open_path(server, PATH, KEY) as peer:
        await _configure(peer, "en", transcription={"model": "gpt-realtime-whisper"})
        await _speak(peer, "Good morning and welcome to the meeting.")
        await peer.send("session.close")
        events = await peer.until("session.closed")
    kinds = {e["type"] for e in events}
    assert "session.input_transcript.delta" in kinds
    assert not kinds & {"session.output_transcript.delta", "session.output_audio.delta"}
    _judge(server)


async def test_close_flushes_speech_still_going_on() -> None:
    async with _server() as server, open_path(server, PATH, KEY) as peer:
        await _configure(peer, "es")
        await _speak(peer, "Where is the nearest train station?", tail_ms=0)
        await peer.send("session.close")
        events = await peer.until("session.closed")
    text = "".join(e["delta"] for e in events if e["type"] == "session.output_transcript.delta")
    assert text == "Traducción número 1" and events[-1]["type"] == "session.closed"
    # no transcription was configured: no source transcript
    assert not any(e["type"] == "session.input_transcript.delta" for e in events)
    _judge(server)


# --- faults and expiry --------------------------------------------------------------------------


async def test_drop_mid_response_cuts_a_streaming_translation_once() -> None:
    async with _server("drop_mid_response") as server:
        async with open_path(server, PATH, KEY) as peer:
            await _configure(peer, "es")
            await _speak(peer, "Good morning and welcome to the meeting.")
            with pytest.raises(ConnectionClosedError):
                await peer.until("session.closed")
            assert peer.ws.close_code == 1006
        assert sum(e["type"] == "session.output_audio.delta" for e in peer.events) == 3
        async with open_path(server, PATH, KEY) as peer:
            await _configure(peer, "es")
            await _speak(peer, "Good morning and welcome to the meeting.")
            await peer.send("session.close")
            events = await peer.until("session.closed")
        assert sum(e["type"] == "session.output_audio.delta" for e in events) > 3
    assert [r.dropped for r in server.connections] == [True, False]
    _judge(server)


async def test_drop_mid_utterance_cuts_while_the_speaker_talks() -> None:
    async with _server("drop_mid_utterance") as server, open_path(server, PATH, KEY) as peer:
        await _configure(peer, "es")
        with pytest.raises(ConnectionClosed):
            await _speak(peer, "Good morning and welcome to the meeting.")
            await peer.until("session.output_audio.delta")
    assert server.connections[0].dropped
    assert not any(e["type"].startswith("session.output") for e in peer.events)


async def test_noise_faults_and_expiry_apply_to_the_translate_dialect() -> None:
    options = ServerOptions(time_scale=20, session_lifetime_s=8.0)
    async with _server("unknown_events", "extra_fields", options=options) as server:
        async with open_path(server, PATH, KEY) as peer:
            assert (await peer.recv())["type"] == "session.heartbeat"
            await _configure(peer, "es")
            await _speak(peer, "Where is the nearest train station?")
            events = await peer.until("error", within=15)
            with pytest.raises(ConnectionClosed):
                await peer.recv()
        assert events[-1]["error"]["code"] == "session_expired"
        assert "session.output_audio.marker" in {e["type"] for e in events}
        assert all("server_trace" in e for e in peer.events)
        allowed = DEFAULT_ALLOWED_EXTRA | {"*:server_trace"}
        unknown = {"session.heartbeat", "session.output_audio.marker"}
        for event in itertools.chain.from_iterable(r.sent for r in server.connections):
            if event["type"] not in unknown:
                parse_server_event(event, "translate", allowed)
