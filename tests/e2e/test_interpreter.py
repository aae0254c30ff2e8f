"""The interpreter in-process on WAV files: explicit interruption, and rotation over two minutes
of speech, with nothing lost or doubled."""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from pathlib import Path

import pytest

from tests.support.speech import APP_VOICE, EN, read_wav, speech_wav, translations_in_order
from tests.support.waiting import wait_until
from translator.audio.backends import WavFileBackend
from translator.audio.errors import DeviceLost
from translator.interpreter import DirectionPlan, Interpreter
from translator.realtime.config import TranslationConfig
from translator.realtime.endpoints import openai
from translator.realtime.session import SessionPolicy
from translator.server.app import LocalRealtimeServer
from translator.server.brain import ScriptedBrain, ScriptEntry
from translator.server.options import ServerOptions
from translator.server.tts import RATE, synthesize

pytestmark = [pytest.mark.speech, pytest.mark.slow]


def _files(
    tmp_path: Path, said: Sequence[ScriptEntry], gap_s: float = 1.2
) -> tuple[WavFileBackend, str, str]:
    """The speaker's WAV file in, the listener's out."""
    inp, out = str(speech_wav(tmp_path / "in.wav", said, gap_s)), str(tmp_path / "out.wav")
    backend = WavFileBackend()
    backend.add_input_file(inp, Path(inp))
    backend.add_output_file(out, Path(out), RATE)
    return backend, inp, out


def _interpreter(server_url: str, backend: WavFileBackend, inp: str, out: str) -> Interpreter:
    plan = DirectionPlan(
        "ab",
        "A",
        TranslationConfig(source_language="en", target_language="es"),
        openai("sk-local", "gpt-realtime-2.1-mini", "realtime", server_url),
        inp,
        out,
    )
    return Interpreter(
        "listen",
        [plan],
        backend,
        engine="realtime",
        model="gpt-realtime-2.1-mini",
        languages=("en", "es"),
        policy=SessionPolicy(backoff_base_s=0.05, backoff_cap_s=0.2),
    )


async def test_stop_fades_cancels_and_truncates_at_what_was_heard(
    tmp_path: Path, bilingual_brain: ScriptedBrain
) -> None:
    said = EN[:2]
    options = ServerOptions(transcription_delay_s=0.2, audio_speedup=1.0)  # audio in real time
    async with LocalRealtimeServer(brain=bilingual_brain, options=options) as server:
        backend, inp, out = _files(tmp_path, said)
        interpreter = _interpreter(server.url, backend, inp, out)
        await interpreter.start()
        direction = interpreter.directions[0]
        player = asyncio.ensure_future(backend.play(realtime=True))
        playback = direction.speaker.playback

        def heard_s() -> float:  # of the first translation, by the listener
            first = next(
                (e for e in server.connections[0].sent if e["type"].endswith("audio.delta")), None
            )
            return 0.0 if first is None else playback.played_samples(first["item_id"]) / RATE

        while heard_s() < 0.5:  # the listener hears half a second of it
            await asyncio.sleep(0.02)
        interpreter.stop()
        await player
        missing = await interpreter.drain(
            30, lambda: interpreter.run_file_clock(backend, fast=False)
        )
        await interpreter.close()
        received = server.connections[0].received
    backend.write_outputs()
    assert missing == []
    statuses = [(s.source_text, s.status) for s in interpreter.run.segments]
    assert statuses == [(said[0].text, "cancelled"), (said[1].text, "completed")]
    assert [e["type"] for e in received if e["type"] == "response.cancel"] == ["response.cancel"]
    truncate = next(e for e in received if e["type"] == "conversation.item.truncate")
    assert 300 <= truncate["audio_end_ms"] <= 1500  # what was played, not what was received
    recording = read_wav(tmp_path / "out.wav")
    translations_in_order(recording, [(said[1].translations["es"], "es")])  # the next one: whole
    # the stopped translation is not all there: its full audio matches nowhere
    assert synthesize(said[0].translations["es"], "es", voice=APP_VOICE).size > 2 * RATE
    with pytest.raises(AssertionError):
        translations_in_order(recording, [(said[0].translations["es"], "es")])


async def test_rotation_during_two_minutes_loses_and_doubles_nothing(
    tmp_path: Path, bilingual_brain: ScriptedBrain
) -> None:
    said = (EN * 8)[:44]  # over 2 minutes of speech and pauses
    options = ServerOptions(
        session_lifetime_s=6,
        transcription_delay_s=0.1,
        response_created_delay_s=0.02,
        first_delta_delay_s=0.02,
        audio_speedup=20.0,
    )
    async with LocalRealtimeServer(brain=bilingual_brain, options=options) as server:
        backend, inp, out = _files(tmp_path, said, gap_s=1.0)
        assert backend.input_duration() >= 120
        interpreter = _interpreter(server.url, backend, inp, out)
        await interpreter.start()
        # time-scaled: the two minutes of input run as fast as the interpreter keeps up
        await backend.play(realtime=False)
        missing = await interpreter.drain(
            90, lambda: interpreter.run_file_clock(backend, fast=True)
        )
        await interpreter.close()
        connections = len(server.connections)
    assert missing == []
    assert connections >= 2, "the session should have rotated at least once"
    got = [(s.source_text, s.target_text, s.status) for s in interpreter.run.segments]
    assert got == [(e.text, e.translations["es"], "completed") for e in said]


@pytest.mark.parametrize("role", ["input", "output"])
async def test_a_device_gone_mid_run_ends_the_run_with_its_name_and_keeps_the_transcript(
    tmp_path: Path, bilingual_brain: ScriptedBrain, role: str
) -> None:
    """A device that goes away (here an in-memory one, unplugged) is the run's failure, named,
    within the watchdog's tick; the run then closes as any run does, its translation kept."""
    said = EN[:2]
    async with LocalRealtimeServer(brain=bilingual_brain) as server:
        backend, inp, out = _files(tmp_path, said)
        interpreter = _interpreter(server.url, backend, inp, out)
        await interpreter.start()
        clock = asyncio.ensure_future(interpreter.run_file_clock(backend, fast=False))
        try:
            await wait_until(
                lambda: any(s.status == "completed" for s in interpreter.run.segments),
                60,
                "the first translation",
            )
            assert interpreter.failure is None
            backend.unplug(inp if role == "input" else out)
            await wait_until(lambda: interpreter.failure is not None, 10, "the failure")
        finally:
            clock.cancel()
            await interpreter.close()
    failure = interpreter.failure
    assert isinstance(failure, DeviceLost)
    name = inp if role == "input" else out
    assert str(failure) == (
        f"{name} stopped during the run (unplugged). Plug it back in or pick another device, "
        "then start again."
    )
    assert interpreter.run.segments[0].target_text == said[0].translations["es"]
