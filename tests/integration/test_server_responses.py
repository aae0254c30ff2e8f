"""Responses and the conversation on the local server: one active response at a time, cancel,
truncate, delete, create, retrieve, out-of-band responses, asynchronous input transcription and
usage per reference §6.2 (10 input / 20 output audio tokens per second, cached prefix)."""

from __future__ import annotations

import base64
import math
from typing import Any

import numpy as np

from tests.integration.server_peer import (
    INSTRUCTIONS,
    NumberingBrain,
    Peer,
    judge,
    open_peer,
    speech,
)
from translator.server.app import LocalRealtimeServer
from translator.server.options import ServerOptions
from translator.server.tts import RATE, synthesize

FAST = ServerOptions(time_scale=20)
MANUAL = {"input": {"turn_detection": None}}


def _audio_ms(events: list[dict[str, Any]]) -> float:
    pcm = b"".join(
        base64.b64decode(e["delta"]) for e in events if e["type"] == "response.output_audio.delta"
    )
    return len(pcm) / 48


async def _utterance(peer: Peer, seconds: float = 0.0, text: str = "Good morning") -> str:
    """Commit one utterance by hand; returns the user item id."""
    audio = speech(text)
    if seconds:
        audio = np.resize(audio, int(seconds * RATE))
    await peer.stream(audio)
    await peer.send("input_audio_buffer.commit")
    return str((await peer.expect("conversation.item.done"))["item"]["id"])


async def test_only_one_response_at_a_time() -> None:
    async with (
        LocalRealtimeServer(options=FAST, brain=NumberingBrain()) as server,
        open_peer(server) as peer,
    ):
        await peer.configure(audio=MANUAL)
        await _utterance(peer)
        await peer.send("response.create", event_id="evt_first")
        await peer.send("response.create", event_id="evt_second")
        events = await peer.until("response.done")
        await peer.send("response.create")
        again = await peer.until("response.done")
    errors = [e["error"] for e in events if e["type"] == "error"]
    assert [(e["code"], e["event_id"]) for e in errors] == [
        ("conversation_already_has_active_response", "evt_second")
    ]
    created = next(e for e in events if e["type"] == "response.created")["response"]["id"]
    assert created in errors[0]["message"]
    assert events[-1]["response"]["status"] == again[-1]["response"]["status"] == "completed"
    judge(server.connections)


async def test_cancel_ends_the_response_and_a_second_cancel_is_benign() -> None:
    slow = ServerOptions(time_scale=4, audio_speedup=1.0)
    async with (
        LocalRealtimeServer(options=slow, brain=NumberingBrain()) as server,
        open_peer(server) as peer,
    ):
        await peer.configure(audio=MANUAL)
        await _utterance(peer)
        await peer.send("response.create")
        await peer.expect("response.output_audio.delta")
        await peer.send("response.cancel")
        events = await peer.until("response.done")
        await peer.send("response.cancel", event_id="evt_cancel")
        benign = await peer.recv()
    done = events[-1]["response"]
    assert done["status"] == "cancelled"
    assert done["status_details"] == {"type": "cancelled", "reason": "client_cancelled"}
    assert done["output"][0]["status"] == "incomplete"
    types = [e["type"] for e in events]
    assert types.index("response.output_audio.done") < types.index(
        "response.output_audio_transcript.done"
    )
    assert benign["error"]["code"] == "response_cancel_not_active"
    assert benign["error"]["event_id"] == "evt_cancel"
    judge(server.connections)


async def test_truncate_delete_and_retrieve() -> None:
    async with (
        LocalRealtimeServer(options=FAST, brain=NumberingBrain()) as server,
        open_peer(server) as peer,
    ):
        await peer.configure(audio=MANUAL)
        user_id = await _utterance(peer)
        await peer.send("response.create")
        events = await peer.until("response.done")
        assistant = events[-1]["response"]["output"][0]
        length_ms = _audio_ms(events)

        await peer.send(
            "conversation.item.truncate",
            event_id="evt_long",
            item_id=assistant["id"],
            content_index=0,
            audio_end_ms=math.ceil(length_ms) + 1,
        )
        too_long = await peer.error_for("evt_long")
        await peer.send(
            "conversation.item.truncate",
            event_id="evt_user",
            item_id=user_id,
            content_index=0,
            audio_end_ms=10,
        )
        not_assistant = await peer.error_for("evt_user")
        await peer.send(
            "conversation.item.truncate", item_id=assistant["id"], content_index=0, audio_end_ms=500
        )
        truncated = await peer.expect("conversation.item.truncated")
        await peer.send("conversation.item.retrieve", item_id=assistant["id"])
        retrieved = (await peer.expect("conversation.item.retrieved"))["item"]
        await peer.send("conversation.item.delete", item_id=user_id)
        deleted = await peer.expect("conversation.item.deleted")
        await peer.send("conversation.item.delete", event_id="evt_gone", item_id=user_id)
        gone = await peer.error_for("evt_gone")
        await peer.send("conversation.item.retrieve", event_id="evt_unknown", item_id=user_id)
        unknown = await peer.error_for("evt_unknown")
    assert (too_long["code"], too_long["param"], too_long["event_id"]) == (
        "invalid_value",
        "audio_end_ms",
        "evt_long",
    )
    assert (not_assistant["code"], not_assistant["param"]) == ("invalid_value", "item_id")
    assert truncated == {
        **truncated,
        "type": "conversation.item.truncated",
        "item_id": assistant["id"],
        "content_index": 0,
        "audio_end_ms": 500,
    }
    assert len(base64.b64decode(retrieved["content"][0]["audio"])) == 500 * 48
    full = assistant["content"][0]["transcript"]
    assert len(retrieved["content"][0]["transcript"]) < len(full)
    assert deleted == {**deleted, "type": "conversation.item.deleted", "item_id": user_id}
    assert gone["code"] == "item_delete_invalid_item_id"
    assert unknown["code"] == "item_retrieve_invalid_item_id"
    judge(server.connections)


async def test_items_created_by_the_client_are_placed_as_asked() -> None:
    async with LocalRealtimeServer(options=FAST) as server, open_peer(server) as peer:

        def message(role: str, kind: str, text: str, item_id: str) -> dict[str, Any]:
            return {
                "id": item_id,
                "type": "message",
                "role": role,
                "content": [{"type": kind, "text": text}],
            }

        await peer.send(
            "conversation.item.create", item=message("user", "input_text", "Hello", "item_u1")
        )
        await peer.send(
            "conversation.item.create", item=message("assistant", "output_text", "Hola", "item_a1")
        )
        await peer.send(
            "conversation.item.create",
            previous_item_id="root",
            item=message("system", "input_text", "Glossary: meeting = reunión", "item_s0"),
        )
        await peer.send(
            "conversation.item.create",
            event_id="evt_bad",
            item=message("assistant", "output_audio", "x", "item_bad"),
        )
        events = [await peer.recv() for _ in range(7)]
    added = [
        (e["item"]["id"], e["previous_item_id"])
        for e in events
        if e["type"] == "conversation.item.added"
    ]
    assert added == [("item_u1", None), ("item_a1", "item_u1"), ("item_s0", None)]
    assert events[-1]["error"]["code"] == "invalid_value"
    assert events[-1]["error"]["param"] == "item.content[0].type"
    judge(server.connections)


async def test_out_of_band_response_translates_the_referenced_item_outside_the_conversation() -> (
    None
):
    brain = NumberingBrain()
    async with LocalRealtimeServer(options=FAST, brain=brain) as server, open_peer(server) as peer:
        await peer.configure(audio=MANUAL)
        first = await _utterance(peer, text="Good morning")
        await _utterance(peer, text="Where is the station")
        await peer.send(
            "response.create",
            response={
                "conversation": "none",
                "input": [{"type": "item_reference", "id": first}],
                "instructions": INSTRUCTIONS,
            },
        )
        events = await peer.until("response.done")
    done = events[-1]["response"]
    assert done["conversation_id"] is None
    assert done["output"][0]["content"][0]["transcript"] == "Traducción número 1"
    assert not [e for e in events if e["type"].startswith("conversation.item.")]
    judge(server.connections)


async def test_input_transcription_can_land_after_the_response() -> None:
    options = ServerOptions(time_scale=5, transcription_delay_s=1.5)
    brain = NumberingBrain()
    async with (
        LocalRealtimeServer(options=options, brain=brain) as server,
        open_peer(server) as peer,
    ):
        await peer.configure(
            audio={
                "input": {
                    "turn_detection": None,
                    "transcription": {"model": "gpt-4o-mini-transcribe"},
                }
            }
        )
        item_id = await _utterance(peer, seconds=2.0)
        await peer.send("response.create")
        events = await peer.until("conversation.item.input_audio_transcription.completed")
    types = [e["type"] for e in events]
    assert types.index("response.done") < types.index(
        "conversation.item.input_audio_transcription.completed"
    )
    deltas = [e for e in events if e["type"] == "conversation.item.input_audio_transcription.delta"]
    completed = events[-1]
    assert completed["item_id"] == item_id and completed["transcript"] == "Sentence number 1"
    assert "".join(e["delta"] for e in deltas) == "Sentence number 1"
    assert completed["usage"]["type"] == "tokens"
    assert completed["usage"]["input_token_details"]["audio_tokens"] == 20
    judge(server.connections)


async def test_usage_counts_audio_seconds_and_caches_the_repeated_prefix() -> None:
    async with (
        LocalRealtimeServer(options=FAST, brain=NumberingBrain()) as server,
        open_peer(server) as peer,
    ):
        await peer.configure(audio=MANUAL)
        instructions = math.ceil(len(INSTRUCTIONS) / 4)
        usages: list[dict[str, Any]] = []
        outputs: list[float] = []
        for _ in range(3):
            await _utterance(peer, seconds=2.0)
            await peer.send("response.create")
            events = await peer.until("response.done")
            usages.append(events[-1]["response"]["usage"])
            outputs.append(_audio_ms(events))
        first_ids = [e["item"]["id"] for e in peer.events if e["type"] == "conversation.item.done"][
            :2
        ]
        for item_id in first_ids:
            await peer.send("conversation.item.delete", item_id=item_id)
            await peer.expect("conversation.item.deleted")
        await _utterance(peer, seconds=2.0)
        await peer.send("response.create")
        after_delete = (await peer.until("response.done"))[-1]["response"]["usage"]

    first, second, third = usages
    # Response 1 reads the instructions and 2 s of user audio (10 tokens/s).
    assert first["input_token_details"]["audio_tokens"] == 20
    assert first["input_token_details"]["text_tokens"] == instructions
    assert first["input_token_details"]["cached_tokens"] == 0
    # It speaks its translation at 20 tokens/s, plus the transcript as text.
    out_audio = first["output_token_details"]["audio_tokens"]
    assert out_audio == math.ceil(outputs[0] * 20 / 1000)
    assert first["output_token_details"]["text_tokens"] == math.ceil(len("Traducción número 1") / 4)
    # Response 2 re-reads everything: its cached part is all of response 1, input and output.
    assert second["input_token_details"]["audio_tokens"] == 20 + out_audio + 20
    assert (
        second["input_token_details"]["cached_tokens"]
        == first["input_tokens"] + first["output_tokens"]
    )
    assert (
        third["input_token_details"]["cached_tokens"]
        == second["input_tokens"] + second["output_tokens"]
    )
    assert third["input_tokens"] > second["input_tokens"]
    for usage in usages:
        details = usage["input_token_details"]
        assert details["cached_tokens"] == sum(details["cached_tokens_details"].values())
        assert usage["total_tokens"] == usage["input_tokens"] + usage["output_tokens"]
    # Deleting the oldest turn shrinks the input and busts the cache after the instructions.
    assert after_delete["input_tokens"] < third["input_tokens"] + third["output_tokens"]
    assert after_delete["input_token_details"]["cached_tokens"] == instructions
    judge(server.connections)


async def test_truncate_right_after_cancel_applies_before_response_done() -> None:
    slow = ServerOptions(time_scale=4, audio_speedup=1.0)
    brain = NumberingBrain()
    async with LocalRealtimeServer(options=slow, brain=brain) as server, open_peer(server) as peer:
        await peer.configure(audio=MANUAL)
        await _utterance(peer)
        await peer.send("response.create")
        events = await peer.until("response.output_audio.delta")
        await peer.until("response.output_audio.delta")
        item_id = events[-1]["item_id"]
        # The interpreter's stop: cancel and truncate back to back, without waiting.
        await peer.send("response.cancel")
        await peer.send(
            "conversation.item.truncate", item_id=item_id, content_index=0, audio_end_ms=40
        )
        events = await peer.until("response.done")
        await peer.send("conversation.item.retrieve", item_id=item_id)
        retrieved = (await peer.expect("conversation.item.retrieved"))["item"]
    truncated = [e for e in events if e["type"] == "conversation.item.truncated"]
    assert [e["audio_end_ms"] for e in truncated] == [40]
    assert events[-1]["response"]["status"] == "cancelled"
    assert len(base64.b64decode(retrieved["content"][0]["audio"])) == 40 * 48
    judge(server.connections)


async def test_text_only_responses_stream_output_text() -> None:
    async with (
        LocalRealtimeServer(options=FAST, brain=NumberingBrain()) as server,
        open_peer(server) as peer,
    ):
        await peer.configure(audio=MANUAL, output_modalities=["text"])
        await _utterance(peer)
        await peer.send("response.create")
        events = await peer.until("response.done")
    types = [e["type"] for e in events]
    assert "response.output_audio.delta" not in types
    text = "".join(e["delta"] for e in events if e["type"] == "response.output_text.delta")
    assert text == "Traducción número 1"
    assert types[-5:] == [
        "response.output_text.done",
        "response.content_part.done",
        "conversation.item.done",
        "response.output_item.done",
        "response.done",
    ]
    assert events[-1]["response"]["output"][0]["content"] == [{"type": "output_text", "text": text}]
    judge(server.connections)


async def test_retention_ratio_truncation_bounds_the_input() -> None:
    truncation = {"type": "retention_ratio", "retention_ratio": 0.5,
                  "token_limits": {"post_instructions": 80}}  # fmt: skip
    instructions = math.ceil(len(INSTRUCTIONS) / 4)
    async with (
        LocalRealtimeServer(options=FAST, brain=NumberingBrain()) as server,
        open_peer(server) as peer,
    ):
        await peer.configure(audio=MANUAL, truncation=truncation)
        inputs = []
        for _ in range(4):
            await _utterance(peer, seconds=2.0)
            await peer.send("response.create")
            inputs.append((await peer.until("response.done"))[-1]["response"]["usage"])
    post = [usage["input_tokens"] - instructions for usage in inputs]
    # Response 2 reads U1, A1, U2 (under 80 tokens); response 3 would read 126 tokens, so the
    # oldest items go until half the limit remains: only the newest utterance (20 tokens).
    assert post[0] == 20 and 20 < post[1] <= 80
    assert post[2] == 20
    assert all(p <= 80 for p in post)
    judge(server.connections)


def _pitch_hz(samples: np.ndarray) -> float:
    """The median fundamental of voiced 40 ms frames (autocorrelation, 70–400 Hz)."""
    audio = samples.astype(np.float64) / 32768
    frame, pitches = int(0.04 * RATE), []
    for start in range(0, audio.size - frame, frame):
        x = audio[start : start + frame]
        if np.sqrt(np.mean(x**2)) < 0.05:
            continue
        corr = np.correlate(x, x, "full")[frame - 1 :]
        lo, hi = RATE // 400, RATE // 70
        pitches.append(RATE / (lo + int(np.argmax(corr[lo:hi]))))
    return float(np.median(pitches))


async def test_the_translation_is_spoken_in_the_sessions_voice() -> None:
    heard: dict[str, bytes] = {}
    async with LocalRealtimeServer(options=FAST, brain=NumberingBrain()) as server:
        for voice in ("cedar", "coral"):
            async with open_peer(server) as peer:
                await peer.configure(audio={**MANUAL, "output": {"voice": voice}})
                await _utterance(peer)
                await peer.send("response.create")
                events = await peer.until("response.done")
            heard[voice] = b"".join(
                base64.b64decode(e["delta"])
                for e in events
                if e["type"] == "response.output_audio.delta"
            )
    # each voice is its own espeak-ng variant, whole (the brain numbers the utterances)
    for voice, pcm in heard.items():
        text = "Traducción número 1" if voice == "cedar" else "Traducción número 2"
        assert pcm == synthesize(text, "es", voice=voice).tobytes()
    cedar, coral = (_pitch_hz(np.frombuffer(heard[v], "<i2")) for v in ("cedar", "coral"))
    assert coral > 1.4 * cedar  # a woman's voice and a man's, as the service's voices are
    judge(server.connections)
