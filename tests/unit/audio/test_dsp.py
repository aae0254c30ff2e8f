"""DSP on synthetic signals: resampling keeps tones, meters read true levels, ramps take time."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.unit.audio.signals import db, dominant_frequency, tone, tone_amplitude
from translator.audio.dsp import (
    GainRamp,
    LevelMeter,
    StreamResampler,
    channel_sum,
    float_to_pcm16,
    pcm16_to_float,
    peak_dbfs,
    rms_dbfs,
)

RATES = [16_000, 24_000, 44_100, 48_000]


def resample_in_chunks(x: np.ndarray, resampler: StreamResampler, sizes: list[int]) -> np.ndarray:
    out, pos, i = [], 0, 0
    while pos < x.size:
        size = sizes[i % len(sizes)]
        out.append(resampler.process(x[pos : pos + size]))
        pos, i = pos + size, i + 1
    out.append(resampler.process(np.zeros(0, np.float32), last=True))
    return np.concatenate(out)


@settings(max_examples=25, deadline=None)
@given(
    in_rate=st.sampled_from(RATES),
    out_rate=st.sampled_from(RATES),
    freq_fraction=st.floats(0.01, 0.4),
    amplitude=st.floats(0.05, 0.9),
    sizes=st.lists(st.integers(1, 2000), min_size=1, max_size=5),
)
def test_streamed_resampling_keeps_frequency_and_level(
    in_rate: int, out_rate: int, freq_fraction: float, amplitude: float, sizes: list[int]
) -> None:
    freq = freq_fraction * min(in_rate, out_rate)
    x = tone(freq, in_rate, 0.5, amplitude)
    y = resample_in_chunks(x, StreamResampler(in_rate, out_rate), sizes)
    assert abs(y.size - x.size * out_rate / in_rate) <= 2
    steady = y[y.size // 5 : -y.size // 5]
    assert dominant_frequency(steady, out_rate) == pytest.approx(freq, rel=2e-3, abs=2.0)
    assert db(tone_amplitude(steady, freq, out_rate) / amplitude) == pytest.approx(0.0, abs=0.1)


@pytest.mark.parametrize("device_rate", [48_000, 44_100])
def test_round_trip_through_session_rate_keeps_a_voice_band_tone(device_rate: int) -> None:
    x = tone(1000.0, device_rate, 1.0, 0.5)
    down = resample_in_chunks(x, StreamResampler(device_rate, 24_000), [device_rate // 100])
    back = resample_in_chunks(down, StreamResampler(24_000, device_rate), [480])
    steady = back[device_rate // 10 : -device_rate // 10]
    assert dominant_frequency(steady, device_rate) == pytest.approx(1000.0, abs=0.5)
    assert db(tone_amplitude(steady, 1000.0, device_rate) / 0.5) == pytest.approx(0.0, abs=0.1)


def test_downsampling_removes_what_the_session_rate_cannot_carry() -> None:
    x = tone(15_000.0, 48_000, 0.5, 0.5)  # above 12 kHz: would alias to 9 kHz if not filtered
    y = resample_in_chunks(x, StreamResampler(48_000, 24_000), [480])
    assert rms_dbfs(y[2400:-2400]) < -80.0


def test_meter_reads_rms_and_peak_of_a_sine() -> None:
    meter = LevelMeter()
    block = tone(1000.0, 48_000, 0.1, 0.5)
    meter.update(block)
    reading = meter.reading()
    assert reading.rms_dbfs == pytest.approx(db(0.5 / np.sqrt(2)), abs=0.05)
    assert reading.peak_dbfs == pytest.approx(db(0.5), abs=0.05)
    assert rms_dbfs(np.zeros(10, np.float32)) == peak_dbfs(np.zeros(10, np.float32)) == -120.0


@pytest.mark.parametrize("block", [64, 480, 1000])
def test_ducking_ramp_reaches_depth_in_attack_time_and_returns_in_release_time(block: int) -> None:
    rate = 48_000
    ramp = GainRamp(rate, depth_db=15.0, attack_ms=50.0, release_ms=400.0, max_frames=block)

    def run(seconds: float) -> np.ndarray:
        return np.concatenate(
            [ramp.next_gains(block).copy() for _ in range(int(seconds * rate) // block)]
        )

    ramp.target_db = -15.0
    down = np.array([db(g) for g in run(0.2)])
    reached = int(np.argmax(down <= -14.99)) / rate
    assert reached == pytest.approx(0.050, abs=0.001)
    assert np.all(np.diff(down) <= 1e-4), "the attack only goes down"
    ramp.target_db = 0.0
    up = np.array([db(g) for g in run(0.6)])
    back = int(np.argmax(up >= -0.01)) / rate
    assert back == pytest.approx(0.400, abs=0.002)


def test_mono_downmix_and_pcm16_conversion() -> None:
    stereo = np.stack([tone(500, 48_000, 0.1, 0.5)] * 2, axis=1)
    assert np.allclose(channel_sum(stereo, np.empty(stereo.shape[0], np.float32)) / 2, stereo[:, 0])
    assert channel_sum(np.ones((4, 3), np.float32), np.empty(4, np.float32)).tolist() == [3.0] * 4
    pcm = float_to_pcm16(np.array([-1.5, -1.0, 0.0, 0.5, 1.0, 1.5], np.float32))
    assert pcm.tolist() == [-32768, -32767, 0, 16384, 32767, 32767]
    assert np.allclose(pcm16_to_float(pcm)[2:4], [0.0, 0.5], atol=1e-4)
