"""The in-memory and WAV backends keep device time faithfully; the router runs on the event loop."""

from __future__ import annotations

import asyncio
import wave
from pathlib import Path

import numpy as np
import pytest

from tests.unit.audio.signals import tone, tone_signal
from translator.audio.backends import ManualClock, MemoryBackend, MemoryDevice, WavFileBackend
from translator.audio.dsp import float_to_pcm16
from translator.audio.router import AudioRouter, CapturedChunk


@pytest.mark.parametrize("ppm", [-500.0, 0.0, 500.0])
def test_memory_devices_deliver_frames_at_their_own_drifting_rate(ppm: float) -> None:
    backend = MemoryBackend(ManualClock())
    backend.add_device(
        MemoryDevice("mic", 48_000, 1, signal=tone_signal(100, 0.1, 48_000), drift_ppm=ppm)
    )
    got: list[int] = []
    stream = backend.open_stream(
        "input", "mic", lambda data, now: got.append(len(data)), block_ms=10
    )
    stream.start()
    backend.advance(100.0)
    assert sum(got) == pytest.approx(48_000 * 100 * (1 + ppm * 1e-6), abs=480)


def write_wav(path: Path, samples: np.ndarray, rate: int) -> None:
    with wave.open(str(path), "wb") as wav:
        wav.setnchannels(1)
        wav.setsampwidth(2)
        wav.setframerate(rate)
        wav.writeframes(float_to_pcm16(samples).astype("<i2").tobytes())


def read_wav(path: Path) -> tuple[np.ndarray, int]:
    with wave.open(str(path), "rb") as wav:
        data = np.frombuffer(wav.readframes(wav.getnframes()), "<i2")
        return data.astype(np.float32) / 32768, wav.getframerate()


@pytest.mark.parametrize("realtime", [False, True])
async def test_wav_output_lines_up_with_the_input_clock_silence_included(
    tmp_path: Path, realtime: bool
) -> None:
    seconds = 0.6 if realtime else 2.0
    source = np.zeros(round(44_100 * seconds), np.float32)
    source[int(0.2 * 44_100)] = 0.9  # a click to find again on the way out
    write_wav(tmp_path / "in.wav", source, 44_100)
    backend = WavFileBackend()
    backend.add_input_file("in", tmp_path / "in.wav")
    backend.add_output_file("out", tmp_path / "out.wav", 48_000)
    router = AudioRouter(backend)
    chunks: list[CapturedChunk] = []
    route = router.add_input("in", "in", on_chunk=chunks.append)
    bus = router.add_output("out", "out")
    bus.set_passthrough(route)
    speech = bus.add_playback().playback
    runner = asyncio.create_task(router.run())
    await backend.run(0.3, realtime=realtime)
    speech.push("a", float_to_pcm16(tone(1000.0, 24_000, 0.1, 0.5)))
    speech.mark_done("a")
    await backend.run(seconds - 0.3, realtime=realtime)
    router.pump()  # hand on the last blocks captured (the wake-up may not have run yet)
    runner.cancel()
    await asyncio.gather(runner, return_exceptions=True)
    backend.write_outputs()
    out, rate = read_wav(tmp_path / "out.wav")
    assert rate == 48_000 and out.size == round(seconds * 48_000)
    click = int(np.argmax(np.abs(out[: int(0.3 * rate)]))) / rate
    # one block to capture, then a block in and a block out in flight, 10 ms margin, 10 ms the
    # drift control may let the fill sink by, resampling
    passthrough_delay = (3 * router.block_ms + 40) / 1000
    assert 0.2 < click < 0.2 + passthrough_delay, "the passthrough keeps the click's place"
    speech_start = np.flatnonzero(np.abs(out[int(0.3 * rate) :]) > 0.05)[0] / rate + 0.3
    assert speech.first_played_at("a") == pytest.approx(speech_start, abs=0.011)
    assert 0.3 <= speech_start <= 0.3 + 0.03, "played one block (plus prebuffer) after the push"
    assert np.abs(out[int(0.45 * rate) :]).max() == 0.0, "silence is written as silence"
    assert sum(len(c.pcm16) for c in chunks) // 2 == pytest.approx(seconds * 24_000, abs=480 + 240)
