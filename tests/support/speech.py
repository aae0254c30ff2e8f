"""Speech fixtures for tests: espeak-ng sentences joined by silences, as a 24 kHz PCM16 track."""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Sequence

import numpy as np

from translator.server.tts import RATE, synthesize


def speech_track(
    sentences: Sequence[str], language: str, *, gap_s: float = 1.2, lead_s: float = 0.4
) -> np.ndarray:
    """``sentences`` spoken one after another with ``gap_s`` of silence between and after them."""
    parts = [np.zeros(int(lead_s * RATE), np.int16)]
    for text in sentences:
        parts += [synthesize(text, language), np.zeros(int(gap_s * RATE), np.int16)]
    return np.concatenate(parts)


async def stream(
    track: np.ndarray, append: Callable[[bytes], None], *, chunk_ms: int = 20, pace: float = 0.0
) -> None:
    """Feed ``track`` in ``chunk_ms`` chunks; ``pace`` 1.0 is real time, 0 as fast as possible."""
    step = RATE * chunk_ms // 1000
    for start in range(0, track.size, step):
        append(track[start : start + step].tobytes())
        await asyncio.sleep(pace * chunk_ms / 1000)
