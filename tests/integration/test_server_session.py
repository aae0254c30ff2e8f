"""Session configuration on the local server: GA defaults, atomic ``session.update`` validation,
malformed client events answered without closing, and the voice lock (reference §2, §4.2, §5.4)."""

from __future__ import annotations

import time
from typing import Any

import pytest

from tests.integration.server_peer import NumberingBrain, judge, open_peer, silence, speech
from translator.server.app import LocalRealtimeServer
from translator.server.options import ServerOptions

FAST = ServerOptions(time_scale=20)


async def test_session_created_carries_the_ga_defaults() -> None:
    async with LocalRealtimeServer(options=FAST) as server, open_peer(server) as peer:
        session = peer.events[0]["session"]
    assert session["type"] == "realtime" and session["object"] == "realtime.session"
    assert session["id"].startswith("sess_") and session["model"] == "gpt-realtime-2.1-mini"
    assert session["output_modalities"] == ["audio"]
    assert session["audio"]["input"]["turn_detection"] == {
        "type": "server_vad",
        "threshold": 0.5,
        "prefix_padding_ms": 300,
        "silence_duration_ms": 200,
        "idle_timeout_ms": None,
        "create_response": True,
        "interrupt_response": True,
    }
    assert session["audio"]["input"]["format"] == {"type": "audio/pcm", "rate": 24000}
    assert session["audio"]["input"]["transcription"] is None
    assert session["audio"]["output"]["voice"] == "alloy"
    assert session["max_output_tokens"] == "inf" and session["truncation"] == "auto"
    assert abs(session["expires_at"] - (time.time() + 3600)) < 120
    judge(server.connections)


async def _error_for(peer: Any, session: dict[str, Any]) -> dict[str, Any]:
    await peer.send("session.update", event_id="evt_update", session=session)
    return await peer.error_for("evt_update")


@pytest.mark.parametrize(
    ("session", "code", "param"),
    [
        ({"type": "realtime", "bogus": 1}, "unknown_parameter", "session.bogus"),
        (
            {
                "type": "realtime",
                "audio": {"input": {"transcription": {"model": "whisper-1", "enabled": True}}},
            },
            "unknown_parameter",
            "session.audio.input.transcription.enabled",
        ),
        (
            {
                "type": "realtime",
                "audio": {"input": {"format": {"type": "audio/pcm", "rate": 16000}}},
            },
            "integer_below_min_value",
            "session.audio.input.format.rate",
        ),
        (
            {
                "type": "realtime",
                "audio": {
                    "input": {"turn_detection": {"type": "semantic_vad", "eagerness": "eager"}}
                },
            },
            "invalid_value",
            "session.audio.input.turn_detection.eagerness",
        ),
        (
            {"type": "realtime", "audio": {"input": {"noise_reduction": {"type": "studio"}}}},
            "invalid_value",
            "session.audio.input.noise_reduction.type",
        ),
        (
            {"type": "realtime", "audio": {"output": {"voice": "robot"}}},
            "invalid_value",
            "session.audio.output.voice",
        ),
        (
            {"type": "realtime", "output_modalities": ["text", "audio"]},
            "invalid_value",
            "session.output_modalities",
        ),
        (
            {"type": "realtime", "max_output_tokens": 9000},
            "integer_above_max_value",
            "session.max_output_tokens",
        ),
        ({"instructions": "hi"}, "missing_required_parameter", "session.type"),
    ],
)
async def test_invalid_update_is_rejected_with_code_and_param(
    session: dict[str, Any], code: str, param: str
) -> None:
    async with LocalRealtimeServer(options=FAST) as server, open_peer(server) as peer:
        error = await _error_for(peer, session)
        assert (error["type"], error["code"], error["param"]) == (
            "invalid_request_error",
            code,
            param,
        )
    judge(server.connections)


async def test_a_rejected_update_changes_nothing() -> None:
    async with LocalRealtimeServer(options=FAST) as server, open_peer(server) as peer:
        before = await peer.configure(audio={"output": {"voice": "verse"}})
        await _error_for(
            peer,
            {
                "type": "realtime",
                "instructions": "CHANGED",
                "audio": {"output": {"voice": "ash"}},
                "bogus_field": True,
            },
        )
        await peer.send("session.update", session={"type": "realtime"})
        after = (await peer.expect("session.updated"))["session"]
    assert after == before["session"]
    assert after["audio"]["output"]["voice"] == "verse"


async def test_update_merges_and_fills_defaults_of_a_new_turn_detection() -> None:
    async with LocalRealtimeServer(options=FAST) as server, open_peer(server) as peer:
        updated = await peer.configure(
            audio={
                "input": {
                    "turn_detection": {"type": "server_vad", "silence_duration_ms": 500},
                    "transcription": {"model": "gpt-4o-mini-transcribe", "language": "en"},
                    "noise_reduction": {"type": "near_field"},
                }
            }
        )
        session = updated["session"]
        semantic = await peer.configure(
            audio={"input": {"turn_detection": {"type": "semantic_vad", "eagerness": "low"}}}
        )
    assert session["audio"]["input"]["turn_detection"] == {
        "type": "server_vad",
        "threshold": 0.5,
        "prefix_padding_ms": 300,
        "silence_duration_ms": 500,
        "idle_timeout_ms": None,
        "create_response": True,
        "interrupt_response": True,
    }
    assert session["audio"]["input"]["transcription"]["language"] == "en"
    assert session["audio"]["output"]["voice"] == "alloy"  # untouched sibling
    assert semantic["session"]["audio"]["input"]["turn_detection"] == {
        "type": "semantic_vad",
        "eagerness": "low",
        "create_response": True,
        "interrupt_response": True,
    }
    assert (
        semantic["session"]["audio"]["input"]["transcription"]["model"] == "gpt-4o-mini-transcribe"
    )
    judge(server.connections)


async def test_malformed_events_get_errors_and_the_session_stays_open() -> None:
    async with LocalRealtimeServer(options=FAST) as server, open_peer(server) as peer:
        await peer.ws.send("{not json")
        assert (await peer.expect("error"))["error"]["code"] == "invalid_json"
        await peer.ws.send(b"\x00\x01binary")
        assert (await peer.expect("error"))["error"]["code"] == "invalid_event"
        await peer.ws.send('{"event_id": "evt_1"}')
        missing = await peer.error_for("evt_1")
        assert (missing["code"], missing["event_id"]) == ("invalid_event", "evt_1")
        await peer.send("transcription_session.update", event_id="evt_2", session={})
        unknown = await peer.error_for("evt_2")
        assert (unknown["code"], unknown["param"], unknown["event_id"]) == (
            "invalid_value",
            "type",
            "evt_2",
        )
        assert "'session.update'" in unknown["message"]
        await peer.send("input_audio_buffer.clear", event_id="evt_3", extra=1)
        extra = await peer.error_for("evt_3")
        assert (extra["code"], extra["param"]) == ("unknown_parameter", "extra")
        await peer.send("input_audio_buffer.clear")
        await peer.expect("input_audio_buffer.cleared")
    judge(server.connections)


async def test_voice_locks_after_the_first_audio_output() -> None:
    async with (
        LocalRealtimeServer(options=FAST, brain=NumberingBrain()) as server,
        open_peer(server) as peer,
    ):
        await peer.configure(
            audio={"input": {"turn_detection": None}, "output": {"voice": "coral"}}
        )
        await peer.configure(audio={"output": {"voice": "sage"}})  # no audio yet: allowed
        await peer.stream(speech("Good morning"))
        await peer.send("input_audio_buffer.commit")
        await peer.send("response.create")
        await peer.expect("response.done")
        error = await _error_for(peer, {"type": "realtime", "audio": {"output": {"voice": "ash"}}})
        assert error["code"] == "cannot_update_voice"
        same = await peer.configure(audio={"output": {"voice": "sage"}})
        assert same["session"]["audio"]["output"]["voice"] == "sage"
        await peer.stream(silence(100))
    judge(server.connections)


async def test_reasoning_effort_is_taken_by_reasoning_models_and_refused_by_the_others() -> None:
    """A reasoning model starts at the service's default effort and takes another; a model
    without reasoning refuses the field, and the whole update with it."""
    reasoning = {"type": "realtime", "reasoning": {"effort": "minimal"}}
    async with LocalRealtimeServer(options=FAST) as server:
        async with open_peer(server, model="gpt-realtime-2.1-mini") as peer:
            assert peer.events[0]["session"]["reasoning"] == {"effort": "low"}
            updated = await peer.configure(reasoning={"effort": "minimal"})
            assert updated["session"]["reasoning"] == {"effort": "minimal"}
        async with open_peer(server, model="gpt-realtime-1.5") as peer:
            assert "reasoning" not in peer.events[0]["session"]
            error = await _error_for(peer, reasoning)
            assert (error["code"], error["param"]) == ("unsupported_parameter", "session.reasoning")
    judge(server.connections)
