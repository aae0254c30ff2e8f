"""Bounded, lock-free hand-off of audio between a PortAudio callback thread and the event loop.

Each ring has exactly one writer thread and one reader thread. Storage is allocated once; the
writer copies into it and then publishes by storing a counter, the reader copies out and then
publishes its own counter. A single attribute store is atomic under the interpreter lock, so
neither side ever waits for the other, and a full ring drops the newest block whole and counts
it instead of blocking the callback.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt


class SampleRing:
    """A fixed-capacity FIFO of float32 frames × channels (single producer, single consumer)."""

    def __init__(self, capacity_frames: int, channels: int = 1) -> None:
        self.capacity = capacity_frames
        self.channels = channels
        self._data = np.zeros((capacity_frames, channels), dtype=np.float32)
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
        view = block if block.ndim == 2 else block.reshape(frames, self.channels)
        self._data[start : start + first] = view[:first]
        if first < frames:
            self._data[: frames - first] = view[first:]
        self._written += frames
        return True

    def read_into(self, out: npt.NDArray[np.float32]) -> int:
        """Move up to ``out.shape[0]`` frames into ``out``; returns how many were moved."""
        frames = min(int(out.shape[0]), self._written - self._read)
        if frames <= 0:
            return 0
        start = self._read % self.capacity
        first = min(frames, self.capacity - start)
        view = out.reshape(out.shape[0], self.channels)
        view[:first] = self._data[start : start + first]
        if first < frames:
            view[first:frames] = self._data[: frames - first]
        self._read += frames
        return frames


@dataclass(frozen=True)
class CapturedBlock:
    """One callback's worth of captured audio, as the event loop receives it."""

    frames: npt.NDArray[np.float32]  # frames × channels at the device rate
    captured_at: float  # clock time when the callback delivered the block's last frame
    gated: bool  # the echo guard held the microphone closed when this block was captured


class CaptureRing:
    """Captured blocks with their capture time and gate state, callback → event loop.

    The samples go through a ``SampleRing``; a small parallel ring of per-block records (end
    frame, time, gate) lets the reader split them back into blocks without any allocation on the
    writer's side.
    """

    def __init__(self, capacity_frames: int, channels: int, max_blocks: int = 512) -> None:
        self._samples = SampleRing(capacity_frames, channels)
        # Plain lists: storing a Python number into one is cheaper than into a numpy array.
        self._ends = [0] * max_blocks
        self._times = [0.0] * max_blocks
        self._gated = [False] * max_blocks
        self._blocks_written = 0
        self._blocks_read = 0
        self._max_blocks = max_blocks
        self._dropped_for_records = 0

    @property
    def dropped_blocks(self) -> int:
        return self._samples.dropped_blocks + self._dropped_for_records

    def write(self, block: npt.NDArray[np.float32], captured_at: float, gated: bool) -> bool:
        """Callback side: copy ``block`` in, or count it as dropped when the reader lags."""
        if self._blocks_written - self._blocks_read >= self._max_blocks:
            self._dropped_for_records += 1
            return False
        if not self._samples.write(block):
            return False
        slot = self._blocks_written % self._max_blocks
        self._ends[slot] = self._samples.frames_written
        self._times[slot] = captured_at
        self._gated[slot] = gated
        self._blocks_written += 1
        return True

    def read(self) -> list[CapturedBlock]:
        """Loop side: every block written so far, oldest first."""
        blocks: list[CapturedBlock] = []
        end = self._blocks_written
        previous_end = self._samples.frames_read
        while self._blocks_read < end:
            slot = self._blocks_read % self._max_blocks
            frames = self._ends[slot] - previous_end
            out = np.empty((frames, self._samples.channels), dtype=np.float32)
            self._samples.read_into(out)
            blocks.append(CapturedBlock(out, self._times[slot], self._gated[slot]))
            previous_end = self._ends[slot]
            self._blocks_read += 1
        return blocks
