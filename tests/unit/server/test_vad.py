"""Server VAD and the input buffer on synthetic signals: audio time, thresholds, padding."""

from __future__ import annotations

import numpy as np

from translator.server.vad import (
    EnergyVad,
    InputAudioBuffer,
    SpeechStarted,
    SpeechStopped,
    VadSettings,
)

RATE = 24_000


def tone(ms: int, dbfs: float) -> np.ndarray:
    t = np.arange(ms * RATE // 1000) / RATE
    amplitude = 10 ** (dbfs / 20) * np.sqrt(2) * 32767
    return (amplitude * np.sin(2 * np.pi * 300 * t)).astype(np.int16)


def quiet(ms: int) -> np.ndarray:
    return np.zeros(ms * RATE // 1000, dtype=np.int16)


def feed(vad: EnergyVad, signal: np.ndarray, chunk: int) -> list[SpeechStarted | SpeechStopped]:
    events: list[SpeechStarted | SpeechStopped] = []
    for start in range(0, signal.size, chunk):
        events += vad.feed(signal[start : start + chunk])
    return events


def test_speech_is_segmented_on_audio_time_whatever_the_chunking() -> None:
    signal = np.concatenate([quiet(1000), tone(800, -20), quiet(600), tone(500, -20), quiet(600)])
    settings = VadSettings(threshold=0.5, prefix_padding_ms=300, silence_duration_ms=500)
    expected = [
        SpeechStarted(700 * 24),
        SpeechStopped(2300 * 24),
        SpeechStarted(2100 * 24),
        SpeechStopped(3400 * 24),
    ]
    for chunk in (1, 333, 480, 4800, signal.size):
        assert feed(EnergyVad(settings), signal, chunk) == expected


def test_a_pause_shorter_than_the_silence_duration_keeps_one_utterance() -> None:
    signal = np.concatenate([tone(400, -20), quiet(300), tone(400, -20), quiet(600)])
    events = EnergyVad(VadSettings(silence_duration_ms=500)).feed(signal)
    assert [type(e) for e in events] == [SpeechStarted, SpeechStopped]
    cut = EnergyVad(VadSettings(silence_duration_ms=200)).feed(signal)
    assert [type(e) for e in cut] == [SpeechStarted, SpeechStopped] * 2


def test_threshold_decides_what_counts_as_speech() -> None:
    murmur = np.concatenate([tone(500, -50), quiet(600)])
    assert EnergyVad(VadSettings(threshold=0.5)).feed(murmur) == []
    assert len(EnergyVad(VadSettings(threshold=0.2)).feed(murmur)) == 2


def test_semantic_vad_waits_longer_when_less_eager() -> None:
    low = VadSettings.from_turn_detection({"type": "semantic_vad", "eagerness": "low"})
    high = VadSettings.from_turn_detection({"type": "semantic_vad", "eagerness": "high"})
    assert low.silence_duration_ms > high.silence_duration_ms


def test_buffer_takes_committed_ranges_and_forgets_old_silence() -> None:
    buffer = InputAudioBuffer()
    buffer.append(np.arange(24_000, dtype=np.int16))
    buffer.forget_before(12_000)
    assert buffer.uncommitted_ms == 1000.0
    taken = buffer.take(6_000, 18_000)  # the part before 12 000 was forgotten
    assert taken[0] == 12_000 and taken[-1] == 17_999
    assert buffer.committed_at == 18_000 and buffer.uncommitted_ms == 250.0
    buffer.append(np.full(2_400, 7, dtype=np.int16))
    rest = buffer.take_all()
    assert rest.size == 6_000 + 2_400 and rest[-1] == 7
    assert buffer.uncommitted_ms == 0.0
