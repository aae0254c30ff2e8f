"""Speech fixtures for tests and benchmarks: the scripted sentences (English and Spanish) and
espeak-ng tracks of them with silences between, as 24 kHz PCM16 arrays or WAV files."""

from __future__ import annotations

import asyncio
import tomllib
import wave
from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np

from translator.realtime.config import PREFERRED_VOICES
from translator.server.brain import ScriptEntry
from translator.server.tts import RATE, synthesize

SCRIPTS = Path(__file__).parent.parent / "fixtures" / "scripts"


def _entries(name: str) -> list[ScriptEntry]:
    raw = tomllib.loads((SCRIPTS / name).read_text())["utterances"]
    return [ScriptEntry(**entry) for entry in raw]


APP_VOICE = PREFERRED_VOICES[0]
"""The voice the app asks for when the user chose none (the test models all have it): the local
server speaks each voice differently, so a test that looks for a translation in what was played
renders it in this voice."""

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


def locate(recording: np.ndarray, speech: np.ndarray) -> tuple[int, float]:
    """Where ``speech`` best matches in ``recording`` (sample offset) and how well (NCC)."""
    ref = speech.astype(np.float32) / 32768
    n = 1 << int(np.ceil(np.log2(recording.size + ref.size)))
    corr = np.fft.irfft(np.fft.rfft(recording, n) * np.conj(np.fft.rfft(ref, n)), n)
    corr = corr[: recording.size - ref.size + 1] if recording.size >= ref.size else corr[:1]
    energy = np.sqrt(
        np.convolve(recording * recording, np.ones(ref.size, np.float32), "valid")[: corr.size]
    )
    norm = float(np.linalg.norm(ref))
    # windows much quieter than the reference cannot hold it (and would divide by ~0)
    score = corr / (norm * np.maximum(energy, 0.25 * norm))
    at = int(np.argmax(score))
    return at, float(score[at])


def translations_in_order(
    recording: np.ndarray, texts: Sequence[tuple[str, str]], voice: str | None = APP_VOICE
) -> list[int]:
    """Assert each (text, language) translation is in ``recording`` once, clearly, spoken in
    ``voice`` (None: the plain espeak-ng voice the speakers use); return where."""
    positions = []
    for text, language in texts:
        at, score = locate(recording, synthesize(text, language, voice=voice))
        assert score > 0.8, f"translation {text!r} not found in the output (best NCC {score:.2f})"
        positions.append(at)
    return positions
