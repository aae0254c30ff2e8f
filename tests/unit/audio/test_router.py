"""Routing on in-memory devices: capture to session chunks, mixing, ducking, echo guard, drift."""

from __future__ import annotations

import itertools

import numpy as np
import pytest

from tests.unit.audio.signals import db, dominant_frequency, tone, tone_amplitude, tone_signal
from translator.audio.backends import ManualClock, MemoryBackend, MemoryDevice
from translator.audio.dsp import float_to_pcm16
from translator.audio.router import (
    AudioRouter,
    CapturedChunk,
    Ducking,
    EchoGuard,
    PassthroughFeed,
)

SESSION = 24_000


def run(backend: MemoryBackend, router: AudioRouter, seconds: float, step: float = 0.01) -> None:
    for _ in range(round(seconds / step)):
        backend.advance(step)
        router.pump()


def session_audio(chunks: list[CapturedChunk]) -> np.ndarray:
    return np.frombuffer(b"".join(c.pcm16 for c in chunks), np.int16).astype(np.float32) / 32768


def output(backend: MemoryBackend, name: str) -> np.ndarray:
    recorded = backend.devices[name].recording()
    assert not np.isnan(recorded).any(), "every output block was filled completely"
    assert (recorded == recorded[:, :1]).all(), "every channel carries the mix (both ears)"
    return recorded[:, 0]


@pytest.mark.parametrize(
    ("rate", "channels", "chunk_ms"), [(48_000, 2, 20), (44_100, 1, 200), (16_000, 1, 20)]
)
def test_capture_becomes_contiguous_24k_pcm16_chunks_with_the_tone_intact(
    rate: int, channels: int, chunk_ms: int
) -> None:
    backend = MemoryBackend(ManualClock())
    backend.add_device(
        MemoryDevice("mic", rate, channels, signal=tone_signal(440.0, 0.5, rate, channels))
    )
    router = AudioRouter(backend)
    chunks: list[CapturedChunk] = []
    route = router.add_input("mic", "mic", on_chunk=chunks.append, chunk_ms=chunk_ms)
    router.start()
    run(backend, router, 3.0)
    chunk_samples = SESSION * chunk_ms // 1000
    assert all(len(c.pcm16) == 2 * chunk_samples for c in chunks)
    assert len(chunks) == (3 * SESSION - 200) // chunk_samples  # all but the resampler's ~5 ms
    assert all(a.captured_at <= b.captured_at for a, b in itertools.pairwise(chunks))
    assert all(c.captured_at <= c.ready_at for c in chunks)
    audio = session_audio(chunks)[SESSION // 10 :]
    assert dominant_frequency(audio, SESSION) == pytest.approx(440.0, abs=0.5)
    assert db(tone_amplitude(audio, 440.0, SESSION) / 0.5) == pytest.approx(0.0, abs=0.1)
    assert route.level().rms_dbfs == pytest.approx(db(0.5 / np.sqrt(2)), abs=0.1)
    assert route.counters().dropped_chunks == 0


def mixing_setup(rate: int = 48_000) -> tuple[MemoryBackend, AudioRouter]:
    backend = MemoryBackend(ManualClock())
    backend.add_device(MemoryDevice("mic", rate, 1, signal=tone_signal(300.0, 0.4, rate)))
    backend.add_device(MemoryDevice("headphones", rate, 2))
    return backend, AudioRouter(backend)


def test_bus_mixes_speech_and_passthrough_at_their_gains_and_ducks_the_passthrough() -> None:
    backend, router = mixing_setup()
    mic = router.add_input("mic", "mic", on_chunk=lambda c: None)
    bus = router.add_output("headphones", "headphones")
    speech = bus.add_playback(gain_db=-3.0)
    bus.set_passthrough(mic, gain_db=-6.0, ducking=Ducking(-15.0, 50.0, 400.0))
    router.start()
    run(backend, router, 1.0)
    speech.playback.push("a", float_to_pcm16(tone(1000.0, SESSION, 1.0, 0.25)))
    speech.playback.mark_done("a")
    run(backend, router, 2.0)
    out = output(backend, "headphones")
    start = round(speech.playback.first_played_at("a") * 48_000)  # type: ignore[operator]

    def level(freq: float, begin: float, end: float) -> float:
        part = out[start + int(begin * 48_000) : start + int(end * 48_000)]
        return db(tone_amplitude(part, freq, 48_000))

    assert level(300.0, -0.5, 0.0) == pytest.approx(db(0.4) - 6.0, abs=0.2)
    assert level(300.0, 0.1, 0.9) == pytest.approx(db(0.4) - 6.0 - 15.0, abs=0.3)
    assert level(1000.0, 0.1, 0.9) == pytest.approx(db(0.25) - 3.0, abs=0.2)
    assert level(300.0, 1.0 + 0.5, 2.0) == pytest.approx(db(0.4) - 6.0, abs=0.2), "released"
    assert level(300.0, 0.05, 0.06) < db(0.4) - 6.0 - 13.0, "attack takes about 50 ms"
    assert bus.level().peak_dbfs < 0.0
    assert bus.counters().playback_underruns == 0


def test_a_mix_louder_than_full_scale_is_clipped_not_wrapped() -> None:
    backend, router = mixing_setup()
    mic = router.add_input("mic", "mic", on_chunk=lambda c: None)
    bus = router.add_output("headphones", "headphones")
    speech = bus.add_playback(gain_db=+12.0)  # a 0.5 tone at +12 dB: peaks at 2.0
    bus.set_passthrough(mic, ducking=None)
    router.start()
    speech.playback.push("a", float_to_pcm16(tone(1000.0, SESSION, 1.0, 0.5)))
    speech.playback.mark_done("a")
    run(backend, router, 1.0)
    out = backend.devices["headphones"].recording()
    assert out.max() == pytest.approx(1.0) and out.min() == pytest.approx(-1.0)


def test_muted_sources_are_silent_on_the_bus() -> None:
    backend, router = mixing_setup()
    mic = router.add_input("mic", "mic", on_chunk=lambda c: None)
    bus = router.add_output("headphones", "headphones")
    speech = bus.add_playback()
    feed = bus.set_passthrough(mic)
    router.start()
    speech.muted = True
    feed.muted = True
    speech.playback.push("a", float_to_pcm16(tone(1000.0, SESSION, 1.0, 0.25)))
    run(backend, router, 1.0)
    assert np.abs(output(backend, "headphones")).max() == 0.0
    assert speech.playback.played_samples("a") > 0, "muted speech still advances"


def test_echo_guard_silences_the_mic_while_speech_plays_and_for_its_tail() -> None:
    backend = MemoryBackend(ManualClock())
    backend.add_device(MemoryDevice("mic", 48_000, 1, signal=tone_signal(440.0, 0.5, 48_000)))
    backend.add_device(MemoryDevice("speaker", 48_000, 2))
    router = AudioRouter(backend)
    guard = EchoGuard(tail_ms=300.0)
    chunks: list[CapturedChunk] = []
    router.add_input("mic", "mic", on_chunk=chunks.append, echo_guard=guard)
    speaker = router.add_output("speaker", "speaker", echo_guard=guard).add_playback()
    router.start()
    run(backend, router, 1.0)
    speaker.playback.push("a", float_to_pcm16(tone(1000.0, SESSION, 0.6, 0.3)))
    speaker.playback.mark_done("a")
    run(backend, router, 2.0)
    began = speaker.playback.first_played_at("a")
    assert began is not None
    ended = began + 0.6
    margin = 0.03  # a device block plus the resampler's delay
    gated = [c for c in chunks if began + margin <= c.captured_at <= ended + 0.3 - margin]
    open_ = [
        c for c in chunks if c.captured_at < began - margin or c.captured_at > ended + 0.3 + margin
    ]
    assert len(gated) > 0.8 * (0.9 / 0.02) and len(open_) > 80
    assert all(not any(c.pcm16) for c in gated), "digital silence while the speaker talks"
    for c in open_[5:]:
        level = tone_amplitude(np.frombuffer(c.pcm16, np.int16) / 32768, 440.0, SESSION)
        assert db(level / 0.5) == pytest.approx(0.0, abs=0.5), "the mic is heard otherwise"
    assert len(chunks) == (3 * SESSION - 200) // 480, "gated audio is silence, never a gap"


@pytest.mark.parametrize(
    ("in_rate", "in_ppm", "out_rate", "out_ppm"),
    [(48_000, 500, 48_000, -500), (48_000, -500, 48_000, 500), (44_100, 500, 48_000, -500)],
)
def test_passthrough_between_drifting_device_clocks_stays_bounded_without_clicks(
    in_rate: int, in_ppm: float, out_rate: int, out_ppm: float
) -> None:
    backend = MemoryBackend(ManualClock())
    backend.add_device(
        MemoryDevice("mic", in_rate, 1, signal=tone_signal(440.0, 0.5, in_rate), drift_ppm=in_ppm)
    )
    backend.add_device(MemoryDevice("cable", out_rate, 1, drift_ppm=out_ppm))
    router = AudioRouter(backend)
    mic = router.add_input("mic", "mic", on_chunk=lambda c: None)
    bus = router.add_output("cable", "cable")
    feed = bus.set_passthrough(mic)
    router.start()
    fills = []
    for _ in range(6000):  # 60 s: uncorrected, 1000 ppm apart would be 60 ms of drift
        backend.advance(0.01)
        router.pump()
        fills.append(feed.fill)
    settled = np.array(fills[1000:])  # after 10 s
    blocks = 2 * round(router.block_ms * out_rate / 1000)  # the saw-tooth of block-wise I/O
    assert settled.max() - settled.min() < blocks + 0.01 * out_rate, "buffer fill stays bounded"
    trend = settled[-1000:].mean() - settled[:1000].mean()  # 40 s apart: uncorrected, 40 ms
    assert abs(trend) < 0.003 * out_rate, "and does not creep"
    counters = bus.counters()
    assert counters.passthrough_underruns == 0 and counters.passthrough_overflows == 0
    out = output(backend, "cable")[out_rate:]
    smooth_limit = 0.5 * (2 * np.pi * 440.0 / out_rate) ** 2
    assert np.abs(np.diff(out, 2)).max() < 2.0 * smooth_limit, "no clicks, drops or repeats"
    assert db(tone_amplitude(out[-4800:], 440.0, out_rate) / 0.5) == pytest.approx(0, abs=0.1)


def test_a_stalled_event_loop_costs_counted_drops_not_a_blocked_callback() -> None:
    backend = MemoryBackend(ManualClock())
    backend.add_device(MemoryDevice("mic", 48_000, 1, signal=tone_signal(440.0, 0.5, 48_000)))
    router = AudioRouter(backend)
    chunks: list[CapturedChunk] = []
    route = router.add_input("mic", "mic", on_chunk=chunks.append)
    router.start()
    backend.advance(3.0)  # the loop never ran: 2 s of chunks wait, the third second is dropped
    router.pump()
    assert len(chunks) == 100, "the oldest 2 s of chunks, in order"
    assert all(a.captured_at < b.captured_at for a, b in itertools.pairwise(chunks))
    assert chunks[-1].captured_at <= 2.01
    dropped = route.counters().dropped_chunks
    assert dropped + len(chunks) == (3 * SESSION - 200) // 480, (
        "the rest counted, not lost silently"
    )
    before = len(chunks)
    run(backend, router, 1.0)
    assert len(chunks) - before == 50, "capture continues once the loop is back"


@pytest.mark.parametrize("skips", [1, 0])
def test_a_passthrough_whose_first_fills_are_low_settles_without_underruns_or_stretch(
    skips: int,
) -> None:
    # An output device that starts with a burst (as PortAudio on PulseAudio does): right after
    # priming it takes three blocks at once, then skips a callback (or none: the buffer is left a
    # block short for good), so the first fills the drift control sees are well below where the
    # feed then sits, or below what is safe. Both devices share one clock.
    rate, block = 48_000, 480
    feed = PassthroughFeed(rate, rate, in_block=block, out_block=block, gain_db=0.0)
    source = tone(440.0, rate, 31.0, 0.5).astype(np.float32)
    out = np.zeros(block, np.float32)
    played: list[np.ndarray] = []
    stretch: list[float] = []
    burst_at: int | None = None
    for k in range(3000):  # 30 s
        now = k * 0.01
        late = k % 37 == 0  # now and then the input's callback comes 8 ms late, after the output's
        if not late:
            feed.push(source[k * block : (k + 1) * block], now)
        reads = 1
        if burst_at is None and feed.fill >= feed._target:
            reads, burst_at = 3, k
        elif burst_at is not None and k - burst_at <= skips:
            reads = 0
        for _ in range(reads):
            feed.render(out, now + 0.005)
            played.append(out.copy())
        if late:
            feed.push(source[k * block : (k + 1) * block], now + 0.008)
        stretch.append(feed.stretch_ppm)
    assert feed.underruns == 0, "the passthrough never runs dry"
    pinned = sum(abs(s) >= 1999.0 for s in stretch)
    assert pinned < 300, f"the stretch is not held at its limit ({pinned / 100:.1f} s)"
    assert not any(stretch[-1000:]), "settled: no stretch at all in the last 10 s"
    heard = np.concatenate(played)
    tail_start = heard.size - 10 * rate
    delays = [
        d
        for d in range(8 * block)
        if np.array_equal(heard[tail_start:], source[tail_start - d : heard.size - d])
    ]
    assert len(delays) == 1, "settled, the passthrough is the input itself, only delayed"
    assert delays[0] * 1000 / rate < 60, "by no more than the buffer's target and the burst"
    smooth_limit = 0.5 * (2 * np.pi * 440.0 / rate) ** 2
    assert np.abs(np.diff(heard[rate:], 2)).max() < 2.0 * smooth_limit, "no clicks while it settles"


def test_a_stand_in_replaces_the_device_with_its_clip_then_silence() -> None:
    """The sample conversation's speaker: the device (a 300 Hz tone) is no longer heard, the
    clip (a 1 kHz tone at the device's rate) is, whole, then digital silence."""
    backend = MemoryBackend(ManualClock())
    backend.add_device(MemoryDevice("mic", 48_000, 2, signal=tone_signal(300.0, 0.4, 48_000, 2)))
    router = AudioRouter(backend)
    chunks: list[CapturedChunk] = []
    route = router.add_input("mic", "mic", on_chunk=chunks.append)
    router.start()
    run(backend, router, 0.5)
    heard_before = len(chunks)
    stand_in = route.stand_in_for_device()
    assert route.stand_in_for_device() is stand_in  # one per route
    stand_in.say(tone(1000.0, 48_000, 1.0))
    run(backend, router, 1.5)
    audio = session_audio(chunks[heard_before:])
    clip, after = audio[SESSION // 20 : SESSION * 19 // 20], audio[SESSION * 21 // 20 :]
    assert dominant_frequency(clip, SESSION) == pytest.approx(1000.0, abs=1)
    assert db(tone_amplitude(clip, 1000.0, SESSION) / 0.5) == pytest.approx(0.0, abs=0.2)
    assert tone_amplitude(clip, 300.0, SESSION) < 1e-3  # the device is not heard
    assert np.abs(after).max() == 0.0  # then silence, not the device
    heard_first = len(chunks)
    stand_in.say(tone(2000.0, 48_000, 0.5))  # the next line, from its start, whole
    run(backend, router, 1.0)
    second = session_audio(chunks[heard_first:])
    spoken = second[np.abs(second) > 0.01]
    assert spoken.size == pytest.approx(SESSION // 2, abs=SESSION // 100)
    assert dominant_frequency(spoken, SESSION) == pytest.approx(2000.0, abs=2)
