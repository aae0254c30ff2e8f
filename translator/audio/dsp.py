"""Pure-numpy signal processing for the audio core: levels, gains, ramps, mixing, resampling, drift.

Nothing here knows about devices, threads or the network. Most of it runs inside PortAudio
callbacks on the caller's small blocks (the input route resamples, corrects drift and rounds
to PCM16 there; the output bus ramps gains); a playback buffer's resampler runs on the event
loop.

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

    A meter is read a few times a second, and the writer is often a PortAudio callback where
    each numpy call counts: so the writer only copies one block in ``every`` aside, and the
    reader measures the latest copy when asked. Copies alternate between two buffers and are
    published by a single attribute store, so the writer never waits; it overwrites a copy only
    two copies after publishing it, long after a reader (microseconds) is done with it.
    """

    def __init__(self, every: int = 1, max_frames: int = 4096) -> None:
        self._buffers = [np.zeros(max_frames, np.float32) for _ in range(2)]
        self._latest: Samples | None = None
        self._next = 0
        self._every = every
        self._countdown = 0

    def update(self, block: Samples, gain: float = 1.0) -> None:
        """Note ``block`` × ``gain`` (the product is what is measured)."""
        if self._countdown:
            self._countdown -= 1
            return
        frames = block.shape[0]
        if frames == 0:
            return
        self._countdown = self._every - 1
        buffer = self._buffers[self._next]
        if buffer.size < frames:  # rare: a bigger block than ever before
            buffer = self._buffers[self._next] = np.zeros(frames, np.float32)
        copy = buffer[:frames]
        np.multiply(block, np.float32(gain), out=copy)
        self._latest = copy
        self._next ^= 1

    def reading(self) -> LevelReading:
        latest = self._latest
        if latest is None:
            return LevelReading(SILENCE_DBFS, SILENCE_DBFS)
        rms = math.sqrt(float(np.dot(latest, latest)) / latest.size)
        peak = max(float(latest.max()), -float(latest.min()))
        return LevelReading(max(SILENCE_DBFS, gain_to_db(rms)), max(SILENCE_DBFS, gain_to_db(peak)))


class GainRamp:
    """A gain that moves toward a target in dB at a set speed: ducking and fades without clicks.

    ``attack_ms`` is the time to move ``depth_db`` downward, ``release_ms`` the time to move it
    back up; the ramp is linear in dB, which is how a listener hears loudness change. Linear in
    dB is geometric in gain, so a block of the ramp is its starting gain times a precomputed
    series of powers: one multiply per block in the output callback.
    """

    def __init__(
        self, rate: int, *, depth_db: float, attack_ms: float, release_ms: float, max_frames: int
    ) -> None:
        depth = abs(depth_db) or 1.0
        self._down_per_sample = depth / max(1.0, attack_ms * rate / 1000.0)
        self._up_per_sample = depth / max(1.0, release_ms * rate / 1000.0)
        self._db = 0.0
        self._gain = 1.0
        self.target_db = 0.0
        self._allocate(max_frames)

    def _allocate(self, frames: int) -> None:
        steps = np.arange(1, frames + 1, dtype=np.float64)
        self._down = (10.0 ** (-self._down_per_sample * steps / 20.0)).astype(np.float32)
        self._up = (10.0 ** (self._up_per_sample * steps / 20.0)).astype(np.float32)
        self._gains = np.ones(frames, dtype=np.float32)

    @property
    def current_db(self) -> float:
        return self._db

    @property
    def gain(self) -> float:
        """The gain now (what every sample of the next block gets while ``settled``)."""
        return self._gain

    @property
    def settled(self) -> bool:
        """Resting at the target: the next block's gains would all be ``gain``."""
        return self._db == self.target_db

    def next_gains(self, frames: int) -> Samples:
        """Linear gains for the next ``frames`` samples (a view into a reused buffer)."""
        if frames > self._gains.size:
            self._allocate(frames)
        gains = self._gains[:frames]
        target = self.target_db
        if self._db == target:
            gains.fill(self._gain)
            return gains
        if target < self._db:
            step, powers = self._down_per_sample, self._down
        else:
            step, powers = -self._up_per_sample, self._up
        # Sample k (from 1) sits at ``db - step * k`` until it reaches the target and stays there.
        ramping = min(frames, math.ceil((self._db - target) / step) - 1)
        np.multiply(powers[:ramping], np.float32(self._gain), out=gains[:ramping])
        if ramping < frames:
            self._db = target
            self._gain = db_to_gain(target)
            gains[ramping:] = self._gain
        else:
            self._db -= step * frames
            self._gain = db_to_gain(self._db)
        return gains


def fade_ramp(frames: int, start: float, end: float) -> Samples:
    """Linear gains from ``start`` to ``end`` over ``frames`` samples (end exclusive)."""
    return np.linspace(start, end, frames, endpoint=False, dtype=np.float32)


def channel_sum(block: npt.NDArray[np.float32], out: Samples) -> Samples:
    """The sum of a frames × channels block's channels, into ``out`` (a callback allocates
    nothing); divided by the channel count, it is the mono down-mix that keeps a centred voice
    at its level."""
    if block.shape[1] == 2:  # a strided add: several times cheaper than a sum over the axis
        np.add(block[:, 0], block[:, 1], out=out)
    else:
        np.sum(block, axis=1, out=out)
    return out


def pcm16_to_float(pcm: Pcm16) -> Samples:
    return np.multiply(pcm, np.float32(1.0 / 32768.0), dtype=np.float32)


_PCM16_MAX = np.float32(32767.0)
_PCM16_MIN = np.float32(-32768.0)


def float_to_pcm16(x: Samples, gain: float = 1.0) -> Pcm16:
    """Round ``x`` × ``gain`` to PCM16, clipping at full scale."""
    out = np.empty(x.shape, np.int16)
    scale_into_pcm16(np.array(x, np.float32), gain, out)
    return out


def scale_into_pcm16(x: Samples, gain: float, out: Pcm16) -> None:
    """Round ``x`` × ``gain`` to PCM16 into ``out``, clipping at full scale. ``x`` is the
    scratch space (it is overwritten): nothing is allocated, for callbacks."""
    np.multiply(x, np.float32(32767.0 * gain), out=x)
    np.minimum(x, _PCM16_MAX, out=x)
    np.maximum(x, _PCM16_MIN, out=x)
    np.rint(x, out=x)
    out[:] = x


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
    clicks).

    The target is learned: for the first ``learn_s`` of fills the stream passes untouched and the
    mean fill becomes the target, but never less than ``min_fill`` (a start-up burst of one
    device can leave the first fills far below what the buffer settles at, and holding such a
    fill would drain the buffer into underruns). The fill is then smoothed over about a second;
    stretching starts only once it is more than ``dead_zone`` frames off target and stops once it
    is back within half of that, so callback jitter alone never starts it. When it stops, one
    block at a ratio within 1/block of 1 lands the read position back on a whole sample, and from
    then on a settled stream is handed back as it came, with no work at all.
    """

    def __init__(
        self,
        *,
        min_fill: int,
        dead_zone: int,
        rate: int,
        max_ppm: float = 2000.0,
        time_constant_s: float = 4.0,
        learn_s: float = 1.0,
    ) -> None:
        self.target_fill: float | None = None
        self._min_fill = min_fill
        self._dead_zone = dead_zone
        self._release = dead_zone / 2
        self._rate = rate
        self._max_ratio_change = max_ppm * 1e-6
        self._gain = 1.0 / (time_constant_s * rate)
        self._learn_frames = learn_s * rate
        self._learned_frames = 0
        self._learned_sum = 0.0
        self._smoothed_fill = 0.0
        self._pos = 1.0  # read position relative to ``_prev`` at index 0; 1.0 is no delay at all
        self._prev = np.float32(0.0)
        self.ratio = 1.0
        # Reused per call (the corrector runs in an input callback): grown if a block is bigger.
        self._ext = np.empty(0, dtype=np.float32)
        self._grid = np.empty(0, dtype=np.float64)
        self._positions = np.empty(0, dtype=np.float64)
        self._steps = np.empty(0, dtype=np.float64)  # ``_grid`` × ``_steps_ratio``
        self._steps_ratio = 0.0

    def restart(self) -> None:
        """Learn the target afresh (the buffer was refilled after running dry)."""
        self.target_fill = None
        self._learned_frames = 0
        self._learned_sum = 0.0
        self.ratio = 1.0

    def steer(self, fill: int, elapsed_frames: int) -> None:
        """Update the stretch from the buffer's current fill (called once per produced block)."""
        if self.target_fill is None:
            self._learned_sum += fill * elapsed_frames
            self._learned_frames += elapsed_frames
            if self._learned_frames >= self._learn_frames:
                self._smoothed_fill = self._learned_sum / self._learned_frames
                self.target_fill = max(float(self._min_fill), self._smoothed_fill)
            return
        self._smoothed_fill += min(1.0, elapsed_frames / self._rate) * (fill - self._smoothed_fill)
        error = self._smoothed_fill - self.target_fill
        if self.ratio == 1.0 and abs(error) <= self._dead_zone:
            return
        excess = abs(error) - self._release
        if excess <= 0.0:
            self.ratio = 1.0
            return
        change = min(self._max_ratio_change, excess * self._gain)
        # ratio = input samples consumed per output sample: a too-full buffer consumes faster
        self.ratio = 1.0 + (change if error > 0 else -change)

    def process(self, x: Samples) -> npt.NDArray[np.floating]:
        """The stretched block: ``x`` itself while settled, else a view into a reused buffer,
        valid until the next call."""
        frames = x.size
        if frames == 0:
            return x
        pos = self._pos
        ratio = self.ratio
        if ratio == 1.0 and pos == 1.0:
            self._prev = x[-1]
            return x
        if frames >= self._ext.size:
            self._ext = np.empty(frames + 1, dtype=np.float32)
        ext = self._ext[: frames + 1]
        ext[0] = self._prev
        ext[1:] = x
        self._prev = x[-1]
        if ratio == 1.0:  # stopping: this block ends with the read position back on 1.0
            count = frames
            ratio = (frames + 1.0 - pos) / frames
            self._pos = 1.0
        else:
            count = math.floor((frames - pos) / ratio) + 1
            if count and pos + ratio * (count - 1) >= frames:
                count -= 1
            self._pos = pos + ratio * count - frames
        if count > self._positions.size or frames >= self._grid.size:
            size = max(count, frames + 1)
            self._grid = np.arange(size, dtype=np.float64)
            self._positions = np.empty(size, dtype=np.float64)
            self._steps = np.empty(size, dtype=np.float64)
            self._steps_ratio = 0.0
        if ratio != self._steps_ratio:  # the ratio often holds (at a limit, or while steady)
            np.multiply(self._grid, ratio, out=self._steps)
            self._steps_ratio = ratio
        positions = self._positions[:count]
        np.add(self._steps[:count], pos, out=positions)
        # Linear interpolation between neighbouring samples (``ext`` at 0..frames).
        return np.interp(positions, self._grid[: frames + 1], ext)
