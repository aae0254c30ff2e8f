"""Speech fixtures for tests and benchmarks: the scripted sentences (English and Spanish) and
espeak-ng tracks of them with silences between, as 24 kHz PCM16 arrays or WAV files."""

from __future__ import annotations

import asyncio
import tomllib
import wave
from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np

from translator.server.brain import ScriptEntry
from translator.server.tts import RATE, synthesize

SCRIPTS = Path(__file__).parent.parent / "fixtures" / "scripts"


def _entries(name: str) -> list[ScriptEntry]:
    raw = tomllib.loads((SCRIPTS / name).read_text())["utterances"]
    return [ScriptEntry(**entry) for entry in raw]


EN = _entries("en_es.toml")
ES = _entries("es_en.toml")


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


def write_wav(path: Path, samples: np.ndarray) -> Path:
    with wave.open(str(path), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(RATE)
        out.writeframes(samples.astype("<i2").tobytes())
    return path


def read_wav(path: Path) -> np.ndarray:
    with wave.open(str(path), "rb") as wav:
        assert wav.getframerate() == RATE and wav.getnchannels() == 1
        return np.frombuffer(wav.readframes(wav.getnframes()), "<i2").astype(np.float32) / 32768


def speech_wav(path: Path, entries: Sequence[ScriptEntry], gap_s: float = 1.2) -> Path:
    return write_wav(
        path, speech_track([e.text for e in entries], entries[0].language, gap_s=gap_s)
    )


def mixed_speech_wav(path: Path, entries: Sequence[ScriptEntry], gap_s: float = 1.4) -> Path:
    silence = np.zeros(int(gap_s * RATE), np.int16)
    parts = [np.zeros(int(0.4 * RATE), np.int16)]
    for entry in entries:
        parts += [synthesize(entry.text, entry.language), silence]
    return write_wav(path, np.concatenate(parts))
