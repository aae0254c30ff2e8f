"""Server-side voice activity detection on the appended audio, and the input audio buffer.

Runs on the connection's event-loop task, on **audio time** (sample positions of what the client
appended), never on the wall clock, exactly like the real service: a client that streams faster
or slower than real time gets the same segmentation. Energy-based: a 20 ms frame is speech when
its RMS level exceeds the threshold mapped to dBFS; speech stops after ``silence_duration_ms`` of
non-speech frames. ``semantic_vad`` is approximated by a silence window per eagerness.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

RATE = 24_000
FRAME = 480  # 20 ms at 24 kHz
SAMPLES_PER_MS = RATE // 1000

# semantic_vad waits longer when less eager (its documented maximum waits are 8/4/2 s).
SEMANTIC_SILENCE_MS = {"low": 2000, "medium": 1000, "auto": 1000, "high": 500}


def threshold_dbfs(threshold: float) -> float:
    """The frame level (dBFS) that counts as speech: 0.5 → −40 dBFS, 1.0 → −10 dBFS."""
    return -70.0 + 60.0 * threshold


@dataclass(frozen=True)
class VadSettings:
    threshold: float = 0.5
    prefix_padding_ms: int = 300
    silence_duration_ms: int = 200

    @classmethod
    def from_turn_detection(cls, turn_detection: dict[str, object]) -> VadSettings:
        if turn_detection["type"] == "semantic_vad":
            eagerness = str(turn_detection.get("eagerness", "auto"))
            return cls(silence_duration_ms=SEMANTIC_SILENCE_MS[eagerness])
        threshold = turn_detection.get("threshold", 0.5)
        padding = turn_detection.get("prefix_padding_ms", 300)
        silence = turn_detection.get("silence_duration_ms", 200)
        assert isinstance(threshold, int | float) and isinstance(padding, int)
        assert isinstance(silence, int)
        return cls(float(threshold), padding, silence)


@dataclass(frozen=True)
class SpeechStarted:
    start_sample: int
    """Where the speech (including the prefix padding) begins."""


@dataclass(frozen=True)
class SpeechStopped:
    end_sample: int
    """Where the user's turn ends: the last speech frame plus the silence duration."""


class InputAudioBuffer:
    """The session's input audio: every appended sample has a position since the session began.

    Keeps only what a commit can still take (from the last commit on); while nobody speaks under
    server VAD, audio older than the prefix padding is dropped so memory stays bounded.
    """

    def __init__(self) -> None:
        self._chunks: list[np.ndarray] = []
        self._start = 0  # position of the first retained sample
        self.position = 0  # samples appended since the session began
        self.committed_at = 0  # position of the last commit or clear

    @property
    def uncommitted_ms(self) -> float:
        return (self.position - self.committed_at) / SAMPLES_PER_MS

    def append(self, samples: np.ndarray) -> None:
        if samples.size:
            self._chunks.append(samples)
            self.position += samples.size

    def _retained(self) -> np.ndarray:
        if len(self._chunks) > 1:
            self._chunks = [np.concatenate(self._chunks)]
        return self._chunks[0] if self._chunks else np.zeros(0, dtype=np.int16)

    def take(self, start: int, end: int) -> np.ndarray:
        """The audio in [start, end) (clamped to what is kept); the commit point moves to end."""
        data = self._retained()
        lo = max(start, self._start, self.committed_at) - self._start
        hi = max(lo, end - self._start)
        taken = data[lo:hi].copy()
        self._chunks = [data[hi:]] if hi < data.size else []
        self._start = max(self._start, end)
        self.committed_at = end
        return taken

    def take_all(self) -> np.ndarray:
        return self.take(self.committed_at, self.position)

    def clear(self) -> None:
        self._chunks = []
        self._start = self.committed_at = self.position

    def forget_before(self, position: int) -> None:
        """Drop audio before ``position`` (it can no longer be part of a commit)."""
        if position <= self._start:
            return
        data = self._retained()
        cut = min(position, self.position) - self._start
        self._chunks = [data[cut:]] if cut < data.size else []
        self._start += cut


class EnergyVad:
    """Speech start/stop on a stream of 24 kHz int16 samples (positions in samples)."""

    def __init__(self, settings: VadSettings, position: int = 0) -> None:
        self.settings = settings
        self._level = threshold_dbfs(settings.threshold)
        self._pending = np.zeros(0, dtype=np.int16)
        self._frame_at = position  # position of the first sample of ``_pending``
        self.speaking = False
        self._last_voice_end = 0
        self._silence = 0

    def reset(self, position: int) -> None:
        """Forget any speech in progress (after a manual commit or a clear)."""
        self._pending = np.zeros(0, dtype=np.int16)
        self._frame_at = position
        self.speaking = False
        self._silence = 0

    def feed(self, samples: np.ndarray) -> list[SpeechStarted | SpeechStopped]:
        data = np.concatenate([self._pending, samples]) if self._pending.size else samples
        whole = data.size // FRAME * FRAME
        self._pending = data[whole:].copy()
        if whole == 0:
            return []
        frames = data[:whole].reshape(-1, FRAME).astype(np.float32) / 32768.0
        levels = 10.0 * np.log10(np.mean(frames * frames, axis=1) + 1e-12)
        voiced = levels > self._level
        events: list[SpeechStarted | SpeechStopped] = []
        silence_needed = self.settings.silence_duration_ms * SAMPLES_PER_MS
        padding = self.settings.prefix_padding_ms * SAMPLES_PER_MS
        for index, is_voice in enumerate(voiced.tolist()):
            frame_start = self._frame_at + index * FRAME
            if is_voice:
                if not self.speaking:
                    self.speaking = True
                    events.append(SpeechStarted(max(0, frame_start - padding)))
                self._last_voice_end = frame_start + FRAME
                self._silence = 0
            elif self.speaking:
                self._silence += FRAME
                if self._silence >= silence_needed:
                    self.speaking = False
                    self._silence = 0
                    events.append(SpeechStopped(self._last_voice_end + silence_needed))
        self._frame_at += whole
        return events
