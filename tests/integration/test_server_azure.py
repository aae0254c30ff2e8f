"""Azure paths of the local server, from a raw client (reference §1.2, §1.4, §1.6, §4.1).

GA by deployment on ``/openai/v1/realtime``; the beta dialect of preview deployments on
``/openai/realtime?api-version=…&deployment=…``: its front-door refusals, its flat session shape
and validation, its event names and its response order (``beta_response_order.json``).
Every event the server sent parses with the SDK's models for the dialect.
"""

from __future__ import annotations

import json
from typing import Any

import numpy as np
import pytest
from websockets.asyncio.client import connect
from websockets.exceptions import ConnectionClosedError, InvalidStatus

from tests.integration.server_peer import (
    NumberingBrain,
    Peer,
    open_path,
    refused,
    silence,
    speech,
)
from tests.support.event_order import check_response_order
from tests.support.sdk_judge import DEFAULT_ALLOWED_EXTRA, parse_server_event
from translator.server.app import LocalRealtimeServer
from translator.server.link import ConnectionRecord
from translator.server.options import ServerOptions

FAST = ServerOptions(time_scale=20)
KEY = "azure-key-1234"
SEED = "gpt-4o-mini-realtime-preview-2024-12-17"
PREVIEW = "/openai/realtime?api-version=2025-04-01-preview&deployment=seed"
GA_PATH = "/openai/v1/realtime?model=my-deployment"
API_KEY = {"api-key": KEY}


def _server(**kwargs: Any) -> LocalRealtimeServer:
    options = kwargs.pop("options", FAST)
    return LocalRealtimeServer(api_keys=[KEY], brain=NumberingBrain(), options=options, **kwargs)


def _judge(records: list[ConnectionRecord], dialect: str = "legacy", **kwargs: Any) -> None:
    for record in records:
        assert record.dialect == dialect
        for event in record.sent:
            parse_server_event(event, dialect, **kwargs)  # type: ignore[arg-type]


# --- Azure GA -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "headers", [{"api-key": KEY}, {"Authorization": f"Bearer {KEY}"}], ids=["api-key", "entra"]
)
async def test_azure_ga_path_serves_the_ga_dialect_with_either_credential(
    headers: dict[str, str],
) -> None:
    async with _server() as server, open_path(server, GA_PATH, headers) as peer:
        session = peer.events[0]["session"]
        assert session["type"] == "realtime"
        assert session["model"] == "gpt-realtime-2.1-mini"  # any deployment: the default GA model
        await peer.send("session.update", session={"type": "realtime", "instructions": "x"})
        assert (await peer.recv())["type"] == "session.updated"
    _judge(server.connections, "realtime")


async def test_azure_deployments_map_to_the_configured_models() -> None:
    options = ServerOptions(time_scale=20, deployments={"big": "gpt-realtime", "old": SEED})
    async with _server(options=options) as server:
        async with open_path(server, "/openai/v1/realtime?model=big", API_KEY) as peer:
            assert peer.events[0]["session"]["model"] == "gpt-realtime"
        async with open_path(
            server, "/openai/v1/realtime?model=old", API_KEY, created=False
        ) as peer:
            error, code, _ = await refused(peer)
        assert (error["code"], code) == ("invalid_model", 4000)
        assert '"old"' in error["message"]


@pytest.mark.parametrize("path", [GA_PATH, PREVIEW], ids=["ga", "preview"])
async def test_azure_paths_refuse_missing_and_wrong_credentials_with_3000(path: str) -> None:
    async with _server() as server:
        async with open_path(server, path, {}, created=False) as peer:
            error, code, _ = await refused(peer)
        assert (error["code"], code) == (None, 3000)
        async with open_path(server, path, {"api-key": "wrong-key-9999"}, created=False) as peer:
            error, code, _ = await refused(peer)
        assert (error["code"], code) == ("invalid_api_key", 3000)
        assert "wrong-key-9999" not in error["message"]


# --- Azure preview: the front door --------------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "status", "code"),
    [
        ("deployment=seed", 404, "404"),
        ("api-version=2025-10-01&deployment=seed", 400, "BadRequest"),
        ("api-version=2025-04-01-preview", 404, "DeploymentNotFound"),
    ],
    ids=["no-api-version", "unknown-api-version", "no-deployment"],
)
async def test_preview_path_refuses_bad_queries_before_the_upgrade(
    query: str, status: int, code: str
) -> None:
    async with _server() as server:
        with pytest.raises(InvalidStatus) as refusal:
            url = f"{server.resource_url}/openai/realtime?{query}"
            async with connect(url, additional_headers=API_KEY):
                pass
        response = refusal.value.response
        assert response.status_code == status
        assert response.headers["Content-Type"] == "application/json"
        assert json.loads(response.body)["error"]["code"] == code
        assert server.connections == []


# --- Azure preview: the beta session ------------------------------------------------------------


async def test_preview_session_is_created_in_the_beta_shape_with_the_seed_model() -> None:
    entra = {"Authorization": f"Bearer {KEY}"}
    async with _server(options=ServerOptions()) as server, open_path(server, PREVIEW, entra) as p:
        session = p.events[0]["session"]
        now = server.context.clock.time()
    assert session["model"] == SEED and session["object"] == "realtime.session"
    assert 29 * 60 < session["expires_at"] - now <= 30 * 60
    assert {k: session[k] for k in ("voice", "modalities", "temperature")} == {
        "voice": "alloy",
        "modalities": ["text", "audio"],
        "temperature": 0.8,
    }
    assert session["input_audio_format"] == session["output_audio_format"] == "pcm16"
    assert session["turn_detection"] == {
        "type": "server_vad",
        "threshold": 0.5,
        "prefix_padding_ms": 300,
        "silence_duration_ms": 200,
        "create_response": True,
        "interrupt_response": True,
    }
    assert "audio" not in session and "output_modalities" not in session
    _judge(server.connections)


@pytest.mark.parametrize(
    ("update", "code", "param"),
    [
        ({"output_modalities": ["audio"]}, "unknown_parameter", "session.output_modalities"),
        ({"audio": {"output": {"voice": "ash"}}}, "unknown_parameter", "session.audio"),
        ({"type": "realtime"}, "unknown_parameter", "session.type"),
        ({"temperature": 0.5}, "decimal_below_min_value", "session.temperature"),
        ({"temperature": 1.3}, "decimal_above_max_value", "session.temperature"),
        ({"voice": "marin"}, "invalid_value", "session.voice"),
        ({"input_audio_format": "pcm24"}, "invalid_value", "session.input_audio_format"),
        (
            {"turn_detection": {"type": "server_vad", "idle_timeout_ms": 5000}},
            "unknown_parameter",
            "session.turn_detection.idle_timeout_ms",
        ),
        (
            {"input_audio_transcription": {"model": "gpt-4o-mini-transcribe", "bogus": 1}},
            "unknown_parameter",
            "session.input_audio_transcription.bogus",
        ),
        (
            {"input_audio_noise_reduction": {"type": "near_field", "strength": 0.5}},
            "unknown_parameter",
            "session.input_audio_noise_reduction.strength",
        ),
    ],
)
async def test_preview_session_update_is_validated_in_beta_terms_and_atomically(
    update: dict[str, Any], code: str, param: str
) -> None:
    async with _server() as server, open_path(server, PREVIEW, API_KEY) as peer:
        await peer.send("session.update", session={"voice": "ash", **update}, event_id="evt_1")
        error = (await peer.expect("error"))["error"]
        assert (error["code"], error["param"], error["event_id"]) == (code, param, "evt_1")
        await peer.send("session.update", session={"instructions": "Into Spanish (es)."})
        session = (await peer.expect("session.updated"))["session"]
        assert session["voice"] == "alloy"  # the rejected update changed nothing
    _judge(server.connections)


async def test_preview_session_update_applies_the_flat_fields() -> None:
    flat = {
        "modalities": ["text"],
        "voice": "verse",
        "input_audio_format": "g711_ulaw",
        "output_audio_format": "g711_alaw",
        "input_audio_transcription": {"model": "whisper-1", "language": "en"},
        "turn_detection": {"type": "server_vad", "silence_duration_ms": 500},
        "input_audio_noise_reduction": {"type": "far_field"},
        "temperature": 0.6,
        "max_response_output_tokens": 512,
        "speed": 1.2,
    }
    async with _server() as server, open_path(server, PREVIEW, API_KEY) as peer:
        await peer.send("session.update", session=flat)
        session = (await peer.expect("session.updated"))["session"]
    assert {key: session[key] for key in flat} == {
        **flat,
        "turn_detection": {
            "type": "server_vad",
            "threshold": 0.5,
            "prefix_padding_ms": 300,
            "silence_duration_ms": 500,
            "create_response": True,
            "interrupt_response": True,
        },
    }
    _judge(server.connections)


async def _beta_turn(peer: Peer) -> list[dict[str, Any]]:
    """One server-VAD turn with an automatic response and input transcription."""
    await peer.send(
        "session.update",
        session={
            "instructions": "Translate from English (en) into Spanish (es).",
            "input_audio_transcription": {"model": "gpt-4o-mini-transcribe"},
            "turn_detection": {"type": "server_vad", "silence_duration_ms": 500},
        },
    )
    await peer.expect("session.updated")
    await peer.stream(np.concatenate([speech("Good morning"), silence(900)]), chunk_ms=20)
    events = await peer.until("rate_limits.updated")
    if not any(e["type"].endswith("transcription.completed") for e in events):
        events += await peer.until("conversation.item.input_audio_transcription.completed")
    return events


async def test_preview_audio_turn_follows_the_beta_order_with_beta_payloads() -> None:
    options = ServerOptions(time_scale=20, transcription_delay_s=0.5)
    async with _server(options=options) as server, open_path(server, PREVIEW, API_KEY) as peer:
        events = await _beta_turn(peer)
    check_response_order([e["type"] for e in events], "beta_response_order.json")
    user, assistant = (e["item"] for e in events if e["type"] == "conversation.item.created")
    assert user["content"] == [{"type": "input_audio", "transcript": None}]
    done = next(e for e in events if e["type"] == "response.done")["response"]
    assert done["status"] == "completed" and done["modalities"] == ["text", "audio"]
    assert (done["voice"], done["output_audio_format"], done["temperature"]) == (
        "alloy",
        "pcm16",
        0.8,
    )
    assert done["output"][0]["content"] == [{"type": "audio", "transcript": "Traducción número 1"}]
    assert "cached_tokens_details" not in done["usage"]["input_token_details"]
    assert assistant["role"] == "assistant"
    transcript = "".join(
        e["delta"] for e in events if e["type"] == "response.audio_transcript.delta"
    )
    assert transcript == "Traducción número 1"
    assert not any("obfuscation" in e for e in events)
    _judge(server.connections)


async def test_preview_assistant_text_items_use_the_beta_content_type() -> None:
    async with _server() as server, open_path(server, PREVIEW, API_KEY) as peer:
        part = {"type": "text", "text": "Hola"}
        text = {"type": "message", "role": "assistant", "content": [part]}
        await peer.send("conversation.item.create", item=text)
        created = await peer.expect("conversation.item.created")
        assert created["item"]["content"] == [{"type": "text", "text": "Hola"}]
        ga_text = {**text, "content": [{"type": "output_text", "text": "Hola"}]}
        await peer.send("conversation.item.create", item=ga_text)
        error = (await peer.expect("error"))["error"]
        assert (error["code"], error["param"]) == ("invalid_value", "item.content[0].type")
        await peer.send("session.close")  # GA only
        error = (await peer.expect("error"))["error"]
        assert (error["code"], error["param"]) == ("invalid_value", "type")
    _judge(server.connections)


async def test_preview_faults_apply_to_the_beta_dialect() -> None:
    faults = ["drop_mid_response", "unknown_events", "extra_fields"]
    async with _server(faults=faults) as server:
        async with open_path(server, PREVIEW, API_KEY) as peer:
            assert (await peer.recv())["type"] == "session.heartbeat"
            with pytest.raises(ConnectionClosedError):
                await _beta_turn(peer)
            assert peer.ws.close_code == 1006
        audio = [e for e in peer.events if e["type"] == "response.audio.delta"]
        assert len(audio) == 3 and all("server_trace" in e for e in peer.events)
        unknown = {"session.heartbeat", "response.output_audio.marker"}
        sent = server.connections[0].sent
        assert unknown <= {e["type"] for e in sent}
        for event in (e for e in sent if e["type"] not in unknown):
            parse_server_event(event, "legacy", DEFAULT_ALLOWED_EXTRA | {"*:server_trace"})
