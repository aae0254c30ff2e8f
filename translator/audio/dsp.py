"""Pure-numpy signal processing for the audio core: levels, gains, ramps, mixing, resampling, drift.

Nothing here knows about devices, threads or the network. The callables that run inside a
PortAudio callback (``GainRamp.next_gains``, ``LevelMeter.update``) work on the caller's small
blocks; the streaming resampler and the drift corrector run on the event loop.

Session-side audio is 24 kHz mono PCM16; device-side audio is float32 in [-1, 1], frames ×
channels, at the device's own rate.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
import soxr

SESSION_RATE = 24_000
"""The Realtime API's PCM16 rate (reference: 24 kHz, mono, little-endian)."""

Samples = npt.NDArray[np.float32]
Pcm16 = npt.NDArray[np.int16]

SILENCE_DBFS = -120.0
"""What a meter reads for digital silence (log of zero is not a level)."""


def db_to_gain(db: float) -> float:
    return float(10.0 ** (db / 20.0))


def gain_to_db(gain: float) -> float:
    return 20.0 * math.log10(gain) if gain > 0 else SILENCE_DBFS


def rms_dbfs(x: npt.NDArray[np.floating]) -> float:
    """RMS level of ``x`` (float, full scale 1.0) in dBFS; a full-scale sine reads −3 dBFS."""
    if x.size == 0:
        return SILENCE_DBFS
    return max(SILENCE_DBFS, gain_to_db(float(np.sqrt(np.mean(np.square(x, dtype=np.float64))))))


def peak_dbfs(x: npt.NDArray[np.floating]) -> float:
    if x.size == 0:
        return SILENCE_DBFS
    return max(SILENCE_DBFS, gain_to_db(float(np.max(np.abs(x)))))


@dataclass(frozen=True)
class LevelReading:
    """The latest block's level, as shown by a meter."""

    rms_dbfs: float
    peak_dbfs: float


class LevelMeter:
    """RMS and peak of a recent block; written by one thread, read by another.

    Only one block in ``every`` is measured: a meter is read a few times a second, and the
    writer is often a PortAudio callback where each numpy call counts. The two floats are
    replaced by single attribute stores, so a reader on the event loop never sees a torn value
    and the writer never waits.
    """

    def __init__(self, every: int = 1) -> None:
        self._rms = 0.0
        self._peak = 0.0
        self._every = every
        self._countdown = 0

    def update(self, block: Samples) -> None:
        if self._countdown:
            self._countdown -= 1
            return
        if block.size == 0:
            return
        self._countdown = self._every - 1
        self._rms = float(np.sqrt(np.dot(block, block) / block.size))
        self._peak = float(np.max(np.abs(block)))

    def reading(self) -> LevelReading:
        return LevelReading(
            max(SILENCE_DBFS, gain_to_db(self._rms)), max(SILENCE_DBFS, gain_to_db(self._peak))
        )


class GainRamp:
    """A gain that moves toward a target in dB at a set speed: ducking and fades without clicks.

    ``attack_ms`` is the time to move ``depth_db`` downward, ``release_ms`` the time to move it
    back up; the ramp is linear in dB, which is how a listener hears loudness change.
    """

    def __init__(
        self, rate: int, *, depth_db: float, attack_ms: float, release_ms: float, max_frames: int
    ) -> None:
        depth = abs(depth_db) or 1.0
        self._down_per_sample = depth / max(1.0, attack_ms * rate / 1000.0)
        self._up_per_sample = depth / max(1.0, release_ms * rate / 1000.0)
        self._db = 0.0
        self.target_db = 0.0
        self._steps = np.arange(1, max_frames + 1, dtype=np.float32)
        self._gains = np.ones(max_frames, dtype=np.float32)

    @property
    def current_db(self) -> float:
        return self._db

    @property
    def at_unity(self) -> bool:
        """Resting at 0 dB: the gains would all be 1."""
        return self._db == 0.0 and self.target_db == 0.0

    def next_gains(self, frames: int) -> Samples:
        """Linear gains for the next ``frames`` samples (a view into a reused buffer)."""
        if frames > self._steps.size:
            self._steps = np.arange(1, frames + 1, dtype=np.float32)
            self._gains = np.ones(frames, dtype=np.float32)
        gains = self._gains[:frames]
        target = self.target_db
        if self._db == target:
            gains.fill(db_to_gain(target))
            return gains
        step = self._down_per_sample if target < self._db else -self._up_per_sample
        db = self._db - step * self._steps[:frames]
        np.clip(db, min(target, self._db), max(target, self._db), out=db)
        self._db = float(db[-1])
        np.power(np.float32(10.0), db / np.float32(20.0), out=gains)
        return gains


def fade_ramp(frames: int, start: float, end: float) -> Samples:
    """Linear gains from ``start`` to ``end`` over ``frames`` samples (end exclusive)."""
    return np.linspace(start, end, frames, endpoint=False, dtype=np.float32)


def to_mono(block: npt.NDArray[np.float32]) -> Samples:
    """Down-mix frames × channels to mono by averaging (keeps a centred voice at its level)."""
    if block.ndim == 1:
        return block
    if block.shape[1] == 1:
        return block[:, 0]
    mono: Samples = block.sum(axis=1, dtype=np.float32)
    mono *= np.float32(1.0 / block.shape[1])
    return mono


def pcm16_to_float(pcm: Pcm16) -> Samples:
    return pcm.astype(np.float32) / np.float32(32768.0)


def float_to_pcm16(x: Samples) -> Pcm16:
    return np.clip(np.round(x * 32767.0), -32768, 32767).astype(np.int16)


class StreamResampler:
    """Streaming mono resampler on soxr.

    soxr's variable-rate engine (``vr=True``) is used because the fixed-rate engines release output
    in ~40 ms bursts, which would add that much delay to 20 ms chunks; the variable-rate engine
    returns output for every chunk (about 5 ms held back) at the same HQ quality. Equal rates pass
    through untouched.
    """

    def __init__(self, in_rate: int, out_rate: int) -> None:
        self.in_rate = in_rate
        self.out_rate = out_rate
        self._stream = (
            None
            if in_rate == out_rate
            else soxr.ResampleStream(in_rate, out_rate, 1, dtype="float32", quality="HQ", vr=True)
        )

    def process(self, x: Samples, *, last: bool = False) -> Samples:
        if self._stream is None:
            return x
        out: Samples = self._stream.resample_chunk(np.ascontiguousarray(x, np.float32), last=last)
        return out


class DriftCorrector:
    """Absorbs the clock difference between two devices that nominally share a rate.

    A passthrough from one device to another is produced on one crystal and consumed on another;
    ±500 ppm apart, a buffer between them would grow or drain by 24 samples a second at 48 kHz.
    This stage stretches the stream by a ratio within ±``max_ppm`` of 1, steered by how far the
    buffer's fill is from its target, using linear interpolation: at ratios this close to 1 that
    is a slowly moving fractional delay, inaudible, and it never drops or repeats a sample (no
    clicks). The fill is smoothed over about a second and errors inside ``dead_zone`` frames are
    left alone: between devices on one clock the ratio stays exactly 1 and the audio passes
    untouched. The first fill it is shown becomes the target: the caller only starts measuring
    once the buffer holds a safe amount, and holding that amount is all that is needed.
    """

    def __init__(
        self,
        *,
        dead_zone: int,
        rate: int,
        max_ppm: float = 2000.0,
        time_constant_s: float = 2.0,
    ) -> None:
        self.target_fill: float | None = None
        self._dead_zone = dead_zone
        self._rate = rate
        self._max_ratio_change = max_ppm * 1e-6
        self._gain = 1.0 / (time_constant_s * rate)
        self._smoothed_fill: float | None = None
        self._pos = 0.0  # fractional read position, relative to ``_prev`` at index 0
        self._prev = np.float32(0.0)
        self.ratio = 1.0

    def steer(self, fill: int, elapsed_frames: int) -> None:
        """Update the stretch from the buffer's current fill (called once per produced block)."""
        alpha = min(1.0, elapsed_frames / self._rate)
        if self._smoothed_fill is None or self.target_fill is None:
            self._smoothed_fill = self.target_fill = float(fill)
        else:
            self._smoothed_fill += alpha * (fill - self._smoothed_fill)
        error = self._smoothed_fill - self.target_fill
        beyond = max(0.0, abs(error) - self._dead_zone) * (1.0 if error > 0 else -1.0)
        change = max(-self._max_ratio_change, min(self._max_ratio_change, beyond * self._gain))
        # ratio = input samples consumed per output sample: a too-full buffer consumes faster
        self.ratio = 1.0 + change

    def process(self, x: Samples) -> Samples:
        if x.size == 0:
            return x
        ext = np.empty(x.size + 1, dtype=np.float32)
        ext[0] = self._prev
        ext[1:] = x
        self._prev = x[-1]
        if self.ratio == 1.0:  # a fixed fractional delay: the position does not move
            head = ext[:-1]
            return head + np.float32(self._pos) * (ext[1:] - head) if self._pos else head
        count = math.floor((x.size - self._pos) / self.ratio) + 1
        positions = self._pos + self.ratio * np.arange(count, dtype=np.float64)
        positions = positions[positions < x.size]
        index = positions.astype(np.int64)
        frac = (positions - index).astype(np.float32)
        out = ext[index] + frac * (ext[index + 1] - ext[index])
        next_pos = (positions[-1] + self.ratio) if positions.size else self._pos
        self._pos = next_pos - x.size
        return out.astype(np.float32, copy=False)
