"""End-to-end helpers: speech WAVs in, the real `translator run` command, WAVs and transcripts out.

The command runs as a subprocess (as users and scripts run it) against the local server started
in-process by the test, with a scripted brain that knows both scripts (English and Spanish).
"""

from __future__ import annotations

import asyncio
import json
import os
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from tests.support.speech import EN, ES, speech_wav
from translator.server.brain import ScriptedBrain
from translator.server.tts import synthesize


@pytest.fixture(scope="session")
def bilingual_brain() -> ScriptedBrain:
    return ScriptedBrain([*EN, *ES])


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


def translations_in_order(recording: np.ndarray, texts: Sequence[tuple[str, str]]) -> list[int]:
    """Assert each (text, language) translation is in ``recording`` once, clearly; return where."""
    positions = []
    for text, language in texts:
        at, score = locate(recording, synthesize(text, language))
        assert score > 0.8, f"translation {text!r} not found in the output (best NCC {score:.2f})"
        positions.append(at)
    return positions


def one_sentence(tmp_path: Path, *, fast: bool = True) -> list[str]:
    """``--input``/``--output``: one English sentence in a WAV file, its translation beside it."""
    files = ["--input", str(speech_wav(tmp_path / "in.wav", EN[:1])), "--output"]
    return [*files, str(tmp_path / "out.wav"), *(["--pace", "fast"] if fast else [])]


def local_en_es(url: str) -> list[str]:
    """English → Spanish against the in-process local server at ``url``."""
    return ["--from", "en", "--to", "es", "--base-url", url, "--api-key", "sk-local"]


@dataclass
class Cli:
    code: int
    stdout: str
    stderr: str
    transcript: dict[str, Any] | None


async def translator_run(*args: str, transcript: Path | None = None, timeout: float = 120) -> Cli:
    # no key from the environment or this machine's keyring may leak into a test
    env = {
        **os.environ,
        "OPENAI_API_KEY": "",
        "PYTHON_KEYRING_BACKEND": "keyring.backends.null.Keyring",
    }
    extra = ["--transcript", str(transcript)] if transcript else []
    proc = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "translator",
        "run",
        *args,
        *extra,
        "--no-history",
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
        env=env,
    )
    out, err = await asyncio.wait_for(proc.communicate(), timeout)
    data = json.loads(transcript.read_text()) if transcript and transcript.exists() else None
    assert proc.returncode is not None
    return Cli(proc.returncode, out.decode(), err.decode(), data)
