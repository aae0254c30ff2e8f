"""The audio set-up the audio benchmarks share: two full-duplex routes, as in Call mode.

Route "mine": my microphone → 20 ms chunks for one session, and a passthrough of it (ducked)
onto the other side's output, where that session's translation plays. Route "theirs": the
call's audio → chunks for the other session, and a passthrough onto my headphones, where its
translation plays. Translated speech is kept flowing as 100 ms deltas, faster than real time.
"""

from __future__ import annotations

import numpy as np

from translator.audio.backends import AudioBackend, MemoryDevice, Signal
from translator.audio.dsp import float_to_pcm16
from translator.audio.playback import PlaybackBuffer
from translator.audio.router import AudioRouter, CapturedChunk

SPEECH_DELTA = 2400  # 100 ms at 24 kHz


def looped(samples: np.ndarray, channels: int) -> Signal:
    """A synthetic input that replays ``samples`` (so generating it costs next to nothing)."""
    block = np.repeat(samples[:, None], channels, axis=1).astype(np.float32)
    doubled = np.concatenate([block, block])

    def signal(first: int, frames: int) -> np.ndarray:
        start = first % block.shape[0]
        return doubled[start : start + frames]

    return signal


def voice_like(rate: int, seconds: float = 1.0, seed: int = 0) -> np.ndarray:
    rng = np.random.default_rng(seed)
    t = np.arange(round(rate * seconds)) / rate
    envelope = 0.5 + 0.5 * np.sin(2 * np.pi * 3 * t)
    return (
        0.2 * envelope * (np.sin(2 * np.pi * 220 * t) + 0.3 * rng.standard_normal(t.size))
    ).astype(np.float32)


def memory_devices(rate: int = 48_000) -> list[MemoryDevice]:
    return [
        MemoryDevice("mic", rate, 2, signal=looped(voice_like(rate, seed=1), 2)),
        MemoryDevice("call audio", rate, 2, signal=looped(voice_like(rate, seed=2), 2)),
        MemoryDevice("headphones", rate, 2),
        MemoryDevice("virtual cable", rate, 2),
    ]


class TwoRoutes:
    """Both routes on ``backend``; ``feed_speech`` keeps about 300 ms of translation queued."""

    def __init__(
        self,
        backend: AudioBackend,
        devices: dict[str, str | int | None],
        *,
        chunk_ms: float = 20.0,
    ) -> None:
        self.router = AudioRouter(backend)
        self.chunks = 0
        mic = self.router.add_input("mine", devices["mic"], on_chunk=self._count, chunk_ms=chunk_ms)
        call = self.router.add_input(
            "theirs", devices["call audio"], on_chunk=self._count, chunk_ms=chunk_ms
        )
        cable = self.router.add_output("their output", devices["virtual cable"])
        phones = self.router.add_output("my headphones", devices["headphones"])
        cable.set_passthrough(mic)
        phones.set_passthrough(call)
        self.playbacks: list[PlaybackBuffer] = [
            cable.add_playback().playback,
            phones.add_playback().playback,
        ]
        self._speech = float_to_pcm16(voice_like(24_000, 3.0, seed=3))
        self._position = 0
        self._item = 0

    def _count(self, chunk: CapturedChunk) -> None:
        self.chunks += 1

    def feed_speech(self) -> None:
        for playback in self.playbacks:
            while playback.queued_frames < 0.3 * playback.output_rate:
                if self._position >= self._speech.size:
                    playback.mark_done(f"item_{self._item}")
                    self._item += 1
                    self._position = 0
                playback.push(
                    f"item_{self._item}",
                    self._speech[self._position : self._position + SPEECH_DELTA],
                )
                self._position += SPEECH_DELTA
