"""PlaybackBuffer: plays deltas in order, counts what it handed out, fades on interruption."""

from __future__ import annotations

import inspect

import numpy as np
import pytest
import soxr
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.unit.audio.signals import db, tone, tone_amplitude
from translator.audio.dsp import float_to_pcm16
from translator.audio.playback import PlaybackBuffer
from translator.realtime.playback import PlaybackTracker

SESSION = 24_000


def noise_pcm(seconds: float, seed: int = 1) -> np.ndarray:
    rng = np.random.default_rng(seed)
    return float_to_pcm16((0.3 * rng.standard_normal(round(SESSION * seconds))).astype(np.float32))


def render(buffer: PlaybackBuffer, frames: int, now: float = 0.0) -> np.ndarray:
    out = np.full(frames, np.nan, np.float32)
    buffer.render(out, now)
    assert not np.isnan(out).any(), "render fills the whole block"
    return out


def test_it_satisfies_the_session_layers_playback_tracker_contract() -> None:
    for name in ("played_samples", "first_played_at"):
        contract = inspect.signature(getattr(PlaybackTracker, name))
        assert inspect.signature(getattr(PlaybackBuffer, name)) == contract


@settings(max_examples=12, deadline=None)
@given(
    rate=st.sampled_from([48_000, 44_100, 24_000]),
    delta_ms=st.integers(10, 300),
    block=st.sampled_from([128, 441, 480, 1024]),
)
def test_played_position_is_within_10_ms_of_what_the_device_really_got(
    rate: int, delta_ms: int, block: int
) -> None:
    source = noise_pcm(1.5)
    buffer = PlaybackBuffer(rate)
    # Truth comes from the audio itself: where the latest output lines up in the source.
    reference = soxr.resample(source.astype(np.float32) / 32768, SESSION, rate, quality="HQ")
    size = 1 << int(np.ceil(np.log2(reference.size + rate)))
    reference_spectrum = np.conj(np.fft.rfft(reference, size))
    delta = SESSION * delta_ms // 1000
    pushed, output, checks = 0, [], 0
    while pushed < source.size or buffer.queued_frames > 0:
        for _ in range(-(-2 * block * 1000 // (rate * delta_ms))):  # twice as fast as real time
            if pushed < source.size:
                buffer.push("item", source[pushed : pushed + delta])
                pushed += delta
                if pushed >= source.size:
                    buffer.mark_done("item")
        output.append(render(buffer, block))
        heard = np.concatenate(output)
        tail = heard[-rate // 50 :]
        checkpoint = len(output) % max(1, 2048 // block) == 0
        if checkpoint and heard.size > rate // 10 and np.count_nonzero(tail) == tail.size:
            corr = np.fft.irfft(np.fft.rfft(tail[::-1], size) * np.conj(reference_spectrum), size)
            end = int(np.argmax(corr[tail.size - 1 : reference.size])) + tail.size
            assert abs(buffer.played_samples("item") - end * SESSION / rate) <= SESSION / 100
            checks += 1
    assert checks > 10
    assert buffer.played_samples("item") == source.size
    assert buffer.underruns == 0


def test_first_played_time_is_the_callback_time_of_the_first_sample() -> None:
    buffer = PlaybackBuffer(48_000)
    render(buffer, 480, now=1.0)
    assert buffer.first_played_at("a") is None
    buffer.push("a", noise_pcm(0.2))
    buffer.mark_done("a")
    render(buffer, 480, now=1.01)
    render(buffer, 480, now=1.02)
    assert buffer.first_played_at("a") == 1.01


def test_items_play_one_after_another_in_push_order() -> None:
    buffer = PlaybackBuffer(24_000)
    buffer.push("a", np.full(2400, 1000, np.int16))
    buffer.push("b", np.full(2400, -1000, np.int16))
    buffer.mark_done("a")
    buffer.mark_done("b")
    out = np.concatenate([render(buffer, 480) for _ in range(12)])
    loud = out[np.abs(out) > 0.02]
    assert loud[0] > 0 and loud[-1] < 0
    assert np.count_nonzero(np.diff(np.sign(loud))) == 1, "a then b, not interleaved"
    assert buffer.played_samples("a") == buffer.played_samples("b") == 2400


def test_flush_fades_out_stops_counting_and_ignores_late_deltas() -> None:
    rate = 48_000
    buffer = PlaybackBuffer(rate)
    buffer.push("a", float_to_pcm16(tone(440.0, SESSION, 1.0, 0.5)))
    before = np.concatenate([render(buffer, 480) for _ in range(30)])  # 300 ms
    played_before = buffer.played_samples("a")
    buffer.flush(fade_ms=20.0)
    after = np.concatenate([render(buffer, 480) for _ in range(20)])
    buffer.push("a", float_to_pcm16(tone(440.0, SESSION, 0.5, 0.5)))  # a late delta
    later = np.concatenate([render(buffer, 480) for _ in range(10)])
    fade = after[: rate // 50]
    assert np.abs(fade[:48]).max() > 0.3 and np.abs(fade[-48:]).max() < 0.03, "it fades"
    assert np.all(after[rate // 50 :] == 0.0) and np.all(later == 0.0), "then silence"
    jumps = np.abs(np.diff(np.concatenate([before, after])))
    assert jumps.max() < 0.05, "no click at the start or end of the fade"
    assert buffer.played_samples("a") - played_before == SESSION // 50, "the fade is counted"
    buffer.push("b", float_to_pcm16(tone(440.0, SESSION, 0.2, 0.5)))
    buffer.mark_done("b")
    assert np.abs(np.concatenate([render(buffer, 480) for _ in range(10)])).max() > 0.4


def test_prebuffer_starts_small_and_grows_only_when_underruns_happen() -> None:
    fast, slow = PlaybackBuffer(48_000), PlaybackBuffer(48_000)
    assert fast.prebuffer_ms <= 20.0 and slow.prebuffer_ms <= 20.0
    source = noise_pcm(4.0)
    for i in range(100):  # every 20 ms of playback: fast gets 40 ms of audio, slow gets 10 ms
        fast.push("a", source[i * 960 : (i + 1) * 960])
        slow.push("a", source[i * 240 : (i + 1) * 240])
        render(fast, 960)
        render(slow, 960)
    assert fast.underruns == 0 and fast.prebuffer_ms == pytest.approx(10.0)
    assert slow.underruns > 0 and slow.prebuffer_ms > 20.0


def test_after_an_underrun_the_prebuffer_grows_by_the_lateness_in_one_step() -> None:
    buffer = PlaybackBuffer(48_000)
    source = noise_pcm(1.0)
    buffer.push("a", source[:4800])  # 200 ms, then the link stalls for about 100 ms
    for _ in range(30):
        render(buffer, 480)
    assert buffer.underruns == 1
    grown_from = buffer.prebuffer_ms
    buffer.push("a", source[4800:9600])
    render(buffer, 480)
    # The silence played while waiting (the 100 ms stall, less what the resampler still held):
    # the next stall of that size is absorbed without a gap.
    assert 80.0 <= buffer.prebuffer_ms - grown_from <= 110.0
    buffer.mark_done("a")
    for _ in range(30):
        render(buffer, 480)
    assert buffer.underruns == 1, "an item that ends is no underrun, and grows nothing"


def test_duck_lowers_the_translation_by_the_asked_amount_then_restores_it() -> None:
    buffer = PlaybackBuffer(48_000)
    buffer.push("a", float_to_pcm16(tone(440.0, SESSION, 3.0, 0.5)))
    render(buffer, 4800)
    buffer.duck(-15.0)
    ducked = np.concatenate([render(buffer, 480) for _ in range(20)])[4800:]  # after the attack
    buffer.unduck()
    np.concatenate([render(buffer, 480) for _ in range(50)])  # the 400 ms release
    restored = render(buffer, 4800)
    assert db(tone_amplitude(ducked, 440.0, 48_000) / 0.5) == pytest.approx(-15.0, abs=0.2)
    assert db(tone_amplitude(restored, 440.0, 48_000) / 0.5) == pytest.approx(0.0, abs=0.2)
