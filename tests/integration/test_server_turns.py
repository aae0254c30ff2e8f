"""User turns on the local server: server VAD on the appended espeak-ng speech, manual commits,
``create_response`` / ``interrupt_response``, and a whole turn in the order of reference §3.2."""

from __future__ import annotations

from typing import Any

import numpy as np

from tests.integration.server_peer import (
    INTERPRETER_TURNS,
    NumberingBrain,
    judge,
    open_peer,
    silence,
    speech,
)
from tests.support.event_order import check_response_order
from tests.support.speech import speech_track
from translator.server.app import LocalRealtimeServer
from translator.server.options import ServerOptions
from translator.server.tts import RATE

FAST = ServerOptions(time_scale=20)
SENTENCES = ["Good morning and welcome to the meeting.", "Where is the nearest train station?"]


def _of(events: list[dict[str, Any]], event_type: str) -> list[dict[str, Any]]:
    return [e for e in events if e["type"] == event_type]


async def test_vad_cuts_two_utterances_separated_by_a_second_of_silence() -> None:
    brain = NumberingBrain()
    first, second = (speech(s) for s in SENTENCES)
    track = np.concatenate([silence(400), first, silence(1000), second, silence(1000)])
    async with LocalRealtimeServer(options=FAST, brain=brain) as server, open_peer(server) as peer:
        await peer.configure(audio={"input": {"turn_detection": INTERPRETER_TURNS}})
        await peer.stream(track, chunk_ms=20)
        events = await peer.until("conversation.item.done")
        events += await peer.until("conversation.item.done")
        events += await peer.quiet(0.3)
    started = _of(events, "input_audio_buffer.speech_started")
    stopped = _of(events, "input_audio_buffer.speech_stopped")
    committed = _of(events, "input_audio_buffer.committed")
    assert len(started) == len(stopped) == len(committed) == 2
    assert [e["item_id"] for e in started] == [e["item_id"] for e in committed]
    assert committed[1]["previous_item_id"] == committed[0]["item_id"]
    # audio_start_ms includes the 300 ms prefix padding; audio_end_ms the 500 ms of silence.
    first_end_ms = 400 + first.size * 1000 // RATE
    assert abs(started[0]["audio_start_ms"] - (400 - 300)) <= 40
    assert abs(stopped[0]["audio_end_ms"] - (first_end_ms + 500)) <= 60
    second_start_ms = first_end_ms + 1000
    assert abs(started[1]["audio_start_ms"] - (second_start_ms - 300)) <= 40
    # Each committed utterance is the sentence plus padding and silence, and nothing else.
    assert len(brain.heard) == 2
    for heard, spoken in zip(brain.heard, (first, second), strict=True):
        extra_ms = (heard.audio.size - spoken.size) * 1000 / RATE
        assert 700 <= extra_ms <= 900, extra_ms
    assert not _of(events, "response.created")  # create_response false
    judge(server.connections)


async def test_a_server_vad_turn_follows_the_reference_order() -> None:
    async with (
        LocalRealtimeServer(options=FAST, brain=NumberingBrain()) as server,
        open_peer(server) as peer,
    ):
        await peer.configure(
            audio={
                "input": {
                    "transcription": {"model": "gpt-4o-mini-transcribe"},
                    "turn_detection": {"type": "server_vad", "silence_duration_ms": 500},
                }
            }
        )
        await peer.stream(speech_track(SENTENCES[:1], "en", gap_s=0.8), chunk_ms=20)
        events = await peer.until("rate_limits.updated")
        events += await peer.until("conversation.item.input_audio_transcription.completed")
    turn = [e["type"] for e in events if e["type"] != "session.updated"]
    check_response_order(turn, "ga_response_order.json")
    created = _of(events, "response.created")[0]["response"]
    assert created["status"] == "in_progress" and created["output"] == []
    done = _of(events, "response.done")[0]["response"]
    assert done["status"] == "completed"
    assert done["output"][0]["content"][0] == {
        "type": "output_audio",
        "transcript": "Traducción número 1",
    }
    deltas = "".join(e["delta"] for e in _of(events, "response.output_audio_transcript.delta"))
    assert deltas == "Traducción número 1"
    # Transcript deltas run ahead of the audio: all text is out before the last audio delta.
    types = [e["type"] for e in events]
    last_text = max(i for i, t in enumerate(types) if t == "response.output_audio_transcript.delta")
    last_audio = max(i for i, t in enumerate(types) if t == "response.output_audio.delta")
    assert last_text < last_audio
    judge(server.connections)


async def test_manual_turns_commit_on_request_and_refuse_an_empty_commit() -> None:
    brain = NumberingBrain()
    async with LocalRealtimeServer(options=FAST, brain=brain) as server, open_peer(server) as peer:
        await peer.configure(audio={"input": {"turn_detection": None}})
        sentence = speech(SENTENCES[0])
        await peer.stream(np.concatenate([sentence, silence(300)]))
        await peer.send("input_audio_buffer.commit", event_id="evt_commit_1")
        committed = await peer.until("conversation.item.done")
        await peer.stream(silence(60))
        await peer.send("input_audio_buffer.commit", event_id="evt_commit_2")
        empty = await peer.error_for("evt_commit_2")
        await peer.send("response.create")
        response = await peer.until("response.done")
    assert not [e for e in committed if e["type"].startswith("input_audio_buffer.speech")]
    assert [e["type"] for e in committed] == [
        "input_audio_buffer.committed",
        "conversation.item.added",
        "conversation.item.done",
    ]
    user_item = committed[-1]["item"]
    assert (user_item["role"], user_item["status"], user_item["content"][0]["type"]) == (
        "user",
        "completed",
        "input_audio",
    )
    assert brain.heard[0].audio.size == sentence.size + 300 * RATE // 1000
    assert empty["code"] == "input_audio_buffer_commit_empty"
    assert "only has 60.00ms" in empty["message"]
    assert response[-1]["response"]["status"] == "completed"
    judge(server.connections)


async def test_clear_empties_the_buffer() -> None:
    async with LocalRealtimeServer(options=FAST) as server, open_peer(server) as peer:
        await peer.configure(audio={"input": {"turn_detection": None}})
        await peer.stream(speech(SENTENCES[1]))
        await peer.send("input_audio_buffer.clear")
        await peer.expect("input_audio_buffer.cleared")
        await peer.send("input_audio_buffer.commit", event_id="evt_commit")
        assert (await peer.error_for("evt_commit"))["code"] == "input_audio_buffer_commit_empty"
    judge(server.connections)


async def _speech_during_a_response(interrupt: bool) -> list[dict[str, Any]]:
    slow = ServerOptions(time_scale=4, audio_speedup=1.0)
    turns = {**INTERPRETER_TURNS, "interrupt_response": interrupt}
    async with (
        LocalRealtimeServer(options=slow, brain=NumberingBrain()) as server,
        open_peer(server) as peer,
    ):
        await peer.configure(audio={"input": {"turn_detection": turns}})
        await peer.stream(speech_track(SENTENCES[:1], "en", gap_s=0.7))
        await peer.expect("input_audio_buffer.committed")
        await peer.send("response.create")
        await peer.expect("response.output_audio.delta")
        await peer.stream(speech(SENTENCES[1]))
        events = await peer.until("response.done")
    judge(server.connections)
    return events


async def test_speech_cancels_the_response_when_interrupt_response_is_true() -> None:
    events = await _speech_during_a_response(interrupt=True)
    done = events[-1]["response"]
    assert done["status"] == "cancelled"
    assert done["status_details"] == {"type": "cancelled", "reason": "turn_detected"}
    assert done["output"][0]["status"] == "incomplete"
    assert any(e["type"] == "input_audio_buffer.speech_started" for e in events)


async def test_speech_does_not_cancel_the_response_when_interrupt_response_is_false() -> None:
    events = await _speech_during_a_response(interrupt=False)
    assert events[-1]["response"]["status"] == "completed"
    assert any(e["type"] == "input_audio_buffer.speech_started" for e in events)
