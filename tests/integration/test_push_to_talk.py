"""Push-to-talk face to face, against the local server on loopback with WAV devices: a side
that does not hold the floor sends digital silence (the same stream length, never a gap), and a
side taking the floor only ducks the other side's translation (no cancel, no truncation)."""

from __future__ import annotations

import base64
from pathlib import Path

import numpy as np
import pytest

from tests.support.speech import APP_VOICE, EN, ES, locate, mixed_speech_wav, speech_wav
from translator.audio.backends import WavFileBackend
from translator.interpreter import Interpreter, plan_directions
from translator.realtime.endpoints import openai
from translator.realtime.session import SessionPolicy
from translator.server.app import LocalRealtimeServer
from translator.server.brain import ScriptedBrain
from translator.server.link import ConnectionRecord
from translator.server.options import ServerOptions
from translator.server.tts import RATE, synthesize

pytestmark = [pytest.mark.speech, pytest.mark.slow]

FAST = ServerOptions(transcription_delay_s=0.2)


@pytest.fixture(scope="module")
def bilingual_brain() -> ScriptedBrain:
    return ScriptedBrain([*EN, *ES])


def _face(server_url: str, backend: WavFileBackend, inp: str, out: str) -> Interpreter:
    endpoint = openai("sk-local", "gpt-realtime-2.1-mini", "realtime", server_url)
    plans = plan_directions(
        "face", ("en", "es"), endpoint, model="gpt-realtime-2.1-mini", input=inp, output=out
    )
    return Interpreter(
        "face",
        plans,
        backend,
        engine="realtime",
        model="gpt-realtime-2.1-mini",
        languages=("en", "es"),
        policy=SessionPolicy(backoff_base_s=0.05, backoff_cap_s=0.2),
    )


def _audio_sent(record: ConnectionRecord) -> np.ndarray:
    chunks = [
        base64.b64decode(event["audio"])
        for event in record.received
        if isinstance(event, dict) and event.get("type") == "input_audio_buffer.append"
    ]
    return np.frombuffer(b"".join(chunks), "<i2")


def _target_language(record: ConnectionRecord) -> str:
    """Which direction a connection served: the language its instructions translate into."""
    update = next(e for e in record.received if e.get("type") == "session.update")
    instructions = str(update["session"]["instructions"])
    return "es" if "into Spanish (es)" in instructions else "en"


def _client_types(records: list[ConnectionRecord]) -> list[str]:
    return [str(e.get("type")) for r in records for e in r.received if isinstance(e, dict)]


async def test_with_b_holding_the_floor_a_hears_silence_and_only_b_is_translated(
    tmp_path: Path, bilingual_brain: ScriptedBrain
) -> None:
    # A speaks English, then B speaks Spanish, into the one microphone; B holds the floor
    said = [EN[0], ES[0]]
    inp = str(mixed_speech_wav(tmp_path / "both.wav", said))
    out = str(tmp_path / "out.wav")
    async with LocalRealtimeServer(brain=bilingual_brain, options=FAST) as server:
        backend = WavFileBackend()
        backend.add_input_file(inp, Path(inp))
        backend.add_output_file(out, Path(out), RATE)
        interpreter = _face(server.url, backend, inp, out)
        interpreter.set_push_to_talk({"ab", "ba"})
        interpreter.hold("ba", True)
        await interpreter.start()
        try:
            await interpreter.run_file_clock(backend, fast=True, until=backend.input_duration())
            missing = await interpreter.drain(
                40, lambda: interpreter.run_file_clock(backend, fast=True)
            )
        finally:
            await interpreter.close()
        records = list(server.connections)
    assert missing == []
    translated = [(s.direction, s.source_text, s.status) for s in interpreter.run.segments]
    assert translated == [("ba", ES[0].text, "completed")]
    by_target = {_target_language(r): _audio_sent(r) for r in records}
    to_spanish, to_english = by_target["es"], by_target["en"]  # A→B, B→A
    assert to_english.size > 2 * RATE and np.abs(to_english).max() > 1000  # B heard the mic
    assert to_spanish.size == to_english.size  # silence in its place: the same stream length
    assert not to_spanish.any()  # digital silence


async def test_taking_the_floor_ducks_the_other_sides_translation_without_cancelling_it(
    tmp_path: Path, bilingual_brain: ScriptedBrain
) -> None:
    inp = str(speech_wav(tmp_path / "b.wav", [ES[2]]))
    out = str(tmp_path / "out.wav")
    # The translation's audio arrives twice as fast as it plays (the service sends it faster
    # than real time), so it is still arriving when A takes the floor; at exactly real time a
    # busy machine starves the playback and the start no longer sounds as it should.
    options = ServerOptions(transcription_delay_s=0.2, audio_speedup=2.0)
    async with LocalRealtimeServer(brain=bilingual_brain, options=options) as server:
        backend = WavFileBackend()
        backend.add_input_file(inp, Path(inp))
        device = backend.add_output_file(out, Path(out), RATE)
        interpreter = _face(server.url, backend, inp, out)
        interpreter.set_push_to_talk({"ab", "ba"})
        interpreter.hold("ba", True)  # B says something, then lets go
        await interpreter.start()
        try:
            await interpreter.run_file_clock(backend, fast=True, until=backend.input_duration())
            interpreter.hold("ba", False)
            playback = interpreter.directions[1].speaker.playback
            while playback.queued_frames == 0:  # B's translation (for A) starts to play
                await interpreter.run_file_clock(backend, fast=False, until=0.05)
            await interpreter.run_file_clock(backend, fast=False, until=0.4)
            pressed = backend.clock()
            interpreter.hold("ab", True)  # A takes the floor to answer
            await interpreter.run_file_clock(backend, fast=False, until=0.8)
            released = backend.clock()
            interpreter.hold("ab", False)
            missing = await interpreter.drain(
                40, lambda: interpreter.run_file_clock(backend, fast=False)
            )
        finally:
            await interpreter.close()
        records = list(server.connections)
    assert missing == []
    segment = interpreter.run.segments[0]
    assert (segment.direction, segment.status) == ("ba", "completed")
    types = _client_types(records)
    assert "response.cancel" not in types and "conversation.item.truncate" not in types
    recording = device.recording()[:, 0]
    reference = (
        synthesize(ES[2].translations["en"], "en", voice=APP_VOICE).astype(np.float32) / 32768
    )
    start, score = locate(recording, (reference[: RATE // 2] * 32768).astype(np.int16))
    assert score > 0.9  # its start played as it is
    heard = recording[start : start + reference.size]
    assert heard.size == reference.size  # played to its end: nothing truncated

    def gain_db(t0: float, t1: float) -> float:
        a = round((t0 - device.started_at) * RATE) - start
        b = round((t1 - device.started_at) * RATE) - start
        ref, got = reference[a:b], heard[a:b]
        return float(10 * np.log10(np.dot(got, got) / max(np.dot(ref, ref), 1e-12)))

    before = gain_db(pressed - 0.3, pressed)
    during = gain_db(pressed + 0.15, released)
    after = gain_db(released + 0.45, released + 0.75)  # the 400 ms release is over
    assert before > -1.5, before
    assert -18 < during < -10, during  # ducked about 15 dB, still audible
    assert after > -1.5, after  # released
    assert _tail(heard, reference) > 0.9  # the end is the translation's own end, whole


def _tail(heard: np.ndarray, reference: np.ndarray) -> float:
    """Normalised correlation of the last half second, aligned (the translation's end)."""
    a, b = heard[-RATE // 2 :], reference[-RATE // 2 :]
    return float(np.dot(a, b) / max(np.linalg.norm(a) * np.linalg.norm(b), 1e-12))
