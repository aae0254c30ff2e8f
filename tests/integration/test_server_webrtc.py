"""The local server's WebRTC calls, judged with a raw aiortc peer and plain HTTP (no app code).

Each test speaks the signalling as OpenAI documents it (reference §7): an ephemeral key from
``client_secrets`` and the raw offer, or a multipart form with a standard key; then events on the
``oai-events`` data channel and audio on the tracks. Every event the server sent is checked with
the SDK's models; the translation must be heard in what the answer's track played.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator
from typing import Any

import aiohttp
import pytest

from tests.integration.server_peer import INSTRUCTIONS, INTERPRETER_TURNS, NumberingBrain, speech
from tests.support.sdk_judge import parse_server_event
from tests.support.speech import APP_VOICE, locate, translations_in_order
from tests.support.webrtc import CallPeer, loopback_candidates
from translator.server.app import LocalRealtimeServer
from translator.server.faults import Fault, FaultName
from translator.server.options import ServerOptions
from translator.server.tts import synthesize

pytestmark = [pytest.mark.speech, pytest.mark.slow]

KEY = "sk-test-key"
MODEL = "gpt-realtime-2.1-mini"
SESSION = {
    "type": "realtime",
    "model": MODEL,
    "instructions": INSTRUCTIONS,
    "output_modalities": ["audio"],
    "audio": {"input": {"turn_detection": INTERPRETER_TURNS}, "output": {"voice": APP_VOICE}},
}


@pytest.fixture(autouse=True)
def _loopback() -> Any:
    with loopback_candidates():
        yield


async def _server(*faults: Fault | str) -> LocalRealtimeServer:
    server = LocalRealtimeServer(
        api_keys=[KEY],
        brain=NumberingBrain(),
        faults=faults,
        options=ServerOptions(deployments={"interp": MODEL}),
    )
    await server.start()
    return server


def _base(server: LocalRealtimeServer) -> str:
    return f"http://{server.host}:{server.port}"


@pytest.fixture
async def http() -> AsyncIterator[aiohttp.ClientSession]:
    async with aiohttp.ClientSession() as session:
        yield session


async def _mint(
    http: aiohttp.ClientSession,
    server: LocalRealtimeServer,
    prefix: str = "/v1/realtime",
    session: dict[str, Any] | None = None,
    headers: dict[str, str] | None = None,
) -> tuple[int, dict[str, Any]]:
    async with http.post(
        f"{_base(server)}{prefix}/client_secrets",
        json={
            "expires_after": {"anchor": "created_at", "seconds": 60},
            "session": session or SESSION,
        },
        headers=headers or {"Authorization": f"Bearer {KEY}"},
    ) as response:
        return response.status, await response.json()


async def _call(
    http: aiohttp.ClientSession,
    server: LocalRealtimeServer,
    peer: CallPeer,
    key: str,
    prefix: str = "/v1/realtime",
    *,
    offer: str | None = None,
) -> tuple[int, str, str | None]:
    async with http.post(
        f"{_base(server)}{prefix}/calls",
        data=offer if offer is not None else await peer.offer(),
        headers={"Authorization": f"Bearer {key}", "Content-Type": "application/sdp"},
    ) as response:
        return response.status, await response.text(), response.headers.get("Location")


async def _connected(
    http: aiohttp.ClientSession, server: LocalRealtimeServer, peer: CallPeer, prefix: str
) -> str:
    """An ephemeral key, the call, the answer applied, the channel open: the call's Location."""
    status, secret = await _mint(http, server, prefix)
    assert status == 200, secret
    status, answer, location = await _call(http, server, peer, secret["value"], prefix)
    assert status == 201, answer
    await peer.accept(answer)
    await asyncio.wait_for(peer.opened.wait(), 5)
    assert location is not None
    return location


async def _heard(peer: CallPeer, text: str, voice: str | None = APP_VOICE) -> None:
    """Wait until the answer's track has played ``text`` (Spanish), as the track plays it in
    real time; then assert it is there once, clearly."""
    reference = synthesize(text, "es", voice=voice)
    loop = asyncio.get_running_loop()
    deadline = loop.time() + 15
    while loop.time() < deadline:
        recording = peer.recording()
        if recording.size > reference.size and locate(recording, reference)[1] > 0.8:
            break
        await asyncio.sleep(0.2)
    translations_in_order(peer.recording(), [(text, "es")], voice=voice)


def _judge(server: LocalRealtimeServer, dialect: str = "realtime") -> None:
    for record in server.connections:
        for event in record.sent:
            parse_server_event(event, dialect)  # type: ignore[arg-type]


async def test_a_call_with_an_ephemeral_key_translates_speech_into_the_answer_track(
    http: aiohttp.ClientSession,
) -> None:
    server = await _server()
    peer = CallPeer()
    try:
        location = await _connected(http, server, peer, "/v1/realtime")
        created = await peer.recv()
        assert created["type"] == "session.created"
        assert created["session"]["instructions"] == INSTRUCTIONS  # the key's configuration
        assert created["session"]["audio"]["output"]["voice"] == APP_VOICE

        peer.mic.say(speech("Good morning, everyone."))
        committed = (await peer.until("input_audio_buffer.committed", within=15))[-1]
        peer.send("response.create")
        done = (await peer.until("response.done", within=15))[-1]
        assert done["response"]["status"] == "completed"
        stopped = (await peer.until("output_audio_buffer.stopped", within=15))[-1]
        response_id = done["response"]["id"]
        assert stopped["response_id"] == response_id
        types = [e["type"] for e in peer.events]
        started = types.index("output_audio_buffer.started")
        assert peer.events[started]["response_id"] == response_id
        assert types.index("response.content_part.added") < started
        assert types.index("response.done") < types.index("output_audio_buffer.stopped")
        # Audio travels on the track only, never as deltas on the data channel.
        assert "response.output_audio.delta" not in types
        assert committed["item_id"]
        await _heard(peer, "Traducción número 1")
        _judge(server)

        async with http.post(f"{_base(server)}{location}/hangup") as response:
            assert response.status == 200
        await asyncio.wait_for(peer.closed.wait(), 5)
        async with http.post(f"{_base(server)}{location}/hangup") as response:
            assert response.status == 404
            assert (await response.json())["error"]["code"] == "call_not_found"
        assert server.connections[0].close_code == 1000
    finally:
        await peer.close()
        await server.close()


async def test_a_call_with_a_standard_key_sends_a_multipart_form(
    http: aiohttp.ClientSession,
) -> None:
    server = await _server()
    peer = CallPeer()
    try:
        form = aiohttp.FormData()
        form.add_field("sdp", await peer.offer(), content_type="application/sdp")
        config = {"type": "realtime", "model": MODEL, "instructions": "Hi"}
        form.add_field("session", json.dumps(config), content_type="application/json")
        async with http.post(
            f"{_base(server)}/v1/realtime/calls",
            data=form,
            headers={"Authorization": f"Bearer {KEY}"},
        ) as response:
            assert response.status == 201
            assert response.headers["Location"].startswith("/v1/realtime/calls/rtc_")
            await peer.accept(await response.text())
        await asyncio.wait_for(peer.opened.wait(), 5)
        created = await peer.recv()
        assert created["session"]["instructions"] == "Hi"

        # A raw offer needs an ephemeral key: a standard key must send the form.
        other = CallPeer()
        try:
            status, body, _ = await _call(http, server, other, KEY)
            assert status == 400 and "multipart" in body
        finally:
            await other.close()
    finally:
        await peer.close()
        await server.close()


async def test_a_translate_call_streams_transcripts_on_the_channel_and_audio_on_the_track(
    http: aiohttp.ClientSession,
) -> None:
    server = await _server()
    peer = CallPeer()
    try:
        session = {
            "model": "gpt-realtime-translate",
            "audio": {
                "input": {"transcription": {"model": "gpt-realtime-whisper"}},
                "output": {"language": "es"},
            },
        }
        prefix = "/v1/realtime/translations"
        status, secret = await _mint(http, server, prefix, session)
        assert status == 200 and secret["session"]["type"] == "translation"
        status, answer, _ = await _call(http, server, peer, secret["value"], prefix)
        assert status == 201, answer
        await peer.accept(answer)
        await asyncio.wait_for(peer.opened.wait(), 5)
        created = await peer.recv()
        assert created["session"]["audio"]["output"]["language"] == "es"
        peer.mic.say(speech("Good morning, everyone."))
        await peer.until("session.output_transcript.delta", within=15)
        await _heard(peer, "Traducción número 1", voice=None)
        assert not [e for e in peer.events if e["type"] == "session.output_audio.delta"]
        _judge(server, "translate")
    finally:
        await peer.close()
        await server.close()


async def test_azure_takes_calls_on_its_ga_path_with_an_api_key(
    http: aiohttp.ClientSession,
) -> None:
    server = await _server()
    peer = CallPeer()
    try:
        prefix = "/openai/v1/realtime"
        session = {**SESSION, "model": "interp"}
        status, secret = await _mint(http, server, prefix, session, {"api-key": KEY})
        assert status == 200, secret
        assert secret["session"]["model"] == MODEL  # the deployment's model
        status, answer, location = await _call(http, server, peer, secret["value"], prefix)
        assert status == 201 and location and location.startswith("/openai/v1/realtime/calls/")
        await peer.accept(answer)
        await asyncio.wait_for(peer.opened.wait(), 5)
        assert (await peer.recv())["type"] == "session.created"
        # An ephemeral key is good for the path that minted it only.
        other = CallPeer()
        try:
            status, body, _ = await _call(http, server, other, secret["value"], "/v1/realtime")
            assert status == 401 and "invalid_api_key" in body
        finally:
            await other.close()
    finally:
        await peer.close()
        await server.close()


async def test_refusals_are_json_errors_naming_what_is_wrong(http: aiohttp.ClientSession) -> None:
    server = await _server(Fault(FaultName.CALL_RATE_LIMITED))
    peer = CallPeer()
    try:
        status, body = await _mint(http, server, headers={"Authorization": "Bearer sk-wrong"})
        assert status == 401 and body["error"]["code"] == "invalid_api_key"
        status, body = await _mint(
            http, server, session={**SESSION, "audio": {"output": {"voice": "nobody"}}}
        )
        assert status == 400 and body["error"]["param"] == "session.audio.output.voice"
        status, text, _ = await _call(http, server, peer, "ek_made_up")
        assert status == 401 and "invalid_api_key" in text
        status, secret = await _mint(http, server)
        status, text, _ = await _call(http, server, peer, secret["value"], offer="v=0 nonsense")
        assert status == 400 and "invalid_offer" in text
        status, text, _ = await _call(http, server, peer, secret["value"])
        assert status == 429 and "rate_limit_exceeded" in text
        status, text, _ = await _call(http, server, peer, secret["value"])
        assert status == 201  # the fault fired once
    finally:
        await peer.close()
        await server.close()


async def test_ice_that_never_completes_leaves_the_channel_closed(
    http: aiohttp.ClientSession,
) -> None:
    server = await _server(Fault(FaultName.ICE_NEVER_COMPLETES))
    peer = CallPeer()
    try:
        status, secret = await _mint(http, server)
        status, answer, _ = await _call(http, server, peer, secret["value"])
        assert status == 201
        await peer.accept(answer)
        # The app gives a call 5 s to open its channel before it falls back to WebSocket.
        with pytest.raises(TimeoutError):
            await asyncio.wait_for(peer.opened.wait(), 5)
        assert peer.pc.iceConnectionState == "checking"
    finally:
        await peer.close()
        await server.close()


async def test_the_audio_track_is_the_only_input_on_a_call(http: aiohttp.ClientSession) -> None:
    server = await _server()
    peer = CallPeer()
    try:
        await _connected(http, server, peer, "/v1/realtime")
        await peer.recv()
        peer.send("input_audio_buffer.append", audio="AAAA", event_id="evt_1")
        error = (await peer.until("error"))[-1]["error"]
        assert error["event_id"] == "evt_1" and "audio track" in error["message"]
    finally:
        await peer.close()
        await server.close()


async def test_clear_cuts_the_playing_translation_and_truncates_it_to_what_was_heard(
    http: aiohttp.ClientSession,
) -> None:
    server = await _server()
    peer = CallPeer()
    try:
        await _connected(http, server, peer, "/v1/realtime")
        await peer.recv()
        peer.mic.say(speech("Good morning, everyone."))
        await peer.until("input_audio_buffer.committed", within=15)
        peer.send("response.create")
        started = (await peer.until("output_audio_buffer.started", within=15))[-1]
        peer.send("response.cancel")
        peer.send("output_audio_buffer.clear")
        cleared = (await peer.until("output_audio_buffer.cleared"))[-1]
        assert cleared["response_id"] == started["response_id"]
        if "response.done" not in [e["type"] for e in peer.events]:
            await peer.until("response.done")
        done = next(e for e in peer.events if e["type"] == "response.done")
        assert done["response"]["status"] == "cancelled"
        # The item keeps only what the track played before the clear.
        item_id = next(e for e in peer.events if e["type"] == "response.output_item.added")
        peer.send("conversation.item.retrieve", item_id=item_id["item"]["id"])
        item = (await peer.until("conversation.item.retrieved"))[-1]["item"]
        assert len(item["content"][0]["transcript"]) < len("Traducción número 1")
        assert "output_audio_buffer.stopped" not in [e["type"] for e in peer.events]
        _judge(server)
    finally:
        await peer.close()
        await server.close()


async def test_a_hang_up_answered_404_leaves_the_call_to_end_when_the_peer_goes(
    http: aiohttp.ClientSession,
) -> None:
    server = await _server(Fault(FaultName.HANGUP_NOT_FOUND))
    peer = CallPeer()
    try:
        location = await _connected(http, server, peer, "/v1/realtime")
        async with http.post(f"{_base(server)}{location}/hangup") as response:
            assert response.status == 404
        assert server.calls.calls  # still up
        await peer.close()
        loop = asyncio.get_running_loop()
        deadline = loop.time() + 10
        while server.calls.calls and loop.time() < deadline:
            await asyncio.sleep(0.05)
        assert not server.calls.calls
    finally:
        await peer.close()
        await server.close()


async def test_a_drop_mid_response_closes_the_data_channel_before_the_response_ends(
    http: aiohttp.ClientSession,
) -> None:
    server = await _server(Fault(FaultName.DROP_MID_RESPONSE))
    peer = CallPeer()
    try:
        await _connected(http, server, peer, "/v1/realtime")
        await peer.recv()
        peer.mic.say(speech("Good morning, everyone."))
        await peer.until("input_audio_buffer.committed", within=15)
        peer.send("response.create")
        await peer.until("response.created")
        await asyncio.wait_for(peer.closed.wait(), 15)
        assert "response.done" not in [e["type"] for e in peer.events]
        assert server.connections[0].dropped
    finally:
        await peer.close()
        await server.close()
