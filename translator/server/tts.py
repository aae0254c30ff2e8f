"""Speech synthesis for the local server and the tests: espeak-ng → 24 kHz mono PCM16.

Each of the service's voices is one espeak-ng variant (``VOICES``: pitch, timbre, male or
female as the service's voice sounds), so a chosen voice is heard in the demo and the tests can
tell voices apart; no voice (or one the table lacks, such as a custom voice id) is the plain
language voice. Outside CI, when espeak-ng is missing, a tone pattern stands in (one short beep
per word) so the demo still makes sound; under ``CI=true`` a missing espeak-ng is an error, never
a silent fallback.
"""

from __future__ import annotations

import functools
import os
import shutil
import subprocess

import numpy as np
import soxr

RATE = 24_000

VOICES: dict[str, str] = {
    "alloy": "m3",
    "ash": "m1",
    "ballad": "m7",
    "coral": "f2",
    "echo": "m2",
    "sage": "f3",
    "shimmer": "f4",
    "verse": "m6",
    "marin": "f5",
    "cedar": "m4",
}
"""The service's voice → the espeak-ng variant that stands in for it."""

SERVER_VOICE = "alloy"
"""The voice of a session that names none (the service's default)."""


class SpeechUnavailable(RuntimeError):
    """espeak-ng is needed and not installed."""

    def __init__(self) -> None:
        super().__init__(
            "espeak-ng is not installed; install it (Debian: apt-get install espeak-ng) "
            "or run scripts/bootstrap.sh"
        )


def espeak_available() -> bool:
    return shutil.which("espeak-ng") is not None


@functools.lru_cache(maxsize=256)
def _espeak(text: str, language: str, speed_wpm: int) -> bytes:
    exe = shutil.which("espeak-ng")
    if exe is None:
        raise SpeechUnavailable()
    out = subprocess.run(
        [exe, "-v", language, "-s", str(speed_wpm), "--stdout", text],
        check=True,
        capture_output=True,
    ).stdout
    return out


def _wav_payload(wav: bytes) -> tuple[np.ndarray, int]:
    """Parse espeak-ng's streamed WAV (its RIFF sizes are placeholders, so no ``wave`` module)."""
    if wav[:4] != b"RIFF" or wav[8:12] != b"WAVE":
        raise ValueError("espeak-ng did not produce a WAV stream")
    pos = 12
    rate = 22_050
    while pos + 8 <= len(wav):
        tag, size = wav[pos : pos + 4], int.from_bytes(wav[pos + 4 : pos + 8], "little")
        if tag == b"fmt ":
            rate = int.from_bytes(wav[pos + 12 : pos + 16], "little")
        elif tag == b"data":
            data = wav[pos + 8 :]
            return np.frombuffer(data[: len(data) // 2 * 2], dtype="<i2"), rate
        pos += 8 + size
    raise ValueError("espeak-ng WAV stream has no data chunk")


def _tones(text: str) -> np.ndarray:
    words = max(1, len(text.split()))
    t = np.arange(int(0.18 * RATE)) / RATE
    beep = (0.3 * np.sin(2 * np.pi * 660 * t) * np.hanning(t.size) * 32767).astype(np.int16)
    gap = np.zeros(int(0.07 * RATE), dtype=np.int16)
    return np.concatenate([np.concatenate([beep, gap]) for _ in range(words)])


def synthesize(
    text: str, language: str, *, voice: object = None, speed_wpm: int = 175
) -> np.ndarray:
    """Speak ``text`` in ``language`` (an espeak-ng voice such as ``en``, ``es``, ``fr``), in
    the variant standing in for ``voice`` (a service voice name; anything else: plain).

    Returns int16 samples at 24 kHz, mono, without leading or trailing silence.
    """
    if not espeak_available():
        if os.environ.get("CI") == "true":
            raise SpeechUnavailable()
        return _tones(text)
    variant = VOICES.get(voice) if isinstance(voice, str) else None
    espeak_voice = f"{language}+{variant}" if variant else language
    samples, rate = _wav_payload(_espeak(text, espeak_voice, speed_wpm))
    audio: np.ndarray = soxr.resample(
        samples.astype(np.float32) / 32768.0, rate, RATE, quality="HQ"
    )
    loud = np.flatnonzero(np.abs(audio) > 0.01)
    if loud.size:
        audio = audio[loud[0] : loud[-1] + 1]
    return np.clip(np.round(audio * 32767.0), -32768, 32767).astype(np.int16)
