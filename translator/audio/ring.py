"""Bounded, lock-free hand-off of audio between two threads (an input device's callback and an
output device's, for a passthrough).

Each ring has exactly one writer thread and one reader thread. Storage is allocated once; the
writer copies into it and then publishes by storing a counter, the reader copies out and then
publishes its own counter. A single attribute store is atomic under the interpreter lock, so
neither side ever waits for the other, and a full ring drops the newest block whole and counts
it instead of blocking the callback.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt


class SampleRing:
    """A fixed-capacity FIFO of float32 frames × channels (single producer, single consumer)."""

    def __init__(self, capacity_frames: int, channels: int = 1) -> None:
        self.capacity = capacity_frames
        self.channels = channels
        self._data = np.zeros((capacity_frames, channels), dtype=np.float32)
        # Mono blocks (frames,) go through a flat view of a one-channel ring: no reshape per block.
        self._flat = self._data[:, 0] if channels == 1 else None
        self._written = 0  # total frames ever written; only the writer stores it
        self._read = 0  # total frames ever read; only the reader stores it
        self.dropped_frames = 0
        self.dropped_blocks = 0

    @property
    def available(self) -> int:
        return self._written - self._read

    @property
    def frames_written(self) -> int:
        return self._written

    @property
    def frames_read(self) -> int:
        return self._read

    def write(self, block: npt.NDArray[np.float32]) -> bool:
        """Append ``block`` (frames, or frames × channels); drop it whole if it does not fit."""
        frames = block.shape[0]
        if frames > self.capacity - (self._written - self._read):
            self.dropped_frames += frames
            self.dropped_blocks += 1
            return False
        start = self._written % self.capacity
        first = min(frames, self.capacity - start)
        data = self._flat
        if block.ndim == 2 or data is None:
            data = self._data
            block = block if block.ndim == 2 else block.reshape(frames, self.channels)
        if first == frames:
            data[start : start + frames] = block
        else:
            data[start : start + first] = block[:first]
            data[: frames - first] = block[first:]
        self._written += frames
        return True

    def read_into(self, out: npt.NDArray[np.float32], gain: float = 1.0) -> int:
        """Move up to ``out.shape[0]`` frames into ``out``, times ``gain`` (in the same pass);
        returns how many were moved."""
        frames = min(int(out.shape[0]), self._written - self._read)
        if frames <= 0:
            return 0
        start = self._read % self.capacity
        first = min(frames, self.capacity - start)
        data = self._flat
        if out.ndim == 2 or data is None:
            data = self._data
            out = out if out.ndim == 2 else out.reshape(out.shape[0], self.channels)
        whole = out if frames == out.shape[0] else out[:frames]
        if first < frames:  # wrapped: two pieces
            np.multiply(data[start:], np.float32(gain), out=whole[:first])
            np.multiply(data[: frames - first], np.float32(gain), out=whole[first:])
        elif gain == 1.0:
            whole[:] = data[start : start + frames]
        else:
            np.multiply(data[start : start + frames], np.float32(gain), out=whole)
        self._read += frames
        return frames
