"""Each fault of the local server (issue 3), seen from a raw client: what breaks, how it looks on
the wire, and that it fires only as often as asked, so a recovering client gets through."""

from __future__ import annotations

import asyncio
import base64
import time
from typing import Any

import numpy as np
import pytest
from websockets.exceptions import ConnectionClosed, ConnectionClosedError

from tests.integration.server_peer import NumberingBrain, Peer, judge, open_peer, speech
from tests.support.sdk_judge import DEFAULT_ALLOWED_EXTRA, SdkJudgeRejection, parse_server_event
from translator.server.app import LocalRealtimeServer
from translator.server.clock import ScaledClock
from translator.server.faults import Fault, FaultName, FaultPlan, FaultSpecError
from translator.server.options import ServerOptions

FAST = ServerOptions(time_scale=20)
MANUAL = {"input": {"turn_detection": None}}
VAD = {
    "input": {
        "turn_detection": {
            "type": "server_vad",
            "silence_duration_ms": 500,
            "create_response": False,
            "interrupt_response": False,
        }
    }
}


def _server(*faults: str, options: ServerOptions = FAST, **kwargs: Any) -> LocalRealtimeServer:
    return LocalRealtimeServer(options=options, brain=NumberingBrain(), faults=faults, **kwargs)


async def _translate(peer: Peer) -> list[dict[str, Any]]:
    """One manual utterance and its response, up to ``response.done``."""
    await peer.stream(speech("Good morning"))
    await peer.send("input_audio_buffer.commit")
    await peer.expect("conversation.item.done")
    await peer.send("response.create")
    return await peer.until("response.done")


def _audio(events: list[dict[str, Any]]) -> list[bytes]:
    return [
        base64.b64decode(e["delta"]) for e in events if e["type"] == "response.output_audio.delta"
    ]


async def test_drop_mid_utterance_fires_once_server_wide() -> None:
    async with _server("drop_mid_utterance") as server:
        async with open_peer(server) as peer:
            await peer.configure(audio=VAD)
            with pytest.raises(ConnectionClosedError):
                await peer.stream(speech("Where is the nearest train station?"), chunk_ms=20)
                await peer.until("input_audio_buffer.committed")
            assert peer.ws.close_code == 1006
            assert any(e["type"] == "input_audio_buffer.speech_started" for e in peer.events)
        async with open_peer(server) as peer:
            await peer.configure(audio=VAD)
            await peer.stream(
                np.concatenate(
                    [speech("Where is the nearest train station?"), np.zeros(14_400, np.int16)]
                ),
                chunk_ms=20,
            )
            assert (await peer.expect("input_audio_buffer.committed"))["item_id"]
        assert [record.dropped for record in server.connections] == [True, False]
        judge(server.connections)


async def test_drop_mid_utterance_also_fires_without_server_vad() -> None:
    async with _server("drop_mid_utterance") as server, open_peer(server) as peer:
        await peer.configure(audio=MANUAL)
        with pytest.raises(ConnectionClosedError):
            await peer.stream(speech("Where is the nearest train station?"), chunk_ms=20)
            await peer.recv()
        assert peer.ws.close_code == 1006


async def test_drop_mid_response_after_some_audio_fires_once() -> None:
    async with _server("drop_mid_response") as server:
        async with open_peer(server) as peer:
            await peer.configure(audio=MANUAL)
            with pytest.raises(ConnectionClosedError):
                await _translate(peer)
            assert peer.ws.close_code == 1006
            assert len(_audio(peer.events)) >= 1
            assert not any(e["type"] == "response.done" for e in peer.events)
        async with open_peer(server) as peer:
            await peer.configure(audio=MANUAL)
            assert (await _translate(peer))[-1]["response"]["status"] == "completed"
        judge(server.connections)


async def test_session_expired_fault_ends_the_first_session_early() -> None:
    async with _server("session_expired=3") as server:
        async with open_peer(server) as peer:
            expires_at = peer.events[0]["session"]["expires_at"]
            error = await peer.recv(within=10)
            with pytest.raises(ConnectionClosed):
                await peer.recv()
        assert error["error"]["code"] == "session_expired"
        assert error["error"]["message"] == "Your session hit the maximum duration of 60 minutes."
        assert expires_at - time.time() > 3000  # the session still announced its full hour
        async with open_peer(server) as peer:
            await peer.configure(audio=MANUAL)
            assert (await _translate(peer))[-1]["response"]["status"] == "completed"
        judge(server.connections)


async def test_session_lifetime_expires_at_expires_at() -> None:
    clock = ScaledClock(600)
    options = ServerOptions(session_lifetime_s=1800)
    async with (
        LocalRealtimeServer(options=options, clock=clock) as server,
        open_peer(server) as peer,
    ):
        created = peer.events[0]["session"]
        error = await peer.recv(within=10)
        with pytest.raises(ConnectionClosed):
            await peer.recv()
        now = clock.time()
    assert created["expires_at"] - 1800 <= now
    assert now >= created["expires_at"] - 1
    assert error["error"]["message"] == "Your session hit the maximum duration of 30 minutes."
    judge(server.connections)


async def test_rate_limited_response_fails_then_the_retry_translates_the_same_utterance() -> None:
    async with _server("rate_limited_response") as server, open_peer(server) as peer:
        await peer.configure(audio=MANUAL)
        failed = await _translate(peer)
        limits = await peer.expect("rate_limits.updated")
        await peer.send("response.create")
        retried = await peer.until("response.done")
        judge(server.connections)
    done = failed[-1]["response"]
    assert done["status"] == "failed" and done["output"] == []
    assert done["status_details"]["type"] == "failed"
    assert done["status_details"]["error"]["code"] == "inference_rate_limit_exceeded"
    assert limits["rate_limits"][0]["remaining"] == 0
    assert retried[-1]["response"]["status"] == "completed"
    assert retried[-1]["response"]["output"][0]["content"][0]["transcript"] == "Traducción número 1"


async def test_rate_limited_error_refuses_the_create_without_a_response() -> None:
    async with _server("rate_limited_error=2") as server, open_peer(server) as peer:
        await peer.configure(audio=MANUAL)
        await peer.stream(speech("Good morning"))
        await peer.send("input_audio_buffer.commit")
        await peer.expect("conversation.item.done")
        codes = []
        for attempt in range(2):
            await peer.send("response.create", event_id=f"evt_{attempt}")
            codes.append((await peer.error_for(f"evt_{attempt}"))["code"])
        await peer.send("response.create", event_id="evt_2")
        done = await peer.expect("response.done")
        judge(server.connections)
    assert codes == ["rate_limit_exceeded", "rate_limit_exceeded"]
    assert [e["type"] for e in peer.events].count("response.created") == 1
    assert done["response"]["status"] == "completed"


async def test_content_filter_cuts_the_response_short() -> None:
    async with _server("content_filter") as server, open_peer(server) as peer:
        await peer.configure(audio=MANUAL)
        filtered = await _translate(peer)
        await peer.send("response.create")
        whole = await peer.until("response.done")
        judge(server.connections)
    done = filtered[-1]["response"]
    assert done["status"] == "incomplete"
    assert done["status_details"] == {"type": "incomplete", "reason": "content_filter"}
    assert done["output"][0]["status"] == "incomplete"
    assert 0 < sum(map(len, _audio(filtered))) < sum(map(len, _audio(whole)))


class GatedClock(ScaledClock):
    """Holds sleeps of exactly ``gated`` seconds until the test opens the gate."""

    def __init__(self, gated: float) -> None:
        super().__init__(20)
        self.gated = gated
        self.gate = asyncio.Event()

    async def sleep(self, seconds: float) -> None:
        if seconds == self.gated:
            await self.gate.wait()
        await super().sleep(seconds)


async def test_slow_first_event_holds_session_created_once() -> None:
    clock = GatedClock(7.5)
    async with LocalRealtimeServer(faults=["slow_first_event=7.5"], clock=clock) as server:
        async with open_peer(server, created=False) as slow:
            with pytest.raises(TimeoutError):
                await slow.recv(within=0.3)
            async with open_peer(server) as fast:  # the fault fired once: no wait here
                assert fast.events[0]["type"] == "session.created"
            clock.gate.set()
            assert (await slow.recv())["type"] == "session.created"
        judge(server.connections)


async def test_odd_audio_deltas_still_add_up_to_whole_samples() -> None:
    async with _server("odd_audio_delta") as server, open_peer(server) as peer:
        await peer.configure(audio=MANUAL)
        odd = _audio(await _translate(peer))
        await peer.send("response.create")
        even = _audio(await peer.until("response.done"))
        judge(server.connections)
    assert len(odd) > 2 and all(len(chunk) % 2 == 1 for chunk in odd[:-1])
    assert sum(map(len, odd)) % 2 == 0
    assert all(len(chunk) % 2 == 0 for chunk in even)


async def test_huge_audio_delta_exceeds_one_mebibyte() -> None:
    async with _server("huge_audio_delta") as server, open_peer(server) as peer:
        await peer.configure(audio=MANUAL)
        events = await _translate(peer)
        judge(server.connections)
    deltas = [e["delta"] for e in events if e["type"] == "response.output_audio.delta"]
    assert len(deltas) == 1 and len(deltas[0]) > 1024 * 1024
    assert events[-1]["response"]["status"] == "completed"


async def test_unknown_events_are_sent_among_the_real_ones() -> None:
    async with _server("unknown_events") as server, open_peer(server) as peer:
        await peer.configure(audio=MANUAL)
        events = await _translate(peer)
    unknown = []
    for event in server.connections[0].sent:
        try:
            parse_server_event(event, "realtime")
        except SdkJudgeRejection:
            unknown.append(event["type"])
    assert unknown == ["session.heartbeat", "response.output_audio.marker"]
    assert events[-1]["response"]["status"] == "completed"


async def test_extra_fields_ride_on_every_event() -> None:
    async with _server("extra_fields") as server, open_peer(server) as peer:
        await peer.configure(audio=MANUAL)
        await _translate(peer)
        await peer.send("response.cancel")
        await peer.expect("error")
    sent = server.connections[0].sent
    assert all("server_trace" in event for event in sent)
    with pytest.raises(SdkJudgeRejection, match="server_trace"):
        judge(server.connections)
    judge(server.connections, DEFAULT_ALLOWED_EXTRA | {"*:server_trace"})


def test_fault_arguments_parse_and_bad_ones_say_what_is_wrong() -> None:
    assert Fault.parse("drop_mid_response=3") == Fault(FaultName.DROP_MID_RESPONSE, times=3)
    assert Fault.parse("session_expired=12.5").seconds == 12.5
    assert Fault.parse("extra_fields").times is None
    for bad, hint in [
        ("drop_everything", "known faults"),
        ("content_filter=0", "TIMES"),
        ("extra_fields=2", "no argument"),
        ("session_expired=soon", "SECONDS"),
    ]:
        with pytest.raises(FaultSpecError, match=hint):
            Fault.parse(bad)
    plan = FaultPlan(["rate_limited_response=2", "unknown_events"])
    assert [plan.take(FaultName.RATE_LIMITED_RESPONSE) is not None for _ in range(3)] == [
        True,
        True,
        False,
    ]
    assert all(plan.take(FaultName.UNKNOWN_EVENTS) for _ in range(5))
    assert plan.take(FaultName.CONTENT_FILTER) is None
